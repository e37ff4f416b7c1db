"""What signing keeps per process changes nothing in a signature: the second signature
with a key reserves the room the first one measured and is as valid; a PDF whose objects
sit in an object stream (as WeasyPrint writes them) is read through the indexed reader
and signed validly; the stamp font has no layout tables."""

from __future__ import annotations

import io

import pytest

from documents import signing
from documents.verification import _signature_intact
from tests.pdf import minimal_pdf


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def test_the_second_signature_with_a_key_reserves_what_the_first_measured(var_dir):
    signing._reserved_bytes.clear()
    first = signing.sign_pdf(minimal_pdf("pierwszy"), number="1/2026", code="ACDEFGHJKM")
    [reserved] = signing._reserved_bytes.values()
    second = signing.sign_pdf(minimal_pdf("drugi"), number="2/2026", code="ACDEFGHJKN")

    assert signing._space_reserved(first.data) == signing._space_reserved(second.data) == reserved
    assert _signature_intact(first.data)
    assert _signature_intact(second.data)


def test_a_pdf_with_an_object_stream_is_signed_validly(var_dir):
    from documents.rendering import render_pdf

    rendered = render_pdf(
        '<html lang="pl"><head><title>Dwie strony</title></head><body>'
        '<p style="break-after: page">Zażółć gęślą jaźń.</p><p>Strona druga.</p></body></html>'
    )
    assert b"/ObjStm" in rendered.data

    signed = signing.sign_pdf(rendered.data, number="3/2026", code="ACDEFGHJKP")

    assert _signature_intact(signed.data)


def test_the_stamp_font_has_no_layout_tables(var_dir):
    from fontTools.ttLib import TTFont

    font = TTFont(str(signing.stamp_font()))
    assert not {"GSUB", "GPOS", "GDEF"} & set(font.keys())
    assert font["head"].unitsPerEm == 1000
    assert all(ord(letter) in font.getBestCmap() for letter in "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ„”–")


def test_a_pdf_is_signed_in_a_thread_that_already_runs_an_event_loop(var_dir):
    """pyHanko runs its own event loop; a caller inside a running loop (an asynchronous
    worker pool, a browser driver in the same process) still gets a valid signature."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    async def sign_inside_a_loop():
        return signing.sign_pdf(minimal_pdf("w pętli"), number="4/2026", code="ACDEFGHJKQ")

    # In a thread of its own: this one may already run a loop (a browser test's, earlier).
    with ThreadPoolExecutor(max_workers=1) as pool:
        signed = pool.submit(asyncio.run, sign_inside_a_loop()).result()

    async def verify_inside_a_loop():
        return _signature_intact(signed.data)

    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(asyncio.run, verify_inside_a_loop()).result()
    assert _signature_intact(signed.data)


def _five_pages() -> bytes:
    from documents.rendering import render_pdf

    pages = "".join(f'<p style="break-after: page">Strona {n}.</p>' for n in range(1, 6))
    rendered = render_pdf(
        f'<html lang="pl"><head><title>Pięć</title></head><body>{pages}</body></html>'
    )
    assert rendered.pages == 5
    return rendered.data


def test_a_page_of_a_one_level_tree_is_the_page_pyhanko_would_find():
    from pyhanko.pdf_utils.reader import PdfFileReader

    data = _five_pages()
    indexed = signing._indexed_reader()(io.BytesIO(data), strict=True)
    plain = PdfFileReader(io.BytesIO(data), strict=True)
    for index in [0, 2, 4, -1, -5]:
        page, resources = indexed._flat_page(index)
        expected_page, expected_resources = plain.find_page_for_modification(index)
        assert page.idnum == expected_page.idnum
        assert resources.idnum == expected_resources.idnum
    assert indexed._flat_page(5) is None  # out of range: left to pyHanko's error


def test_the_stamp_goes_on_the_last_page_of_a_weasyprint_pdf(var_dir):
    from pyhanko.pdf_utils.reader import PdfFileReader

    signed = signing.sign_pdf(_five_pages(), number="4/2026", code="ACDEFGHJKQ")

    reader = PdfFileReader(io.BytesIO(signed.data))

    def signature_widgets(index):
        page = reader.find_page_for_modification(index)[0].get_object()
        annotations = page.get("/Annots", [])
        widgets = [annotation.get_object() for annotation in annotations]
        return [w for w in widgets if w.get("/FT") == "/Sig" or "/Parent" in w]

    assert [len(signature_widgets(index)) for index in range(5)] == [0, 0, 0, 0, 1]
    assert _signature_intact(signed.data)


def test_a_pdf_without_object_streams_is_walked_by_pyhanko(var_dir):
    data = minimal_pdf("bez strumieni obiektów")
    assert b"/ObjStm" not in data
    indexed = signing._indexed_reader()(io.BytesIO(data), strict=True)
    assert indexed._flat_page(-1) is None  # nothing to read it from: pyHanko walks

    signed = signing.sign_pdf(data, number="5/2026", code="ACDEFGHJKR")

    assert _signature_intact(signed.data)


def test_a_tree_with_an_intermediate_node_is_left_to_pyhanko(monkeypatch):
    # One kid that is not a page (a /Pages node of a deeper tree): the flat path declines.
    data = _five_pages()
    reader_class = signing._indexed_reader()
    indexed = reader_class(io.BytesIO(data), strict=True)
    kids = indexed.root.raw_get("/Pages").get_object()["/Kids"]
    node = kids.raw_get(2).idnum
    raw_object = reader_class._raw_object

    def as_an_intermediate_node(self, idnum):
        raw = raw_object(self, idnum)
        return raw.replace(b"/Page", b"/Pages") if idnum == node and raw else raw

    assert indexed._flat_page(-1) is not None
    monkeypatch.setattr(reader_class, "_raw_object", as_an_intermediate_node)
    assert indexed._flat_page(-1) is None


def test_signing_a_weasyprint_pdf_takes_the_flat_path(var_dir, monkeypatch):
    reader_class = signing._indexed_reader()
    flat_page = reader_class._flat_page
    found = []

    def counted(self, page_ix):
        result = flat_page(self, page_ix)
        found.append(result is not None)
        return result

    monkeypatch.setattr(reader_class, "_flat_page", counted)
    signed = signing.sign_pdf(_five_pages(), number="4/2026", code="ACDEFGHJKQ")

    assert True in found
    assert _signature_intact(signed.data)
