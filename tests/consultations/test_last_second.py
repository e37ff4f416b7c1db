"""The last second before a deadline counts: a comment is on time when its moment,
truncated to the second, is not after ``ends_at``. An end of 23:59:59 takes a comment
stamped 23:59:59.999 and refuses one stamped 00:00:00.000 of the next day, by the
application's clock and by the database's (``consultations/services/clock.py``)."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.db.models import Value
from django.utils import timezone

from consultations import services
from consultations.exceptions import ConsultationClosed
from consultations.models import Comment, CommentStatus, Consultation, ConsultationPhase
from consultations.services import clock
from core.dates import WARSAW
from tests.consultations.scenes import *  # noqa: F403

LITERAL_DATES = (
    "a fixed deadline in the past: the database clock is replayed at moments around it "
    "(clock.replaying_at), so the real date never meets it"
)

pytestmark = pytest.mark.django_db

END = dt.datetime(2026, 6, 30, 23, 59, 59, tzinfo=WARSAW)
LAST_MILLISECOND = END + dt.timedelta(microseconds=999_000)
NEXT_DAY = dt.datetime(2026, 7, 1, 0, 0, 0, tzinfo=WARSAW)


@pytest.fixture
def ending_at_midnight(consultation):
    """The consultation, moved to run from a month before ``END`` until ``END``."""
    Consultation.objects.filter(pk=consultation.pk).update(
        starts_at=END - dt.timedelta(days=30), ends_at=END
    )
    consultation.refresh_from_db()
    return consultation


def draft(consultation, representative, organisation):
    with clock.replaying_at(END - dt.timedelta(days=1)):
        return services.comment_create(
            consultation=consultation,
            actor=representative,
            organisation=organisation,
            proposed_wording="Wydłużyć termin do 30 dni.",
            justification="Organizacje potrzebują czasu.",
        )


def test_the_phase_is_open_until_the_last_millisecond_of_the_end(ending_at_midnight):
    assert ending_at_midnight.phase_at(LAST_MILLISECOND) == ConsultationPhase.OPEN
    assert ending_at_midnight.phase_at(NEXT_DAY) == ConsultationPhase.CLOSED
    assert list(Consultation.objects.open_at(LAST_MILLISECOND)) == [ending_at_midnight]
    assert list(Consultation.objects.closed_at(NEXT_DAY)) == [ending_at_midnight]
    assert not Consultation.objects.closed_at(LAST_MILLISECOND).exists()


def test_a_comment_written_and_submitted_at_23_59_59_999_is_accepted(
    ending_at_midnight, ngo, ngo_representative
):
    with clock.replaying_at(LAST_MILLISECOND):
        comment = services.comment_create(
            consultation=ending_at_midnight,
            actor=ngo_representative,
            organisation=ngo,
            proposed_wording="Wydłużyć termin do 30 dni.",
            justification="Organizacje potrzebują czasu.",
            submit=True,
        )

    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.SUBMITTED


def test_a_draft_submitted_at_23_59_59_999_is_accepted(ending_at_midnight, ngo, ngo_representative):
    comment = draft(ending_at_midnight, ngo_representative, ngo)

    with clock.replaying_at(LAST_MILLISECOND):
        services.comment_submit(comment=comment, actor=ngo_representative)

    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.SUBMITTED


def test_a_comment_at_midnight_of_the_next_day_is_refused(
    ending_at_midnight, ngo, ngo_representative
):
    comment = draft(ending_at_midnight, ngo_representative, ngo)

    with clock.replaying_at(NEXT_DAY), pytest.raises(ConsultationClosed):
        services.comment_submit(comment=comment, actor=ngo_representative)
    with clock.replaying_at(NEXT_DAY), pytest.raises(ConsultationClosed):
        services.comment_create(
            consultation=ending_at_midnight,
            actor=ngo_representative,
            organisation=ngo,
            proposed_wording="Za późno.",
            justification="Po terminie.",
            submit=True,
        )

    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.DRAFT
    assert Comment.objects.filter(consultation=ending_at_midnight).count() == 1


def database_second_and_now():
    row = (
        Consultation.objects.annotate(second=clock.database_second(), now=clock.database_now())
        .values_list("second", "now")
        .first()
    )
    assert row is not None
    return row


def test_the_database_second_is_the_database_clock_truncated(consultation):
    second, now = database_second_and_now()

    assert second.microsecond == 0
    assert second == now.replace(microsecond=0)
    assert abs(second - timezone.now()) < dt.timedelta(seconds=5)


def test_by_the_real_database_clock_a_comment_in_the_ends_last_second_is_accepted(
    consultation, ngo, ngo_representative
):
    """The end is set to the database's current second, whose fraction has begun: compared
    with the untruncated clock the comment would be late."""
    for _attempt in range(20):
        second, now = database_second_and_now()
        if now.microsecond < 500_000:
            break
        time.sleep((1_000_000 - now.microsecond) / 1_000_000)
    Consultation.objects.filter(pk=consultation.pk).update(ends_at=Value(second))
    consultation.refresh_from_db()

    comment = services.comment_create(
        consultation=consultation,
        actor=ngo_representative,
        organisation=ngo,
        proposed_wording="W ostatniej sekundzie.",
        justification="Zdążyliśmy.",
        submit=True,
    )

    assert comment.submitted_at.replace(microsecond=0) == second
    assert comment.submitted_at >= consultation.ends_at
