"""Consultation scenes shared by the consultation, comment, answer and report tests.

Import the fixtures with ``from tests.consultations.scenes import *``.

Deadlines are checked against the database clock, which time-machine cannot move. So the
scenes are placed around the real present: the consultation opened a day ago and ends in
a week; ``at(phase)`` freezes the application clock before, during or after it. Writes that
the application clock already refuses never reach the database clock; those it allows
happen while the database clock, too, says the consultation is open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import time_machine
from django.utils import timezone

from consultations import services
from consultations.models import Audience, Consultation
from consultations.services import clock

__all__ = [
    "at",
    "comment_on",
    "consultation",
    "moment",
    "phase_moment",
    "provisions",
    "submitted",
]

BEFORE, OPEN, AFTER, REPORT_PUBLISHED = "before", "open", "after", "report_published"
PHASES = [BEFORE, OPEN, AFTER, REPORT_PUBLISHED]


@pytest.fixture
def moment() -> dt.datetime:
    """The present, to the second."""
    return timezone.now().replace(microsecond=0)


@pytest.fixture
def consultation(official, published_version, moment) -> Consultation:
    """Open since yesterday until a week from now, for organisations and residents, with
    comments public at once."""
    with clock.replaying_at(moment - dt.timedelta(days=1)):  # prepared and scheduled then
        created = services.consultation_create(
            actor=official,
            version=published_version,
            title="Konsultacje programu współpracy",
            description="Zapraszamy organizacje i mieszkańców.",
            starts_at=moment - dt.timedelta(days=1),
            ends_at=moment + dt.timedelta(days=7),
            audience=Audience.ORGANISATIONS_AND_RESIDENTS,
        )
        return services.consultation_schedule(consultation=created, actor=official)


@pytest.fixture
def provisions(published_version):
    return list(published_version.provisions.order_by("order"))


def phase_moment(consultation: Consultation, phase: str) -> dt.datetime:
    if phase == BEFORE:
        return consultation.starts_at - dt.timedelta(hours=1)
    if phase == OPEN:
        return timezone.now()
    return consultation.ends_at + dt.timedelta(hours=1)


@contextmanager
def at(consultation: Consultation, phase: str) -> Iterator[dt.datetime]:
    """Freeze the application clock in a phase of the consultation."""
    when = phase_moment(consultation, phase)
    with time_machine.travel(when, tick=False):
        yield when


def comment_on(consultation, author, *, organisation=None, provision=None, **fields):
    return services.comment_create(
        consultation=consultation,
        actor=author,
        organisation=organisation,
        provision=provision,
        proposed_wording=fields.pop("proposed_wording", "Nowe brzmienie."),
        justification=fields.pop("justification", "Bo tak będzie lepiej."),
        **fields,
    )


def submitted(consultation, representative, organisation, provision=None, **fields):
    return comment_on(
        consultation,
        representative,
        organisation=organisation,
        provision=provision,
        submit=True,
        **fields,
    )
