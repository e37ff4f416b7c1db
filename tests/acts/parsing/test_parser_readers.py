"""Reading uploads: .txt in usual encodings, .docx with Word numbering, .odt; refusing the rest."""

from __future__ import annotations

import io
import os
import zipfile

import docx
import pytest
from django.utils.functional import Promise
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from odf.opendocument import OpenDocumentText
from odf.style import ListLevelProperties
from odf.text import List, ListItem, ListLevelStyleNumber, ListStyle, P

from acts.parsing import parse_text
from acts.parsing.errors import DocumentError, DocumentErrorCode
from acts.parsing.readers import read_document

ACT_TEXT = (
    "UCHWAŁA NR 1/2027\nw sprawie zażółcenia gęślej jaźni\n\n§ 1. Źdźbło trawy.\n§ 2. Koniec."
)

# The numbering Word writes for a typical act: "§ 1." / "1." / "1)" / "a)" on levels 0–3.
ACT_NUMBERING_LEVELS = [
    ("decimal", "§ %1."),
    ("decimal", "%2."),
    ("decimal", "%3)"),
    ("lowerLetter", "%4)"),
]
ACT_ABSTRACT_NUMBERING_ID = "90"
ACT_NUMBERING_ID = "90"


def docx_bytes(
    paragraphs: list[tuple[str, int | None]], *, styled: list[str] | None = None
) -> bytes:
    """A .docx whose paragraphs carry Word numbering at the given level (None: unnumbered)."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{number_format}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for level, (number_format, text) in enumerate(ACT_NUMBERING_LEVELS)
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ACT_ABSTRACT_NUMBERING_ID}">'
        f"{levels}</w:abstractNum>"
    )
    # The schema wants every abstractNum before the first num.
    first_instance = numbering.find(f"{{{numbering.nsmap['w']}}}num")
    if first_instance is not None:
        first_instance.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{ACT_NUMBERING_ID}">'
            f'<w:abstractNumId w:val="{ACT_ABSTRACT_NUMBERING_ID}"/></w:num>'
        )
    )
    for text, level in paragraphs:
        paragraph = document.add_paragraph(text)
        if level is not None:
            paragraph._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                    f'<w:numId w:val="{ACT_NUMBERING_ID}"/></w:numPr>'
                )
            )
    for text in styled or []:
        document.add_paragraph(text, style="List Number")
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def with_extra_zip_member(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr(name, content)
    return stream.getvalue()


def with_replaced_zip_member(data: bytes, name: str, replace: tuple[bytes, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == name:
                content = content.replace(*replace)
            target.writestr(item, content)
    return stream.getvalue()


def odt_bytes(paragraphs: list[str], numbered_items: list[str]) -> bytes:
    document = OpenDocumentText()
    list_style = ListStyle(name="ActPoints")
    level = ListLevelStyleNumber(level=1, numformat="1", numsuffix=")")
    level.addElement(ListLevelProperties())
    list_style.addElement(level)
    document.automaticstyles.addElement(list_style)
    for text in paragraphs:
        document.text.addElement(P(text=text))
    numbered = List(stylename="ActPoints")
    for text in numbered_items:
        item = ListItem()
        item.addElement(P(text=text))
        numbered.addElement(item)
    document.text.addElement(numbered)
    stream = io.BytesIO()
    document.write(stream)
    return stream.getvalue()


def refusal(name: str, data: bytes, **options: int) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        read_document(name, data, **options)
    return caught.value


# Plain text ----------------------------------------------------------------------------------


def test_utf8_text_is_read_as_is() -> None:
    assert read_document("akt.txt", ACT_TEXT.encode("utf-8")) == ACT_TEXT


def test_utf8_byte_order_mark_is_dropped() -> None:
    assert read_document("akt.txt", b"\xef\xbb\xbf" + ACT_TEXT.encode("utf-8")) == ACT_TEXT


def test_windows_1250_text_is_read_when_it_is_not_utf8() -> None:
    assert read_document("akt.txt", ACT_TEXT.encode("cp1250")) == ACT_TEXT


def test_utf16_text_saved_by_notepad_is_read() -> None:
    assert read_document("akt.txt", ACT_TEXT.encode("utf-16")) == ACT_TEXT


def test_pasted_name_without_extension_is_read_as_text() -> None:
    assert read_document("", ACT_TEXT.encode("utf-8")) == ACT_TEXT


# Word --------------------------------------------------------------------------------------


def test_docx_paragraphs_become_lines() -> None:
    data = docx_bytes([(line, None) for line in ACT_TEXT.split("\n") if line])

    assert read_document("akt.docx", data) == ACT_TEXT.replace("\n\n", "\n")


def test_docx_automatic_numbering_is_turned_back_into_markers() -> None:
    data = docx_bytes(
        [
            ("UCHWAŁA NR 1/2027", None),
            ("Przyjmuje się regulamin.", 0),
            ("Wniosek zawiera:", 0),
            ("Wniosek składa się:", 1),
            ("osobiście,", 2),
            ("pocztą, w tym:", 2),
            ("poleconą,", 3),
            ("zwykłą.", 3),
            ("Termin wynosi 14 dni.", 1),
            ("Uchwała wchodzi w życie.", 0),
        ]
    )

    text = read_document("akt.docx", data)

    assert text.split("\n") == [
        "UCHWAŁA NR 1/2027",
        "§ 1. Przyjmuje się regulamin.",
        "§ 2. Wniosek zawiera:",
        "1. Wniosek składa się:",
        "1) osobiście,",
        "2) pocztą, w tym:",
        "a) poleconą,",
        "b) zwykłą.",
        "2. Termin wynosi 14 dni.",
        "§ 3. Uchwała wchodzi w życie.",
    ]
    assert list(parse_text(text).text_by_label()) == [
        "§ 1",
        "§ 2",
        "§ 2 ust. 1",
        "§ 2 ust. 1 pkt 1",
        "§ 2 ust. 1 pkt 2",
        "§ 2 ust. 1 pkt 2 lit. a",
        "§ 2 ust. 1 pkt 2 lit. b",
        "§ 2 ust. 2",
        "§ 3",
    ]


def test_docx_numbering_inherited_from_a_paragraph_style_is_used() -> None:
    text = read_document("akt.docx", docx_bytes([], styled=["pierwszy", "drugi"]))

    # The default template's "List Number" style numbers "1." "2.".
    assert text.split("\n") == ["1. pierwszy", "2. drugi"]


def test_docx_tables_are_read_in_order() -> None:
    document = docx.Document()
    document.add_paragraph("§ 1. Stawki określa tabela:")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Rodzaj"
    table.cell(0, 1).text = "Stawka"
    table.cell(1, 0).text = "Lokal"
    table.cell(1, 1).text = "10 zł"
    document.add_paragraph("§ 2. Koniec.")
    stream = io.BytesIO()
    document.save(stream)

    text = read_document("akt.docx", stream.getvalue())

    assert text.split("\n") == [
        "§ 1. Stawki określa tabela:",
        "Rodzaj",
        "Stawka",
        "Lokal",
        "10 zł",
        "§ 2. Koniec.",
    ]


def test_docx_tracked_insertions_are_read() -> None:
    data = docx_bytes([("§ 1. Tekst", None)])
    inserted = (
        b"<w:t>\xc2\xa7 1. Tekst</w:t></w:r>",
        b'<w:t>\xc2\xa7 1. Tekst</w:t></w:r><w:ins w:id="1" w:author="A">'
        b'<w:r><w:t xml:space="preserve"> dopisany</w:t></w:r></w:ins>',
    )

    text = read_document("akt.docx", with_replaced_zip_member(data, "word/document.xml", inserted))

    assert text == "§ 1. Tekst dopisany"


def test_docx_with_a_macro_project_is_refused() -> None:
    data = with_extra_zip_member(
        docx_bytes([("§ 1. A.", None)]), "word/vbaProject.bin", b"\x00" * 64
    )

    assert refusal("akt.docx", data).code == DocumentErrorCode.MACROS


def test_docx_declaring_the_macro_enabled_content_type_is_refused() -> None:
    data = with_replaced_zip_member(
        docx_bytes([("§ 1. A.", None)]),
        "[Content_Types].xml",
        (
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            b"application/vnd.ms-word.document.macroEnabled.main+xml",
        ),
    )

    assert refusal("akt.docx", data).code == DocumentErrorCode.MACROS


def test_docm_extension_is_refused_as_macros() -> None:
    assert refusal("akt.docm", docx_bytes([("§ 1. A.", None)])).code == DocumentErrorCode.MACROS


def test_docx_with_embedded_objects_is_refused() -> None:
    data = with_extra_zip_member(
        docx_bytes([("§ 1. A.", None)]), "word/embeddings/oleObject1.bin", b"\x01\x02"
    )

    assert refusal("akt.docx", data).code == DocumentErrorCode.EMBEDDED_OBJECTS


def test_truncated_docx_is_refused_as_corrupt() -> None:
    data = docx_bytes([("§ 1. A.", None)])

    assert refusal("akt.docx", data[: len(data) // 2]).code == DocumentErrorCode.CORRUPT


def test_docx_name_on_plain_text_is_refused_as_corrupt() -> None:
    assert refusal("akt.docx", ACT_TEXT.encode("utf-8")).code == DocumentErrorCode.CORRUPT


def test_docx_content_under_a_txt_name_is_refused_as_a_mismatch() -> None:
    data = docx_bytes([("§ 1. A.", None)])

    assert refusal("akt.txt", data).code == DocumentErrorCode.TYPE_MISMATCH


def test_other_zip_archives_are_unsupported() -> None:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("akt.txt", ACT_TEXT)

    assert refusal("akt.zip", stream.getvalue()).code == DocumentErrorCode.UNSUPPORTED_TYPE


def test_zip_bomb_is_refused_as_too_large() -> None:
    data = with_extra_zip_member(
        docx_bytes([("§ 1. A.", None)]), "word/media/padding.txt", b"0" * 5_000_000
    )

    assert refusal("akt.docx", data, max_bytes=50_000).code == DocumentErrorCode.TOO_LARGE


# OpenDocument --------------------------------------------------------------------------------


def test_odt_paragraphs_and_numbered_lists_are_read() -> None:
    data = odt_bytes(["UCHWAŁA NR 1/2027", "§ 1. Wniosek zawiera:"], ["imię;", "adres."])

    text = read_document("akt.odt", data)

    assert text.split("\n") == [
        "UCHWAŁA NR 1/2027",
        "§ 1. Wniosek zawiera:",
        "1) imię;",
        "2) adres.",
    ]


def test_odt_with_basic_macros_is_refused() -> None:
    data = with_extra_zip_member(odt_bytes(["§ 1. A."], []), "Basic/Standard/Module1.xml", b"<x/>")

    assert refusal("akt.odt", data).code == DocumentErrorCode.MACROS


# Everything else -------------------------------------------------------------------------------


def test_binary_junk_is_refused() -> None:
    assert refusal("akt.txt", os.urandom(4096)).code == DocumentErrorCode.BINARY


def test_control_characters_without_nul_bytes_are_refused_as_binary() -> None:
    junk = bytes(range(1, 32)) * 40 + ACT_TEXT.encode("utf-8")

    assert refusal("akt.txt", junk).code == DocumentErrorCode.BINARY


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", "\u00a0\n".encode()])
def test_empty_document_is_refused(data: bytes) -> None:
    assert refusal("akt.txt", data).code == DocumentErrorCode.EMPTY


def test_docx_without_text_is_refused_as_empty() -> None:
    assert refusal("akt.docx", docx_bytes([("", None)])).code == DocumentErrorCode.EMPTY


def test_file_over_the_size_limit_is_refused() -> None:
    error = refusal("akt.txt", ACT_TEXT.encode("utf-8"), max_bytes=10)

    assert error.code == DocumentErrorCode.TOO_LARGE


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("akt.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
        ("akt.rtf", b"{\\rtf1\\ansi Uchwala}"),
        ("akt.html", b"<p>Uchwala</p>"),
    ],
)
def test_other_formats_are_unsupported(name: str, data: bytes) -> None:
    assert refusal(name, data).code == DocumentErrorCode.UNSUPPORTED_TYPE


@pytest.mark.usefixtures("english")
def test_refusal_messages_are_translatable_and_tell_what_to_do() -> None:
    error = refusal("akt.txt", b"")

    assert isinstance(error.message, Promise)
    assert "file" in str(error.message)
