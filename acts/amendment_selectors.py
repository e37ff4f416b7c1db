"""Reads about amending acts: what a version's amending units change, in which act on the
platform, and the consolidated text of that act with the changes applied.

The amended act is the one an official named (``LegalAct.amends``); failing that, the one
act on the platform whose number (``LegalAct.number``) is the number the intro cites
("W uchwale nr XXX/400/2021 …"). Its current text is its newest published version, public
like every published version, so whoever may read the amending version may read what it
links to. The consolidated text is computed on each read from the two versions' units
(``acts.amendments``): nothing is stored, and it is marked as informative wherever shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from acts import selectors
from acts.amendments import (
    AmendedActReference,
    AmendingUnit,
    AmendmentPlan,
    Consolidation,
    Operation,
    OperationKind,
    consolidate,
    interpret_units,
)
from acts.models import ActVersion, LegalAct, Provision
from acts.redline import Redline, compute_redline

# The parser keeps an amending unit's quoted new wording as its child of this kind.
QUOTATION_KIND = "quotation"


@dataclass(frozen=True)
class AmendmentLink:
    """Where an amending unit's change lands in the amended act's current text. ``url`` is
    None when the unit named is not in that text (the change cannot be applied there)."""

    kind: OperationKind
    text: str
    target_label: str
    url: str | None


@dataclass
class VersionAmendments:
    """What a version of an amending act changes, and where."""

    plan: AmendmentPlan
    amended_act: LegalAct | None = None
    amended_version: ActVersion | None = None
    # The amended version's units in document order (empty without one).
    amended_provisions: list[Provision] = field(default_factory=list)
    links: dict[str, list[AmendmentLink]] = field(default_factory=dict)

    @property
    def is_amending(self) -> bool:
        """The text reads as amending, or an official named the act it amends."""
        return self.plan.is_amending or self.amended_act is not None

    @property
    def reference(self) -> AmendedActReference | None:
        return self.plan.reference

    @property
    def citation(self) -> str:
        """How the amended act is named: "uchwała nr XXX/400/2021", or its title."""
        if self.plan.reference is not None:
            return self.plan.reference.citation
        return self.amended_act.title if self.amended_act is not None else ""


@dataclass(frozen=True)
class PreviewProblem:
    """A change left out of the consolidated text: not applied (``reason`` says why) or
    not recognised (``reason`` empty)."""

    source_label: str
    source_anchor: str
    instruction: str
    reason: str
    message: str


@dataclass
class ConsolidatedPreview:
    amendments: VersionAmendments
    consolidation: Consolidation
    redline: Redline
    problems: list[PreviewProblem] = field(default_factory=list)


def amending_units(provisions: Iterable[Provision]) -> list[AmendingUnit]:
    """The units of a version as the instruction reader wants them: each with its parent's
    label and the quoted wordings the parser kept as its children."""
    ordered = list(provisions)
    label_by_pk = {provision.pk: provision.label for provision in ordered}
    quoted: dict[int, list[str]] = {}
    for provision in ordered:
        if provision.kind == QUOTATION_KIND and provision.parent_id is not None:
            quoted.setdefault(provision.parent_id, []).append(provision.text)
    return [
        AmendingUnit(
            label=provision.label,
            parent_label=label_by_pk.get(provision.parent_id) if provision.parent_id else None,
            text=provision.text,
            quoted=tuple(quoted.get(provision.pk, ())),
        )
        for provision in ordered
        if provision.kind != QUOTATION_KIND
    ]


def amended_act_candidates(
    *, viewer: Any, reference: AmendedActReference, exclude: LegalAct | None = None
) -> list[LegalAct]:
    """Acts on the platform the intro may name: by their number, or by "nr <number>" in
    their title; at most ten, exact numbers first. For the suggestion on the act's form."""
    if not reference.number:
        return []
    number = reference.number
    queryset = selectors.act_list(viewer=viewer).filter(
        Q(number__iexact=number) | Q(title__icontains=f"nr {number}")
    )
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    found = list(queryset.order_by("title", "id")[:10])
    found.sort(key=lambda act: act.number.lower() != number.lower())
    return found


def _amended_version(*, act: LegalAct, reference: AmendedActReference | None) -> ActVersion | None:
    """The newest published version of the act ``act`` amends: the act named, else the one
    act whose number the intro cites. One query."""
    versions = ActVersion.objects.published().select_related("act")
    if act.amends_id is not None:
        return versions.filter(act_id=act.amends_id).order_by("-number").first()
    if reference is None or not reference.number:
        return None
    numbered = list(
        LegalAct.objects.public()
        .filter(number__iexact=reference.number)
        .exclude(pk=act.pk)
        .values_list("pk", flat=True)[:2]
    )
    if len(numbered) != 1:
        return None  # none, or several: an official must name the act
    return versions.filter(act_id=numbered[0]).order_by("-number").first()


