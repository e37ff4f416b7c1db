from __future__ import annotations

from typing import Any

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, serializers
from rest_framework.request import Request

from core.models import AuditEvent
from core.selectors import audit_event_list


class CanReadAuditLog(permissions.BasePermission):
    """Officials and administrators read the audit log; the user model says who is which."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        return bool(
            user
            and user.is_authenticated
            and (user.is_staff or getattr(user, "is_official", False))
        )


class AuditEventOutputSerializer(serializers.ModelSerializer[AuditEvent]):
    actor = serializers.SerializerMethodField()
    target_type = serializers.SerializerMethodField()

    class Meta:
        model = AuditEvent
        fields = ["id", "at", "actor", "verb", "target_type", "target_id", "target_repr", "data"]

    def get_actor(self, event: AuditEvent) -> str | None:
        return str(event.actor) if event.actor_id else None

    def get_target_type(self, event: AuditEvent) -> str:
        return f"{event.target_type.app_label}.{event.target_type.model}"


class AuditEventFilter(django_filters.FilterSet):
    verb = django_filters.CharFilter()
    target_id = django_filters.CharFilter()
    target_type = django_filters.CharFilter(method="filter_target_type")
    since = django_filters.IsoDateTimeFilter(field_name="at", lookup_expr="gte")
    until = django_filters.IsoDateTimeFilter(field_name="at", lookup_expr="lt")

    class Meta:
        model = AuditEvent
        fields: list[str] = []

    def filter_target_type(self, queryset: Any, name: str, value: str) -> Any:
        app_label, _dot, model = value.partition(".")
        return queryset.filter(target_type__app_label=app_label, target_type__model=model)


@extend_schema(tags=["audit"], summary="The audit log (officials and administrators)")
class AuditEventListApi(generics.ListAPIView[AuditEvent]):
    permission_classes = [CanReadAuditLog]
    serializer_class = AuditEventOutputSerializer
    filterset_class = AuditEventFilter
    ordering_fields = ["at"]

    def get_queryset(self) -> Any:
        return audit_event_list()
