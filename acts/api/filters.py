from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from acts.models import ActStatus, ActType
from core.filters import FilterSet


class LegalActFilter(FilterSet):
    # The selector has already narrowed the list to what the viewer may see: for the
    # public, status picks among acts with a published version.
    type = django_filters.ChoiceFilter(field_name="act_type", choices=ActType.choices)
    status = django_filters.ChoiceFilter(choices=ActStatus.choices)
    authority = django_filters.NumberFilter(
        field_name="department__authority", help_text=_("The id of an authority.")
    )
    department = django_filters.NumberFilter(
        field_name="department", help_text=_("The id of the responsible department.")
    )
    topic = django_filters.CharFilter(
        field_name="topics__slug", distinct=True, help_text=_("The slug of a topic.")
    )
