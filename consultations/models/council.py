"""The NGO council's submission to a consultation: its adopted opinion, delivered as
comments that officials answer like NGO comments and pages show apart from them.

The council lives in the ``opinions`` app, which depends on this one; here the submission
keeps only what the consultation needs to show it (reference, council's name, the
position's id as ``external_id``), so consultations never import opinions.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CouncilSubmission(models.Model):
    consultation = models.ForeignKey(
        "consultations.Consultation",
        verbose_name=_("consultation"),
        on_delete=models.PROTECT,
        related_name="council_submissions",
    )
    reference = models.CharField(
        _("reference"),
        max_length=500,
        help_text=_("The resolution it comes from, e.g. Uchwała nr 7/2026 Sopockiej Rady …"),
    )
    council_name = models.CharField(_("council"), max_length=300)
    delivered_at = models.DateTimeField(_("delivered at"))
    is_late = models.BooleanField(
        _("delivered after the end"),
        default=False,
        help_text=_("The consultation had already closed when the opinion was adopted."),
    )
    external_id = models.CharField(
        _("position id"), max_length=64, help_text=_("The id of the council's position.")
    )

    class Meta:
        verbose_name = _("council submission")
        verbose_name_plural = _("council submissions")
        ordering = ["consultation", "delivered_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "external_id"],
                name="council_submission_once_per_position",
            )
        ]

    def __str__(self) -> str:
        return self.reference
