"""What every change to a comment shares: the errors that carry the user's text, the
row lock, and the checks against the application's clock (for a clear message) and the
database's clock (for the exact deadline).

The deadline is exact. Who may act is checked against the application's clock first, for a
clear message; then the write itself is one conditional ``UPDATE … WHERE ends_at >= now``
against the database's clock (``clock.database_now``), and its row count says whether it
landed. The time stored (``submitted_at``) comes from the same clock in the same statement,
so a stored comment was always stored before the end.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from acts.models import Provision
from consultations.exceptions import ConsultationClosed, ConsultationNotOpen
from consultations.models import (
    Comment,
    CommentVersion,
    Consultation,
    ConsultationAction,
    ConsultationPhase,
    ConsultationStatus,
)
from consultations.services import clock
from core.dates import day_text, local_day, local_time
from core.exceptions import InvalidTransition
from core.tracking import new_tracking_number

COMMENT_FIELDS = ("proposed_wording", "justification", "provision")
TRACKING_NUMBER_ATTEMPTS = 5


AFTER_END = frozenset({ConsultationPhase.CLOSED, ConsultationPhase.REPORT_PUBLISHED})


def tracking_numbers(consultation: Consultation) -> Iterator[str]:
    """The receipt numbers to try for a comment on ``consultation``, drawn one at a time:
    its authority's code, this year in Warsaw, 40 random bits. A clash (a curiosity) is
    drawn again, ``TRACKING_NUMBER_ATTEMPTS`` times at most."""
    prefix = consultation.version.act.department.authority.code
    year = local_day(clock.now()).year
    for _attempt in range(TRACKING_NUMBER_ATTEMPTS):
        yield new_tracking_number(prefix=prefix, year=year)


# --- Errors that carry the user's text --------------------------------------------------


def text_of(comment: Comment, fields: dict[str, Any] | None = None) -> dict[str, Any]:
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
    ) % {"date": day_text(closed_at), "time": local_time(closed_at)}
    extra: dict[str, Any] = {"closed_at": closed_at.isoformat()}
    if submitted is not None:
        extra["submitted"] = submitted
    return ConsultationClosed(message, extra=extra)


def not_open_error(consultation: Consultation, phase: str) -> InvalidTransition:
    if phase == ConsultationPhase.SCHEDULED:
        return ConsultationNotOpen(
            _(
                "The consultation opens on %(date)s at %(time)s (Warsaw time). Save your comment "
                "as a draft and submit it then."
            )
            % {
                "date": day_text(consultation.starts_at),
                "time": local_time(consultation.starts_at),
            }
        )
    return ConsultationNotOpen(
        _("The consultation is %(phase)s, so it takes no comments.")
        % {"phase": ConsultationPhase(phase).label}
    )


def current_text(comment: Comment) -> dict[str, Any]:
    return {**text_of(comment), "revision": comment.revision, "status": comment.status}


# --- Reading and locking ----------------------------------------------------------------


def locked_comment(comment: Comment) -> Comment:
    return (
        Comment.objects.select_for_update(of=("self",))
        .select_related(
            "consultation__version__act__department__authority", "organisation", "provision"
        )
        .get(pk=comment.pk)
    )


def before_end_by_database_clock(*, started: bool) -> Q:
    """The consultation is scheduled and has not ended (and, with ``started``, has begun)
    by the database's clock, read in the statement that writes."""
    now = clock.database_second()
    condition = Q(consultation__status=ConsultationStatus.SCHEDULED, consultation__ends_at__gte=now)
    if started:
        condition &= Q(consultation__starts_at__lte=now)
    return condition


def check_before_end(comment: Comment, *, submitted: dict[str, Any], started: bool) -> None:
    """The application clock's verdict, with the message the user should read."""
    consultation = comment.consultation
    phase = consultation.phase_at(clock.now())
    action = ConsultationAction.SUBMIT_COMMENT if started else ConsultationAction.WRITE_COMMENT
    if action in Consultation.ACTIONS[phase]:
        return
    if phase in AFTER_END:
        raise consultation_closed_error(consultation, submitted)
    raise not_open_error(consultation, phase)


def refused_by_database_clock(comment: Comment, submitted: dict[str, Any]) -> Exception:
    """The conditional write matched nothing while the row was locked: the clock ran out
    between the checks and the write (or the consultation was cancelled meanwhile)."""
    consultation = Consultation.objects.get(pk=comment.consultation_id)
    comment.consultation.ends_at = consultation.ends_at
    if consultation.status != ConsultationStatus.SCHEDULED:
        return not_open_error(consultation, consultation.status)
    if consultation.starts_at > clock.now():
        return not_open_error(consultation, ConsultationPhase.SCHEDULED)
    return consultation_closed_error(consultation, submitted)


def record_version(comment: Comment, *, actor: Any, at: Any) -> CommentVersion:
    """Keep the comment's wording as its version ``comment.version``, stamped ``at`` (the
    database clock's moment its row was written with): one INSERT."""
    return CommentVersion.objects.create(
        comment=comment,
        number=comment.version,
        provision_id=comment.provision_id,
        proposed_wording=comment.proposed_wording,
        justification=comment.justification,
        created_at=at,
        edited_by=actor,
    )


def check_provision(consultation: Consultation, provision: Provision | None) -> None:
    if provision is not None and provision.version_id != consultation.version_id:
        raise ValidationError(
            {"provision": _("Choose a provision of the act version under consultation.")}
        )


def _normalised(text: str) -> str:
    return " ".join(text.split())


def check_proposal(provision: Provision | None, proposed_wording: str) -> None:
    """A proposed wording must propose a change: one identical to the provision's current
    text (whitespace aside) is refused, so an untouched copy is never published as a
    proposal. Empty is fine (a remark, explained in the justification)."""
    if provision is None or not proposed_wording.strip():
        return
    if _normalised(proposed_wording) == _normalised(provision.text):
        raise ValidationError(
            {
                "proposed_wording": _(
                    "The proposed wording is the same as the current text of %(label)s. "
                    "Write the wording you propose, or leave it empty and explain your "
                    "remark in the justification."
                )
                % {"label": provision.label}
            }
        )


def check_content(comment: Comment) -> None:
    """What a submitted comment must have: a proposal or a justification, the
    justification when the consultation requires one, and a proposal that changes the
    provision (``check_proposal``)."""
    check_proposal(comment.provision, comment.proposed_wording)
    errors: dict[str, str] = {}
    if comment.consultation.justification_required and not comment.justification.strip():
        errors["justification"] = _("Justify your proposal: this consultation requires it.")
    if not comment.proposed_wording.strip() and not comment.justification.strip():
        errors["proposed_wording"] = _("Write the wording you propose, or your remark.")
    if errors:
        raise ValidationError(errors)
