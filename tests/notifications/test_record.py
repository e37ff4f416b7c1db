from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from notifications import selectors, services
from notifications.categories import CONSULTATIONS
from notifications.models import Channel, Delivery, DeliveryStatus, Event, Mode
from notifications.recipients import Address
from tests import factories

pytestmark = pytest.mark.django_db


def record(recipients, context, key="1", event="test.happened", link="/consultations/1/"):
    return services.record(event=event, key=key, recipients=recipients, context=context, link=link)


def test_an_event_is_mailed_after_commit_to_users_and_addresses(
    django_capture_on_commit_callbacks, mail_context
):
    user = factories.UserFactory(email="ala@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        record([user, Address(email="sub@example.org")], mail_context)
        assert mail.outbox == []  # nothing is sent inside the transaction
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ala@example.org",
        "sub@example.org",
    ]
    assert {row.status for row in selectors.deliveries_of(event="test.happened")} == {
        DeliveryStatus.SENT
    }
    message = mail.outbox[0]
    assert message.subject == "Konsultacje otwarte"
    assert "Zapraszamy do komentowania." in message.body
    assert f"{settings.SITE_URL}/consultations/1/" in message.body


def test_recording_the_same_key_twice_adds_only_missing_recipients(
    django_capture_on_commit_callbacks, mail_context
):
    first, second = factories.UserFactory(), factories.UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        record([first], mail_context)
    with django_capture_on_commit_callbacks(execute=True):
        record([first, second, Address(email="a@example.org")], mail_context)
    with django_capture_on_commit_callbacks(execute=True):
        record([first, second, Address(email="a@example.org")], mail_context)
    assert Event.objects.count() == 1
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [first.email, second.email, "a@example.org"]
    )
    assert Delivery.objects.filter(channel=Channel.INBOX).count() == 2


def test_a_user_listed_twice_or_also_as_an_address_gets_one_mail(
    django_capture_on_commit_callbacks, mail_context
):
    user = factories.UserFactory(email="Ola@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        record([user, user, Address(email="ola@example.org")], mail_context)
    assert [message.to for message in mail.outbox] == [["Ola@example.org"]]


def test_preferences_choose_the_channel_and_essential_events_ignore_them(
    django_capture_on_commit_callbacks, mail_context
):
    at_once = factories.UserFactory()
    digest = factories.UserFactory()
    inbox_only = factories.UserFactory()
    services.preference_set(user=digest, category=CONSULTATIONS, mode=Mode.DIGEST)
    services.preference_set(user=inbox_only, category=CONSULTATIONS, mode=Mode.INBOX_ONLY)
    with django_capture_on_commit_callbacks(execute=True):
        record([at_once, digest, inbox_only], mail_context)
        record([at_once, digest, inbox_only], mail_context, event="test.receipt")
    rows = selectors.deliveries_of(event="test.happened")
    assert sorted((row.user_id, row.channel) for row in rows) == sorted(
        [
            (at_once.pk, Channel.EMAIL),
            (at_once.pk, Channel.INBOX),
            (digest.pk, Channel.DIGEST),
            (digest.pk, Channel.INBOX),
            (inbox_only.pk, Channel.INBOX),
        ]
    )
    receipts = selectors.deliveries_of(event="test.receipt", channel=Channel.EMAIL)
    assert sorted(row.user_id for row in receipts) == sorted([at_once.pk, digest.pk, inbox_only.pk])
    happened = [m for m in mail.outbox if "List-Unsubscribe" in m.extra_headers]
    assert [m.to[0] for m in happened] == [at_once.email]
    assert len(mail.outbox) == 4


def test_the_context_keeps_dates_and_refuses_objects(
    django_capture_on_commit_callbacks, mail_context
):
    user = factories.UserFactory()
    moment = timezone.now().replace(microsecond=0)
    day = moment.date()
    with django_capture_on_commit_callbacks(execute=True):
        event = record([user], {**mail_context, "ends": moment, "days": [day]})
    from notifications.context import decode

    assert decode(Event.objects.get(pk=event.pk).context)["ends"] == moment
    assert decode(Event.objects.get(pk=event.pk).context)["days"] == [day]
    with pytest.raises(TypeError):
        record([user], {"user": user}, key="2")
    assert isinstance(moment, dt.datetime)


def test_an_unknown_event_type_is_refused(mail_context):
    with pytest.raises(LookupError):
        record([], mail_context, event="nobody.registered.this")
