"""Getting the text of an act out of an uploaded file: .txt, .docx or .odt.

The type is decided by the content (a zip archive and its manifest), and the extension must
agree with it: a renamed file is refused rather than read as something it is not. Word
documents with macros or embedded objects are refused outright, since officials forward them
to the public. Word's automatic numbering (numPr/ilvl) is turned back into the markers it
displays ("§ 1.", "1)", "a)"), because in such documents the markers are not in the text.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from acts.parsing.errors import DocumentError, DocumentErrorCode

if TYPE_CHECKING:
    from lxml.etree import _Element

DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# A zip may expand far beyond its size on disk (a "zip bomb"); text documents rarely expand more
# than this many times.
MAXIMUM_EXPANSION_RATIO = 50
# Share of control characters above which "text" is really binary data.
MAXIMUM_CONTROL_CHARACTER_SHARE = 0.01

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_MAGIC = b"%PDF"
RTF_MAGIC = b"{\\rtf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

TEXT_EXTENSIONS = frozenset({".txt", ".text", ""})
DOCX_EXTENSIONS = frozenset({".docx"})
ODT_EXTENSIONS = frozenset({".odt"})
MACRO_EXTENSIONS = frozenset({".docm", ".dotm"})

WORD_MAIN_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
WORD_MACRO_CONTENT_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

WORD_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{WORD_NAMESPACE}}}"


def _error_empty() -> DocumentError:
    return DocumentError(
        _("The document contains no text. Check that you chose the right file."),
        DocumentErrorCode.EMPTY,
    )


def _error_binary() -> DocumentError:
    return DocumentError(
        _("The file is not a text document. Upload a .docx, .odt or .txt file."),
        DocumentErrorCode.BINARY,
    )


def _error_corrupt() -> DocumentError:
    return DocumentError(
        _("The file is damaged and cannot be read. Save it again and upload the new copy."),
        DocumentErrorCode.CORRUPT,
    )


def _error_unsupported(description: str) -> DocumentError:
    return DocumentError(
        format_lazy(
            _("{description} files are not supported. Upload a .docx, .odt or .txt file."),
            description=description,
        ),
        DocumentErrorCode.UNSUPPORTED_TYPE,
    )


def _error_type_mismatch() -> DocumentError:
    return DocumentError(
        _(
            "The file's content does not match its extension. Save it again in the intended "
            "format (.docx, .odt or .txt) and upload it."
        ),
        DocumentErrorCode.TYPE_MISMATCH,
    )


def _error_macros() -> DocumentError:
    return DocumentError(
        _("The document contains macros. Save it as a plain .docx document and upload it again."),
        DocumentErrorCode.MACROS,
    )


def _error_embedded_objects() -> DocumentError:
    return DocumentError(
        _(
            "The document contains embedded objects (other files inside it). Remove them or "
            "paste their content as text, then upload the document again."
        ),
        DocumentErrorCode.EMBEDDED_OBJECTS,
    )


def _error_too_large(max_bytes: int) -> DocumentError:
    return DocumentError(
        format_lazy(
            _("The file is larger than {limit} bytes. Upload a smaller file or paste the text."),
            limit=max_bytes,
        ),
        DocumentErrorCode.TOO_LARGE,
    )


def read_document(name: str, data: bytes, *, max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES) -> str:
    """The text of an uploaded act, or a DocumentError saying why it cannot be read."""
    if len(data) > max_bytes:
        raise _error_too_large(max_bytes)
    if not data.strip():
        raise _error_empty()
    extension = _extension(name)
    if extension in MACRO_EXTENSIONS:
        raise _error_macros()
    if data.startswith(ZIP_MAGIC):
        text = _read_zip_document(data, extension, max_bytes)
    elif extension in DOCX_EXTENSIONS | ODT_EXTENSIONS:
        # A .docx or .odt is always a zip; anything else under that name is damaged or renamed.
        raise _error_corrupt() if not _looks_like_other_format(data) else _error_type_mismatch()
    elif data.startswith(OLE2_MAGIC):
        raise _error_unsupported(".doc")
    elif data.startswith(PDF_MAGIC):
        raise _error_unsupported("PDF")
    elif data.startswith(RTF_MAGIC):
        raise _error_unsupported("RTF")
    elif extension in TEXT_EXTENSIONS:
        text = _decode_text(data)
    else:
        raise _error_unsupported(extension)
    if not text.strip():
        raise _error_empty()
    return text


def _extension(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _looks_like_other_format(data: bytes) -> bool:
    return data.startswith((OLE2_MAGIC, PDF_MAGIC, RTF_MAGIC))


def _decode_text(data: bytes) -> str:
    if data.startswith(UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise _error_binary() from None
    else:
        if b"\x00" in data:
            raise _error_binary()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Polish texts saved by older Windows programs are in Windows-1250.
            try:
                text = data.decode("cp1250")
            except UnicodeDecodeError:
                raise _error_binary() from None
    if _control_character_share(text) > MAXIMUM_CONTROL_CHARACTER_SHARE:
        raise _error_binary()
    return text


def _control_character_share(text: str) -> float:
    if not text:
        return 0.0
    control = sum(
        1
        for character in text
        if (ord(character) < 0x20 and character not in "\t\n\r\f\v")
        or 0x7F <= ord(character) < 0xA0
    )
    return control / len(text)


def _read_zip_document(data: bytes, extension: str, max_bytes: int) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _error_corrupt() from None
    if expanded > max(max_bytes, len(data)) * MAXIMUM_EXPANSION_RATIO:
        raise _error_too_large(max_bytes)
    with archive:
        if "[Content_Types].xml" in names:
            if extension not in DOCX_EXTENSIONS:
                raise _error_type_mismatch()
            return _read_docx(archive, names, data)
        if "mimetype" in names and _read_member(archive, "mimetype").strip() == ODT_MIMETYPE:
            if extension not in ODT_EXTENSIONS:
                raise _error_type_mismatch()
            return _read_odt(archive, names, data)
    if extension in DOCX_EXTENSIONS | ODT_EXTENSIONS:
        raise _error_corrupt()
    raise _error_unsupported("ZIP")


def _read_member(archive: zipfile.ZipFile, member: str) -> bytes:
    try:
        return archive.read(member)
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError):
        raise _error_corrupt() from None


# --- .docx -------------------------------------------------------------------------------------


def _read_docx(archive: zipfile.ZipFile, names: list[str], data: bytes) -> str:
    content_types = _read_member(archive, "[Content_Types].xml").decode("utf-8", "replace")
    if (
        WORD_MACRO_CONTENT_TYPE in content_types
        or any(name.lower().endswith("vbaproject.bin") for name in names)
        or "macroEnabled" in content_types
    ):
        raise _error_macros()
    if any(name.startswith("word/embeddings/") for name in names):
        raise _error_embedded_objects()
    if WORD_MAIN_CONTENT_TYPE not in content_types:
        # Another Office format (a spreadsheet, a presentation) renamed to .docx.
        raise _error_type_mismatch()
    import docx  # lazily: python-docx pulls in lxml, only uploads need it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, SyntaxError):
        raise _error_corrupt() from None
    numbering = _WordNumbering.from_document(document)
    lines = [
        _paragraph_line(paragraph, numbering)
        for paragraph in _body_paragraphs(document.element.body)
    ]
    return "\n".join(lines)


def _body_paragraphs(container: _Element) -> Iterator[_Element]:
    """Paragraphs in reading order, including those in tables and content controls.

    Walks the XML rather than python-docx's tables: a merged cell is one w:tc in the XML, while
    python-docx's row.cells repeats it once per grid column it spans.
    """
    for child in container.iterchildren():
        tag = child.tag
        if tag == f"{W}p":
            yield child
        elif tag == f"{W}tbl":
            for row in child.iterchildren(f"{W}tr"):
                for cell in row.iterchildren(f"{W}tc"):
                    yield from _body_paragraphs(cell)
        elif tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _body_paragraphs(content)


def _paragraph_text(paragraph: _Element) -> str:
    # Reads w:t wherever it sits (runs, hyperlinks, tracked insertions, fields), which
    # python-docx's Paragraph.text skips for insertions. Deleted text is w:delText, not w:t.
    parts: list[str] = []
    for element in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        if _inside_text_box(element, paragraph):
            continue
        tag = element.tag
        if tag == f"{W}t":
            parts.append(element.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _inside_text_box(element: _Element, paragraph: _Element) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag == f"{W}txbxContent":
            return True
        parent = parent.getparent()
    return False


def _paragraph_line(paragraph: _Element, numbering: _WordNumbering) -> str:
    text = _paragraph_text(paragraph)
    marker = numbering.marker_for(paragraph)
    return f"{marker} {text}" if marker else text


@dataclass
class _NumberingLevel:
    number_format: str
    level_text: str
    start: int


@dataclass
class _WordNumbering:
    """Word's automatic numbering, replayed in document order to recover the shown markers."""

    # numId → abstractNumId, and the per-level start overrides of that numId.
    abstract_of_instance: dict[str, str] = field(default_factory=dict)
    start_overrides: dict[str, dict[int, int]] = field(default_factory=dict)
    levels: dict[str, dict[int, _NumberingLevel]] = field(default_factory=dict)
    # Numbering set on paragraph styles (styleId → (numId, ilvl)).
    style_numbering: dict[str, tuple[str, int]] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    instances_seen: set[str] = field(default_factory=set)

    MAXIMUM_LEVELS = 9

    @classmethod
    def from_document(cls, document: Any) -> _WordNumbering:
        numbering = cls()
        try:
            numbering_element = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering
        for abstract in numbering_element.iter(f"{W}abstractNum"):
            abstract_id = abstract.get(f"{W}abstractNumId", "")
            levels: dict[int, _NumberingLevel] = {}
            for level in abstract.iter(f"{W}lvl"):
                levels[_int(level.get(f"{W}ilvl"), 0)] = _NumberingLevel(
                    number_format=_child_value(level, "numFmt") or "decimal",
                    level_text=_child_value(level, "lvlText") or "",
                    start=_int(_child_value(level, "start"), 1),
                )
            numbering.levels[abstract_id] = levels
        for instance in numbering_element.iter(f"{W}num"):
            instance_id = instance.get(f"{W}numId", "")
            numbering.abstract_of_instance[instance_id] = _child_value(instance, "abstractNumId")
            overrides: dict[int, int] = {}
            for override in instance.iter(f"{W}lvlOverride"):
                start = _child_value(override, "startOverride")
                if start:
                    overrides[_int(override.get(f"{W}ilvl"), 0)] = _int(start, 1)
            numbering.start_overrides[instance_id] = overrides
        try:
            styles_element = document.styles.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering
        for style in styles_element.iter(f"{W}style"):
            number_properties = style.find(f"{W}pPr/{W}numPr")
            if number_properties is not None:
                instance_id = _child_value(number_properties, "numId")
                level = _int(_child_value(number_properties, "ilvl"), 0)
                numbering.style_numbering[style.get(f"{W}styleId", "")] = (instance_id, level)
        return numbering

    def marker_for(self, paragraph: _Element) -> str:
        found = self._numbering_of(paragraph)
        if found is None:
            return ""
        instance_id, level = found
        abstract_id = self.abstract_of_instance.get(instance_id)
        if abstract_id is None or abstract_id not in self.levels:
            return ""
        levels = self.levels[abstract_id]
        if level not in levels or level >= self.MAXIMUM_LEVELS:
            return ""
        # Word continues a list across numIds sharing an abstract definition; a numId with a
        # start override restarts it the first time it is used.
        counters = self.counters.setdefault(abstract_id, [None] * self.MAXIMUM_LEVELS)
        if instance_id not in self.instances_seen:
            self.instances_seen.add(instance_id)
            for overridden_level, start in self.start_overrides.get(instance_id, {}).items():
                if overridden_level < self.MAXIMUM_LEVELS:
                    counters[overridden_level] = start - 1
        current = counters[level]
        counters[level] = levels[level].start if current is None else current + 1
        for deeper in range(level + 1, self.MAXIMUM_LEVELS):
            counters[deeper] = None
        return self._render(levels, counters, level)

    def _numbering_of(self, paragraph: _Element) -> tuple[str, int] | None:
        properties = paragraph.find(f"{W}pPr")
        if properties is None:
            return None
        number_properties = properties.find(f"{W}numPr")
        if number_properties is not None:
            instance_id = _child_value(number_properties, "numId")
            level = _int(_child_value(number_properties, "ilvl"), 0)
        else:
            style_id = _child_value(properties, "pStyle")
            if style_id not in self.style_numbering:
                return None
            instance_id, level = self.style_numbering[style_id]
        # numId 0 explicitly removes numbering inherited from the style.
        if not instance_id or instance_id == "0":
            return None
        return instance_id, level

    def _render(
        self, levels: dict[int, _NumberingLevel], counters: list[int | None], level: int
    ) -> str:
        definition = levels[level]
        if definition.number_format == "bullet":
            # Polish acts use bullets only for tirets.
            return "–"
        if definition.number_format == "none":
            return definition.level_text.strip() if "%" not in definition.level_text else ""

        def replace(match: re.Match[str]) -> str:
            referenced = int(match.group(1)) - 1
            value = counters[referenced] if 0 <= referenced < len(counters) else None
            if value is None:
                value = levels[referenced].start if referenced in levels else 1
            number_format = levels[referenced].number_format if referenced in levels else "decimal"
            return _format_number(value, number_format)

        return re.sub(r"%([1-9])", replace, definition.level_text).strip()


