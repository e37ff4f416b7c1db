"""Every write of the consultations API is on ``core.api_base`` and honours
``Idempotency-Key``: a retry is answered from the store and runs nothing again, not even
what a rollback cannot undo (a stored file)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from consultations.api import urls
from consultations.events import ConsultationVerb
from consultations.models import CommentAttachment, ConsultationAttachment
from core.api_base import ApiView
from core.models import AuditEvent
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import comment_on, submitted

pytestmark = pytest.mark.django_db


def files_on_disk() -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def test_every_endpoint_is_built_on_the_api_base():
    views = {pattern.name: pattern.callback.view_class for pattern in urls.urlpatterns}
    assert [name for name, view in views.items() if not issubclass(view, ApiView)] == []


def test_a_retried_comment_attachment_stores_one_file(api_as, consultation, ngo, ngo_member):
    draft = comment_on(consultation, ngo_member, organisation=ngo)
    client = api_as(ngo_member)
    url = f"/api/v1/comments/{draft.pk}/attachments/"

    def send():
        upload = SimpleUploadedFile("skan.png", b"\x89PNG\r\n\x1a\nxxxx")
        return client.post(url, {"file": upload}, format="multipart", HTTP_IDEMPOTENCY_KEY="a1")

    first, retry = send(), send()

    assert first.status_code == 201, first.json()
    assert retry.status_code == 201
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()
    assert CommentAttachment.objects.count() == 1
    assert len(files_on_disk()) == 1


def test_a_retried_consultation_attachment_stores_one_file(api_as, consultation, official):
    client = api_as(official)
    url = f"/api/v1/consultations/{consultation.pk}/attachments/"

    def send():
        upload = SimpleUploadedFile("opis.txt", b"Opis projektu.", "text/plain")
        return client.post(url, {"file": upload}, format="multipart", HTTP_IDEMPOTENCY_KEY="c1")

    first, retry = send(), send()

    assert first.status_code == 201, first.json()
    assert retry["Idempotent-Replayed"] == "true"
    assert ConsultationAttachment.objects.count() == 1
    assert len(files_on_disk()) == 1


def test_a_retried_hide_is_one_decision(
    api_as, consultation, provisions, ngo, ngo_representative, official
):
    comment = submitted(consultation, ngo_representative, ngo, provision=provisions[3])
    client = api_as(official)
    url = f"/api/v1/comments/{comment.pk}/hide/"

    first = client.post(url, {"reason": "Wulgaryzmy."}, format="json", HTTP_IDEMPOTENCY_KEY="h1")
    retry = client.post(url, {"reason": "Wulgaryzmy."}, format="json", HTTP_IDEMPOTENCY_KEY="h1")

    assert first.status_code == 200, first.json()
    assert retry.json() == first.json()
    assert (
        AuditEvent.objects.for_target(comment).filter(verb=ConsultationVerb.COMMENT_HIDDEN).count()
        == 1
    )
