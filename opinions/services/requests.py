"""Requests of NGOs to the council. A representative of a verified organisation asks for
an opinion on its offer for a public task or for a recommendation, with attachments; the
request becomes a draft position of that kind in the current term, which the requester
follows. The officers take it up (at the latest by opening the vote) or decline it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.exceptions import OrganisationNotVerified
from accounts.models import Organisation
from core.dates import local_day
from core.exceptions import NotAllowed
from core.services import audit_log
from core.transactions import service_atomic
from core.uploads import check_upload, save_checked_upload
from opinions import notifications, permissions
from opinions.events import OpinionVerb
from opinions.exceptions import InvalidAttachment, NoCurrentTerm, RequestDecided
from opinions.models import (
    CouncilRequest,
    CouncilRequestAttachment,
    Office,
    PositionStatus,
    RequestKind,
    RequestStatus,
    Term,
    TermMember,
)
from opinions.services.common import clean_text, now
from opinions.services.positions import create_position_row

MAX_ATTACHMENTS = 5


def _current_term(moment: Any) -> Term:
    term = (
        Term.objects.current_on(local_day(moment)).select_related("council").order_by("pk").first()
    )
    if term is None:
        raise NoCurrentTerm()
    return term


def _chair(term: Term, moment: Any) -> Any:
    seat = (
        TermMember.objects.active_on(local_day(moment))
        .filter(term=term, office=Office.CHAIR)
        .select_related("user")
        .first()
    )
    return seat.user if seat is not None else None


@service_atomic
def request_submit(
    *,
    organisation: Organisation,
    actor: Any,
    kind: str,
    subject: str,
    description: str = "",
    attachments: Iterable[Any] = (),
) -> CouncilRequest:
    """File a request (a representative of a verified organisation) with up to five
    attachments, checked by content. Creates the draft position of that kind in the current
    term, about the organisation, with the chair as its drafter. Audited."""
    if not permissions.can_submit_request(actor, organisation):
        if not organisation.is_verified:
            raise OrganisationNotVerified()
        raise NotAllowed(_("Only a representative of the organisation can ask the council."))
    if kind not in RequestKind.values:
        raise ValidationError({"kind": _("Choose one of the kinds listed.")})
    files = list(attachments)
    if len(files) > MAX_ATTACHMENTS:
        raise InvalidAttachment(
            _("Attach at most %(count)d files.") % {"count": MAX_ATTACHMENTS},
            extra={"fields": {"attachments": [_("Too many files.")]}},
        )
    checked = [check_upload(file) for file in files]
    moment = now()
    term = _current_term(moment)
    request = CouncilRequest.objects.create(
        term=term,
        organisation=organisation,
        requested_by=actor,
        kind=kind,
        subject=clean_text(subject, field="subject", message=_("Write what you ask for.")),
        description=(description or "").strip(),
        status=RequestStatus.SUBMITTED,
    )
    for upload in checked:
        save_checked_upload(CouncilRequestAttachment(request=request), upload)
    position = create_position_row(
        term=term,
        kind=kind,
        subject=request.subject,
        drafter=_chair(term, moment),
        subject_organisation=organisation,
        justification=request.description,
        request=request,
    )
    audit_log(
        actor=actor,
        verb=OpinionVerb.COUNCIL_REQUEST_SUBMITTED,
        target=request,
        data={
            "organisation": organisation.pk,
            "kind": kind,
            "position": position.pk,
            "attachments": [upload.name for upload in checked],
        },
    )
    notifications.notify_position_drafted(position, actor=actor)
    return request


def _begin_decision(request: CouncilRequest, actor: Any) -> CouncilRequest:
    request = (
        CouncilRequest.objects.select_for_update(of=("self",))
        .select_related("term__council", "organisation")
        .get(pk=request.pk)
    )
    if not permissions.can_decide_request(actor, request):
        raise NotAllowed(_("Only the chair or the secretary decides on requests."))
    if request.status != RequestStatus.SUBMITTED:
        raise RequestDecided()
    return request


@transaction.atomic
def request_accept(*, request: CouncilRequest, actor: Any) -> CouncilRequest:
    """The council takes the request up; its draft position is worked on. Audited."""
    request = _begin_decision(request, actor)
    request.status = RequestStatus.ACCEPTED
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_by", "decided_at"])
    audit_log(actor=actor, verb=OpinionVerb.COUNCIL_REQUEST_ACCEPTED, target=request)
    notifications.notify_request_decision(request)
    return request


@transaction.atomic
def request_decline(*, request: CouncilRequest, actor: Any, reason: str) -> CouncilRequest:
    """Decline a request, with the reason the requester reads; its draft position is
    withdrawn. Audited."""
    request = _begin_decision(request, actor)
    reason = clean_text(reason, field="reason", message=_("Say why the request is declined."))
    request.status = RequestStatus.DECLINED
    request.decline_reason = reason
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decline_reason", "decided_by", "decided_at"])
    position = getattr(request, "position", None)
    if position is not None and position.status == PositionStatus.DRAFT:
        position.status = PositionStatus.WITHDRAWN
        position.save(update_fields=["status", "updated_at"])
    audit_log(
        actor=actor,
        verb=OpinionVerb.COUNCIL_REQUEST_DECLINED,
        target=request,
        data={"reason": reason},
    )
    notifications.notify_request_decision(request)
    return request
