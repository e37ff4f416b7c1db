"""A consultation opening to 5,000 subscribers: the notification engine against a floor.

    .venv/bin/python -m benchmarks.notifications [--recipients 5000] [--rounds 3]
                                                  [--users] [--database-url URL]

Both send to a local SMTP sink (aiosmtpd, in its own process, ``tests/smtp_sink.py``) that
counts what arrives per address.

- Floor: ``smtplib`` sending the same messages, prepared beforehand (rendered and turned
  into bytes by the engine's own code, untimed), over one connection.
- Engine: ``notifications.services.record`` of one event to every recipient in one
  transaction, then, on commit, the sending task (inline, as on a laptop; a worker runs the
  same function): claim a batch with a lease, render each mail, send the batch over one
  SMTP connection, mark it sent, until none is left.

Reports the total time of each (median of the rounds, interleaved), their ratio (target
≤ 1.5), the SQL statements per 1,000 recipients (target ≤ 5) and whether each address
received exactly one mail per round (counted at the sink; the exit status is 1 if not).
The default database is a fresh SQLite file in a temporary directory; ``--database-url``
takes a PostgreSQL database whose name contains ``bench`` (dropped and created again).
"""

from __future__ import annotations

import argparse
import os
import smtplib
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

EVENT = "bench.consultation_opened"


@dataclass
class Round:
    floor_seconds: float
    engine_seconds: float
    queries: int
    exact: bool


def configure(database_url: str, sink_port: int) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.smtp.EmailBackend"
    os.environ["EMAIL_HOST"] = "127.0.0.1"
    os.environ["EMAIL_PORT"] = str(sink_port)
    os.environ.pop("REDIS_URL", None)
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    import django

    django.setup()


def recreate_postgres(database_url: str) -> None:
    from urllib.parse import urlsplit

    name = urlsplit(database_url).path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(f"Refusing to drop {name!r}: the database's name must contain 'bench'.")
    import psycopg

    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def register_event_type() -> None:
    from notifications import registry
    from notifications.categories import CONSULTATIONS
    from notifications.registry import EventType

    registry.register(
        EventType(
            name=EVENT,
            category=CONSULTATIONS,
            label="Consultation opened (benchmark)",
            template="notification",
        )
    )


def make_recipients(count: int, *, users: bool) -> list[Any]:
    from django.conf import settings

    from notifications.recipients import Address

    if not users:
        return [
            Address(
                email=f"subscriber{number}@example.org",
                unsubscribe_url=f"{settings.SITE_URL}/subscriptions/unsubscribe/token{number}/",
            )
            for number in range(count)
        ]
    from django.contrib.auth import get_user_model

    model = get_user_model()
    model.objects.bulk_create(
        [
            model(email=f"member{number}@example.org", full_name=f"Członek {number}")
            for number in range(count)
        ],
        ignore_conflicts=True,
    )
    return list(model.objects.filter(email__startswith="member").order_by("pk")[:count])


CONTEXT = {
    "title": "Nowa konsultacja: projekt uchwały w sprawie programu współpracy",
    "text": (
        "Rozpoczęły się konsultacje projektu uchwały w sprawie rocznego programu współpracy "
        "z organizacjami pozarządowymi. Uwagi można składać do 31 grudnia."
    ),
}


def prepared_messages(recipients: list[Any], key: str) -> list[tuple[str, list[str], bytes]]:
    """The messages the engine would send, rendered and serialised (untimed)."""
    from django.conf import settings
    from django.db import transaction

    from notifications import services
    from notifications.models import Channel, Delivery
    from notifications.sending import build_message

    with transaction.atomic():
        event = services.record(
            event=EVENT, key=key, recipients=recipients, context=CONTEXT, link="/c/1/"
        )
        rows = Delivery.objects.filter(event=event, channel=Channel.EMAIL).select_related(
            "event", "user"
        )
        prepared = []
        for row in rows:
            message = build_message(row)
            prepared.append(
                (
                    settings.DEFAULT_FROM_EMAIL,
                    message.recipients(),
                    message.message().as_bytes(linesep="\r\n"),
                )
            )
        transaction.set_rollback(True)  # only to render: nothing is stored or sent
    return prepared


def floor(port: int, messages: list[tuple[str, list[str], bytes]]) -> float:
    started = time.perf_counter()
    connection = smtplib.SMTP("127.0.0.1", port)
    for sender, to, data in messages:
        connection.sendmail(sender, to, data)
    connection.quit()
    return time.perf_counter() - started


def engine(recipients: list[Any], key: str) -> tuple[float, int]:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from notifications import services

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        with transaction.atomic():
            services.record(
                event=EVENT, key=key, recipients=recipients, context=CONTEXT, link="/c/1/"
            )
        elapsed = time.perf_counter() - started  # the on-commit task has sent them all
    return elapsed, len(queries.captured_queries)


def exactly_once(counts: dict[str, int], recipients: list[Any]) -> bool:
    expected = {recipient.email.lower() for recipient in recipients}
    return set(counts) == expected and set(counts.values()) == {1}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recipients", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--users", action="store_true", help="users instead of subscribers")
    parser.add_argument("--database-url", default="")
    arguments = parser.parse_args(argv)

    from tests.smtp_sink import SmtpSink

    with tempfile.TemporaryDirectory() as directory, SmtpSink() as sink:
        database_url = arguments.database_url or f"sqlite:///{Path(directory) / 'bench.sqlite3'}"
        if database_url.startswith("postgres"):
            recreate_postgres(database_url)
        configure(database_url, sink.port)
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        register_event_type()
        recipients = make_recipients(arguments.recipients, users=arguments.users)
        rounds = []
        for number in range(arguments.rounds):
            messages = prepared_messages(recipients, key=f"prepared-{number}")
            sink.reset()
            floor_seconds = floor(sink.port, messages)
            floor_exact = exactly_once(sink.wait_for(total=len(recipients)), recipients)
            sink.reset()
            engine_seconds, queries = engine(recipients, key=f"round-{number}")
            engine_exact = exactly_once(sink.wait_for(total=len(recipients)), recipients)
            rounds.append(
                Round(floor_seconds, engine_seconds, queries, floor_exact and engine_exact)
            )
            print(
                f"round {number + 1}: floor {floor_seconds:.2f} s, engine {engine_seconds:.2f} s, "
                f"{queries} SQL statements, exactly one mail each: {engine_exact}",
                flush=True,
            )
        floor_median = statistics.median(r.floor_seconds for r in rounds)
        engine_median = statistics.median(r.engine_seconds for r in rounds)
        queries = max(r.queries for r in rounds)
        per_thousand = queries / (len(recipients) / 1000)
        exact = all(r.exact for r in rounds)
        kind = "users" if arguments.users else "subscribers (addresses)"
        print()
        print(f"{len(recipients)} {kind}, {connection.vendor}, median of {len(rounds)} rounds")
        print(f"| floor (smtplib, one connection) | {floor_median:.2f} s |")
        print(f"| engine (record + send)          | {engine_median:.2f} s |")
        print(f"| ratio (target <= 1.5)           | {engine_median / floor_median:.2f}x |")
        print(f"| SQL per 1,000 recipients (<= 5) | {per_thousand:.1f} |")
        print(f"| each address exactly one mail   | {'yes' if exact else 'NO'} |")
        load = os.getloadavg()[0]
        print(f"machine: {os.cpu_count()} cores, load {load:.1f}, {sys.version.split()[0]}")
        return 0 if exact else 1


if __name__ == "__main__":
    sys.exit(main())
