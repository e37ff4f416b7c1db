"""The busiest write: a comment created and submitted in one request. One conditional
INSERT stores it with its receipt; the consultation, the provision and the organisation are
found with as little work as the answer allows."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from acts import selectors as act_selectors
from consultations import selectors
from consultations.exceptions import ConsultationNotOpen, TooManyAttachments
from consultations.models import Comment, CommentStatus, ConsultationStatus
from core.exceptions import NotAllowed
from core.models import AuditEvent
from core.tracking import new_tracking_number
from tests import factories
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import comment_on, submitted
from tests.pdf import minimal_pdf

pytestmark = pytest.mark.django_db


def test_a_comment_submitted_at_once_is_inserted_submitted_and_audited_once(
    consultation, ngo, ngo_representative, provisions
):
    with CaptureQueriesContext(connection) as queries:
        comment = submitted(consultation, ngo_representative, ngo, provision=provisions[1])

    statements = [query["sql"].split()[0] for query in queries]
    assert "UPDATE" not in statements
    # The comment, its wording as version 1, the audit event, and the receipt's notification
    # in the same transaction (the outbox: its event and its deliveries).
    inserts = [query["sql"] for query in queries if query["sql"].startswith("INSERT")]
    assert len(inserts) == 5
    assert ["notifications_event" in sql for sql in inserts] == [False] * 3 + [True, False]
    assert "notifications_delivery" in inserts[4]
    stored = Comment.objects.get(pk=comment.pk)
    assert stored.status == CommentStatus.SUBMITTED
    assert stored.submitted_by == ngo_representative
    assert stored.submitted_at == comment.submitted_at
    assert stored.created_at == stored.updated_at == stored.submitted_at
    assert stored.tracking_number == comment.tracking_number
    assert stored.tracking_number.startswith(consultation.version.act.department.authority.code)
    assert stored.revision == 1
    (event,) = AuditEvent.objects.filter(target_id=str(comment.pk), verb__startswith="comment.")
    assert event.verb == "comment.submitted"
    assert event.data["organisation"] == ngo.pk
    assert event.data["provision"] == provisions[1].pk
    assert event.data["tracking_number"] == comment.tracking_number


def test_a_taken_tracking_number_is_drawn_again(consultation, ngo, ngo_representative):
    first = submitted(consultation, ngo_representative, ngo)
    fresh = "SOP-2026-AAAA-BBBB"
    with mock.patch(
        "consultations.services.comment_checks.new_tracking_number",
        side_effect=[first.tracking_number, fresh],
    ):
        second = submitted(consultation, ngo_representative, ngo)

    assert second.tracking_number == fresh
    assert Comment.objects.filter(consultation=consultation).count() == 2


def test_a_member_who_is_not_a_representative_cannot_submit_at_once_and_nothing_is_stored(
    consultation, ngo, ngo_member
):
    with pytest.raises(NotAllowed) as refused:
        comment_on(consultation, ngo_member, organisation=ngo, submit=True)

    assert "wersję roboczą" in str(refused.value.message)
    assert not Comment.objects.exists()
    assert not AuditEvent.objects.filter(verb__startswith="comment.").exists()


def test_a_submission_without_justification_where_one_is_required_stores_nothing(
    consultation, ngo, ngo_representative
):
    with pytest.raises(ValidationError) as refused:
        submitted(consultation, ngo_representative, ngo, justification="  ")

    assert "justification" in refused.value.message_dict
    assert not Comment.objects.exists()


def test_a_cancelled_consultation_takes_no_submission_even_if_the_check_before_missed_it(
    consultation, ngo, ngo_representative
):
    # The application clock's check passes on the object in hand; the database says no.
    type(consultation).objects.filter(pk=consultation.pk).update(
        status=ConsultationStatus.CANCELLED
    )
    with pytest.raises(ConsultationNotOpen):
        submitted(consultation, ngo_representative, ngo)

    assert not Comment.objects.exists()


# --- Finding what a submission names ----------------------------------------------------


def test_the_consultation_for_comments_comes_with_its_department_and_authority_code(
    consultation, anonymous
):
    with CaptureQueriesContext(connection) as queries:
        found = selectors.consultation_for_comments(viewer=anonymous, pk=consultation.pk)
        department_id = found.version.act.department_id
        code = found.version.act.department.authority.code

    assert len(queries.captured_queries) == 1
    assert found.pk == consultation.pk
    assert found.ends_at == consultation.ends_at
    assert department_id == consultation.version.act.department_id
    assert code == consultation.version.act.department.authority.code


@pytest.mark.parametrize("pk", ["x", None, 10**9])
def test_the_consultation_for_comments_is_404_when_it_does_not_exist(anonymous, pk):
    with pytest.raises(Http404):
        selectors.consultation_for_comments(viewer=anonymous, pk=pk)


def test_a_draft_consultation_is_only_found_by_its_department_and_administrators(
    official, other_official, administrator, anonymous, department
):
    draft = factories.ConsultationFactory(
        status=ConsultationStatus.DRAFT, version__act__department=department
    )
    for viewer in (anonymous, other_official):
        with pytest.raises(Http404):
            selectors.consultation_for_comments(viewer=viewer, pk=draft.pk)
    for viewer in (official, administrator):
        fresh = User.objects.get(pk=viewer.pk)
        assert selectors.consultation_for_comments(viewer=fresh, pk=draft.pk).pk == draft.pk


def test_a_provision_is_found_only_in_its_own_version(consultation, provisions):
    other = factories.ProvisionFactory()

    assert (
        act_selectors.provision_in_version(version_id=consultation.version_id, pk=provisions[0].pk)
        == provisions[0]
    )
    assert (
        act_selectors.provision_in_version(version_id=consultation.version_id, pk=other.pk) is None
    )


def test_the_api_refuses_a_provision_of_another_version(
    api_as, consultation, ngo, ngo_representative
):
    other = factories.ProvisionFactory()
    response = api_as(ngo_representative).post(
        f"/api/v1/consultations/{consultation.pk}/comments/",
        {"organisation": ngo.pk, "provision": other.pk, "justification": "Uzasadnienie."},
        format="json",
    )

    assert response.status_code == 400
    assert "provision" in response.json()["extra"]["fields"]
    assert not Comment.objects.exists()


def test_the_organisation_of_a_member_is_named_from_the_memberships_already_read(
    api_as, consultation, ngo, ngo_representative
):
    client = api_as(User.objects.get(pk=ngo_representative.pk))
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            f"/api/v1/consultations/{consultation.pk}/comments/",
            {"organisation": ngo.pk, "justification": "Uzasadnienie.", "submit": True},
            format="json",
        )

    assert response.status_code == 201, response.json()
    assert not [q for q in queries if q["sql"].startswith('SELECT "accounts_organisation"')]
    assert response.json()["organisation"] == {"id": ngo.pk, "name": ngo.name}
    assert Comment.objects.get().organisation == ngo


def test_an_organisation_the_user_does_not_belong_to_is_refused_with_a_reason(
    api_as, consultation, ngo_representative
):
    stranger = factories.OrganisationFactory()
    response = api_as(ngo_representative).post(
        f"/api/v1/consultations/{consultation.pk}/comments/",
        {"organisation": stranger.pk, "justification": "Uzasadnienie.", "submit": True},
        format="json",
    )

    assert response.status_code == 403
    assert not Comment.objects.exists()


# --- Written, attached and submitted in one call ----------------------------------------


def _pdf(name: str = "uwagi.pdf"):
    return SimpleUploadedFile(name, minimal_pdf("uwagi"), content_type="application/pdf")


def test_a_comment_with_attachments_is_inserted_submitted_with_one_receipt_drawn(
    consultation, ngo, ngo_representative, provisions
):
    with (
        mock.patch(
            "consultations.services.comment_checks.new_tracking_number",
            wraps=new_tracking_number,
        ) as draws,
        CaptureQueriesContext(connection) as queries,
    ):
        comment = submitted(
            consultation, ngo_representative, ngo, provisions[1], attachments=[_pdf(), _pdf()]
        )

    assert draws.call_count == 1
    statements = [query["sql"].split()[0] for query in queries]
    assert "UPDATE" not in statements  # no draft updated into a submission
    stored = Comment.objects.get(pk=comment.pk)
    assert stored.status == CommentStatus.SUBMITTED
    assert [attachment.name for attachment in stored.attachments.order_by("pk")] == [
        "uwagi.pdf",
        "uwagi.pdf",
    ]
    verbs = list(
        AuditEvent.objects.filter(target_id=str(comment.pk), verb__startswith="comment.")
        .order_by("pk")
        .values_list("verb", flat=True)
    )
    assert verbs == ["comment.submitted", "comment.attachment_added", "comment.attachment_added"]


def test_too_many_attachments_store_neither_the_comment_nor_a_file(
    consultation, ngo, ngo_representative, settings
):
    files = [_pdf() for _ in range(consultation.max_attachments + 1)]
    with pytest.raises(TooManyAttachments):
        submitted(consultation, ngo_representative, ngo, attachments=files)

    assert not Comment.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))


def test_a_refused_submission_stores_neither_the_comment_nor_its_attachments(
    consultation, ngo, ngo_member, settings
):
    with pytest.raises(NotAllowed):
        comment_on(consultation, ngo_member, organisation=ngo, submit=True, attachments=[_pdf()])

    assert not Comment.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))
