"""The predicates behind every check, with time frozen around the term."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from opinions import permissions
from tests.opinions.conftest import seat_of

pytestmark = pytest.mark.django_db


def at(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def test_a_seat_counts_only_while_the_term_runs(term, council_member):
    assert permissions.is_council_member(council_member, term)
    assert not permissions.is_council_member(
        council_member, term, now=at(term.starts_on - dt.timedelta(days=1))
    )
    assert not permissions.is_council_member(
        council_member, term, now=at(term.ends_on + dt.timedelta(days=1))
    )
    assert permissions.is_council_member(council_member, term, now=at(term.ends_on))


def test_a_former_member_sat_until_the_day_they_left(term, former_member):
    seat = seat_of(former_member, term)
    assert permissions.is_council_member(former_member, term, now=at(seat.left_on))
    assert not permissions.is_council_member(former_member, term)


def test_officers_and_the_drafter(members, chair, secretary, council_member, opinion, term):
    assert permissions.is_officer(chair, term)
    assert permissions.is_officer(secretary, term)
    assert not permissions.is_officer(council_member, term)
    assert permissions.can_withdraw_position(council_member, opinion)  # the drafter
    assert permissions.can_open_vote(secretary, opinion)
    assert not permissions.can_open_vote(council_member, opinion)


def test_drafts_are_seen_by_the_council_and_the_requester(
    members, position_in, ngo_member, other_ngo_representative, former_member, anonymous
):
    draft = position_in("draft")
    assert permissions.can_view_position(ngo_member, draft)  # of the requesting NGO
    for person in (other_ngo_representative, former_member, anonymous):
        assert not permissions.can_view_position(person, draft)


def test_names_of_an_open_vote_are_for_the_officers(members, position_in, chair, council_member):
    vote = position_in("voting").votes.get()
    assert permissions.can_see_ballots(chair, vote)
    assert not permissions.can_see_ballots(council_member, vote)


def test_seats_are_asked_for_once_per_user_and_day(term, council_member, django_assert_num_queries):
    with django_assert_num_queries(1):
        for _n in range(3):
            permissions.council_seat(council_member, term)
    with time_machine.travel(timezone.now() + dt.timedelta(days=1)), django_assert_num_queries(1):
        permissions.council_seat(council_member, term)
