"""Every page's furniture (running title, "strona X z Y", QR code, verification code) is
written into the style sheet's ``@page`` rules: what goes there is escaped."""

from __future__ import annotations

import subprocess

import weasyprint

from documents.rendering import css_string


def test_a_css_string_cannot_end_the_string_the_rule_or_the_style_element():
    written = css_string('a"b\\c;}</style>\nZażółć')

    assert written == '"a\\22 b\\5C c;\\7D \\3C /style\\3E \\A Zażółć"'


def test_the_escaped_string_is_drawn_as_written(tmp_path):
    text = 'Kod "X" \\ </style> {}\nSprawdź'
    html = (
        "<html><head><style>@page { @top-left { white-space: pre-wrap; width: 150mm;"
        f" content: {css_string(text)}; }} }}</style></head><body><p>Treść</p></body></html>"
    )
    path = tmp_path / "page.pdf"
    weasyprint.HTML(string=html).write_pdf(path)

    drawn = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert 'Kod "X" \\ </style> {}' in drawn
    assert "Sprawdź" in drawn
    assert "Treść" in drawn
