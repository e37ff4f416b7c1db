"""Requests of NGOs to the council: an opinion on their offer for a public task, or a
recommendation. Each request becomes a draft position of that kind."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.uploads import PrivateUploadTo


class RequestKind(models.TextChoices):
    OFFER_OPINION = "offer_opinion", _("opinion on an offer for a public task")
    RECOMMENDATION = "recommendation", _("recommendation")


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    ACCEPTED = "accepted", _("taken up by the council")
    DECLINED = "declined", _("declined")


class CouncilRequest(models.Model):
    """An NGO's request. Submitting it creates a draft position (``position``); the
    council takes it up (accepted, at the latest when the vote opens) or declines it."""

    term = models.ForeignKey(
        "opinions.Term",
        verbose_name=_("term"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="council_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="council_requests",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RequestKind.choices)
    subject = models.CharField(_("subject"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RequestStatus.choices,
        default=RequestStatus.SUBMITTED,
        db_index=True,
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)

    TRANSITIONS: dict[str, set[str]] = {
        RequestStatus.SUBMITTED: {RequestStatus.ACCEPTED, RequestStatus.DECLINED},
        RequestStatus.ACCEPTED: set(),
        RequestStatus.DECLINED: set(),
    }

    class Meta:
        verbose_name = _("request to the council")
        verbose_name_plural = _("requests to the council")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=RequestKind.values), name="council_request_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="council_request_declined_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class CouncilRequestAttachment(models.Model):
    request = models.ForeignKey(
        CouncilRequest, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=PrivateUploadTo("council-requests"))
    name = models.CharField(_("name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("request attachment")
        verbose_name_plural = _("request attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name

    def download_url(self) -> str:
        """Where the file is downloaded, for those who may see it (``core.files``)."""
        return reverse("files:council-request-attachment", kwargs={"pk": self.pk})
