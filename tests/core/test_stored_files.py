"""Files stored in a transaction go when it rolls back (``core.transactions``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile

from core.transactions import all_or_nothing, atomic_with_files, service_atomic, store_file
from opinions.models import CouncilRequestAttachment

pytestmark = pytest.mark.django_db


def files_on_disk() -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def store(name: str) -> None:
    """Store a file whose content is its given name (the storage name is random)."""
    store_file(CouncilRequestAttachment().file, name, ContentFile(name.encode()))


def contents_on_disk() -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(path.read_text() for path in root.rglob("*") if path.is_file())


class Refused(Exception):
    pass


def test_a_file_stored_in_a_block_that_commits_stays():
    with atomic_with_files():
        store("kept.txt")
    assert len(files_on_disk()) == 1


def test_a_file_stored_in_a_block_that_rolls_back_is_deleted():
    def failing() -> None:
        with atomic_with_files():
            store("gone.txt")
            assert len(files_on_disk()) == 1
            raise Refused

    with pytest.raises(Refused):
        failing()
    assert files_on_disk() == []


def test_a_file_a_service_stored_goes_when_the_enclosing_transaction_rolls_back_later():
    @service_atomic
    def service() -> None:
        store("inner.txt")

    def request() -> None:
        with all_or_nothing():
            service()
            assert len(files_on_disk()) == 1
            raise Refused("the request fails after the service succeeded")

    with pytest.raises(Refused):
        request()
    assert files_on_disk() == []


def test_an_inner_refusal_its_caller_survives_removes_only_the_inner_file():
    @service_atomic
    def refused_service() -> None:
        store("inner.txt")
        raise Refused

    with atomic_with_files():
        store("outer.txt")
        with pytest.raises(Refused):
            refused_service()
    assert contents_on_disk() == ["outer.txt"]


def test_storing_a_file_outside_such_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="service_atomic"):
        store("orphan.txt")
    assert files_on_disk() == []
