"""The data of a term's report (sprawozdanie z działalności kadencji): positions adopted by
kind, the consultations the council answered, and each member's attendance and turnout.

A member takes part in a circulation vote by voting and in a meeting vote by being present.
A vote counts for a member when they were entitled to it (a member on the day it opened,
still a member when it closed unless they voted first) and not recused from it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from consultations.selectors.council import council_submissions_by_external_id
from opinions.models import (
    Attendance,
    Ballot,
    Position,
    PositionKind,
    PositionStatus,
    Recusal,
    Term,
    TermMember,
    Vote,
    VoteMode,
)


@dataclass(frozen=True)
class KindSummary:
    kind: str
    label: str
    positions: list[Position]

    @property
    def count(self) -> int:
        return len(self.positions)


@dataclass(frozen=True)
class ConsultationAnswered:
    consultation_id: int
    consultation_title: str
    position: Position
    delivered_at: dt.datetime | None
    is_late: bool


@dataclass(frozen=True)
class MemberActivity:
    member: TermMember
    votes_entitled: int
    votes_taken_part: int
    meetings_entitled: int
    meetings_present: int
    recusals: int

    @property
    def turnout(self) -> float | None:
        """Share of the votes counted for the member in which they took part."""
        return self.votes_taken_part / self.votes_entitled if self.votes_entitled else None

    @property
    def attendance(self) -> float | None:
        """Share of the meeting votes counted for the member at which they were present."""
        return self.meetings_present / self.meetings_entitled if self.meetings_entitled else None


@dataclass(frozen=True)
class TermReport:
    term: Term
    generated_at: dt.datetime
    adopted_by_kind: list[KindSummary]
    adopted_count: int
    rejected_count: int
    withdrawn_count: int
    consultations_answered: list[ConsultationAnswered]
    votes_closed: int
    average_turnout: float | None
    members: list[MemberActivity] = field(default_factory=list)


@dataclass
class _VoteFacts:
    vote: Vote
    ballots: set[int] = field(default_factory=set)
    present: set[int] = field(default_factory=set)
    recused: set[int] = field(default_factory=set)


def _entitled(member: TermMember, facts: _VoteFacts) -> bool:
    opened = timezone.localdate(facts.vote.opened_at)
    assert facts.vote.closed_at is not None
    closed = timezone.localdate(facts.vote.closed_at)
    if not member.is_active_on(opened):
        return False
    return member.pk in facts.ballots or member.left_on is None or member.left_on >= closed


def _vote_facts(term: Term) -> list[_VoteFacts]:
    votes = {
        vote.pk: _VoteFacts(vote)
        for vote in Vote.objects.closed().filter(position__term=term).order_by("closed_at", "pk")
    }
    for vote_id, member_id in Ballot.objects.filter(vote_id__in=votes).values_list(
        "vote_id", "member_id"
    ):
        votes[vote_id].ballots.add(member_id)
    for vote_id, member_id in Attendance.objects.filter(
        vote_id__in=votes, present=True
    ).values_list("vote_id", "member_id"):
        votes[vote_id].present.add(member_id)
    for vote_id, member_id in Recusal.objects.filter(vote_id__in=votes).values_list(
        "vote_id", "member_id"
    ):
        votes[vote_id].recused.add(member_id)
    return list(votes.values())


def _member_activity(member: TermMember, facts: list[_VoteFacts]) -> MemberActivity:
    counts: dict[str, int] = defaultdict(int)
    for fact in facts:
        if not _entitled(member, fact):
            continue
        if member.pk in fact.recused:
            counts["recusals"] += 1
            continue
        counts["entitled"] += 1
        if fact.vote.mode == VoteMode.MEETING:
            counts["meetings"] += 1
            if member.pk in fact.present:
                counts["present"] += 1
                counts["took_part"] += 1
        elif member.pk in fact.ballots:
            counts["took_part"] += 1
    return MemberActivity(
        member=member,
        votes_entitled=counts["entitled"],
        votes_taken_part=counts["took_part"],
        meetings_entitled=counts["meetings"],
        meetings_present=counts["present"],
        recusals=counts["recusals"],
    )


def term_report_data(*, term: Term) -> TermReport:
    """The report's data; a fixed number of queries however long the term."""
    positions = list(
        Position.objects.filter(term=term)
        .select_related("council", "consultation", "subject_organisation")
        .order_by("year", "number", "pk")
    )
    adopted = [position for position in positions if position.status == PositionStatus.ADOPTED]
    by_kind = [
        KindSummary(
            kind=kind,
            label=str(label),
            positions=[position for position in adopted if position.kind == kind],
        )
        for kind, label in PositionKind.choices
    ]
    opinions_on_consultations = [
        position
        for position in adopted
        if position.kind == PositionKind.CONSULTATION_OPINION and position.consultation
    ]
    submissions = council_submissions_by_external_id(
        external_ids=[position.pk for position in opinions_on_consultations]
    )
    answered = []
    for position in opinions_on_consultations:
        assert position.consultation is not None
        submission = submissions.get(str(position.pk))
        answered.append(
            ConsultationAnswered(
                consultation_id=position.consultation.pk,
                consultation_title=position.consultation.title,
                position=position,
                delivered_at=submission.delivered_at if submission else None,
                is_late=submission.is_late if submission else False,
            )
        )
    facts = _vote_facts(term)
    members = list(
        TermMember.objects.filter(term=term)
        .select_related("user", "organisation")
        .order_by("user__full_name", "pk")
    )
    activity = [_member_activity(member, facts) for member in members]
    turnouts = [fact.vote.turnout for fact in facts if fact.vote.turnout is not None]
    return TermReport(
        term=term,
        generated_at=timezone.now(),
        adopted_by_kind=by_kind,
        adopted_count=len(adopted),
        rejected_count=sum(1 for p in positions if p.status == PositionStatus.REJECTED),
        withdrawn_count=sum(1 for p in positions if p.status == PositionStatus.WITHDRAWN),
        consultations_answered=answered,
        votes_closed=len(facts),
        average_turnout=sum(turnouts) / len(turnouts) if turnouts else None,
        members=activity,
    )
