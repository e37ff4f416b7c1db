"""In a real browser: the author of a draft comment downloads its attachment from the
comment's page, under its original (Polish) name; the public meets a 404 at the same
address."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import Page

from acts import services as act_services
from consultations import services
from tests.acts.texts import SAMPLE_ACT
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import comment_on
from tests.pdf import minimal_pdf

pytestmark = pytest.mark.e2e

NAME = "Uzasadnienie_źródła.pdf"


@pytest.fixture
def published_version(official, department):
    act = act_services.act_create(
        actor=official,
        department=department,
        title="Projekt uchwały w sprawie programu współpracy",
        subject="w sprawie programu współpracy z organizacjami pozarządowymi",
    )
    version = act_services.version_create(act=act, actor=official, text=SAMPLE_ACT)
    return act_services.version_publish(version=version, actor=official)


def test_the_author_downloads_a_draft_comments_attachment(
    page: Page, url, log_in, consultation, ngo, ngo_member
):
    draft = comment_on(consultation, ngo_member, organisation=ngo)
    services.comment_attachment_add(
        comment=draft,
        actor=ngo_member,
        uploaded_file=SimpleUploadedFile(NAME, minimal_pdf(), "application/pdf"),
    )
    address = url(reverse("files:comment-attachment", args=[draft.attachments.get().pk]))
    assert page.request.get(address).status == 404
    log_in(ngo_member)
    page.goto(url(reverse("consultations:comment_edit", args=[draft.pk])))
    with page.expect_download() as started:
        page.get_by_role("link", name=NAME).click()
    download = started.value
    assert download.suggested_filename == NAME
    with open(download.path(), "rb") as saved:
        assert saved.read() == minimal_pdf()
