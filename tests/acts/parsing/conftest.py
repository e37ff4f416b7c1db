"""Shared checks for the parser tests.

The central one is `assert_parse_invariants`, the "no text lost" property:

    words(normalize_text(source))
        == words(title_block) + words(every marker) + words(every unit text) + words(skipped lines)

as multisets, where a word is a maximal run of Unicode word characters (regex \\w+), so
punctuation and dashes are not words and "§1.Uchwała" counts as the words "1" and "Uchwała".
The source is compared after `normalize_text`, which only turns layout characters (NBSP, form
feeds, CR) into spaces or line breaks and drops invisible ones (soft hyphen, zero-width space);
a soft hyphen would otherwise split one word into two on the source side only.

Markers are removed from the units' text by the parser, which records them on each provision.
So that the parser cannot hide text by calling it a marker, every marker and every skipped line
must also have the shape defined here, independently of the parser's own patterns.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import pytest

from acts.parsing import ParseResult, ProvisionKind, normalize_text

WORD = re.compile(r"\w+")

_NUMBER = r"\d+[a-z]*(?:\s*[–—-]\s*\d+[a-z]*)?"
MARKER_SHAPES: dict[ProvisionKind, re.Pattern[str]] = {
    # An empty paragraph marker is a § the parser inferred for a body whose markers were lost.
    ProvisionKind.PARAGRAPH: re.compile(rf"(?:§\s*{_NUMBER}\s*\.?)?"),
    ProvisionKind.ARTICLE: re.compile(rf"(?:Art\.|ART\.|Artykuł)\s*{_NUMBER}\s*\.?"),
    ProvisionKind.USTEP: re.compile(rf"{_NUMBER}\."),
    ProvisionKind.POINT: re.compile(rf"{_NUMBER}\)"),
    ProvisionKind.LETTER: re.compile(r"[a-z]{1,2}\)"),
    ProvisionKind.TIRET: re.compile(r"[–—-]"),
    ProvisionKind.COMMON_PART: re.compile(r"[–—-]"),
    ProvisionKind.CHAPTER: re.compile(
        r"(?:Rozdział|ROZDZIAŁ|Rozdz\.|ROZDZ\.)\s*[0-9IVXLCDM]+[a-z]*\.?\s*[–—:-]?"
    ),
    # A heading of a part of an annex: "I." or "A.".
    ProvisionKind.PART: re.compile(r"(?:[IVXLC]+|[A-Z])\."),
    ProvisionKind.SECTION: re.compile(r"(?:Dział|DZIAŁ)\s*[0-9IVXLCDM]+[a-z]*\.?\s*[–—:-]?"),
    # An annex heading: "Załącznik nr 1" plus the lines naming the act it belongs to.
    ProvisionKind.ANNEX: re.compile(r"(?:Załącznik|ZAŁĄCZNIK)\b.*", re.DOTALL),
    ProvisionKind.JUSTIFICATION: re.compile(r"(?:(?:Uzasadnienie|UZASADNIENIE)\b.*)?"),
    # The opening quotation mark, then (once it closed) the closing one with the punctuation
    # after it: "„ ”;".
    ProvisionKind.QUOTATION: re.compile(r"[„“\"](?: [”“\"][;,.:]{0,2})?"),
}
SKIPPED_LINE_SHAPE = re.compile(
    r"[\W_]*projekt[\W_]*|\d{1,4}|[–—-]\s*\d{1,4}\s*[–—-]|"
    r"(?:strona|str\.)\s*\d{1,4}(?:\s*(?:z|/)\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4}|"
    # A signing system's footer: "Id: <GUID>. Projekt Strona 3".
    r"Id:\s*[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\s*\.?(?:\s+\w+)?"
    r"(?:\s+(?:strona|str\.)\s*\d{1,4}(?:\s*(?:z|/)\s*\d{1,4})?)?",
    re.IGNORECASE,
)
ANCHOR_SHAPE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def accounted_words(result: ParseResult) -> Counter[str]:
    counted = Counter(words(result.title_block))
    for provision in result.provisions:
        counted.update(words(provision.marker))
        counted.update(words(provision.text))
    for line in result.skipped_lines:
        counted.update(words(line))
    return counted


def _assert_parse_invariants(source: str, result: ParseResult) -> None:
    source_words = Counter(words(normalize_text(source)))
    found_words = accounted_words(result)
    assert found_words == source_words, {
        "lost": source_words - found_words,
        "duplicated": found_words - source_words,
    }

    labels = [provision.label for provision in result.provisions]
    assert len(labels) == len(set(labels)), "labels must be unique"
    anchors = [provision.anchor for provision in result.provisions]
    assert len(anchors) == len(set(anchors)), "anchors must be unique"

    position_of_label: dict[str, int] = {}
    depth_of_label: dict[str, int] = {}
    for position, provision in enumerate(result.provisions):
        assert provision.order == position
        assert ANCHOR_SHAPE.fullmatch(provision.anchor), provision.anchor
        if provision.parent is None:
            assert provision.depth == 0
        else:
            assert provision.parent in position_of_label, "a parent precedes its children"
            assert provision.depth == depth_of_label[provision.parent] + 1
        position_of_label[provision.label] = position
        depth_of_label[provision.label] = provision.depth
        shape = MARKER_SHAPES.get(provision.kind)
        if shape is None:
            assert provision.marker == "", (provision.kind, provision.marker)
        else:
            assert shape.fullmatch(provision.marker), (provision.kind, provision.marker)
    for line in result.skipped_lines:
        assert SKIPPED_LINE_SHAPE.fullmatch(line), line


@pytest.fixture(scope="session")
def assert_parse_invariants() -> Callable[[str, ParseResult], None]:
    """The structural properties every parse must have, whatever the input."""
    return _assert_parse_invariants
