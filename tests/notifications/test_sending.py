"""The sending task: one connection per batch, the headers, retries with backoff, failures
with the server's answer, leases, the sweep and the daily digest."""

from __future__ import annotations

import datetime as dt
import email

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from notifications import sending, services, tasks
from notifications.categories import CONSULTATIONS
from notifications.models import Channel, Delivery, DeliveryStatus, Mode
from notifications.recipients import Address
from tests import factories
from tests.notifications import backends
from tests.tasks import run_as_worker

pytestmark = pytest.mark.django_db


def record(recipients, *, event="test.happened", key="1", context=None):
    return services.record(
        event=event,
        key=key,
        recipients=recipients,
        context=context or {"title": "Tytuł", "text": "Treść"},
        link="/consultations/7/",
    )


def emails(event_name="test.happened"):
    return Delivery.objects.filter(event__name=event_name, channel=Channel.EMAIL).order_by("pk")


def test_a_batch_goes_over_one_connection(settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.CountingBackend"
    settings.NOTIFICATIONS_BATCH_SIZE = 10
    backends.CountingBackend.opened = backends.CountingBackend.closed = 0
    event = record([Address(email=f"a{number}@example.org") for number in range(25)])
    run_as_worker(tasks.send_event, event.pk)
    assert len(mail.outbox) == 25  # run twice: the second run finds nothing left
    assert backends.CountingBackend.opened == 3  # 10 + 10 + 5
    assert backends.CountingBackend.closed == 3
    assert set(emails().values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_a_mail_is_multipart_in_the_recipients_language_with_stable_headers(settings):
    english = factories.UserFactory(language="en", email="en@example.org")
    event = record([english, Address(email="sub@example.org", unsubscribe_url="https://x/u/1")])
    run_as_worker(tasks.send_event, event.pk)
    by_address = {message.to[0]: message for message in mail.outbox}
    message = by_address["en@example.org"]
    assert message.alternatives[0][1] == "text/html"
    assert "To stop these e-mails, open:" in message.body  # English, as the user chose
    delivery = emails().get(user=english)
    assert message.extra_headers["Message-ID"] == (
        f"<notification.{event.pk}.{delivery.pk}@{sending.site_domain()}>"
    )
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith(f"<{settings.SITE_URL}/notifications/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    subscriber = by_address["sub@example.org"]
    assert subscriber.extra_headers["List-Unsubscribe"] == "<https://x/u/1>"
    assert "Aby zrezygnować" in subscriber.body or "https://x/u/1" in subscriber.body
    # What goes on the wire: parsed back, the headers are there once, both parts decode.
    wire = email.message_from_bytes(message.message().as_bytes(linesep="\r\n"))
    assert wire["Message-ID"] == message.extra_headers["Message-ID"]
    assert wire.get_all("List-Unsubscribe-Post") == ["List-Unsubscribe=One-Click"]
    assert wire["To"] == "en@example.org"
    assert wire.get_content_type() == "multipart/alternative"
    text, html = wire.get_payload()
    assert text.get_content_type() == "text/plain"
    assert text.get_payload(decode=True).decode() == message.body.replace("\n", "\r\n")
    assert html.get_content_type() == "text/html"
    assert "<a href=" in html.get_payload(decode=True).decode()


def test_the_wire_format_matches_djangos_rendering_of_the_same_message():
    from email.header import decode_header, make_header

    user = factories.UserFactory(email="zofia@example.org")
    long_line = "Źdźbło " * 200  # longer than SMTP allows on one line
    event = record([user], context={"title": "Żółta łąka — „cytat” ąęśćńółźż", "text": long_line})
    delivery = emails().get()
    ours = email.message_from_bytes(
        sending.build_message(delivery).prepare().message().as_bytes(linesep="\r\n")
    )
    django = sending.build_message(delivery).message()
    assert str(make_header(decode_header(ours["Subject"]))) == "Żółta łąka — „cytat” ąęśćńółźż"
    for name in ("From", "To", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post"):
        assert ours[name] == django[name], name
    for mine, theirs in zip(ours.get_payload(), django.get_payload(), strict=True):
        assert mine.get_content_type() == theirs.get_content_type()
        assert mine.get_payload(decode=True).decode().replace("\r\n", "\n") == (
            theirs.get_payload(decode=True).decode().replace("\r\n", "\n")
        )
    assert ours.get_payload()[0]["Content-Transfer-Encoding"] == "quoted-printable"
    assert all(len(line) <= 998 for line in ours.as_bytes().split(b"\n"))
    assert event.pk == delivery.event_id


def test_an_essential_mail_has_no_unsubscribe_header():
    user = factories.UserFactory()
    event = record([user], event="test.receipt")
    run_as_worker(tasks.send_event, event.pk)
    (message,) = mail.outbox
    assert "List-Unsubscribe" not in message.extra_headers
    assert "List-Unsubscribe-Post" not in message.extra_headers
    assert "Message-ID" in message.extra_headers


def test_a_temporary_refusal_is_retried_with_backoff_then_fails_with_the_answer(settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.RefusingBackend"
    backends.RefusingBackend.down = False
    backends.RefusingBackend.answers = {"busy@example.org": backends.temporary("busy@example.org")}
    event = record([Address(email="busy@example.org"), Address(email="ok@example.org")])
    started = timezone.now()
    with time_machine.travel(started, tick=False):
        tasks.send_event(event.pk)
    busy = emails().get(email="busy@example.org")
    assert [m.to[0] for m in mail.outbox] == ["ok@example.org"]
    assert busy.status == DeliveryStatus.QUEUED
    assert busy.attempts == 1
    assert busy.last_error == "450 4.2.1 Mailbox busy, try later"
    assert busy.due_at == started + sending.FIRST_RETRY_AFTER
    waits = []
    moment = started
    for _attempt in range(sending.MAX_ATTEMPTS - 1):
        busy.refresh_from_db()
        waits.append(busy.due_at - moment)
        moment = busy.due_at
        with time_machine.travel(moment, tick=False):
            assert tasks.sweep() == 0
    busy.refresh_from_db()
    assert waits == [sending.retry_after(n) for n in range(1, sending.MAX_ATTEMPTS)]
    assert waits[1] == 2 * waits[0]
    assert busy.status == DeliveryStatus.FAILED
    assert busy.attempts == sending.MAX_ATTEMPTS
    assert busy.last_error == "450 4.2.1 Mailbox busy, try later"
    assert len(mail.outbox) == 1


def test_a_permanent_refusal_fails_at_once():
    from django.test import override_settings

    backends.RefusingBackend.down = False
    backends.RefusingBackend.answers = {"gone@example.org": backends.permanent("gone@example.org")}
    event = record([Address(email="gone@example.org")])
    with override_settings(EMAIL_BACKEND="tests.notifications.backends.RefusingBackend"):
        tasks.send_event(event.pk)
    gone = emails().get()
    assert (gone.status, gone.attempts) == (DeliveryStatus.FAILED, 1)
    assert gone.last_error == "550 5.1.1 No such user"


def test_a_server_that_is_down_leaves_everything_queued_for_the_sweep(settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.RefusingBackend"
    backends.RefusingBackend.answers = {}
    backends.RefusingBackend.down = True
    event = record([Address(email=f"a{n}@example.org") for n in range(3)])
    tasks.send_event(event.pk)
    assert set(emails().values_list("status", flat=True)) == {DeliveryStatus.QUEUED}
    assert "Connection refused" in emails().first().last_error
    backends.RefusingBackend.down = False
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2), tick=False):
        assert tasks.sweep() == 3
    assert len(mail.outbox) == 3


def test_a_leased_delivery_is_not_taken_until_its_lease_runs_out():
    event = record([Address(email="a@example.org")])
    (held,) = sending.claim(channel=Channel.EMAIL, limit=10)
    assert held.status == DeliveryStatus.SENDING
    assert sending.claim(channel=Channel.EMAIL, limit=10) == []
    later = timezone.now() + sending.LEASE + dt.timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        assert tasks.sweep() == 1  # the worker that held it died: the sweep sends it
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    delivery = emails().get()
    assert (delivery.status, delivery.attempts, delivery.lease_until) == (
        DeliveryStatus.SENT,
        2,
        None,
    )
    assert event.pk == delivery.event_id


def test_the_sweep_leaves_fresh_deliveries_to_their_task_and_sends_older_ones(
    django_capture_on_commit_callbacks, worker
):
    with django_capture_on_commit_callbacks(execute=True):
        record([Address(email="a@example.org")])
    assert worker.names == ["notifications.send_event"]  # the message that got lost
    assert tasks.sweep() == 0
    with time_machine.travel(timezone.now() + sending.SWEEP_AFTER, tick=False):
        assert run_as_worker(tasks.sweep) == [1, 0]
    assert len(mail.outbox) == 1


def test_the_digest_sends_one_mail_per_user_and_nothing_when_empty():
    digest, other = factories.UserFactory(), factories.UserFactory()
    for user in (digest, other):
        services.preference_set(user=user, category=CONSULTATIONS, mode=Mode.DIGEST)
    record([digest, other], key="1", context={"title": "Pierwsze", "text": "A"})
    record([digest], key="2", context={"title": "Drugie", "text": "B"})
    assert mail.outbox == []  # the digest waits for the morning
    assert run_as_worker(tasks.send_digests) == [3, 0]
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == sorted([digest.email, other.email])
    assert "Pierwsze" in by_address[digest.email].body
    assert "Drugie" in by_address[digest.email].body
    assert "Drugie" not in by_address[other.email].body
    assert by_address[digest.email].subject == "2 nowe powiadomienia w serwisie Konsultacje"
    assert "List-Unsubscribe" in by_address[digest.email].extra_headers
    mail.outbox.clear()
    assert tasks.send_digests() == 0
    assert mail.outbox == []


def test_the_digest_link_turns_every_digest_category_to_inbox_only(client):
    user = factories.UserFactory()
    services.preference_set(user=user, category=CONSULTATIONS, mode=Mode.DIGEST)
    record([user])
    tasks.send_digests()
    url = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    response = client.post(url.removeprefix("http://127.0.0.1:8000"))
    assert response.status_code == 200
    from notifications import selectors

    assert selectors.preferences_for(user_id=user.pk)[CONSULTATIONS] == Mode.INBOX_ONLY


def test_the_embedded_default_writes_the_mail_to_files(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    event = record(
        [Address(email="plik@example.org")], context={"title": "Żółty alert", "text": "Łąka"}
    )
    tasks.send_event(event.pk)
    (written,) = list(tmp_path.iterdir())
    parsed = email.message_from_bytes(written.read_bytes().split(b"\n" + b"-" * 79)[0])
    assert parsed["To"] == "plik@example.org"
    text, _html = parsed.get_payload()
    assert "Łąka" in text.get_payload(decode=True).decode()
    assert emails().get().status == DeliveryStatus.SENT


def test_an_account_deactivated_after_the_event_gets_no_mail_and_no_digest():
    """Who is told is decided when the event is recorded; an account deactivated before
    the sending (a member removed, a person banned) gets nothing: its deliveries end as
    failed with the reason, and the others are sent."""
    stays, leaves, digest_leaves = (factories.UserFactory() for _ in range(3))
    services.preference_set(user=digest_leaves, category=CONSULTATIONS, mode=Mode.DIGEST)
    event = record([stays, leaves, digest_leaves])
    for user in (leaves, digest_leaves):
        user.is_active = False
        user.save(update_fields=["is_active"])

    run_as_worker(tasks.send_event, event.pk)
    run_as_worker(tasks.send_digests)

    assert [message.to for message in mail.outbox] == [[stays.email]]
    withdrawn = Delivery.objects.filter(user__in=[leaves, digest_leaves]).exclude(
        channel=Channel.INBOX
    )
    assert {(row.status, row.last_error) for row in withdrawn} == {
        (DeliveryStatus.FAILED, sending.ACCOUNT_DEACTIVATED)
    }
    assert withdrawn.count() == 2
