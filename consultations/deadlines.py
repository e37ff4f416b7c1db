"""Consultation durations in working days (dates in Warsaw time: ``core.dates``).

Working days skip Saturdays, Sundays and Polish public holidays (the ``holidays`` package
keeps the movable feasts and law changes, such as 24 December becoming a holiday from 2025).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

SATURDAY = 5


@lru_cache(maxsize=64)
def _polish_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.Poland(years=year).keys())


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < SATURDAY and day not in _polish_holidays(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (``start`` itself not counted).

    A consultation opening on ``start`` for 7 working days ends on the returned date.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end``."""
    count = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count


# The city publishes the report (the comments with its answers) within this many calendar
# days after the consultation ends: the one rule the officials' work list counts down to.
REPORT_DUE_DAYS = 30


def report_due_on(ends_on: dt.date) -> dt.date:
    """The last day for the report of a consultation that ended on ``ends_on`` (Warsaw)."""
    return ends_on + dt.timedelta(days=REPORT_DUE_DAYS)
