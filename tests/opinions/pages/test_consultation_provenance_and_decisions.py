"""Under an NGO comment on the consultation page, the council positions that took it in:
for everyone once the position is decided, for a draft only to the council's members.
And the chair or the secretary accepts or declines an organisation's request from its page;
nobody else can."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opinions import services
from opinions.models import Amendment, AmendmentStatus, BallotChoice, Position, RequestStatus
from tests.opinions.pages.conftest import decide
from tests.opinions.pages.helpers import messages_of, polish

pytestmark = pytest.mark.django_db


def provenance_line(position, number) -> str:
    return polish(
        "Taken into the council's position “%(subject)s”, item %(number)s",
        subject=position.subject,
        number=number,
    )


def consultation_page(client, consultation):
    return client.get(
        reverse("consultations:detail", args=[consultation.pk]), HTTP_ACCEPT_LANGUAGE="pl"
    )


@pytest.mark.parametrize("persona", ["anonymous", "ngo_representative", "official"])
def test_a_draft_position_is_not_named_under_the_comment_to_others(
    request, client_as, persona, draft_position, consultation
):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)

    response = consultation_page(client_as(user), consultation)

    assert response.status_code == 200
    assert provenance_line(draft_position, 1) not in response.text
    assert reverse("council:position_detail", args=[draft_position.pk]) not in response.text


@pytest.mark.parametrize("persona", ["council_member", "chair"])
def test_council_members_see_which_draft_took_the_comment_in(
    request, client_as, persona, draft_position, consultation, comments
):
    response = consultation_page(client_as(request.getfixturevalue(persona)), consultation)

    assert provenance_line(draft_position, 1) in response.text
    assert provenance_line(draft_position, 2) in response.text
    entries = {entry.comment.pk: entry for row in response.context["rows"] for entry in row.entries}
    [annotation] = entries[comments[0].pk].annotations
    assert annotation.url == reverse("council:position_detail", args=[draft_position.pk])


def test_the_public_sees_an_adopted_position_under_the_comment(
    client, draft_position, consultation, comments, chair, secretary, members
):
    # A vote opens only once the pending amendment is decided.
    for amendment in Amendment.objects.filter(
        item__position=draft_position, status=AmendmentStatus.PROPOSED
    ):
        services.amendment_reject(amendment=amendment, actor=chair)
    decide(draft_position, chair, secretary, members, BallotChoice.FOR)
    position = Position.objects.get(pk=draft_position.pk)
    assert position.status == "adopted"

    response = consultation_page(client, consultation)

    assert provenance_line(position, 1) in response.text
    assert reverse("council:resolution_detail", args=[position.pk]) in response.text
    # The adopted opinion is delivered to the consultation and shown apart.
    assert polish("Opinion of the NGO council") in response.text


# --- Deciding on requests ----------------------------------------------------------------


@pytest.mark.parametrize("persona", ["chair", "secretary"])
def test_an_officer_accepts_a_request_from_its_page(request, client_as, persona, council_request):
    client = client_as(request.getfixturevalue(persona))
    page = client.get(reverse("council:request_detail", args=[council_request.pk]))
    accept = reverse("council:request_accept", args=[council_request.pk])
    assert accept in page.text

    response = client.post(accept)

    assert response.status_code == 302
    assert response["Location"] == reverse("council:request_detail", args=[council_request.pk])
    council_request.refresh_from_db()
    assert council_request.status == RequestStatus.ACCEPTED
    after = client.get(response["Location"])
    assert accept not in after.text


def test_an_officer_declines_a_request_with_a_reason(client_as, secretary, council_request):
    client = client_as(secretary)
    decline = reverse("council:request_decline", args=[council_request.pk])

    response = client.post(decline, {"reason": "Oferta nie dotyczy zadań publicznych miasta."})

    assert response.status_code == 302
    council_request.refresh_from_db()
    assert council_request.status == RequestStatus.DECLINED
    assert council_request.decline_reason == "Oferta nie dotyczy zadań publicznych miasta."


def test_declining_without_a_reason_is_refused_and_nothing_changes(
    client_as, chair, council_request
):
    client = client_as(chair)

    response = client.post(
        reverse("council:request_decline", args=[council_request.pk]), {"reason": ""}, follow=True
    )

    council_request.refresh_from_db()
    assert council_request.status == RequestStatus.SUBMITTED
    assert messages_of(response)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("council_member", 403),
        ("ngo_representative", 403),
        ("official", 404),
        ("other_ngo_representative", 404),
    ],
)
@pytest.mark.parametrize("action", ["request_accept", "request_decline"])
def test_others_may_not_decide_on_a_request(
    request, client_as, persona, status, action, council_request
):
    client = client_as(request.getfixturevalue(persona))
    page = client.get(reverse("council:request_detail", args=[council_request.pk]))

    response = client.post(
        reverse(f"council:{action}", args=[council_request.pk]), {"reason": "Nie."}
    )

    assert response.status_code == status
    if page.status_code == 200:
        assert reverse(f"council:{action}", args=[council_request.pk]) not in page.text
    council_request.refresh_from_db()
    assert council_request.status == RequestStatus.SUBMITTED


def test_the_public_is_sent_to_log_in(client, council_request):
    response = client.post(reverse("council:request_accept", args=[council_request.pk]))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    council_request.refresh_from_db()
    assert council_request.status == RequestStatus.SUBMITTED
