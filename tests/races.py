"""Threads let loose together on a real database, for the tests of locks and races."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection


def race(count: int, work: Callable[[int], object]) -> tuple[list[object], list[BaseException]]:
    """Run ``work(index)`` in ``count`` threads released at once by a barrier; each closes
    its own database connection. Returns what they returned and what they raised."""
    barrier = threading.Barrier(count)
    results: list[object] = []
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            results.append(work(index))
        except BaseException as error:  # collected for the assertions
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors
