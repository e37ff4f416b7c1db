"""Drafting a comment: writing it (and, in one statement, submitting it: the hot path)
and editing it until the end (``comment_checks`` holds the deadline's rules)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, connections, router, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions as account_permissions
from accounts.viewer import Viewer, as_viewer
from acts.models import Provision
from consultations import notifications, permissions
from consultations.events import ConsultationVerb
from consultations.exceptions import StaleEdit
from consultations.models import (
    Comment,
    CommentStatus,
    Consultation,
    ConsultationAction,
    ConsultationStatus,
)
from consultations.services import clock
from consultations.services.comment_attachments import (
    checked_uploads,
    store_attachment,
    touch_before_end,
)
from consultations.services.comment_checks import (
    AFTER_END,
    COMMENT_FIELDS,
    before_end_by_database_clock,
    check_before_end,
    check_content,
    check_proposal,
    check_provision,
    consultation_closed_error,
    current_text,
    locked_comment,
    not_open_error,
    record_version,
    refused_by_database_clock,
    text_of,
    tracking_numbers,
)
from consultations.services.comment_submission import comment_submit
from core import rows
from core.exceptions import InvalidTransition, NotAllowed
from core.services import audit_log
from core.transactions import service_atomic


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
    The proposed wording starts empty; one identical to the provision's current text is
    refused (``check_proposal``).
    Attachments are checked (type, size, the consultation's limit) before anything is
    stored. With ``submit`` the comment is stored submitted at once, with its receipt, on
    the conditions of ``comment_submit``: one conditional INSERT by the database clock, one
    receipt number drawn. The actor's e-mail address must be confirmed
    (``EmailNotVerified``). Any refusal stores nothing. Audited.
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
        if phase in AFTER_END:
            raise consultation_closed_error(consultation, submitted)
        if not consultation.allows(ConsultationAction.WRITE_COMMENT, at=now):
            raise not_open_error(consultation, phase)
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
    account_permissions.require_verified_email(viewer)
    check_provision(consultation, provision)
    proposed_wording = proposed_wording or ""
    check_proposal(provision, proposed_wording)
    checked = checked_uploads(attachments, limit=consultation.max_attachments)
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
        store_attachment(comment, actor=actor, checked=upload)
    return comment


def _create_submitted(comment: Comment, *, actor: Any, viewer: Viewer) -> Comment:
    """Store a new comment already submitted, with its receipt: one conditional INSERT
    (``_insert_if_open``) instead of a draft, a lock and an update. Audited once, as
    ``comment.submitted`` with what ``comment.created`` would have said."""
    submitted = text_of(comment)
    if not permissions.may_act_for_comment(viewer, comment):
        raise NotAllowed(
            _(
                "Only a representative of the organisation can submit its comments. Save it "
                "as a draft and ask a representative to submit it."
            )
        )
    check_before_end(comment, submitted=submitted, started=True)
    check_content(comment)
    consultation = comment.consultation
    comment.status = CommentStatus.SUBMITTED
    comment.submitted_by = actor
    # The organisation came with the viewer's memberships (its name too): the receipt keeps
    # the name it has now, written by the same INSERT.
    comment.organisation_name = comment.organisation.name if comment.organisation else ""
    comment.version = 1
    for comment.tracking_number in tracking_numbers(consultation):
        if _insert_if_open(comment):
            break
        if not _open_by_database_clock(consultation):
            raise refused_by_database_clock(comment, submitted)
        # Two receipts with one number: 40 random bits make it a curiosity; draw again.
    else:
        raise IntegrityError("No unused tracking number after several attempts.")
    record_version(comment, actor=actor, at=comment.submitted_at)
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
    notifications.notify_submitted(comment)
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
    comment = locked_comment(comment)
    submitted = text_of(comment, fields)
    viewer = as_viewer(actor)
    if not permissions.is_own_comment(viewer, comment):
        raise NotAllowed(_("Only the comment's authors can change it."))
    if comment.status == CommentStatus.WITHDRAWN:
        raise InvalidTransition(_("This comment was withdrawn, so it can no longer change."))
    if comment.is_hidden:
        raise InvalidTransition(
            _("This comment was hidden by the moderator, so it can no longer change.")
        )
    check_before_end(comment, submitted=submitted, started=comment.is_submitted)
    if comment.is_submitted and not permissions.may_act_for_comment(viewer, comment):
        raise NotAllowed(
            _("Only a representative of the organisation can change a submitted comment.")
        )
    if comment.revision != expected_revision:
        raise StaleEdit(extra={"current": current_text(comment), "submitted": submitted})
    checked = (
        checked_uploads(
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
            check_provision(comment.consultation, value)
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
        check_proposal(comment.provision, comment.proposed_wording)
        if comment.is_submitted:
            check_content(comment)
        database_now = clock.database_now()
        # A submitted comment's change is a new version, kept with its time.
        versioned = (
            {"version": F("version") + 1, "edited_at": database_now} if comment.is_submitted else {}
        )
        updated = (
            Comment.objects.filter(pk=comment.pk, revision=expected_revision)
            .filter(before_end_by_database_clock(started=comment.is_submitted))
            .update(
                proposed_wording=comment.proposed_wording,
                justification=comment.justification,
                provision=comment.provision,
                revision=F("revision") + 1,
                updated_at=database_now,
                **versioned,
            )
        )
        if not updated:
            raise refused_by_database_clock(comment, submitted)
        comment.refresh_from_db(fields=["revision", "updated_at", "version", "edited_at"])
        if comment.is_submitted:
            record_version(comment, actor=actor, at=comment.edited_at)
            changed["version"] = comment.version
        audit_log(actor=actor, verb=ConsultationVerb.COMMENT_UPDATED, target=comment, data=changed)
    elif checked:
        touch_before_end(comment)
    for upload in checked:
        store_attachment(comment, actor=actor, checked=upload)
    if submit and comment.status == CommentStatus.DRAFT:
        comment = comment_submit(comment=comment, actor=actor)
    return comment
