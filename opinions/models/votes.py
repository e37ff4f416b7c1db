"""Votes on positions: by circulation (online until a deadline) or at a meeting (the
secretary records attendance and each vote). The result is computed by
``opinions.voting.compute_result`` when the vote is closed and stored with the rule applied;
it is never typed in."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from opinions.models.positions import Position
from opinions.models.terms import MajorityRule, QuorumRule, TermMember


class VoteMode(models.TextChoices):
    CIRCULATION = "circulation", _("by circulation (online)")
    MEETING = "meeting", _("at a meeting")


class VoteOutcome(models.TextChoices):
    ADOPTED = "adopted", _("adopted")
    REJECTED = "rejected", _("rejected")


class BallotChoice(models.TextChoices):
    FOR = "for", _("for")
    AGAINST = "against", _("against")
    ABSTAIN = "abstain", _("abstain")


# A result lists who voted how under nouns ("Głosy wstrzymujące się"), not under the ballot's
# first-person options ("wstrzymuję się").
BALLOT_RESULT_HEADINGS = {
    BallotChoice.FOR: _("Votes for"),
    BallotChoice.AGAINST: _("Votes against"),
    BallotChoice.ABSTAIN: _("Abstentions"),
}


class VoteQuerySet(models.QuerySet["Vote"]):
    def open(self) -> VoteQuerySet:
        return self.filter(closed_at__isnull=True)

    def closed(self) -> VoteQuerySet:
        return self.filter(closed_at__isnull=False)


class Vote(models.Model):
    """One vote on a position. Open until closed by an officer; a circulation vote takes
    ballots until its deadline. The counts are filled in when it closes."""

    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="votes")
    mode = models.CharField(_("mode"), max_length=20, choices=VoteMode.choices)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened at"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    # The term's rules when the vote opened: the result follows them even if they change.
    quorum_rule = models.CharField(_("quorum"), max_length=30, choices=QuorumRule.choices)
    majority_rule = models.CharField(_("majority"), max_length=20, choices=MajorityRule.choices)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Empty while the vote is open.
    outcome = models.CharField(_("outcome"), max_length=10, choices=VoteOutcome.choices, blank=True)
    votes_for = models.PositiveIntegerField(_("for"), default=0)
    votes_against = models.PositiveIntegerField(_("against"), default=0)
    abstentions = models.PositiveIntegerField(_("abstentions"), default=0)
    eligible = models.PositiveIntegerField(_("eligible members"), default=0)
    recused = models.PositiveIntegerField(_("recused members"), default=0)
    participated = models.PositiveIntegerField(_("members taking part"), default=0)
    quorum_required = models.PositiveIntegerField(_("quorum"), default=0)
    quorum_reached = models.BooleanField(_("quorum reached"), default=False)
    majority_required = models.PositiveIntegerField(_("votes for needed"), default=0)
    rule_description = models.TextField(_("rule applied"), blank=True)

    objects = VoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["position"],
                condition=Q(closed_at__isnull=True),
                name="vote_one_open_per_position",
            ),
            models.CheckConstraint(
                condition=Q(mode="meeting") | Q(deadline__isnull=False),
                name="vote_circulation_has_deadline",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True, outcome="")
                | Q(closed_at__isnull=False, outcome__in=VoteOutcome.values),
                name="vote_closed_has_outcome",
            ),
            models.CheckConstraint(condition=Q(mode__in=VoteMode.values), name="vote_mode_valid"),
        ]

    def __str__(self) -> str:
        return _("vote on %(position)s") % {"position": self.position}

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def is_circulation(self) -> bool:
        return self.mode == VoteMode.CIRCULATION

    def deadline_passed_at(self, moment: dt.datetime) -> bool:
        return self.deadline is not None and moment > self.deadline

    def accepts_ballots_at(self, moment: dt.datetime) -> bool:
        """Open, and for a circulation vote not past its deadline."""
        return self.is_open and not self.deadline_passed_at(moment)

    @property
    def turnout(self) -> float | None:
        """The share of the eligible members who took part (0–1), once closed."""
        if self.closed_at is None or not self.eligible:
            return None
        return self.participated / self.eligible


class Ballot(models.Model):
    """One member's vote. Unique per vote and member: a member changes their vote in a
    circulation vote until the deadline, which updates this row."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    member = models.ForeignKey(TermMember, on_delete=models.PROTECT, related_name="ballots")
    choice = models.CharField(_("vote"), max_length=10, choices=BallotChoice.choices)
    cast_at = models.DateTimeField(_("cast at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["vote", "member__user__full_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "member"], name="ballot_one_per_member"),
            models.CheckConstraint(
                condition=Q(choice__in=BallotChoice.values), name="ballot_choice_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_choice_display()}"


class Attendance(models.Model):
    """Who was present at the meeting where a vote was taken."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(TermMember, on_delete=models.PROTECT, related_name="attendance")
    present = models.BooleanField(_("present"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["vote", "member__user__full_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "member"], name="attendance_one_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.present}"


class Recusal(models.Model):
    """A member excluded from a vote and from its quorum base: automatically when their
    organisation is the one the position concerns, or declared (conflict of interest)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(TermMember, on_delete=models.PROTECT, related_name="recusals")
    reason = models.TextField(_("reason"))
    declared_by_member = models.BooleanField(_("declared by the member"), default=False)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    declared_at = models.DateTimeField(_("declared at"), auto_now_add=True)

    class Meta:
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        ordering = ["vote", "member__user__full_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "member"], name="recusal_one_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.reason[:40]}"
