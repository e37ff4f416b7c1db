"""PDFs of acts made for the tests with WeasyPrint, the way a city's bulletin prints them:
A4, justified and hyphenated (Polish), the signing system's footer and the page number in the
bottom margin of every page; and a scan (an image of a page, no text layer)."""

from __future__ import annotations

import html
import io

FOOTER_ID = "Id: 0B9E2D44-51AF-4C7B-8E12-6A3F9C0D7B21. Projekt"

_STYLE = """
@page { size: A4; margin: 2cm 2.5cm 2.5cm 2.5cm;
  @bottom-left { content: "%(footer)s"; font: 8pt "DejaVu Sans"; }
  @bottom-right { content: "Strona " counter(page) " z " counter(pages);
    font: 8pt "DejaVu Sans"; } }
body { font: 12pt/1.3 "DejaVu Serif"; }
p { text-align: justify; hyphens: auto; margin: 0 0 %(spacing)s 0; }
p.title { text-align: center; font-weight: bold; }
table { width: 100%%; margin-top: 1cm; }
td { vertical-align: top; }
"""


def act_pdf(
    text: str, *, paragraph_spacing: str = "0", signature_beside: str | None = None
) -> bytes:
    """A PDF of ``text``, one paragraph per line, the title block (up to the first blank line)
    centred. With ``signature_beside``, the last block (the signature) is set in the right cell
    of a table whose left cell holds ``signature_beside``, as many acts print it."""
    from weasyprint import HTML

    blocks = text.strip("\n").split("\n\n")
    title, body = blocks[0], blocks[1:]
    signature: list[str] = []
    if signature_beside is not None:
        signature = body.pop().split("\n")
    parts = [f'<p class="title">{html.escape(line)}</p>' for line in title.split("\n")]
    for block in body:
        parts += [f"<p>{html.escape(line)}</p>" for line in block.split("\n") if line.strip()]
    if signature:
        signature_html = "<br>".join(html.escape(line) for line in signature)
        parts.append(
            f'<table><tr><td style="width:50%">{html.escape(signature_beside or "")}</td>'
            f'<td style="text-align:center">{signature_html}</td></tr></table>'
        )
    style = _STYLE % {"footer": FOOTER_ID, "spacing": paragraph_spacing}
    return bytes(
        HTML(
            string=f'<html lang="pl"><head><style>{style}</style></head>'
            f"<body>{''.join(parts)}</body></html>"
        ).write_pdf()
    )


def scanned_pdf() -> bytes:
    """A PDF of a page image with the act's text drawn into it: what a scanner produces."""
    import base64

    from PIL import Image, ImageDraw
    from weasyprint import HTML

    image = Image.new("RGB", (1240, 1754), "white")
    drawing = ImageDraw.Draw(image)
    for row, line in enumerate(["UCHWALA NR 1/2027", "Par. 1. Tekst aktu.", "Par. 2. Koniec."]):
        drawing.text((100, 100 + row * 40), line, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    document = (
        "<html><head><style>@page { size: A4; margin: 0 } img { width: 100%; }</style></head>"
        f'<body><img src="data:image/png;base64,{encoded}"></body></html>'
    )
    return bytes(HTML(string=document).write_pdf())


def encrypted_pdf(data: bytes, password: str = "tajne") -> bytes:
    """``data`` encrypted with a user password, as a protected bulletin copy is."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import copy_into_new_writer

    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(data)))
    writer.encrypt(password, password)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
