"""Threads let loose together on a real database, for the tests of locks and races."""

from __future__ import annotations

import threading
from collections.abc import Callable

from celery._state import (  # type: ignore[attr-defined]
    _set_task_join_will_block,
    task_join_will_block,
)
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

    # Work that queues tasks runs them inline in these threads (tasks are eager in tests),
    # and Celery guards ``result.get()`` inside a task with one process-wide flag that
    # overlapping eager tasks can leave set; put it back as it was for the tests after.
    join_will_block = task_join_will_block()
    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    _set_task_join_will_block(join_will_block)
    return results, errors
