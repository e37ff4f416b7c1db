"""Every change to a consultation: create, change, schedule, extend, cancel, meetings,
attachments, and publishing its report.

A consultation stores what people decided (draft, scheduled, cancelled, report published);
open and closed follow from its dates and the clock. Each service locks the row it changes,
checks the transition table and the clock, and writes an audit event in the same
transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from acts.exceptions import ActClosed
from acts.models import ActVersion
from consultations import notifications, permissions
from consultations.deadlines import add_working_days
from consultations.documents import CONSULTATION_REPORT
from consultations.events import ConsultationVerb
from consultations.exceptions import (
    ConsultationNotOpen,
    DurationTooShort,
    ReportIncomplete,
    VersionNotPublished,
)
from consultations.models import (
    Audience,
    CommentStatus,
    CommentVisibility,
    Consultation,
    ConsultationAction,
    ConsultationAttachment,
    ConsultationExtension,
    ConsultationPhase,
    ConsultationStatus,
    Meeting,
    MinimumDuration,
)
from consultations.services import clock
from core.dates import as_end, as_start, day_text, local_day, moment_text
from core.exceptions import InvalidTransition, NotAllowed
from core.services import audit_log
from core.transactions import service_atomic
from core.uploads import check_upload, save_checked_upload
from documents.services import document_queue

# With no MinimumDuration row for the act's type, a consultation lasts at least a week.
DEFAULT_MINIMUM_DAYS = 7

CONSULTATION_FIELDS = Consultation.CHANGEABLE_FIELDS


def _locked(consultation: Consultation) -> Consultation:
    return (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("version__act__department__authority")
        .get(pk=consultation.pk)
    )


def _require_manager(actor: Any, consultation: Consultation) -> None:
    if not permissions.can_manage_consultation(actor, consultation):
        raise NotAllowed(
            _("Only officials of the act's responsible department can run its consultation.")
        )


def _check_version(version: ActVersion) -> None:
    if not version.is_published:
        raise VersionNotPublished(
            extra={"fields": {"version": [str(VersionNotPublished.default_message)]}}
        )
    if not version.act.is_open:
        raise ActClosed()


def _clean(consultation: Consultation) -> None:
    consultation.title = consultation.title.strip()
    consultation.description = consultation.description.strip()
    if consultation.ends_at <= consultation.starts_at:
        raise ValidationError({"ends_at": _("The end must come after the start.")})
    consultation.full_clean(exclude=["version", "created_by"])


@transaction.atomic
def consultation_create(
    *,
    actor: Any,
    version: ActVersion,
    title: str,
    starts_at: dt.datetime | dt.date,
    ends_at: dt.datetime | dt.date,
    description: str = "",
    audience: str = Audience.ORGANISATIONS,
    comment_visibility: str = CommentVisibility.IMMEDIATELY,
    justification_required: bool = True,
    max_attachments: int = 3,
    attachments: Sequence[Any] = (),
) -> Consultation:
    """Prepare a consultation (a draft, seen only by its department) on a published version,
    with ``attachments`` (uploaded files, as ``consultation_attachment_add`` takes them).

    Only officials of the act's department and administrators may. Dates may be given as
    dates: a start means midnight, an end 23:59:59, in Warsaw; a start on a past day is
    refused (``check_start_not_past``). Raises ValidationError for bad fields; a refused
    attachment stores nothing. Audited.
    """
    if not permissions.can_create_consultation(actor, version):
        raise NotAllowed(_("Only officials of the act's responsible department can consult on it."))
    _check_version(version)
    consultation = Consultation(
        version=version,
        title=title,
        description=description,
        starts_at=as_start(starts_at),
        ends_at=as_end(ends_at),
        audience=audience,
        comment_visibility=comment_visibility,
        justification_required=justification_required,
        max_attachments=max_attachments,
        status=ConsultationStatus.DRAFT,
        created_by=actor,
    )
    _clean(consultation)
    check_start_not_past(consultation, now=clock.now())
    consultation.save()
    audit_log(
        actor=actor,
        verb=ConsultationVerb.CONSULTATION_CREATED,
        target=consultation,
        data={
            "version": version.pk,
            "starts_at": consultation.starts_at,
            "ends_at": consultation.ends_at,
        },
    )
    _attach_all(consultation, actor, attachments)
    return consultation


def _attach_all(consultation: Consultation, actor: Any, attachments: Sequence[Any]) -> None:
    for uploaded_file in attachments:
        consultation_attachment_add(
            consultation=consultation, actor=actor, uploaded_file=uploaded_file
        )


@transaction.atomic
def consultation_update(
    *,
    consultation: Consultation,
    actor: Any,
    attachments: Sequence[Any] = (),
    **fields: Any,
) -> Consultation:
    """Change a consultation: anything while a draft; anything but the version while
    scheduled and not yet started (its duration is checked again); only the description
    while open. Afterwards nothing changes. ``attachments`` (uploaded files) are added in
    the same transaction, on the conditions of ``consultation_attachment_add``. Audited
    with what changed."""
    _require_manager(actor, consultation)
    consultation = _locked(consultation)
    now = clock.now()
    phase = consultation.phase_at(now)
    for field in fields:
        if field not in CONSULTATION_FIELDS:
            raise TypeError(f"Unknown consultation field: {field}")
    if not consultation.allows(ConsultationAction.EDIT, at=now):
        raise InvalidTransition(
            _("The consultation is %(phase)s, so it can no longer change.")
            % {"phase": ConsultationPhase(phase).label}
        )
    allowed = consultation.editable_fields_at(now)
    refused = sorted(set(fields) - allowed)
    if refused:
        message = (
            _(
                "While the consultation is open only its description can change; extend the "
                "end instead."
            )
            if phase == ConsultationPhase.OPEN
            else _("Once scheduled, the consultation keeps its act version.")
        )
        raise InvalidTransition(message, extra={"fields": {name: [message] for name in refused}})

    changed: dict[str, Any] = {}
    for field, value in fields.items():
        if field == "starts_at":
            value = as_start(value)
        elif field == "ends_at":
            value = as_end(value)
        elif field == "version":
            if not permissions.can_create_consultation(actor, value):
                raise NotAllowed(_("You can consult only on acts of your department."))
            _check_version(value)
        if getattr(consultation, field) != value:
            changed[field] = {
                "from": _loggable(getattr(consultation, field)),
                "to": _loggable(value),
            }
            setattr(consultation, field, value)
    if changed:
        _clean(consultation)
        if "starts_at" in changed:
            check_start_not_past(consultation, now=now)
        consultation.save()
        if phase == ConsultationPhase.SCHEDULED and {"starts_at", "ends_at"} & set(changed):
            if "starts_at" in changed:
                # Moved to earlier today: it opens now, by the database clock.
                Consultation.objects.filter(pk=consultation.pk).update(
                    starts_at=_not_before_the_database_clock()
                )
                consultation.refresh_from_db(fields=["starts_at"])
            _check_duration(consultation)
        audit_log(
            actor=actor,
            verb=ConsultationVerb.CONSULTATION_UPDATED,
            target=consultation,
            data=changed,
        )
        if phase == ConsultationPhase.SCHEDULED and consultation.phase_at(clock.now()) == (
            ConsultationPhase.OPEN
        ):
            notifications.notify_opened(consultation)  # its start moved to now
    _attach_all(consultation, actor, attachments)
    return consultation


def _loggable(value: Any) -> Any:
    if isinstance(value, ActVersion):
        return value.pk
    return value


def minimum_duration(act_type: str) -> tuple[int, bool]:
    """The minimum length for an act type: (days, counted in working days)."""
    rule = MinimumDuration.objects.filter(act_type=act_type).first()
    if rule is None:
        return DEFAULT_MINIMUM_DAYS, False
    return rule.days, rule.working_days


def earliest_end_date(consultation: Consultation) -> dt.date:
    """The first local date the consultation may end on, after its type's minimum."""
    days, working_days = minimum_duration(consultation.version.act.act_type)
    start = local_day(consultation.starts_at)
    if working_days:
        return add_working_days(start, days)
    return start + dt.timedelta(days=days)


