from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from opinions.models import Position, PositionKind, PositionStatus, Vote


class PositionFilter(django_filters.FilterSet):
    # The selector has already narrowed the list to what the viewer may see.
    kind = django_filters.ChoiceFilter(choices=PositionKind.choices)
    status = django_filters.ChoiceFilter(choices=PositionStatus.choices)
    consultation = django_filters.NumberFilter(
        field_name="consultation", help_text=_("The id of a consultation.")
    )
    term = django_filters.NumberFilter(field_name="term", help_text=_("The id of a term."))
    q = django_filters.CharFilter(
        field_name="subject", lookup_expr="icontains", help_text=_("Part of the subject.")
    )

    class Meta:
        model = Position
        fields: list[str] = []


class VoteFilter(django_filters.FilterSet):
    position = django_filters.NumberFilter(
        field_name="position", help_text=_("The id of a position.")
    )
    open = django_filters.BooleanFilter(
        field_name="closed_at", lookup_expr="isnull", help_text=_("Only open (or closed) votes.")
    )

    class Meta:
        model = Vote
        fields: list[str] = []
