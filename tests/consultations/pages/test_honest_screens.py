"""Screens say only what happens: no notifications are sent yet, so neither the receipt
nor an extension nor the published report promises an e-mail or that anyone "is told"."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from consultations import services
from consultations.models import Disposition
from core.dates import WARSAW
from tests.consultations.pages.conftest import messages_of
from tests.consultations.scenes import AFTER, at

pytestmark = pytest.mark.django_db

# What a Polish page would say if it promised a message that is never sent.
PROMISE = re.compile(
    r"wysłan\w* e-mail|e-mailem|powiadom|poinformowan|zawiadom|wyślemy", re.IGNORECASE
)


def _promises(text: str) -> list[str]:
    return PROMISE.findall(text)


def test_the_receipt_promises_no_e_mail(login, scene, ngo, ngo_representative):
    client = login(ngo_representative)
    response = client.post(
        reverse("consultations:comment_create", args=[scene.consultation.pk]),
        {
            "organisation": str(ngo.pk),
            "proposed_wording": "Uchwała wchodzi w życie po 14 dniach.",
            "justification": "Potrzebny jest czas na przygotowanie.",
            "action": "submit",
        },
    )

    receipt = client.get(response["Location"])

    assert "Zachowaj numer potwierdzenia" in receipt.text
    assert _promises(receipt.text) == []


def test_an_extension_promises_no_notification(login, consultation, official):
    client = login(official)
    url = reverse("consultations:extend", args=[consultation.pk])
    new_end = (consultation.ends_at.astimezone(WARSAW) + dt.timedelta(days=5)).date()

    form = client.get(url)
    done = client.post(
        url, {"end_date": new_end.isoformat(), "reason": "Prośba organizacji."}, follow=True
    )

    assert _promises(form.text) == []
    assert _promises(" ".join(messages_of(done))) == []
    assert "Strona konsultacji podaje nowy termin" in " ".join(messages_of(done))


def test_publishing_the_report_promises_no_notification(login, scene, official):
    client = login(official)
    url = reverse("consultations:publish_report", args=[scene.consultation.pk])
    with at(scene.consultation, AFTER):
        for comment in (scene.submitted, scene.resident_comment):
            services.answer_give(
                comment=comment,
                actor=official,
                disposition=Disposition.ACCEPTED,
                justification="Tak.",
            )
        confirmation = client.get(url)
        done = client.post(url, follow=True)

    assert "dane otwarte" in confirmation.text
    assert _promises(confirmation.text) == []
    assert messages_of(done)
    assert _promises(" ".join(messages_of(done))) == []
