"""Reads of consultations: lists with filters, one consultation, its provisions with comment
counts, what is closing soon, and what came of it.

Drafts stay with the act's department (and administrators); everything else is public. Not
found and not allowed are the same 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import router
from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from accounts import permissions as account_permissions
from accounts.models import Authority, Department
from acts import permissions as act_permissions
from acts.models import ActVersion, LegalAct, Provision
from consultations.models import (
    Answer,
    Comment,
    CommentStatus,
    Consultation,
    ConsultationAttachment,
    ConsultationExtension,
    ConsultationStatus,
    Disposition,
)
from consultations.selectors.comments import comment_visibility_q
from core import rows
from core.dates import end_of_local_day, start_of_local_day

CONSULTATION_RELATED = ("version__act__department__authority", "created_by")


def _count(queryset: QuerySet[Any]) -> Coalesce:
    """A correlated COUNT of ``queryset`` (already filtered on ``OuterRef``)."""
    counted = queryset.order_by().values("consultation_id").annotate(count=Count("pk"))
    return Coalesce(Subquery(counted.values("count")[:1]), Value(0), output_field=IntegerField())


def _submitted_comments() -> QuerySet[Comment]:
    return Comment.objects.filter(consultation=OuterRef("pk"), status=CommentStatus.SUBMITTED)


def _visible_to(viewer: Any) -> Q:
    if account_permissions.is_administrator(viewer):
        return Q()
    visible = ~Q(status=ConsultationStatus.DRAFT)
    departments = act_permissions.official_department_ids(viewer)
    if departments:
        visible |= Q(version__act__department_id__in=sorted(departments))
    return visible


def consultation_list(
    *, viewer: Any, filters: Mapping[str, Any] | None = None
) -> QuerySet[Consultation]:
    """The consultations the viewer may see, newest start first, with act, department and
    authority, the act's topics, and ``comment_count`` (submitted comments),
    ``answerable_count`` (of those, not hidden: each needs an answer) and
    ``answered_count`` (of those, answered).

    ``filters``: ``status`` (a phase: draft, scheduled, open, closed, report_published,
    cancelled), ``act_type``, ``authority`` and ``department`` (ids), ``topic`` (slug),
    ``act`` (id), ``closing_before`` and ``closing_after`` (dates or moments; a date means
    that whole local day), ``q`` (in the title). Empty values are ignored.
    """
    filters = filters or {}
    queryset: QuerySet[Consultation] = (
        Consultation.objects.filter(_visible_to(viewer))
        .select_related(*CONSULTATION_RELATED)
        .prefetch_related("version__act__topics")
        .annotate(
            comment_count=_count(_submitted_comments()),
            answerable_count=_count(_submitted_comments().filter(hidden_at__isnull=True)),
            answered_count=_count(
                _submitted_comments().filter(hidden_at__isnull=True, answer__isnull=False)
            ),
        )
    )
    return consultations_filtered(queryset, filters).order_by("-starts_at", "-id")


def consultation_titles_for(*, viewer: Any, ids: Iterable[int]) -> dict[int, str]:
    """The titles of the consultations among ``ids`` the viewer may see, one query."""
    rows = Consultation.objects.filter(_visible_to(viewer), pk__in=list(ids)).values_list(
        "pk", "title"
    )
    return dict(rows)


def consultations_filtered(
    queryset: QuerySet[Consultation], filters: Mapping[str, Any]
) -> QuerySet[Consultation]:
    """``queryset`` narrowed by the filters of ``consultation_list``."""
    if phase := filters.get("status"):
        queryset = queryset.in_phase(phase, timezone.now())  # type: ignore[attr-defined]
    if act_type := filters.get("act_type"):
        queryset = queryset.filter(version__act__act_type=act_type)
    if authority := filters.get("authority"):
        queryset = queryset.filter(version__act__department__authority=authority)
    if department := filters.get("department"):
        queryset = queryset.filter(version__act__department=department)
    if act := filters.get("act"):
        queryset = queryset.filter(version__act=act)
    if topic := filters.get("topic"):
        queryset = queryset.filter(version__act__in=_acts_with_topic(getattr(topic, "slug", topic)))
    if closing_before := filters.get("closing_before"):
        queryset = queryset.filter(ends_at__lt=_moment_after(closing_before))
    if closing_after := filters.get("closing_after"):
        queryset = queryset.filter(ends_at__gte=_moment_from(closing_after))
    if text := (filters.get("q") or "").strip():
        queryset = queryset.filter(title__icontains=text)
    return queryset


def _acts_with_topic(slug: str) -> QuerySet[Any]:
    return LegalAct.objects.filter(topics__slug=slug).values("pk")


def _moment_from(value: dt.date | dt.datetime) -> dt.datetime:
    """A date means from its first second (local time)."""
    return value if isinstance(value, dt.datetime) else start_of_local_day(value)


def _moment_after(value: dt.date | dt.datetime) -> dt.datetime:
    """A date means up to and including its last second (local time)."""
    if isinstance(value, dt.datetime):
        return value
    return end_of_local_day(value) + dt.timedelta(seconds=1)


def consultation_get_for(*, viewer: Any, pk: Any, detail: bool = True) -> Consultation:
    """One consultation as in ``consultation_list``, with its meetings, attachments and
    extensions; Http404 when it does not exist or the viewer may not see it.

    With ``detail=False`` only the consultation with its act, department and authority
    (one query, without the act's text): for the endpoints of its comments and provisions.
    """
    try:
        if not detail:
            return (
                Consultation.objects.filter(_visible_to(viewer))
                .select_related("version__act__department__authority")
                .defer("version__source_text", "version__warnings")
                .get(pk=pk)
            )
        return (
            consultation_list(viewer=viewer)
            .prefetch_related(
                "meetings",
                "attachments",
                Prefetch(
                    "extensions",
                    queryset=ConsultationExtension.objects.select_related("extended_by"),
                ),
            )
            .get(pk=pk)
        )
    except (Consultation.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def consultation_attachment_for(*, viewer: Any, pk: Any) -> ConsultationAttachment:
    """An attachment of a consultation the viewer may see (``consultation_get_for``'s
    visibility: a draft's stay with its department); Http404 otherwise."""
    try:
        return ConsultationAttachment.objects.get(
            pk=pk,
            consultation__in=Consultation.objects.filter(_visible_to(viewer)).values("pk"),
        )
    except (ConsultationAttachment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def consultation_for_comments(*, viewer: Any, pk: Any) -> Consultation:
    """The consultation as ``consultation_get_for`` finds it (the same visibility, the
    same 404), for the endpoints of its comments, which run many times more often than
    the consultation's own: its columns, and of its act only what the comments need
    (``version.act.department_id`` for who runs it, ``….authority.code`` for receipts).

    One statement, written as SQL: the ORM's four-level ``select_related`` cost several
    times the query. The act's other columns are deferred (read on first use).
    """
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    using = router.db_for_read(Consultation)

    def q(name: str) -> str:
        return rows.quote(using, name)

    sql = (
        # Names quoted from the models; every value is a parameter.
        f"SELECT {rows.columns(Consultation, 'c', using=using)}, "  # noqa: S608
        f"v.{q('act_id')}, a.{q('department_id')}, d.{q('authority_id')}, au.{q('code')} "
        f"FROM {rows.table(Consultation, using=using)} c "
        f"JOIN {rows.table(ActVersion, using=using)} v ON v.{q('id')} = c.{q('version_id')} "
        f"JOIN {rows.table(LegalAct, using=using)} a ON a.{q('id')} = v.{q('act_id')} "
        f"JOIN {rows.table(Department, using=using)} d ON d.{q('id')} = a.{q('department_id')} "
        f"JOIN {rows.table(Authority, using=using)} au ON au.{q('id')} = d.{q('authority_id')} "
        f"WHERE c.{q('id')} = %s"
    )
    params: list[Any] = [pk]
    if not account_permissions.is_administrator(viewer):
        departments = sorted(act_permissions.official_department_ids(viewer))
        visible = [f"c.{q('status')} <> %s"]
        params.append(ConsultationStatus.DRAFT)
        if departments:
            visible.append(f"a.{q('department_id')} IN ({', '.join(['%s'] * len(departments))})")
            params.extend(departments)
        sql += f" AND ({' OR '.join(visible)})"
    found = rows.fetch(Consultation, sql, params, using=using)
    if not found:
        raise Http404
    consultation, (act_pk, department_pk, authority_pk, authority_code) = found[0]
    authority = Authority.from_db(using, ["id", "code"], [authority_pk, authority_code])
    department = Department.from_db(using, ["id", "authority_id"], [department_pk, authority_pk])
    act = LegalAct.from_db(using, ["id", "department_id"], [act_pk, department_pk])
    version = ActVersion.from_db(using, ["id", "act_id"], [consultation.version_id, act_pk])
    Department.authority.field.set_cached_value(department, authority)
    LegalAct.department.field.set_cached_value(act, department)
    ActVersion.act.field.set_cached_value(version, act)
    Consultation.version.field.set_cached_value(consultation, version)
    return consultation


def consultation_provisions_with_counts(
    *, consultation: Consultation, viewer: Any
) -> QuerySet[Provision]:
    """The provisions of the consulted version in document order, each annotated with
    ``comment_count`` (the comments on it the viewer may see) and ``parent_label``."""
    visible = Comment.objects.filter(
        comment_visibility_q(viewer=viewer, consultation=consultation),
        consultation_id=consultation.pk,
        provision=OuterRef("pk"),
    )
    counted = visible.order_by().values("provision_id").annotate(count=Count("pk"))
    return (
        Provision.objects.filter(version_id=consultation.version_id)
        .annotate(
            comment_count=Coalesce(
                Subquery(counted.values("count")[:1]), Value(0), output_field=IntegerField()
            ),
            parent_label=Subquery(
                Provision.objects.filter(pk=OuterRef("parent_id")).values("label")[:1]
            ),
        )
        .order_by("order")
    )


def whole_act_comment_count(*, consultation: Consultation, viewer: Any) -> int:
    """How many comments on the act as a whole the viewer may see."""
    return (
        Comment.objects.filter(consultation=consultation, provision__isnull=True)
        .filter(comment_visibility_q(viewer=viewer, consultation=consultation))
        .count()
    )


def consultations_closing_soon(*, now: dt.datetime, days: int = 3) -> QuerySet[Consultation]:
    """Open consultations ending within ``days``, soonest first."""
    return (
        Consultation.objects.open_at(now)
        .filter(ends_at__lte=now + dt.timedelta(days=days))
        .select_related(*CONSULTATION_RELATED)
        .order_by("ends_at", "id")
    )


def consultations_open(*, now: dt.datetime) -> QuerySet[Consultation]:
    """Open consultations, soonest end first."""
    return (
        Consultation.objects.open_at(now)
        .select_related(*CONSULTATION_RELATED)
        .order_by("ends_at", "id")
    )


# --- What came of it --------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeRow:
    """The answers to the comments on one provision (``provision`` None: the whole act)."""

    provision_id: int | None
    label: str
    anchor: str
    total: int
    by_disposition: dict[str, int]

    @property
    def accepted(self) -> int:
        return self.by_disposition.get(Disposition.ACCEPTED, 0) + self.by_disposition.get(
            Disposition.PARTLY_ACCEPTED, 0
        )


@dataclass(frozen=True)
class OutcomeSummary:
    """“We asked, you said, we did”: how many comments, how they were answered, per
    provision, and the act's next published version (whose redline shows what changed)."""

    consultation_id: int
    act_id: int
    version_number: int
    total: int
    answered: int
    by_disposition: dict[str, int]
    rows: list[OutcomeRow] = field(default_factory=list)
    next_version_number: int | None = None

    @property
    def accepted(self) -> int:
        return self.by_disposition.get(Disposition.ACCEPTED, 0) + self.by_disposition.get(
            Disposition.PARTLY_ACCEPTED, 0
        )


def consultation_outcome_summary(*, consultation: Consultation) -> OutcomeSummary:
    """Counts by disposition over the submitted, visible comments; one row per provision
    that has comments, in document order (the act as a whole first); and the number of the
    next published version of the act, if there is one. Three queries."""
    comments = Comment.objects.filter(
        consultation=consultation, status=CommentStatus.SUBMITTED, hidden_at__isnull=True
    )
    grouped = (
        comments.order_by()
        .values("provision_id", "provision__label", "provision__anchor", "provision__order")
        .annotate(count=Count("pk"))
        .values_list(
            "provision_id", "provision__label", "provision__anchor", "provision__order", "count"
        )
    )
    dispositions = (
        Answer.objects.filter(comment__in=comments)
        .order_by()
        .values("comment__provision_id", "disposition")
        .annotate(count=Count("pk"))
        .values_list("comment__provision_id", "disposition", "count")
    )
    by_provision: dict[int | None, dict[str, int]] = {}
    for provision_id, disposition, count in dispositions:
        by_provision.setdefault(provision_id, {})[disposition] = count
    rows = []
    for provision_id, label, anchor, _order, count in sorted(
        grouped, key=lambda row: -1 if row[3] is None else row[3]
    ):
        rows.append(
            OutcomeRow(
                provision_id=provision_id,
                label=label or "",
                anchor=anchor or "",
                total=count,
                by_disposition=dict(by_provision.get(provision_id, {})),
            )
        )
    totals: dict[str, int] = dict.fromkeys(Disposition.values, 0)
    for counts in by_provision.values():
        for disposition, count in counts.items():
            totals[disposition] += count
    version = consultation.version
    next_version = (
        ActVersion.objects.published()
        .filter(act_id=version.act_id, number__gt=version.number)
        .order_by("number")
        .values_list("number", flat=True)
        .first()
    )
    return OutcomeSummary(
        consultation_id=consultation.pk,
        act_id=version.act_id,
        version_number=version.number,
        total=sum(row.total for row in rows),
        answered=sum(totals.values()),
        by_disposition=totals,
        rows=rows,
        next_version_number=next_version,
    )
