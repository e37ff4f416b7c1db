"""Documents in a real browser: a council member makes the draft's PDF from its page,
downloads it and verifies it on the public verification page by upload; a document being
made updates its status on the page without a reload; axe-core finds no violations on the
verification page; an NGO's member makes and downloads the signed receipt of a submitted
comment from its receipt page."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from documents.models import Document, DocumentStatus
from tests.documents.conftest import make_receipt_comment
from tests.opinions.pages import conftest as scene
from tests.pdf import minimal_pdf

pytestmark = pytest.mark.e2e

council = scene.council
term = scene.term
make_member = scene.make_member
chair = scene.chair
secretary = scene.secretary
council_member = scene.council_member
recused_member = scene.recused_member
former_member = scene.former_member
members = scene.members
consultation = scene.consultation
comments = scene.comments
draft_position = scene.draft_position


def test_a_member_makes_downloads_and_verifies_the_drafts_signed_pdf(
    page: Page, url, log_in, council_member, draft_position, tmp_path
):
    log_in(council_member)
    page.goto(url(reverse("council:position_detail", args=[draft_position.pk])))
    # Without a broker the task runs when the request commits (rendering and signing inside
    # the request, the first time in this process): the page then shows it ready.
    page.get_by_role("button", name="Wygeneruj PDF aktualnej wersji").click(timeout=120_000)
    download_link = page.get_by_role("link", name="Pobierz PDF")
    expect(download_link).to_be_visible(timeout=60_000)
    with page.expect_download() as started:
        download_link.click()
    path = tmp_path / "dokument.pdf"
    started.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF-")
    pdfsig = subprocess.run(
        [shutil.which("pdfsig") or "pdfsig", str(path)], capture_output=True, text=True, check=False
    )
    assert "Signature is Valid" in pdfsig.stdout

    page.goto(url(reverse("documents:verify")))
    page.get_by_label("Dokument PDF do sprawdzenia").set_input_files(str(path))
    page.get_by_role("button", name="Sprawdź plik").click()
    expect(page.get_by_role("status")).to_contain_text("niezmieniony i ważnie podpisany")


def test_a_document_being_made_updates_its_status_without_a_reload(
    page: Page, url, log_in, council_member, draft_position
):
    document = Document.objects.create(
        kind="position", subject_id=draft_position.pk, title="Projekt", data_hash="f" * 64
    )
    log_in(council_member)
    page.goto(url(reverse("council:position_detail", args=[draft_position.pk])))
    item = page.locator(f'[data-document-status-url$="/{document.pk}/"]')
    expect(item).to_contain_text("w kolejce")
    expect(item.get_by_role("link", name="Pobierz PDF")).to_be_hidden()

    data = minimal_pdf("gotowy")
    document.file.save(document.filename, io.BytesIO(data), save=False)
    Document.objects.filter(pk=document.pk).update(
        file=document.file.name,
        status=DocumentStatus.READY,
        size=len(data),
        sha256="0" * 64,
        ready_at=timezone.now(),
    )
    expect(item).to_contain_text("gotowy", timeout=15_000)
    expect(item.get_by_role("link", name="Pobierz PDF")).to_be_visible()


def test_a_member_downloads_the_signed_receipt_of_a_comment_from_its_receipt_page(
    page: Page, url, log_in, department, ngo, ngo_member, tmp_path
):
    comment = make_receipt_comment(department=department, organisation=ngo, author=ngo_member)
    log_in(ngo_member)
    page.goto(url(reverse("consultations:comment_receipt", args=[comment.pk])))
    page.get_by_role("button", name="Wygeneruj PDF aktualnej wersji").click(timeout=120_000)
    download_link = page.get_by_role("link", name="Pobierz PDF")
    expect(download_link).to_be_visible(timeout=60_000)
    with page.expect_download() as started:
        download_link.click()
    path = tmp_path / "potwierdzenie.pdf"
    started.value.save_as(path)
    assert started.value.suggested_filename.startswith(f"comment_receipt-{comment.pk}-")
    pdfsig = subprocess.run(
        [shutil.which("pdfsig") or "pdfsig", str(path)], capture_output=True, text=True, check=False
    )
    assert "Signature is Valid" in pdfsig.stdout
    text = subprocess.run(
        [shutil.which("pdftotext") or "pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    flat = " ".join(text.split())
    assert f"Potwierdzenie złożenia uwag nr {comment.tracking_number}" in flat
    assert "Zażółć gęślą jaźń" in flat


def test_axe_finds_no_violations_on_the_verification_page(page: Page, url):
    page.goto(url(reverse("documents:verify")))
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
