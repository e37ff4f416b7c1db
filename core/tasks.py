"""The task convention: how every app's ``tasks.py`` is written.

A task is an interface, like a view: it takes primary keys (and other JSON scalars), loads
what it needs, calls one service, and owns its retries. It is queued after the
transaction that made the work commits, and it is safe to run twice (a broker redelivers
a message whose worker died before acknowledging it):

- ``@task(name=…, retry_for=(SMTPException, …))`` declares a task on ``Task``: retried with
  exponential backoff and jitter on the errors it declares, acknowledged late;
- ``enqueue_on_commit(some_task, pk, …)`` (or ``some_task.delay_on_commit(pk, …)``) queues
  it when the current transaction commits, and never if it rolls back; arguments that are
  not JSON scalars (a model instance, say) are refused at once, in the caller;
- ``claim(queryset, from_status=…, to_status=…)`` lets one worker win a row with a
  conditional ``UPDATE … WHERE status = from_status`` (healthchecks' pattern);
- ``claim_once(key)`` does the same for work with no row of its own (an e-mail): the first
  worker to insert the key does the work, in the transaction that holds the key, so a
  failure releases it for the retry. ``@task(…, once=True)`` does it for the whole task,
  keyed by the task's id, which retries and redeliveries of one message share.

Tests run a task as the worker would with ``tests.tasks`` (arguments through JSON, after
commit, twice). Without ``REDIS_URL`` tasks run inline, when the transaction commits,
and are not retried (there is no worker to wait): a failure is logged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from core.models import TaskReceipt

F = TypeVar("F", bound=Callable[..., Any])

# What a task may be given: what survives JSON unchanged (primary keys, names, flags).
_SCALARS = (str, int, float, bool, type(None))


class Task(DjangoTask):
    """The base of every task of the project (see the module's docstring)."""

    # Acknowledge after the work is done, so a worker that dies mid-task loses nothing.
    acks_late = True
    reject_on_worker_lost = True
    # Retried on the errors a task declares (``autoretry_for``): 5 s, 10 s, 20 s, … up to
    # ten minutes apart, with jitter so that retries after an outage do not arrive together.
    retry_backoff = 5
    retry_backoff_max = 10 * 60
    retry_jitter = True
    max_retries = 8
    # ``once=True``: the body runs at most once per queued message (see ``claim_once``).
    once = False

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        task_id = self.request.id
        if not self.once or task_id is None:  # called directly, not as a queued message
            return super().__call__(*args, **kwargs)
        with transaction.atomic():
            if not claim_once(f"{self.name}:{task_id}"):
                return None
            return super().__call__(*args, **kwargs)

    def apply_async(  # type: ignore[override]
        self, args: Any = None, kwargs: Any = None, **options: Any
    ) -> Any:
        check_arguments(self.name, args or (), kwargs or {})
        return super().apply_async(args, kwargs, **options)

    def delay_on_commit(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        enqueue_on_commit(self, *args, **kwargs)


def task(
    *,
    name: str,
    retry_for: tuple[type[BaseException], ...] = (),
    once: bool = False,
    **options: Any,
) -> Callable[[F], F]:
    """Declare a task on ``Task``: ``@task(name="accounts.send_x", retry_for=(OSError,))``.

    The name is explicit (``<app>.<what it does>``): it is stored in queued messages, so
    moving the function must not change it. ``retry_for`` lists the errors worth a retry
    (a mail server that is down); anything else is a bug and fails at once. ``once=True``
    runs the body inside a transaction that first claims the message's id."""
    return shared_task(base=Task, name=name, autoretry_for=retry_for, once=once, **options)


def check_arguments(name: str, args: Any, kwargs: Any) -> None:
    """Refuse what a worker would not get back unchanged: tasks take primary keys."""
    for value in [*args, *dict(kwargs).values()]:
        if not isinstance(value, _SCALARS) or isinstance(value, Decimal):
            raise TypeError(
                f"Task {name} was given {type(value).__name__}: pass primary keys and other "
                "JSON scalars, and load the rest in the task."
            )


def enqueue_on_commit(task: Any, *args: Any, **kwargs: Any) -> None:
    """Queue ``task(*args, **kwargs)`` when the current transaction commits.

    Robust: the change is already committed, so a broker that cannot be reached (or, when
    tasks run inline, a task that failed all its retries) is logged, not turned into an
    error page for a request that succeeded."""
    check_arguments(task.name, args, kwargs)

    def send() -> None:
        _send(task, args, kwargs)

    send.__qualname__ = f"enqueue_on_commit({task.name})"  # named in the log if it fails
    transaction.on_commit(send, robust=True)


def _send(task: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    # One place through which every queued task leaves; ``tests.tasks`` stands in for it.
    task.apply_async(args, kwargs)


def claim(
    queryset: models.QuerySet[Any],
    *,
    from_status: str,
    to_status: str,
    field: str = "status",
    **changes: Any,
) -> bool:
    """Move the row(s) of ``queryset`` from ``from_status`` to ``to_status`` (setting
    ``changes`` too) in one conditional UPDATE, and say whether this worker did it.

    Two workers racing for the same row both run the statement; the database serialises
    them, and the second finds the status changed and updates nothing. Filter the queryset
    down to the one row to claim (``Model.objects.filter(pk=pk)``)."""
    updated = queryset.filter(**{field: from_status}).update(**{field: to_status}, **changes)
    return updated > 0


def claim_once(key: str) -> bool:
    """Claim a unit of work that has no row of its own, such as one e-mail: ``True`` for
    the first caller with this key, ``False`` for every later one.

    Call it inside ``transaction.atomic()`` together with the work: the key is stored in
    that transaction, so if the work fails the key goes with it and the retry may claim it
    again; a concurrent duplicate waits on the key's unique index and then gets ``False``."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("claim_once() must be called inside the work's transaction.")
    try:
        with transaction.atomic():
            TaskReceipt.objects.create(key=key)
    except IntegrityError:
        return False
    return True


RECEIPTS_KEPT_FOR = dt.timedelta(days=30)


@task(name="core.forget_task_receipts")
def forget_task_receipts() -> int:
    """Delete receipts older than any message could be redelivered (beat, daily)."""
    deleted, _by_model = TaskReceipt.objects.filter(
        created_at__lt=timezone.now() - RECEIPTS_KEPT_FOR
    ).delete()
    return deleted


@task(name="core.ping")
def ping() -> str:
    """Proves the wiring between web, broker and worker: returns ``pong``."""
    return "pong"


__all__ = [
    "Task",
    "check_arguments",
    "claim",
    "claim_once",
    "enqueue_on_commit",
    "forget_task_receipts",
    "ping",
    "task",
]
