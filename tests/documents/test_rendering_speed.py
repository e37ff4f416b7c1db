"""What keeps a long tagged PDF fast: pydyf's page references built once per added page,
not once per structure element; its streams compressed at level 6, not 9; the cycle
collector paused during the layout and the writing, with one collection between. The PDF's
content is unchanged."""

from __future__ import annotations

import contextlib
import gc
import os
import re
import threading
import zlib

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


# --- Compression ------------------------------------------------------------------------

STREAM = re.compile(rb"<<([^\n]*)>>\nstream\n(.*?)\nendstream", re.DOTALL)


def _streams(pdf: bytes) -> list[bytes]:
    """The PDF's streams as written, but the cross-reference stream: it holds the other
    objects' offsets, which depend on the compressed sizes."""
    return [data for head, data in STREAM.findall(pdf) if b"/Type /XRef" not in head]


def test_streams_are_compressed_at_our_level_with_the_same_content(monkeypatch):
    import weasyprint

    monkeypatch.setattr(pydyf, "zlib", zlib)  # pydyf as it comes: level 9
    plain = weasyprint.HTML(string=SOURCE).write_pdf(pdf_variant=rendering.PDF_VARIANT)
    rendering._compress_at_our_level()
    ours = weasyprint.HTML(string=SOURCE).write_pdf(pdf_variant=rendering.PDF_VARIANT)

    plain_streams, our_streams = _streams(plain), _streams(ours)
    assert len(our_streams) == len(plain_streams) > 5
    contents = [zlib.decompress(stream) for stream in our_streams]
    assert contents == [zlib.decompress(stream) for stream in plain_streams]
    assert our_streams == [zlib.compress(content, 6) for content in contents]
    assert our_streams != plain_streams


# --- The cycle collector ----------------------------------------------------------------


@pytest.fixture
def collector_enabled():
    """The collector on for the test, set back as it was after it; no pause left open."""
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    left_open = dict(rendering._collector_pauses)
    rendering._collector_pauses.clear()
    (gc.enable if was_enabled else gc.disable)()
    assert left_open == {}


def test_the_collector_is_paused_for_the_layout_and_writing_and_runs_between(
    monkeypatch, collector_enabled
):
    import weasyprint
    from weasyprint.document import Document

    seen: dict[str, object] = {}
    render, write_pdf = weasyprint.HTML.render, Document.write_pdf

    def observed_render(self, *args, **kwargs):
        seen["enabled at layout"] = gc.isenabled()
        return render(self, *args, **kwargs)

    def observed_write(self, *args, **kwargs):
        seen["enabled at writing"] = gc.isenabled()
        # Objects allocated since the last collection: everything the layout made, had
        # nothing collected after it.
        seen["uncollected at writing"] = gc.get_count()[0]
        return write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "render", observed_render)
    monkeypatch.setattr(Document, "write_pdf", observed_write)
    rendering.render_pdf(SOURCE)

    assert seen["enabled at layout"] is False
    assert seen["enabled at writing"] is False
    assert seen["uncollected at writing"] < 100
    assert gc.isenabled()


def test_a_collector_off_before_a_render_stays_off(collector_enabled):
    gc.disable()
    rendering.render_pdf(SOURCE)

    assert not gc.isenabled()


def test_overlapping_pauses_end_with_the_last(collector_enabled):
    with contextlib.ExitStack() as first:
        first.enter_context(rendering._collector_paused())
        with contextlib.ExitStack() as second:
            second.enter_context(rendering._collector_paused())
            first.close()
            assert not gc.isenabled()

        assert gc.isenabled()


def test_pauses_in_threads_end_with_the_last(collector_enabled):
    # Two renders overlapping in threads; the first to start ends first. The collector is
    # off while either runs, and on after the last.
    inside = threading.Barrier(3)
    leave = [threading.Event(), threading.Event()]

    def render_in_thread(number: int) -> None:
        with rendering._collector_paused():
            inside.wait()
            leave[number].wait()

    threads = [threading.Thread(target=render_in_thread, args=(number,)) for number in (0, 1)]
    for thread in threads:
        thread.start()
    inside.wait()
    assert not gc.isenabled()

    leave[0].set()
    threads[0].join()
    assert not gc.isenabled()

    leave[1].set()
    threads[1].join()
    assert gc.isenabled()


def _in_forked_child(check) -> int:
    """The exit status of a forked child that runs ``check`` (0 when it returns true)."""
    child = os.fork()
    if child == 0:  # the child: report and leave at once
        code = 1
        try:
            code = 0 if check() else 1
        finally:
            os._exit(code)
    return os.waitstatus_to_exitcode(os.waitpid(child, 0)[1])


def test_a_forked_child_does_not_inherit_another_threads_pause(collector_enabled):
    inside, leave = threading.Event(), threading.Event()

    def render_in_thread() -> None:
        with rendering._collector_paused():
            inside.set()
            leave.wait()

    thread = threading.Thread(target=render_in_thread)
    thread.start()
    inside.wait()
    try:
        assert not gc.isenabled()
        status = _in_forked_child(lambda: gc.isenabled() and not rendering._collector_pauses)
    finally:
        leave.set()
        thread.join()

    assert status == 0


def test_a_forked_child_keeps_the_forking_threads_own_pause(collector_enabled):
    def check() -> bool:
        paused_after_fork = not gc.isenabled()
        rendering._resume_collector()  # the pause this thread opened before the fork ends
        return paused_after_fork and gc.isenabled()

    with rendering._collector_paused():
        status = _in_forked_child(check)

    assert status == 0


def test_a_fork_leaves_a_collector_turned_off_elsewhere_off(collector_enabled):
    gc.disable()

    assert _in_forked_child(lambda: not gc.isenabled()) == 0


def test_a_failed_layout_sets_the_collector_back(monkeypatch, collector_enabled):
    import weasyprint

    def failing(self, *args, **kwargs):
        raise ValueError("layout failed")

    monkeypatch.setattr(weasyprint.HTML, "render", failing)
    with pytest.raises(ValueError, match="layout failed"):
        rendering.render_pdf(SOURCE)

    assert gc.isenabled()
