"""Votes from the pages: opening one, a member's circulation ballot (changeable until the
deadline), recusals, the secretary's meeting record, closing and the computed result.
Every refusal shows the translated message and changes nothing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from opinions.exceptions import VoteClosed, VoteStillRunning, VotingEnded
from opinions.models import Ballot, BallotChoice, PositionStatus, Recusal, Vote, VoteMode
from tests.opinions.pages.conftest import open_vote
from tests.opinions.pages.helpers import messages_of, polish, vote_of

pytestmark = pytest.mark.django_db


def vote_page(vote) -> str:
    return reverse("council:vote_detail", args=[vote.pk])


def cast(client, vote, choice):
    return client.post(reverse("council:ballot_cast", args=[vote.pk]), {"choice": choice})


# --- Opening ----------------------------------------------------------------------------


def test_the_chair_opens_a_vote_by_circulation_with_a_deadline(client_as, chair, draft_position):
    # The pending amendment must be decided first: the page says so and nothing opens.
    client = client_as(chair)
    url = reverse("council:vote_open", args=[draft_position.pk])
    deadline = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    refused = client.post(url, {"mode": VoteMode.CIRCULATION, "deadline": deadline})
    assert refused.status_code == 200
    assert 'role="alert"' in refused.text
    assert not Vote.objects.filter(position=draft_position).exists()

    amendment = draft_position.items.first().amendments.get()
    client.post(reverse("council:amendment_reject", args=[amendment.pk]))
    response = client.post(url, {"mode": VoteMode.CIRCULATION, "deadline": deadline})
    vote = Vote.objects.get(position=draft_position)
    assert response.status_code == 302
    assert response["Location"] == vote_page(vote)
    draft_position.refresh_from_db()
    assert draft_position.status == PositionStatus.VOTING


def test_a_vote_by_circulation_without_a_deadline_is_refused_at_the_field(
    client_as, chair, voting_position, requested_position
):
    response = client_as(chair).post(
        reverse("council:vote_open", args=[requested_position.pk]),
        {"mode": VoteMode.CIRCULATION, "deadline": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["deadline"]
    assert 'href="#id_deadline"' in response.text
    assert not Vote.objects.filter(position=requested_position).exists()


# --- Circulation ballots ----------------------------------------------------------------


def test_a_member_votes_and_changes_the_vote_until_the_deadline(
    client_as, council_member, voting_position
):
    vote = vote_of(voting_position)
    client = client_as(council_member)
    page = client.get(vote_page(vote))
    # Radio buttons in a fieldset whose legend asks the question.
    assert "<fieldset" in page.text
    assert "<legend" in page.text
    assert page.text.count('type="radio" name="choice"') == 3
    response = cast(client, vote, BallotChoice.FOR)
    assert response.status_code == 302
    cast(client, vote, BallotChoice.ABSTAIN)
    ballot = Ballot.objects.get(vote=vote, member__user=council_member)
    assert ballot.choice == BallotChoice.ABSTAIN
    page = client.get(vote_page(vote))
    assert page.context["my_ballot"].choice == BallotChoice.ABSTAIN
    assert re.search(r'value="abstain"[^>]* checked', page.text)


def test_a_ballot_without_a_choice_is_refused_with_the_message(
    client_as, council_member, voting_position
):
    vote = vote_of(voting_position)
    response = client_as(council_member).post(reverse("council:ballot_cast", args=[vote.pk]), {})
    assert response.status_code == 200
    assert polish("Choose for, against or abstain.") in response.text
    assert 'role="alert"' in response.text
    assert not Ballot.objects.filter(vote=vote).exists()


def test_a_ballot_after_the_deadline_is_refused_and_not_stored(
    client_as, council_member, voting_position
):
    vote = vote_of(voting_position)
    with time_machine.travel(vote.deadline + dt.timedelta(minutes=1)):
        client = client_as(council_member)
        page = client.get(vote_page(vote))
        assert page.context["can_cast"] is False
        response = cast(client, vote, BallotChoice.FOR)
    assert response.status_code == 200
    assert polish(VotingEnded.default_message) in response.text
    assert not Ballot.objects.filter(vote=vote).exists()


def test_voting_again_after_the_close_is_refused_and_the_ballot_stays(
    client_as, council_member, adopted_position
):
    vote = vote_of(adopted_position)
    client = client_as(council_member)
    assert client.get(vote_page(vote)).context["can_cast"] is False
    response = cast(client, vote, BallotChoice.AGAINST)
    assert response.status_code == 200
    assert polish(VoteClosed.default_message) in response.text
    assert Ballot.objects.get(vote=vote, member__user=council_member).choice == BallotChoice.FOR


def test_the_member_of_the_organisation_concerned_is_recused_and_cannot_vote(
    client_as, chair, recused_member, requested_position
):
    vote = open_vote(requested_position, chair)
    client = client_as(recused_member)
    page = client.get(vote_page(vote))
    assert page.context["my_recusal"] is not None
    assert page.context["can_cast"] is False
    assert reverse("council:ballot_cast", args=[vote.pk]) not in page.text
    response = cast(client, vote, BallotChoice.FOR)
    assert response.status_code == 200
    assert 'role="alert"' in response.text
    assert (
        polish(
            "You are recused from this vote (%(reason)s), so you cannot vote on it.",
            reason=Recusal.objects.get(vote=vote).reason,
        )
        in response.text
    )
    assert not Ballot.objects.filter(vote=vote).exists()


def test_a_member_declares_a_conflict_of_interest_and_their_ballot_is_withdrawn(
    client_as, council_member, voting_position
):
    vote = vote_of(voting_position)
    client = client_as(council_member)
    cast(client, vote, BallotChoice.FOR)
    response = client.post(
        reverse("council:recusal_declare", args=[vote.pk]),
        {"reason": "Zasiadam w zarządzie organizacji, której dotyczy stanowisko."},
        follow=True,
    )
    assert Recusal.objects.filter(vote=vote, member__user=council_member).exists()
    assert not Ballot.objects.filter(vote=vote, member__user=council_member).exists()
    assert response.context["my_recusal"] is not None
    assert messages_of(response)


def test_a_conflict_of_interest_needs_a_reason(client_as, council_member, voting_position):
    vote = vote_of(voting_position)
    response = client_as(council_member).post(
        reverse("council:recusal_declare", args=[vote.pk]), {"reason": ""}
    )
    assert response.status_code == 200
    assert response.context["recusal_form"].errors["reason"]
    assert not Recusal.objects.filter(vote=vote).exists()


# --- Closing and the result -------------------------------------------------------------


def test_closing_before_everyone_voted_and_before_the_deadline_is_refused(
    client_as, secretary, voting_position
):
    vote = vote_of(voting_position)
    response = client_as(secretary).post(reverse("council:vote_close", args=[vote.pk]), follow=True)
    assert polish(VoteStillRunning.default_message) in response.text
    vote.refresh_from_db()
    assert vote.is_open


def test_when_everyone_voted_the_secretary_closes_and_the_position_is_numbered(
    client_as, members, secretary, voting_position
):
    vote = vote_of(voting_position)
    for member in members:
        cast(client_as(member), vote, BallotChoice.FOR)
    response = client_as(secretary).post(reverse("council:vote_close", args=[vote.pk]), follow=True)
    voting_position.refresh_from_db()
    assert voting_position.status == PositionStatus.ADOPTED
    assert voting_position.number_label == f"1/{timezone.localdate().year}"
    assert voting_position.number_label in response.text
    assert response.context["names_by_choice"][0][1] == sorted(str(m) for m in members)


def test_the_result_shows_outcome_counts_turnout_quorum_rule_and_names(client, adopted_position):
    vote = vote_of(adopted_position)
    response = client.get(vote_page(vote))
    text = response.text
    assert polish("Adopted") in text
    assert f"{vote.participated}/{vote.eligible}" in text
    assert vote.rule_description in text or polish(vote.rule_description) in text
    assert "Marek Członek" in text
    assert "Sebastian Sekretarz" in text
    # The former member left before the vote: not among the voters.
    assert "Feliks Były" not in text


def test_a_rejected_position_says_so_in_words_not_only_colour(client, rejected_position):
    response = client.get(reverse("council:resolution_detail", args=[rejected_position.pk]))
    assert polish("Rejected") in response.text
    assert 'class="outcome outcome-rejected"' in response.text


# --- The meeting record -----------------------------------------------------------------


def test_the_secretary_records_a_meeting_vote_and_closes_it(
    client_as, members, chair, secretary, council_member, requested_position
):
    vote = open_vote(requested_position, chair, mode=VoteMode.MEETING)
    client = client_as(secretary)
    page = client.get(vote_page(vote))
    assert page.context["can_record"] is True
    seats = {row["member"].user_id: row["member"] for row in page.context["record_rows"]}
    present = [seats[user.pk].pk for user in (chair, secretary, council_member)]
    client.post(reverse("council:attendance_record", args=[vote.pk]), {"present": present})
    for user, choice in ((chair, "for"), (secretary, "for"), (council_member, "against")):
        client.post(
            reverse("council:ballot_record", args=[vote.pk]),
            {"member": seats[user.pk].pk, "choice": choice},
        )
    response = client.post(reverse("council:vote_close", args=[vote.pk]), follow=True)
    vote.refresh_from_db()
    assert vote.outcome == "adopted"
    assert (vote.votes_for, vote.votes_against) == (2, 1)
    assert "Roksana Wyłączona" in response.text  # listed among the recused


def test_a_member_cannot_record_a_meeting_vote(
    client_as, chair, council_member, requested_position
):
    vote = open_vote(requested_position, chair, mode=VoteMode.MEETING)
    client = client_as(council_member)
    assert client.get(vote_page(vote)).context["can_record"] is False
    response = client.post(
        reverse("council:attendance_record", args=[vote.pk]), {"present": []}, follow=True
    )
    assert messages_of(response)
    assert not vote.attendance.exists()
