"""Filters for the consultations' e-mails, which carry stored values (a disposition's
code) and are written in the recipient's language when sent."""

from __future__ import annotations

from django import template

from consultations.models import Disposition

register = template.Library()


@register.filter
def disposition_label(value: str) -> str:
    """The disposition's name in the language the mail is written in."""
    try:
        return str(Disposition(value).label)
    except ValueError:
        return value
