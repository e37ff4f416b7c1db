"""Every change to a comment: draft, edit, submit, withdraw, hide, attach files.

The deadline is exact. Who may act is checked against the application's clock first, for a
clear message; then the write itself is one conditional ``UPDATE … WHERE ends_at >= now``
against the database's clock (``clock.database_now``), and its row count says whether it
landed. The time stored (``submitted_at``) comes from the same clock in the same statement,
so a stored comment was always stored before the end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connections, router, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.viewer import Viewer, as_viewer
from acts.models import Provision
from consultations import permissions
from consultations.deadlines import WARSAW
from consultations.events import ConsultationVerb
from consultations.exceptions import (
    ConsultationClosed,
    ConsultationNotOpen,
    StaleEdit,
    TooManyAttachments,
)
from consultations.models import (
    Comment,
    CommentAttachment,
    CommentStatus,
    Consultation,
    ConsultationAction,
    ConsultationPhase,
    ConsultationStatus,
)
from consultations.services import clock
from consultations.services.consultations import local_date, local_time
from consultations.uploads import CheckedUpload, check_upload
from core import rows
from core.exceptions import InvalidTransition, NotAllowed
from core.services import audit_log
from core.tracking import new_tracking_number
from core.transactions import service_atomic, store_file

COMMENT_FIELDS = ("proposed_wording", "justification", "provision")
_TRACKING_NUMBER_ATTEMPTS = 5
_RECEIPT_FIELDS = ("status", "submitted_by", "submitted_at", "tracking_number")
_AFTER_END = frozenset({ConsultationPhase.CLOSED, ConsultationPhase.REPORT_PUBLISHED})


# --- Errors that carry the user's text --------------------------------------------------


def _text_of(comment: Comment, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the user sent: the comment's text, with the fields of the refused change."""
    fields = fields or {}
    provision = fields.get("provision", comment.provision)
    return {
        "provision": provision.pk if provision is not None else None,
        "proposed_wording": fields.get("proposed_wording", comment.proposed_wording),
        "justification": fields.get("justification", comment.justification),
    }


def consultation_closed_error(
    consultation: Consultation, submitted: dict[str, Any] | None = None
) -> ConsultationClosed:
    """The refusal after the end: when it closed (local time, to the second), and the text
    the user sent so that it is not lost."""
    closed_at = consultation.ends_at
    message = _(
        "The consultation closed on %(date)s at %(time)s (Warsaw time), so nothing more can be "
        "sent. Your text was not saved: copy it if you want to keep it."
    ) % {"date": local_date(closed_at), "time": local_time(closed_at)}
    extra: dict[str, Any] = {"closed_at": closed_at.isoformat()}
    if submitted is not None:
        extra["submitted"] = submitted
    return ConsultationClosed(message, extra=extra)


def _not_open_error(consultation: Consultation, phase: str) -> InvalidTransition:
    if phase == ConsultationPhase.SCHEDULED:
        return ConsultationNotOpen(
            _(
                "The consultation opens on %(date)s at %(time)s (Warsaw time). Save your comment "
                "as a draft and submit it then."
            )
            % {
                "date": local_date(consultation.starts_at),
                "time": local_time(consultation.starts_at),
            }
        )
    return ConsultationNotOpen(
        _("The consultation is %(phase)s, so it takes no comments.")
        % {"phase": ConsultationPhase(phase).label}
    )


def _current(comment: Comment) -> dict[str, Any]:
    return {**_text_of(comment), "revision": comment.revision, "status": comment.status}


# --- Reading and locking ----------------------------------------------------------------


def _locked(comment: Comment) -> Comment:
    return (
        Comment.objects.select_for_update(of=("self",))
        .select_related("consultation__version__act__department__authority", "organisation")
        .get(pk=comment.pk)
    )


def _before_end_by_database_clock(*, started: bool) -> Q:
    """The consultation is scheduled and has not ended (and, with ``started``, has begun)
    by the database's clock, read in the statement that writes."""
    now = clock.database_second()
    condition = Q(consultation__status=ConsultationStatus.SCHEDULED, consultation__ends_at__gte=now)
    if started:
        condition &= Q(consultation__starts_at__lte=now)
    return condition


