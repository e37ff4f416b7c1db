"""E-mail verification: the link only opens a page, the button verifies; an unconfirmed
address may not register an organisation or ask to join one (comments:
``tests/consultations/pages/test_unverified_comments.py``); resending is limited; accounts
made by administrators and the demo's are confirmed."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts import permissions, services
from accounts.admin import UserCreationForm
from accounts.exceptions import EmailNotVerified, TooManyRequests
from accounts.models import Membership, Organisation, User
from accounts.tokens import email_verification_token
from core.models import AuditEvent
from tests.accounts.pages.helpers import polish

pytestmark = pytest.mark.django_db

ORGANISATIONS = reverse("api-organisation-list")


@pytest.fixture
def unverified(resident):
    resident.email_verified_at = None
    resident.save(update_fields=["email_verified_at"])
    return resident


def link_for(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_verification_token.make_token(user)
    return reverse("accounts:verify_email", kwargs={"uidb64": uid, "token": token})


def organisation_data(**overrides):
    return {"name": "Stowarzyszenie Nowe", "legal_form": "association", **overrides}


# --- The link -------------------------------------------------------------------------------


def test_opening_the_link_with_get_or_head_changes_nothing(client, unverified):
    link = link_for(unverified)

    page = client.get(link)
    head = client.head(link)

    assert page.status_code == head.status_code == 200
    assert 'method="post"' in page.text
    assert unverified.email in page.text
    unverified.refresh_from_db()
    assert unverified.email_verified_at is None
    assert not AuditEvent.objects.filter(verb="user.email_verified").exists()


def test_the_button_verifies_and_the_link_then_stops_working(client, unverified):
    link = link_for(unverified)

    response = client.post(link)

    assert response.status_code == 200
    unverified.refresh_from_db()
    assert unverified.email_verified_at is not None
    assert client.get(link).status_code == 400


def test_a_post_with_a_bad_token_verifies_nothing(client, unverified):
    uid = urlsafe_base64_encode(force_bytes(unverified.pk))

    response = client.post(reverse("accounts:verify_email", args=[uid, "bad-token"]))

    assert response.status_code == 400
    unverified.refresh_from_db()
    assert unverified.email_verified_at is None


# --- What an unconfirmed address may not do ------------------------------------------------


def test_the_rule_is_one_predicate(unverified, ngo_member, anonymous):
    assert not permissions.has_verified_email(unverified)
    assert permissions.has_verified_email(ngo_member)
    assert not permissions.has_verified_email(anonymous)
    with pytest.raises(EmailNotVerified):
        permissions.require_verified_email(unverified)


def test_an_unverified_user_cannot_register_an_organisation(unverified):
    with pytest.raises(EmailNotVerified):
        services.organisation_register(actor=unverified, **organisation_data())
    assert not Organisation.objects.exists()


def test_an_unverified_user_cannot_register_an_organisation_by_api(api_as, unverified):
    response = api_as(unverified).post(ORGANISATIONS, organisation_data(), format="json")

    assert response.status_code == 403
    assert response.json()["code"] == "email_not_verified"
    assert response.json()["message"] == polish(EmailNotVerified.default_message)
    assert not Organisation.objects.exists()


def test_an_unverified_user_registering_an_organisation_on_the_page_is_told_what_to_do(
    client_as, unverified
):
    response = client_as(unverified).post(
        reverse("organisations:register"), organisation_data(krs="", nip="", regon="")
    )

    assert response.status_code == 200
    assert polish(EmailNotVerified.default_message) in response.text
    assert not Organisation.objects.exists()


def test_an_unverified_user_cannot_ask_to_join(unverified, ngo):
    with pytest.raises(EmailNotVerified):
        services.membership_request(organisation=ngo, actor=unverified)
    assert not Membership.objects.filter(user=unverified).exists()


def test_an_unverified_user_cannot_ask_to_join_by_api(api_as, unverified, ngo):
    response = api_as(unverified).post(
        reverse("api-organisation-members", args=[ngo.pk]), {}, format="json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "email_not_verified"
    assert not Membership.objects.filter(user=unverified).exists()


def test_an_unverified_user_asking_to_join_on_the_page_is_told_what_to_do(
    client_as, unverified, ngo
):
    response = client_as(unverified).post(
        reverse("organisations:join", args=[ngo.pk]), {"message": "Chętnie"}, follow=True
    )

    assert polish(EmailNotVerified.default_message) in response.text
    assert not Membership.objects.filter(user=unverified).exists()


def test_once_verified_the_same_user_may_ask_to_join(client, unverified, ngo):
    client.post(link_for(unverified))
    unverified.refresh_from_db()

    membership = services.membership_request(organisation=ngo, actor=unverified)

    assert membership.user == unverified


# --- Sending the link again -----------------------------------------------------------------


def test_a_new_link_at_most_once_a_minute_and_five_times_a_day(
    unverified, worker, django_capture_on_commit_callbacks
):
    start = timezone.now()

    def ask(at):
        with time_machine.travel(at, tick=False), django_capture_on_commit_callbacks(execute=True):
            services.user_verification_email_request(user=unverified)

    ask(start)
    with pytest.raises(TooManyRequests):
        ask(start + dt.timedelta(seconds=30))
    for minute in range(2, 6):
        ask(start + dt.timedelta(minutes=minute))
    with pytest.raises(TooManyRequests):
        ask(start + dt.timedelta(minutes=10))
    ask(start + dt.timedelta(days=1, minutes=1))

    worker.run()
    assert len(mail.outbox) == 6


def test_the_resend_button_says_when_it_is_too_soon(
    client_as, unverified, django_capture_on_commit_callbacks
):
    client = client_as(unverified)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:verify_email_resend"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:verify_email_resend"), follow=True)

    assert len(mail.outbox) == 1
    assert "Przed chwilą wysłaliśmy Ci link" in response.text


# --- Accounts that start confirmed ------------------------------------------------------------


def test_an_account_made_by_an_administrator_is_confirmed_at_once():
    form = UserCreationForm(
        data={
            "email": "urzednik@example.org",
            "full_name": "Nowy Urzędnik",
            "language": "pl",
            "usable_password": "true",
            "password1": "a-long-and-unusual-passphrase",
            "password2": "a-long-and-unusual-passphrase",
        }
    )
    assert form.is_valid(), form.errors

    user = form.save()

    assert User.objects.get(pk=user.pk).email_verified_at is not None


def test_every_demo_account_is_confirmed():
    call_command("seed_demo", stdout=StringIO())

    assert User.objects.exists()
    assert not User.objects.filter(email_verified_at__isnull=True).exists()
