"""The predicates behind every check, with time frozen around the term."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from accounts.viewer import viewer_for
from opinions import permissions, services
from opinions.models import Office
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


def test_a_viewer_reads_its_seat_once_per_term_and_day(
    term, council_member, opinion, django_assert_num_queries
):
    seat = seat_of(council_member, term)
    viewer = viewer_for(council_member)
    # 1 the seat; the viewer's organisations are not needed, so not read.
    with django_assert_num_queries(1):
        assert permissions.can_edit_position(viewer, opinion)
        assert permissions.can_edit_position(viewer, opinion)
        assert not permissions.is_officer(viewer, term)
        assert permissions.council_seat(viewer, term) == seat
    with time_machine.travel(timezone.now() + dt.timedelta(days=1)), django_assert_num_queries(1):
        assert permissions.is_council_member(viewer, term)


def test_each_viewer_reads_the_seat_for_itself(term, council_member, django_assert_num_queries):
    """Outside a request, a user is a new viewer each time: nothing is carried over."""
    with django_assert_num_queries(2):
        permissions.council_seat(council_member, term)
        permissions.council_seat(council_member, term)


def test_the_user_object_carries_no_council_seat(term, council_member):
    before = dict(vars(council_member))
    assert permissions.is_council_member(council_member, term)
    assert vars(council_member) == before


def test_an_office_changed_since_the_last_question_counts(term, chair, administrator):
    """The same user object asked again, after the chair hands over the office: the old
    answer kept on the user would still say chair."""
    assert permissions.is_chair(chair, term)
    services.member_set_office(
        member=seat_of(chair, term), actor=administrator, office=Office.MEMBER
    )
    assert not permissions.is_chair(chair, term)
    assert permissions.is_council_member(chair, term)


def test_a_seat_ended_since_the_last_question_counts(term, council_member, administrator):
    assert permissions.is_council_member(council_member, term)
    services.member_end(
        member=seat_of(council_member, term),
        actor=administrator,
        left_on=timezone.localdate() - dt.timedelta(days=1),
    )
    assert not permissions.is_council_member(council_member, term)
