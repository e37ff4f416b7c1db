"""The comment serializer builds its answer directly, for speed; it must say exactly what
DRF's field-by-field rendering of the same declared fields says, for every kind of comment
and every viewer."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from consultations import selectors, services
from consultations.api.serializers import CommentOutputSerializer
from consultations.models import Audience, ConsultationStatus, CouncilSubmission
from tests import factories
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import comment_on, submitted
from tests.pdf import minimal_pdf

pytestmark = pytest.mark.django_db


def _rendered(comments, viewer):
    request = APIRequestFactory().get("/api/v1/")
    request.user = viewer
    context = {"request": request, "now": timezone.now()}
    fast = CommentOutputSerializer(comments, many=True, context=context).data
    generic_serializer = CommentOutputSerializer(context=context)
    generic = [
        serializers.ModelSerializer.to_representation(generic_serializer, comment)
        for comment in comments
    ]
    return [dict(row) for row in fast], [dict(row) for row in generic]


@pytest.fixture
def every_kind(consultation, official, ngo, ngo_member, ngo_representative, resident, provisions):
    """Drafts, submitted, hidden, answered, with a file, a resident's and the council's."""
    draft = comment_on(consultation, ngo_member, organisation=ngo, provision=provisions[0])
    with_file = comment_on(consultation, ngo_member, organisation=ngo, provision=provisions[1])
    services.comment_attachment_add(
        comment=with_file,
        actor=ngo_member,
        uploaded_file=SimpleUploadedFile("uwagi.pdf", minimal_pdf("uwagi")),
    )
    services.comment_submit(comment=with_file, actor=ngo_representative)
    hidden = submitted(consultation, ngo_representative, ngo, provision=provisions[2])
    services.comment_hide(comment=hidden, actor=official, reason="Dane osobowe.")
    answered = submitted(consultation, ngo_representative, ngo)
    factories.AnswerFactory(comment=answered, answered_by=official)
    comment_on(consultation, resident, provision=provisions[3], submit=True)
    submission = CouncilSubmission.objects.create(
        consultation=consultation,
        reference="Uchwała nr 7/2027",
        council_name="Sopocka Rada Organizacji Pozarządowych",
        delivered_at=consultation.starts_at,
        external_id="7",
    )
    factories.CommentFactory(
        consultation=consultation,
        organisation=None,
        author=ngo_representative,
        council_submission=submission,
        submitted_at=consultation.starts_at,
    )
    return draft


@pytest.mark.parametrize(
    "persona", ["anonymous", "resident", "ngo_member", "ngo_representative", "official"]
)
def test_the_direct_rendering_equals_drfs_for_every_viewer(
    request, consultation, every_kind, persona
):
    viewer = request.getfixturevalue(persona)
    comments = list(selectors.comment_list_for(viewer=viewer, consultation=consultation))

    fast, generic = _rendered(comments, viewer)

    assert len(fast) >= 5
    assert fast == generic


def test_the_answer_shows_to_the_public_once_the_report_is_published(
    consultation, every_kind, anonymous
):
    consultation.status = ConsultationStatus.REPORT_PUBLISHED
    consultation.report_published_at = timezone.now()
    consultation.save()
    comments = list(selectors.comment_list_for(viewer=anonymous, consultation=consultation))

    fast, generic = _rendered(comments, anonymous)

    assert [row["answer"] for row in fast if row["answer"]]
    assert fast == generic


def test_residents_are_not_named_to_the_public(consultation, resident, anonymous):
    assert consultation.audience == Audience.ORGANISATIONS_AND_RESIDENTS
    comment_on(consultation, resident, submit=True)
    comments = list(selectors.comment_list_for(viewer=anonymous, consultation=consultation))

    fast, _generic = _rendered(comments, anonymous)
    own, _ = _rendered(
        list(selectors.comment_list_for(viewer=resident, consultation=consultation)), resident
    )

    assert [row["author"] for row in fast] == ["Mieszkaniec"]
    assert [row["drafted_by"] for row in fast] == [None]
    assert [row["author"] for row in own] == [resident.full_name]
