"""Role titles by grammatical gender: one table for every page and API answer that names a
person's role ("Przewodnicząca", "Przewodniczący", "Sekretarz", "Członkini"…).

A person states their grammatical gender in the profile (``User.grammatical_gender``);
unstated, the title takes a neutral form ("przewodnicząca/przewodniczący"). The forms are
translated with one ``pgettext`` context per gender, so English keeps one word.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from accounts.models import GrammaticalGender


class Role:
    """The roles a title is shown for: council offices (``opinions.models.Office`` values),
    organisation roles (``MembershipRole`` values), a resident and an official."""

    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    SECRETARY = "secretary"
    MEMBER = "member"
    REPRESENTATIVE = "representative"
    RESIDENT = "resident"
    OFFICIAL = "official"


FEMININE = "role title, feminine"
MASCULINE = "role title, masculine"
NEUTRAL = "role title, gender not stated"

# role -> (feminine, masculine, neutral)
TITLES: dict[str, tuple[Promise, Promise, Promise]] = {
    Role.CHAIR: (
        pgettext_lazy(FEMININE, "chair"),
        pgettext_lazy(MASCULINE, "chair"),
        pgettext_lazy(NEUTRAL, "chair"),
    ),
    Role.VICE_CHAIR: (
        pgettext_lazy(FEMININE, "vice-chair"),
        pgettext_lazy(MASCULINE, "vice-chair"),
        pgettext_lazy(NEUTRAL, "vice-chair"),
    ),
    Role.SECRETARY: (
        pgettext_lazy(FEMININE, "secretary"),
        pgettext_lazy(MASCULINE, "secretary"),
        pgettext_lazy(NEUTRAL, "secretary"),
    ),
    Role.MEMBER: (
        pgettext_lazy(FEMININE, "member"),
        pgettext_lazy(MASCULINE, "member"),
        pgettext_lazy(NEUTRAL, "member"),
    ),
    Role.REPRESENTATIVE: (
        pgettext_lazy(FEMININE, "representative"),
        pgettext_lazy(MASCULINE, "representative"),
        pgettext_lazy(NEUTRAL, "representative"),
    ),
    Role.RESIDENT: (
        pgettext_lazy(FEMININE, "resident"),
        pgettext_lazy(MASCULINE, "resident"),
        pgettext_lazy(NEUTRAL, "resident"),
    ),
    Role.OFFICIAL: (
        pgettext_lazy(FEMININE, "official"),
        pgettext_lazy(MASCULINE, "official"),
        pgettext_lazy(NEUTRAL, "official"),
    ),
}


def role_title(role: str, person: Any = None) -> str:
    """The title of ``role`` for ``person`` (a user, or their grammatical gender as a
    string; None or unstated: the neutral form), lower case as in running text."""
    gender = getattr(person, "grammatical_gender", person) or GrammaticalGender.UNSPECIFIED
    feminine, masculine, neutral = TITLES[role]
    if gender == GrammaticalGender.FEMININE:
        return str(feminine)
    if gender == GrammaticalGender.MASCULINE:
        return str(masculine)
    return str(neutral)
