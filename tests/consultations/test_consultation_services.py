"""Consultation services: create, change, schedule (minimum durations), extend, cancel,
meetings, attachments; every change audited."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from acts.models import ActType
from consultations import services
from consultations.exceptions import (
    ConsultationNotOpen,
    DurationTooShort,
    VersionNotPublished,
)
from consultations.models import ConsultationPhase, ConsultationStatus, MinimumDuration
from core.dates import WARSAW
from core.exceptions import InvalidTransition, NotAllowed, UnsupportedFileType
from core.models import AuditEvent
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import AFTER, BEFORE, at
from tests.pdf import minimal_pdf

pytestmark = pytest.mark.django_db


def _a_monday_a_month_ahead() -> dt.date:
    later = timezone.localdate() + dt.timedelta(days=30)
    return later + dt.timedelta(days=-later.weekday() % 7)


MONDAY = _a_monday_a_month_ahead()


def draft(official, version, **fields):
    fields.setdefault("starts_at", MONDAY)
    fields.setdefault("ends_at", MONDAY + dt.timedelta(days=14))
    return services.consultation_create(
        actor=official, version=version, title="Konsultacje", **fields
    )


def test_an_end_given_as_a_date_means_the_last_second_of_that_day_in_warsaw(
    official, published_version
):
    end = MONDAY + dt.timedelta(days=30)
    consultation = draft(official, published_version, ends_at=end)

    local_end = consultation.ends_at.astimezone(WARSAW)
    assert (local_end.date(), local_end.time()) == (end, dt.time(23, 59, 59))
    assert consultation.starts_at.astimezone(WARSAW).time() == dt.time(0, 0)
    assert consultation.status == ConsultationStatus.DRAFT
    assert AuditEvent.objects.for_target(consultation).get().verb == "consultation.created"


def test_a_consultation_runs_on_a_published_version_only(official, draft_version):
    with pytest.raises(VersionNotPublished):
        draft(official, draft_version)


def test_only_officials_of_the_department_create_consultations(
    other_official, ngo_representative, published_version
):
    for outsider in (other_official, ngo_representative):
        with pytest.raises(NotAllowed):
            draft(outsider, published_version)


def test_the_end_must_come_after_the_start(official, published_version):
    with pytest.raises(ValidationError) as error:
        draft(official, published_version, ends_at=MONDAY - dt.timedelta(days=1))
    assert "ends_at" in error.value.message_dict


def test_scheduling_refuses_a_period_shorter_than_seven_days_by_default(
    official, published_version
):
    with time_machine_at(dt.datetime.combine(MONDAY - dt.timedelta(days=28), dt.time(12), WARSAW)):
        consultation = draft(official, published_version, ends_at=MONDAY + dt.timedelta(days=6))
        with pytest.raises(DurationTooShort) as error:
            services.consultation_schedule(consultation=consultation, actor=official)
        assert error.value.extra["earliest_end"] == (MONDAY + dt.timedelta(days=7)).isoformat()

        services.consultation_update(
            consultation=consultation, actor=official, ends_at=MONDAY + dt.timedelta(days=7)
        )
        services.consultation_schedule(consultation=consultation, actor=official)
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.SCHEDULED


def test_minimum_durations_in_working_days_skip_weekends_and_holidays(official, published_version):
    MinimumDuration.objects.create(
        act_type=ActType.CITY_COUNCIL_RESOLUTION, days=5, working_days=True
    )
    # From Thursday 29 April 2027: 30 April (Fri), then 3 May is a holiday; 4, 5, 6, 7 May.
    start = dt.date(2027, 4, 29)
    with time_machine_at(dt.datetime(2027, 4, 1, 12, tzinfo=WARSAW)):
        short = draft(official, published_version, starts_at=start, ends_at=dt.date(2027, 5, 6))
        with pytest.raises(DurationTooShort) as error:
            services.consultation_schedule(consultation=short, actor=official)
        assert error.value.extra["earliest_end"] == "2027-05-07"
        long_enough = draft(
            official, published_version, starts_at=start, ends_at=dt.date(2027, 5, 7)
        )
        services.consultation_schedule(consultation=long_enough, actor=official)


def test_an_open_consultation_changes_only_its_description(official, consultation):
    services.consultation_update(
        consultation=consultation, actor=official, description="Nowy opis."
    )
    with pytest.raises(InvalidTransition):
        services.consultation_update(consultation=consultation, actor=official, title="Inny tytuł")
    consultation.refresh_from_db()
    assert consultation.description == "Nowy opis."
    assert consultation.title != "Inny tytuł"


def test_the_end_is_extended_while_open_with_a_reason_and_audited(official, consultation):
    previous = consultation.ends_at
    later = previous + dt.timedelta(days=3)

    with pytest.raises(ValidationError) as error:
        services.consultation_extend(
            consultation=consultation, actor=official, ends_at=previous, reason=""
        )
    assert set(error.value.message_dict) == {"ends_at", "reason"}

    services.consultation_extend(
        consultation=consultation, actor=official, ends_at=later, reason="Prośba organizacji"
    )
    consultation.refresh_from_db()
    assert consultation.ends_at == later
    extension = consultation.extensions.get()
    assert (extension.previous_ends_at, extension.new_ends_at) == (previous, later)
    event = AuditEvent.objects.for_target(consultation).get(verb="consultation.extended")
    assert event.data["reason"] == "Prośba organizacji"


def test_only_an_open_consultation_is_extended(official, consultation):
    for phase in (BEFORE, AFTER):
        with at(consultation, phase), pytest.raises(ConsultationNotOpen):
            services.consultation_extend(
                consultation=consultation,
                actor=official,
                ends_at=consultation.ends_at + dt.timedelta(days=30),
                reason="Dłużej",
            )


def test_cancelling_needs_a_reason_and_is_refused_after_the_end(official, consultation):
    with at(consultation, AFTER), pytest.raises(InvalidTransition):
        services.consultation_cancel(consultation=consultation, actor=official, reason="Błąd")
    with pytest.raises(ValidationError):
        services.consultation_cancel(consultation=consultation, actor=official, reason=" ")

    services.consultation_cancel(consultation=consultation, actor=official, reason="Błąd w akcie")

    consultation.refresh_from_db()
    assert consultation.phase == ConsultationPhase.CANCELLED
    assert consultation.cancellation_reason == "Błąd w akcie"


def test_meetings_and_attachments_are_added_before_the_end(official, consultation):
    meeting = services.meeting_add(
        consultation=consultation,
        actor=official,
        starts_at=consultation.starts_at + dt.timedelta(days=2),
        place="Urząd Miasta, sala 1",
    )
    attachment = services.consultation_attachment_add(
        consultation=consultation,
        actor=official,
        uploaded_file=SimpleUploadedFile("opis.pdf", minimal_pdf("opis"), "text/plain"),
    )
    assert meeting.place == "Urząd Miasta, sala 1"
    assert (attachment.content_type, attachment.name) == ("application/pdf", "opis.pdf")
    with pytest.raises(UnsupportedFileType):
        services.consultation_attachment_add(
            consultation=consultation,
            actor=official,
            uploaded_file=SimpleUploadedFile("wirus.pdf", b"MZ\x90\x00\x03", "application/pdf"),
        )
    with at(consultation, AFTER), pytest.raises(InvalidTransition):
        services.meeting_add(
            consultation=consultation,
            actor=official,
            starts_at=consultation.ends_at + dt.timedelta(days=2),
            place="Za późno",
        )


def time_machine_at(moment):
    import time_machine

    return time_machine.travel(moment, tick=False)
