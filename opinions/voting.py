"""The result of a council vote, computed from the term's rules. Pure: no database.

By the council's regulations (the defaults): a resolution passes when at least half of the
eligible members take part (quorum) and more votes are cast for than against (simple
majority; a tie fails). A term may require an absolute majority instead: more votes for
than half of the eligible members. Recused members are left out of the eligible members,
so out of the quorum base too; their ballots, and those of anyone not eligible, do not
count. In a circulation vote taking part means casting a ballot (an abstention counts);
at a meeting it means being present.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opinions.models import BallotChoice, MajorityRule, QuorumRule


@dataclass(frozen=True)
class Rules:
    quorum: str = QuorumRule.HALF_OF_MEMBERS
    majority: str = MajorityRule.SIMPLE


@dataclass(frozen=True)
class VoteResult:
    adopted: bool
    votes_for: int
    votes_against: int
    abstentions: int
    eligible: int
    recused: int
    participated: int
    quorum_required: int
    quorum_reached: bool
    majority_required: int
    majority_reached: bool
    rule_description: str

    @property
    def turnout(self) -> float:
        return self.participated / self.eligible if self.eligible else 0.0


def quorum_for(eligible: int, rule: str) -> int:
    if rule != QuorumRule.HALF_OF_MEMBERS:
        raise ValueError(f"Unknown quorum rule: {rule}")
    return (eligible + 1) // 2  # at least half, rounded up


def votes_for_needed(*, eligible: int, votes_against: int, rule: str) -> int:
    if rule == MajorityRule.SIMPLE:
        return votes_against + 1
    if rule == MajorityRule.ABSOLUTE:
        return eligible // 2 + 1
    raise ValueError(f"Unknown majority rule: {rule}")


def compute_result(
    *,
    rules: Rules,
    eligible_member_ids: Collection[int],
    recused_member_ids: Collection[int],
    ballots: Mapping[int, str] | Iterable[tuple[int, str]],
    present_member_ids: Collection[int] | None = None,
) -> VoteResult:
    """The result of a vote.

    ``ballots`` maps a member's id to their choice. ``present_member_ids`` is given for a
    meeting vote (who was present) and left out for a circulation vote.
    """
    recused = set(recused_member_ids) & set(eligible_member_ids)
    voters = set(eligible_member_ids) - recused
    choices = dict(ballots.items() if isinstance(ballots, Mapping) else ballots)
    counted = {member: choice for member, choice in choices.items() if member in voters}
    if present_member_ids is not None:
        present = set(present_member_ids) & voters
        counted = {member: choice for member, choice in counted.items() if member in present}
        participated = len(present)
    else:
        participated = len(counted)

    votes_for = sum(1 for choice in counted.values() if choice == BallotChoice.FOR)
    votes_against = sum(1 for choice in counted.values() if choice == BallotChoice.AGAINST)
    abstentions = sum(1 for choice in counted.values() if choice == BallotChoice.ABSTAIN)

    eligible = len(voters)
    quorum_required = quorum_for(eligible, rules.quorum)
    quorum_reached = eligible > 0 and participated >= quorum_required
    majority_required = votes_for_needed(
        eligible=eligible, votes_against=votes_against, rule=rules.majority
    )
    majority_reached = votes_for >= majority_required
    return VoteResult(
        adopted=quorum_reached and majority_reached,
        votes_for=votes_for,
        votes_against=votes_against,
        abstentions=abstentions,
        eligible=eligible,
        recused=len(recused),
        participated=participated,
        quorum_required=quorum_required,
        quorum_reached=quorum_reached,
        majority_required=majority_required,
        majority_reached=majority_reached,
        rule_description=describe_rules(
            rules, eligible=eligible, quorum_required=quorum_required, recused=len(recused)
        ),
    )


def describe_rules(rules: Rules, *, eligible: int, quorum_required: int, recused: int) -> str:
    """One sentence for the record: the rule applied, with the numbers it was applied to."""
    quorum = ngettext(
        "Quorum: at least half of the %(eligible)d eligible member (%(required)d) take part.",
        "Quorum: at least half of the %(eligible)d eligible members (%(required)d) take part.",
        eligible,
    ) % {"eligible": eligible, "required": quorum_required}
    if rules.majority == MajorityRule.ABSOLUTE:
        majority = _(
            "Absolute majority: more votes for than half of the eligible members "
            "(at least %(needed)d)."
        ) % {"needed": eligible // 2 + 1}
    else:
        majority = _("Simple majority: more votes for than against; a tie fails.")
    parts = [quorum, majority]
    if recused:
        parts.append(
            ngettext(
                "%(count)d member recused and not counted.",
                "%(count)d members recused and not counted.",
                recused,
            )
            % {"count": recused}
        )
    return " ".join(parts)
