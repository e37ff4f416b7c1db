"""Asking for a password reset and registering answer the same whether an address has an
account; reset e-mails are limited per address and per client (in the database), and so
are the notices to an address someone tried to register with again."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import User
from tests import factories

pytestmark = pytest.mark.django_db

RESET = reverse("accounts:password_reset")
REGISTER = reverse("accounts:register")


@pytest.fixture
def post(client, worker, django_capture_on_commit_callbacks):
    """``post(url, data, client_ip=…)``: the page's answer; what it queued is recorded for
    ``worker.run()``."""

    def send(url, data, *, client_ip="192.0.2.1"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, REMOTE_ADDR=client_ip)

    return send


def registration(email: str, **overrides) -> dict[str, str]:
    return {
        "email": email,
        "full_name": "Nowa Osoba",
        "password": "a-long-and-unusual-passphrase",
        "password_confirmation": "a-long-and-unusual-passphrase",
        "language": "pl",
        **overrides,
    }


# --- Password reset ---------------------------------------------------------------------------


def test_a_known_and_an_unknown_address_get_the_same_answer(client, post, resident, worker):
    known = post(RESET, {"email": resident.email})
    unknown = post(RESET, {"email": "nobody@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == reverse("accounts:password_reset_done")
    worker.run()
    assert [message.to for message in mail.outbox] == [[resident.email]]


def test_at_most_three_reset_e_mails_an_hour_per_address_and_the_answer_stays_the_same(
    post, resident, worker, caplog
):
    start = timezone.now()
    answers = []
    with caplog.at_level(logging.WARNING, logger="accounts.services.users"):
        for attempt in range(5):
            with time_machine.travel(start + dt.timedelta(minutes=attempt), tick=False):
                # From different clients, so only the limit per address is reached.
                answers.append(
                    post(RESET, {"email": resident.email}, client_ip=f"192.0.2.{attempt}")
                )
    worker.run()

    assert {(answer.status_code, answer.url) for answer in answers} == {
        (302, reverse("accounts:password_reset_done"))
    }
    assert len(mail.outbox) == 3
    assert "over the limit per address" in caplog.text
    assert resident.email not in caplog.text  # a digest is logged, not the address

    # Refused attempts count too: the window reopens an hour after the last of them.
    with time_machine.travel(start + dt.timedelta(hours=1, minutes=5), tick=False):
        post(RESET, {"email": resident.email})
    worker.run()
    assert len(mail.outbox) == 4


def test_at_most_ten_reset_requests_an_hour_per_client(post, worker, caplog):
    people = [factories.UserFactory(email=f"person{number}@example.org") for number in range(12)]

    with caplog.at_level(logging.WARNING, logger="accounts.services.users"):
        for person in people[:11]:
            post(RESET, {"email": person.email}, client_ip="198.51.100.7")
        post(RESET, {"email": people[11].email}, client_ip="198.51.100.8")
    worker.run()

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [person.email for person in people[:10]] + [people[11].email]
    )
    assert "over the limit per client" in caplog.text


def test_unknown_addresses_count_against_the_client_too(post, resident, worker):
    for number in range(10):
        post(RESET, {"email": f"nobody{number}@example.org"})
    post(RESET, {"email": resident.email})
    worker.run()

    assert mail.outbox == []


# --- Registration -----------------------------------------------------------------------------


def test_registering_a_taken_address_answers_as_a_new_one_and_tells_its_owner(
    client, post, resident, worker
):
    taken = post(REGISTER, registration("Resident@Example.org"))
    new = post(REGISTER, registration("nowa.osoba@example.org"))

    assert taken.status_code == new.status_code == 302
    assert taken.url == new.url == reverse("accounts:register_done")
    assert worker.names == [
        "accounts.send_existing_account_notice",
        "accounts.send_verification_email",
    ]
    worker.run()  # each delivered twice, each sent once
    notice, verification = mail.outbox
    assert notice.to == [resident.email]
    assert "Ktoś próbował" in notice.subject
    assert f"{reverse('accounts:password_reset')}" in notice.body
    assert verification.to == ["nowa.osoba@example.org"]
    resident.refresh_from_db()
    assert resident.full_name == "Ewa Mieszkanka"  # the account is untouched
    assert User.objects.count() == 2


def test_a_weak_password_is_refused_alike_for_a_taken_and_a_new_address(post, resident):
    weak = {"password": "123", "password_confirmation": "123"}

    taken = post(REGISTER, registration(resident.email, **weak))
    new = post(REGISTER, registration("nowa.osoba@example.org", **weak))

    assert taken.status_code == new.status_code == 200
    assert taken.context["form"].errors == new.context["form"].errors
    assert "email" not in taken.context["form"].errors


def test_notices_to_a_taken_address_are_limited_to_three_an_hour(
    resident, worker, django_capture_on_commit_callbacks
):
    for _attempt in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            created = services.user_register(
                email=resident.email, full_name="Ktoś", password="a-long-and-unusual-passphrase"
            )
        assert created is None

    assert worker.names == ["accounts.send_existing_account_notice"] * 3
