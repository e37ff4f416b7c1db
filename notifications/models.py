"""The outbox: events, their deliveries (e-mail, digest, inbox) and users' preferences.

A domain service records an ``Event`` and its ``Delivery`` rows in its own transaction
(``services.record``); a task sends the deliveries after the commit, claiming each with a
lease (``sending``); a beat sweep sends what a lost message or a dead worker left behind.
The inbox is the deliveries of channel ``inbox`` (``read_at`` says whether it was read).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.categories import Category


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail at once")
    DIGEST = "digest", _("daily digest")
    INBOX = "inbox", _("inbox")


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class Mode(models.TextChoices):
    """How a user wants one category: every mode also fills the inbox."""

    IMMEDIATE = "immediate", _("e-mail at once")
    DIGEST = "digest", _("daily digest")
    INBOX_ONLY = "inbox_only", _("only in the inbox")


class Event(models.Model):
    name = models.CharField(_("event"), max_length=80)
    # What makes the event one: recording the same (name, key) again adds only recipients.
    key = models.CharField(_("key"), max_length=200)
    context = models.JSONField(_("context"), default=dict)
    link = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.UniqueConstraint(fields=["name", "key"], name="notification_event_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.key}"


class DeliveryQuerySet(models.QuerySet["Delivery"]):
    def inbox_of(self, user_id: int) -> DeliveryQuerySet:
        return self.filter(user_id=user_id, channel=Channel.INBOX)

    def unread(self) -> DeliveryQuerySet:
        return self.filter(read_at__isnull=True)


class Delivery(models.Model):
    """One event for one recipient on one channel: a user (``user``) or an address without
    an account (``email`` only)."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    # The address written to (a user's is read at send time; kept for the administrators).
    email = models.EmailField(_("e-mail address"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="pl")
    unsubscribe_url = models.CharField(_("unsubscribe address"), max_length=500, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    # A worker holds a delivery it is sending until this moment; past it, the sweep
    # takes the delivery back (the worker died).
    lease_until = models.DateTimeField(_("leased until"), null=True, blank=True)
    leased_by = models.CharField(_("leased by"), max_length=32, blank=True)
    # Not sent before this moment (a retry's backoff).
    due_at = models.DateTimeField(_("due at"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user", "channel"],
                condition=models.Q(user__isnull=False),
                name="notification_delivery_one_per_user",
            ),
            models.UniqueConstraint(
                fields=["event", "email", "channel"],
                condition=models.Q(user__isnull=True),
                name="notification_delivery_one_per_address",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DeliveryStatus.values),
                name="notification_delivery_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(channel__in=Channel.values),
                name="notification_delivery_channel_known",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "channel", "due_at"], name="notification_to_send"),
            models.Index(fields=["user", "channel", "read_at"], name="notification_inbox_unread"),
            models.Index(fields=["user", "channel", "-created_at"], name="notification_inbox"),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.email or self.user_id} ({self.channel})"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Preference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    mode = models.CharField(_("how"), max_length=12, choices=Mode.choices, default=Mode.IMMEDIATE)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "category"], name="notification_preference_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(mode__in=Mode.values), name="notification_preference_mode"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.category}: {self.mode}"


# Following and e-mail subscriptions live in their own module (notifications.following).
from notifications.follow_models import (  # noqa: E402, F401
    Follow,
    Subscription,
    SubscriptionFilter,
    SubscriptionFilterKind,
)
