"""The comments API: drafting, submitting in one request with a receipt and an
Idempotency-Key, stale edits, the closed consultation's refusal, moderation as each
viewer sees it, and attachments."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from consultations import services
from consultations.models import Comment, CommentVisibility
from core.tracking import is_tracking_number
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import AFTER, at, comment_on, submitted

pytestmark = pytest.mark.django_db


def comments_url(consultation) -> str:
    return f"/api/v1/consultations/{consultation.pk}/comments/"


def comment_url(comment, action: str = "") -> str:
    return f"/api/v1/comments/{comment.pk}/" + (f"{action}/" if action else "")


def body(provision, organisation=None, **extra):
    data = {
        "provision": provision.pk,
        "proposed_wording": "Nowe brzmienie przepisu.",
        "justification": "Obecne jest niejasne.",
        **extra,
    }
    if organisation is not None:
        data["organisation"] = organisation.pk
    return data


def test_a_representative_submits_in_one_request_and_a_retry_returns_the_same_receipt(
    api_as, consultation, provisions, ngo, ngo_representative
):
    client = api_as(ngo_representative)
    data = body(provisions[3], ngo, submit=True)

    first = client.post(comments_url(consultation), data, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    retry = client.post(comments_url(consultation), data, format="json", HTTP_IDEMPOTENCY_KEY="k1")

    assert first.status_code == 201, first.json()
    receipt = first.json()
    assert receipt["status"] == "submitted"
    assert is_tracking_number(receipt["tracking_number"])
    assert receipt["tracking_number"].startswith("SOP-")
    assert receipt["submitted_at"]
    assert retry.status_code == 201
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json() == receipt
    assert Comment.objects.count() == 1


def test_a_member_drafts_and_the_representative_submits_the_draft(
    api_as, consultation, provisions, ngo, ngo_member, ngo_representative
):
    draft = api_as(ngo_member).post(
        comments_url(consultation), {"organisation": ngo.pk, "provision": provisions[2].pk}
    )
    assert draft.status_code == 201, draft.json()
    assert draft.json()["proposed_wording"] == ""  # starts empty
    assert draft.json()["tracking_number"] is None

    refused = api_as(ngo_member).post(f"/api/v1/comments/{draft.json()['id']}/submit/")
    assert refused.status_code == 403

    edited = api_as(ngo_member).patch(
        f"/api/v1/comments/{draft.json()['id']}/",
        {"revision": draft.json()["revision"], "justification": "Bo tak."},
        format="json",
    )
    assert edited.status_code == 200
    submitted_response = api_as(ngo_representative).post(
        f"/api/v1/comments/{draft.json()['id']}/submit/", HTTP_IDEMPOTENCY_KEY="submit-1"
    )
    assert submitted_response.status_code == 200
    assert submitted_response.json()["status"] == "submitted"


def test_a_stale_edit_gets_409_with_the_current_text(
    api_as, consultation, provisions, ngo, ngo_member, ngo_representative
):
    draft = comment_on(consultation, ngo_member, organisation=ngo, provision=provisions[3])
    api_as(ngo_representative).patch(
        comment_url(draft), {"revision": 1, "proposed_wording": "Wersja A"}, format="json"
    )
    response = api_as(ngo_member).patch(
        comment_url(draft), {"revision": 1, "proposed_wording": "Wersja B"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "stale_edit"
    assert response.json()["extra"]["current"]["proposed_wording"] == "Wersja A"
    assert response.json()["extra"]["submitted"]["proposed_wording"] == "Wersja B"


def test_after_the_end_the_refusal_says_when_it_closed_and_returns_the_text(
    api_as, consultation, provisions, ngo, ngo_representative
):
    with at(consultation, AFTER):
        response = api_as(ngo_representative).post(
            comments_url(consultation),
            body(provisions[3], ngo, submit=True, proposed_wording="Moja propozycja"),
            format="json",
        )
    assert response.status_code == 409
    error = response.json()
    assert error["code"] == "consultation_closed"
    assert timezone.localtime(consultation.ends_at).strftime("%H:%M:%S") in error["message"]
    assert error["extra"]["submitted"]["proposed_wording"] == "Moja propozycja"
    assert error["extra"]["closed_at"]
    assert not Comment.objects.exists()


def test_a_hidden_comment_shows_its_reason_to_the_public_and_its_text_to_its_authors(
    api_as, consultation, provisions, official, ngo, ngo_member, ngo_representative, resident
):
    comment = submitted(consultation, ngo_representative, ngo, provisions[3])
    hidden = api_as(official).post(
        comment_url(comment, "hide"), {"reason": "Dane osobowe"}, format="json"
    )
    assert hidden.status_code == 200

    public = api_as(None).get(comment_url(comment)).json()
    assert public["is_hidden"] is True
    assert public["hidden_reason"] == "Dane osobowe"
    assert (public["proposed_wording"], public["justification"]) == (None, None)
    assert public["content_visible"] is False
    assert public["tracking_number"] is None
    listed = api_as(resident).get(comments_url(consultation)).json()["results"]
    assert [row["hidden_reason"] for row in listed] == ["Dane osobowe"]

    own = api_as(ngo_member).get(comment_url(comment)).json()
    assert own["proposed_wording"] == comment.proposed_wording
    assert own["tracking_number"] == comment.tracking_number

    shown = api_as(official).post(comment_url(comment, "unhide"))
    assert shown.json()["is_hidden"] is False


def test_comments_public_after_the_end_stay_with_their_authors_until_then(
    api_as, consultation, ngo, ngo_representative, official
):
    consultation.comment_visibility = CommentVisibility.AFTER_END
    consultation.save(update_fields=["comment_visibility"])
    comment = submitted(consultation, ngo_representative, ngo)

    assert api_as(None).get(comment_url(comment)).status_code == 404
    assert api_as(None).get(comments_url(consultation)).json()["count"] == 0
    assert api_as(official).get(comment_url(comment)).status_code == 200
    with at(consultation, AFTER):
        assert api_as(None).get(comment_url(comment)).status_code == 200


def test_drafts_are_seen_by_their_organisation_only(
    api_as, consultation, ngo, ngo_member, other_ngo_representative, official
):
    draft = comment_on(consultation, ngo_member, organisation=ngo)
    assert api_as(ngo_member).get(comments_url(consultation)).json()["count"] == 1
    for outsider in (None, other_ngo_representative, official):
        assert api_as(outsider).get(comment_url(draft)).status_code == 404
        assert api_as(outsider).get(comments_url(consultation)).json()["count"] == 0


def test_the_list_filters_by_provision_organisation_and_status(
    api_as, consultation, provisions, ngo, other_ngo, ngo_representative, other_ngo_representative
):
    first = submitted(consultation, ngo_representative, ngo, provisions[3])
    second = submitted(consultation, other_ngo_representative, other_ngo, provisions[3])
    whole = submitted(consultation, other_ngo_representative, other_ngo)
    services.comment_withdraw(comment=whole, actor=other_ngo_representative)
    client = api_as(None)

    def ids(**params):
        return [
            row["id"] for row in client.get(comments_url(consultation), params).json()["results"]
        ]

    assert ids() == [first.pk, second.pk]
    assert ids(provision=provisions[3].pk, organisation=other_ngo.pk) == [second.pk]
    assert ids(status="withdrawn") == []
    assert [
        row["id"]
        for row in api_as(other_ngo_representative)
        .get(comments_url(consultation), {"status": "withdrawn"})
        .json()["results"]
    ] == [whole.pk]


def test_a_resident_comments_in_their_own_name_and_is_not_named_to_the_public(
    api_as, consultation, provisions, resident
):
    response = api_as(resident).post(
        comments_url(consultation), body(provisions[3], submit=True), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["author"] == resident.full_name
    public = api_as(None).get(comment_url(Comment.objects.get())).json()
    assert public["author"] != resident.full_name
    assert public["drafted_by"] is None


def test_files_are_attached_until_the_limit(api_as, consultation, ngo, ngo_member):
    draft = comment_on(consultation, ngo_member, organisation=ngo)
    client = api_as(ngo_member)
    response = client.post(
        comment_url(draft, "attachments"),
        {"file": SimpleUploadedFile("skan.png", b"\x89PNG\r\n\x1a\nxxxx")},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["content_type"] == "image/png"
    listed = client.get(comment_url(draft)).json()["attachments"]
    assert [attachment["name"] for attachment in listed] == ["skan.png"]


def test_a_membership_granted_between_two_requests_counts_in_the_second(
    api_as, consultation, provisions, ngo, resident
):
    """The test client keeps one user object across requests; each request reads its own
    viewer, so nothing read in the first is carried into the second."""
    from tests import factories

    client = api_as(resident)
    data = body(provisions[3], organisation=ngo)
    refused = client.post(comments_url(consultation), data, format="json")
    assert refused.status_code == 403

    factories.MembershipFactory(user=resident, organisation=ngo)
    assert client.post(comments_url(consultation), data, format="json").status_code == 201
