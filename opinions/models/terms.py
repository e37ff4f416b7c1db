"""The council, its terms (kadencje), the members of each term and the rules they vote by.

Whether a term is current and whether a member is active are derived from dates, in one
QuerySet method and one property each; nothing flips a flag when a term ends.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

DEFAULT_NUMBERING_SCHEME = "{n}/{year}"


class Council(TimeStampedModel):
    """An NGO council (rada organizacji pozarządowych), e.g. the Sopot NGO Council."""

    name = models.CharField(_("name"), max_length=300, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    numbering_scheme = models.CharField(
        _("numbering scheme"),
        max_length=100,
        default=DEFAULT_NUMBERING_SCHEME,
        help_text=_(
            "How resolutions are numbered: {n} is the number in the year, {year} the year."
        ),
    )
    letterhead = models.TextField(
        _("letterhead"), blank=True, help_text=_("Address and contact lines printed on documents.")
    )

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def format_number(self, *, number: int, year: int) -> str:
        return self.numbering_scheme.format(n=number, year=year)


class QuorumRule(models.TextChoices):
    HALF_OF_MEMBERS = "half_of_members", _("at least half of the eligible members take part")


class MajorityRule(models.TextChoices):
    SIMPLE = "simple", _("simple majority: more votes for than against")
    ABSOLUTE = "absolute", _("absolute majority: more votes for than half of the eligible members")


class TermQuerySet(models.QuerySet["Term"]):
    def current_on(self, day: dt.date) -> TermQuerySet:
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class Term(TimeStampedModel):
    """One term of office (kadencja) with its voting rules."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="terms"
    )
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    quorum_rule = models.CharField(
        _("quorum"), max_length=30, choices=QuorumRule.choices, default=QuorumRule.HALF_OF_MEMBERS
    )
    majority_rule = models.CharField(
        _("majority"), max_length=20, choices=MajorityRule.choices, default=MajorityRule.SIMPLE
    )

    objects = TermQuerySet.as_manager()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["council", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="term_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(quorum_rule__in=QuorumRule.values), name="term_quorum_rule_valid"
            ),
            models.CheckConstraint(
                condition=Q(majority_rule__in=MajorityRule.values),
                name="term_majority_rule_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council} — {self.name}"

    def is_current_on(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on

    @property
    def is_current(self) -> bool:
        return self.is_current_on(timezone.localdate())


class Office(models.TextChoices):
    CHAIR = "chair", _("chair")
    VICE_CHAIR = "vice_chair", _("vice-chair")
    SECRETARY = "secretary", _("secretary")
    MEMBER = "member", _("member")


# Offices held by one member at a time in a term.
SINGLE_OFFICES = frozenset({Office.CHAIR, Office.SECRETARY})
# Officers open and close votes and record meetings.
VOTE_OFFICERS = frozenset({Office.CHAIR, Office.SECRETARY})


class TermMemberQuerySet(models.QuerySet["TermMember"]):
    def active_on(self, day: dt.date) -> TermMemberQuerySet:
        return self.filter(joined_on__lte=day).filter(Q(left_on__isnull=True) | Q(left_on__gte=day))


class TermMember(TimeStampedModel):
    """A person sitting on the council in one term, representing an organisation.

    Active on a day when ``joined_on <= day`` and ``left_on`` is empty or not before it.
    Co-opted members (dokooptowani) join during the term and vote like everyone else.
    """

    term = models.ForeignKey(
        Term, verbose_name=_("term"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="council_seats",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation represented"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_seats",
    )
    office = models.CharField(
        _("office"), max_length=20, choices=Office.choices, default=Office.MEMBER
    )
    joined_on = models.DateField(_("member since"))
    left_on = models.DateField(_("member until"), null=True, blank=True)
    co_opted = models.BooleanField(_("co-opted"), default=False)

    objects = TermMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["term", "user__full_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["term", "user"], name="term_member_once_per_term"),
            models.UniqueConstraint(
                fields=["term"],
                condition=Q(office="chair", left_on__isnull=True),
                name="term_member_one_chair",
            ),
            models.UniqueConstraint(
                fields=["term"],
                condition=Q(office="secretary", left_on__isnull=True),
                name="term_member_one_secretary",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="term_member_leaves_after_joining",
            ),
            models.CheckConstraint(
                condition=Q(office__in=Office.values), name="term_member_office_valid"
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    def is_active_on(self, day: dt.date) -> bool:
        return self.joined_on <= day and (self.left_on is None or self.left_on >= day)

    @property
    def is_active(self) -> bool:
        return self.is_active_on(timezone.localdate())

    @property
    def is_officer(self) -> bool:
        return self.office in VOTE_OFFICERS