def _check_before_end(comment: Comment, *, submitted: dict[str, Any], started: bool) -> None:
    """The application clock's verdict, with the message the user should read."""
    consultation = comment.consultation
    phase = consultation.phase_at(clock.now())
    action = ConsultationAction.SUBMIT_COMMENT if started else ConsultationAction.WRITE_COMMENT
    if action in Consultation.ACTIONS[phase]:
        return
    if phase in _AFTER_END:
        raise consultation_closed_error(consultation, submitted)
    raise _not_open_error(consultation, phase)


def _refused_by_database_clock(comment: Comment, submitted: dict[str, Any]) -> Exception:
    """The conditional write matched nothing while the row was locked: the clock ran out
    between the checks and the write (or the consultation was cancelled meanwhile)."""
    consultation = Consultation.objects.get(pk=comment.consultation_id)
    comment.consultation.ends_at = consultation.ends_at
    if consultation.status != ConsultationStatus.SCHEDULED:
        return _not_open_error(consultation, consultation.status)
    if consultation.starts_at > clock.now():
        return _not_open_error(consultation, ConsultationPhase.SCHEDULED)
    return consultation_closed_error(consultation, submitted)


def _check_provision(consultation: Consultation, provision: Provision | None) -> None:
    if provision is not None and provision.version_id != consultation.version_id:
        raise ValidationError(
            {"provision": _("Choose a provision of the act version under consultation.")}
        )


def _check_content(comment: Comment) -> None:
    """What a submitted comment must have: a proposal or a justification, and the
    justification when the consultation requires one."""
    errors: dict[str, str] = {}
    if comment.consultation.justification_required and not comment.justification.strip():
        errors["justification"] = _("Justify your proposal: this consultation requires it.")
    if not comment.proposed_wording.strip() and not comment.justification.strip():
        errors["proposed_wording"] = _("Write the wording you propose, or your remark.")
    if errors:
        raise ValidationError(errors)


# --- Drafting ---------------------------------------------------------------------------


@service_atomic
def comment_create(
    *,
    consultation: Consultation,
    actor: Any,
    organisation: Any = None,
    provision: Provision | None = None,
    proposed_wording: str | None = None,
    justification: str = "",
    attachments: Sequence[Any] = (),
    submit: bool = False,
) -> Comment:
    """Write a comment on one provision, or on the act as a whole (no provision), with its
    ``attachments`` (uploaded files), and with ``submit`` submit it: the one path of the
    comment form and of the API.

    For an organisation the actor is a member of (verified), or in the actor's own name
    where residents may comment; before the end (drafts may be prepared before the start).
    The proposed wording starts as the provision's current wording when none is given.
    Attachments are checked (type, size, the consultation's limit) before anything is
    stored. With ``submit`` the comment is stored submitted at once, with its receipt, on
    the conditions of ``comment_submit``: one conditional INSERT by the database clock, one
    receipt number drawn. Any refusal stores nothing. Audited.
    """
    now = clock.now()
    viewer = as_viewer(actor)  # the request's, read once
    if not permissions.can_comment(viewer, consultation, organisation=organisation, now=now):
        submitted = {
            "provision": provision.pk if provision is not None else None,
            "proposed_wording": proposed_wording or "",
            "justification": justification,
        }
        phase = consultation.phase_at(now)
        if phase in _AFTER_END:
            raise consultation_closed_error(consultation, submitted)
        if not consultation.allows(ConsultationAction.WRITE_COMMENT, at=now):
            raise _not_open_error(consultation, phase)
        if organisation is not None:
            raise NotAllowed(
                _("Only members of a verified organisation can write comments on its behalf.")
            )
        if not permissions.residents_may_comment(consultation):
            raise NotAllowed(
                _(
                    "This consultation takes comments from organisations only. Comment on "
                    "behalf of an organisation you belong to."
                )
            )
        raise NotAllowed(_("You cannot comment on this consultation in your own name."))
    _check_provision(consultation, provision)
    checked = _checked_uploads(attachments, limit=consultation.max_attachments)
    if proposed_wording is None:
        proposed_wording = provision.text if provision is not None else ""
    comment = Comment(
        consultation=consultation,
        organisation=organisation,
        provision=provision,
        author=actor,
        proposed_wording=proposed_wording,
        justification=justification.strip(),
        status=CommentStatus.DRAFT,
    )
    if submit:
        comment = _create_submitted(comment, actor=actor, viewer=viewer)
    else:
        comment.save(force_insert=True)
        audit_log(
            actor=actor,
            verb=ConsultationVerb.COMMENT_CREATED,
            target=comment,
            data={
                "consultation": consultation.pk,
                "organisation": getattr(organisation, "pk", None),
                "provision": getattr(provision, "pk", None),
            },
        )
    for upload in checked:
        _store_attachment(comment, actor=actor, checked=upload)
    return comment


