"""Gapless resolution numbers, one sequence per council and year.

``next_number`` runs inside the adopting transaction and locks the sequence row with
``SELECT … FOR UPDATE``: a concurrent adoption waits for this one to commit and then reads
the number it left, so numbers are consecutive; a rolled-back adoption gives its number
back. The first number of a year creates the row; two adoptions racing to create it meet at
the unique constraint, and the loser locks the row the winner made.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from opinions.models import Council, NumberSequence


def _locked_sequence(*, council: Council, year: int) -> NumberSequence:
    sequence = NumberSequence.objects.select_for_update().filter(council=council, year=year).first()
    if sequence is not None:
        return sequence
    try:
        with transaction.atomic():
            NumberSequence.objects.create(council=council, year=year, last_number=0)
    except IntegrityError:
        pass  # created meanwhile by a concurrent adoption; lock that row below
    return NumberSequence.objects.select_for_update().get(council=council, year=year)


def next_number(*, council: Council, year: int) -> int:
    """The next number of ``year`` in ``council``; must be called in a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run inside the adopting transaction.")
    sequence = _locked_sequence(council=council, year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def peek_next_number(*, council: Council, year: int) -> int:
    """The number the next adoption would get (for display; never reserve with it)."""
    last = (
        NumberSequence.objects.filter(council=council, year=year)
        .values_list("last_number", flat=True)
        .first()
    )
    return (last or 0) + 1
