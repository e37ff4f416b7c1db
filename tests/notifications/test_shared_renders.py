"""One event to many: its mail is rendered once per language and kind of recipient and
reused, with each recipient's unsubscribe address put in; each mail is the one its own
rendering gives. A template that reads the recipient, or changes the address, is rendered
for every recipient."""

from __future__ import annotations

import copy

import pytest
from django.conf import settings as django_settings
from django.core import mail

from notifications import registry, sending, services, tasks
from notifications.categories import CONSULTATIONS
from notifications.models import Channel, Delivery
from notifications.recipients import Address
from notifications.registry import EventType
from tests import factories
from tests.tasks import run_as_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """How many times the three templates are rendered."""
    calls = []
    render = sending._render_parts

    def counted(folder, language, context):
        calls.append((folder, language))
        return render(folder, language, context)

    monkeypatch.setattr(sending, "_render_parts", counted)
    return calls


def send(recipients, *, event="test.happened", context=None):
    recorded = services.record(
        event=event,
        key="1",
        recipients=recipients,
        context=context or {"title": "Konsultacje „Budżet”", "text": "Zapraszamy & dziękujemy."},
        link="/consultations/7/",
    )
    run_as_worker(tasks.send_event, recorded.pk)
    deliveries = Delivery.objects.filter(event=recorded, channel=Channel.EMAIL)
    return {delivery.pk: delivery for delivery in deliveries.select_related("event", "user")}


def as_sent(message):
    [(html, _kind)] = message.alternatives
    return message.subject, message.body, html, message.to, message.extra_headers


def as_rendered_alone(delivery):
    return as_sent(sending.build_message(delivery))


def sent_by_delivery(deliveries):
    by_id = {
        message.extra_headers["Message-ID"].split(".")[2].split("@")[0]: message
        for message in mail.outbox
    }
    return {pk: by_id[str(pk)] for pk in deliveries}


def test_one_render_serves_every_subscriber_each_with_their_own_address(renders):
    recipients = [
        Address(
            email=f"s{number}@example.org", unsubscribe_url=f"https://x.test/u/{number}/?a=1&b=2"
        )
        for number in range(30)
    ]
    deliveries = send(recipients)

    assert len(renders) == 2  # the shared rendering and the first recipient's own, to compare
    for pk, message in sent_by_delivery(deliveries).items():
        assert as_sent(message) == as_rendered_alone(deliveries[pk])
    first = mail.outbox[0]
    assert "&amp;b=2" in first.alternatives[0][0]  # escaped in HTML, as the template does
    assert "?a=1&b=2" in first.body


def test_each_language_and_kind_of_recipient_is_rendered_once(renders):
    users = [factories.UserFactory(language=language) for language in ["pl", "pl", "en", "en"]]
    addresses = [Address(email=f"s{number}@example.org", language="en") for number in range(3)]
    deliveries = send([*users, *addresses])

    assert len(renders) == 2 * 3  # accounts in Polish, in English; addresses in English
    for pk, message in sent_by_delivery(deliveries).items():
        assert as_sent(message) == as_rendered_alone(deliveries[pk])


@pytest.fixture
def own_templates(settings):
    """Templates of a test event that read the recipient's name, or filter the address."""
    templates = {
        "emails/personal/subject.txt": "Dla {{ recipient.full_name }}",
        "emails/personal/body.txt": "Dzień dobry {{ recipient.full_name }}. {{ unsubscribe_url }}",
        "emails/personal/body.html": "<p>{{ recipient.full_name }}</p>",
        "emails/filtered/subject.txt": "Wiadomość",
        "emails/filtered/body.txt": "{{ unsubscribe_url|urlencode }}",
        "emails/filtered/body.html": "<p>{{ unsubscribe_url|truncatechars:20 }}</p>",
        "emails/compared/subject.txt": (
            "{% if recipient.pk == author_id %}Twoja{% else %}Czyjaś{% endif %} uwaga"
        ),
        "emails/compared/body.txt": "Odpowiedź.",
        "emails/compared/body.html": "<p>Odpowiedź.</p>",
        "emails/linked/subject.txt": "Wiadomość",
        "emails/linked/body.txt": "{% url 'consultations:detail' recipient.pk %}",
        "emails/linked/body.html": "<p>Wiadomość</p>",
    }
    configured = copy.deepcopy(django_settings.TEMPLATES)
    configured[0]["APP_DIRS"] = False
    configured[0]["OPTIONS"]["loaders"] = [
        ("django.template.loaders.locmem.Loader", templates),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    settings.TEMPLATES = configured
    for name in ["personal", "filtered", "compared", "linked"]:
        registry.register(
            EventType(name=f"test.{name}", category=CONSULTATIONS, label=name, template=name)
        )


def test_a_template_that_reads_the_recipient_is_rendered_for_each(own_templates, renders):
    users = [factories.UserFactory(full_name=f"Imię Nazwisko{number}") for number in range(4)]
    deliveries = send(users, event="test.personal")

    assert len(renders) == 2 + 3  # tried once, found personal; then the three others alone
    for pk, message in sent_by_delivery(deliveries).items():
        assert as_sent(message) == as_rendered_alone(deliveries[pk])
        assert deliveries[pk].user.full_name in message.subject


def test_a_template_that_changes_the_address_is_rendered_for_each(own_templates, renders):
    recipients = [
        Address(email=f"s{number}@example.org", unsubscribe_url=f"https://x.test/u/{number}/")
        for number in range(4)
    ]
    deliveries = send(recipients, event="test.filtered")

    assert len(renders) == 2 + 3
    for pk, message in sent_by_delivery(deliveries).items():
        assert as_sent(message) == as_rendered_alone(deliveries[pk])
    assert {message.body for message in mail.outbox} == {
        f"https%3A//x.test/u/{number}/" for number in range(4)
    }


def test_a_template_that_compares_the_key_is_rendered_for_each(own_templates, renders):
    # Only whether the recipient has an account may be shared: the first recipient is not
    # the author, and the author, later in the batch, must still read "Twoja".
    users = [factories.UserFactory() for _number in range(4)]
    author = users[2]
    deliveries = send(users, event="test.compared", context={"author_id": author.pk})

    assert len(renders) == 2 + 3
    subjects = {
        deliveries[pk].user_id: message.subject
        for pk, message in sent_by_delivery(deliveries).items()
    }
    assert subjects == {
        user.pk: "Twoja uwaga" if user == author else "Czyjaś uwaga" for user in users
    }


def test_a_template_the_stand_in_cannot_render_is_rendered_for_each(own_templates, renders):
    # A link built from the key fails for the stand-in; every recipient still gets a mail.
    users = [factories.UserFactory() for _number in range(3)]
    deliveries = send(users, event="test.linked")

    assert len(renders) == 2 + 2  # the stand-in's try (it failed), the first own; then two
    assert {message.body for message in mail.outbox} == {
        f"/consultations/{user.pk}/" for user in users
    }
    assert set(Delivery.objects.filter(pk__in=deliveries).values_list("status", flat=True)) == {
        "sent"
    }
