"""Reading text PDFs with pdfminer.six: lines in reading order, wrapped lines joined back into
paragraphs, words split at a line end mended, page footers kept on lines of their own.

Why pdfminer.six and not pypdf. Both were run on PDFs of acts made with WeasyPrint (justified,
hyphenated, with the signing system's footer on every page, the signature in a table cell
beside "Druk nr 12"). pypdf follows the content stream and prints what shares a baseline as
one line, so the two cells came out as "Druk nr 12 Prezydent Miasta Anna Nowak": the
signatory glued to unrelated text. pdfminer.six groups characters into text boxes by their
position and orders the boxes, so each cell stays a block of its own ("Druk nr 12", then
"Prezydent Miasta" / "Anna Nowak"), and it gives each line's coordinates, which are what tells
a wrapped line from the end of a paragraph. Both read the text lines themselves the same way.

Joining lines. A line is wrapped, not the end of its paragraph, when the first word of the next
line would not have fitted after it before the text's right edge on its page; such lines are
joined with a space, across a page break too, unless the line is centred (a title, a
signature in its table cell: it starts far right of the text's left edge). Even then a line
ending a sentence (".", ";", ":") is not joined to a next line that starts with a unit marker
("§ 2.", "2)", "a)"), so a paragraph that happens to fill its last line does not swallow the
next unit.

Hyphenation. A word split at a line end is mended only there: after a typographic hyphen
(U+2010, which layout engines insert) or a soft hyphen, always; after an ordinary "-" when the
next line goes on in lower case, unless the two halves look like a real compound
("społeczno-\ngospodarczy": a first part of five letters or more ending in "o" and a second
part of five or more), which keeps its hyphen. Hyphens inside a line are never touched.

Footers. Page numbers and the signing system's footers ("Id: <GUID>. Projekt Strona 3") are
moved out of the paragraph they interrupt onto lines of their own, right after it, so the
parser drops them and lists them in its warnings (``acts.parsing.markers.is_layout_noise``).

A PDF without a text layer (a scan) is refused with a message saying so; so are encrypted,
damaged and overlong ones (more than ``MAXIMUM_PDF_PAGES`` pages, compressed streams or text
expanding beyond the readers' ratio, judged before pdfminer inflates anything).
"""

from __future__ import annotations

import base64
import io
import re
import zlib
from dataclasses import dataclass
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from acts.parsing import markers
from acts.parsing.errors import DocumentError, DocumentErrorCode
from acts.parsing.readers.common import MAXIMUM_EXPANSION_RATIO, error_corrupt, error_too_large
from core.uploads import is_structured_pdf

# Acts consulted by a city run to tens of pages; past this a PDF is not one act.
MAXIMUM_PDF_PAGES = 300
# A page with fewer words than this, on average, and with images is a scan without OCR.
MINIMUM_WORDS_PER_PAGE = 5
# Hyphens a layout engine puts at a line end when it splits a word.
TYPOGRAPHIC_HYPHENS = "\u2010\u00ad"
# A real compound split at its hyphen keeps it: "społeczno-" + "gospodarczy".
COMPOUND_PART_LETTERS = 5
# A line starting this many characters right of the text's left edge is centred (a title, a
# signature), not the first line of a paragraph with its indent.
CENTRED_INDENT_CHARACTERS = 12
# Line ends this close to the right edge (a share of the text's width) count as reaching it:
# justification rounds.
RIGHT_EDGE_TOLERANCE = 0.01

_LINE_START_MARKER = re.compile(
    r"(?:§|Art\.|Rozdział|ROZDZIAŁ|Załącznik|ZAŁĄCZNIK)|\d{1,3}[a-z]{0,2}[.)](?:\s|$)|"
    r"[a-z]{1,2}\)|[–—-]\s|[IVXLC]{1,7}\.\s"
)
_LETTER_BEFORE_HYPHEN = re.compile(r"(?P<part>[^\W\d_]+)[-\u2010\u00ad]$")


def error_scanned() -> DocumentError:
    return DocumentError(
        _(
            "The PDF has no text layer: it looks like a scan. Upload the act as a text PDF, "
            "a .docx, .odt or .txt file, or paste its text."
        ),
        DocumentErrorCode.SCANNED,
    )


def error_encrypted() -> DocumentError:
    return DocumentError(
        _(
            "The PDF is protected by a password or against copying its text. Upload an "
            "unprotected copy or paste the text."
        ),
        DocumentErrorCode.ENCRYPTED,
    )


