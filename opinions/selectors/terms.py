"""Reads of councils, terms and members. Terms and their members are public."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from opinions import permissions
from opinions.models import Council, Term, TermMember


def council_default() -> Council | None:
    """The council of this installation (the first registered, if there are several)."""
    return Council.objects.order_by("pk").first()


def term_current(*, council: Council | None = None, on: dt.date | None = None) -> Term | None:
    """The term in office today (or ``on``): of ``council``, or of the first council."""
    queryset = Term.objects.current_on(on or timezone.localdate()).select_related("council")
    if council is not None:
        queryset = queryset.filter(council=council)
    return queryset.order_by("council_id", "pk").first()


def term_list(*, council: Council | None = None) -> QuerySet[Term]:
    """Terms, newest first, each annotated with ``member_count`` (members active today)."""
    today = timezone.localdate()
    queryset = Term.objects.select_related("council").annotate(
        member_count=Count(
            "members",
            filter=Q(members__joined_on__lte=today)
            & (Q(members__left_on__isnull=True) | Q(members__left_on__gte=today)),
            distinct=True,
        )
    )
    if council is not None:
        queryset = queryset.filter(council=council)
    return queryset.order_by("council_id", "-starts_on", "-pk")


def term_get_for(*, viewer: Any, pk: Any) -> Term:
    """One term as in ``term_list``; Http404 when there is none."""
    try:
        return term_list().get(pk=pk)
    except (Term.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def member_list(*, term: Term, active_on: dt.date | None = None) -> QuerySet[TermMember]:
    """The term's members with person and organisation, officers first; with
    ``active_on`` only those active that day."""
    queryset = TermMember.objects.filter(term=term).select_related("user", "organisation")
    if active_on is not None:
        queryset = queryset.active_on(active_on)
    return queryset.order_by("left_on", "office", "user__full_name", "pk")


def member_get_for(*, viewer: Any, pk: Any) -> TermMember:
    try:
        return TermMember.objects.select_related("term__council", "user", "organisation").get(pk=pk)
    except (TermMember.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def seat_of(*, user: Any, term: Term) -> TermMember | None:
    """The user's active seat in the term while it is current."""
    return permissions.council_seat(user, term)
