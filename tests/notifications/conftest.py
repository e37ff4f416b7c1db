"""Event types registered for the engine's tests (the domain apps register the real ones),
rendered with the generic ``emails/notification/`` templates (``title`` and ``text``)."""

from __future__ import annotations

import pytest

from notifications import registry
from notifications.categories import ACCOUNT, CONSULTATIONS
from notifications.registry import EventType

HAPPENED = EventType(
    name="test.happened",
    category=CONSULTATIONS,
    label="Something happened",
    template="notification",
)
RECEIPT = EventType(
    name="test.receipt",
    category=ACCOUNT,
    label="A receipt",
    template="notification",
    essential=True,
)


@pytest.fixture(autouse=True)
def event_types():
    registry.register(HAPPENED)
    registry.register(RECEIPT)
    return HAPPENED, RECEIPT


@pytest.fixture
def mail_context():
    return {"title": "Konsultacje otwarte", "text": "Zapraszamy do komentowania."}
