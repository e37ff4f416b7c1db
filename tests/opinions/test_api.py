"""The council's REST API: what each endpoint does, and its errors in the shared shape."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from consultations.models import CouncilSubmission
from core.models import AuditEvent
from opinions import services
from opinions.models import (
    AmendmentStatus,
    BallotChoice,
    CouncilRequest,
    Office,
    Position,
    PositionStatus,
    RequestStatus,
)
from tests import factories
from tests.opinions.conftest import seat_of

pytestmark = pytest.mark.django_db

API = "/api/v1/council"


def url(*parts):
    return "/".join([API, *(str(part) for part in parts)]) + "/"


def deadline(days=2):
    return (timezone.now() + dt.timedelta(days=days)).isoformat()


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


# --- Votes ------------------------------------------------------------------------------


def test_a_circulation_vote_through_the_api(
    api_as, members, chair, secretary, council_member, recused_member, opinion, consultation
):
    opened = api_as(chair).post(
        url("positions", opinion.pk, "votes"),
        {"mode": "circulation", "deadline": deadline()},
        format="json",
    )
    vote_id = opened.json()["id"]
    ballots = [
        api_as(user).post(url("votes", vote_id, "ballot"), {"choice": choice}, format="json")
        for user, choice in [
            (chair, BallotChoice.FOR),
            (secretary, BallotChoice.FOR),
            (council_member, BallotChoice.AGAINST),
            (council_member, BallotChoice.FOR),
        ]
    ]
    early = api_as(secretary).post(url("votes", vote_id, "close"), HTTP_ACCEPT_LANGUAGE="en")
    running = api_as(council_member).get(url("votes", vote_id)).json()
    api_as(recused_member).post(
        url("votes", vote_id, "ballot"), {"choice": "abstain"}, format="json"
    )
    closed = api_as(secretary).post(url("votes", vote_id, "close"))

    assert opened.status_code == 201
    assert [response.status_code for response in ballots] == [200] * 4
    assert ballots[-1].json()["my_choice"] == "for"
    assert early.status_code == 409
    assert early.json()["code"] == "vote_still_running"
    assert "not every member has voted" in early.json()["message"]
    # While the vote runs a member sees the count and their own vote, not the names.
    assert (running["ballot_count"], running["my_choice"], running["voters"]) == (3, "for", None)
    assert closed.status_code == 200
    body = closed.json()
    assert (body["outcome"], body["votes_for"], body["abstentions"], body["turnout"]) == (
        "adopted",
        3,
        1,
        1.0,
    )
    assert body["voters"]["for"] == sorted(
        [chair.full_name, secretary.full_name, council_member.full_name]
    )
    assert body["rule_description"]
    assert CouncilSubmission.objects.filter(consultation=consultation).exists()
    public = api_as(None).get(url("votes", vote_id)).json()
    assert public["voters"] == body["voters"]
    assert len(public["roll"]) == 4


def test_voting_twice_changes_the_vote_but_not_in_a_closed_vote(
    api_as, members, position_in, council_member
):
    vote = position_in("adopted").votes.get()

    response = api_as(council_member).post(
        url("votes", vote.pk, "ballot"), {"choice": "against"}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["code"] == "vote_closed"
    assert vote.ballots.get(member__user=council_member).choice == "for"


def test_a_recused_member_is_told_why_they_cannot_vote(
    api_as, members, position_in, recused_member
):
    vote = position_in("voting").votes.get()

    response = api_as(recused_member).post(
        url("votes", vote.pk, "ballot"), {"choice": "for"}, format="json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "member_recused"
    assert not vote.ballots.exists()


def test_a_member_declares_a_conflict_through_the_api(
    api_as, members, chair, council_member, opinion
):
    vote = (
        api_as(chair)
        .post(
            url("positions", opinion.pk, "votes"),
            {"mode": "circulation", "deadline": deadline()},
            format="json",
        )
        .json()
    )

    response = api_as(council_member).post(
        url("votes", vote["id"], "recusals"), {"reason": "Zasiadam w zarządzie."}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["recusals"][0]["declared_by_member"] is True


def test_a_meeting_vote_through_the_api(
    api_as, members, secretary, chair, council_member, term, opinion
):
    client = api_as(secretary)
    vote = client.post(
        url("positions", opinion.pk, "votes"), {"mode": "meeting"}, format="json"
    ).json()
    present = [seat_of(user, term).pk for user in (chair, secretary, council_member)]

    attendance = client.post(
        url("votes", vote["id"], "attendance"), {"present_member_ids": present}, format="json"
    )
    recorded = [
        client.post(
            url("votes", vote["id"], "ballots"), {"member": member, "choice": "for"}, format="json"
        )
        for member in present
    ]
    closed = client.post(url("votes", vote["id"], "close"))

    assert attendance.status_code == 200
    assert [entry["present"] for entry in attendance.json()["roll"]].count(True) == 3
    assert [response.status_code for response in recorded] == [200] * 3
    assert closed.json()["outcome"] == "adopted"
    assert closed.json()["participated"] == 3
    unknown = client.post(
        url("votes", vote["id"], "ballots"), {"member": 999999, "choice": "for"}, format="json"
    )
    assert unknown.status_code == 400


def test_votes_are_listed_for_those_who_see_their_positions(
    api_as, members, position_in, council_member
):
    adopted = position_in("adopted")
    position_in("voting")

    public = api_as(None).get(url("votes")).json()
    member = api_as(council_member).get(url("votes"), {"open": "true"}).json()

    assert [row["position"] for row in public["results"]] == [adopted.pk]
    assert member["count"] == 1


# --- Requests, terms, workspace ---------------------------------------------------------


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
