"""The notifications benchmark's code works (``benchmarks/notifications.py``): a few
recipients through the floor and the engine to a real SMTP sink, each counted once.
Nothing here measures time (``benchmarks/README.md`` has the figures)."""

from __future__ import annotations

import pytest

from benchmarks import notifications as bench
from tests.smtp_sink import SmtpSink


@pytest.fixture
def sink(settings):
    with SmtpSink() as running:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = running.port
        yield running


@pytest.mark.parametrize("users", [False, True])
def test_the_floor_and_the_engine_each_deliver_one_mail_per_recipient(
    transactional_db, sink, users
):
    bench.register_event_type()
    recipients = bench.make_recipients(12, users=users)
    messages = bench.prepared_messages(recipients, key="prepared")
    assert len(messages) == 12
    bench.floor(sink.port, messages)
    assert bench.exactly_once(sink.wait_for(total=12), recipients)
    sink.reset()
    seconds, queries = bench.engine(recipients, key="round")
    assert seconds > 0
    assert queries > 0
    assert bench.exactly_once(sink.wait_for(total=12), recipients)
    assert not bench.exactly_once({}, recipients)