def _create_submitted(comment: Comment, *, actor: Any, viewer: Viewer) -> Comment:
    """Store a new comment already submitted, with its receipt: one conditional INSERT
    (``_insert_if_open``) instead of a draft, a lock and an update. Audited once, as
    ``comment.submitted`` with what ``comment.created`` would have said."""
    submitted = _text_of(comment)
    if not permissions.may_act_for_comment(viewer, comment):
        raise NotAllowed(
            _(
                "Only a representative of the organisation can submit its comments. Save it "
                "as a draft and ask a representative to submit it."
            )
        )
    _check_before_end(comment, submitted=submitted, started=True)
    _check_content(comment)
    consultation = comment.consultation
    prefix = consultation.version.act.department.authority.code
    year = clock.now().astimezone(WARSAW).year
    comment.status = CommentStatus.SUBMITTED
    comment.submitted_by = actor
    for _attempt in range(_TRACKING_NUMBER_ATTEMPTS):
        comment.tracking_number = new_tracking_number(prefix=prefix, year=year)
        if _insert_if_open(comment):
            break
        if not _open_by_database_clock(consultation):
            raise _refused_by_database_clock(comment, submitted)
        # Two receipts with one number: 40 random bits make it a curiosity; draw again.
    else:
        raise IntegrityError("No unused tracking number after several attempts.")
    audit_log(
        actor=actor,
        verb=ConsultationVerb.COMMENT_SUBMITTED,
        target=comment,
        data={
            "consultation": consultation.pk,
            "organisation": comment.organisation_id,
            "provision": comment.provision_id,
            "tracking_number": comment.tracking_number,
            "submitted_at": comment.submitted_at,
        },
    )
    return comment


def _insert_if_open(comment: Comment) -> bool:
    """``INSERT … SELECT … WHERE`` the consultation is open by the database clock, read in
    that statement, which also stamps ``submitted_at`` (and the row's times). False when
    nothing was stored: the consultation is not open, or the tracking number is taken
    (``ON CONFLICT DO NOTHING``: no failed statement to roll back to a savepoint).

    The ORM has no conditional INSERT, hence the SQL; its columns come from the model.
    """
    using = router.db_for_write(Comment)
    connection = connections[using]
    query = Comment.objects.none().query
    compiler = query.get_compiler(connection=connection)
    now_sql, now_params = compiler.compile(
        clock.database_now().resolve_expression(query)  # type: ignore[attr-defined]
    )
    second_sql, second_params = compiler.compile(
        clock.database_second().resolve_expression(query)  # type: ignore[attr-defined]
    )
    stamped = {"created_at", "updated_at", "submitted_at"}
    columns: list[str] = []
    values: list[str] = []
    params: list[Any] = []
    for field in Comment._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(rows.quote(using, field.column or field.attname))
        if field.name in stamped:
            values.append(now_sql)
            params.extend(now_params)
        else:
            values.append("%s")
            params.append(field.get_db_prep_save(getattr(comment, field.attname), connection))

    def c(name: str) -> str:
        return f"c.{rows.quote(using, name)}"

    sql = (
        # Names quoted from the models; every value is a parameter.
        f"INSERT INTO {rows.table(Comment, using=using)} "  # noqa: S608
        f"({', '.join(columns)}) SELECT {', '.join(values)} "
        f"FROM {rows.table(Consultation, using=using)} c "
        f"WHERE {c('id')} = %s AND {c('status')} = %s "
        f"AND {c('starts_at')} <= {second_sql} AND {c('ends_at')} >= {second_sql} "
        f"ON CONFLICT ({rows.quote(using, 'tracking_number')}) DO NOTHING "
        f"RETURNING {rows.quote(using, 'id')}, {rows.quote(using, 'submitted_at')}"
    )
    params += [comment.consultation_id, ConsultationStatus.SCHEDULED]
    params += [*second_params, *second_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return False
    comment.pk, moment = row
    moment = Comment._meta.get_field("submitted_at").to_python(moment)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt.UTC)
    comment.submitted_at = comment.created_at = comment.updated_at = moment
    comment._state.adding = False
    comment._state.db = connection.alias
    return True


