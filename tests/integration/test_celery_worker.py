import pytest
from celery.exceptions import TimeoutError as CeleryTimeoutError

from config.celery import app
from core.tasks import ping


@pytest.fixture
def real_broker(redis_url, settings):
    """Send tasks to the Redis broker and a running worker instead of running them inline."""
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    yield
    app.conf.task_always_eager = previous


def test_a_worker_answers_the_health_task_through_redis(real_broker):
    result = ping.apply_async()
    try:
        assert result.get(timeout=30) == "pong"
    except CeleryTimeoutError:
        pytest.fail(
            "No Celery worker answered within 30 s: start one with `celery -A config worker`."
        )
    assert result.successful()


def test_the_health_task_runs_inline_without_a_broker(settings):
    assert ping.delay().get() == "pong"