def _child_value(element: _Element, name: str) -> str:
    child = element.find(f"{W}{name}")
    return child.get(f"{W}val", "") if child is not None else ""


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


_ROMAN_NUMERALS = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _roman(value: int) -> str:
    parts: list[str] = []
    for amount, numeral in _ROMAN_NUMERALS:
        count, value = divmod(value, amount)
        parts.append(numeral * count)
    return "".join(parts)


def _letters(value: int) -> str:
    # Word's letter numbering repeats the letter past z: a…z, aa…zz, aaa…
    if value < 1:
        return str(value)
    repeat, index = divmod(value - 1, 26)
    return chr(ord("a") + index) * (repeat + 1)


def _format_number(value: int, number_format: str) -> str:
    if number_format == "lowerLetter":
        return _letters(value)
    if number_format == "upperLetter":
        return _letters(value).upper()
    if number_format == "lowerRoman":
        return _roman(value).lower()
    if number_format == "upperRoman":
        return _roman(value)
    return str(value)


# --- .odt --------------------------------------------------------------------------------------

ODT_MACRO_PREFIXES = ("Basic/", "Scripts/")
ODT_EMBEDDED_OBJECT = re.compile(r"Object \d+/")


def _read_odt(archive: zipfile.ZipFile, names: list[str], data: bytes) -> str:
    if any(name.startswith(ODT_MACRO_PREFIXES) for name in names):
        raise _error_macros()
    if any(ODT_EMBEDDED_OBJECT.match(name) for name in names):
        raise _error_embedded_objects()
    from odf import opendocument  # lazily: only uploads need odfpy

    try:
        document = opendocument.load(io.BytesIO(data))
    except Exception:
        # odfpy lets KeyError, SAX and zip errors through alike for a damaged file.
        raise _error_corrupt() from None
    collector = _OdtTextCollector(_odt_list_styles(document))
    collector.walk(document.text, list_level=0, style_name="")
    return "\n".join(collector.lines)


