"""Transactions that roll back whole, so the services inside need no savepoints.

A service is atomic on its own (``service_atomic``). Called inside another transaction it
would open a savepoint: two more statements, so that its caller could carry on after a
refusal. Inside ``all_or_nothing`` no one carries on: any failure rolls the whole
transaction back (the API's ``Idempotency-Key`` runs a request so, storing its answer with
its changes), and the services inside skip their savepoints.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

from django.db import transaction

P = ParamSpec("P")
R = TypeVar("R")

_all_or_nothing: ContextVar[bool] = ContextVar("all_or_nothing", default=False)


@contextmanager
def all_or_nothing() -> Iterator[None]:
    """A transaction that is rolled back whole on any failure inside it; its caller must
    let the failure through (not catch it and go on with the database inside the block)."""
    token = _all_or_nothing.set(True)
    try:
        with transaction.atomic():
            yield
    finally:
        _all_or_nothing.reset(token)


def service_atomic(function: Callable[P, R]) -> Callable[P, R]:
    """``transaction.atomic`` for a service, without a savepoint inside ``all_or_nothing``."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with transaction.atomic(savepoint=not _all_or_nothing.get()):
            return function(*args, **kwargs)

    return wrapper
