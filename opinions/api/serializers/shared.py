"""Output pieces the council's other serializers nest: people, organisations, references."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from accounts.models import Organisation, User

# --- Output: shared pieces --------------------------------------------------------------


class PersonOutputSerializer(serializers.ModelSerializer[User]):
    class Meta:
        model = User
        fields = ["id", "full_name"]


class OrganisationRefOutputSerializer(serializers.ModelSerializer[Organisation]):
    class Meta:
        model = Organisation
        fields = ["id", "name"]


class ReferenceOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()


class ProvisionRefOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    anchor = serializers.CharField()
