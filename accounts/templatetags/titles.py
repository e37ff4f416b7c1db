"""``{{ person|role_title:role }}``: a role title following the person's grammatical
gender (``accounts.titles``), built into every template."""

from __future__ import annotations

from typing import Any

from django import template

from accounts.titles import role_title as title_of

register = template.Library()


@register.filter
def role_title(person: Any, role: str) -> str:
    return title_of(role, person)
