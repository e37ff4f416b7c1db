"""Reading text PDFs (pdfminer.six): the parse of a PDF of an act is the parse of its text;
lines are joined, split words mended, footers dropped; scans and damaged files are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from acts.parsing import WarningCode, parse_text
from acts.parsing.errors import DocumentError, DocumentErrorCode
from acts.parsing.readers import pdf as pdf_reader
from acts.parsing.readers import read_document
from acts.parsing.readers.pdf import PdfLine, join_lines
from tests.acts.parsing.pdfs import FOOTER_ID, act_pdf, encrypted_pdf, scanned_pdf

CONSTRUCTED_DIRECTORY = Path(__file__).parent / "fixtures" / "constructed"
TITLE_AND_BASIS = (
    "UCHWAŁA NR 1/2027\nRADY MIASTA TESTOWO\nz dnia 1 marca 2027 r.\nw sprawie współpracy\n\n"
    "Na podstawie art. 18 ustawy uchwala się, co następuje:\n"
)
LONG_SENTENCE = (
    "Organizacje pozarządowe prowadzące działalność społeczno-gospodarczą oraz "
    "kulturalno-oświatową na terenie Miasta Testowo i gminy Bielsko-Biała współpracują "
    "z samorządem w zakresie zadań publicznych. "
)


def without_footers(text: str) -> str:
    """The constructed transcript without the footers it carries: the PDF prints its own."""
    return "\n".join(
        line
        for line in text.split("\n")
        if not line.startswith("Id:") and line.strip() not in ("Strona 3 z 5", "4")
    )


def refusal(name: str, data: bytes) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        read_document(name, data)
    return caught.value


@pytest.mark.parametrize(
    "name",
    [
        "uchwala_zmieniajaca_nagroda",
        "zarzadzenie_stopki_systemu",
        "uchwala_program_wspolpracy_zalacznik",
    ],
)
@pytest.mark.parametrize("paragraph_spacing", ["0", "6pt"])
def test_a_pdf_of_an_act_parses_as_its_text(name: str, paragraph_spacing: str) -> None:
    text = without_footers((CONSTRUCTED_DIRECTORY / f"{name}.txt").read_text(encoding="utf-8"))

    read = read_document(f"{name}.pdf", act_pdf(text, paragraph_spacing=paragraph_spacing))

    assert parse_text(read).text_by_label() == parse_text(text).text_by_label()


def test_paragraphs_across_pages_are_joined_and_hyphenation_mended() -> None:
    body = "\n".join(f"§ {number}. " + LONG_SENTENCE * (1 + number % 4) for number in range(1, 25))
    text = TITLE_AND_BASIS + body + "\n\nPrzewodniczący Rady\nJan Kowalski\n"

    result = parse_text(read_document("akt.pdf", act_pdf(text)))

    assert result.text_by_label() == parse_text(text).text_by_label()
    assert result.skipped_lines[:4] == [FOOTER_ID, "Strona 1 z 5", FOOTER_ID, "Strona 2 z 5"]
    assert [warning.code for warning in result.warnings] == [WarningCode.FOOTERS_DROPPED]


def test_a_signature_beside_another_cell_keeps_its_own_lines() -> None:
    text = TITLE_AND_BASIS + "§ 1. Uchwała wchodzi w życie z dniem podjęcia.\n\n"
    text += "Przewodniczący Rady Miasta\nJan Kowalski\n"

    lines = read_document("akt.pdf", act_pdf(text, signature_beside="Druk nr 12")).split("\n")

    assert lines[-5:] == [
        "Druk nr 12",
        "Przewodniczący Rady Miasta",
        "Jan Kowalski",
        FOOTER_ID,
        "Strona 1 z 1",
    ]


def wrapped(*texts: str) -> list[PdfLine]:
    """Lines of a justified paragraph: every line but the last reaches the right edge."""
    return [
        PdfLine(text, 70.0, 520.0 if position < len(texts) - 1 else 200.0, right_edge=515.0)
        for position, text in enumerate(texts)
    ]


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("w zakresie działalności społeczno-", "gospodarczej miasta.", "społeczno-gospodarczej"),
        ("organizacji pozarządo-", "wych miasta.", "pozarządowych"),
        ("organizacji pozarządo\u2010", "wych miasta.", "pozarządowych"),
        ("organizacji pozarządo\u00ad", "wych miasta.", "pozarządowych"),
        ("na terenie gminy Bielsko-", "Biała oraz miasta.", "Bielsko-Biała"),
        ("uchwały nr XLII/", "512/2010 Rady Miasta.", "XLII/512/2010"),
        ("w terminie", "30 dni od dnia doręczenia.", "w terminie 30 dni"),
    ],
)
def test_a_word_is_mended_only_where_the_line_end_split_it(
    first: str, second: str, joined: str
) -> None:
    paragraphs = join_lines(wrapped(first, second))

    assert len(paragraphs) == 1
    assert joined in paragraphs[0]


def test_a_full_line_ending_a_sentence_does_not_swallow_the_next_unit() -> None:
    lines = wrapped("§ 1. Tekst pierwszego przepisu kończy się tuż przy prawym marginesie.", "2)")
    lines[1] = PdfLine("§ 2. Drugi przepis.", 70.0, 200.0, right_edge=515.0)

    assert join_lines(lines) == [
        "§ 1. Tekst pierwszego przepisu kończy się tuż przy prawym marginesie.",
        "§ 2. Drugi przepis.",
    ]


def test_a_short_line_ends_its_paragraph() -> None:
    lines = [
        PdfLine("Przewodniczący Rady", 300.0, 420.0, right_edge=515.0),
        PdfLine("Jan Kowalski", 320.0, 400.0, right_edge=515.0),
    ]

    assert join_lines(lines) == ["Przewodniczący Rady", "Jan Kowalski"]


def test_a_footer_inside_a_paragraph_goes_after_it() -> None:
    lines = [
        *wrapped("§ 1. Konsultacje trwają od dnia 20 kwietnia do dnia", "x")[:1],
        PdfLine(f"{FOOTER_ID} Strona 1", 70.0, 300.0, right_edge=515.0),
        PdfLine("11 maja 2027 r.", 70.0, 160.0, right_edge=515.0),
        PdfLine("§ 2. Drugi.", 70.0, 160.0, right_edge=515.0),
    ]

    assert join_lines(lines) == [
        "§ 1. Konsultacje trwają od dnia 20 kwietnia do dnia 11 maja 2027 r.",
        f"{FOOTER_ID} Strona 1",
        "§ 2. Drugi.",
    ]


@pytest.mark.usefixtures("english")
def test_a_scan_without_a_text_layer_is_refused_saying_so() -> None:
    error = refusal("skan.pdf", scanned_pdf())

    assert error.code == DocumentErrorCode.SCANNED
    assert "scan" in str(error.message)


def test_a_password_protected_pdf_is_refused() -> None:
    data = encrypted_pdf(act_pdf(TITLE_AND_BASIS + "§ 1. Tekst.\n"))

    assert refusal("akt.pdf", data).code == DocumentErrorCode.ENCRYPTED


def test_a_damaged_pdf_is_refused() -> None:
    assert refusal("akt.pdf", b"%PDF-1.7\n...").code == DocumentErrorCode.CORRUPT


def test_a_pdf_under_another_extension_is_refused() -> None:
    data = act_pdf(TITLE_AND_BASIS + "§ 1. Tekst.\n")

    assert refusal("akt.txt", data).code == DocumentErrorCode.TYPE_MISMATCH
    assert refusal("akt.pdf", b"plain text").code == DocumentErrorCode.CORRUPT


def test_a_pdf_over_the_page_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "\n".join(f"§ {number}. " + LONG_SENTENCE * 3 for number in range(1, 12))
    monkeypatch.setattr(pdf_reader, "MAXIMUM_PDF_PAGES", 1)

    error = refusal("akt.pdf", act_pdf(TITLE_AND_BASIS + body))

    assert error.code == DocumentErrorCode.TOO_LARGE


def test_a_pdf_over_the_size_limit_is_refused_before_it_is_read() -> None:
    with pytest.raises(DocumentError) as caught:
        read_document("akt.pdf", act_pdf(TITLE_AND_BASIS + "§ 1. Tekst.\n"), max_bytes=100)

    assert caught.value.code == DocumentErrorCode.TOO_LARGE


def test_a_pdf_whose_streams_inflate_past_the_ratio_is_refused_before_it_is_read() -> None:
    import zlib

    data = act_pdf(TITLE_AND_BASIS + "§ 1. Tekst.\n")
    bomb = zlib.compress(b"\0" * (200 * len(data)), 9)
    # An extra object no page uses, appended with the trailer repeated so the file stays a
    # well-formed PDF: pdfminer would inflate it whole when asked for it.
    trailer = data[data.rindex(b"startxref") :]
    padded = data + b"99 0 obj\n<< /Filter /FlateDecode >>\nstream\n" + bomb
    padded += b"\nendstream\nendobj\n" + trailer

    with pytest.raises(DocumentError) as caught:
        read_document("akt.pdf", padded, max_bytes=len(padded))

    assert caught.value.code == DocumentErrorCode.TOO_LARGE


@pytest.mark.parametrize("encoding", ["hex", "ascii85"])
def test_a_bomb_behind_a_text_filter_is_refused_before_it_is_read(encoding: str) -> None:
    import base64
    import zlib

    data = act_pdf(TITLE_AND_BASIS + "§ 1. Tekst.\n")
    bomb = zlib.compress(b"\0" * (200 * len(data)), 9)
    if encoding == "hex":
        encoded, text_filter = bomb.hex().encode() + b">", b"/ASCIIHexDecode"
    else:
        encoded, text_filter = base64.a85encode(bomb) + b"~>", b"/ASCII85Decode"
    # pdfminer decodes the text filter, then inflates: the check must see through both.
    trailer = data[data.rindex(b"startxref") :]
    padded = data + b"99 0 obj\n<< /Filter [" + text_filter + b" /FlateDecode] >>\nstream\n"
    padded += encoded + b"\nendstream\nendobj\n" + trailer

    with pytest.raises(DocumentError) as caught:
        read_document("akt.pdf", padded, max_bytes=len(padded))

    assert caught.value.code == DocumentErrorCode.TOO_LARGE
