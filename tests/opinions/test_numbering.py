"""Resolution numbers: one gapless sequence per council and year, taken inside the
adopting transaction (concurrency on PostgreSQL: tests/integration/test_council_races.py)."""

import pytest
from django.db import transaction

from opinions.models import NumberSequence
from opinions.numbering import next_number, peek_next_number
from tests import factories

pytestmark = pytest.mark.django_db


def test_numbers_follow_each_other_per_council_and_year():
    council = factories.CouncilFactory()
    other = factories.CouncilFactory(name="Gdańska Rada Działalności Pożytku Publicznego")

    with transaction.atomic():
        taken = [next_number(council=council, year=2026) for _n in range(3)]
        taken.append(next_number(council=council, year=2027))
        taken.append(next_number(council=other, year=2026))

    assert taken == [1, 2, 3, 1, 1]
    assert peek_next_number(council=council, year=2026) == 4


def test_a_rolled_back_adoption_gives_its_number_back():
    council = factories.CouncilFactory()

    def adopt_and_fail():
        with transaction.atomic():
            next_number(council=council, year=2026)
            raise RuntimeError("the adoption failed after taking a number")

    with transaction.atomic():
        next_number(council=council, year=2026)
    with pytest.raises(RuntimeError):
        adopt_and_fail()

    assert NumberSequence.objects.get(council=council, year=2026).last_number == 1


def test_the_number_takes_the_councils_scheme():
    council = factories.CouncilFactory(numbering_scheme="{n}/{year}/SROP")
    position = factories.PositionFactory(
        term=factories.TermFactory(council=council), number=7, year=2026
    )
    assert position.number_label == "7/2026/SROP"