def _check_duration(consultation: Consultation) -> None:
    earliest = earliest_end_date(consultation)
    if local_day(consultation.ends_at) >= earliest:
        return
    days, working_days = minimum_duration(consultation.version.act.act_type)
    message = (
        _(
            "This type of act is consulted for at least %(days)d working days (not counting "
            "weekends and public holidays): set the end on %(date)s or later."
        )
        if working_days
        else _(
            "This type of act is consulted for at least %(days)d days: set the end on "
            "%(date)s or later."
        )
    ) % {"days": days, "date": day_text(earliest)}
    raise DurationTooShort(
        message,
        extra={
            "fields": {"ends_at": [message]},
            "minimum_days": days,
            "working_days": working_days,
            "earliest_end": earliest.isoformat(),
        },
    )


def check_start_not_past(consultation: Consultation, *, now: dt.datetime) -> None:
    """The one rule against backdating: a consultation cannot begin on a day that has
    passed. A start earlier today is allowed here and moved to the moment of scheduling
    by the database clock (``consultation_schedule``), so the minimum duration counts from
    the real opening."""
    if local_day(consultation.starts_at) >= local_day(now):
        return
    message = _(
        "The start (%(date)s) has passed: a consultation cannot begin in the past. Set a "
        "start today or later; a start today means from the moment it is scheduled."
    ) % {"date": day_text(consultation.starts_at)}
    raise ValidationError({"starts_at": message})