def _open_by_database_clock(consultation: Consultation) -> bool:
    return Consultation.objects.filter(
        pk=consultation.pk,
        status=ConsultationStatus.SCHEDULED,
        starts_at__lte=clock.database_second(),
        ends_at__gte=clock.database_second(),
    ).exists()


@transaction.atomic
def comment_update(
    *,
    comment: Comment,
    actor: Any,
    expected_revision: int,
    attachments: Sequence[Any] = (),
    submit: bool = False,
    **fields: Any,
) -> Comment:
    """Change a comment's proposal, justification or provision until the end, add
    ``attachments`` (uploaded files) and, with ``submit``, submit a draft: the one path of
    the edit form (the API changes, attaches and submits by separate requests).

    ``expected_revision`` is the revision the user edited; if the comment changed since,
    StaleEdit (409) carries the current text. A draft may be changed by any member of its
    organisation, a submitted comment by those who may submit it. Attachments are checked
    (type, size, the consultation's limit) before anything is stored; submitting is
    ``comment_submit``'s. After the end ConsultationClosed carries the text sent. Any
    refusal stores nothing. Audited with the previous text.
    """
    for field in fields:
        if field not in COMMENT_FIELDS:
            raise TypeError(f"Unknown comment field: {field}")
    comment = _locked(comment)
    submitted = _text_of(comment, fields)
    viewer = as_viewer(actor)
    if not permissions.is_own_comment(viewer, comment):
        raise NotAllowed(_("Only the comment's authors can change it."))
    if comment.status == CommentStatus.WITHDRAWN:
        raise InvalidTransition(_("This comment was withdrawn, so it can no longer change."))
    if comment.is_hidden:
        raise InvalidTransition(
            _("This comment was hidden by the moderator, so it can no longer change.")
        )
    _check_before_end(comment, submitted=submitted, started=comment.is_submitted)
    if comment.is_submitted and not permissions.may_act_for_comment(viewer, comment):
        raise NotAllowed(
            _("Only a representative of the organisation can change a submitted comment.")
        )
    if comment.revision != expected_revision:
        raise StaleEdit(extra={"current": _current(comment), "submitted": submitted})
    checked = (
        _checked_uploads(
            attachments,
            limit=comment.consultation.max_attachments,
            existing=comment.attachments.count(),
        )
        if attachments
        else []
    )

    changed: dict[str, Any] = {}
    for field, value in fields.items():
        if field == "provision":
            _check_provision(comment.consultation, value)
        elif field == "justification":
            value = (value or "").strip()
        if getattr(comment, field) != value:
            previous = getattr(comment, field)
            changed[field] = {
                "from": previous.pk if isinstance(previous, Provision) else previous,
                "to": value.pk if isinstance(value, Provision) else value,
            }
            setattr(comment, field, value)
    if changed:
        if comment.is_submitted:
            _check_content(comment)
        database_now = clock.database_now()
        updated = (
            Comment.objects.filter(pk=comment.pk, revision=expected_revision)
            .filter(_before_end_by_database_clock(started=comment.is_submitted))
            .update(
                proposed_wording=comment.proposed_wording,
                justification=comment.justification,
                provision=comment.provision,
                revision=F("revision") + 1,
                updated_at=database_now,
            )
        )
        if not updated:
            raise _refused_by_database_clock(comment, submitted)
        comment.refresh_from_db(fields=["revision", "updated_at"])
        audit_log(actor=actor, verb=ConsultationVerb.COMMENT_UPDATED, target=comment, data=changed)
    elif checked:
        _touch_before_end(comment)
    for upload in checked:
        _store_attachment(comment, actor=actor, checked=upload)
    if submit and comment.status == CommentStatus.DRAFT:
        comment = comment_submit(comment=comment, actor=actor)
    return comment


# --- Submitting and withdrawing ---------------------------------------------------------


