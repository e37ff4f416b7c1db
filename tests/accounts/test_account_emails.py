"""Account e-mails leave through tasks (``accounts.tasks``): never sent inside the request,
sent once however often the message is delivered, retried while the mail server is down."""

from __future__ import annotations

from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse

from accounts import services, tasks
from accounts.models import User
from core.tasks import Task
from tests.tasks import run_as_worker

pytestmark = pytest.mark.django_db

REGISTRATION = {
    "email": "nowa.osoba@example.org",
    "full_name": "Nowa Osoba",
    "password": "a-long-and-unusual-passphrase",
    "password_confirmation": "a-long-and-unusual-passphrase",
    "language": "pl",
}


@pytest.fixture
def smtp_down(monkeypatch):
    attempts = []

    def refuse(self, messages):
        attempts.append(messages)
        raise SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    return attempts


def test_registration_queues_the_verification_e_mail_and_sends_nothing_itself(
    client, worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:register"), REGISTRATION)
    assert response.status_code == 302
    assert mail.outbox == []
    assert worker.names == ["accounts.send_verification_email"]
    user = User.objects.get()
    assert worker.queued[0][1] == (user.pk,)

    worker.run()  # delivered twice
    assert [message.to for message in mail.outbox] == [[user.email]]


def test_with_the_mail_server_down_registration_answers_as_usual(
    client, smtp_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:register"), REGISTRATION)
    assert response.status_code == 302
    assert response.url == reverse("accounts:register_done")
    assert User.objects.filter(email=REGISTRATION["email"]).exists()
    assert len(smtp_down) == 1  # tried once, inline; the failure is logged


def test_with_the_mail_server_down_the_worker_retries_the_e_mail(resident, smtp_down):
    resident.email_verified_at = None
    resident.save()
    with pytest.raises(SMTPServerDisconnected):
        run_as_worker(tasks.send_verification_email, resident.pk, times=1)
    assert len(smtp_down) == Task.max_retries + 1


def test_a_retry_after_the_server_comes_back_sends_the_e_mail_once(resident, monkeypatch):
    resident.email_verified_at = None
    resident.save()
    failures = [SMTPServerDisconnected("down")]
    send = EmailBackend.send_messages

    def flaky(self, messages):
        if failures:
            raise failures.pop()
        return send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    run_as_worker(tasks.send_verification_email, resident.pk)
    assert len(mail.outbox) == 1


def test_a_verified_or_removed_user_is_sent_nothing(resident):
    run_as_worker(tasks.send_verification_email, resident.pk)
    run_as_worker(tasks.send_verification_email, resident.pk + 1000)
    assert mail.outbox == []


def test_asking_for_a_new_link_queues_it_after_commit(
    resident, worker, django_capture_on_commit_callbacks
):
    resident.email_verified_at = None
    resident.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.user_verification_email_request(user=resident)
        assert worker.queued == []
    assert worker.names == ["accounts.send_verification_email"]
    worker.run()
    assert len(mail.outbox) == 1


def test_the_password_reset_e_mail_is_queued_and_sent_in_the_users_language(
    client, resident, worker, django_capture_on_commit_callbacks
):
    resident.language = "en"
    resident.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": resident.email})
    assert response.status_code == 302
    assert mail.outbox == []
    assert worker.names == ["accounts.send_password_reset_email"]

    worker.run()
    [message] = mail.outbox
    assert message.to == [resident.email]
    assert message.subject.startswith("Set a new password")
    assert "/accounts/" in message.body
