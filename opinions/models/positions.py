"""Positions (stanowiska, opinie, uchwały), their ordered items with provenance, the
history of each item's text, notes in the margin, amendments and the number sequence."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from opinions.models.requests import CouncilRequest
from opinions.models.terms import Council, Term


class PositionKind(models.TextChoices):
    CONSULTATION_OPINION = "consultation_opinion", _("opinion on a consultation")
    OFFER_OPINION = "offer_opinion", _("opinion on an NGO's offer for a public task")
    RECOMMENDATION = "recommendation", _("recommendation for an organisation")
    NOMINATION = "nomination", _("nomination of representatives to an advisory body")
    NGO_OF_THE_YEAR = "ngo_of_the_year", _("NGO of the Year award")
    GENERAL = "general", _("general position")


# Kinds that concern one organisation: its member in the council is recused from the vote.
KINDS_WITH_SUBJECT_ORGANISATION = frozenset(
    {PositionKind.OFFER_OPINION, PositionKind.RECOMMENDATION, PositionKind.NGO_OF_THE_YEAR}
)
# Kinds that cannot exist without the organisation they concern.
KINDS_REQUIRING_SUBJECT_ORGANISATION = frozenset(
    {PositionKind.OFFER_OPINION, PositionKind.RECOMMENDATION}
)


class PositionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    VOTING = "voting", _("voting")
    ADOPTED = "adopted", _("adopted")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")


# Decided positions are public, with the names of the voters.
PUBLIC_STATUSES = frozenset({PositionStatus.ADOPTED, PositionStatus.REJECTED})


class PositionQuerySet(models.QuerySet["Position"]):
    def public(self) -> PositionQuerySet:
        return self.filter(status__in=PUBLIC_STATUSES)

    def adopted(self) -> PositionQuerySet:
        return self.filter(status=PositionStatus.ADOPTED)


class Position(TimeStampedModel):
    """One position of the council in a term. Adopted by vote, it gets the next number of
    the year in its council (``number``/``year``), gapless and never reused."""

    council = models.ForeignKey(
        Council,
        verbose_name=_("council"),
        on_delete=models.PROTECT,
        related_name="positions",
        editable=False,
    )
    term = models.ForeignKey(
        Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="positions"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=PositionKind.choices)
    subject = models.CharField(_("subject"), max_length=500)
    justification = models.TextField(_("justification"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PositionStatus.choices,
        default=PositionStatus.DRAFT,
        db_index=True,
    )
    consultation = models.ForeignKey(
        "consultations.Consultation",
        verbose_name=_("consultation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_positions",
    )
    subject_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation concerned"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_positions_about",
    )
    request = models.OneToOneField(
        CouncilRequest,
        verbose_name=_("request"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="position",
    )
    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafter"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="drafted_positions",
    )
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True)
    # Optimistic concurrency for the subject and justification; items have their own.
    revision = models.PositiveIntegerField(default=1)

    objects = PositionQuerySet.as_manager()

    TRANSITIONS: dict[str, set[str]] = {
        PositionStatus.DRAFT: {PositionStatus.VOTING, PositionStatus.WITHDRAWN},
        PositionStatus.VOTING: {PositionStatus.ADOPTED, PositionStatus.REJECTED},
        PositionStatus.ADOPTED: set(),
        PositionStatus.REJECTED: set(),
        PositionStatus.WITHDRAWN: set(),
    }

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year", "number"],
                condition=Q(number__isnull=False),
                name="position_number_unique_in_council_year",
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True, year__isnull=True)
                | Q(number__isnull=False, year__isnull=False),
                name="position_number_has_year",
            ),
            models.CheckConstraint(
                condition=~Q(status="adopted") | Q(number__isnull=False, adopted_at__isnull=False),
                name="position_adopted_is_numbered",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=PositionKind.values), name="position_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=PositionStatus.values), name="position_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["term", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == PositionStatus.DRAFT

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def number_label(self) -> str:
        """The number by the council's scheme ("7/2026"); empty until adopted."""
        if self.number is None or self.year is None:
            return ""
        return self.council.format_number(number=self.number, year=self.year)

    @property
    def title(self) -> str:
        if self.number_label:
            return str(_("Resolution no. %(number)s") % {"number": self.number_label})
        return self.subject


