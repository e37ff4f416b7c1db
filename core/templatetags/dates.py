"""The two ways pages show dates (``core.dates``), built into every template:
``{{ value|day }}`` in running text and lists, ``{{ value|moment }}`` with the time."""

from __future__ import annotations

import datetime as dt

from django import template

from core.dates import day_text, moment_text

register = template.Library()


@register.filter
def day(value: dt.datetime | dt.date | None) -> str:
    """ "6 grudnia 2026 r.": a day in running text or a list."""
    return day_text(value) if value else ""


@register.filter
def moment(value: dt.datetime | None) -> str:
    """ "06.12.2026, 14:05:09": a moment in a record or a deadline, to the second."""
    return moment_text(value) if value else ""
