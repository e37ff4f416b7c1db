"""Consultations on an act version, NGO and resident comments, and officials' answers.

A consultation stores what people decided (draft, scheduled, cancelled, report published);
whether a scheduled one is open or closed is derived from its dates and the clock, in one
QuerySet method and one property, so no job has to flip a flag on time.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from acts.models import ActType, ActVersion, Provision
from consultations.deadlines import report_due_on
from core.dates import local_day
from core.models import TimeStampedModel
from core.uploads import PrivateUploadTo


class Audience(models.TextChoices):
    ORGANISATIONS = "organisations", _("organisations only")
    ORGANISATIONS_AND_RESIDENTS = "organisations_and_residents", _("organisations and residents")


class CommentVisibility(models.TextChoices):
    IMMEDIATELY = "immediately", _("public as soon as submitted")
    AFTER_END = "after_end", _("public after the consultation ends")


class ConsultationStatus(models.TextChoices):
    """What people decided. Whether a scheduled consultation is open or closed is derived
    from the clock (``Consultation.phase_at``), never stored."""

    DRAFT = "draft", _("draft")
    SCHEDULED = "scheduled", _("scheduled")
    CANCELLED = "cancelled", _("cancelled")
    REPORT_PUBLISHED = "report_published", _("report published")


class ConsultationPhase(models.TextChoices):
    """The lifecycle as people see it: stored decisions combined with the clock."""

    DRAFT = "draft", _("draft")
    SCHEDULED = "scheduled", _("scheduled")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")
    REPORT_PUBLISHED = "report_published", _("report published")
    CANCELLED = "cancelled", _("cancelled")


class ConsultationAction(StrEnum):
    """What can be done with a consultation; which phase allows which is
    ``Consultation.ACTIONS`` (who may is ``consultations.permissions``'s question)."""

    EDIT = "edit"  # which fields: ``Consultation.EDITABLE_FIELDS``
    SCHEDULE = "schedule"
    EXTEND = "extend"
    CANCEL = "cancel"
    ADD_MEETING = "add_meeting"
    ATTACH = "attach"
    WRITE_COMMENT = "write_comment"  # write or change a draft (before the start, too)
    SUBMIT_COMMENT = "submit_comment"  # submit a draft, change a submitted comment
    WITHDRAW_COMMENT = "withdraw_comment"
    ANSWER = "answer"
    REVIEW_ANSWERS = "review_answers"  # the officials' table of comments and answers
    PUBLISH_REPORT = "publish_report"


_BEFORE_THE_END = frozenset(
    {
        ConsultationAction.EDIT,
        ConsultationAction.CANCEL,
        ConsultationAction.ADD_MEETING,
        ConsultationAction.ATTACH,
    }
)


class ConsultationQuerySet(models.QuerySet["Consultation"]):
    def open_at(self, moment: datetime) -> ConsultationQuerySet:
        moment = moment.replace(microsecond=0)  # decided to the second (services/clock.py)
        return self.filter(
            status=ConsultationStatus.SCHEDULED, starts_at__lte=moment, ends_at__gte=moment
        )

    def upcoming_at(self, moment: datetime) -> ConsultationQuerySet:
        moment = moment.replace(microsecond=0)
        return self.filter(status=ConsultationStatus.SCHEDULED, starts_at__gt=moment)

    def closed_at(self, moment: datetime) -> ConsultationQuerySet:
        moment = moment.replace(microsecond=0)
        return self.filter(status=ConsultationStatus.SCHEDULED, ends_at__lt=moment)

    def public(self) -> ConsultationQuerySet:
        return self.exclude(status=ConsultationStatus.DRAFT)

    def in_phase(self, phase: str, moment: datetime) -> ConsultationQuerySet:
        if phase == ConsultationPhase.OPEN:
            return self.open_at(moment)
        if phase == ConsultationPhase.SCHEDULED:
            return self.upcoming_at(moment)
        if phase == ConsultationPhase.CLOSED:
            return self.closed_at(moment)
        return self.filter(status=phase)


class MinimumDuration(models.Model):
    """The shortest consultation allowed for an act type (set by the city's rules)."""

    act_type = models.CharField(_("act type"), max_length=40, choices=ActType.choices, unique=True)
    days = models.PositiveSmallIntegerField(_("days"))
    working_days = models.BooleanField(
        _("counted in working days"),
        default=False,
        help_text=_("Skip Saturdays, Sundays and public holidays when counting."),
    )

    class Meta:
        verbose_name = _("minimum consultation duration")
        verbose_name_plural = _("minimum consultation durations")

    def __str__(self) -> str:
        return f"{self.get_act_type_display()}: {self.days}"


class Consultation(TimeStampedModel):
    version = models.ForeignKey(
        ActVersion,
        verbose_name=_("act version"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    audience = models.CharField(
        _("who may comment"),
        max_length=40,
        choices=Audience.choices,
        default=Audience.ORGANISATIONS,
    )
    comment_visibility = models.CharField(
        _("comments are public"),
        max_length=20,
        choices=CommentVisibility.choices,
        default=CommentVisibility.IMMEDIATELY,
    )
    justification_required = models.BooleanField(_("justification required"), default=True)
    max_attachments = models.PositiveSmallIntegerField(_("attachments per comment"), default=3)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.DRAFT,
        db_index=True,
    )
    cancellation_reason = models.TextField(_("reason for cancellation"), blank=True)
    # When it was announced, by the database clock: the start is never earlier (a start
    # earlier that day is moved to this moment), so ``opened_at`` is the real opening.
    scheduled_at = models.DateTimeField(_("scheduled at"), null=True, blank=True)
    report_published_at = models.DateTimeField(_("report published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ConsultationQuerySet.as_manager()

    # Stored decisions and who may move between them (the clock moves scheduled to open
    # and closed by itself). Cancelling is refused once the end has passed: checked in the
    # service, since it depends on the clock.
    TRANSITIONS: dict[str, set[str]] = {
        ConsultationStatus.DRAFT: {ConsultationStatus.SCHEDULED, ConsultationStatus.CANCELLED},
        ConsultationStatus.SCHEDULED: {
            ConsultationStatus.CANCELLED,
            ConsultationStatus.REPORT_PUBLISHED,
        },
        ConsultationStatus.CANCELLED: set(),
        ConsultationStatus.REPORT_PUBLISHED: set(),
    }

    # What each phase allows: the one table the services check, and the pages and the API
    # read to offer an action (``allows``, ``actions_at``).
    ACTIONS: ClassVar[dict[str, frozenset[ConsultationAction]]] = {
        ConsultationPhase.DRAFT: _BEFORE_THE_END | {ConsultationAction.SCHEDULE},
        ConsultationPhase.SCHEDULED: _BEFORE_THE_END | {ConsultationAction.WRITE_COMMENT},
        ConsultationPhase.OPEN: _BEFORE_THE_END
        | {
            ConsultationAction.EXTEND,
            ConsultationAction.WRITE_COMMENT,
            ConsultationAction.SUBMIT_COMMENT,
            ConsultationAction.WITHDRAW_COMMENT,
        },
        ConsultationPhase.CLOSED: frozenset(
            {
                ConsultationAction.ANSWER,
                ConsultationAction.REVIEW_ANSWERS,
                ConsultationAction.PUBLISH_REPORT,
            }
        ),
        ConsultationPhase.REPORT_PUBLISHED: frozenset({ConsultationAction.REVIEW_ANSWERS}),
        ConsultationPhase.CANCELLED: frozenset(),
    }
    # The fields ``EDIT`` may change in each phase: anything while a draft, anything but
    # the version before the start, only the description once open (the end moves by an
    # extension, with a reason).
    CHANGEABLE_FIELDS: ClassVar[tuple[str, ...]] = (
        "version",
        "title",
        "description",
        "starts_at",
        "ends_at",
        "audience",
        "comment_visibility",
        "justification_required",
        "max_attachments",
    )
    EDITABLE_FIELDS: ClassVar[dict[str, frozenset[str]]] = {
        ConsultationPhase.DRAFT: frozenset(CHANGEABLE_FIELDS),
        ConsultationPhase.SCHEDULED: frozenset(CHANGEABLE_FIELDS) - {"version"},
        ConsultationPhase.OPEN: frozenset({"description"}),
    }

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="consultation_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at", "ends_at"])]

    def __str__(self) -> str:
        return self.title

    def phase_at(self, moment: datetime) -> str:
        if self.status != ConsultationStatus.SCHEDULED:
            return self.status
        moment = moment.replace(microsecond=0)  # decided to the second (services/clock.py)
        if moment < self.starts_at:
            return ConsultationPhase.SCHEDULED
        if moment <= self.ends_at:
            return ConsultationPhase.OPEN
        return ConsultationPhase.CLOSED

    def actions_at(self, moment: datetime) -> frozenset[ConsultationAction]:
        """What the consultation's phase at ``moment`` allows (``ACTIONS``)."""
        return self.ACTIONS[self.phase_at(moment)]

    def allows(self, action: ConsultationAction, *, at: datetime) -> bool:
        return action in self.actions_at(at)

    def editable_fields_at(self, moment: datetime) -> frozenset[str]:
        """The fields an edit may change at ``moment``; none once the end has passed."""
        return self.EDITABLE_FIELDS.get(self.phase_at(moment), frozenset())

    @property
    def opened_at(self) -> datetime:
        """When it really opened: its start, or the moment it was scheduled if that came
        later (only consultations scheduled before the start was kept honest have that)."""
        if self.scheduled_at is not None and self.scheduled_at > self.starts_at:
            return self.scheduled_at
        return self.starts_at

    @property
    def phase(self) -> str:
        return self.phase_at(timezone.now())

    @property
    def is_open(self) -> bool:
        return self.phase == ConsultationPhase.OPEN

    @property
    def report_due_on(self) -> date:
        """The last day (Warsaw) for publishing the report (``deadlines.report_due_on``)."""
        return report_due_on(local_day(self.ends_at))


class ConsultationExtension(models.Model):
    """One extension of the end, with its reason; the history of the deadline."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="extensions",
    )
    previous_ends_at = models.DateTimeField(_("previous end"))
    new_ends_at = models.DateTimeField(_("new end"))
    reason = models.TextField(_("reason"))
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    extended_at = models.DateTimeField(_("extended at"), auto_now_add=True)

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["extended_at"]

    def __str__(self) -> str:
        return f"{self.previous_ends_at:%Y-%m-%d %H:%M} → {self.new_ends_at:%Y-%m-%d %H:%M}"


class Meeting(models.Model):
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=300)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}, {self.place}"


class ConsultationAttachment(models.Model):
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=PrivateUploadTo("consultations"))
    name = models.CharField(_("name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("consultation attachment")
        verbose_name_plural = _("consultation attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name

    def download_url(self) -> str:
        """Where the file is downloaded, for those who may see it (``core.files``)."""
        return reverse("files:consultation-attachment", kwargs={"pk": self.pk})


class CommentStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Disposition(models.TextChoices):
    ACCEPTED = "accepted", _("accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("partly accepted")
    NOT_ACCEPTED = "not_accepted", _("not accepted")
    NOT_APPLICABLE = "not_applicable", _("not applicable")


class Comment(TimeStampedModel):
    """A comment on one provision (or on the act as a whole when ``provision`` is empty).

    Drafted by a member for an organisation (or by a resident in their own name), submitted
    by a representative. Hidden comments stay in the record with the reason.
    """

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.PROTECT,
        related_name="comments",
    )
    provision = models.ForeignKey(
        Provision,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="comments",
    )
    # The organisation's name as it was when the comment was submitted (set by the
    # submission's statement): receipts, lists and the report keep it after a rename.
    organisation_name = models.CharField(
        _("organisation's name when submitted"), max_length=300, blank=True
    )
    proposed_wording = models.TextField(_("proposed wording"), blank=True)
    justification = models.TextField(_("justification"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CommentStatus.choices,
        default=CommentStatus.DRAFT,
        db_index=True,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    tracking_number = models.CharField(
        _("tracking number"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Optimistic concurrency: every change increments it; a stale edit is refused (409).
    revision = models.PositiveIntegerField(default=1)
    # The submitted wording's number (``CommentVersion``): 1 at submission, one more for
    # each change before the end; 0 while a draft. ``edited_at`` is when the last change
    # after submission was stored (by the database clock), empty if none.
    version = models.PositiveIntegerField(_("version"), default=0)
    edited_at = models.DateTimeField(_("changed at"), null=True, blank=True)
    # Set on the comments that carry the NGO council's adopted opinion (shown apart).
    council_submission = models.ForeignKey(
        "consultations.CouncilSubmission",
        verbose_name=_("council submission"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["consultation", "submitted_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="comment_submitted_has_time",
            ),
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="comment_hidden_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["consultation", "status"]),
            models.Index(fields=["consultation", "provision"]),
            # The order of a consultation's comment list (drafts, with no time, last).
            models.Index(
                fields=["consultation", "submitted_at", "id"], name="comment_consultation_order"
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_number or _("draft comment %(id)s") % {"id": self.pk}

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def organisation_label(self) -> str:
        """The organisation the comment speaks for, by name: as it was called when the
        comment was submitted; a draft, by its current name. Empty without one."""
        if self.organisation_id is None:
            return ""
        if self.organisation_name:
            return self.organisation_name  # without loading the organisation
        organisation = self.organisation
        return organisation.name if organisation is not None else ""

    @property
    def is_submitted(self) -> bool:
        return self.status == CommentStatus.SUBMITTED


class CommentVersion(models.Model):
    """One submitted wording of a comment, kept when it is changed before the end: number
    1 is the wording submitted, each change after submission adds the next. The current
    wording is the comment's own; earlier ones stay here for the record (what the council
    cited, what the report answered)."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    provision = models.ForeignKey(
        Provision, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_wording = models.TextField(_("proposed wording"), blank=True)
    justification = models.TextField(_("justification"), blank=True)
    created_at = models.DateTimeField(_("submitted at"))  # by the database clock
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("comment version")
        verbose_name_plural = _("comment versions")
        ordering = ["comment", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "number"], name="comment_version_number_unique"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="comment_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.comment_id} v{self.number}"


class CommentAttachment(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=PrivateUploadTo("comments"))
    name = models.CharField(_("name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment attachment")
        verbose_name_plural = _("comment attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name

    def download_url(self) -> str:
        """Where the file is downloaded, for those who may see it (``core.files``)."""
        return reverse("files:comment-attachment", kwargs={"pk": self.pk})


class Answer(models.Model):
    """The official answer to one comment. Changing it needs its current ``revision``, so
    two officials never overwrite each other silently."""

    comment = models.OneToOneField(Comment, on_delete=models.PROTECT, related_name="answer")
    disposition = models.CharField(_("disposition"), max_length=20, choices=Disposition.choices)
    justification = models.TextField(_("justification"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"))
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.comment}: {self.get_disposition_display()}"
