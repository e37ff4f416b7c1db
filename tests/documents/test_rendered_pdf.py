"""The rendered report, checked with independent tools (poppler-utils): the signature is
valid for ``pdfsig``, the text keeps every receipt number and the Polish letters, the PDF
is tagged; and pyHanko validates the PAdES signature. One render for the module."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest

from tests.documents.conftest import POLISH


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: install poppler-utils (.ci/system-packages)"
    return path


def _run(tool: str, pdf: bytes, tmp_path, *arguments: str) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    finished = subprocess.run(
        [_tool(tool), *arguments, str(path), *(["-"] if tool == "pdftotext" else [])],
        capture_output=True,
        text=True,
        check=False,
    )
    return finished.stdout + finished.stderr


def test_pdfsig_says_the_signature_is_valid(rendered_report, tmp_path):
    output = _run("pdfsig", rendered_report.pdf, tmp_path)
    assert "Signature is Valid" in output
    assert "Total document signed" in output


def test_pdfsig_says_bytes_appended_after_signing_are_not_signed(rendered_report, tmp_path):
    output = _run("pdfsig", rendered_report.pdf + b"\n%% appended\n", tmp_path)
    assert "Total document signed" not in output


def test_the_text_has_every_receipt_number_and_the_polish_letters(rendered_report, tmp_path):
    text = _run("pdftotext", rendered_report.pdf, tmp_path, "-enc", "UTF-8")
    flat = " ".join(text.split())
    for number in rendered_report.receipt_numbers:
        assert number in flat
    assert "Zażółć gęślą jaźń" in flat
    assert "„cudzysłów”" in flat
    assert "Sprawozdanie z konsultacji" in flat
    assert f"strona 1 z {rendered_report.pages}" in flat
    assert rendered_report.code in flat
    assert POLISH.split(" — ")[0] in flat


def test_the_pdf_is_tagged_with_its_title(rendered_report, tmp_path):
    info = _run("pdfinfo", rendered_report.pdf, tmp_path)
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)
    assert "Sprawozdanie z konsultacji" in info


def test_the_stamp_names_a_test_signature_in_polish(rendered_report):
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(rendered_report.pdf))
    [signature] = reader.embedded_signatures
    appearance = signature.sig_field["/AP"]["/N"]
    assert appearance is not None
    assert "podpis testowy" in rendered_report.signer.lower()


def test_pyhanko_validates_the_pades_signature(rendered_report):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(io.BytesIO(rendered_report.pdf))
    [signature] = reader.embedded_signatures
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    status = validate_pdf_signature(
        signature, ValidationContext(trust_roots=[], allow_fetching=False)
    )
    assert status.intact
    assert status.valid
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE


@pytest.mark.parametrize("tool", ["pdfsig", "pdftotext", "pdfinfo"])
def test_the_tools_are_installed(tool):
    _tool(tool)


def test_an_adopted_opinion_renders_once_into_a_signed_resolution(
    opinion,
    chair,
    secretary,
    council_member,
    recused_member,
    comments,
    worker,
    django_capture_on_commit_callbacks,
    tmp_path,
):
    """Adopting queues the document; the worker renders and signs it, and a redelivery of
    the message does nothing (one file)."""
    from documents.models import Document
    from tests.opinions.conftest import adopt

    with django_capture_on_commit_callbacks(execute=True):
        adopt(
            opinion,
            chair=chair,
            secretary=secretary,
            council_member=council_member,
            recused_member=recused_member,
        )
    # Adopting also told the members (the notifications' task, run as well).
    assert worker.run(name="documents.render") == [True, False]
    opinion.refresh_from_db()
    [document] = Document.objects.filter(kind="position", subject_id=opinion.pk)
    assert document.status == "ready"
    pdf = document.file.read()

    assert "Signature is Valid" in _run("pdfsig", pdf, tmp_path)
    assert re.search(r"^Tagged:\s+yes$", _run("pdfinfo", pdf, tmp_path), re.MULTILINE)
    text = " ".join(_run("pdftotext", pdf, tmp_path, "-enc", "UTF-8").split())
    assert f"Uchwała nr {opinion.number_label}" in text
    assert "Sopocka Rada Organizacji Pozarządowych" in text
    for comment in comments:
        assert comment.tracking_number in text  # the items name the comments they grew from
    assert chair.full_name in text
    assert "Przewodnicząc" in text
    assert "PODPIS TESTOWY" in text  # the stamp, in Polish


# --- The comment receipt and the term report: one real render each per test process -----

_renders: dict[str, tuple[bytes, str, str]] = {}


def _render_once(key, kind, subject, expected) -> tuple[bytes, str, str]:
    """The document of ``subject`` rendered and signed for real once per test process
    (rendering is slow); kept as the PDF's bytes, its verification code and ``expected``."""
    from documents import services

    if key not in _renders:
        document = services.document_queue(kind=kind, subject=subject)
        assert services.document_render(document_id=document.pk)
        document.refresh_from_db()
        assert document.test_signature
        _renders[key] = (document.file.read(), document.verification_code, expected)
    return _renders[key]


