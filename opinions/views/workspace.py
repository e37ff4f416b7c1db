"""The council workspace: what a member has to do."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from accounts import selectors as account_selectors
from opinions import selectors
from opinions.models import PositionStatus


class WorkspaceView(LoginRequiredMixin, TemplateView):
    """What a council member has to do: votes waiting for their ballot, positions by
    status, requests from organisations. Anyone else sees their organisations' requests."""

    template_name = "opinions/workspace.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        workspace = selectors.workspace_for(user=user)
        term = workspace.term
        groups: list[dict[str, Any]] = [
            {
                "status": status,
                "label": PositionStatus(status).label,
                "positions": workspace.positions_by_status.get(status, []),
            }
            for status in (PositionStatus.DRAFT, PositionStatus.VOTING)
        ]
        if workspace.is_member:
            groups.append(
                {
                    "status": "decided",
                    "label": _("recently decided"),
                    "positions": workspace.recently_decided,
                }
            )
        represented = {
            organisation.pk
            for organisation in account_selectors.organisations_represented_by(user=user)
        }
        return super().get_context_data(
            workspace=workspace,
            term=term,
            my_member=workspace.seat,
            is_officer=workspace.is_officer,
            waiting_votes=workspace.votes_awaiting_ballot,
            other_open_votes=[
                vote for vote in workspace.open_votes if vote not in workspace.votes_awaiting_ballot
            ],
            amendments_to_decide=workspace.amendments_to_decide,
            drafts_i_lead=workspace.drafts_i_lead,
            position_groups=groups,
            council_requests=workspace.requests if workspace.is_member else None,
            # A member may also represent an organisation: its own requests are listed apart.
            my_requests=[
                council_request
                for council_request in workspace.requests
                if council_request.requested_by_id == user.pk
                or council_request.organisation_id in represented
            ]
            if workspace.is_member
            else workspace.requests,
            can_request=bool(represented),
            can_create_position=workspace.is_member,
            **kwargs,
        )
