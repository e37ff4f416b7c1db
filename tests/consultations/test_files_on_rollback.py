"""A failed transaction leaves no file behind: act versions, consultation attachments,
comment attachments (``core.transactions.store_file``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from acts import services as act_services
from acts.models import ActVersion
from consultations import services
from consultations.models import CommentAttachment, ConsultationAttachment
from core.transactions import all_or_nothing
from tests.acts.texts import SAMPLE_ACT
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import comment_on

pytestmark = pytest.mark.django_db


class RequestFailed(Exception):
    pass


def files_on_disk() -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def upload(name: str = "opis.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, SAMPLE_ACT.encode(), content_type="text/plain")


def fails_after(store) -> None:
    """Run ``store`` in a request's transaction (as under an Idempotency-Key) that fails
    after the service has stored its file."""

    def request() -> None:
        with all_or_nothing():
            store()
            assert len(files_on_disk()) == 1
            raise RequestFailed

    with pytest.raises(RequestFailed):
        request()


def test_a_version_from_a_file_leaves_no_file_when_the_transaction_fails(act, official):
    fails_after(lambda: act_services.version_create(act=act, actor=official, file=upload()))
    assert not ActVersion.objects.exists()
    assert files_on_disk() == []


def test_a_consultation_attachment_leaves_no_file_when_the_transaction_fails(
    consultation, official
):
    fails_after(
        lambda: services.consultation_attachment_add(
            consultation=consultation, actor=official, uploaded_file=upload()
        )
    )
    assert not ConsultationAttachment.objects.exists()
    assert files_on_disk() == []


def test_a_comment_attachment_leaves_no_file_when_the_transaction_fails(
    consultation, ngo, ngo_member
):
    comment = comment_on(consultation, ngo_member, organisation=ngo)
    fails_after(
        lambda: services.comment_attachment_add(
            comment=comment, actor=ngo_member, uploaded_file=upload()
        )
    )
    assert not CommentAttachment.objects.exists()
    assert files_on_disk() == []


def test_a_comment_attachment_refused_inside_the_service_leaves_no_file(
    consultation, ngo, ngo_member, monkeypatch
):
    comment = comment_on(consultation, ngo_member, organisation=ngo)

    def audit_fails(**_kwargs):
        raise RequestFailed("the audit event could not be written")

    monkeypatch.setattr("consultations.services.comment_attachments.audit_log", audit_fails)
    with pytest.raises(RequestFailed):
        services.comment_attachment_add(comment=comment, actor=ngo_member, uploaded_file=upload())
    assert files_on_disk() == []