@pytest.fixture
def rendered_receipt(receipt_comment):
    from core.dates import moment_text

    return _render_once(
        "receipt",
        "comment_receipt",
        receipt_comment,
        f"{receipt_comment.tracking_number}|{moment_text(receipt_comment.submitted_at)}",
    )


def test_the_receipt_pdf_is_signed_tagged_and_says_what_was_submitted(rendered_receipt, tmp_path):
    pdf, code, expected = rendered_receipt
    number, moment = expected.split("|")
    assert "Signature is Valid" in _run("pdfsig", pdf, tmp_path)
    info = _run("pdfinfo", pdf, tmp_path)
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)
    assert "Potwierdzenie złożenia uwag" in info
    text = " ".join(_run("pdftotext", pdf, tmp_path, "-enc", "UTF-8").split())
    assert f"Potwierdzenie złożenia uwag nr {number}" in text
    assert moment in text  # to the second, Warsaw time
    assert "Konsultacje programu „Zielony Sopot”" in text
    assert "§ 7 ust. 2" in text
    assert "Stowarzyszenie Przyjaciół Sopotu" in text
    assert "Zażółć gęślą jaźń" in text
    assert "brzmienie złożone" in text
    assert "zmienione po złożeniu" not in text  # the change after submission is not on it
    assert code in text
    assert "PODPIS TESTOWY" in text


@pytest.fixture
def rendered_term_report(position_in, term):
    position = position_in("adopted")
    return _render_once("term", "term_report", term, position.number_label)


def test_the_term_report_pdf_is_signed_tagged_and_lists_the_term(rendered_term_report, tmp_path):
    pdf, code, number_label = rendered_term_report
    assert "Signature is Valid" in _run("pdfsig", pdf, tmp_path)
    assert re.search(r"^Tagged:\s+yes$", _run("pdfinfo", pdf, tmp_path), re.MULTILINE)
    text = " ".join(_run("pdftotext", pdf, tmp_path, "-enc", "UTF-8").split())
    assert "Sprawozdanie z działalności rady: Kadencja 2026–2029" in text
    assert "Sopocka Rada Organizacji Pozarządowych" in text
    assert f"Uchwała nr {number_label}" in text
    assert "Obecność i udział w głosowaniach" in text
    assert "Celina Przewodnicząca" in text
    assert code in text
    assert "strona 1 z" in text


def test_every_page_carries_a_qr_code_a_phone_reads_as_the_verification_page(
    rendered_report, tmp_path
):
    import zxingcpp
    from PIL import Image

    from documents.rendering import verification_url

    path = tmp_path / "document.pdf"
    path.write_bytes(rendered_report.pdf)
    subprocess.run(  # each page as printed at 150 dpi, the way a camera would see it
        [_tool("pdftoppm"), "-r", "150", "-gray", "-png", str(path), str(tmp_path / "page")],
        check=True,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == rendered_report.pages >= 2
    for page in pages:
        found = [code.text for code in zxingcpp.read_barcodes(Image.open(page))]
        assert found == [verification_url(rendered_report.code)], page.name


def test_the_qr_code_is_one_image_every_page_refers_to(rendered_report):
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(rendered_report.pdf))
    images = set()
    for number in range(rendered_report.pages):
        page = reader.find_page_for_modification(number)[0].get_object()
        for name in page["/Resources"]["/XObject"]:
            reference = page["/Resources"]["/XObject"].raw_get(name)
            if reference.get_object()["/Subtype"] == "/Image":
                images.add((number, reference.idnum))
    assert {number for number, _image in images} == set(range(rendered_report.pages))
    assert len({image for _number, image in images}) == 1
