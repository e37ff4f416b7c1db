"""The exports made with the PDF: the position and the report as DOCX, the report's
comments as XLSX, read back with python-docx and openpyxl (Polish letters intact, what the
PDF says); served through the same check as the PDF; a format a kind does not offer is a
400 naming those it does. The PDF here is the instant stand-in (``fake_rendering``); the
exports are the real ones."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from documents import services
from documents.models import Document
from tests.documents.conftest import POLISH
from tests.documents.test_api import ready_document

pytestmark = pytest.mark.django_db

URL = "/api/v1/documents/"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def made(kind, subject) -> Document:
    document = services.document_queue(kind=kind, subject=subject)
    assert services.document_render(document_id=document.pk)
    document.refresh_from_db()
    return document


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    footer = [paragraph.text for paragraph in document.sections[0].footer.paragraphs]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells + footer)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def report_document(published_report, fake_rendering):
    consultation, comments = published_report(count=3)
    # A proposal that starts like a formula stays text in the spreadsheet.
    comments[0].justification = '=HYPERLINK("http://example.org")'
    comments[0].save()
    return made("consultation_report", consultation), comments


def test_the_report_is_made_with_its_docx_and_xlsx(report_document, anonymous, api_as):
    document, comments = report_document
    assert document.formats == ["pdf", "docx", "xlsx"]
    shown = api_as(anonymous).get(f"{URL}{document.pk}/").json()
    assert shown["files"] == {
        "pdf": f"{URL}{document.pk}/file/",
        "docx": f"{URL}{document.pk}/file/?format=docx",
        "xlsx": f"{URL}{document.pk}/file/?format=xlsx",
    }

    response = api_as(anonymous).get(shown["files"]["docx"])
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert document.filename_as("docx") in response["Content-Disposition"]
    text = docx_text(body(response))
    assert "Sprawozdanie z konsultacji: Konsultacje programu współpracy" in text
    assert "Zażółć gęślą jaźń" in text
    assert "„cudzysłów”" in text
    for comment in comments:
        assert comment.tracking_number in text
    assert document.verification_code in text  # the footer names the signed original
    import docx

    properties = docx.Document(io.BytesIO(document.docx_file.read())).core_properties
    assert properties.language == "pl-PL"
    assert properties.title == document.title


def test_the_reports_xlsx_has_a_row_per_comment_with_polish_letters(
    report_document, anonymous, api_as
):
    from openpyxl import load_workbook

    document, comments = report_document
    response = api_as(anonymous).get(f"{URL}{document.pk}/file/", {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    sheet = load_workbook(io.BytesIO(body(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Lp.", "Numer potwierdzenia", "Data złożenia")
    assert {row[1] for row in rows[1:]} == {comment.tracking_number for comment in comments}
    assert all(row[5].startswith(POLISH) for row in rows[1:])
    formula_like = next(row for row in rows[1:] if row[1] == comments[0].tracking_number)
    assert formula_like[6] == '=HYPERLINK("http://example.org")'
    cell = next(cell for cell in sheet["G"] if cell.value == '=HYPERLINK("http://example.org")')
    assert cell.data_type == "s"  # stored as text, never run as a formula


def test_the_positions_docx_says_what_its_pdf_says(
    position_in, council_member, fake_rendering, api_as
):
    position = position_in("adopted")
    document = made("position", position)
    assert document.formats == ["pdf", "docx"]
    response = api_as(council_member).get(f"{URL}{document.pk}/file/", {"format": "docx"})
    text = docx_text(body(response))
    assert f"Uchwała nr {position.number_label}" in text
    assert "Sopocka Rada Organizacji Pozarządowych" in text
    assert "Podstawa prawna" in text
    assert "Za\n3\nPrzeciw\n0" in text  # the tally's table
    assert "Celina Przewodnicząca" in text


def test_a_format_the_kind_does_not_offer_is_a_400_naming_those_it_does(
    position_in, api_as, anonymous, client
):
    position = position_in("adopted")
    document = ready_document("position", position.pk)
    client_api = api_as(anonymous)
    for asked in ("xlsx", "odt"):
        response = client_api.get(f"{URL}{document.pk}/file/", {"format": asked})
        assert response.status_code == 400
        assert set(response.json()) == {"message", "code", "extra"}
        assert response.json()["message"] == (
            f"Ten dokument nie jest dostępny w formacie „{asked}”. Wybierz jeden z: pdf, docx."
        )
    page = client.get(reverse("documents:download", args=[document.pk]), {"format": "xlsx"})
    assert page.status_code == 400
    assert "Wybierz jeden z: pdf, docx" in page.content.decode()
    assert client_api.get(f"{URL}{document.pk}/file/", {"format": "pdf"}).status_code == 200


def test_an_export_the_document_was_not_made_with_is_a_404(position_in, api_as, anonymous):
    position = position_in("adopted")
    document = ready_document("position", position.pk)  # a PDF only, as made before exports
    response = api_as(anonymous).get(f"{URL}{document.pk}/file/", {"format": "docx"})
    assert response.status_code == 404
    assert "DOCX" in response.json()["message"]


def test_exports_stay_behind_the_subjects_check(position_in, api_as, official, fake_rendering):
    position = position_in("draft")
    document = made("position", position)
    response = api_as(official).get(f"{URL}{document.pk}/file/", {"format": "docx"})
    assert response.status_code == 404


def test_the_page_links_the_exports_of_a_ready_report(report_document, client):
    document, _comments = report_document
    consultation_id = document.subject_id
    page = client.get(reverse("consultations:report", args=[consultation_id])).content.decode()
    download = reverse("documents:download", args=[document.pk])
    assert f'href="{download}?format=docx"' in page
    assert f'href="{download}?format=xlsx"' in page
    assert "Pobierz uwagi (XLSX)" in page
    response = client.get(download, {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE


def test_a_receipt_and_a_term_report_offer_only_the_pdf():
    from documents import exports, registry

    for kind in ("comment_receipt", "term_report"):
        spec = registry.get(kind)
        assert spec is not None
        assert exports.offered(spec) == ["pdf"]


def test_pasted_text_with_windows_line_ends_and_control_characters_is_written():
    from openpyxl import load_workbook

    from documents.exports import DocxWriter, xlsx_table

    pasted = "Pierwszy wiersz\r\nDrugi wiersz\x0bz tabulatorem\tłóść"
    writer = DocxWriter(title="Próba", code="ABC")
    writer.paragraph(pasted, label="Uzasadnienie:")
    text = docx_text(writer.bytes())
    assert "Uzasadnienie: Pierwszy wiersz\nDrugi wierszz tabulatorem\tłóść" in text

    sheet = load_workbook(io.BytesIO(xlsx_table(title="Uwagi", headings=["A"], rows=[[pasted]])))
    assert sheet.active["A2"].value == "Pierwszy wiersz\nDrugi wierszz tabulatorem\tłóść"