def _link_text(operation: Operation, citation: str) -> tuple[str, str]:
    """The sentence naming a change, and the label of the amended unit it points at."""
    values = {"act": citation}
    if operation.kind is OperationKind.INSERT:
        new = ", ".join(operation.target_labels)
        values["new"] = new
        if operation.after is not None:
            values["target"] = operation.after.label
            return _("Adds %(new)s after %(target)s of %(act)s") % values, operation.after.label
        if not operation.parent.is_empty:
            values["target"] = operation.parent.label
            return _("Adds %(new)s to %(target)s of %(act)s") % values, operation.parent.label
        return _("Adds %(new)s to %(act)s") % values, ""
    target = ", ".join(operation.target_labels) or _("the title")
    values["target"] = target
    label = operation.target_labels[0] if operation.targets else ""
    if operation.kind is OperationKind.REPLACE:
        return _("New wording of %(target)s of %(act)s") % values, label
    if operation.kind is OperationKind.REPEAL:
        return _("Repeals %(target)s of %(act)s") % values, label
    if operation.kind is OperationKind.REPLACE_PUNCTUATION:
        return _("Changes the punctuation of %(target)s of %(act)s") % values, label
    return _("Changes words in %(target)s of %(act)s") % values, label


def version_amendments(*, act: LegalAct, provisions: Sequence[Provision]) -> VersionAmendments:
    """What the version whose units are ``provisions`` amends, with a link per change to
    the unit of the amended act's current text. No query for an act that amends nothing;
    otherwise two (the amended version with its act, and its units)."""
    plan = interpret_units(amending_units(provisions))
    result = VersionAmendments(plan=plan)
    if not plan.is_amending and act.amends_id is None:
        return result
    version = _amended_version(act=act, reference=plan.reference)
    if version is None:
        return result
    result.amended_act = version.act
    result.amended_version = version
    result.amended_provisions = list(selectors.provision_list(version=version))
    anchors = {provision.label: provision.anchor for provision in result.amended_provisions}
    base = reverse("acts:version", kwargs={"pk": version.act_id, "number": version.number})
    citation = result.citation
    for source, operations in plan.by_source.items():
        for operation in operations:
            text, label = _link_text(operation, citation)
            anchor = anchors.get(label) if label else None
            url = f"{base}#{anchor}" if anchor else (base if not label else None)
            result.links.setdefault(source, []).append(
                AmendmentLink(kind=operation.kind, text=text, target_label=label, url=url)
            )
    return result


def attach_amendment_links(provisions: Iterable[Provision], amendments: VersionAmendments) -> None:
    """Give each amending unit loaded for a page its links (``amendment_links``)."""
    for provision in provisions:
        provision.amendment_links = amendments.links.get(provision.label, [])  # type: ignore[attr-defined]


def consolidated_preview(*, version: ActVersion) -> ConsolidatedPreview:
    """The amended act's current text with ``version``'s changes applied, and the redline
    against that text. The caller has checked the viewer may see ``version``. Queries: the
    version's units, the amended version, its units."""
    provisions = list(selectors.provision_list(version=version))
    amendments = version_amendments(act=version.act, provisions=provisions)
    amended = amendments.amended_version
    if amended is None:
        consolidation = Consolidation(units=[])
        redline = compute_redline([], [])
    else:
        consolidation = consolidate(
            amendments.amended_provisions,
            amendments.plan.operations,
            title=amended.parsed_title or amended.act.title,
        )
        redline = compute_redline(amendments.amended_provisions, consolidation.units)
    anchors = {provision.label: provision.anchor for provision in provisions}
    problems = [
        PreviewProblem(
            source_label=item.operation.source_label,
            source_anchor=anchors.get(item.operation.source_label, ""),
            instruction=item.operation.instruction,
            reason=item.reason.value,
            message=item.message,
        )
        for item in consolidation.not_applied
    ]
    problems += [
        PreviewProblem(
            source_label=item.source_label,
            source_anchor=anchors.get(item.source_label, ""),
            instruction=item.text,
            reason="",
            message=_("The instruction was not recognised; read it in the act."),
        )
        for item in amendments.plan.unrecognised
    ]
    return ConsolidatedPreview(
        amendments=amendments, consolidation=consolidation, redline=redline, problems=problems
    )


@dataclass(frozen=True)
class AmendedActSuggestion:
    reference: AmendedActReference
    candidates: list[LegalAct]


def amended_act_suggestion(*, viewer: Any, act: LegalAct) -> AmendedActSuggestion | None:
    """For the act's form: the act its newest text says it amends, and the acts on the
    platform that may be it. None when the text names no amended act."""
    version = ActVersion.objects.filter(act=act).order_by("-number").first()
    if version is None:
        return None
    plan = interpret_units(amending_units(selectors.provision_list(version=version)))
    if plan.reference is None:
        return None
    return AmendedActSuggestion(
        reference=plan.reference,
        candidates=amended_act_candidates(viewer=viewer, reference=plan.reference, exclude=act),
    )
