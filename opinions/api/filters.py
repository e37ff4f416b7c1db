from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import FilterSet
from opinions.models import PositionKind, PositionStatus


class PositionFilter(FilterSet):
    kind = django_filters.ChoiceFilter(choices=PositionKind.choices)
    status = django_filters.ChoiceFilter(choices=PositionStatus.choices)
    consultation = django_filters.NumberFilter(help_text=_("The id of a consultation."))
    term = django_filters.NumberFilter(help_text=_("The id of a term."))
    q = django_filters.CharFilter(
        field_name="subject", lookup_expr="icontains", help_text=_("Part of the subject.")
    )


class VoteFilter(FilterSet):
    position = django_filters.NumberFilter(help_text=_("The id of a position."))
    open = django_filters.BooleanFilter(
        field_name="closed_at", lookup_expr="isnull", help_text=_("Only open (or closed) votes.")
    )
