from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import (
    ClaimStatus,
    LegalForm,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrganisationStatus,
    ReviewStatus,
)
from accounts.validators import normalise_krs, normalise_nip, normalise_regon
from core.filters import FilterSet


class OrganisationFilter(FilterSet):
    # The selector has already narrowed the list to what the viewer may see: for the
    # public, status can only pick among verified organisations and their own.
    status = django_filters.ChoiceFilter(choices=OrganisationStatus.choices)
    legal_form = django_filters.ChoiceFilter(choices=LegalForm.choices)
    area = django_filters.CharFilter(
        field_name="areas__slug", help_text=_("The slug of an area of activity.")
    )
    city = django_filters.CharFilter(lookup_expr="iexact")
    q = django_filters.CharFilter(
        method="filter_q",
        help_text=_("Part of the name, or a whole KRS, NIP or REGON number."),
    )

    def filter_q(
        self, queryset: QuerySet[Organisation], name: str, value: str
    ) -> QuerySet[Organisation]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(krs=normalise_krs(value))
            | Q(nip=normalise_nip(value))
            | Q(regon=normalise_regon(value))
        )


class MembershipFilter(FilterSet):
    status = django_filters.ChoiceFilter(choices=MembershipStatus.choices)
    role = django_filters.ChoiceFilter(choices=MembershipRole.choices)


class OrganisationChangeFilter(FilterSet):
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices)


class OrganisationClaimFilter(FilterSet):
    status = django_filters.ChoiceFilter(choices=ClaimStatus.choices)