def _not_before_the_database_clock() -> Any:
    """The stored start, or the database's clock (to the second) if that is later."""
    return Greatest(F("starts_at"), clock.database_second())


def _transition(consultation: Consultation, to: str) -> str:
    if to not in Consultation.TRANSITIONS.get(consultation.status, set()):
        raise InvalidTransition(
            _("The consultation is %(phase)s, so this is not possible.")
            % {"phase": ConsultationPhase(consultation.phase_at(clock.now())).label}
        )
    previous = consultation.status
    consultation.status = to
    return previous


@transaction.atomic
def consultation_schedule(*, consultation: Consultation, actor: Any) -> Consultation:
    """Announce a draft consultation: it becomes public and opens by itself at its start.

    Refused when the start lies on a past day (``check_start_not_past``), when the end has
    passed, or when the period, counted from the real opening, is shorter than the minimum
    for the act's type (in days or working days, ``MinimumDuration``). A start earlier
    today becomes the moment of scheduling, by the database clock, which also stamps
    ``scheduled_at``. Audited.
    """
    _require_manager(actor, consultation)
    consultation = _locked(consultation)
    now = clock.now()
    if consultation.ends_at <= now:
        raise InvalidTransition(
            _("The end of this consultation has passed. Set a later end, then schedule it."),
            extra={"fields": {"ends_at": [_("Set an end in the future.")]}},
        )
    check_start_not_past(consultation, now=now)
    _check_version(consultation.version)
    previous = _transition(consultation, ConsultationStatus.SCHEDULED)
    Consultation.objects.filter(pk=consultation.pk).update(
        status=ConsultationStatus.SCHEDULED,
        starts_at=_not_before_the_database_clock(),
        scheduled_at=clock.database_second(),
        updated_at=clock.database_now(),
    )
    consultation.refresh_from_db(fields=["status", "starts_at", "scheduled_at", "updated_at"])
    _check_duration(consultation)
    audit_log(
        actor=actor,
        verb=ConsultationVerb.CONSULTATION_SCHEDULED,
        target=consultation,
        data={
            "from": previous,
            "starts_at": consultation.starts_at,
            "ends_at": consultation.ends_at,
        },
    )
    scheduled_at = consultation.scheduled_at or clock.now()
    if consultation.phase_at(scheduled_at) == ConsultationPhase.OPEN:
        # Opens as it is announced; a later start is announced by the beat when it comes.
        notifications.notify_opened(consultation)
    return consultation


@transaction.atomic
def consultation_extend(
    *, consultation: Consultation, actor: Any, ends_at: dt.datetime | dt.date, reason: str
) -> Consultation:
    """Move the end of an open consultation later, with a reason (kept with the history of
    the deadline, ``ConsultationExtension``). Audited."""
    _require_manager(actor, consultation)
    consultation = _locked(consultation)
    if not consultation.allows(ConsultationAction.EXTEND, at=clock.now()):
        raise ConsultationNotOpen(_("Only an open consultation can be extended."))
    new_end = as_end(ends_at)
    reason = (reason or "").strip()
    errors: dict[str, str] = {}
    if new_end <= consultation.ends_at:
        errors["ends_at"] = _("Choose an end later than the current one (%(end)s).") % {
            "end": moment_text(consultation.ends_at)
        }
    if not reason:
        errors["reason"] = _("Say why the consultation is extended; participants will read it.")
    if errors:
        raise ValidationError(errors)
    previous = consultation.ends_at
    consultation.ends_at = new_end
    consultation.save(update_fields=["ends_at", "updated_at"])
    extension = ConsultationExtension.objects.create(
        consultation=consultation,
        previous_ends_at=previous,
        new_ends_at=new_end,
        reason=reason,
        extended_by=actor,
    )
    audit_log(
        actor=actor,
        verb=ConsultationVerb.CONSULTATION_EXTENDED,
        target=consultation,
        data={"from": previous, "to": new_end, "reason": reason},
    )
    notifications.notify_extended(consultation=consultation, extension=extension)
    return consultation


