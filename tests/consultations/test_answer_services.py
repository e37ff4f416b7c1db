"""Answers: after the end, by the act's department, never overwriting each other silently;
bulk answers; progress; final once the report is published."""

import pytest
from django.core.exceptions import ValidationError

from consultations import selectors, services
from consultations.exceptions import AnswerConflict
from consultations.models import Disposition
from core.exceptions import InvalidTransition, NotAllowed
from core.models import AuditEvent
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import AFTER, OPEN, at, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def comments(
    consultation, provisions, ngo, other_ngo, ngo_representative, other_ngo_representative
):
    return [
        submitted(consultation, ngo_representative, ngo, provisions[3]),
        submitted(consultation, other_ngo_representative, other_ngo, provisions[3]),
        submitted(consultation, other_ngo_representative, other_ngo),
    ]


def test_comments_are_answered_after_the_end_by_the_department(
    consultation, comments, official, other_official
):
    with at(consultation, OPEN), pytest.raises(InvalidTransition):
        services.answer_give(
            comment=comments[0], actor=official, disposition="accepted", justification="Tak"
        )
    with at(consultation, AFTER):
        with pytest.raises(NotAllowed):
            services.answer_give(
                comment=comments[0],
                actor=other_official,
                disposition="accepted",
                justification="Tak",
            )
        with pytest.raises(ValidationError):
            services.answer_give(
                comment=comments[0], actor=official, disposition="accepted", justification=" "
            )
        answer = services.answer_give(
            comment=comments[0],
            actor=official,
            disposition=Disposition.PARTLY_ACCEPTED,
            justification="Częściowo.",
        )
        progress = selectors.answer_progress(consultation=consultation)
    assert (answer.revision, answer.answered_by) == (1, official)
    assert (progress.answered, progress.total) == (1, 3)
    assert AuditEvent.objects.for_target(comments[0]).filter(verb="answer.given").exists()


def test_an_existing_answer_changes_only_with_its_current_revision(
    consultation, comments, official, administrator
):
    with at(consultation, AFTER):
        services.answer_give(
            comment=comments[0], actor=official, disposition="accepted", justification="Tak"
        )
        with pytest.raises(AnswerConflict) as conflict:
            services.answer_give(
                comment=comments[0],
                actor=administrator,
                disposition="not_accepted",
                justification="Nie",
            )
        assert conflict.value.extra["current"]["disposition"] == "accepted"
        changed = services.answer_give(
            comment=comments[0],
            actor=administrator,
            disposition="not_accepted",
            justification="Jednak nie",
            expected_revision=1,
        )
        with pytest.raises(AnswerConflict):
            services.answer_give(
                comment=comments[0],
                actor=official,
                disposition="accepted",
                justification="Tak",
                expected_revision=1,
            )
    assert (changed.disposition, changed.revision) == ("not_accepted", 2)


def test_identical_comments_are_answered_together_all_or_nothing(consultation, comments, official):
    with at(consultation, AFTER):
        services.answer_give(
            comment=comments[2], actor=official, disposition="accepted", justification="Tak"
        )
        with pytest.raises(AnswerConflict) as conflict:
            services.answer_give_bulk(
                comments=comments, actor=official, disposition="not_accepted", justification="Nie"
            )
        assert conflict.value.extra["answered"] == [comments[2].pk]
        answers = services.answer_give_bulk(
            comments=comments[:2],
            actor=official,
            disposition="not_accepted",
            justification="Sprzeczne z ustawą.",
        )
        progress = selectors.answer_progress(consultation=consultation)
    assert sorted(answer.comment_id for answer in answers) == [c.pk for c in comments[:2]]
    assert progress.complete


def test_answers_are_final_once_the_report_is_published(consultation, comments, official):
    with at(consultation, AFTER):
        services.answer_give_bulk(
            comments=comments, actor=official, disposition="accepted", justification="Tak"
        )
        services.report_publish(consultation=consultation, actor=official)
        with pytest.raises(InvalidTransition):
            services.answer_give(
                comment=comments[0],
                actor=official,
                disposition="not_accepted",
                justification="Nie",
                expected_revision=1,
            )
