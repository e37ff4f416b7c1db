"""The one-click unsubscribe of a user's mail: works without logging in, GET asks, POST
(the button, or the mail client's RFC 8058 one-click POST) turns the category off."""

from __future__ import annotations

import pytest

from notifications import selectors, unsubscribe
from notifications.categories import CONSULTATIONS, COUNCIL
from notifications.models import Mode
from tests import factories

pytestmark = pytest.mark.django_db


def path_for(user, category=CONSULTATIONS):
    token = unsubscribe.make_token(user_id=user.pk, category=category)
    return f"/notifications/unsubscribe/{token}/"


def test_get_asks_and_changes_nothing(client):
    user = factories.UserFactory()
    response = client.get(path_for(user))
    assert response.status_code == 200
    assert "<form" in response.content.decode()
    assert selectors.preferences_for(user_id=user.pk)[CONSULTATIONS] == Mode.IMMEDIATE


def test_a_one_click_post_without_a_session_or_csrf_turns_the_category_off():
    from django.test import Client

    user = factories.UserFactory()
    client = Client(enforce_csrf_checks=True)
    response = client.post(path_for(user), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    chosen = selectors.preferences_for(user_id=user.pk)
    assert chosen[CONSULTATIONS] == Mode.INBOX_ONLY
    assert chosen[COUNCIL] == Mode.IMMEDIATE  # only the mail's category


@pytest.mark.parametrize("change", ["tamper-user", "tamper-signature", "garbage"])
def test_a_tampered_token_is_refused(client, change):
    user, other = factories.UserFactory(), factories.UserFactory()
    token = unsubscribe.make_token(user_id=user.pk, category=CONSULTATIONS)
    if change == "tamper-user":
        forged = unsubscribe.make_token(user_id=other.pk, category=CONSULTATIONS)
        token = forged.split(":")[0] + ":" + token.split(":", 1)[1]
    elif change == "tamper-signature":
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    else:
        token = "not-a-token"
    response = client.post(f"/notifications/unsubscribe/{token}/")
    assert response.status_code == 404
    for person in (user, other):
        assert selectors.preferences_for(user_id=person.pk)[CONSULTATIONS] == Mode.IMMEDIATE
