"""Filters for the council's e-mails, which carry stored values (a position's kind) and
are written in the recipient's language when sent."""

from __future__ import annotations

from django import template

from opinions.models import PositionKind

register = template.Library()


@register.filter
def position_kind_label(value: str) -> str:
    """The kind's name in the language the mail is written in (a request's kinds are
    position kinds of the same codes)."""
    try:
        return str(PositionKind(value).label)
    except ValueError:
        return value
