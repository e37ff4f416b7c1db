"""What every write of the council's REST API shares: an account, translated errors and
`Idempotency-Key`."""

import pytest

from core.models import AuditEvent
from tests.opinions.conftest import url

pytestmark = pytest.mark.django_db


def test_writes_need_an_account(api_as, opinion):
    response = api_as(None).post(url("positions"), {}, format="json")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_errors_are_translated(api_as, members, position_in, council_member):
    vote = position_in("adopted").votes.get()

    english = api_as(council_member).post(
        url("votes", vote.pk, "ballot"), {"choice": "for"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    polish = api_as(council_member).post(
        url("votes", vote.pk, "ballot"), {"choice": "for"}, format="json"
    )

    assert english.json()["code"] == polish.json()["code"] == "vote_closed"
    assert english.json()["message"].startswith("This vote is closed")
    assert polish.json()["message"] != english.json()["message"]


def test_a_retried_ballot_with_the_same_key_is_stored_once(
    api_as, members, position_in, council_member
):
    vote = position_in("voting").votes.get()
    client = api_as(council_member)

    first = client.post(
        url("votes", vote.pk, "ballot"), {"choice": "for"}, format="json", HTTP_IDEMPOTENCY_KEY="k1"
    )
    retry = client.post(
        url("votes", vote.pk, "ballot"), {"choice": "for"}, format="json", HTTP_IDEMPOTENCY_KEY="k1"
    )

    assert first.status_code == retry.status_code == 200
    assert retry["Idempotent-Replayed"] == "true"
    assert AuditEvent.objects.filter(verb__startswith="ballot.").count() == 1


def test_a_retried_item_edit_with_the_same_key_is_applied_once(api_as, council_member, opinion):
    """Without the key, the retry would be refused as stale (revision 1 is gone); with it,
    the retry gets the first answer and the item has one new revision, not two."""
    item = opinion.items.get(order=1)
    client = api_as(council_member)

    def edit():
        return client.patch(
            url("items", item.pk),
            {"expected_revision": 1, "text": "Nowy tekst."},
            format="json",
            HTTP_IDEMPOTENCY_KEY="edit-1",
        )

    first, retry = edit(), edit()

    assert first.status_code == retry.status_code == 200
    assert retry.json() == first.json()
    assert retry["Idempotent-Replayed"] == "true"
    assert first.json()["revision"] == 2
    assert item.revisions.count() == 2


def test_a_retried_item_removal_with_the_same_key_answers_as_the_first(
    api_as, council_member, opinion
):
    item = opinion.items.get(order=1)
    client = api_as(council_member)

    first = client.delete(url("items", item.pk), HTTP_IDEMPOTENCY_KEY="remove-1")
    retry = client.delete(url("items", item.pk), HTTP_IDEMPOTENCY_KEY="remove-1")
    without_key = client.delete(url("items", item.pk))

    assert first.status_code == retry.status_code == 204
    assert retry["Idempotent-Replayed"] == "true"
    assert without_key.status_code == 404  # a new request: the item is gone
    assert list(opinion.items.values_list("order", flat=True)) == [1]
