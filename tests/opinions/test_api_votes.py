"""The council's REST API for votes: by circulation and at a meeting, recusals, and who
sees which votes."""

import pytest

from consultations.models import CouncilSubmission
from opinions.models import BallotChoice
from tests.opinions.conftest import deadline, seat_of, url

pytestmark = pytest.mark.django_db


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
