"""Screens and mails agree: the receipt, an extension and the published report are now
told by e-mail (``consultations.notifications``), so the actions these screens take send
those mails, to those concerned; the screens themselves still promise nothing more."""

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
from tests.mailbox import addressees, deliver, one_to, sent

pytestmark = pytest.mark.django_db

# What a Polish message would say if it promised more than the mails do.
PROMISE = re.compile(r"wyślemy|zawiadom", re.IGNORECASE)


def _promises(text: str) -> list[str]:
    return PROMISE.findall(text)


def test_the_receipt_is_mailed_to_the_organisations_representatives(
    login, scene, ngo, ngo_representative
):
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
    # The newest receipt mailed is this one: its number is the one on the screen.
    mailed = sent("Potwierdzenie")[-1]
    assert mailed.to == ["ngo.rep@example.org"]
    number = mailed.subject.split(":")[0].removeprefix("Potwierdzenie ")
    assert number in receipt.text


def test_an_extension_is_mailed_to_those_taking_part(login, scene, official):
    consultation = scene.consultation
    client = login(official)
    url = reverse("consultations:extend", args=[consultation.pk])
    new_end = (consultation.ends_at.astimezone(WARSAW) + dt.timedelta(days=5)).date()

    form = client.get(url)
    done = client.post(
        url, {"end_date": new_end.isoformat(), "reason": "Prośba organizacji."}, follow=True
    )

    assert _promises(" ".join(messages_of(done))) == []
    assert "Strona konsultacji podaje nowy termin" in " ".join(messages_of(done))
    assert "Prośba organizacji." in one_to("ngo.member@example.org", "przedłużone").body
    assert form.status_code == 200


def test_publishing_the_report_is_mailed_to_those_who_commented(login, scene, official):
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
        deliver()  # sent at once, while the clock still says when it was published

    assert "dane otwarte" in confirmation.text
    assert messages_of(done)
    assert _promises(" ".join(messages_of(done))) == []
    assert "resident@example.org" in addressees("Opublikowano sprawozdanie")
