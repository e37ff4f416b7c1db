"""A document's worker killed with ``kill -9`` mid-render, on the real services (Redis, a
real Celery worker serving the PostgreSQL test database): nothing stays "rendering".

- The worker's process that renders is killed: its main process puts the message back
  (late acknowledgement, ``task_reject_on_worker_lost``), it is redelivered with the
  broker's flag, and the new delivery takes over and finishes.
- The whole worker is killed: its message waits in Redis for the visibility timeout (an
  hour), so the sweep (``documents_requeue_stale``, on beat) queues the document again and
  another worker finishes it.

Either way the document ends "ready" with exactly one file. Each test starts its own
worker (``slow_render_worker``: its first rendering waits, so it can be killed while the
document is "rendering") on a queue of its own, so the CI worker takes none of its
messages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone

import core.tasks
from config.celery import app
from core.models import AuditEvent
from documents import services
from documents.models import Document, DocumentStatus
from tests.documents.conftest import make_published_report

WAIT_SECONDS = 120


def wait_for(condition: Callable[[], Any], what: str, timeout: float = WAIT_SECONDS) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"Waited {timeout} s for {what}.")


class Workers:
    """Celery workers of this test, on its own queue, serving the test database; files go
    to ``media`` (the test settings' MEDIA_ROOT under their VAR_DIR)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.queue = f"documents-killed-{uuid.uuid4().hex[:8]}"
        self.marker = directory / "rendering.pid"
        self.media = directory / "var" / "test-media"
        self.started: list[subprocess.Popen[bytes]] = []
        database = connection.settings_dict
        self.environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": (
                f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@"
                f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/"
                f"{database['NAME']}"
            ),
            "DATABASE_CONN_MAX_AGE": "0",
            "VAR_DIR": str(directory / "var"),
            "SLOW_RENDER_MARKER": str(self.marker),
            "SLOW_RENDER_SECONDS": str(WAIT_SECONDS * 2),
        }

    def start(self, name: str, *, slow: bool) -> subprocess.Popen[bytes]:
        module = "tests.integration.slow_render_worker" if slow else "celery"
        log = self.directory / f"{name}.log"
        command = [sys.executable, "-m", module, "-A", "config", "worker", "-Q", self.queue]
        command += ["--pool", "prefork", "--concurrency", "1", "--loglevel", "INFO"]
        command += ["--hostname", f"{name}-{self.queue}@%h", "--without-gossip"]
        command += ["--without-mingle"]
        process = subprocess.Popen(
            command,
            cwd=django_settings.BASE_DIR,
            env=self.environment,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed whole, children too
        )
        self.started.append(process)
        wait_for(
            lambda: " ready." in log.read_text() or process.poll() is not None,
            f"the worker {name} to start",
            timeout=60,
        )
        assert process.poll() is None, log.read_text()
        return process

    def log(self, name: str) -> str:
        return (self.directory / f"{name}.log").read_text()

    def rendering_process(self) -> int:
        """The id of the worker process that is rendering, once it says so."""
        wait_for(self.marker.exists, "the worker to start rendering")
        return int(self.marker.read_text())

    def stored_files(self) -> list[str]:
        return sorted(
            path.relative_to(self.media).as_posix()
            for path in self.media.rglob("*")
            if path.is_file()
        )

    def stop(self) -> None:
        for process in self.started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def forget_queue(self, redis_url: str) -> None:
        """Remove this test's queue from Redis, with the message a killed worker left
        unacknowledged (kombu's ``unacked`` hash), which would otherwise come back to the
        queue after the visibility timeout and stay there."""
        client = redis.Redis.from_url(redis_url)
        name = self.queue.encode()
        for key in client.scan_iter(match=f"*{self.queue}*"):
            client.delete(key)  # the queue, its exchange's bindings
        for tag, payload in client.hscan_iter("unacked"):
            if name in payload:
                client.hdel("unacked", tag)
                client.zrem("unacked_index", tag)


@pytest.fixture
def workers(
    postgres, redis_url, transactional_db, tmp_path, monkeypatch, settings
) -> Iterator[Workers]:
    """Workers of this test, and this process sending tasks through Redis to their queue."""
    made = Workers(tmp_path)
    settings.MEDIA_ROOT = made.media
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(
        core.tasks,
        "_send",
        lambda task, args, kwargs: task.apply_async(args, kwargs, queue=made.queue),
    )
    yield made
    made.stop()
    made.forget_queue(redis_url)
    app.conf.task_always_eager = eager


def queue_report() -> Document:
    report, _comments = make_published_report(count=3)
    return services.document_queue(kind="consultation_report", subject=report)


def status_of(document: Document) -> tuple[str, int]:
    document.refresh_from_db()
    return document.status, document.attempt


def assert_ready_with_one_file(document: Document, workers: Workers) -> None:
    wait_for(lambda: status_of(document)[0] == DocumentStatus.READY, "the document to be ready")
    assert status_of(document) == (DocumentStatus.READY, 2)
    # One PDF and the exports made with it, all of the attempt that finished.
    assert workers.stored_files() == sorted(
        field.name for field in (document.file, document.docx_file, document.xlsx_file) if field
    )
    assert document.file.name.endswith(".pdf")
    stored = (workers.media / document.file.name).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == document.sha256
    assert document.size == len(stored)
    assert AuditEvent.objects.filter(verb="document.ready").count() == 1


def test_a_document_whose_rendering_process_is_killed_is_redelivered_and_finished(workers):
    worker = workers.start("worker", slow=True)
    document = queue_report()
    rendering = workers.rendering_process()
    assert rendering != worker.pid  # a process of the pool, not the worker's main one
    assert status_of(document) == (DocumentStatus.RENDERING, 1)

    os.kill(rendering, signal.SIGKILL)

    assert_ready_with_one_file(document, workers)
    assert worker.poll() is None  # the worker itself lived on and rendered it again
    takeover = AuditEvent.objects.get(verb="document.requeued")
    assert takeover.data == {"from": "rendering", "attempt": 1, "redelivered": True}
    assert "WorkerLostError" in workers.log("worker")


def test_a_document_whose_whole_worker_is_killed_is_requeued_by_the_sweep(workers):
    killed = workers.start("killed", slow=True)
    document = queue_report()
    workers.rendering_process()
    assert status_of(document) == (DocumentStatus.RENDERING, 1)

    os.killpg(killed.pid, signal.SIGKILL)
    killed.wait(timeout=20)
    workers.start("another", slow=False)
    time.sleep(2)  # the message stays unacknowledged in Redis: nobody renders it
    assert status_of(document) == (DocumentStatus.RENDERING, 1)

    # The sweep, as beat runs it once the document has been rendering too long.
    later = timezone.now() + services.stale_after() + dt.timedelta(seconds=1)
    assert services.documents_requeue_stale(now=later) == [document.pk]

    assert_ready_with_one_file(document, workers)
    requeued = AuditEvent.objects.get(verb="document.requeued")
    assert requeued.data == {"from": "rendering", "attempt": 1}
