"""The reference data: the city's departments and the areas of public benefit activity."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny

from accounts import selectors
from accounts.api.serializers import ActivityAreaOutputSerializer, DepartmentOutputSerializer
from accounts.models import ActivityArea, Department
from core.api_base import ApiView


@extend_schema(tags=["reference data"])
class ReferenceListApi(ApiView, generics.ListAPIView[Any]):
    """A short list that anyone may read and that takes no filters."""

    permission_classes = [AllowAny]
    filter_backends: list[Any] = []


@extend_schema(summary="The city's departments, with their authority")
class DepartmentListApi(ReferenceListApi):
    serializer_class = DepartmentOutputSerializer

    def get_queryset(self) -> QuerySet[Department]:
        return selectors.department_list()


@extend_schema(summary="Areas of public benefit activity")
class ActivityAreaListApi(ReferenceListApi):
    serializer_class = ActivityAreaOutputSerializer

    def get_queryset(self) -> QuerySet[ActivityArea]:
        return selectors.activity_area_list()
