"""A council request whose transaction fails leaves none of its attachments behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from opinions import services
from opinions.models import CouncilRequest, CouncilRequestAttachment, RequestKind
from tests.pdf import minimal_pdf

pytestmark = pytest.mark.django_db

PDF = minimal_pdf()


class Refused(Exception):
    pass


def files_on_disk() -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def test_a_request_that_fails_after_storing_its_attachments_leaves_no_file(
    term, chair, ngo, ngo_representative, monkeypatch
):
    def audit_fails(**_kwargs):
        assert len(files_on_disk()) == 2  # both stored by then
        raise Refused("the audit event could not be written")

    monkeypatch.setattr("opinions.services.requests.audit_log", audit_fails)
    with pytest.raises(Refused):
        services.request_submit(
            organisation=ngo,
            actor=ngo_representative,
            kind=RequestKind.OFFER_OPINION,
            subject="Opinia o ofercie",
            attachments=[
                SimpleUploadedFile(name, PDF, content_type="application/pdf")
                for name in ("oferta.pdf", "budzet.pdf")
            ],
        )
    assert not CouncilRequest.objects.exists()
    assert not CouncilRequestAttachment.objects.exists()
    assert files_on_disk() == []
