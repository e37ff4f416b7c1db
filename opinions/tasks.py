"""The council's beat task: the reminder before a circulation vote's deadline, recorded
with a key that makes a second run add nothing."""

from __future__ import annotations

from django.utils import timezone

from core.tasks import task
from opinions import notifications


@task(name="opinions.remind_before_deadlines")
def remind_before_deadlines() -> list[int]:
    """Beat: members who have not voted hear 24 hours before a circulation deadline."""
    return notifications.remind_before_deadlines(now=timezone.now())
