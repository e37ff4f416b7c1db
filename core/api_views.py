from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, serializers
from rest_framework.filters import OrderingFilter
from rest_framework.request import Request

from core.api import error_responses
from core.audit_visibility import Disclosed, disclose
from core.filters import FilterSet
from core.models import AuditEvent
from core.selectors import audit_event_list


class CanReadAuditLog(permissions.BasePermission):
    """Officials and administrators read the audit log.

    The same rule as ``accounts.permissions.can_read_audit_log``; core may not import
    accounts, so it asks the user model (``is_staff``, ``is_official``) directly.
    """

    message = _("Only officials and administrators can read the audit log.")

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated and getattr(user, "is_active", False)):
            return False
        return bool(user.is_staff or getattr(user, "is_official", False))


class AuditEventOutputSerializer(serializers.ModelSerializer[AuditEvent]):
    """An event as its reader may see it (``core.audit_visibility``): the data and the
    object's name the reader may not see are left out and named in ``withheld``."""

    actor = serializers.SerializerMethodField()
    target_type = serializers.SerializerMethodField()
    target_repr = serializers.SerializerMethodField()
    # DRF takes declared fields off the class, so this does not shadow ``Serializer.data``.
    data = serializers.SerializerMethodField()  # type: ignore[assignment]
    withheld = serializers.SerializerMethodField(
        help_text=_(
            "The data keys (and target_repr, the object's name) left out because the reader "
            "may not see them."
        )
    )

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "at",
            "actor_id",
            "actor",
            "verb",
            "target_type",
            "target_id",
            "target_repr",
            "data",
            "withheld",
        ]

    def _disclosed(self, event: AuditEvent) -> Disclosed:
        disclosed: dict[int, Disclosed] = self.context["disclosed"]
        return disclosed[event.pk]

    def get_target_repr(self, event: AuditEvent) -> str:
        return self._disclosed(event).target_repr

    def get_data(self, event: AuditEvent) -> dict[str, Any]:
        return self._disclosed(event).data

    def get_withheld(self, event: AuditEvent) -> list[str]:
        return self._disclosed(event).withheld

    def get_actor(self, event: AuditEvent) -> str | None:
        return str(event.actor) if event.actor_id else None

    def get_target_type(self, event: AuditEvent) -> str:
        return f"{event.target_type.app_label}.{event.target_type.model}"


class AuditEventFilter(FilterSet):
    verb = django_filters.CharFilter(help_text=_("The action, e.g. organisation.verified."))
    actor = django_filters.NumberFilter(field_name="actor_id", help_text=_("The actor's id."))
    target_type = django_filters.CharFilter(
        method="filter_target_type",
        help_text=_("The object type as app.model, e.g. accounts.organisation."),
    )
    target_id = django_filters.CharFilter(help_text=_("The object's id."))
    since = django_filters.IsoDateTimeFilter(
        field_name="at", lookup_expr="gte", help_text=_("Events at or after this moment.")
    )
    until = django_filters.IsoDateTimeFilter(
        field_name="at", lookup_expr="lt", help_text=_("Events before this moment.")
    )

    def filter_target_type(
        self, queryset: QuerySet[AuditEvent], name: str, value: str
    ) -> QuerySet[AuditEvent]:
        app_label, _dot, model = value.lower().partition(".")
        return queryset.filter(target_type__app_label=app_label, target_type__model=model)


@extend_schema(
    tags=["audit"],
    summary="The audit log (officials and administrators)",
    description=(
        "Every state change: who did what to which object, when and why. Newest first. "
        "An event's data is shown as far as the reader may see the object it is about "
        "(a ballot of an open vote, a draft comment's text are withheld); withheld lists "
        "what was left out."
    ),
    responses={200: AuditEventOutputSerializer(many=True), **error_responses(400, 401, 403)},
)
class AuditEventListApi(generics.ListAPIView[AuditEvent]):
    permission_classes = [CanReadAuditLog]
    serializer_class = AuditEventOutputSerializer
    filterset_class = AuditEventFilter
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    ordering_fields = ["at"]

    def get_queryset(self) -> QuerySet[AuditEvent]:
        return audit_event_list()

    def get_serializer(self, *args: Any, **kwargs: Any) -> AuditEventOutputSerializer:
        if args:
            # The page of events: what the reader may see of each, decided once per family.
            kwargs.setdefault("context", self.get_serializer_context())
            kwargs["context"]["disclosed"] = disclose(self.request.user, args[0])
        return super().get_serializer(*args, **kwargs)  # type: ignore[return-value]