class PositionItem(TimeStampedModel):
    """One numbered item of a position, optionally about one provision of the consulted act,
    with the NGO comments it grew from (``source_comments``)."""

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("text"))
    provision = models.ForeignKey(
        "acts.Provision",
        verbose_name=_("provision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_items",
    )
    source_comments = models.ManyToManyField(
        "consultations.Comment",
        verbose_name=_("comments it grew from"),
        through="PositionItemSource",
        blank=True,
        related_name="council_items",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    # Optimistic concurrency: every change of the text increments it.
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["position", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["position", "order"], name="position_item_order_unique"
            ),
            models.CheckConstraint(condition=Q(order__gte=1), name="position_item_order_positive"),
        ]

    def __str__(self) -> str:
        return _("item %(order)s") % {"order": self.order}


class PositionItemSource(models.Model):
    """Provenance: an item grew from this NGO comment."""

    item = models.ForeignKey(PositionItem, on_delete=models.CASCADE, related_name="sources")
    comment = models.ForeignKey(
        "consultations.Comment", on_delete=models.PROTECT, related_name="council_item_sources"
    )
    # The comment's version when the council took it in (``CommentVersion.number``): a
    # later change of the comment does not change what the council cited.
    comment_version = models.PositiveIntegerField(_("version cited"), null=True, blank=True)

    class Meta:
        verbose_name = _("item source")
        verbose_name_plural = _("item sources")
        ordering = ["item", "id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "comment"], name="position_item_source_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item_id} ← {self.comment_id}"

    @property
    def changed_since_cited(self) -> bool:
        """The comment was changed after the council took it in (its text then is the
        cited version's, ``CommentVersion``)."""
        return self.comment_version is not None and self.comment.version > self.comment_version


class PositionItemRevision(models.Model):
    """The history of an item's text: one row per revision, the first one included."""

    item = models.ForeignKey(PositionItem, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveIntegerField(_("revision"))
    text = models.TextField(_("text"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    amendment = models.ForeignKey(
        "Amendment",
        verbose_name=_("amendment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("item revision")
        verbose_name_plural = _("item revisions")
        ordering = ["item", "revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "revision"], name="position_item_revision_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_id} r{self.revision}"


class ItemNote(models.Model):
    """A comment in the margin of an item, for the council's own discussion."""

    item = models.ForeignKey(PositionItem, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["item", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:50]


class AmendmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class Amendment(models.Model):
    """A proposed replacement of an item's text. Accepting it changes the item, provided
    the item has not changed since ``base_revision``."""

    item = models.ForeignKey(PositionItem, on_delete=models.CASCADE, related_name="amendments")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("replacement text"))
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AmendmentStatus.choices,
        default=AmendmentStatus.PROPOSED,
        db_index=True,
    )
    base_revision = models.PositiveIntegerField(_("based on revision"))
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    TRANSITIONS: dict[str, set[str]] = {
        AmendmentStatus.PROPOSED: {AmendmentStatus.ACCEPTED, AmendmentStatus.REJECTED},
        AmendmentStatus.ACCEPTED: set(),
        AmendmentStatus.REJECTED: set(),
    }

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["item", "proposed_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="proposed") | Q(decided_at__isnull=False),
                name="amendment_decided_has_time",
            ),
        ]

    def __str__(self) -> str:
        return _("amendment to %(item)s") % {"item": self.item}

    @property
    def is_pending(self) -> bool:
        return self.status == AmendmentStatus.PROPOSED


class NumberSequence(models.Model):
    """The last number given in a council's year. Adoption locks this row
    (``select_for_update``), so concurrent adoptions queue and take consecutive numbers;
    a rolled-back adoption gives its number back."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")
        constraints = [
            models.UniqueConstraint(fields=["council", "year"], name="number_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.council_id}/{self.year}: {self.last_number}"
