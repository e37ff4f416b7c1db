from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from acts.models import ActType
from consultations import selectors
from consultations.models import (
    Comment,
    CommentStatus,
    Consultation,
    ConsultationPhase,
    Disposition,
)
from core.filters import FilterSet


class ConsultationFilter(FilterSet):
    """Validates the list's query parameters; ``selectors.consultations_filtered`` applies
    them, so the pages and the API filter alike."""

    status = django_filters.ChoiceFilter(
        choices=ConsultationPhase.choices,
        help_text=_("The phase: open and closed follow the clock."),
    )
    act_type = django_filters.ChoiceFilter(choices=ActType.choices)
    authority = django_filters.NumberFilter(help_text=_("The id of an authority."))
    department = django_filters.NumberFilter(
        help_text=_("The id of the act's responsible department.")
    )
    act = django_filters.NumberFilter(help_text=_("The id of a legal act."))
    topic = django_filters.CharFilter(help_text=_("The slug of a topic."))
    closing_before = django_filters.DateTimeFilter(
        help_text=_("Ending before this moment (a date alone means its midnight).")
    )
    closing_after = django_filters.DateTimeFilter(
        help_text=_("Ending at or after this moment (a date alone means its midnight).")
    )
    q = django_filters.CharFilter(help_text=_("Words in the title."))

    def filter_queryset(self, queryset: QuerySet[Consultation]) -> QuerySet[Consultation]:
        return selectors.consultations_filtered(queryset, self.form.cleaned_data)


class CommentFilter(FilterSet):
    """Validates the comment list's query parameters; ``selectors.comments_filtered``
    applies them."""

    provision = django_filters.NumberFilter(help_text=_("The id of a provision."))
    whole_act = django_filters.BooleanFilter(
        help_text=_("true: only comments on the act as a whole.")
    )
    organisation = django_filters.NumberFilter(help_text=_("The id of an organisation."))
    disposition = django_filters.ChoiceFilter(choices=Disposition.choices)
    status = django_filters.ChoiceFilter(choices=CommentStatus.choices)
    hidden = django_filters.BooleanFilter(help_text=_("true: hidden comments only."))

    def filter_queryset(self, queryset: QuerySet[Comment]) -> QuerySet[Comment]:
        return selectors.comments_filtered(queryset, self.form.cleaned_data)
