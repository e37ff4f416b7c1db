"""Councils, terms and members: who sets them up, dates, offices and leaving."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.exceptions import InvalidTransition, NotAllowed
from opinions import permissions, selectors, services
from opinions.exceptions import AlreadyMember, OfficeTaken, OverlappingTerm
from opinions.models import Office
from tests import factories
from tests.opinions.conftest import seat_of

pytestmark = pytest.mark.django_db


def test_only_administrators_register_councils(resident):
    with pytest.raises(NotAllowed):
        services.council_create(actor=resident, name="Rada")


def test_the_numbering_scheme_needs_the_number(administrator):
    with pytest.raises(ValidationError):
        services.council_create(actor=administrator, name="Rada", numbering_scheme="{year}")
    with pytest.raises(ValidationError):
        services.council_create(actor=administrator, name="Rada", numbering_scheme="{n}/{rok}")
    council = services.council_create(
        actor=administrator, name="Rada", numbering_scheme="{n}/SROP/{year}"
    )
    assert council.format_number(number=7, year=2026) == "7/SROP/2026"


def test_terms_do_not_overlap(council, administrator, term):
    with pytest.raises(OverlappingTerm):
        services.term_create(
            council=council,
            actor=administrator,
            name="Druga",
            starts_on=term.ends_on,
            ends_on=term.ends_on + dt.timedelta(days=300),
        )
    with pytest.raises(ValidationError):
        services.term_create(
            council=council,
            actor=administrator,
            name="Odwrotna",
            starts_on=term.ends_on + dt.timedelta(days=30),
            ends_on=term.ends_on + dt.timedelta(days=10),
        )


def test_the_chair_sets_up_the_next_term_and_a_member_may_not(council, term, chair, council_member):
    dates = {
        "starts_on": term.ends_on + dt.timedelta(days=1),
        "ends_on": term.ends_on + dt.timedelta(days=1000),
    }
    with pytest.raises(NotAllowed):
        services.term_create(council=council, actor=council_member, name="Następna", **dates)
    following = services.term_create(council=council, actor=chair, name="Następna", **dates)
    assert not following.is_current
    assert selectors.term_current() == term


def test_a_member_represents_an_organisation_they_belong_to(term, administrator, resident, ngo):
    with pytest.raises(ValidationError):
        services.member_add(term=term, actor=administrator, user=resident, organisation=ngo)


def test_a_person_sits_once_per_term(term, administrator, council_member):
    with pytest.raises(AlreadyMember):
        services.member_add(term=term, actor=administrator, user=council_member)


def test_there_is_one_chair_at_a_time(term, administrator, chair, council_member):
    with pytest.raises(OfficeTaken):
        services.member_set_office(
            member=seat_of(council_member, term), actor=administrator, office=Office.CHAIR
        )
    services.member_set_office(member=seat_of(chair, term), actor=chair, office=Office.MEMBER)
    services.member_set_office(
        member=seat_of(council_member, term), actor=administrator, office=Office.CHAIR
    )
    assert permissions.is_chair(council_member, term)


def test_officers_manage_members_and_members_do_not(term, secretary, council_member, resident):
    with pytest.raises(NotAllowed):
        services.member_add(term=term, actor=council_member, user=resident)
    seat = services.member_add(term=term, actor=secretary, user=resident, co_opted=True)
    assert seat.co_opted
    assert seat.joined_on == timezone.localdate()


def test_a_member_leaves_and_is_no_longer_active(term, administrator, council_member):
    seat = seat_of(council_member, term)
    services.member_end(member=seat, actor=administrator, left_on=timezone.localdate())
    assert permissions.is_council_member(council_member, term)  # the last day counts

    tomorrow = timezone.now() + dt.timedelta(days=1)
    assert not permissions.is_council_member(council_member, term, now=tomorrow)
    with pytest.raises(InvalidTransition):
        services.member_end(member=seat, actor=administrator, left_on=timezone.localdate())


def test_a_member_does_not_leave_before_joining(term, administrator, council_member):
    with pytest.raises(ValidationError):
        services.member_end(
            member=seat_of(council_member, term),
            actor=administrator,
            left_on=term.starts_on - dt.timedelta(days=1),
        )


def test_a_member_of_an_ended_term_is_no_council_member(council, administrator):
    past = factories.TermFactory(
        council=council,
        starts_on=timezone.localdate() - dt.timedelta(days=2000),
        ends_on=timezone.localdate() - dt.timedelta(days=1000),
    )
    seat = factories.TermMemberFactory(term=past)
    assert seat.left_on is None
    assert not permissions.is_council_member(seat.user, past)


def test_rules_change_for_votes_opened_later(term, administrator):
    services.term_update(term=term, actor=administrator, majority_rule="absolute")
    term.refresh_from_db()
    assert term.majority_rule == "absolute"
    with pytest.raises(TypeError):
        services.term_update(term=term, actor=administrator, council=None)
