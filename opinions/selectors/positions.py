"""Reads of positions, their items and amendments, with what each viewer may see; the
comment picker and the provenance of NGO comments taken into positions.

Not found and not allowed are the same 404. Visibility (``opinions.permissions``) is also
written as one filter (``_visible``) so lists never ask per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts import permissions as account_permissions
from accounts import selectors as account_selectors
from acts import selectors as act_selectors
from consultations.models import Comment
from consultations.selectors.council import consultations_for_council, council_comment_candidates
from opinions import permissions
from opinions.models import (
    PUBLIC_STATUSES,
    Amendment,
    AmendmentStatus,
    ItemNote,
    Position,
    PositionItem,
    PositionItemRevision,
    PositionItemSource,
    PositionStatus,
    TermMember,
    Vote,
)


def _visible(viewer: Any) -> Q | None:
    """The positions ``viewer`` may see, as a filter (None: all of them)."""
    if account_permissions.is_administrator(viewer):
        return None
    visible = Q(status__in=PUBLIC_STATUSES)
    if account_permissions.is_authenticated(viewer):
        today = timezone.localdate()
        seats = (
            TermMember.objects.active_on(today)
            .filter(user_id=viewer.pk, term__starts_on__lte=today, term__ends_on__gte=today)
            .values("term_id")
        )
        organisations = account_selectors.organisations_of_member(user=viewer).values("pk")
        visible |= (
            Q(term__in=seats)
            | Q(request__requested_by=viewer)
            | Q(request__organisation__in=organisations)
        )
    return visible


def _base() -> QuerySet[Position]:
    return Position.objects.select_related(
        "council",
        "term",
        "consultation",
        "subject_organisation",
        "drafter",
        "request__organisation",
    )


def position_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Position]:
    """The positions the viewer may see, newest first, with term, council, consultation,
    organisation, drafter and request; annotated with ``item_count``. ``filters``: ``kind``,
    ``status``, ``consultation``, ``term`` (ids), ``q`` (in the subject)."""
    queryset = _base().annotate(item_count=Count("items", distinct=True))
    visible = _visible(viewer)
    if visible is not None:
        queryset = queryset.filter(visible)
    filters = filters or {}
    for field in ("kind", "status", "consultation", "term"):
        value = filters.get(field)
        if value not in (None, ""):
            queryset = queryset.filter(**{field: getattr(value, "pk", value)})
    if text := (filters.get("q") or "").strip():
        queryset = queryset.filter(subject__icontains=text)
    return queryset.order_by("-created_at", "-pk")


def _sources() -> Prefetch:
    return Prefetch(
        "sources",
        queryset=PositionItemSource.objects.select_related(
            "comment__organisation",
            "comment__provision",
            # Who may read a hidden source comment's text (opinions.presenters).
            "comment__consultation__version__act",
        ).order_by("pk"),
    )


def items_with_sources() -> QuerySet[PositionItem]:
    """Items in order with their provisions and source comments: what
    ``opinions.presenters`` needs to tell whose text is withheld, in two queries."""
    return (
        PositionItem.objects.select_related("provision")
        .prefetch_related(_sources())
        .order_by("order")
    )


def _item_queryset() -> QuerySet[PositionItem]:
    """Items with everything a position's page shows: sources, amendments, notes."""
    return (
        PositionItem.objects.select_related("provision", "created_by")
        .prefetch_related(
            _sources(),
            Prefetch(
                "amendments",
                queryset=Amendment.objects.select_related("proposed_by", "decided_by").order_by(
                    "proposed_at", "pk"
                ),
            ),
            Prefetch("notes", queryset=ItemNote.objects.select_related("author").order_by("pk")),
        )
        .order_by("order")
    )


