"""Logging in and out, registration with e-mail verification, passwords and the language."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.exceptions import InvalidToken
from accounts.models import User
from core.models import AuditEvent
from tests.accounts.pages.helpers import html_lang, polish
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
REGISTER = reverse("accounts:register")


def _link_in(message) -> str:
    match = re.search(r"https?://\S+", message.body)
    assert match, message.body
    return match.group(0)


# --- Logging in and out -----------------------------------------------------------------


def test_login_page_labels_the_address_field_e_mail(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert '<label class="field-label" for="id_username">Adres e-mail</label>' in response.text
    assert 'autocomplete="current-password"' in response.text


def test_a_resident_logs_in_with_any_spelling_of_the_address(client, resident):
    response = client.post(LOGIN, {"username": " Resident@Example.ORG ", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_a_wrong_password_shows_the_error_summary_and_keeps_the_visitor_out(client, resident):
    response = client.post(LOGIN, {"username": resident.email, "password": "wrong"})
    assert response.status_code == 200
    assert 'role="alert"' in response.text
    assert "_auth_user_id" not in client.session


def test_an_empty_login_form_shows_the_translated_message_at_each_field(client):
    response = client.post(LOGIN, {"username": "", "password": ""})
    assert polish(_("This field is required.")) in response.text
    assert 'aria-describedby="id_username_error"' in response.text
    assert '<a href="#id_username">' in response.text


def test_repeated_failed_logins_are_throttled_and_show_the_lockout_page(client, resident):
    responses = [
        client.post(LOGIN, {"username": resident.email, "password": "wrong"})
        for _attempt in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert [r.status_code for r in responses[:-1]] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert responses[-1].status_code == 429
    assert "accounts/lockout.html" in [t.name for t in responses[-1].templates]
    # Even the right password is refused now.
    response = client.post(LOGIN, {"username": resident.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_logging_out_takes_a_post(client_as, resident):
    client = client_as(resident)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


# --- Registration and e-mail verification -----------------------------------------------


def _registration(**overrides):
    data = {
        "email": "Nowa.Osoba@example.org",
        "full_name": "Nowa Osoba",
        "password": "a-long-and-unusual-passphrase",
        "password_confirmation": "a-long-and-unusual-passphrase",
        "language": "pl",
    }
    return {**data, **overrides}


def test_registration_sends_a_link_that_verifies_the_address(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REGISTER, _registration())
    assert response.status_code == 302
    assert response.url == reverse("accounts:register_done")
    assert client.get(response.url).status_code == 200

    user = User.objects.get(email="nowa.osoba@example.org")
    assert not user.email_verified
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nowa.osoba@example.org"]
    assert message.alternatives  # an HTML part too
    link = _link_in(message)
    assert link.startswith(settings.SITE_URL)

    path = link.removeprefix(settings.SITE_URL)
    # Opening the link (as a mail scanner would, too) shows a button and changes nothing.
    response = client.get(path)
    assert response.status_code == 200
    assert 'method="post"' in response.text
    user.refresh_from_db()
    assert not user.email_verified

    response = client.post(path)
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.email_verified
    assert AuditEvent.objects.filter(verb="user.email_verified").count() == 1

    # The link was used: following it again is harmless but no longer valid.
    assert client.get(path).status_code == 400
    assert client.post(path).status_code == 400


def test_a_broken_verification_link_shows_a_clear_message(client, resident):
    response = client.get(reverse("accounts:verify_email", args=["Mg", "bad-token"]))
    assert response.status_code == 400
    assert polish(InvalidToken.default_message) in response.text
    response = client.get(reverse("accounts:verify_email", args=["!!", "bad-token"]))
    assert response.status_code == 400


def test_different_passwords_are_refused_and_nothing_is_stored(client):
    response = client.post(REGISTER, _registration(password_confirmation="something-else-1"))
    assert response.status_code == 200
    assert polish(_("The two passwords differ. Type the same one twice.")) in response.text
    assert not User.objects.exists()
    assert not mail.outbox


def test_a_weak_password_is_refused_at_the_password_field(client):
    response = client.post(REGISTER, _registration(password="abc", password_confirmation="abc"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["password"]
    expected = MinimumLengthValidator().get_error_message()
    assert polish(expected) in response.text
    assert not User.objects.exists()


def test_a_taken_address_is_answered_as_a_new_one_and_its_owner_is_told(
    client, resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        taken = client.post(REGISTER, _registration(email="RESIDENT@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        new = client.post(REGISTER, _registration(email="someone.new@example.org"))

    assert taken.status_code == new.status_code == 302
    assert taken.url == new.url == reverse("accounts:register_done")
    assert User.objects.count() == 2  # the resident and the new registration only
    notice, verification = mail.outbox
    assert notice.to == ["resident@example.org"]
    assert reverse("accounts:password_reset") in notice.body
    assert verification.to == ["someone.new@example.org"]
    assert not AuditEvent.objects.filter(verb="user.registered", target_id=str(resident.pk))


def test_a_logged_in_user_is_sent_from_registration_to_the_profile(client_as, resident):
    response = client_as(resident).get(REGISTER)
    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")


def test_an_unverified_user_can_ask_for_a_new_link(
    client_as, resident, django_capture_on_commit_callbacks
):
    resident.email_verified_at = None
    resident.save()
    client = client_as(resident)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:verify_email_resend"))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = _link_in(mail.outbox[0])
    assert client.post(link.removeprefix(settings.SITE_URL)).status_code == 200
    resident.refresh_from_db()
    assert resident.email_verified


# --- Passwords --------------------------------------------------------------------------


def test_password_reset_e_mail_leads_to_a_new_password(
    client, resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:password_reset"), {"email": "resident@example.org"}
        )
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [resident.email]
    assert message.alternatives
    link = _link_in(message)
    assert link.startswith(settings.SITE_URL)

    # Django swaps the token for a session marker and redirects to the form.
    response = client.get(link.removeprefix(settings.SITE_URL), follow=True)
    assert response.status_code == 200
    assert response.context["validlink"]
    new_password = "another-long-passphrase-9"
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_complete")
    resident.refresh_from_db()
    assert resident.check_password(new_password)


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert not mail.outbox


def test_password_change_needs_a_login_and_the_old_password(client, client_as, resident):
    url = reverse("accounts:password_change")
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)

    client = client_as(resident)
    assert client.get(url).status_code == 200
    new_password = "another-long-passphrase-9"
    response = client.post(
        url,
        {"old_password": "wrong", "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    response = client.post(
        url,
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.url == reverse("accounts:password_change_done")
    resident.refresh_from_db()
    assert resident.check_password(new_password)


# --- Language ---------------------------------------------------------------------------


def test_polish_is_the_default_and_the_switcher_changes_to_english_and_back(client):
    response = client.get(reverse("home"))
    assert html_lang(response) == "pl"
    assert "Zaloguj się" in response.text

    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("organisations:list")}
    )
    assert response.status_code == 302
    assert response.url == reverse("organisations:list")
    response = client.get(response.url)
    assert html_lang(response) == "en"
    assert "Log in" in response.text
    assert "Zaloguj się" not in response.text

    client.post(reverse("set_language"), {"language": "pl", "next": "/"})
    response = client.get(reverse("home"))
    assert html_lang(response) == "pl"
    assert "Zaloguj się" in response.text


def test_a_user_who_prefers_english_sees_english_after_logging_in(client, resident):
    resident.language = "en"
    resident.save()
    client.force_login(resident)
    assert html_lang(client.get(reverse("home"))) == "en"
