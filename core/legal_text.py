"""Plain text with a few marks, rendered as safe HTML: what an administrator writes on the
legal pages (``LegalPage.body``) can never inject markup.

Every line is escaped first. A blank line separates blocks; a block whose lines all start
with ``- `` is a list; a line starting with ``## `` is a heading of its own; any other block
is a paragraph, its line breaks kept. Web and e-mail addresses become links.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join, urlize
from django.utils.safestring import SafeString, mark_safe

HEADING = "## "
ITEM = "- "


def _inline(line: str) -> SafeString:
    """One line escaped, its addresses made links (``urlize`` escapes the rest)."""
    return mark_safe(urlize(line.strip(), nofollow=True, autoescape=True))


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            blocks.append([])
        elif line.startswith(HEADING):
            blocks.extend([[line], []])
        else:
            blocks[-1].append(line)
    return [block for block in blocks if block]


def render_legal_text(text: str) -> SafeString:
    """``text`` as headings (``<h2>``), lists and paragraphs of escaped text."""
    parts: list[SafeString] = []
    for block in _blocks(text):
        if len(block) == 1 and block[0].startswith(HEADING):
            parts.append(format_html("<h2>{}</h2>", _inline(block[0][len(HEADING) :])))
        elif all(line.startswith(ITEM) for line in block):
            items = format_html_join(
                "", "<li>{}</li>", ((_inline(line[len(ITEM) :]),) for line in block)
            )
            parts.append(format_html("<ul>{}</ul>", items))
        else:
            lines = [_inline(line) for line in block]
            parts.append(format_html("<p>{}</p>", mark_safe("<br>".join(lines))))
    return mark_safe("\n".join(parts))