def error_too_many_pages(limit: int) -> DocumentError:
    return DocumentError(
        format_lazy(
            _("The PDF has more than {limit} pages. Upload the act alone or paste its text."),
            limit=limit,
        ),
        DocumentErrorCode.TOO_LARGE,
    )


@dataclass
class PdfLine:
    text: str
    x0: float
    x1: float
    # The text's right edge on the line's page.
    right_edge: float
    # The text's left edge on the line's page.
    left_edge: float = 0.0


def read_pdf(data: bytes, max_bytes: int) -> str:
    if not is_structured_pdf(data):
        raise error_corrupt()
    # pdfminer inflates whole streams in memory: a "PDF bomb" is refused before it is opened.
    if _inflated_size(data, limit=max(max_bytes, len(data)) * MAXIMUM_EXPANSION_RATIO) is None:
        raise error_too_large(max_bytes)
    lines, pages, has_images = _extract_lines(data, max_text=max(max_bytes, len(data)))
    words = sum(len(line.text.split()) for line in lines)
    if has_images and words < MINIMUM_WORDS_PER_PAGE * max(pages, 1):
        raise error_scanned()
    return "\n".join(join_lines(lines))


_STREAM = re.compile(rb"stream\r?\n")
_STREAM_END = b"endstream"
INFLATE_CHUNK = 1024 * 1024


def _inflated_size(data: bytes, *, limit: int) -> int | None:
    """What the file's compressed streams inflate to in total, or None past ``limit``.

    Each stream is inflated in chunks and thrown away, so the check itself stays small; a
    stream that is not zlib data (an image in JPEG, say) counts as its own size."""
    total = 0
    position = 0
    while True:
        start = _STREAM.search(data, position)
        if start is None:
            return total
        end = data.find(_STREAM_END, start.end())
        if end < 0:
            return total
        raw = data[start.end() : end]
        inflated = _inflated(raw, limit=limit - total)
        if inflated is None:
            # Not zlib data as it stands: perhaps zlib data behind a text filter
            # ("/Filter [/ASCIIHexDecode /FlateDecode]"), which pdfminer decodes first.
            decoded = _text_decoded(raw)
            if decoded is not None:
                inflated = _inflated(decoded, limit=limit - total)
        if inflated is not None and inflated < 0:
            return None
        total += inflated if inflated is not None else len(raw)
        if total > limit:
            return None
        position = end + len(_STREAM_END)


def _inflated(pending: bytes, *, limit: int) -> int | None:
    """How much ``pending`` inflates to, in chunks thrown away: -1 past ``limit``, None
    when it is not zlib data."""
    inflater = zlib.decompressobj()
    total = 0
    try:
        while not inflater.eof:
            # With the input used up, an empty call drains what zlib still holds.
            chunk = inflater.decompress(pending, INFLATE_CHUNK)
            if not chunk and not pending:
                break
            total += len(chunk)
            if total > limit:
                return -1
            pending = inflater.unconsumed_tail
    except zlib.error:
        return None
    return total


_HEX_STREAM = re.compile(rb"[0-9A-Fa-f\s]*>?\s*")


def _text_decoded(raw: bytes) -> bytes | None:
    """A stream in ASCIIHex or ASCII85 (the PDF's text filters) decoded, else None."""
    text = raw.strip()
    try:
        if text.endswith(b"~>"):
            return base64.a85decode(text.removeprefix(b"<~")[:-2], ignorechars=b" \t\r\n\x0c")
        if _HEX_STREAM.fullmatch(text):
            digits = re.sub(rb"[\s>]", b"", text)
            return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))
    except ValueError:
        return None
    return None


def _extract_lines(data: bytes, *, max_text: int) -> tuple[list[PdfLine], int, bool]:
    # Lazily: only uploads need pdfminer.
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage, PDFTextExtractionNotAllowed

    lines: list[PdfLine] = []
    has_images = False
    pages = 0
    text_size = 0
    try:
        manager = PDFResourceManager()
        device = PDFPageAggregator(manager, laparams=LAParams())
        interpreter = PDFPageInterpreter(manager, device)
        for page in PDFPage.get_pages(io.BytesIO(data), check_extractable=True):
            pages += 1
            if pages > MAXIMUM_PDF_PAGES:
                raise error_too_many_pages(MAXIMUM_PDF_PAGES)
            interpreter.process_page(page)
            page_lines, page_has_images = _page_lines(device.get_result())
            has_images = has_images or page_has_images
            text_size += sum(len(line.text) for line in page_lines)
            if text_size > max_text * MAXIMUM_EXPANSION_RATIO:
                raise error_too_large(max_text)
            lines.extend(page_lines)
    except DocumentError:
        raise
    except (PDFEncryptionError, PDFPasswordIncorrect, PDFTextExtractionNotAllowed):
        raise error_encrypted() from None
    except Exception:
        # pdfminer lets syntax, key, type and decoding errors through alike for a damaged file.
        raise error_corrupt() from None
    return lines, pages, has_images


