"""An address subscribes to new consultations, confirms by the mailed link and
unsubscribes in one click, in a real browser (the first test reads the mails from the test
outbox: the live server runs in this process); subscribers receive a new consultation's
mail, written by the file backend, and unsubscribe by the mail client's RFC 8058 one-click
POST or by the link in its body, after which an opening sends them nothing."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import urllib.request
from email.message import EmailMessage
from pathlib import Path
from typing import cast

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from consultations import services as consultation_services
from notifications import following
from notifications.follow_models import Subscription
from tests import factories
from tests.notifications.following_helpers import LINK, mails_to

pytestmark = pytest.mark.e2e


def link_in(message, kind: str) -> str:
    (found,) = [match.group(0) for match in LINK.finditer(message.body) if match.group(1) == kind]
    return found


def path_of(address: str) -> str:
    return "/" + address.split("/", 3)[3]


def test_a_subscriber_subscribes_confirms_by_the_link_and_unsubscribes_in_one_click(
    page: Page, url
):
    topic = factories.TopicFactory(name="Kultura")
    factories.TopicFactory(name="Sport")

    page.goto(url(reverse("following:subscribe")))
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.get_by_label("Adres e-mail").fill("ala@example.org")
    page.get_by_label("Kultura").check()
    page.get_by_role("button", name="Zapisz się").click()
    expect(page.locator(".panel-success")).to_contain_text("ala@example.org")

    (message,) = mails_to("ala@example.org")
    page.goto(url(path_of(link_in(message, "confirm"))))
    assert not Subscription.objects.get().is_confirmed
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.get_by_role("button", name="Potwierdzam subskrypcję").click()
    expect(page.locator(".panel-success")).to_be_visible()
    (address,) = following.subscribers_for(topic_ids=[topic.pk])
    assert address.email == "ala@example.org"

    page.goto(url(path_of(address.unsubscribe_url)))
    page.get_by_role("button", name="Wypisz się").click()
    expect(page.locator(".panel-success")).to_be_visible()
    assert not Subscription.objects.exists()


def test_a_user_follows_a_department_from_an_act_and_finds_it_in_what_they_follow(
    page: Page, url, log_in, department
):
    user = factories.UserFactory(email="resident@example.org")
    act = factories.LegalActFactory(department=department)
    factories.ActVersionFactory(act=act, published_at=act.created_at)
    log_in(user)

    page.goto(url(reverse("acts:detail", args=[act.pk])))
    page.get_by_role("button", name=f"Obserwuj „{department.name}”").click()
    expect(
        page.get_by_role("button", name=f"Przestań obserwować „{department.name}”")
    ).to_be_visible()

    page.goto(url(reverse("following:list")))
    expect(page.locator("main")).to_contain_text(department.name)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    title = f"{department.name} ({department.authority.name})"
    page.get_by_role("button", name=f"Przestań obserwować „{title}”").click()
    expect(page.locator("main")).to_contain_text("Nic jeszcze nie obserwujesz.")


# --- A new consultation's mail, read from the file backend --------------------------------

SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def mails_in(folder: Path, address: str) -> list[EmailMessage]:
    """The mails the file backend wrote to ``folder`` for ``address``, oldest first."""
    found = []
    for file in sorted(folder.glob("*.log"), key=lambda file: file.stat().st_mtime_ns):
        for raw in file.read_bytes().split(SEPARATOR):
            if raw.strip():
                message = email.message_from_bytes(raw, policy=email.policy.default)
                if address in str(message["To"]):
                    found.append(cast(EmailMessage, message))
    return found


def text_of(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    return body.get_content()


def opens(official, act, title: str):
    """A consultation of ``act`` scheduled by its department's official to start today: it
    opens as it is announced (``consultation_schedule``)."""
    today = timezone.localdate()
    version = factories.ActVersionFactory(act=act, published_at=timezone.now())
    draft = consultation_services.consultation_create(
        actor=official,
        version=version,
        title=title,
        starts_at=today,
        ends_at=today + dt.timedelta(days=30),
    )
    return consultation_services.consultation_schedule(consultation=draft, actor=official)


def one_click(address: str) -> int:
    """A mail client's RFC 8058 one-click POST: no session, no CSRF token."""
    request = urllib.request.Request(
        address,
        data=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


def subscribes_in_the_browser(page: Page, site: str, folder: Path, address: str) -> None:
    """Ask for new consultations on "Kultura" on /subscribe/, then confirm by the link of the
    mail the file backend wrote."""
    page.goto(f"{site}{reverse('following:subscribe')}")
    page.get_by_label("Adres e-mail").fill(address)
    page.get_by_label("Kultura").check()
    page.get_by_role("button", name="Zapisz się").click()
    expect(page.locator(".panel-success")).to_contain_text(address)
    (confirmation,) = mails_in(folder, address)
    (confirm_link,) = links_in(text_of(confirmation), "confirm")
    page.goto(confirm_link)
    page.get_by_role("button", name="Potwierdzam subskrypcję").click()
    expect(page.locator(".panel-success")).to_be_visible()


def links_in(text: str, kind: str) -> list[str]:
    return [match.group(0) for match in LINK.finditer(text) if match.group(1) == kind]


def test_a_subscriber_receives_a_new_consultations_mail_and_unsubscribes_in_one_click(
    page: Page, live_server, settings, tmp_path, official, department
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    settings.SITE_URL = live_server.url  # the mails' links lead to the live server
    topic = factories.TopicFactory(name="Kultura")
    factories.TopicFactory(name="Sport")
    act = factories.LegalActFactory(department=department, title="Program wspierania kultury")
    act.topics.add(topic)
    subscribes_in_the_browser(page, live_server.url, tmp_path, "ala@example.org")
    subscribes_in_the_browser(page, live_server.url, tmp_path, "olek@example.org")

    consultation = opens(official, act, "Konsultacje programu kultury")

    links = {}
    for address in ("ala@example.org", "olek@example.org"):
        _confirmation, opened = mails_in(tmp_path, address)
        assert opened["Subject"] == "Nowe konsultacje: Konsultacje programu kultury"
        body = text_of(opened)
        assert f"{live_server.url}/consultations/{consultation.pk}/" in body
        assert opened["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        header = str(opened["List-Unsubscribe"]).strip("<>")
        assert links_in(body, "unsubscribe") == [header]  # the same link in the body
        links[address] = header

    # Ala's mail client: one POST to the header's address, without a session or a token.
    assert one_click(links["ala@example.org"]) == 200
    assert list(Subscription.objects.values_list("email", flat=True)) == ["olek@example.org"]
    # Olek: the link in the body opens a page whose button ends it.
    page.goto(links["olek@example.org"])
    page.get_by_role("button", name="Wypisz się").click()
    expect(page.locator(".panel-success")).to_be_visible()
    assert not Subscription.objects.exists()

    opens(official, act, "Kolejne konsultacje programu kultury")
    assert len(mails_in(tmp_path, "@")) == 4  # the two confirmations and the two openings
