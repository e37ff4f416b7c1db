"""The consultations' beat tasks: what the clock decides is told to people. Each records
its events with keys that make a second run (or two beats at once) add nothing."""

from __future__ import annotations

from django.utils import timezone

from consultations import notifications
from core.tasks import task


@task(name="consultations.announce_openings")
def announce_openings() -> list[int]:
    """Beat: consultations that opened by the clock (their start came) are announced."""
    return notifications.announce_openings(now=timezone.now())


@task(name="consultations.send_reminders")
def send_reminders() -> list[int]:
    """Beat: 3 days before a consultation's last day, and on that day, a reminder."""
    return notifications.send_reminders(now=timezone.now())


@task(name="consultations.announce_closings")
def announce_closings() -> list[int]:
    """Beat: consultations that closed by the clock are announced."""
    return notifications.announce_closings(now=timezone.now())
