"""Amendments to an item of a draft."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from opinions.api.serializers.shared import PersonOutputSerializer
from opinions.models import Amendment

# --- Input ------------------------------------------------------------------------------


class AmendmentProposeInputSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(help_text=_("The replacement text of the item."))
    reason = serializers.CharField(required=False, allow_blank=True)


# --- Output -----------------------------------------------------------------------------


class AmendmentOutputSerializer(serializers.ModelSerializer[Amendment]):
    proposed_by = PersonOutputSerializer()
    decided_by = PersonOutputSerializer(allow_null=True)

    class Meta:
        model = Amendment
        fields = [
            "id",
            "item",
            "text",
            "reason",
            "status",
            "base_revision",
            "proposed_by",
            "proposed_at",
            "decided_by",
            "decided_at",
        ]
