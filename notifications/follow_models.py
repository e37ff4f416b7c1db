"""Following and e-mail subscriptions (``notifications.following`` names the kinds).

A ``Follow`` is a user's interest in one target, stored as its kind and id so that this app
imports no domain app. A ``Subscription`` is an address without an account asking for new
consultations: all of them, or those matching its ``SubscriptionFilter`` rows (a topic or
a department). It counts only once confirmed from the mailed link (double opt-in); an
address has at most one confirmed subscription and at most one request waiting for
confirmation, and waiting requests are deleted after ``SUBSCRIPTION_CONFIRM_DAYS``
(``notifications.subscriptions_expire``), so an address nobody confirmed is not kept.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_key() -> str:
    return secrets.token_urlsafe(24)


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    kind = models.CharField(_("kind"), max_length=40)
    target_id = models.PositiveBigIntegerField(_("target"))
    created_at = models.DateTimeField(_("followed since"), default=timezone.now)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["kind", "target_id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "target_id"], name="follow_unique")
        ]
        indexes = [models.Index(fields=["kind", "target_id"], name="follow_target")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.kind} {self.target_id}"


class SubscriptionQuerySet(models.QuerySet["Subscription"]):
    def confirmed(self) -> SubscriptionQuerySet:
        return self.filter(confirmed_at__isnull=False)

    def waiting(self) -> SubscriptionQuerySet:
        """Requests not confirmed (yet)."""
        return self.filter(confirmed_at__isnull=True)

    def expired_at(self, now: datetime) -> SubscriptionQuerySet:
        """Requests whose confirmation link no longer works."""
        return self.waiting().filter(requested_at__lt=now - settings.SUBSCRIPTION_CONFIRM_TIMEOUT)


class Subscription(models.Model):
    # Stored in lower case, as accounts store theirs.
    email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(_("language"), max_length=10, default="pl")
    # A secret bound into the confirmation and unsubscribe links; a new request draws a new
    # one, so an earlier confirmation link stops working.
    key = models.CharField(max_length=64, default=new_key)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail subscription")
        verbose_name_plural = _("e-mail subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(confirmed_at__isnull=False),
                name="subscription_confirmed_unique",
            ),
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(confirmed_at__isnull=True),
                name="subscription_waiting_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class SubscriptionFilterKind(models.TextChoices):
    TOPIC = "topic", _("topic")
    DEPARTMENT = "department", _("department")


class SubscriptionFilter(models.Model):
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="filters")
    kind = models.CharField(_("kind"), max_length=20, choices=SubscriptionFilterKind.choices)
    target_id = models.PositiveBigIntegerField(_("target"))

    class Meta:
        verbose_name = _("subscription filter")
        verbose_name_plural = _("subscription filters")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "kind", "target_id"], name="subscription_filter_unique"
            )
        ]
        indexes = [models.Index(fields=["kind", "target_id"], name="subscription_filter_target")]

    def __str__(self) -> str:
        return f"{self.kind} {self.target_id}"
