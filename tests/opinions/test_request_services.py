"""Requests of NGOs: a representative asks, the request becomes a draft position of that
kind, the council takes it up or declines it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.exceptions import OrganisationNotVerified
from core.exceptions import InvalidInput, NotAllowed
from opinions import selectors, services
from opinions.exceptions import NoCurrentTerm, RequestDecided
from opinions.models import (
    CouncilRequest,
    Position,
    PositionKind,
    PositionStatus,
    RequestKind,
    RequestStatus,
)
from tests import factories
from tests.pdf import minimal_pdf

pytestmark = pytest.mark.django_db

PDF = minimal_pdf()


def submit(organisation, actor, **kwargs):
    return services.request_submit(
        organisation=organisation,
        actor=actor,
        kind=kwargs.pop("kind", RequestKind.OFFER_OPINION),
        subject=kwargs.pop("subject", "Opinia o ofercie"),
        **kwargs,
    )


def test_a_request_becomes_a_draft_position_of_its_kind(term, chair, ngo, ngo_representative):
    offer = SimpleUploadedFile("oferta.pdf", PDF, content_type="application/pdf")

    request = submit(
        ngo,
        ngo_representative,
        kind=RequestKind.RECOMMENDATION,
        description="Do konkursu wojewody.",
        attachments=[offer],
    )

    position = Position.objects.get(request=request)
    assert request.status == RequestStatus.SUBMITTED
    assert request.term == term
    assert (position.kind, position.status) == (PositionKind.RECOMMENDATION, PositionStatus.DRAFT)
    assert position.subject_organisation == ngo
    assert position.drafter == chair
    assert position.justification == "Do konkursu wojewody."
    [attachment] = request.attachments.all()
    assert (attachment.name, attachment.content_type) == ("oferta.pdf", "application/pdf")


def test_the_requester_follows_the_position(term, ngo, ngo_representative, ngo_member, official):
    request = submit(ngo, ngo_representative)
    position = request.position

    assert selectors.position_get_for(viewer=ngo_representative, pk=position.pk) == position
    assert selectors.position_get_for(viewer=ngo_member, pk=position.pk) == position
    assert list(selectors.request_list(viewer=ngo_member)) == [request]
    assert not selectors.request_list(viewer=official).exists()


def test_only_representatives_of_verified_organisations_ask(
    term, ngo, ngo_member, resident, ngo_representative
):
    for person in (ngo_member, resident):
        with pytest.raises(NotAllowed):
            submit(ngo, person)
    ngo.status = "pending"
    ngo.save(update_fields=["status"])
    with pytest.raises(OrganisationNotVerified):
        submit(ngo, ngo_representative)
    assert not CouncilRequest.objects.exists()


def test_attachments_are_checked_by_content(term, ngo, ngo_representative):
    fake = SimpleUploadedFile("oferta.pdf", b"\x00\x01binary", content_type="application/pdf")
    with pytest.raises(InvalidInput):
        submit(ngo, ngo_representative, attachments=[fake])
    too_many = [SimpleUploadedFile(f"{n}.txt", b"tekst") for n in range(6)]
    with pytest.raises(InvalidInput):
        submit(ngo, ngo_representative, attachments=too_many)
    assert not CouncilRequest.objects.exists()


def test_without_a_current_term_nobody_can_ask(ngo, ngo_representative):
    with pytest.raises(NoCurrentTerm):
        submit(ngo, ngo_representative)


def test_the_secretary_declines_and_the_draft_is_withdrawn(
    term, secretary, council_member, ngo, ngo_representative
):
    request = submit(ngo, ngo_representative)
    with pytest.raises(NotAllowed):
        services.request_decline(request=request, actor=council_member, reason="Nie.")

    services.request_decline(
        request=request, actor=secretary, reason="Oferta nie dotyczy zadania publicznego."
    )

    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED
    assert request.position.status == PositionStatus.WITHDRAWN
    with pytest.raises(RequestDecided):
        services.request_accept(request=request, actor=secretary)


def test_the_chair_takes_a_request_up(term, chair, ngo, ngo_representative):
    request = submit(ngo, ngo_representative)
    services.request_accept(request=request, actor=chair)
    request.refresh_from_db()
    assert (request.status, request.decided_by) == (RequestStatus.ACCEPTED, chair)


def test_requests_are_kept_per_term(term, ngo, ngo_representative):
    submit(ngo, ngo_representative)
    other = factories.OrganisationFactory()
    assert not selectors.request_list(viewer=None).exists()
    assert CouncilRequest.objects.filter(organisation=other).count() == 0
