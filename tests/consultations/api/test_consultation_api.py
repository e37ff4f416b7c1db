"""The consultations API: creating, scheduling, changing, extending and cancelling a
consultation, its meetings and attachments, and the list with its filters."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from consultations import services
from core.dates import WARSAW
from core.models import AuditEvent
from tests import factories
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import AFTER, at

pytestmark = pytest.mark.django_db

URL = "/api/v1/consultations/"


def url(*parts) -> str:
    return URL + "".join(f"{part}/" for part in parts)


def test_an_official_prepares_schedules_and_publishes_a_consultation(
    api_as, official, published_version, moment
):
    client = api_as(official)
    start = (moment + dt.timedelta(days=2)).astimezone(WARSAW).date()
    response = client.post(
        URL,
        {
            "act": published_version.act_id,
            "version": published_version.number,
            "title": "Konsultacje programu",
            "starts_at": start.isoformat(),
            "ends_at": (start + dt.timedelta(days=3)).isoformat(),
            "audience": "organisations_and_residents",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["phase"] == "draft"
    assert body["act"]["id"] == published_version.act_id
    assert body["version"] == published_version.number
    assert body["ends_at"].endswith("23:59:59+01:00") or body["ends_at"].endswith("23:59:59+02:00")
    assert api_as(None).get(url(body["id"])).status_code == 404  # a draft is not public

    too_short = client.post(url(body["id"], "schedule"))
    assert too_short.status_code == 400
    assert too_short.json()["code"] == "duration_too_short"
    assert "ends_at" in too_short.json()["extra"]["fields"]

    longer = (start + dt.timedelta(days=10)).isoformat()
    assert client.patch(url(body["id"]), {"ends_at": longer}, format="json").status_code == 200
    scheduled = client.post(url(body["id"], "schedule"))
    assert scheduled.status_code == 200
    assert scheduled.json()["phase"] == "scheduled"
    assert api_as(None).get(url(body["id"])).json()["phase"] == "scheduled"


def test_an_unknown_version_is_refused_with_the_field_named(
    api_as, official, published_version, moment
):
    start = (moment + dt.timedelta(days=10)).astimezone(WARSAW).date()
    response = api_as(official).post(
        URL,
        {
            "act": published_version.act_id,
            "version": 9,
            "title": "X",
            "starts_at": start.isoformat(),
            "ends_at": (start + dt.timedelta(days=19)).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 400
    assert "version" in response.json()["extra"]["fields"]


def test_the_end_is_extended_with_a_reason(api_as, official, consultation):
    later = consultation.ends_at + dt.timedelta(days=5)
    client = api_as(official)

    refused = client.post(
        url(consultation.pk, "extend"), {"ends_at": later.isoformat(), "reason": ""}
    )
    assert refused.status_code == 400
    assert "reason" in refused.json()["extra"]["fields"]

    response = client.post(
        url(consultation.pk, "extend"),
        {"ends_at": later.isoformat(), "reason": "Prośba Rady"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["extensions"][0]["reason"] == "Prośba Rady"
    assert dt.datetime.fromisoformat(response.json()["ends_at"]) == later


def test_meetings_attachments_and_cancelling(api_as, official, consultation):
    client = api_as(official)
    meeting = client.post(
        url(consultation.pk, "meetings"),
        {
            "starts_at": (consultation.ends_at - dt.timedelta(days=2)).isoformat(),
            "place": "Sala 1",
            "notes": "Wstęp wolny",
        },
        format="json",
    )
    assert meeting.status_code == 201, meeting.json()
    attachment = client.post(
        url(consultation.pk, "attachments"),
        {"file": SimpleUploadedFile("opis.txt", b"Opis konsultacji.")},
        format="multipart",
    )
    assert attachment.status_code == 201, attachment.json()
    assert attachment.json()["content_type"] == "text/plain"
    bad = client.post(
        url(consultation.pk, "attachments"),
        {"file": SimpleUploadedFile("opis.pdf", b"\x00\x01binary")},
        format="multipart",
    )
    assert bad.status_code == 400
    assert bad.json()["code"] == "unsupported_file_type"

    detail = client.get(url(consultation.pk)).json()
    assert [m["place"] for m in detail["meetings"]] == ["Sala 1"]
    assert [a["name"] for a in detail["attachments"]] == ["opis.txt"]

    cancelled = client.post(url(consultation.pk, "cancel"), {"reason": "Zmiana planów"})
    assert cancelled.json()["phase"] == "cancelled"
    assert (
        AuditEvent.objects.for_target(consultation).filter(verb="consultation.cancelled").exists()
    )


def test_the_list_filters_by_phase_type_department_topic_and_deadline(
    api_as, official, consultation, department, other_department, moment
):
    closed = factories.ConsultationFactory(
        version__act__department=other_department,
        version__act__act_type="programme",
        starts_at=moment - dt.timedelta(days=20),
        ends_at=moment - dt.timedelta(days=10),
    )
    upcoming = factories.ConsultationFactory(
        version__act__department=department,
        starts_at=moment + dt.timedelta(days=10),
        ends_at=moment + dt.timedelta(days=20),
    )
    topic = factories.TopicFactory(slug="kultura")
    upcoming.version.act.topics.add(topic)
    factories.ConsultationFactory(status="draft", version__act__department=other_department)
    client = api_as(None)

    def ids(**params):
        response = client.get(URL, params)
        assert response.status_code == 200, response.json()
        return [row["id"] for row in response.json()["results"]]

    assert ids() == [upcoming.pk, consultation.pk, closed.pk]
    assert ids(status="open") == [consultation.pk]
    assert ids(status="closed") == [closed.pk]
    assert ids(status="scheduled") == [upcoming.pk]
    assert ids(act_type="programme") == [closed.pk]
    assert ids(department=department.pk) == [upcoming.pk, consultation.pk]
    assert ids(topic="kultura") == [upcoming.pk]
    assert ids(closing_before=moment.isoformat()) == [closed.pk]
    assert ids(closing_after=moment.isoformat(), ordering="ends_at") == [
        consultation.pk,
        upcoming.pk,
    ]
    assert client.get(URL, {"status": "nonsense"}).status_code == 400


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_takes_a_constant_number_of_queries(
    api_as, official, department, moment, django_assert_num_queries, count
):
    topic = factories.TopicFactory(slug="kultura")
    for _ in range(count):
        consultation = factories.ConsultationFactory(version__act__department=department)
        consultation.version.act.topics.add(topic)
        factories.CommentFactory(consultation=consultation)
    client = api_as(None)
    # 1. COUNT, 2. the page with act, department, authority and the comment counts as
    # subqueries, 3. the acts' topics.
    with django_assert_num_queries(3):
        response = client.get(URL)
    assert response.json()["count"] == count
    assert response.json()["results"][0]["comment_count"] == 1


def test_after_the_end_a_consultation_can_no_longer_change(api_as, official, consultation):
    with at(consultation, AFTER):
        response = api_as(official).patch(
            url(consultation.pk), {"description": "Za późno"}, format="json"
        )
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"
    services.consultation_update(consultation=consultation, actor=official, description="Teraz")
