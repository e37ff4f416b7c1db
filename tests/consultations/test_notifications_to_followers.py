"""Followers and e-mail subscribers (``notifications.following``) in the consultations'
events: an opening reaches those who follow its department, one of its topics or its act,
and the confirmed subscribers whose filters match, each once; the reminders, the extension
and the report reach those who follow the consultation."""

import datetime as dt

import pytest
from django.utils import timezone

from consultations import notifications, services
from notifications import following
from notifications.follow_models import Follow, Subscription, SubscriptionFilter
from tests import factories
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import AFTER, at, submitted
from tests.mailbox import addressees, clear, deliver, one_to, sent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rendering(monkeypatch):
    monkeypatch.setattr(
        "consultations.services.consultations.document_queue", lambda **arguments: None
    )


def follows(user, kind, target_id):
    # The row itself: who may follow what is the following part's own test.
    Follow.objects.create(user=user, kind=kind, target_id=target_id)
    return user


def subscribes(email, *, confirmed=True, **filters):
    subscription = Subscription.objects.create(
        email=email, confirmed_at=timezone.now() if confirmed else None
    )
    for kind, target_id in filters.items():
        SubscriptionFilter.objects.create(subscription=subscription, kind=kind, target_id=target_id)
    return subscription


@pytest.fixture
def topic(consultation):
    topic = factories.TopicFactory(name="Seniorzy")
    consultation.version.act.topics.add(topic)
    return topic


@pytest.fixture
def reopened(consultation):
    """A second consultation on the act, opened an hour ago by the clock."""
    return factories.ConsultationFactory(
        version=factories.ActVersionFactory(
            act=consultation.version.act, published_at=timezone.now()
        ),
        title="Konsultacje drugiej wersji",
        starts_at=timezone.now() - dt.timedelta(hours=1),
        ends_at=timezone.now() + dt.timedelta(days=14),
    )


def test_an_opening_reaches_followers_of_its_department_topic_and_act_and_subscribers(
    consultation, topic, reopened, department, other_department
):
    act = consultation.version.act
    follows(factories.UserFactory(email="dept@example.org"), following.DEPARTMENT, department.pk)
    follows(factories.UserFactory(email="topic@example.org"), following.TOPIC, topic.pk)
    follows(factories.UserFactory(email="act@example.org"), following.ACT, act.pk)
    follows(
        factories.UserFactory(email="elsewhere@example.org"),
        following.DEPARTMENT,
        other_department.pk,
    )
    # Following the first consultation is not following the act.
    first = factories.UserFactory(email="first@example.org")
    follows(first, following.CONSULTATION, consultation.pk)
    subscribes("all@example.org")
    subscribes("seniors@example.org", topic=topic.pk)
    subscribes("other-dept@example.org", department=other_department.pk)
    subscribes("waiting@example.org", confirmed=False)
    # Subscribed and following with an account: one mail, as the user.
    follows(factories.UserFactory(email="both@example.org"), following.TOPIC, topic.pk)
    subscribes("both@example.org")
    clear()

    notifications.announce_openings(now=timezone.now())
    notifications.announce_openings(now=timezone.now())

    assert sorted(address for message in sent() for address in message.to) == [
        "act@example.org",
        "all@example.org",
        "both@example.org",
        "dept@example.org",
        "seniors@example.org",
        "topic@example.org",
    ]
    to_subscriber = one_to("seniors@example.org")
    assert to_subscriber.subject == "Nowe konsultacje: Konsultacje drugiej wersji"
    assert "/unsubscribe/" in to_subscriber.extra_headers["List-Unsubscribe"]
    assert to_subscriber.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"/consultations/{reopened.pk}/" in to_subscriber.body


def test_reminders_reach_followers_who_have_not_submitted(
    consultation, ngo, ngo_representative, resident
):
    follows(ngo_representative, following.CONSULTATION, consultation.pk)
    follows(resident, following.CONSULTATION, consultation.pk)
    submitted(consultation, ngo_representative, ngo)
    clear()

    notifications.send_reminders(now=consultation.ends_at - dt.timedelta(days=3))

    assert addressees() == {"resident@example.org"}
    body = one_to("resident@example.org").body
    assert "Obserwujesz te konsultacje" in body


def test_an_extension_and_the_report_reach_the_followers(consultation, official, resident):
    follows(resident, following.CONSULTATION, consultation.pk)
    clear()

    services.consultation_extend(
        consultation=consultation,
        actor=official,
        ends_at=consultation.ends_at + dt.timedelta(days=3),
        reason="Prośba organizacji.",
    )
    assert addressees() == {"resident@example.org"}

    clear()
    consultation.refresh_from_db()
    with at(consultation, AFTER):
        services.report_publish(consultation=consultation, actor=official)
        deliver()
    assert addressees() == {"resident@example.org"}
    assert "Opublikowano sprawozdanie" in one_to("resident@example.org").subject


def test_scheduling_a_consultation_that_starts_today_announces_it_at_once(
    official, published_version, department, resident
):
    follows(resident, following.DEPARTMENT, department.pk)
    today = timezone.localdate()
    draft = services.consultation_create(
        actor=official,
        version=published_version,
        title="Konsultacje od dziś",
        starts_at=today,
        ends_at=today + dt.timedelta(days=30),
    )
    assert sent() == []  # a draft is no news

    services.consultation_schedule(consultation=draft, actor=official)

    assert addressees() == {"resident@example.org"}
    assert one_to("resident@example.org").subject == "Nowe konsultacje: Konsultacje od dziś"
    # The beat finds it announced already.
    clear()
    notifications.announce_openings(now=timezone.now())
    assert sent() == []


def test_scheduling_a_later_start_waits_for_the_beat(
    official, published_version, department, resident
):
    follows(resident, following.DEPARTMENT, department.pk)
    today = timezone.localdate()
    draft = services.consultation_create(
        actor=official,
        version=published_version,
        title="Konsultacje od jutra",
        starts_at=today + dt.timedelta(days=1),
        ends_at=today + dt.timedelta(days=30),
    )
    scheduled = services.consultation_schedule(consultation=draft, actor=official)

    assert sent() == []
    assert notifications.announce_openings(now=scheduled.starts_at + dt.timedelta(minutes=3)) == [
        scheduled.pk
    ]
    assert addressees() == {"resident@example.org"}
