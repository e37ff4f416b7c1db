"""Everything the document of a position shows (the PDF template reads it): letterhead,
number, date, subject, items with provision labels, justification, the tally, the names of
the voters by choice and the signatories."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.utils import timezone

from accounts.titles import role_title
from consultations.models import Comment
from opinions.models import (
    Ballot,
    BallotChoice,
    Office,
    Position,
    PositionItem,
    PositionKind,
    PositionStatus,
    Recusal,
    Term,
    TermMember,
    Vote,
    VoteMode,
    VoteOutcome,
)
from opinions.presenters import ITEM_WITHHELD, withheld_item_ids
from opinions.report import term_report_data
from opinions.selectors.positions import items_with_sources


@dataclass(frozen=True)
class DocumentItem:
    order: int
    text: str
    provision_label: str
    provision_anchor: str
    # The receipt numbers of the NGO comments the item grew from.
    source_numbers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Signatory:
    name: str
    office: str
    office_label: str
    organisation: str


@dataclass(frozen=True)
class VoteTally:
    mode: str
    mode_label: str
    closed_at: dt.datetime | None
    outcome: str
    outcome_label: str
    votes_for: int
    votes_against: int
    abstentions: int
    eligible: int
    participated: int
    recused: int
    turnout: float | None
    quorum_required: int
    quorum_reached: bool
    majority_required: int
    rule_description: str


@dataclass(frozen=True)
class PositionDocument:
    council_name: str
    council_short_name: str
    letterhead: list[str]
    title: str
    number_label: str
    date: dt.date | None
    kind: str
    kind_label: str
    subject: str
    justification: str
    status: str
    consultation_title: str
    subject_organisation: str
    items: list[DocumentItem]
    tally: VoteTally | None
    voters: dict[str, list[str]] = field(default_factory=dict)
    recused: list[tuple[str, str]] = field(default_factory=list)
    signatories: list[Signatory] = field(default_factory=list)


def _deciding_vote(position: Position) -> Vote | None:
    member_related = ("member__user",)
    return (
        Vote.objects.closed()
        .filter(position=position)
        .prefetch_related(
            Prefetch("ballots", queryset=Ballot.objects.select_related(*member_related)),
            Prefetch("recusals", queryset=Recusal.objects.select_related(*member_related)),
        )
        .order_by("-closed_at", "-pk")
        .first()
    )


def _signatories(position: Position, day: dt.date) -> list[Signatory]:
    return _term_officers(position.term_id, day)


def _term_officers(term_id: int, day: dt.date) -> list[Signatory]:
    """The chair and the secretary of the term on ``day``, who sign its documents."""
    officers = (
        TermMember.objects.active_on(day)
        .filter(term_id=term_id, office__in=[Office.CHAIR, Office.SECRETARY])
        .select_related("user", "organisation")
    )
    order = {Office.CHAIR: 0, Office.SECRETARY: 1}
    return [
        Signatory(
            name=str(seat.user),
            office=seat.office,
            office_label=role_title(seat.office, seat.user),
            organisation=seat.organisation.name if seat.organisation else "",
        )
        for seat in sorted(officers, key=lambda seat: order[Office(seat.office)])
    ]


def _tally(vote: Vote) -> VoteTally:
    return VoteTally(
        mode=vote.mode,
        mode_label=str(VoteMode(vote.mode).label),
        closed_at=vote.closed_at,
        outcome=vote.outcome,
        outcome_label=str(VoteOutcome(vote.outcome).label) if vote.outcome else "",
        votes_for=vote.votes_for,
        votes_against=vote.votes_against,
        abstentions=vote.abstentions,
        eligible=vote.eligible,
        participated=vote.participated,
        recused=vote.recused,
        turnout=vote.turnout,
        quorum_required=vote.quorum_required,
        quorum_reached=vote.quorum_reached,
        majority_required=vote.majority_required,
        rule_description=vote.rule_description,
    )


def position_document_data(*, position: Position) -> PositionDocument:
    """The document's content. For a position not yet decided the tally is None and the
        signatories are today's officers. Six queries (three more for a position not adopted,
    to withhold the items quoting hidden comments)."""
    position = Position.objects.select_related(
        "council", "term", "consultation", "subject_organisation"
    ).get(pk=position.pk)
    withheld: frozenset[int] = frozenset()
    if position.status != PositionStatus.ADOPTED:
        # A draft's document is read by the members: an item that still quotes a hidden
        # comment is withheld from it as from the pages (``opinions.presenters``).
        withheld = withheld_item_ids(
            AnonymousUser(), items_with_sources().filter(position=position), status=position.status
        )
    items = [
        DocumentItem(
            order=item.order,
            text=str(ITEM_WITHHELD) if item.pk in withheld else item.text,
            provision_label=item.provision.label if item.provision else "",
            provision_anchor=item.provision.anchor if item.provision else "",
            source_numbers=tuple(
                comment.tracking_number
                for comment in item.source_comments.all()
                if comment.tracking_number
            ),
        )
        for item in PositionItem.objects.filter(position=position)
        .select_related("provision")
        .prefetch_related(
            Prefetch(
                "source_comments",
                queryset=Comment.objects.only("pk", "tracking_number").order_by("tracking_number"),
            )
        )
        .order_by("order")
    ]
    vote = _deciding_vote(position)
    voters: dict[str, list[str]] = {choice: [] for choice in BallotChoice.values}
    recused: list[tuple[str, str]] = []
    if vote is not None:
        for ballot in vote.ballots.all():
            voters[ballot.choice].append(str(ballot.member.user))
        recused = sorted((str(row.member.user), row.reason) for row in vote.recusals.all())
    decided_at = position.adopted_at or (vote.closed_at if vote is not None else None)
    day = timezone.localdate(decided_at) if decided_at else timezone.localdate()
    council = position.council
    return PositionDocument(
        council_name=council.name,
        council_short_name=council.short_name,
        letterhead=[line for line in council.letterhead.splitlines() if line.strip()],
        title=position.title,
        number_label=position.number_label,
        date=timezone.localdate(decided_at) if decided_at else None,
        kind=position.kind,
        kind_label=str(PositionKind(position.kind).label),
        subject=position.subject,
        justification=position.justification,
        status=position.status,
        consultation_title=position.consultation.title if position.consultation else "",
        subject_organisation=(
            position.subject_organisation.name if position.subject_organisation else ""
        ),
        items=items,
        tally=_tally(vote) if vote is not None else None,
        voters={choice: sorted(names) for choice, names in voters.items()},
        recused=recused,
        signatories=_signatories(position, day),
    )


@dataclass(frozen=True)
class TermPositionLine:
    number_label: str
    title: str
    subject: str
    adopted_on: dt.date | None


@dataclass(frozen=True)
class TermKindSection:
    kind: str
    label: str
    positions: list[TermPositionLine]


@dataclass(frozen=True)
class TermConsultationLine:
    consultation_title: str
    position_number_label: str
    delivered_on: dt.date | None
    is_late: bool


@dataclass(frozen=True)
class TermMemberLine:
    name: str
    organisation: str
    office_label: str
    co_opted: bool
    joined_on: dt.date
    left_on: dt.date | None
    votes_entitled: int
    votes_taken_part: int
    # Whole per cent, or None without any vote counted for the member.
    turnout_percent: int | None
    meetings_entitled: int
    meetings_present: int
    recusals: int


@dataclass(frozen=True)
class TermReportDocument:
    """The council term report as its document prints it: plain values only, so its hash
    changes exactly when what the report says changes (not with the moment it is read)."""

    council_name: str
    letterhead: list[str]
    term_name: str
    starts_on: dt.date
    ends_on: dt.date
    quorum_label: str
    majority_label: str
    adopted_count: int
    rejected_count: int
    withdrawn_count: int
    votes_closed: int
    average_turnout_percent: int | None
    kinds: list[TermKindSection]
    consultations: list[TermConsultationLine]
    members: list[TermMemberLine]
    signatories: list[Signatory] = field(default_factory=list)


def _percent(share: float | None) -> int | None:
    return None if share is None else round(share * 100)


def term_report_document_data(*, term: Term) -> TermReportDocument:
    """The term report's document (``opinions.report.term_report_data``, the term page's
    data) in plain values, with the council's letterhead and today's officers to sign.
    A fixed number of queries however long the term."""
    report = term_report_data(term=term)
    council = term.council
    today = timezone.localdate()
    return TermReportDocument(
        council_name=council.name,
        letterhead=[line for line in council.letterhead.splitlines() if line.strip()],
        term_name=term.name,
        starts_on=term.starts_on,
        ends_on=term.ends_on,
        quorum_label=str(term.get_quorum_rule_display()),
        majority_label=str(term.get_majority_rule_display()),
        adopted_count=report.adopted_count,
        rejected_count=report.rejected_count,
        withdrawn_count=report.withdrawn_count,
        votes_closed=report.votes_closed,
        average_turnout_percent=_percent(report.average_turnout),
        kinds=[
            TermKindSection(
                kind=group.kind,
                label=group.label,
                positions=[
                    TermPositionLine(
                        number_label=position.number_label,
                        title=position.title,
                        subject=position.subject,
                        adopted_on=(
                            timezone.localdate(position.adopted_at) if position.adopted_at else None
                        ),
                    )
                    for position in group.positions
                ],
            )
            for group in report.adopted_by_kind
        ],
        consultations=[
            TermConsultationLine(
                consultation_title=answered.consultation_title,
                position_number_label=answered.position.number_label,
                delivered_on=(
                    timezone.localdate(answered.delivered_at) if answered.delivered_at else None
                ),
                is_late=answered.is_late,
            )
            for answered in report.consultations_answered
        ],
        members=[
            TermMemberLine(
                name=str(row.member.user),
                organisation=row.member.organisation.name if row.member.organisation else "",
                office_label=role_title(row.member.office, row.member.user),
                co_opted=row.member.co_opted,
                joined_on=row.member.joined_on,
                left_on=row.member.left_on,
                votes_entitled=row.votes_entitled,
                votes_taken_part=row.votes_taken_part,
                turnout_percent=_percent(row.turnout),
                meetings_entitled=row.meetings_entitled,
                meetings_present=row.meetings_present,
                recusals=row.recusals,
            )
            for row in report.members
        ],
        signatories=_term_officers(term.pk, today),
    )
