"""Reads only the council's pages make: the adopted resolutions filtered by year and the
years to choose from, and the plain text of a position shown on its vote's page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from opinions.models import Position, PositionItem


def adopted_list(*, filters: Mapping[str, Any] | None = None) -> QuerySet[Position]:
    """Adopted positions, newest number first, with council, term and consultation.
    ``filters``: ``year`` (of the number), ``kind``."""
    queryset = Position.objects.adopted().select_related("council", "term", "consultation")
    filters = filters or {}
    if year := filters.get("year"):
        queryset = queryset.filter(year=year)
    if kind := filters.get("kind"):
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("-year", "-number", "-pk")


def adopted_years() -> list[int]:
    """The years in which the council adopted anything, newest first."""
    years = Position.objects.adopted().order_by("-year").values_list("year", flat=True)
    return [year for year in years.distinct() if year is not None]


def item_list(*, position: Position) -> QuerySet[PositionItem]:
    """A position's items in order with their provisions: the text a vote is on."""
    return (
        PositionItem.objects.filter(position=position).select_related("provision").order_by("order")
    )
