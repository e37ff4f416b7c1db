"""The clocks the consultation services decide by.

A live request checks who may act against the application's clock (``now``), and checks
the deadline again against the database's clock (``database_now``: ``STATEMENT_TIMESTAMP()``
on PostgreSQL) inside the very statement that writes a comment. Every web process then
shares one clock, and a request that passed its checks before the end cannot be stored as
if it came later.

Demo data tells the story of a consultation that has already ended. Inside
``replaying_at(moment)`` both clocks read ``moment``, so the services can be called as they
were at that time. Nothing else uses it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.db.models import DateTimeField, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Now
from django.utils import timezone

_replayed_moment: ContextVar[datetime | None] = ContextVar("replayed_moment", default=None)


def now() -> datetime:
    return _replayed_moment.get() or timezone.now()


def database_now() -> Combinable:
    moment = _replayed_moment.get()
    if moment is not None:
        return Value(moment, output_field=DateTimeField())
    return Now()


@contextmanager
def replaying_at(moment: datetime) -> Iterator[None]:
    token = _replayed_moment.set(moment)
    try:
        yield
    finally:
        _replayed_moment.reset(token)
