"""The admin of legal acts: topics are edited there; acts and versions are read-only, and
withdrawing acts is an action that calls the service."""

import pytest

from acts.models import ActStatus, Topic

pytestmark = pytest.mark.django_db

ACTS = "/admin/acts/legalact/"


def test_an_administrator_withdraws_acts_through_the_action(client, administrator, act):
    client.force_login(administrator)
    assert client.get(ACTS).status_code == 200
    assert client.get(f"{ACTS}{act.pk}/change/").status_code == 200

    client.post(ACTS, {"action": "withdraw_selected", "_selected_action": [act.pk]})

    act.refresh_from_db()
    assert act.status == ActStatus.WITHDRAWN


def test_acts_and_versions_cannot_be_added_in_the_admin_but_topics_can(
    client, administrator, draft_version
):
    client.force_login(administrator)
    assert client.get(f"{ACTS}add/").status_code == 403
    assert client.get("/admin/acts/actversion/add/").status_code == 403
    assert client.get(f"/admin/acts/actversion/{draft_version.pk}/change/").status_code == 200

    client.post("/admin/acts/topic/add/", {"name": "Sport", "slug": "sport"})

    assert Topic.objects.filter(slug="sport").exists()