@transaction.atomic
def comment_submit(*, comment: Comment, actor: Any) -> Comment:
    """Submit a draft while the consultation is open: by a representative of its
    organisation, or by the resident who wrote it.

    The comment gets its receipt: a tracking number (the authority's code, the year and
    eight random characters) and ``submitted_at``, to the second, by the database clock,
    never after the end. After the end ConsultationClosed carries the text. Audited.
    """
    comment = _locked(comment)
    submitted = _text_of(comment)
    if comment.status == CommentStatus.SUBMITTED:
        raise InvalidTransition(
            _("This comment was already submitted (tracking number %(number)s).")
            % {"number": comment.tracking_number},
            extra={
                "tracking_number": comment.tracking_number,
                "submitted_at": comment.submitted_at.isoformat() if comment.submitted_at else None,
            },
        )
    if comment.status != CommentStatus.DRAFT:
        raise InvalidTransition(_("This comment was withdrawn; write a new one instead."))
    if not permissions.may_act_for_comment(actor, comment):
        raise NotAllowed(
            _(
                "Only a representative of the organisation can submit its comments. Your "
                "draft is saved; ask a representative to submit it."
            )
        )
    _check_before_end(comment, submitted=submitted, started=True)
    _check_content(comment)

    consultation = comment.consultation
    prefix = consultation.version.act.department.authority.code
    year = clock.now().astimezone(WARSAW).year
    database_now = clock.database_now()
    updated = 0
    for attempt in range(_TRACKING_NUMBER_ATTEMPTS):
        tracking_number = new_tracking_number(prefix=prefix, year=year)
        try:
            with transaction.atomic():
                updated = (
                    Comment.objects.filter(pk=comment.pk, status=CommentStatus.DRAFT)
                    .filter(_before_end_by_database_clock(started=True))
                    .update(
                        status=CommentStatus.SUBMITTED,
                        submitted_by=actor,
                        submitted_at=database_now,
                        tracking_number=tracking_number,
                        revision=F("revision") + 1,
                        updated_at=database_now,
                    )
                )
            break
        except IntegrityError:
            # Two receipts with one number: 40 random bits make it a curiosity; draw again.
            if attempt == _TRACKING_NUMBER_ATTEMPTS - 1:
                raise
    if not updated:
        raise _refused_by_database_clock(comment, submitted)
    comment.refresh_from_db(
        fields=[
            "status",
            "submitted_by",
            "submitted_at",
            "tracking_number",
            "revision",
            "updated_at",
        ]
    )
    audit_log(
        actor=actor,
        verb=ConsultationVerb.COMMENT_SUBMITTED,
        target=comment,
        data={
            "consultation": consultation.pk,
            "tracking_number": comment.tracking_number,
            "submitted_at": comment.submitted_at,
        },
    )
    return comment


@transaction.atomic
def comment_withdraw(*, comment: Comment, actor: Any) -> Comment:
    """Withdraw a submitted comment before the end (those who may submit it). It stays in
    the record with its tracking number, out of the consultation. Audited."""
    comment = _locked(comment)
    if comment.status != CommentStatus.SUBMITTED:
        raise InvalidTransition(_("Only a submitted comment can be withdrawn."))
    if not permissions.may_act_for_comment(actor, comment):
        raise NotAllowed(_("Only a representative of the organisation can withdraw its comments."))
    _check_before_end(comment, submitted=_text_of(comment), started=True)
    database_now = clock.database_now()
    updated = (
        Comment.objects.filter(pk=comment.pk, status=CommentStatus.SUBMITTED)
        .filter(_before_end_by_database_clock(started=True))
        .update(
            status=CommentStatus.WITHDRAWN,
            withdrawn_at=database_now,
            revision=F("revision") + 1,
            updated_at=database_now,
        )
    )
    if not updated:
        raise _refused_by_database_clock(comment, _text_of(comment))
    comment.refresh_from_db(fields=["status", "withdrawn_at", "revision", "updated_at"])
    audit_log(
        actor=actor,
        verb=ConsultationVerb.COMMENT_WITHDRAWN,
        target=comment,
        data={"tracking_number": comment.tracking_number},
    )
    return comment


# --- Moderation -------------------------------------------------------------------------


