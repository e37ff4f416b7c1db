"""The Celery application and the beat schedule.

Without REDIS_URL the settings make every task run inline (task_always_eager), so a laptop
needs no broker; with it, tasks go to Redis and a worker runs them.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("konsultacje")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    "forget-task-receipts": {"task": "core.forget_task_receipts", "schedule": 24 * 60 * 60},
    "requeue-stale-documents": {"task": "documents.requeue_stale", "schedule": 5 * 60},
    # What a lost message, a dead Redis or a dead worker left in the outbox; due retries.
    "sweep-notifications": {"task": "notifications.sweep", "schedule": 60},
    # One mail per user with their digest notifications (CELERY_TIMEZONE: Warsaw time).
    "notification-digests": {
        "task": "notifications.send_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    # Requests to subscribe that nobody confirmed in time (SUBSCRIPTION_CONFIRM_DAYS).
    "expire-subscription-requests": {
        "task": "notifications.expire_subscription_requests",
        "schedule": 60 * 60,
    },
    # What the clock decides, told to people: idempotent, so a missed or doubled beat is
    # harmless (the events' keys).
    "announce-consultation-openings": {
        "task": "consultations.announce_openings",
        "schedule": 5 * 60,
    },
    "send-consultation-reminders": {"task": "consultations.send_reminders", "schedule": 60 * 60},
    "announce-consultation-closings": {
        "task": "consultations.announce_closings",
        "schedule": 5 * 60,
    },
    "remind-before-vote-deadlines": {
        "task": "opinions.remind_before_deadlines",
        "schedule": 15 * 60,
    },
}
