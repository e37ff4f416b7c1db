"""Rendering a document's HTML to a tagged PDF (WeasyPrint, PDF/UA-1, Polish).

Every page carries the verification code and a QR code linking to the public verification
page (``templates/pdf/base.html`` lays them out in the page's bottom left margin; the
bottom right one stays free for the signature's stamp). Fonts are named explicitly
(DejaVu), so the output does not depend on what else is installed.
"""

from __future__ import annotations

import base64
import gc
import io
import os
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

# WeasyPrint's PDF/UA variant: a tagged PDF whose structure a screen reader reads in order,
# with the document's language and title set.
PDF_VARIANT = "pdf/ua-1"
DOCUMENT_LANGUAGE = "pl"


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


def verification_url(code: str) -> str:
    return settings.SITE_URL + reverse("documents:verify_code", kwargs={"code": code})


# The QR code's printed size: 18 mm, in CSS pixels (96 to the inch).
QR_SIZE_PX = 18 / 25.4 * 96


CSS_STRING_SAFE = frozenset(" .,:;/-_()%?=&+—")


def css_string(text: str) -> SafeString:
    """``text`` as a quoted CSS string, for a style sheet written by a template: every
    character that could end the string, the rule or the ``<style>`` element is escaped
    by its code point, a line break becomes ``\\A`` (shown as one with ``white-space:
    pre-wrap``)."""
    escaped = "".join(
        kept if kept.isalnum() or kept in CSS_STRING_SAFE else f"\\{ord(kept):X} " for kept in text
    )
    return mark_safe(f'"{escaped}"')  # every other character is escaped above


@dataclass(frozen=True)
class QrCode:
    data_uri: str
    resolution: str  # CSS ``image-resolution`` that prints it QR_SIZE_PX wide


def qr_code(url: str) -> QrCode:
    """The QR code as a PNG of one pixel per module, printed 18 mm wide by its image
    resolution and without smoothing (``image-rendering: pixelated``), so it stays sharp.
    A PNG is embedded once and every page refers to it; an SVG is drawn again on every
    page (an eighth of a long report's rendering time)."""
    code = segno.make(url, error="m")
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=1, border=0)
    modules = code.symbol_size(border=0)[0]
    return QrCode(
        data_uri="data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii"),
        resolution=f"{modules / QR_SIZE_PX:.4f}dppx",
    )


def render_html(*, template: str, context: dict[str, Any], title: str, code: str) -> str:
    """The document's HTML. Every page's furniture is drawn by ``@page`` margin boxes from
    strings and one image (``templates/pdf/base.html``): a running element laid out again
    on every page cost a sixth of a long report's rendering time."""
    url = verification_url(code)
    qr = qr_code(url)
    with translation.override(DOCUMENT_LANGUAGE):
        foot = "\n".join(
            [
                gettext("Verification code: %(code)s") % {"code": code},
                gettext("Check that the document is authentic: %(url)s") % {"url": url},
            ]
        )
        return render_to_string(
            template,
            {
                **context,
                "pdf": {
                    "title": title,
                    "code": code,
                    "verify_url": url,
                    "qr_css": css_string(qr.data_uri),
                    "qr_resolution": qr.resolution,
                    "foot_css": css_string(foot),
                    "language": DOCUMENT_LANGUAGE,
                },
            },
        )


def _read_page_references_once() -> None:
    """Make pydyf's ``PDF.page_references`` build its tuple once per added page.

    The property makes the tuple of every page's reference anew each time it is read, and
    WeasyPrint's tagging (PDF/UA) reads it for every structure element it writes: the cost
    grows with the pages times the elements. For a 171-page report that was a third of the
    rendering time. The tuple is kept until a page is added; the PDF is byte for byte the
    same (``tests/documents/test_rendering_speed.py``)."""
    import pydyf

    prop = pydyf.PDF.page_references
    if getattr(prop.fget, "read_once", False):
        return
    build = prop.fget

    def page_references(self: pydyf.PDF) -> tuple[bytes, ...]:
        kids = self.pages["Kids"]
        key = (id(kids), len(kids))
        cached = self.__dict__.get("_page_references")
        if cached is None or cached[0] != key:
            cached = (key, build(self))
            self.__dict__["_page_references"] = cached
        return cached[1]

    page_references.read_once = True  # type: ignore[attr-defined]
    pydyf.PDF.page_references = property(page_references)