@transaction.atomic
def consultation_cancel(*, consultation: Consultation, actor: Any, reason: str) -> Consultation:
    """Call a consultation off before it closes, with a reason shown to everyone. Comments
    already submitted stay in the record. Audited."""
    _require_manager(actor, consultation)
    consultation = _locked(consultation)
    reason = (reason or "").strip()
    if not consultation.allows(ConsultationAction.CANCEL, at=clock.now()):
        raise InvalidTransition(_("The consultation has ended, so it can no longer be cancelled."))
    if not reason:
        raise ValidationError({"reason": _("Say why the consultation is cancelled.")})
    previous = _transition(consultation, ConsultationStatus.CANCELLED)
    consultation.cancellation_reason = reason
    consultation.save(update_fields=["status", "cancellation_reason", "updated_at"])
    audit_log(
        actor=actor,
        verb=ConsultationVerb.CONSULTATION_CANCELLED,
        target=consultation,
        data={"from": previous, "reason": reason},
    )
    return consultation


def _require_not_ended(consultation: Consultation, action: ConsultationAction) -> None:
    if not consultation.allows(action, at=clock.now()):
        raise InvalidTransition(_("The consultation has ended or was cancelled."))


@transaction.atomic
def meeting_add(
    *,
    consultation: Consultation,
    actor: Any,
    starts_at: dt.datetime,
    place: str,
    notes: str = "",
) -> Meeting:
    """Add a consultation meeting (date, place, notes) before the consultation ends.
    Audited."""
    _require_manager(actor, consultation)
    consultation = _locked(consultation)
    _require_not_ended(consultation, ConsultationAction.ADD_MEETING)
    meeting = Meeting(
        consultation=consultation,
        starts_at=as_start(starts_at),
        place=(place or "").strip(),
        notes=(notes or "").strip(),
    )
    meeting.full_clean(exclude=["consultation"])
    meeting.save()
    audit_log(
        actor=actor,
        verb=ConsultationVerb.CONSULTATION_MEETING_ADDED,
        target=consultation,
        data={"meeting": meeting.pk, "starts_at": meeting.starts_at, "place": meeting.place},
    )
    return meeting


@service_atomic
def consultation_attachment_add(
    *, consultation: Consultation, actor: Any, uploaded_file: Any
) -> ConsultationAttachment:
    """Attach a document (PDF, DOCX, ODT, PNG, JPEG or text, checked by its content) to a
    consultation that has not ended. Audited."""
    _require_manager(actor, consultation)
    consultation = _locked(consultation)
    _require_not_ended(consultation, ConsultationAction.ATTACH)
    checked = check_upload(uploaded_file)
    attachment = save_checked_upload(ConsultationAttachment(consultation=consultation), checked)
    audit_log(
        actor=actor,
        verb=ConsultationVerb.CONSULTATION_ATTACHMENT_ADDED,
        target=consultation,
        data={"attachment": attachment.pk, "name": attachment.name},
    )
    return attachment


@transaction.atomic
def report_publish(*, consultation: Consultation, actor: Any) -> Consultation:
    """Publish the consultation's report once it has closed and every visible submitted
    comment has an answer (hidden comments need none). Answers are final from then on.
    Raises ReportIncomplete with the number still unanswered. Audited."""
    _require_manager(actor, consultation)
    consultation = _locked(consultation)
    now = clock.now()
    if not consultation.allows(ConsultationAction.PUBLISH_REPORT, at=now):
        raise InvalidTransition(
            _("The report can be published once the consultation has closed, and only once.")
        )
    unanswered = consultation.comments.filter(
        status=CommentStatus.SUBMITTED, hidden_at__isnull=True, answer__isnull=True
    ).count()
    if unanswered:
        raise ReportIncomplete(
            ngettext(
                "%(count)d comment has no answer yet. Answer it, then publish the report.",
                "%(count)d comments have no answer yet. Answer every comment, then publish "
                "the report.",
                unanswered,
            )
            % {"count": unanswered},
            extra={"unanswered": unanswered},
        )
    previous = _transition(consultation, ConsultationStatus.REPORT_PUBLISHED)
    consultation.report_published_at = now
    consultation.save(update_fields=["status", "report_published_at", "updated_at"])
    audit_log(
        actor=actor,
        verb=ConsultationVerb.CONSULTATION_REPORT_PUBLISHED,
        target=consultation,
        data={"from": previous},
    )
    # The report's signed PDF, rendered by the worker once the publication commits.
    document_queue(kind=CONSULTATION_REPORT, subject=consultation, actor=actor)
    notifications.notify_report_published(consultation)
    return consultation
