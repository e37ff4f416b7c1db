"""How far a request to the council has come: one list of steps, read by its page and its
API alike, so that what the requester is told follows the request's state (a request no
one has accepted yet is not "being drafted")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.dates import moment_text
from opinions.models import CouncilRequest, PositionStatus, RequestStatus


class Step:
    SENT = "sent"
    AWAITING_DECISION = "awaiting_decision"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    DRAFTING = "drafting"
    VOTING = "voting"
    VOTED = "voted"
    ADOPTED = "adopted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    ALL = (
        SENT,
        AWAITING_DECISION,
        ACCEPTED,
        DECLINED,
        DRAFTING,
        VOTING,
        VOTED,
        ADOPTED,
        REJECTED,
        WITHDRAWN,
    )


@dataclass(frozen=True)
class ProgressStep:
    """One step: ``code`` (a ``Step``), what happened, when and by whom (when known), a
    note (a reason, a result); ``current`` marks the step still under way."""

    code: str
    text: str
    at: dt.datetime | None = None
    by: str = ""
    note: str = ""
    current: bool = False


def _name(user: Any) -> str:
    return user.full_name if user is not None else ""


def request_progress(
    council_request: CouncilRequest, *, position: Any = None, vote: Any = None
) -> list[ProgressStep]:
    """The steps of ``council_request`` so far, oldest first: filed, then waiting for the
    officers or accepted/declined (by whom, when), then the drafting, the vote and its
    outcome of its position (``position`` and its latest ``vote``, when there are)."""
    steps = [
        ProgressStep(
            Step.SENT,
            _("Request filed"),
            at=council_request.created_at,
            by=_name(council_request.requested_by),
        )
    ]
    if council_request.status == RequestStatus.SUBMITTED:
        steps.append(
            ProgressStep(
                Step.AWAITING_DECISION,
                _("Waiting for the chair or the secretary of the council to accept or decline it."),
                current=True,
            )
        )
        return steps
    if council_request.status == RequestStatus.DECLINED:
        steps.append(
            ProgressStep(
                Step.DECLINED,
                _("Declined by the council"),
                at=council_request.decided_at,
                by=_name(council_request.decided_by),
                note=council_request.decline_reason,
            )
        )
        return steps
    steps.append(
        ProgressStep(
            Step.ACCEPTED,
            _("Accepted by the council"),
            at=council_request.decided_at,
            by=_name(council_request.decided_by),
        )
    )
    if position is None:
        return steps
    if position.status == PositionStatus.DRAFT:
        steps.append(
            ProgressStep(
                Step.DRAFTING,
                _("Members are drafting the position; the vote has not opened yet."),
                current=True,
            )
        )
        return steps
    if vote is not None:
        if vote.closed_at is None:
            steps.append(
                ProgressStep(
                    Step.VOTING,
                    _("The council is voting at a meeting.")
                    if vote.deadline is None
                    else _("The council is voting, until %(deadline)s.")
                    % {"deadline": moment_text(vote.deadline)},
                    at=vote.opened_at,
                    current=True,
                )
            )
        else:
            steps.append(
                ProgressStep(
                    Step.VOTED,
                    _("The council voted"),
                    at=vote.closed_at,
                    note=_result(vote),
                )
            )
    if position.status == PositionStatus.ADOPTED:
        steps.append(
            ProgressStep(
                Step.ADOPTED,
                _("Adopted as %(title)s") % {"title": position.title},
                at=position.adopted_at,
            )
        )
    elif position.status == PositionStatus.REJECTED:
        steps.append(ProgressStep(Step.REJECTED, _("The council did not adopt the position.")))
    elif position.status == PositionStatus.WITHDRAWN:
        steps.append(ProgressStep(Step.WITHDRAWN, _("The position was withdrawn.")))
    return steps


def _result(vote: Any) -> str:
    return ", ".join(
        [
            ngettext("%(count)d vote for", "%(count)d votes for", vote.votes_for)
            % {"count": vote.votes_for},
            ngettext("%(count)d against", "%(count)d against", vote.votes_against)
            % {"count": vote.votes_against},
            ngettext("%(count)d abstention", "%(count)d abstentions", vote.abstentions)
            % {"count": vote.abstentions},
        ]
    )
