"""Reads of legal acts, versions and provisions, with what each viewer may see.

Not found and not allowed are the same 404: an unpublished version does not exist for
anyone outside its department.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import router
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from acts import permissions
from acts.exceptions import NothingToCompare
from acts.models import ActStatus, ActVersion, LegalAct, Provision, Topic
from core import rows


def _latest_published(field_name: str) -> Subquery:
    return Subquery(
        ActVersion.objects.published()
        .filter(act=OuterRef("pk"))
        .order_by("-number")
        .values(field_name)[:1]
    )


def act_list(*, viewer: Any) -> QuerySet[LegalAct]:
    """Acts with a published version for everyone; officials and administrators see all.

    Annotated with ``latest_published_number`` and ``latest_published_at`` (None before the
    first publication); department, authority and topics come along.
    """
    queryset = (
        LegalAct.objects.select_related("department__authority")
        .prefetch_related("topics")
        .annotate(
            latest_published_number=_latest_published("number"),
            latest_published_at=_latest_published("published_at"),
        )
    )
    if not permissions.sees_every_act(viewer):
        queryset = queryset.filter(latest_published_number__isnull=False)
    return queryset


def act_search(*, viewer: Any, filters: Mapping[str, Any]) -> QuerySet[LegalAct]:
    """``act_list`` narrowed by the list page's filters: ``q`` (title or subject),
    ``act_type``, ``authority`` and ``department`` (ids), ``topic`` (slug) and ``status``.
    Empty values are ignored."""
    queryset = act_list(viewer=viewer)
    if text := (filters.get("q") or "").strip():
        queryset = queryset.filter(Q(title__icontains=text) | Q(subject__icontains=text))
    if act_type := filters.get("act_type"):
        queryset = queryset.filter(act_type=act_type)
    if authority := filters.get("authority"):
        queryset = queryset.filter(department__authority=authority)
    if department := filters.get("department"):
        queryset = queryset.filter(department=department)
    if topic := filters.get("topic"):
        queryset = queryset.filter(topics__slug=getattr(topic, "slug", topic))
    if status := filters.get("status"):
        queryset = queryset.filter(status=status)
    return queryset.distinct().order_by("-updated_at", "-id")


def acts_with_unpublished_drafts(*, viewer: Any) -> QuerySet[LegalAct]:
    """The acts of the viewer's departments with text not yet published: acts never
    published, and open acts with a draft version. Annotated with
    ``draft_version_number`` (None when the act has no version yet); newest change first.
    One query; none for a viewer without an official's post."""
    department_ids = permissions.official_department_ids(viewer)
    if not department_ids:
        return LegalAct.objects.none()
    draft_version = Subquery(
        ActVersion.objects.drafts()
        .filter(act=OuterRef("pk"))
        .order_by("-number")
        .values("number")[:1]
    )
    return (
        LegalAct.objects.filter(department_id__in=sorted(department_ids))
        .filter(status__in=LegalAct.OPEN_STATUSES)
        .annotate(draft_version_number=draft_version)
        .filter(Q(status=ActStatus.DRAFT) | Q(draft_version_number__isnull=False))
        .select_related("department")
        .order_by("-updated_at", "-id")
    )


def act_choices_for_amends() -> QuerySet[LegalAct]:
    """The acts an official may name as the act an act amends (officials see every act)."""
    return LegalAct.objects.order_by("title", "id")


