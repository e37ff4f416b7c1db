"""Reads of requests to the council: the requesters see theirs, the council its term's."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts import permissions as account_permissions
from accounts import selectors as account_selectors
from opinions import permissions
from opinions.models import CouncilRequest, CouncilRequestAttachment, TermMember
from opinions.request_progress import ProgressStep, request_progress
from opinions.selectors.votes import vote_list


def request_list(*, viewer: Any) -> QuerySet[CouncilRequest]:
    """Requests the viewer may see, newest first, with organisation, requester, term and
    position; attachments prefetched."""
    queryset = CouncilRequest.objects.select_related(
        "organisation", "requested_by", "term__council", "position__council", "decided_by"
    ).prefetch_related("attachments")
    if not account_permissions.is_administrator(viewer):
        if not account_permissions.is_authenticated(viewer):
            return queryset.none()
        today = timezone.localdate()
        seats = (
            TermMember.objects.active_on(today)
            .filter(user_id=viewer.pk, term__starts_on__lte=today, term__ends_on__gte=today)
            .values("term_id")
        )
        organisations = account_selectors.organisations_of_member(user=viewer).values("pk")
        queryset = queryset.filter(
            Q(requested_by=viewer) | Q(term__in=seats) | Q(organisation__in=organisations)
        )
    return queryset.order_by("-created_at", "-pk")


def request_attachment_for(*, viewer: Any, pk: Any) -> CouncilRequestAttachment:
    """An attachment of a request the viewer may see (``request_get_for``); Http404
    otherwise."""
    request_id = (
        CouncilRequestAttachment.objects.filter(pk=pk).values_list("request_id", flat=True).first()
        if str(pk).isdigit()
        else None
    )
    if request_id is None:
        raise Http404
    for attachment in request_get_for(viewer=viewer, pk=request_id).attachments.all():
        if attachment.pk == int(pk):
            return attachment
    raise Http404


def request_get_for(*, viewer: Any, pk: Any) -> CouncilRequest:
    try:
        request = request_list(viewer=viewer).get(pk=pk)
    except (CouncilRequest.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not permissions.can_view_request(viewer, request):
        raise Http404
    return request


def request_progress_for(*, viewer: Any, council_request: CouncilRequest) -> list[ProgressStep]:
    """The steps of a request the viewer sees (``request_get_for``), with its position's
    latest vote as the viewer may see it. One query for the vote when there is a position."""
    position = getattr(council_request, "position", None)
    vote = None
    if position is not None:
        vote = vote_list(viewer=viewer, filters={"position": position.pk}).first()
    return request_progress(council_request, position=position, vote=vote)