@transaction.atomic
def comment_hide(*, comment: Comment, actor: Any, reason: str) -> Comment:
    """Hide a submitted comment (personal data, abuse) with a stated reason. It stays in the
    record and in the report; the public sees that it was hidden and why, its authors and
    the officials still read it. Audited with the reason."""
    comment = _locked(comment)
    if not permissions.can_manage_consultation(actor, comment.consultation):
        raise NotAllowed(_("Only officials running the consultation can hide comments."))
    if comment.status != CommentStatus.SUBMITTED:
        raise InvalidTransition(_("Only a submitted comment can be hidden."))
    if comment.is_hidden:
        raise InvalidTransition(_("This comment is already hidden."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why the comment is hidden, e.g. it contains personal data.")}
        )
    comment.hidden_at = clock.now()
    comment.hidden_reason = reason
    comment.hidden_by = actor
    comment.save(update_fields=["hidden_at", "hidden_reason", "hidden_by", "updated_at"])
    audit_log(
        actor=actor, verb=ConsultationVerb.COMMENT_HIDDEN, target=comment, data={"reason": reason}
    )
    return comment


@transaction.atomic
def comment_unhide(*, comment: Comment, actor: Any) -> Comment:
    """Show a hidden comment again. The audit log keeps why it was hidden."""
    comment = _locked(comment)
    if not permissions.can_manage_consultation(actor, comment.consultation):
        raise NotAllowed(_("Only officials running the consultation can show hidden comments."))
    if not comment.is_hidden:
        raise InvalidTransition(_("This comment is not hidden."))
    previous_reason = comment.hidden_reason
    comment.hidden_at = None
    comment.hidden_reason = ""
    comment.hidden_by = None
    comment.save(update_fields=["hidden_at", "hidden_reason", "hidden_by", "updated_at"])
    audit_log(
        actor=actor,
        verb=ConsultationVerb.COMMENT_UNHIDDEN,
        target=comment,
        data={"previous_reason": previous_reason},
    )
    return comment


# --- Attachments ------------------------------------------------------------------------


@service_atomic
def comment_attachment_add(
    *, comment: Comment, actor: Any, uploaded_file: Any
) -> CommentAttachment:
    """Attach a file to a comment its authors may still change (until the end), up to the
    consultation's limit. The type is checked by content (PDF, DOCX, ODT, PNG, JPEG, plain
    text) and the size by ``UPLOAD_MAX_BYTES``. Audited."""
    comment = _locked(comment)
    viewer = as_viewer(actor)
    if not permissions.is_own_comment(viewer, comment):
        raise NotAllowed(_("Only the comment's authors can attach files to it."))
    if comment.status == CommentStatus.WITHDRAWN or comment.is_hidden:
        raise InvalidTransition(_("This comment can no longer change."))
    _check_before_end(comment, submitted=_text_of(comment), started=comment.is_submitted)
    if comment.is_submitted and not permissions.may_act_for_comment(viewer, comment):
        raise NotAllowed(
            _("Only a representative of the organisation can change a submitted comment.")
        )
    checked = _checked_uploads(
        [uploaded_file],
        limit=comment.consultation.max_attachments,
        existing=comment.attachments.count(),
    )
    _touch_before_end(comment)
    return _store_attachment(comment, actor=actor, checked=checked[0])


def _checked_uploads(
    uploaded_files: Sequence[Any], *, limit: int, existing: int = 0
) -> list[CheckedUpload]:
    """The files, checked by content and size, when with the ``existing`` ones they are no
    more than the consultation's ``limit``; nothing is stored yet."""
    if uploaded_files and existing + len(uploaded_files) > limit:
        raise TooManyAttachments(
            _("A comment can have at most %(limit)d attachments. Remove one first.")
            % {"limit": limit},
            extra={"limit": limit},
        )
    return [check_upload(uploaded_file) for uploaded_file in uploaded_files]


def _touch_before_end(comment: Comment) -> None:
    """The same exact deadline as the text: a change lands only before the end, by the
    database clock."""
    touched = (
        Comment.objects.filter(pk=comment.pk)
        .filter(_before_end_by_database_clock(started=comment.is_submitted))
        .update(updated_at=clock.database_now())
    )
    if not touched:
        raise _refused_by_database_clock(comment, _text_of(comment))


def _store_attachment(comment: Comment, *, actor: Any, checked: CheckedUpload) -> CommentAttachment:
    attachment = CommentAttachment(
        comment=comment,
        name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
    )
    store_file(attachment.file, checked.name, ContentFile(checked.data))
    attachment.save()
    audit_log(
        actor=actor,
        verb=ConsultationVerb.COMMENT_ATTACHMENT_ADDED,
        target=comment,
        data={
            "attachment": attachment.pk,
            "name": attachment.name,
            "type": checked.content_type,
        },
    )
    return attachment
