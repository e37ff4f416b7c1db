from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from notifications import following
from notifications.follow_selectors import FollowEntry


class KindField(serializers.ChoiceField):
    """A registered kind of target; the kinds are read when the field is made, after
    every app has registered its own."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "help_text", _("What is followed: department, topic, consultation or act.")
        )
        super().__init__(choices=[kind.name for kind in following.kinds()], **kwargs)


class FollowInputSerializer(serializers.Serializer[Any]):
    kind = KindField()
    target_id = serializers.IntegerField(
        min_value=1, help_text=_("The id of the department, topic, consultation or act.")
    )


class FollowOutputSerializer(serializers.Serializer[Any]):
    """A follow with its target (a ``FollowEntry``; one or a list)."""

    id = serializers.IntegerField(source="follow.pk")
    kind = serializers.CharField(source="follow.kind")
    target_id = serializers.IntegerField(source="follow.target_id")
    title = serializers.CharField(source="target.title", help_text=_("The target's name."))
    url = serializers.SerializerMethodField(help_text=_("The target's page (absolute)."))
    created_at = serializers.DateTimeField(source="follow.created_at")

    def get_url(self, entry: FollowEntry) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(entry.target.url) if request else entry.target.url


class SubscriptionInputSerializer(serializers.Serializer[Any]):
    email = serializers.EmailField(max_length=254)
    topics = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        default=list,
        max_length=200,
        help_text=_("Ids of topics (/api/v1/topics/); none: every topic."),
    )
    departments = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        default=list,
        max_length=200,
        help_text=_("Ids of departments (/api/v1/departments/); none: every department."),
    )

    def _known(self, kind: str, ids: list[int]) -> list[int]:
        follow_kind = following.get(kind)
        known = {
            pk
            for pk, _name in (follow_kind.choices() if follow_kind and follow_kind.choices else [])
        }
        unknown = sorted(set(ids) - known)
        if unknown:
            raise serializers.ValidationError(
                _("Unknown ids: %(ids)s.") % {"ids": ", ".join(map(str, unknown))}
            )
        return ids

    def validate_topics(self, value: list[int]) -> list[int]:
        return self._known(following.TOPIC, value)

    def validate_departments(self, value: list[int]) -> list[int]:
        return self._known(following.DEPARTMENT, value)


class SubscriptionAcceptedOutputSerializer(serializers.Serializer[Any]):
    message = serializers.CharField()
