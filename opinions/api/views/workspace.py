"""The council workspace: what a member has to do."""

from __future__ import annotations

from typing import cast

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from core.api import error_responses
from core.api_base import ApiView
from opinions import selectors
from opinions.api.serializers import WorkspaceOutputSerializer


class WorkspaceApi(ApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Your council workspace: drafts, votes waiting for you, amendments, requests",
        responses={200: WorkspaceOutputSerializer, **error_responses(401)},
    )
    def get(self, request: Request) -> Response:
        # Only reached behind IsAuthenticated, so the user is a real account.
        workspace = selectors.workspace_for(user=cast(User, request.user))
        return Response(WorkspaceOutputSerializer(workspace).data)
