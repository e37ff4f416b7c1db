"""The two ways pages show dates (``core.dates``), built into every template:
``{{ value|day }}`` in running text and lists, ``{{ value|moment }}`` with the time in a
record; ``|clock`` gives the time beside a ``|day`` in a sentence, ``|iso`` the value of
``<time datetime>``. Templates use these, never ``|date:`` (a test holds them to it)."""

from __future__ import annotations

import datetime as dt

from django import template

from core.dates import day_text, in_warsaw, local_time, moment_text

register = template.Library()


@register.filter
def day(value: dt.datetime | dt.date | None) -> str:
    """ "6 grudnia 2026 r.": a day in running text or a list."""
    return day_text(value) if value else ""


@register.filter
def moment(value: dt.datetime | None) -> str:
    """ "06.12.2026, 14:05:09": a moment in a record or a deadline, to the second."""
    return moment_text(value) if value else ""


@register.filter
def clock(value: dt.datetime | None) -> str:
    """ "14:05:09": the time of a moment in Warsaw, beside its ``|day`` in running text
    ("closes on 6 grudnia 2026 r. at 23:59:59")."""
    return local_time(value) if value else ""


@register.filter
def iso(value: dt.datetime | dt.date | None) -> str:
    """The machine-readable form for ``<time datetime="…">``."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        return in_warsaw(value).isoformat(timespec="seconds")
    return value.isoformat()
