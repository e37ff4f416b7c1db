"""A consultation cannot be backdated: it opens no earlier than the moment it is scheduled
(by the database clock), the minimum duration counts from that opening, and the report
states the real period with every extension."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from consultations import report, services
from consultations.exceptions import DurationTooShort
from consultations.models import Consultation, ConsultationPhase, ConsultationStatus
from core.dates import as_start, start_of_local_day
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import AFTER, at

pytestmark = pytest.mark.django_db


def draft(official, version, *, starts_at, ends_at):
    return services.consultation_create(
        actor=official, version=version, title="Konsultacje", starts_at=starts_at, ends_at=ends_at
    )


def waiting_draft(official, version, *, starts_at, ends_at):
    """A draft prepared earlier whose start day has passed before it was scheduled."""
    consultation = draft(
        official, version, starts_at=timezone.localdate() + dt.timedelta(days=1), ends_at=ends_at
    )
    Consultation.objects.filter(pk=consultation.pk).update(starts_at=as_start(starts_at))
    consultation.refresh_from_db()
    return consultation


def test_a_start_on_a_day_that_has_passed_is_refused_when_preparing(
    official, published_version, english
):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        draft(
            official,
            published_version,
            starts_at=today - dt.timedelta(days=1),
            ends_at=today + dt.timedelta(days=10),
        )
    assert "cannot begin in the past" in error.value.message_dict["starts_at"][0]
    assert not Consultation.objects.exists()


def test_scheduling_refuses_a_start_on_a_day_that_has_passed(official, published_version, english):
    today = timezone.localdate()
    # Twenty days "ago" to two days ahead: the old check counted 22 days from the past start.
    consultation = waiting_draft(
        official,
        published_version,
        starts_at=today - dt.timedelta(days=20),
        ends_at=today + dt.timedelta(days=2),
    )
    with pytest.raises(ValidationError) as error:
        services.consultation_schedule(consultation=consultation, actor=official)

    assert "cannot begin in the past" in error.value.message_dict["starts_at"][0]
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.DRAFT
    assert consultation.scheduled_at is None


def test_a_start_earlier_today_opens_at_the_moment_of_scheduling(official, published_version):
    today = timezone.localdate()
    consultation = draft(
        official,
        published_version,
        starts_at=today,  # midnight, already past
        ends_at=today + dt.timedelta(days=10),
    )
    before = timezone.now().replace(microsecond=0)

    scheduled = services.consultation_schedule(consultation=consultation, actor=official)

    after = timezone.now()
    assert before <= scheduled.starts_at <= after
    assert scheduled.starts_at > start_of_local_day(today)
    assert before <= scheduled.scheduled_at <= after
    assert scheduled.opened_at == scheduled.starts_at
    assert scheduled.phase == ConsultationPhase.OPEN


def test_a_future_start_is_kept(official, published_version):
    start = timezone.localdate() + dt.timedelta(days=3)
    consultation = draft(
        official, published_version, starts_at=start, ends_at=start + dt.timedelta(days=10)
    )
    scheduled = services.consultation_schedule(consultation=consultation, actor=official)
    assert scheduled.starts_at == start_of_local_day(start)
    assert scheduled.scheduled_at < scheduled.starts_at


def test_the_minimum_duration_counts_from_the_real_opening(official, published_version):
    today = timezone.localdate()
    consultation = draft(
        official,
        published_version,
        starts_at=today,
        ends_at=today + dt.timedelta(days=6),  # a week is the default minimum
    )
    with pytest.raises(DurationTooShort) as error:
        services.consultation_schedule(consultation=consultation, actor=official)
    assert error.value.extra["earliest_end"] == (today + dt.timedelta(days=7)).isoformat()
    assert Consultation.objects.get(pk=consultation.pk).status == ConsultationStatus.DRAFT


def test_a_scheduled_start_cannot_be_moved_into_the_past(official, published_version):
    start = timezone.localdate() + dt.timedelta(days=3)
    consultation = services.consultation_schedule(
        consultation=draft(
            official, published_version, starts_at=start, ends_at=start + dt.timedelta(days=10)
        ),
        actor=official,
    )
    with pytest.raises(ValidationError) as error:
        services.consultation_update(
            consultation=consultation,
            actor=official,
            starts_at=timezone.localdate() - dt.timedelta(days=1),
        )
    assert "starts_at" in error.value.message_dict

    moved = services.consultation_update(
        consultation=consultation, actor=official, starts_at=timezone.localdate()
    )
    moved.refresh_from_db()
    assert moved.starts_at >= timezone.now().replace(microsecond=0) - dt.timedelta(seconds=5)
    assert moved.phase == ConsultationPhase.OPEN


def test_the_api_refuses_a_past_start_with_the_field_named(api_as, official, published_version):
    today = timezone.localdate()
    consultation = waiting_draft(
        official,
        published_version,
        starts_at=today - dt.timedelta(days=1),
        ends_at=today + dt.timedelta(days=10),
    )
    response = api_as(official).post(f"/api/v1/consultations/{consultation.pk}/schedule/")
    assert response.status_code == 400
    assert "starts_at" in response.json()["extra"]["fields"]

    created = api_as(official).post(
        "/api/v1/consultations/",
        {
            "act": published_version.act_id,
            "version": published_version.number,
            "title": "Wstecz",
            "starts_at": (today - dt.timedelta(days=3)).isoformat(),
            "ends_at": (today + dt.timedelta(days=10)).isoformat(),
        },
        format="json",
    )
    assert created.status_code == 400
    assert "starts_at" in created.json()["extra"]["fields"]


def test_the_report_states_the_real_opening_and_each_extension(consultation, official, client_as):
    # A consultation scheduled before this rule: its start lies before it was announced.
    announced = consultation.starts_at + dt.timedelta(hours=30)
    Consultation.objects.filter(pk=consultation.pk).update(scheduled_at=announced)
    services.consultation_extend(
        consultation=consultation,
        actor=official,
        ends_at=consultation.ends_at + dt.timedelta(days=3),
        reason="Prośba organizacji o więcej czasu.",
    )
    consultation.refresh_from_db()
    with at(consultation, AFTER):
        services.report_publish(consultation=consultation, actor=official)
    data = report.report_data(consultation=consultation)

    assert data.starts_at == announced
    assert data.ends_at == consultation.ends_at
    [extension] = data.extensions
    assert extension.reason == "Prośba organizacji o więcej czasu."
    assert extension.extended_at is not None

    html = client_as(None).get(reverse("consultations:report", args=[consultation.pk])).content
    page = html.decode()
    assert "Prośba organizacji o więcej czasu." in page
    assert f"{announced.astimezone(timezone.get_current_timezone()):%H:%M}" in page
