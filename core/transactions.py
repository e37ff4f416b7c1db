"""Transactions that roll back whole, so the services inside need no savepoints; and the
one place where files stored in a transaction are removed when it rolls back.

A service is atomic on its own (``service_atomic``). Called inside another transaction it
would open a savepoint: two more statements, so that its caller could carry on after a
refusal. Inside ``all_or_nothing`` no one carries on: any failure rolls the whole
transaction back (the API's ``Idempotency-Key`` runs a request so, storing its answer with
its changes), and the services inside skip their savepoints.

Files are not transactional. A service stores one with ``store_file`` inside
``service_atomic``, ``all_or_nothing`` or ``atomic_with_files``; if that block rolls back,
the file is deleted, and if it commits into an enclosing one of them, the file is handed on
and deleted if that one rolls back. (An enclosing plain ``transaction.atomic()`` is beyond
reach: Django has no on-rollback hook, so open the outer transaction with one of these.)
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

from django.core.files import File
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models.fields.files import FieldFile

P = ParamSpec("P")
R = TypeVar("R")

_all_or_nothing: ContextVar[bool] = ContextVar("all_or_nothing", default=False)

StoredFile = tuple[Storage, str]
# The files stored in each enclosing ``atomic_with_files`` block, innermost last.
_stored_files: ContextVar[tuple[list[StoredFile], ...]] = ContextVar("stored_files", default=())


@contextmanager
def atomic_with_files(*, savepoint: bool = True) -> Iterator[None]:
    """``transaction.atomic()`` that deletes the files stored in it (``store_file``) if it
    rolls back, or if an enclosing ``atomic_with_files`` does later."""
    stored: list[StoredFile] = []
    enclosing = _stored_files.get()
    token = _stored_files.set((*enclosing, stored))
    try:
        with transaction.atomic(savepoint=savepoint):
            yield
    except BaseException:
        _delete(stored)
        raise
    finally:
        _stored_files.reset(token)
    if enclosing:
        enclosing[-1].extend(stored)


def store_file(field_file: FieldFile, name: str, content: File) -> None:
    """Save ``content`` as the file of ``field_file`` (not its row), deleted again if the
    transaction rolls back. Call it inside ``service_atomic``, ``all_or_nothing`` or
    ``atomic_with_files``; anywhere else a rollback would orphan the file, so it refuses."""
    frames = _stored_files.get()
    if not frames:
        raise RuntimeError(
            "store_file() needs service_atomic, all_or_nothing or atomic_with_files around it."
        )
    field_file.save(name, content, save=False)
    frames[-1].append((field_file.storage, str(field_file.name)))


def delete_file_on_commit(field_file: FieldFile) -> None:
    """Delete the file of ``field_file`` once the transaction commits: its row is being
    deleted in it. If the transaction rolls back the row comes back, and so the file is
    kept (Django drops the callbacks of a rolled-back block)."""
    name = str(field_file.name or "")
    if not name:
        return
    storage = field_file.storage
    transaction.on_commit(lambda: storage.delete(name))


def _delete(stored: list[StoredFile]) -> None:
    for storage, name in stored:
        storage.delete(name)


@contextmanager
def all_or_nothing() -> Iterator[None]:
    """A transaction that is rolled back whole on any failure inside it; its caller must
    let the failure through (not catch it and go on with the database inside the block)."""
    token = _all_or_nothing.set(True)
    try:
        with atomic_with_files():
            yield
    finally:
        _all_or_nothing.reset(token)


def service_atomic(function: Callable[P, R]) -> Callable[P, R]:
    """``transaction.atomic`` for a service, without a savepoint inside ``all_or_nothing``;
    files it stores with ``store_file`` are deleted if it rolls back."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with atomic_with_files(savepoint=not _all_or_nothing.get()):
            return function(*args, **kwargs)

    return wrapper
