"""Run tasks as the worker would (the convention is in ``core.tasks``).

- ``run_as_worker(task, *args)``: the arguments go through JSON, as the broker carries
  them; the task runs ``times`` times (twice by default) under one task id, as a message
  redelivered after a worker died would; failures propagate (after the task's own
  retries, which a test runs at once).
- the ``worker`` fixture (``tests/conftest.py``) stands in for the broker: what
  ``enqueue_on_commit`` queues is recorded when the transaction commits (use
  ``django_capture_on_commit_callbacks(execute=True)``) and run by ``worker.run()``.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from celery.exceptions import Retry


def run_as_worker(task: Any, *args: Any, times: int = 2, **kwargs: Any) -> list[Any]:
    sent_args, sent_kwargs = json.loads(json.dumps([list(args), kwargs]))
    task_id = str(uuid.uuid4())
    return [_deliver(task, sent_args, sent_kwargs, task_id) for _ in range(times)]


def _deliver(task: Any, args: list[Any], kwargs: dict[str, Any], task_id: str) -> Any:
    """One delivery and the retries it asks for, at once instead of after the pause; the
    error that outlasts the retries propagates."""
    retries = 0
    while True:
        try:
            result = task.apply(
                args=args, kwargs=kwargs, task_id=task_id, retries=retries, throw=True
            )
        except Retry:
            retries += 1
            continue
        return result.get()


@dataclass
class Worker:
    queued: list[tuple[Any, tuple[Any, ...], dict[str, Any]]] = field(default_factory=list)

    def receive(self, task: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        self.queued.append((task, args, kwargs))

    @property
    def names(self) -> list[str]:
        return [task.name for task, _args, _kwargs in self.queued]

    def run(self, *, times: int = 2, name: str | None = None) -> list[Any]:
        """Run (and take off the queue) every task queued so far, each ``times`` times; with
        ``name``, the results of the tasks of that name only (the others run all the same)."""
        results = []
        while self.queued:
            task, args, kwargs = self.queued.pop(0)
            ran = run_as_worker(task, *args, times=times, **kwargs)
            if name is None or task.name == name:
                results.extend(ran)
        return results
