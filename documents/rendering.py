"""Rendering a document's HTML to a tagged PDF (WeasyPrint, PDF/UA-1, Polish).

Every page carries the verification code and a QR code linking to the public verification
page (``templates/pdf/base.html`` lays them out in the page's bottom left margin; the
bottom right one stays free for the signature's stamp). Fonts are named explicitly
(DejaVu), so the output does not depend on what else is installed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

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


def qr_data_uri(url: str) -> str:
    return str(segno.make(url, error="m").svg_data_uri(scale=4, border=0))


def render_html(*, template: str, context: dict[str, Any], title: str, code: str) -> str:
    url = verification_url(code)
    with translation.override(DOCUMENT_LANGUAGE):
        return render_to_string(
            template,
            {
                **context,
                "pdf": {
                    "title": title,
                    "code": code,
                    "verify_url": url,
                    "qr": qr_data_uri(url),
                    "language": DOCUMENT_LANGUAGE,
                },
            },
        )


def render_pdf(html: str) -> RenderedPdf:
    from weasyprint import HTML

    options = {"pdf_variant": PDF_VARIANT}
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(**options)
    output = io.BytesIO()
    document.write_pdf(output, **options)
    return RenderedPdf(data=output.getvalue(), pages=len(document.pages))
