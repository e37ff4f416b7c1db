"""A draft comment can be deleted by the member who wrote it or by a representative of its
organisation (service, API, page), audited, with its attachments' files; a submitted
comment cannot (it is withdrawn instead)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consultations import permissions, services
from consultations.models import Comment, CommentAttachment
from core.exceptions import InvalidTransition, NotAllowed
from core.models import AuditEvent
from tests import factories
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import comment_on, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_member(ngo):
    user = factories.UserFactory(full_name="Jan Drugi")
    factories.MembershipFactory(user=user, organisation=ngo)
    return user


@pytest.fixture
def draft(consultation, provisions, ngo, ngo_member):
    return comment_on(consultation, ngo_member, organisation=ngo, provision=provisions[2])


def test_who_may_delete_a_draft(
    draft, ngo_member, other_member, ngo_representative, other_ngo_representative, official
):
    assert permissions.can_delete_comment(ngo_member, draft)  # its author
    assert permissions.can_delete_comment(ngo_representative, draft)  # a representative
    assert not permissions.can_delete_comment(other_member, draft)  # another member
    assert not permissions.can_delete_comment(other_ngo_representative, draft)
    assert not permissions.can_delete_comment(official, draft)


def test_the_author_deletes_a_draft_with_its_attachments(
    draft, ngo_member, django_capture_on_commit_callbacks
):
    attachment = services.comment_attachment_add(
        comment=draft,
        actor=ngo_member,
        uploaded_file=SimpleUploadedFile("uwagi.txt", b"Tekst uwagi.", "text/plain"),
    )
    storage, name = attachment.file.storage, attachment.file.name
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        services.comment_delete(comment=draft, actor=ngo_member)

    assert not Comment.objects.filter(pk=draft.pk).exists()
    assert not CommentAttachment.objects.filter(pk=attachment.pk).exists()
    assert not storage.exists(name)
    event = AuditEvent.objects.filter(verb="comment.deleted").get()
    assert event.target_id == str(draft.pk)
    assert event.data["attachments"] == 1
    assert "proposed_wording" not in event.data


def test_another_member_cannot_delete_a_draft(draft, other_member):
    with pytest.raises(NotAllowed):
        services.comment_delete(comment=draft, actor=other_member)
    assert Comment.objects.filter(pk=draft.pk).exists()


def test_a_submitted_comment_cannot_be_deleted(consultation, provisions, ngo, ngo_representative):
    comment = submitted(consultation, ngo_representative, ngo, provisions[2])
    with pytest.raises(InvalidTransition):
        services.comment_delete(comment=comment, actor=ngo_representative)
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_the_api_deletes_a_draft_and_refuses_a_submitted_comment(
    api_as, draft, consultation, provisions, ngo, ngo_representative, other_member
):
    url = f"/api/v1/comments/{draft.pk}/"
    assert api_as(other_member).delete(url).status_code == 403
    assert api_as(ngo_representative).delete(url).status_code == 204
    assert not Comment.objects.filter(pk=draft.pk).exists()
    assert api_as(ngo_representative).delete(url).status_code == 404

    comment = submitted(consultation, ngo_representative, ngo, provisions[3])
    response = api_as(ngo_representative).delete(f"/api/v1/comments/{comment.pk}/")
    assert response.status_code == 409


def test_the_page_asks_before_deleting_a_draft(client_as, draft, ngo_member, other_member):
    mine = client_as(ngo_member).get(reverse("consultations:my_comments")).content.decode()
    url = reverse("consultations:comment_delete", args=[draft.pk])
    assert url in mine

    confirmation = client_as(ngo_member).get(url)
    assert confirmation.status_code == 200
    assert Comment.objects.filter(pk=draft.pk).exists()

    assert client_as(other_member).post(url).status_code == 404
    response = client_as(ngo_member).post(url)
    assert response.status_code == 302
    assert not Comment.objects.filter(pk=draft.pk).exists()
