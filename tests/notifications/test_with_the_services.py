"""The outbox against the real services: PostgreSQL, Redis (dead, then a worker's broker),
a Celery worker that is killed mid-batch, and an SMTP sink (aiosmtpd) that counts what
arrives. They fail instead of skipping under REQUIRE_SERVICES=1."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from kombu.exceptions import OperationalError

from config.celery import app
from notifications import sending, services, tasks
from notifications.models import Channel, Delivery, DeliveryStatus
from notifications.recipients import Address
from tests.conftest import require_services
from tests.races import race
from tests.redis_down import *  # noqa: F403
from tests.redis_down import broker_at
from tests.smtp_sink import SmtpSink

pytestmark = pytest.mark.services


def _unavailable(reason: str) -> None:
    if require_services():
        pytest.fail(f"REQUIRE_SERVICES is set but {reason}")
    pytest.skip(reason)


@pytest.fixture
def postgres(transactional_db):
    if connection.vendor != "postgresql":
        _unavailable("the database is not PostgreSQL (set DATABASE_URL)")
    return connection


@pytest.fixture
def live_redis_url():
    if not settings.REDIS_URL:
        _unavailable("REDIS_URL is not set")
    # A database of its own, so that no other worker takes these tasks.
    parts = urlsplit(settings.REDIS_URL)
    return urlunsplit((parts.scheme, parts.netloc, "/13", "", ""))


@pytest.fixture
def sink():
    with SmtpSink() as running:
        yield running


@pytest.fixture
def smtp_to(settings, sink):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    return sink


def addresses(count: int) -> list[Address]:
    return [Address(email=f"subscriber{number}@example.org") for number in range(count)]


def record_committed(recipients, key="1"):
    with transaction.atomic():
        return services.record(
            event="test.happened",
            key=key,
            recipients=recipients,
            context={"title": "Konsultacje otwarte", "text": "Zapraszamy."},
            link="/consultations/1/",
        )


def a_minute_later() -> None:
    """What the sweep sees a minute on: the fresh deliveries are its, and leases ran out."""
    Delivery.objects.update(
        created_at=F("created_at") - dt.timedelta(minutes=2),
        lease_until=F("lease_until") - sending.LEASE - dt.timedelta(seconds=1),
    )


def test_with_redis_down_the_event_commits_and_the_sweep_sends_every_mail_once(
    postgres, redis_away, smtp_to
):
    event = record_committed(addresses(30))  # its task could not be queued: logged
    emails = Delivery.objects.filter(event=event, channel=Channel.EMAIL)
    assert emails.count() == 30
    assert set(emails.values_list("status", flat=True)) == {DeliveryStatus.QUEUED}
    assert smtp_to.total() == 0
    assert tasks.sweep() == 0  # under a minute old: still its own task's
    a_minute_later()
    assert tasks.sweep() == 30  # beat's sweep, once Redis (or a worker) is back
    assert tasks.sweep() == 0
    counts = smtp_to.wait_for(total=30)
    assert counts == {f"subscriber{number}@example.org": 1 for number in range(30)}
    assert set(emails.values_list("status", flat=True)) == {DeliveryStatus.SENT}


@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
def test_a_dead_broker_is_used_even_after_a_live_one_was(
    live_redis_url, dead_redis_url, monkeypatch
):
    # Celery keeps the pools of the first broker it published to: a test pointing the broker
    # at a dead Redis after another test used a live one published there (CI's worker then
    # sent the mails that test expected its sweep to send).
    live = redis.Redis.from_url(live_redis_url)
    queue = f"probe-{os.getpid()}"
    live.delete(queue)
    try:
        broker_at(monkeypatch, live_redis_url)
        app.send_task("tests.probe", queue=queue)
        assert live.llen(queue) == 1
        broker_at(monkeypatch, dead_redis_url)
        with pytest.raises(OperationalError):
            app.send_task("tests.probe", queue=queue, retry=False)
        assert live.llen(queue) == 1
    finally:
        live.delete(queue)


def test_two_workers_never_claim_the_same_delivery(postgres, worker):
    record_committed(addresses(200))  # its task is held by the stand-in broker

    def take(_index: int) -> list[int]:
        held = []
        while rows := sending.claim(channel=Channel.EMAIL, limit=7):
            held.extend(row.pk for row in rows)
        return held

    results, errors = race(2, take)
    assert errors == []
    first, second = (set(result) for result in results)  # type: ignore[arg-type]
    assert first.isdisjoint(second)
    assert len(first | second) == 200


def _worker_database_url() -> str:
    database = connection.settings_dict
    user = database["USER"] or "postgres"
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    host = database["HOST"] or "127.0.0.1"
    port = database["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{database['NAME']}"


@pytest.fixture
def notification_worker(postgres, live_redis_url, sink, monkeypatch, settings):
    """A Celery worker of its own (broker: ``live_redis_url``) sending to the sink in
    batches of 20; the test process queues to the same broker."""
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)  # noqa: SIM115
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
        "DATABASE_URL": _worker_database_url(),
        "DATABASE_CONN_MAX_AGE": "0",
        "REDIS_URL": live_redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "NOTIFICATIONS_SINK_PORT": str(sink.port),
        "NOTIFICATIONS_BATCH_SIZE": "20",
    }
    subprocess.run(
        [sys.executable, "-m", "celery", "-A", "config", "purge", "-f"],
        env=env,
        check=False,
        capture_output=True,
    )
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-Q",
            "celery",
            "--pool",
            "solo",
            "--loglevel",
            "INFO",
            "--hostname",
            f"notifications-{os.getpid()}@%h",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 180
    while "ready" not in open(log.name).read():  # noqa: SIM115
        if worker.poll() is not None or time.monotonic() > deadline:
            worker.kill()
            pytest.fail("the notification worker did not start:\n" + open(log.name).read())  # noqa: SIM115
        time.sleep(0.2)
    previous = app.conf.task_always_eager
    broker_at(monkeypatch, live_redis_url)  # not a connection an earlier test opened
    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    yield worker
    app.conf.task_always_eager = previous
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()


def test_a_worker_killed_mid_batch_loses_nothing_and_repeats_at_most_its_batch(
    notification_worker, sink, smtp_to
):
    recipients = addresses(300)
    record_committed(recipients)  # queued on commit to the worker
    deadline = time.monotonic() + 120
    while sink.total() < 50:
        assert time.monotonic() < deadline, "the worker sent nothing"
        time.sleep(0.05)
    os.killpg(notification_worker.pid, signal.SIGKILL)  # mid-batch, without a goodbye
    notification_worker.wait()
    arrived_before = sink.total()
    in_flight = Delivery.objects.filter(status=DeliveryStatus.SENDING).count()
    assert in_flight <= 20  # at most one batch was held
    assert Delivery.objects.exclude(status=DeliveryStatus.SENT).exists(), "too late a kill"

    a_minute_later()
    tasks.sweep()  # beat's sweep on another worker: the queued rest and the lapsed lease
    counts = sink.wait_for(total=300)
    assert set(counts) == {recipient.email for recipient in recipients}  # nobody lost
    duplicates = sum(counts.values()) - 300
    assert duplicates <= in_flight <= 20  # only the batch in flight may arrive twice
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    assert arrived_before >= 50
