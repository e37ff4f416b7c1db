"""The clocks the consultation services decide by.

A live request checks who may act against the application's clock (``now``), and checks
the deadline again against the database's clock (``database_now``: ``STATEMENT_TIMESTAMP()``
on PostgreSQL) inside the very statement that writes a comment. Every web process then
shares one clock, and a request that passed its checks before the end cannot be stored as
if it came later.

Deadlines are decided to the second: a comment is on time when its moment, truncated to
the second, is not after ``ends_at``, so an end of 23:59:59 takes a comment stamped
23:59:59.999 and refuses one at 00:00:00.000 of the next day. ``database_second`` is the
database's clock so truncated, for the comparisons (``Consultation.phase_at`` truncates
the application's clock the same way); ``database_now`` stamps the rows.

Demo data tells the story of a consultation that has already ended. Inside
``replaying_at(moment)`` both clocks read ``moment``, so the services can be called as they
were at that time. Nothing else uses it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from django.db.models import DateTimeField, Func, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Now, TruncSecond
from django.utils import timezone

_replayed_moment: ContextVar[datetime | None] = ContextVar("replayed_moment", default=None)


def now() -> datetime:
    return _replayed_moment.get() or timezone.now()


def database_now() -> Combinable:
    moment = _replayed_moment.get()
    if moment is not None:
        return Value(moment, output_field=DateTimeField())
    return Now()


class _DatabaseSecond(Func):
    """The database's clock truncated to the second, as a moment (with its time zone)."""

    output_field = DateTimeField()

    def __init__(self) -> None:
        super().__init__(Now())

    def as_sql(
        self,
        compiler: Any,
        connection: Any,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra: Any,
    ) -> Any:
        if template is not None:  # a vendor's own template, below
            return super().as_sql(compiler, connection, function, template, arg_joiner, **extra)
        # Elsewhere Django's Trunc, in UTC (the connection's zone when USE_TZ is on).
        return compiler.compile(TruncSecond(Now(), tzinfo=UTC))

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # DATE_TRUNC of a timestamptz keeps it a timestamptz: no time zone conversion.
        return super().as_sql(
            compiler, connection, template="DATE_TRUNC('second', %(expressions)s)", **extra
        )

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # Django stores SQLite moments as UTC text, without the fraction when it is zero.
        return super().as_sql(
            compiler,
            connection,
            template="STRFTIME('%%%%Y-%%%%m-%%%%d %%%%H:%%%%M:%%%%S', %(expressions)s)",
            **extra,
        )


def database_second() -> Combinable:
    """The database's clock, truncated to the second: what ``starts_at`` and ``ends_at``
    are compared with."""
    moment = _replayed_moment.get()
    if moment is not None:
        return Value(moment.replace(microsecond=0), output_field=DateTimeField())
    return _DatabaseSecond()


@contextmanager
def replaying_at(moment: datetime) -> Iterator[None]:
    token = _replayed_moment.set(moment)
    try:
        yield
    finally:
        _replayed_moment.reset(token)
