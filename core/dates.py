"""Dates and moments in the city's time zone (Europe/Warsaw), one home for every app.

Moments are stored in UTC; people give and read them in Warsaw time. A date given where a
moment is wanted means the start of that day in Warsaw for a start (00:00:00) and its last
second for an end (23:59:59); daylight saving time is zoneinfo's to handle.

People read dates in two ways, one format each, here and through the template filters
``|day`` and ``|moment`` (``core/templatetags/dates.py``): a day in running text or a list
("6 grudnia 2026 r.") and a moment with its time in a record or a deadline
("06.12.2026, 14:05:09"); Polish formats are set in ``config/formats/pl``.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import formats, timezone

WARSAW = ZoneInfo("Europe/Warsaw")
_END_OF_DAY = dt.time(23, 59, 59)


def start_of_local_day(day: dt.date) -> dt.datetime:
    """00:00:00 of ``day`` in Warsaw, as an aware moment."""
    return dt.datetime.combine(day, dt.time(0, 0, 0), tzinfo=WARSAW)


def end_of_local_day(day: dt.date) -> dt.datetime:
    """23:59:59 of ``day`` in Warsaw, as an aware moment."""
    return dt.datetime.combine(day, _END_OF_DAY, tzinfo=WARSAW)


def local_start(day: dt.date, time: dt.time | None = None) -> dt.datetime:
    """``day`` at ``time`` in Warsaw; without a time, the start of the day."""
    return start_of_local_day(day) if time is None else dt.datetime.combine(day, time, WARSAW)


def local_end(day: dt.date, time: dt.time | None = None) -> dt.datetime:
    """``day`` at ``time`` in Warsaw; without a time, the last second of the day."""
    return end_of_local_day(day) if time is None else dt.datetime.combine(day, time, WARSAW)


def as_start(value: dt.datetime | dt.date) -> dt.datetime:
    """A start given as a moment (a naive one read as Warsaw time) or as a date (its
    midnight in Warsaw)."""
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else value.replace(tzinfo=WARSAW)
    return start_of_local_day(value)


def as_end(value: dt.datetime | dt.date) -> dt.datetime:
    """An end given as a moment (a naive one read as Warsaw time) or as a date (its last
    second in Warsaw)."""
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else value.replace(tzinfo=WARSAW)
    return end_of_local_day(value)


def in_warsaw(moment: dt.datetime) -> dt.datetime:
    """The same moment, on Warsaw's clock."""
    return moment.astimezone(WARSAW)


def local_day(moment: dt.datetime) -> dt.date:
    """The day ``moment`` falls on in Warsaw."""
    return in_warsaw(moment).date()


def split_local(moment: dt.datetime | None) -> tuple[dt.date | None, dt.time | None]:
    """A moment as the (date, time to the second) a form shows, in Warsaw time."""
    if moment is None:
        return None, None
    local = in_warsaw(moment)
    return local.date(), local.time().replace(microsecond=0)


def local_date(moment: dt.datetime) -> str:
    """The day of ``moment`` in Warsaw, in the language's short date format."""
    return formats.date_format(in_warsaw(moment), "SHORT_DATE_FORMAT")


def local_time(moment: dt.datetime) -> str:
    """HH:MM:SS in Warsaw: how deadlines are told to people."""
    return in_warsaw(moment).strftime("%H:%M:%S")


def day_text(value: dt.datetime | dt.date) -> str:
    """A day as running text reads it: "6 grudnia 2026 r." (a moment: its day in Warsaw)."""
    day = local_day(value) if isinstance(value, dt.datetime) else value
    return formats.date_format(day, "DATE_FORMAT")


def moment_text(moment: dt.datetime) -> str:
    """A moment as a record or a deadline shows it, in Warsaw: "06.12.2026, 14:05:09"."""
    return f"{local_date(moment)}, {local_time(moment)}"