# pydyf compresses every stream at zlib's level 9. For a PDF's content and object streams
# level 6 (zlib's default) makes files about 4 % larger in a quarter of the time: on a
# 2,000-comment report, 1.4 s less of about 24 s.
PDF_COMPRESSION_LEVEL = 6


class _PdfZlib:
    """The ``zlib`` pydyf sees: every stream object (pages' content, object streams, fonts)
    compressed at ``PDF_COMPRESSION_LEVEL``, whatever level pydyf asks for; ``compress``, for
    inline images, is zlib's own (its default level, 6). pydyf uses nothing else of zlib."""

    compress = staticmethod(zlib.compress)

    @staticmethod
    def compressobj(level: int = -1, *args: Any, **kwargs: Any) -> Any:
        return zlib.compressobj(PDF_COMPRESSION_LEVEL, *args, **kwargs)


def _compress_at_our_level() -> None:
    """Make pydyf compress its streams at ``PDF_COMPRESSION_LEVEL``: the PDF holds the
    same content (``tests/documents/test_rendering_speed.py``)."""
    import pydyf

    pydyf.zlib = _PdfZlib


# The cycle collector, paused while WeasyPrint lays out and writes a document
# (``_collector_paused``): the pauses open in each thread, and whether the collector was on
# before the first of them.
_collector_lock = threading.Lock()
_collector_pauses: dict[int, int] = {}
_collector_was_enabled = True


def _pause_collector() -> None:
    global _collector_was_enabled
    with _collector_lock:
        if not _collector_pauses:
            _collector_was_enabled = gc.isenabled()
            gc.disable()
        thread = threading.get_ident()
        _collector_pauses[thread] = _collector_pauses.get(thread, 0) + 1


def _resume_collector() -> None:
    with _collector_lock:
        thread = threading.get_ident()
        left = _collector_pauses.pop(thread, 0) - 1
        if left > 0:
            _collector_pauses[thread] = left
        if not _collector_pauses and _collector_was_enabled:
            gc.enable()


def _forget_other_threads_pauses() -> None:
    """In a forked child only the forking thread lives on: the pauses other threads held
    would never end, and the child would run without the collector."""
    global _collector_lock
    _collector_lock = threading.Lock()  # another thread may have held it at the fork
    thread = threading.get_ident()
    others = [key for key in _collector_pauses if key != thread]
    for other in others:
        del _collector_pauses[other]
    if others and not _collector_pauses and _collector_was_enabled:
        gc.enable()


os.register_at_fork(after_in_child=_forget_other_threads_pauses)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while the block runs. It is turned on again when the
    last of overlapping blocks (renders in threads) ends, if it was on before the first.
    The pause is process-wide: other threads' garbage in reference cycles waits for the
    end, or for the collection ``render_pdf`` makes between the layout and the writing.

    WeasyPrint keeps every page's boxes until the PDF is written: millions of objects,
    which each automatic run of the collector walks again, while almost nothing in them is
    garbage. On a 2,000-comment report those runs took about a tenth of the time."""
    _pause_collector()
    try:
        yield
    finally:
        _resume_collector()


def render_pdf(html: str) -> RenderedPdf:
    from weasyprint import HTML

    _read_page_references_once()
    _compress_at_our_level()
    # Gathering the data and rendering the template leave garbage in reference cycles
    # (Django's model instances, the template's context); collected now, before WeasyPrint
    # allocates, it keeps a 2,000-comment report's peak memory about 100 MB lower.
    gc.collect()
    options = {"pdf_variant": PDF_VARIANT}
    with _collector_paused():
        document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(**options)
        # The layout ends by dropping most of the cascade's styles and part of the parsed
        # HTML, in reference cycles: freed here, before the PDF is written, they do not add
        # to its peak memory (about 120 MB for a 2,000-comment report).
        gc.collect()
        output = io.BytesIO()
        document.write_pdf(output, **options)
    return RenderedPdf(data=output.getvalue(), pages=len(document.pages))
