"""The council's REST API for NGO requests, terms and members, and the workspace."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from opinions import services
from opinions.models import CouncilRequest, Office, PositionStatus, RequestStatus
from tests.opinions.conftest import deadline, seat_of, url

pytestmark = pytest.mark.django_db


# --- Requests, terms, workspace ---------------------------------------------------------


def test_a_requests_progress_follows_its_state(api_as, term, ngo, ngo_representative, chair):
    request = services.request_submit(
        organisation=ngo, actor=ngo_representative, kind="recommendation", subject="Rekomendacja"
    )
    path = url("requests", request.pk)

    waiting = api_as(ngo_representative).get(path).json()["progress"]
    accepted = api_as(chair).post(url("requests", request.pk, "accept")).json()["progress"]

    assert [(step["code"], step["current"]) for step in waiting] == [
        ("sent", False),
        ("awaiting_decision", True),
    ]
    assert [step["code"] for step in accepted] == ["sent", "accepted", "drafting"]
    assert accepted[1]["by"] == chair.full_name
    assert accepted[1]["at"] is not None


def test_an_ngo_asks_the_council_with_an_attachment(api_as, term, ngo, ngo_representative, chair):
    response = api_as(ngo_representative).post(
        url("requests"),
        {
            "organisation": ngo.pk,
            "kind": "offer_opinion",
            "subject": "Opinia o ofercie",
            "attachments": [SimpleUploadedFile("oferta.txt", b"Oferta.")],
        },
        format="multipart",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["attachments"][0]["name"] == "oferta.txt"
    assert body["position"]["status"] == "draft"
    assert api_as(ngo_representative).get(url("requests", body["id"])).status_code == 200

    declined = api_as(chair).post(
        url("requests", body["id"], "decline"), {"reason": "Poza zakresem."}, format="json"
    )
    assert declined.json()["status"] == RequestStatus.DECLINED
    assert [step["code"] for step in declined.json()["progress"]] == ["sent", "declined"]
    assert declined.json()["position"]["status"] == PositionStatus.WITHDRAWN


def test_a_member_of_another_organisation_cannot_ask_for_it(
    api_as, term, ngo, other_ngo_representative
):
    response = api_as(other_ngo_representative).post(
        url("requests"),
        {"organisation": ngo.pk, "kind": "recommendation", "subject": "Rekomendacja"},
        format="json",
    )
    assert response.status_code == 403
    assert not CouncilRequest.objects.exists()


def test_terms_and_members_are_public_and_officers_manage_them(
    api_as, term, members, secretary, council_member, resident, former_member
):
    terms = api_as(None).get(url("terms")).json()
    seats = api_as(None).get(url("terms", term.pk, "members")).json()
    added = api_as(secretary).post(
        url("terms", term.pk, "members"), {"user": resident.pk}, format="json"
    )
    refused = api_as(council_member).post(
        url("terms", term.pk, "members"), {"user": resident.pk}, format="json"
    )
    ended = api_as(secretary).post(
        url("members", added.json()["id"], "end"),
        {"left_on": timezone.localdate().isoformat()},
        format="json",
    )

    assert terms["results"][0]["is_current"] is True
    assert terms["results"][0]["member_count"] == 4
    assert seats["count"] == 5
    assert added.status_code == 201
    assert refused.status_code == 403
    assert ended.json()["left_on"] == timezone.localdate().isoformat()


def test_the_workspace_shows_what_waits_for_me(
    api_as, members, position_in, council_member, opinion
):
    position_in("voting")

    body = api_as(council_member).get(url("workspace")).json()

    assert body["seat"]["office"] == "member"
    assert [row["id"] for row in body["positions"]["draft"]] == [opinion.pk]
    assert len(body["positions"]["voting"]) == 1
    assert len(body["votes_awaiting_ballot"]) == 1
    assert len(body["requests"]) == 1


def test_a_seat_changed_between_two_requests_counts_in_the_second(
    api_as, members, chair, administrator, term, opinion
):
    """The test client keeps one user object across requests; each request asks its own
    viewer, so a seat read in the first is not carried into the second."""
    client = api_as(chair)
    before = client.get(url("workspace")).json()

    services.member_set_office(
        member=seat_of(chair, term), actor=administrator, office=Office.MEMBER
    )
    after = client.get(url("workspace")).json()
    refused = client.post(
        url("positions", opinion.pk, "votes"),
        {"mode": "circulation", "deadline": deadline()},
        format="json",
    )

    assert (before["seat"]["office"], after["seat"]["office"]) == ("chair", "member")
    assert refused.status_code == 403
    assert not opinion.votes.exists()


def test_a_seat_ended_between_two_requests_counts_in_the_second(
    api_as, members, council_member, administrator, term, opinion
):
    client = api_as(council_member)
    assert client.get(url("workspace")).json()["seat"] is not None

    services.member_end(
        member=seat_of(council_member, term),
        actor=administrator,
        left_on=timezone.localdate() - dt.timedelta(days=1),
    )

    assert client.get(url("workspace")).json()["seat"] is None
    assert client.get(url("positions", opinion.pk)).status_code == 404


def test_the_workspace_of_a_requester_lists_their_requests(
    api_as, members, position_in, ngo_representative
):
    position_in("draft")
    body = api_as(ngo_representative).get(url("workspace")).json()
    assert body["seat"] is None
    assert body["requests"][0]["position"]["status"] == "draft"
