from __future__ import annotations

from typing import Any

from django.utils import translation
from rest_framework import serializers

from notifications.categories import CHOOSABLE
from notifications.models import Delivery, Mode
from notifications.sending import render_item


class NotificationOutputSerializer(serializers.Serializer[Delivery]):
    """An inbox item: its title and text rendered in the reader's language."""

    id = serializers.IntegerField(read_only=True)
    event = serializers.CharField(read_only=True, help_text="The event type's name.")
    title = serializers.CharField(read_only=True)
    text = serializers.CharField(read_only=True)
    link = serializers.CharField(read_only=True, help_text="Absolute address; may be empty.")
    created = serializers.DateTimeField(read_only=True)
    read = serializers.BooleanField(read_only=True)

    def to_representation(self, instance: Delivery) -> dict[str, Any]:
        item = render_item(instance, language=translation.get_language())
        return {
            "id": instance.pk,
            "event": instance.event.name,
            "title": item["title"],
            "text": item["text"],
            "link": item["link"],
            "created": serializers.DateTimeField().to_representation(instance.created_at),
            "read": instance.read_at is not None,
        }


class ReadAllOutputSerializer(serializers.Serializer[Any]):
    marked = serializers.IntegerField(help_text="How many items were unread and are now read.")


def _mode_field(**kwargs: Any) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=Mode.choices,
        help_text="immediate: an e-mail at once; digest: one e-mail a day at 7:00 "
        "(Warsaw); inbox_only: no e-mail. Essential e-mails (receipts, account security) "
        "are sent at once whatever is chosen.",
        **kwargs,
    )


class PreferencesSerializer(serializers.Serializer[Any]):
    """How the user is told about each category; a PUT may give only some."""

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        return {str(category): _mode_field(required=False) for category in CHOOSABLE}
