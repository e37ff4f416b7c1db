"""Settings of the Celery worker the notification services tests start: the test settings
with e-mail over SMTP to the test's sink and small batches (``tests/notifications``)."""

import os

from config.settings.test import *  # noqa: F403
from notifications.registry import EventType, register

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["NOTIFICATIONS_SINK_PORT"])
NOTIFICATIONS_BATCH_SIZE = int(os.environ.get("NOTIFICATIONS_BATCH_SIZE", "20"))
CELERY_TASK_ALWAYS_EAGER = False

register(
    EventType(
        name="test.happened",
        category="consultations",
        label="Something happened",
        template="notification",
    )
)
