"""The officials' answers to comments, after the end and until the report is published.

Two officials never overwrite each other silently: answering locks the comment's row, and
changing an existing answer needs its current ``revision``; otherwise AnswerConflict (409)
carries the answer that is there.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from consultations import permissions
from consultations.events import ConsultationVerb
from consultations.exceptions import AnswerConflict
from consultations.models import (
    Answer,
    Comment,
    CommentStatus,
    Consultation,
    ConsultationAction,
    ConsultationPhase,
    Disposition,
)
from consultations.services import clock
from core.exceptions import InvalidInput, InvalidTransition, NotAllowed
from core.services import audit_log


def _answer_data(answer: Answer) -> dict[str, Any]:
    return {
        "disposition": answer.disposition,
        "justification": answer.justification,
        "answered_by": str(answer.answered_by),
        "answered_at": answer.answered_at.isoformat(),
        "revision": answer.revision,
    }


def _check_input(disposition: str, justification: str) -> str:
    errors: dict[str, str] = {}
    if disposition not in Disposition.values:
        errors["disposition"] = _("Choose one of the dispositions listed.")
    justification = (justification or "").strip()
    if not justification:
        errors["justification"] = _("Justify the answer; it is published in the report.")
    if errors:
        raise ValidationError(errors)
    return justification


def _check_may_answer(actor: Any, comment: Comment) -> None:
    if not permissions.can_manage_consultation(actor, comment.consultation):
        raise NotAllowed(
            _("Only officials of the act's responsible department can answer comments.")
        )
    if comment.status != CommentStatus.SUBMITTED:
        raise InvalidTransition(_("Only submitted comments are answered."))
    phase = comment.consultation.phase_at(clock.now())
    if phase == ConsultationPhase.REPORT_PUBLISHED:
        raise InvalidTransition(
            _("The report has been published, so its answers can no longer change.")
        )
    if ConsultationAction.ANSWER not in Consultation.ACTIONS[phase]:
        raise InvalidTransition(_("Comments are answered after the consultation ends."))


def _locked_comments(comments: Iterable[Comment]) -> list[Comment]:
    # Always in the order of their keys, so two officials never lock each other out.
    return list(
        Comment.objects.select_for_update(of=("self",))
        .select_related("consultation__version__act__department")
        .filter(pk__in=[comment.pk for comment in comments])
        .order_by("pk")
    )


@transaction.atomic
def answer_give(
    *,
    comment: Comment,
    actor: Any,
    disposition: str,
    justification: str,
    expected_revision: int | None = None,
) -> Answer:
    """Answer a submitted comment: accepted, partly accepted, not accepted or not
    applicable, with a justification. After the end and before the report is published;
    officials of the act's department and administrators.

    A comment that has an answer already keeps it unless ``expected_revision`` is that
    answer's revision; otherwise AnswerConflict carries the current answer. Audited.
    """
    justification = _check_input(disposition, justification)
    [comment] = _locked_comments([comment])
    _check_may_answer(actor, comment)
    answer = Answer.objects.select_for_update().filter(comment=comment).first()
    now = clock.now()
    if answer is None:
        try:
            with transaction.atomic():
                answer = Answer.objects.create(
                    comment=comment,
                    disposition=disposition,
                    justification=justification,
                    answered_by=actor,
                    answered_at=now,
                )
        except IntegrityError:
            # Another official's answer committed between our lock and the insert (the
            # comment was not locked by them: e.g. an answer written outside a service).
            current = Answer.objects.select_related("answered_by").get(comment=comment)
            raise AnswerConflict(extra={"current": _answer_data(current)}) from None
        audit_log(
            actor=actor,
            verb=ConsultationVerb.ANSWER_GIVEN,
            target=comment,
            data={"disposition": disposition, "justification": justification},
        )
        return answer
    if expected_revision is None or expected_revision != answer.revision:
        raise AnswerConflict(extra={"current": _answer_data(answer)})
    previous = {"disposition": answer.disposition, "justification": answer.justification}
    answer.disposition = disposition
    answer.justification = justification
    answer.answered_by = actor
    answer.answered_at = now
    answer.revision += 1
    answer.save()
    audit_log(
        actor=actor,
        verb=ConsultationVerb.ANSWER_CHANGED,
        target=comment,
        data={
            "from": previous,
            "to": {"disposition": disposition, "justification": justification},
        },
    )
    return answer


@transaction.atomic
def answer_give_bulk(
    *, comments: Iterable[Comment], actor: Any, disposition: str, justification: str
) -> list[Answer]:
    """Give one answer to several identical comments of one consultation, none of which
    has an answer yet (AnswerConflict names those that have). All or nothing. Each answer
    is audited."""
    justification = _check_input(disposition, justification)
    locked = _locked_comments(comments)
    if not locked:
        raise InvalidInput(
            _("Choose the comments to answer."),
            extra={"fields": {"comment_ids": [_("Choose at least one comment.")]}},
        )
    if len({comment.consultation_id for comment in locked}) > 1:
        raise InvalidInput(
            _("Answer the comments of one consultation at a time."),
            extra={
                "fields": {"comment_ids": [_("The comments belong to different consultations.")]}
            },
        )
    for comment in locked:
        _check_may_answer(actor, comment)
    answered = list(
        Answer.objects.filter(comment__in=locked)
        .order_by("comment_id")
        .values_list("comment_id", flat=True)
    )
    if answered:
        raise AnswerConflict(
            _(
                "Some of these comments have been answered already. Answer the others "
                "together, and change an existing answer one at a time."
            ),
            extra={"answered": answered},
        )
    now = clock.now()
    answers = Answer.objects.bulk_create(
        [
            Answer(
                comment=comment,
                disposition=disposition,
                justification=justification,
                answered_by=actor,
                answered_at=now,
            )
            for comment in locked
        ]
    )
    for comment in locked:
        audit_log(
            actor=actor,
            verb=ConsultationVerb.ANSWER_GIVEN,
            target=comment,
            data={"disposition": disposition, "justification": justification, "bulk": True},
        )
    return answers
