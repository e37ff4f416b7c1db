"""The notifications' tasks, on the default ``celery`` queue (never ``documents``). Safe
to run twice: every delivery is claimed with a lease before it is sent
(``notifications.sending``), so the tasks need no ``once``."""

from __future__ import annotations

from core.tasks import task
from notifications import sending


@task(name="notifications.send_event")
def send_event(event_id: int) -> int:
    """Queued when an event is recorded: send its e-mails. Returns how many were sent."""
    return len(sending.deliveries_send(event_id=event_id).sent)


@task(name="notifications.sweep")
def sweep() -> int:
    """Beat, every minute: send what a lost message, a dead broker or a dead worker left
    behind (queued for over a minute, or leased and the lease ran out), and retries due."""
    return len(sending.deliveries_send(sweep=True).sent)


@task(name="notifications.send_due")
def sweep_now() -> int:
    """Send every due delivery now, however fresh (an administrator queued them again)."""
    return len(sending.deliveries_send().sent)


@task(name="notifications.send_digests")
def send_digests() -> int:
    """Beat, daily at 7:00 Warsaw time: one mail per user with their digest deliveries."""
    return len(sending.digests_send().sent)
