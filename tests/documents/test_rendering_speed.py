"""What keeps a long tagged PDF from costing pages × elements: pydyf's page references are
built once per added page, not once per structure element, and the PDF is unchanged."""

from __future__ import annotations

import pydyf
import pytest

from documents import rendering

PARAGRAPHS = "".join(
    f"<h2>Rozdział {number}</h2><p>{'Zażółć gęślą jaźń, uwagi organizacji. ' * 60}</p>"
    for number in range(1, 13)
)
SOURCE = f'<html lang="pl"><head><title>Próba</title></head><body>{PARAGRAPHS}</body></html>'


@pytest.fixture
def counted_page_references(monkeypatch):
    """pydyf's own property again, counting how often it builds the tuple."""
    builds = []

    def counting(self):
        builds.append(len(self.pages["Kids"]) // 3)
        return tuple(f"{number} 0 R".encode("ascii") for number in self.pages["Kids"][::3])

    monkeypatch.setattr(pydyf.PDF, "page_references", property(counting))
    return builds


def test_a_tagged_render_builds_the_page_references_once_per_page(counted_page_references):
    rendering._read_page_references_once()
    rendered = rendering.render_pdf(SOURCE)

    assert rendered.pages >= 5
    assert 0 < len(counted_page_references) <= rendered.pages + 1


def test_unwrapped_the_references_are_built_for_every_element(counted_page_references):
    # The same render with pydyf's property as it comes: what the fix is measured against.
    import weasyprint

    weasyprint.HTML(string=SOURCE).write_pdf(pdf_variant=rendering.PDF_VARIANT)

    assert len(counted_page_references) > 100


def test_the_pdf_is_the_same_byte_for_byte(counted_page_references):
    import weasyprint

    plain = weasyprint.HTML(string=SOURCE).write_pdf(pdf_variant=rendering.PDF_VARIANT)
    rendering._read_page_references_once()
    faster = weasyprint.HTML(string=SOURCE).write_pdf(pdf_variant=rendering.PDF_VARIANT)

    assert faster == plain


def test_a_page_added_after_a_read_is_in_the_next_read():
    rendering._read_page_references_once()
    pdf = pydyf.PDF()
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    first = pdf.page_references
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))

    assert len(first) == 1
    assert pdf.page_references == (*first, f"{pdf.objects[-1].number} 0 R".encode("ascii"))


class _Cycle:
    """Garbage only the cycle collector frees: it refers to itself."""

    def __init__(self, freed: list[str]) -> None:
        self.itself = self
        self._freed = freed

    def __del__(self) -> None:
        self._freed.append("freed")


def test_garbage_left_before_a_render_is_collected_before_weasyprint_starts(monkeypatch):
    # What gathering a report's data leaves in reference cycles, collected before the
    # layout allocates (a long report's peak memory is about 100 MB lower for it). With the
    # collector's automatic runs off, only render_pdf's own collection can free it, and
    # it must have done so by the time WeasyPrint is called.
    import gc

    import weasyprint

    freed: list[str] = []
    seen_at_layout: list[list[str]] = []
    render = weasyprint.HTML.render

    def observed(self, *args, **kwargs):
        seen_at_layout.append(list(freed))
        return render(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "render", observed)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        _Cycle(freed)
        assert freed == []
        rendering.render_pdf(SOURCE)
    finally:
        if was_enabled:
            gc.enable()

    assert seen_at_layout == [["freed"]]