def act_get_for(*, viewer: Any, pk: Any) -> LegalAct:
    """One act as in ``act_list``, or Http404 when it does not exist or the viewer may not
    see it."""
    try:
        return act_list(viewer=viewer).get(pk=pk)
    except (LegalAct.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def version_list_for_act(*, viewer: Any, act: LegalAct) -> QuerySet[ActVersion]:
    """The act's versions the viewer may see, oldest first."""
    queryset = ActVersion.objects.filter(act=act).select_related("created_by", "published_by")
    if not permissions.can_edit_act(viewer, act):
        queryset = queryset.published()
    return queryset.order_by("number")


def version_get_for(*, viewer: Any, act_pk: Any, number: Any) -> ActVersion:
    """Version ``number`` of an act, with its act, department and authority; Http404 when
    either does not exist or the version is unpublished and the viewer is not its editor."""
    try:
        version = ActVersion.objects.select_related("act__department__authority").get(
            act_id=act_pk, number=number
        )
    except (ActVersion.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not permissions.can_view_version(viewer, version):
        raise Http404
    return version


def version_with_source_for(*, viewer: Any, pk: Any) -> ActVersion:
    """A version by its id, for its source file: the rule of ``version_get_for`` (an
    unpublished version stays with the act's editors); Http404 when it does not exist,
    the viewer may not see it or it was not read from a file."""
    try:
        version = ActVersion.objects.select_related("act__department__authority").get(pk=pk)
    except (ActVersion.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not permissions.can_view_version(viewer, version) or not version.source_file:
        raise Http404
    return version


def version_latest_published(*, act: LegalAct) -> ActVersion | None:
    return ActVersion.objects.published().filter(act=act).order_by("-number").first()


def version_draft(*, act: LegalAct) -> ActVersion | None:
    return ActVersion.objects.drafts().filter(act=act).first()


def version_previous_published(*, version: ActVersion) -> ActVersion | None:
    return (
        ActVersion.objects.published()
        .filter(act_id=version.act_id, number__lt=version.number)
        .order_by("-number")
        .first()
    )


def provision_list(*, version: ActVersion) -> QuerySet[Provision]:
    """A version's units in document order, each annotated with ``parent_label``."""
    return (
        Provision.objects.filter(version=version)
        .annotate(parent_label=Subquery(_parent_label()))
        .order_by("order")
    )


def provision_in_version(*, version_id: int, pk: int) -> Provision | None:
    """One provision of a version by its id, or None. Written as SQL (one row of one
    table): every comment submitted names its provision this way."""
    using = router.db_for_read(Provision)
    found = rows.fetch(
        Provision,
        # Names quoted from the models; every value is a parameter.
        f"SELECT {rows.columns(Provision, 'p', using=using)} "  # noqa: S608
        f"FROM {rows.table(Provision, using=using)} p "
        f"WHERE p.{rows.quote(using, 'id')} = %s AND p.{rows.quote(using, 'version_id')} = %s",
        [pk, version_id],
        using=using,
    )
    return found[0][0] if found else None


def _parent_label() -> QuerySet[Any]:
    return Provision.objects.filter(pk=OuterRef("parent_id")).values("label")[:1]


def provision_get_for(*, viewer: Any, version: ActVersion, pk: Any) -> Provision:
    """One unit, annotated as in ``provision_list``, of a version the viewer may see
    (``version_get_for`` checked that)."""
    try:
        provision = provision_list(version=version).get(pk=pk)
    except (Provision.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    provision.version = version
    return provision


@dataclass
class ProvisionNode:
    provision: Provision
    children: list[ProvisionNode] = field(default_factory=list)


def provision_tree(provisions: Iterable[Provision]) -> list[ProvisionNode]:
    """Nest units (given in document order) under their parents; returns the top level."""
    roots: list[ProvisionNode] = []
    nodes: dict[int, ProvisionNode] = {}
    for provision in provisions:
        node = ProvisionNode(provision)
        nodes[provision.pk] = node
        parent = nodes.get(provision.parent_id) if provision.parent_id else None
        (parent.children if parent is not None else roots).append(node)
    return roots


@dataclass
class WarningItem:
    code: str
    message: str
    label: str
    anchor: str


def version_warnings(*, version: ActVersion, provisions: Iterable[Provision]) -> list[WarningItem]:
    """The version's parse warnings, each with the anchor of the unit it concerns (empty
    when it concerns the whole text or a unit no longer there)."""
    anchor_by_label: dict[str, str] = {}
    for provision in provisions:
        anchor_by_label.setdefault(provision.label, provision.anchor)
    return [
        WarningItem(
            code=str(warning.get("code", "")),
            message=str(warning.get("message", "")),
            label=str(warning.get("label") or ""),
            anchor=anchor_by_label.get(str(warning.get("label") or ""), ""),
        )
        for warning in version.warnings or []
    ]


def version_against_for(*, viewer: Any, version: ActVersion, against: Any = None) -> ActVersion:
    """The version to compare ``version`` with: number ``against`` if given (Http404 if the
    viewer may not see it), otherwise the previous published version (NothingToCompare when
    there is none)."""
    if against not in (None, ""):
        return version_get_for(viewer=viewer, act_pk=version.act_id, number=against)
    previous = version_previous_published(version=version)
    if previous is None:
        raise NothingToCompare()
    previous.act = version.act
    return previous


def topic_list() -> QuerySet[Topic]:
    return Topic.objects.order_by("name")


def topics_by_slugs(slugs: Iterable[str]) -> tuple[list[Topic], list[str]]:
    """The topics with these slugs, and the slugs that match none."""
    wanted = list(dict.fromkeys(slugs))
    topics = list(Topic.objects.filter(slug__in=wanted))
    unknown = sorted(set(wanted) - {topic.slug for topic in topics})
    return topics, unknown