def _page_lines(layout: Any) -> tuple[list[PdfLine], bool]:
    """The page's text lines in pdfminer's reading order, and whether it shows any image."""
    from pdfminer.layout import LTContainer, LTImage, LTTextLine

    found: list[tuple[str, float, float]] = []
    has_images = False

    def walk(item: Any) -> None:
        nonlocal has_images
        if isinstance(item, LTImage):
            has_images = True
        elif isinstance(item, LTTextLine):
            text = " ".join(item.get_text().split())
            if text:
                found.append((text, float(item.x0), float(item.x1)))
        elif isinstance(item, LTContainer):
            for child in item:
                walk(child)

    walk(layout)
    # The text's right edge: the farthest line end, but on a page without a full line (a short
    # last page) the margin mirrored from the left one, so a centred signature is not "full".
    left_edge = min((x0 for _, x0, _ in found), default=0.0)
    farthest = max((x1 for _, _, x1 in found), default=0.0)
    right_edge = max(farthest, float(layout.width) - left_edge)
    right_edge -= (right_edge - left_edge) * RIGHT_EDGE_TOLERANCE
    lines = [PdfLine(text, x0, x1, right_edge, left_edge) for text, x0, x1 in found]
    return lines, has_images


def join_lines(lines: list[PdfLine]) -> list[str]:
    """Paragraphs out of the PDF's lines (see the module's docstring); footers on their own
    lines after the paragraph they interrupted."""
    paragraphs: list[str] = []
    current: str | None = None
    previous: PdfLine | None = None
    footers: list[str] = []
    for line in lines:
        text, glued_footers = markers.split_signing_footers(line.text)
        if not text or markers.is_layout_noise(text):
            footers.extend([*glued_footers, text] if text else glued_footers)
            continue
        footers.extend(glued_footers)
        if current is not None and previous is not None and _continues(previous, current, text):
            current = _join(current, text)
        else:
            if current is not None:
                paragraphs.append(current)
            paragraphs.extend(footers)
            footers = []
            current = text
        previous = line
    if current is not None:
        paragraphs.append(current)
    paragraphs.extend(footers)
    return paragraphs


def _continues(previous: PdfLine, joined_so_far: str, text: str) -> bool:
    """Whether ``text`` goes on the paragraph whose last line was ``previous``."""
    width = previous.x1 - previous.x0
    character_width = width / max(len(previous.text), 1)
    first_word = text.split()[0]
    wrapped = previous.x1 + (len(first_word) + 1) * character_width >= previous.right_edge
    if not wrapped or _is_centred(previous, character_width):
        return False
    return not (joined_so_far[-1] in ".;:" and _LINE_START_MARKER.match(text))


def _is_centred(line: PdfLine, character_width: float) -> bool:
    """Whether a line is centred (a title, a signature) rather than part of a wrapped
    paragraph: it starts well right of the text's left edge, farther than a first-line indent
    or a hanging indent reaches."""
    return line.x0 - line.left_edge > CENTRED_INDENT_CHARACTERS * character_width


def _join(paragraph: str, text: str) -> str:
    hyphenated = _LETTER_BEFORE_HYPHEN.search(paragraph)
    if hyphenated is not None:
        hyphen = paragraph[-1]
        if hyphen in TYPOGRAPHIC_HYPHENS:
            return paragraph[:-1] + text
        if text[:1].islower():
            first_part = hyphenated.group("part")
            second_part = re.match(r"[^\W\d_]*", text)
            second = second_part.group() if second_part is not None else ""
            compound = (
                len(first_part) >= COMPOUND_PART_LETTERS
                and first_part.endswith("o")
                and len(second) >= COMPOUND_PART_LETTERS
            )
            return paragraph + text if compound else paragraph[:-1] + text
        # "Bielsko-\nBiała", "COVID-\n19": a hyphen before a capital or a digit is real.
        return paragraph + text
    if paragraph.endswith("/"):
        return paragraph + text
    return f"{paragraph} {text}"
