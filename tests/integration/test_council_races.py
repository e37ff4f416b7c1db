"""Adoptions and ballots racing on PostgreSQL: resolution numbers stay distinct,
consecutive and gapless (the adopting transaction locks the council's NumberSequence row),
and a member who votes twice at once still has one ballot."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.utils import timezone

from opinions import numbering, services
from opinions.models import (
    Ballot,
    BallotChoice,
    NumberSequence,
    Office,
    Position,
    PositionKind,
    PositionStatus,
    VoteMode,
)
from tests import factories
from tests.conftest import require_services
from tests.races import race

PARALLEL = 6


@pytest.fixture
def committed_postgres(transactional_db):
    if connection.vendor != "postgresql":
        if require_services():
            pytest.fail("REQUIRE_SERVICES is set but the database is not PostgreSQL")
        pytest.skip("row locks need PostgreSQL (set DATABASE_URL)")


@pytest.fixture
def council_scene(committed_postgres):
    """A current term with a chair, a secretary and a member."""
    administrator = factories.UserFactory(is_staff=True, is_superuser=True)
    council = services.council_create(actor=administrator, name="Rada Testowa")
    today = timezone.localdate()
    term = services.term_create(
        council=council,
        actor=administrator,
        name="Kadencja",
        starts_on=today - dt.timedelta(days=100),
        ends_on=today + dt.timedelta(days=100),
    )
    people = {}
    for name, office in [
        ("chair", Office.CHAIR),
        ("secretary", Office.SECRETARY),
        ("member", Office.MEMBER),
    ]:
        user = factories.UserFactory()
        services.member_add(
            term=term, actor=administrator, user=user, office=office, joined_on=term.starts_on
        )
        people[name] = user
    return council, term, people


def voted_position(term, people, index: int):
    """A position put to the vote, every member having voted for: ready to be closed."""
    position = services.position_create(
        term=term, actor=people["member"], kind=PositionKind.GENERAL, subject=f"Stanowisko {index}"
    )
    services.item_add(position=position, actor=people["member"], text="Treść.")
    vote = services.vote_open(
        position=position,
        actor=people["chair"],
        mode=VoteMode.CIRCULATION,
        deadline=timezone.now() + dt.timedelta(days=1),
    )
    for user in people.values():
        services.ballot_cast(vote=vote, actor=user, choice=BallotChoice.FOR)
    return vote


def test_concurrent_adoptions_take_consecutive_numbers_without_gaps(council_scene):
    council, term, people = council_scene
    votes = [voted_position(term, people, index) for index in range(PARALLEL)]
    assert not NumberSequence.objects.exists()  # the racers also race to create the row

    results, errors = race(
        PARALLEL, lambda index: services.vote_close(vote=votes[index], actor=people["secretary"])
    )

    assert errors == []
    assert len(results) == PARALLEL
    numbers = sorted(
        Position.objects.filter(status=PositionStatus.ADOPTED).values_list("number", flat=True)
    )
    assert numbers == list(range(1, PARALLEL + 1))
    assert NumberSequence.objects.get(council=council).last_number == PARALLEL


def test_a_failed_adoption_gives_its_number_back_to_the_others(council_scene):
    council, _term, _people = council_scene
    year = timezone.localdate().year

    def adopt_or_fail(index: int) -> int:
        with transaction.atomic():
            number = numbering.next_number(council=council, year=year)
            if index == 0:
                raise RuntimeError("the adoption failed after taking a number")
            return number

    results, errors = race(PARALLEL, adopt_or_fail)

    assert [type(error) for error in errors] == [RuntimeError]
    assert sorted(results) == list(range(1, PARALLEL))
    assert NumberSequence.objects.get(council=council).last_number == PARALLEL - 1


def test_a_member_voting_twice_at_once_has_one_ballot(council_scene):
    _council, term, people = council_scene
    position = services.position_create(
        term=term, actor=people["member"], kind=PositionKind.GENERAL, subject="Stanowisko"
    )
    services.item_add(position=position, actor=people["member"], text="Treść.")
    vote = services.vote_open(
        position=position,
        actor=people["chair"],
        mode=VoteMode.CIRCULATION,
        deadline=timezone.now() + dt.timedelta(days=1),
    )
    choices = [BallotChoice.FOR, BallotChoice.AGAINST] * (PARALLEL // 2)

    _results, errors = race(
        PARALLEL,
        lambda index: services.ballot_cast(
            vote=vote, actor=people["member"], choice=choices[index]
        ),
    )

    assert errors == []
    assert Ballot.objects.filter(vote=vote).count() == 1
    # The last one to take the vote's lock wins; each earlier one was a change of vote.
    assert Ballot.objects.get(vote=vote).choice in {BallotChoice.FOR, BallotChoice.AGAINST}