# Elements whose paragraphs are read in order: sections, tables and their parts.
_ODT_CONTAINERS = frozenset(
    {
        "section",
        "index-body",
        "table",
        "table-header-rows",
        "table-rows",
        "table-row",
        "table-cell",
    }
)


class _OdtTextCollector:
    """Paragraphs of an OpenDocument text in order, with list numbering turned into markers."""

    def __init__(self, list_styles: dict[str, dict[int, tuple[str, str, str]]]) -> None:
        self.list_styles = list_styles
        self.lines: list[str] = []

    def walk(self, element: Any, *, list_level: int, style_name: str) -> None:
        for child in element.childNodes:
            name = _odt_local_name(child)
            if name in ("p", "h"):
                self.lines.append(_odt_text(child))
            elif name == "list":
                self.walk_list(child, list_level=list_level + 1, style_name=style_name)
            elif name in _ODT_CONTAINERS:
                self.walk(child, list_level=list_level, style_name=style_name)

    def walk_list(self, element: Any, *, list_level: int, style_name: str) -> None:
        style_name = element.getAttribute("stylename") or style_name
        count = 0
        for item in element.childNodes:
            name = _odt_local_name(item)
            if name == "list-item":
                count += 1
                marker = self.marker(style_name, list_level, count)
            elif name == "list-header":
                marker = ""
            else:
                continue
            first_paragraph = True
            for child in item.childNodes:
                child_name = _odt_local_name(child)
                if child_name in ("p", "h"):
                    text = _odt_text(child)
                    with_marker = first_paragraph and marker
                    self.lines.append(f"{marker} {text}" if with_marker else text)
                    first_paragraph = False
                elif child_name == "list":
                    self.walk_list(child, list_level=list_level + 1, style_name=style_name)

    def marker(self, style_name: str, level: int, count: int) -> str:
        number_format, prefix, suffix = self.list_styles.get(style_name, {}).get(
            level, ("", "", "")
        )
        if number_format == "bullet":
            return "–"
        if not number_format:
            return ""
        return f"{prefix}{_format_odt_number(count, number_format)}{suffix}"


