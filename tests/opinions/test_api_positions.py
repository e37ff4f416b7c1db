"""The council's REST API for positions, their items and amendments: what each endpoint
does, and its errors in the shared shape."""

import pytest

from opinions.models import AmendmentStatus, Position
from tests import factories
from tests.opinions.conftest import url

pytestmark = pytest.mark.django_db


# --- Positions --------------------------------------------------------------------------


def test_the_public_lists_decided_positions_and_members_see_drafts(
    api_as, members, position_in, council_member, opinion
):
    adopted = position_in("adopted")
    position_in("draft")

    public = api_as(None).get(url("positions")).json()
    member = api_as(council_member).get(url("positions")).json()

    assert [row["id"] for row in public["results"]] == [adopted.pk]
    assert public["results"][0]["title"].startswith("Uchwała nr 1/")
    assert member["count"] == 3


def test_positions_filter_by_kind_status_consultation_and_term(
    api_as, council_member, opinion, consultation, term, members, position_in
):
    position_in("draft")
    client = api_as(council_member)

    def ids(**params):
        return [row["id"] for row in client.get(url("positions"), params).json()["results"]]

    assert ids(kind="consultation_opinion") == [opinion.pk]
    assert ids(consultation=consultation.pk) == [opinion.pk]
    assert len(ids(status="draft")) == 2
    assert len(ids(term=term.pk)) == 2
    assert ids(status="adopted") == []
    assert client.get(url("positions"), {"kind": "poem"}).status_code == 400


def test_a_member_creates_a_position_in_the_current_term(
    api_as, council_member, consultation, term
):
    response = api_as(council_member).post(
        url("positions"),
        {
            "kind": "consultation_opinion",
            "subject": "Opinia o programie",
            "consultation": consultation.pk,
        },
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["term"], body["status"], body["consultation"]["id"]) == (
        term.pk,
        "draft",
        consultation.pk,
    )
    assert body["items"] == []


def test_creating_with_bad_input_names_the_fields(api_as, council_member, term):
    response = api_as(council_member).post(
        url("positions"), {"kind": "offer_opinion", "subject": "Opinia"}, format="json"
    )

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "subject_organisation" in body["extra"]["fields"]
    assert not Position.objects.exists()


def test_the_position_detail_shows_items_with_their_sources(
    api_as, council_member, opinion, comments
):
    body = api_as(council_member).get(url("positions", opinion.pk)).json()

    first = body["items"][0]
    assert first["provision"]["label"] == "§ 3 ust. 1"
    assert first["sources"] == [
        {
            "comment": comments[0].pk,
            "tracking_number": comments[0].tracking_number,
            "organisation": comments[0].organisation.name,
            "provision": "§ 3 ust. 1",
            "comment_version": 1,
            "changed_since_cited": False,
        }
    ]


def test_a_draft_is_not_found_for_the_public(api_as, opinion):
    response = api_as(None).get(url("positions", opinion.pk))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_items_are_added_written_or_from_comments(
    api_as, council_member, opinion, consultation, provisions
):
    client = api_as(council_member)
    written = client.post(
        url("positions", opinion.pk, "items"),
        {"text": "Rada postuluje dłuższe terminy.", "provision": provisions[1].pk},
        format="json",
    )
    extra = factories.CommentFactory(consultation=consultation, provision=provisions[0])
    pulled = client.post(
        url("positions", opinion.pk, "items", "from-comments"),
        {"comments": [extra.pk]},
        format="json",
    )
    unknown = client.post(
        url("positions", opinion.pk, "items", "from-comments"),
        {"comments": [extra.pk, 999999]},
        format="json",
    )
    wrong_provision = client.post(
        url("positions", opinion.pk, "items"),
        {"text": "Tekst.", "provision": factories.ProvisionFactory().pk},
        format="json",
    )

    assert written.status_code == 201
    assert (written.json()["order"], written.json()["provision"]["label"]) == (3, "§ 5")
    assert pulled.status_code == 201
    assert pulled.json()[0]["sources"][0]["comment"] == extra.pk
    assert unknown.status_code == 400
    assert "999999" in unknown.json()["extra"]["fields"]["comments"][0]
    assert wrong_provision.status_code == 400
    assert opinion.items.count() == 4


def test_a_stale_edit_is_refused_with_409_and_the_current_text(
    api_as, chair, secretary, opinion, members
):
    item = opinion.items.get(order=1)
    first = api_as(chair).patch(
        url("items", item.pk), {"expected_revision": 1, "text": "Wersja A."}, format="json"
    )
    stale = api_as(secretary).patch(
        url("items", item.pk),
        {"expected_revision": 1, "text": "Wersja B."},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert first.status_code == 200
    assert first.json()["revision"] == 2
    assert stale.status_code == 409
    body = stale.json()
    assert body["code"] == "stale_edit"
    assert "“Wersja A.”" in body["message"]
    assert body["extra"] == {"current_text": "Wersja A.", "current_revision": 2}
    item.refresh_from_db()
    assert item.text == "Wersja A."


def test_items_move_and_are_deleted_and_keep_history(api_as, council_member, opinion):
    client = api_as(council_member)
    second = opinion.items.get(order=2)

    moved = client.post(url("items", second.pk, "move"), {"order": 1}, format="json")
    history = client.get(url("items", second.pk, "revisions"))
    deleted = client.delete(url("items", second.pk))

    assert moved.json()["order"] == 1
    assert [row["revision"] for row in history.json()["results"]] == [1]
    assert deleted.status_code == 204
    assert list(opinion.items.values_list("order", flat=True)) == [1]


def test_amendments_through_the_api(api_as, secretary, council_member, chair, opinion, members):
    item = opinion.items.get(order=1)
    proposed = api_as(secretary).post(
        url("items", item.pk, "amendments"),
        {"text": "Konsultacje trwają 35 dni.", "reason": "Wakacje."},
        format="json",
    )
    amendment_id = proposed.json()["id"]
    refused = api_as(secretary).post(url("amendments", amendment_id, "accept"))
    accepted = api_as(council_member).post(url("amendments", amendment_id, "accept"))
    again = api_as(chair).post(url("amendments", amendment_id, "reject"))

    assert proposed.status_code == 201
    assert refused.status_code == 403
    assert accepted.json()["status"] == AmendmentStatus.ACCEPTED
    assert again.status_code == 409
    assert again.json()["code"] == "amendment_decided"
    item.refresh_from_db()
    assert item.text == "Konsultacje trwają 35 dni."


def test_amending_an_adopted_position_is_refused_with_a_clear_message(
    api_as, members, position_in, council_member
):
    item = position_in("adopted").items.get()

    response = api_as(council_member).post(
        url("items", item.pk, "amendments"),
        {"text": "Zmiana."},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 409
    assert response.json()["code"] == "position_not_editable"
    assert "adopted" in response.json()["message"]
    assert not item.amendments.exists()


def test_the_comment_picker_lists_the_consultation_comments(
    api_as, council_member, opinion, comments, provisions
):
    response = api_as(council_member).get(
        url("positions", opinion.pk, "comments"), {"provision": provisions[1].pk}
    )
    assert [row["id"] for row in response.json()["results"]] == [comments[1].pk]
    assert response.json()["results"][0]["taken_count"] == 1
