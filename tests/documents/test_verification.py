"""Verifying a PDF: the file issued here (valid), the same file with bytes appended or one
byte changed (changed after signing), a PDF from elsewhere (not issued here), and uploads
that cannot be checked (not a PDF, encrypted, too large, damaged), through the service and
the public pages. The issued file is the module's one rendering (``rendered_report``)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.exceptions import FileTooLarge, UnsupportedFileType
from documents.verification import Outcome, verify_pdf, verify_upload
from tests.documents.conftest import issued
from tests.pdf import minimal_pdf

pytestmark = pytest.mark.django_db


def changed_byte(pdf: bytes) -> bytes:
    """One byte of the first page's content changed, before the signature."""
    position = len(pdf) // 4
    return pdf[:position] + bytes([pdf[position] ^ 0x01]) + pdf[position + 1 :]


def encrypted_pdf() -> bytes:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import copy_into_new_writer

    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(minimal_pdf("tajne"))))
    writer.encrypt("owner-secret", "user-secret")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def test_the_issued_file_is_unchanged_and_validly_signed(rendered_report):
    document = issued(rendered_report)
    verification = verify_pdf(rendered_report.pdf)
    assert verification.outcome == Outcome.VALID
    assert verification.document == document


@pytest.mark.parametrize(
    "tamper",
    [lambda pdf: pdf + b"\n% appended after signing\n", changed_byte],
    ids=["bytes-appended", "byte-changed"],
)
def test_a_file_changed_after_signing_is_recognised_as_such(rendered_report, tamper):
    document = issued(rendered_report)
    verification = verify_pdf(tamper(rendered_report.pdf))
    assert verification.outcome == Outcome.CHANGED
    assert verification.document == document


def test_a_pdf_from_elsewhere_was_not_issued_here(rendered_report):
    issued(rendered_report)
    assert verify_pdf(minimal_pdf("obcy")).outcome == Outcome.NOT_ISSUED


def test_a_signed_file_whose_document_is_not_recorded_here_was_not_issued_here(rendered_report):
    assert verify_pdf(rendered_report.pdf).outcome == Outcome.NOT_ISSUED


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (b"just some text, not a PDF", UnsupportedFileType, "not a PDF"),
        (minimal_pdf()[:-40], UnsupportedFileType, "not a complete PDF"),
        (None, UnsupportedFileType, "encrypted"),
    ],
    ids=["not-a-pdf", "damaged", "encrypted"],
)
def test_what_cannot_be_checked_is_refused_with_a_message(data, error, words, english):
    with pytest.raises(error) as refused:
        verify_pdf(encrypted_pdf() if data is None else data)
    assert words in refused.value.message
    assert refused.value.extra["fields"]["file"] == [refused.value.message]


def test_an_upload_over_the_limit_is_refused_before_it_is_read(settings, english):
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(FileTooLarge) as refused:
        verify_upload(SimpleUploadedFile("big.pdf", minimal_pdf() + b"%" * 200))
    assert "larger than" in refused.value.message


# --- The pages ---------------------------------------------------------------------------


def upload(client, data: bytes, name: str = "dokument.pdf"):
    return client.post(
        reverse("documents:verify"),
        {"file": SimpleUploadedFile(name, data, content_type="application/pdf")},
    )


def test_the_page_says_an_issued_file_is_unchanged(client, rendered_report):
    issued(rendered_report)
    page = upload(client, rendered_report.pdf).content.decode()
    assert "niezmieniony i ważnie podpisany" in page
    assert reverse("documents:verify_code", args=[rendered_report.code]) in page


def test_the_page_says_a_changed_file_was_changed_after_signing(client, rendered_report):
    issued(rendered_report)
    page = upload(client, changed_byte(rendered_report.pdf)).content.decode()
    assert "zmieniono go po podpisaniu" in page


def test_the_page_says_a_foreign_file_was_not_issued_here(client):
    page = upload(client, minimal_pdf("obcy")).content.decode()
    assert "nie został wydany na platformie" in page


def test_the_page_explains_a_refused_upload(client):
    response = upload(client, b"GIF89a not a pdf", name="obraz.gif")
    assert response.status_code == 400
    assert "Plik nie jest dokumentem PDF" in response.content.decode()


def test_the_code_page_describes_the_document_and_offers_the_original(client, rendered_report):
    document = issued(rendered_report)
    document.file.save(document.filename, io.BytesIO(rendered_report.pdf))
    code = rendered_report.code.lower()  # typed in lower case

    page = client.get(reverse("documents:verify") + f"?code={code}", follow=True)
    text = page.content.decode()
    assert document.sha256 in text
    assert "podpis testowy" in text
    download = client.get(reverse("documents:verify_download", args=[document.verification_code]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == rendered_report.pdf
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_an_unknown_code_is_said_to_be_unknown(client):
    assert client.get(reverse("documents:verify_code", args=["ACDEFACDEF"])).status_code == 404
    page = client.get(reverse("documents:verify") + "?code=ACDEFACDEF").content.decode()
    assert "Żaden dokument nie ma takiego kodu" in page