def _odt_local_name(node: Any) -> str | None:
    qname = getattr(node, "qname", None)
    return qname[1] if qname else None


def _odt_text(element: Any) -> str:
    from odf import teletype

    return str(teletype.extractText(element))


def _odt_list_styles(document: Any) -> dict[str, dict[int, tuple[str, str, str]]]:
    """List style name → level → (number format, prefix, suffix); "bullet" for bullets."""
    from odf.namespaces import STYLENS, TEXTNS

    styles: dict[str, dict[int, tuple[str, str, str]]] = {}
    for root in (document.automaticstyles, document.styles):
        for style in root.childNodes:
            if getattr(style, "qname", None) != (TEXTNS, "list-style"):
                continue
            levels: dict[int, tuple[str, str, str]] = {}
            for level in style.childNodes:
                qname = getattr(level, "qname", None)
                depth = _int(level.attributes.get((TEXTNS, "level")), 1) if qname else 0
                if qname == (TEXTNS, "list-level-style-bullet"):
                    levels[depth] = ("bullet", "", "")
                elif qname == (TEXTNS, "list-level-style-number"):
                    levels[depth] = (
                        level.attributes.get((STYLENS, "num-format"), ""),
                        level.attributes.get((STYLENS, "num-prefix"), ""),
                        level.attributes.get((STYLENS, "num-suffix"), ""),
                    )
            styles[style.attributes.get((STYLENS, "name"), "")] = levels
    return styles


def _format_odt_number(value: int, number_format: str) -> str:
    return {
        "a": _letters(value),
        "A": _letters(value).upper(),
        "i": _roman(value).lower(),
        "I": _roman(value),
    }.get(number_format, str(value))