def position_get_for(*, viewer: Any, pk: Any) -> Position:
    """One position the viewer may see, with everything its page shows: items in order
    (provision, source comments with their organisations, amendments, notes) and votes,
    newest first. Http404 when it does not exist or the viewer may not see it."""
    queryset = _base().prefetch_related(
        Prefetch("items", queryset=_item_queryset()),
        Prefetch("votes", queryset=Vote.objects.select_related("opened_by", "closed_by")),
    )
    visible = _visible(viewer)
    if visible is not None:
        queryset = queryset.filter(visible)
    try:
        return queryset.get(pk=pk)
    except (Position.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _check_visible(viewer: Any, position: Position) -> None:
    if not permissions.can_view_position(viewer, position):
        raise Http404


def item_get_for(*, viewer: Any, pk: Any) -> PositionItem:
    """One item, with its position (term, council, consultation, request); Http404 as for
    its position."""
    try:
        item = PositionItem.objects.select_related(
            "position__council",
            "position__term",
            "position__consultation",
            "position__request__organisation",
            "provision",
        ).get(pk=pk)
    except (PositionItem.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    _check_visible(viewer, item.position)
    return item


def item_revision_list(*, item: PositionItem) -> QuerySet[PositionItemRevision]:
    """The history of an item's text, oldest first, with who changed it and why."""
    return (
        PositionItemRevision.objects.filter(item=item)
        .select_related("changed_by", "amendment__proposed_by")
        .order_by("revision")
    )


def amendment_get_for(*, viewer: Any, pk: Any) -> Amendment:
    try:
        amendment = Amendment.objects.select_related(
            "item__position__council",
            "item__position__term",
            "item__position__request__organisation",
            "proposed_by",
            "decided_by",
        ).get(pk=pk)
    except (Amendment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    _check_visible(viewer, amendment.item.position)
    return amendment


def pending_amendments(*, position: Position) -> QuerySet[Amendment]:
    return (
        Amendment.objects.filter(item__position=position, status=AmendmentStatus.PROPOSED)
        .select_related("item", "proposed_by")
        .order_by("item__order", "proposed_at")
    )


# --- Comments and provenance ------------------------------------------------------------


def comment_picker(
    *, position: Position, filters: Mapping[str, Any] | None = None
) -> QuerySet[Comment]:
    """The consultation's submitted comments a member may pull into the position (none for
    a position not about a consultation), narrowed by ``provision`` and ``organisation``
    (ids). Each is annotated with ``taken_count``: how many items of this position
    already grew from it."""
    consultation = position.consultation
    if consultation is None:
        return Comment.objects.none()
    filters = filters or {}
    return council_comment_candidates(
        consultation=consultation,
        provision=filters.get("provision"),
        organisation=filters.get("organisation"),
    ).annotate(
        taken_count=Count(
            "council_item_sources",
            filter=Q(council_item_sources__item__position=position),
            distinct=True,
        )
    )


def comment_picker_choices(
    *, position: Position
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The provisions and organisations that the picker's comments concern, for its
    filters: ``([(provision id, label)], [(organisation id, name)])``, in document and
    alphabetical order."""
    consultation = position.consultation
    if consultation is None:
        return [], []
    provisions: dict[int, tuple[int, str]] = {}
    organisations: dict[int, str] = {}
    for comment in council_comment_candidates(consultation=consultation):
        if comment.provision is not None:
            provisions[comment.provision.pk] = (comment.provision.order, comment.provision.label)
        if comment.organisation is not None:
            organisations[comment.organisation.pk] = comment.organisation_label
    return (
        [(pk, label) for pk, (_order, label) in sorted(provisions.items(), key=lambda i: i[1])],
        sorted(organisations.items(), key=lambda entry: entry[1]),
    )


def provenance_for_comments(
    comment_ids: Iterable[Any], *, viewer: Any = None
) -> dict[int, list[tuple[Position, int]]]:
    """Where NGO comments were taken into council positions: ``{comment id: [(position,
    item number), …]}`` for the positions ``viewer`` may see (by default the public, so
    adopted and rejected positions only); withdrawn positions never count. One query."""
    ids = [int(pk) for pk in comment_ids]
    result: dict[int, list[tuple[Position, int]]] = defaultdict(list)
    if not ids:
        return {}
    sources = (
        PositionItemSource.objects.filter(comment_id__in=ids)
        .exclude(item__position__status=PositionStatus.WITHDRAWN)
        .select_related("item__position__council")
        .order_by("item__position__created_at", "item__position_id", "item__order")
    )
    visible = _visible(viewer)
    if visible is not None:
        sources = sources.filter(item__position__in=Position.objects.filter(visible).values("pk"))
    for source in sources:
        result[source.comment_id].append((source.item.position, source.item.order))
    return dict(result)


def item_with_details(*, item: PositionItem) -> PositionItem:
    """An item read again with what ``position_get_for`` gives each item."""
    return _item_queryset().select_related("position__council").get(pk=item.pk)


def provision_for_position(*, position: Position, pk: Any) -> Any:
    """A provision of the version under the position's consultation, or None."""
    consultation = position.consultation
    if consultation is None or pk in (None, ""):
        return None
    return act_selectors.provision_list(version=consultation.version).filter(pk=pk).first()


def consultation_for_position(*, pk: Any) -> Any:
    """A published consultation the council may give an opinion on, or None."""
    if pk in (None, ""):
        return None
    return consultations_for_council().filter(pk=pk).first()
