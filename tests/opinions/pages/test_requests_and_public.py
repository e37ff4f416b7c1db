"""An organisation asks the council for an opinion and follows it to the numbered
resolution; the public reads the adopted resolutions, each with its vote and voters, and a
term's members and activity."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.dates import moment_text
from opinions import services
from opinions.models import BallotChoice, CouncilRequest, Position, PositionKind, PositionStatus
from tests.opinions.pages.conftest import decide, make_position
from tests.opinions.pages.helpers import polish
from tests.pdf import minimal_pdf

pytestmark = pytest.mark.django_db

PDF = minimal_pdf()


# --- Requests ---------------------------------------------------------------------------


def test_a_representative_sends_a_request_with_an_attachment_and_follows_it(
    client_as, ngo, ngo_representative, members
):
    client = client_as(ngo_representative)
    response = client.post(
        reverse("council:request_create"),
        {
            "organisation": ngo.pk,
            "kind": "offer_opinion",
            "subject": "Oferta: Sopockie Forum Seniorów",
            "description": "Prosimy o opinię.",
            "attachments": [SimpleUploadedFile("oferta.pdf", PDF, "application/pdf")],
        },
    )
    council_request = CouncilRequest.objects.get(subject="Oferta: Sopockie Forum Seniorów")
    assert response.status_code == 302
    assert response["Location"] == reverse("council:request_detail", args=[council_request.pk])
    page = client.get(response["Location"])
    assert page.context["position"].status == PositionStatus.DRAFT
    attachment = council_request.attachments.get()
    download = reverse("files:council-request-attachment", args=[attachment.pk])
    assert download in page.text
    file_response = client.get(download)
    assert file_response.status_code == 200
    assert b"".join(file_response.streaming_content).startswith(b"%PDF-")


def test_a_request_without_a_subject_is_refused_and_nothing_is_sent(
    client_as, ngo, ngo_representative, members
):
    response = client_as(ngo_representative).post(
        reverse("council:request_create"),
        {"organisation": ngo.pk, "kind": "recommendation", "subject": "", "description": "x"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["subject"]
    assert 'href="#id_subject"' in response.text
    assert not CouncilRequest.objects.exists()


def test_an_attachment_that_is_not_an_accepted_file_is_refused(
    client_as, ngo, ngo_representative, members
):
    response = client_as(ngo_representative).post(
        reverse("council:request_create"),
        {
            "organisation": ngo.pk,
            "kind": "recommendation",
            "subject": "Rekomendacja",
            "description": "Prosimy.",
            "attachments": [SimpleUploadedFile("program.exe", b"MZ\x90\x00\x03\x00", "x")],
        },
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.text
    assert not CouncilRequest.objects.exists()


def test_another_organisation_cannot_download_a_requests_attachment(
    client_as, ngo, ngo_representative, other_ngo_representative, members
):
    client = client_as(ngo_representative)
    client.post(
        reverse("council:request_create"),
        {
            "organisation": ngo.pk,
            "kind": "recommendation",
            "subject": "Rekomendacja",
            "description": "Prosimy.",
            "attachments": [SimpleUploadedFile("list.pdf", PDF, "application/pdf")],
        },
    )
    council_request = CouncilRequest.objects.get()
    attachment = council_request.attachments.get()
    url = reverse("files:council-request-attachment", args=[attachment.pk])
    client.logout()
    assert client_as(other_ngo_representative).get(url).status_code == 404


def test_the_requester_sees_the_vote_and_the_number_once_adopted(
    client_as, ngo_representative, members, chair, secretary, requested_position
):
    voters = [member for member in members if member.full_name != "Roksana Wyłączona"]
    decide(requested_position, chair, secretary, voters, BallotChoice.FOR)
    requested_position.refresh_from_db()
    response = client_as(ngo_representative).get(
        reverse("council:request_detail", args=[requested_position.request_id])
    )
    assert requested_position.number_label in response.text
    assert reverse("council:resolution_detail", args=[requested_position.pk]) in response.text
    steps = {step.code: step for step in response.context["progress"]}
    assert list(steps) == ["sent", "accepted", "voted", "adopted"]
    assert steps["accepted"].by == chair.full_name
    assert steps["voted"].note.startswith(f"{len(voters)} głos")


def test_a_new_request_waits_for_the_officers_and_does_not_say_it_is_being_drafted(
    client_as, ngo_representative, council_request
):
    response = client_as(ngo_representative).get(
        reverse("council:request_detail", args=[council_request.pk])
    )

    assert [step.code for step in response.context["progress"]] == ["sent", "awaiting_decision"]
    assert "Czeka na przyjęcie lub odrzucenie" in response.text
    assert "Członkowie przygotowują projekt stanowiska" not in response.text


def test_accepting_a_request_adds_the_step_with_who_and_when(
    client_as, ngo_representative, secretary, council_request
):
    services.request_accept(request=council_request, actor=secretary)
    council_request.refresh_from_db()

    response = client_as(ngo_representative).get(
        reverse("council:request_detail", args=[council_request.pk])
    )

    steps = response.context["progress"]
    assert [step.code for step in steps] == ["sent", "accepted", "drafting"]
    assert (steps[1].by, steps[1].at) == (secretary.full_name, council_request.decided_at)
    assert f"Przyjęty przez radę</strong>, {moment_text(council_request.decided_at)}" in (
        response.text
    )
    assert "Członkowie przygotowują projekt stanowiska" in response.text
    assert "Czeka na przyjęcie" not in response.text


def test_a_declined_request_shows_who_declined_it_and_why(
    client_as, ngo_representative, chair, council_request
):
    services.request_decline(request=council_request, actor=chair, reason="Poza zakresem rady.")

    response = client_as(ngo_representative).get(
        reverse("council:request_detail", args=[council_request.pk])
    )

    steps = response.context["progress"]
    assert [step.code for step in steps] == ["sent", "declined"]
    assert (steps[1].by, steps[1].note) == (chair.full_name, "Poza zakresem rady.")
    assert "Członkowie przygotowują" not in response.text


# --- The public resolutions --------------------------------------------------------------


def test_the_adopted_list_shows_numbers_and_filters_by_year_and_kind(
    client, adopted_position, rejected_position, members, term, council_member, chair, secretary
):
    nomination = make_position(
        council_member, term, subject="wskazanie przedstawicieli", kind=PositionKind.NOMINATION
    )
    decide(nomination, chair, secretary, members, BallotChoice.FOR)
    response = client.get(reverse("council:adopted_list"))
    positions = list(response.context["positions"])
    assert {position.pk for position in positions} == {adopted_position.pk, nomination.pk}
    assert rejected_position.subject not in response.text
    year = timezone.localdate().year
    assert f"1/{year}" in response.text
    assert f"2/{year}" in response.text
    by_kind = client.get(reverse("council:adopted_list"), {"kind": PositionKind.NOMINATION})
    assert [p.pk for p in by_kind.context["positions"]] == [nomination.pk]
    # A year without resolutions is not offered; asked for anyway, it is ignored.
    other_year = client.get(reverse("council:adopted_list"), {"year": year - 1})
    assert len(other_year.context["positions"]) == 2
    by_year = client.get(reverse("council:adopted_list"), {"year": year})
    assert len(by_year.context["positions"]) == 2


def test_a_resolution_page_shows_its_number_text_vote_and_voters(client, adopted_position):
    response = client.get(reverse("council:resolution_detail", args=[adopted_position.pk]))
    position = Position.objects.select_related("council").get(pk=adopted_position.pk)
    assert position.title in response.text
    assert "Rada popiera projekt." in response.text
    assert "Marek Członek" in response.text
    assert polish("Adopted") in response.text
    assert response.context["can_view_drafting"] is False


def test_the_term_page_lists_members_former_members_adoptions_and_attendance(
    client, term, adopted_position, former_member
):
    response = client.get(reverse("council:term_detail", args=[term.pk]))
    current = [row.member.user.full_name for row in response.context["current_members"]]
    former = [row.member.user.full_name for row in response.context["former_members"]]
    assert "Celina Przewodnicząca" in current
    assert former == ["Feliks Były"]
    assert adopted_position.subject in response.text
    assert response.context["average_turnout"] == 100
    assert "<caption" in response.text
    assert 'scope="col"' in response.text


def test_a_resolution_heads_who_voted_how_with_nouns(client, adopted_position):
    page = client.get(reverse("council:resolution_detail", args=[adopted_position.pk])).text

    assert "<dt>Głosy za (4)</dt>" in page
    assert "<dt>Głosy wstrzymujące się (0)</dt>" in page
    assert "Wstrzymuję się (" not in page
