"""Properties that hold for any input: no crash, no word lost or duplicated, unique labels and
anchors, parents before children (see conftest.assert_parse_invariants for the definitions)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from acts.parsing import ParseResult, parse_quotation, parse_text

ACTS_DIRECTORY = Path(__file__).parent / "fixtures" / "acts"
# The constructed acts bring amending quotations and the signing system's footers.
CONSTRUCTED_DIRECTORY = Path(__file__).parent / "fixtures" / "constructed"
CORPUS_TEXTS = [
    path.read_text(encoding="utf-8")
    for directory in (ACTS_DIRECTORY, CONSTRUCTED_DIRECTORY)
    for path in sorted(directory.glob("*.txt"))
]
PROPERTY_SETTINGS = settings(max_examples=200, deadline=None)

# Line openings that look like markers, headings, formulas or layout, real or misleading.
MARKER_LIKE_OPENINGS = [
    "",
    "§ 1.",
    "§1.",
    "§ 2",
    "§ 3a.",
    "§ 5–7.",
    "§ 5 ust. 2",
    "§ 5. ust. 2",
    "Art. 1.",
    "Art. 2a.",
    "ART. 3.",
    "1.",
    "1.Tekst",
    "2.",
    "3.",
    "10.",
    "2026.",
    "1)",
    "2)",
    "3a)",
    "4)",
    "15)",
    "a)",
    "b)",
    "z)",
    "za)",
    "–",
    "-",
    "—",
    "– –",
    "Rozdział 1",
    "Rozdział 1.",
    "Rozdział II",
    "ROZDZIAŁ III.",
    "Rozdział 2 ustawy",
    "Dział I",
    "I. Postanowienia ogólne",
    "II. Cele",
    "A. Cel główny",
    "B. Cele szczegółowe",
    "C.",
    "aa)",
    "ab)",
    "2a.",
    "Załącznik nr 1",
    "Załącznik",
    "Załącznik nr 2 do uchwały nr 1/2027",
    "do uchwały nr 5/2027",
    "Rady Miasta Testowo",
    "z dnia 1 marca 2027 r.",
    "Uzasadnienie",
    "UZASADNIENIE",
    "Uzasadnienie do uchwały",
    "UCHWAŁA NR 1/2027",
    "Uchwała",
    "ZARZĄDZENIE NR 5/2027",
    "PREZYDENTA MIASTA TESTOWO",
    "w sprawie",
    "Na podstawie",
    "uchwala się, co następuje:",
    "zarządzam, co następuje:",
    "Rada postanawia:",
    "uchwala",
    "PROJEKT",
    "Projekt",
    "Przewodniczący Rady",
    "Wiceprzewodnicząca Rady Miejskiej",
    "Prezydent Miasta",
    "31.12.2026 r.",
    "2026 roku",
    "15 000 zł",
    "(uchylony)",
    "- 2 -",
    "Strona 3 z 10",
    "Id: 0B9E2D44-51AF-4C7B-8E12-6A3F9C0D7B21. Projekt Strona 3",
    "Id: 0b9e2d44-51af-4c7b-8e12-6a3f9c0d7b21. Podpisany",
    "Id: 0B9E2D44-51AF-4C7B-8E12-6A3F9C0D7B21.",
    "otrzymuje brzmienie:",
    "„§ 4. 1.",
    "„3)",
    "„",
    "”;",
    '"',
    "“",
    "”",
    "2",
    "\f",
    "\f3\f",
]
WORDS = [
    "Rada",
    "uchwala",
    "wchodzi",
    "w",
    "życie",
    "z",
    "dniem",
    "podjęcia.",
    "organizacje;",
    "mieszkańcy,",
    "przedszkola.",
    "oraz",
    "lub",
    "szkoły:",
    "Załącznik",
    "uzasadnienie",
    "Gmina",
    "dnia",
    "r.",
    "1",
    "2.",
    "3)",
    "b)",
    "–",
    "-",
    "§",
    "§ 2.",
    "ust.",
    "pkt",
    "lit.",
    "Nr",
    "„Nagroda”",
    "„",
    "”",
    "”;",
    "brzmienie:",
    "Id: 0B9E2D44-51AF-4C7B-8E12-6A3F9C0D7B21. Projekt Strona 3",
    "15",
    "000",
    "zł",
    "PROJEKT",
    "\u00a0",
    "\u00ad",
    "co",
    "następuje:",
    "Żółć",
    "ZAŁĄCZNIK",
    "a)",
    "_",
    "x\u0301",
]
SEPARATORS = ["\n", "\n", "\n", "\n\n", "\r\n", "\f", " "]


@st.composite
def marker_like_line(draw: st.DrawFn) -> str:
    opening = draw(st.sampled_from(MARKER_LIKE_OPENINGS))
    words = draw(st.lists(st.sampled_from(WORDS), max_size=8))
    glue = draw(st.sampled_from([" ", " ", "", "\u00a0"]))
    return (opening + glue + " ".join(words)).strip(" ")


@st.composite
def marker_like_document(draw: st.DrawFn) -> str:
    lines = draw(st.lists(marker_like_line(), max_size=40))
    parts: list[str] = []
    for line in lines:
        parts.append(line)
        parts.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(parts)


# Free text over the characters markers are made of, to reach shapes the lists above miss.
free_text = st.text(
    alphabet=st.sampled_from(list("§Art.Rozdiałnr()–—-zZaąbĘ0123456789 \n\f\u00a0\u00ad:;,")),
    max_size=400,
)


def _drop_marker(line: str) -> str:
    return re.sub(
        r"^\s*(?:§\s*\d+[a-z]*\.?|Art\.\s*\d+[a-z]*\.?|\d+[.)]|[a-z]\)|[–—-])\s*", "", line
    )


def _glue_marker(line: str) -> str:
    return re.sub(r"^§ (\d)", r"§\1", line)


@st.composite
def mutated_corpus_act(draw: st.DrawFn) -> str:
    """A corpus act damaged the way transcripts are: lines lost, doubled, joined, wrapped,
    markers dropped or glued, spaces turned into NBSP, page breaks and signing footers inserted
    (on their own lines or glued to the text), quotations left unclosed."""
    lines = draw(st.sampled_from(CORPUS_TEXTS)).split("\n")
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        if not lines:
            lines = [""]
        position = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        operation = draw(
            st.sampled_from(
                [
                    "delete",
                    "duplicate",
                    "swap",
                    "drop_marker",
                    "glue_marker",
                    "join",
                    "wrap",
                    "insert",
                    "nbsp",
                    "page_break",
                    "footer",
                    "unclose_quotation",
                    "hyphen_dashes",
                    "uppercase",
                ]
            )
        )
        line = lines[position]
        if operation == "delete":
            del lines[position]
        elif operation == "duplicate":
            lines.insert(position, line)
        elif operation == "swap" and position + 1 < len(lines):
            lines[position], lines[position + 1] = lines[position + 1], line
        elif operation == "drop_marker":
            lines[position] = _drop_marker(line)
        elif operation == "glue_marker":
            lines[position] = _glue_marker(line)
        elif operation == "join" and position + 1 < len(lines):
            lines[position : position + 2] = [f"{line} {lines[position + 1]}"]
        elif operation == "wrap":
            spaces = [index for index, character in enumerate(line) if character == " "]
            if spaces:
                cut = draw(st.sampled_from(spaces))
                lines[position : position + 1] = [line[:cut], line[cut + 1 :]]
        elif operation == "insert":
            lines.insert(position, draw(marker_like_line()))
        elif operation == "nbsp":
            lines[position] = line.replace(" ", "\u00a0")
        elif operation == "page_break":
            lines.insert(position, f"\f{draw(st.integers(min_value=1, max_value=300))}\f")
        elif operation == "footer":
            page = draw(st.integers(min_value=1, max_value=30))
            status = draw(st.sampled_from(["Projekt", "Podpisany", "Uchwalony"]))
            footer = f"Id: 0B9E2D44-51AF-4C7B-8E12-6A3F9C0D7B21. {status} Strona {page}"
            glued = draw(st.booleans())
            lines[position] = f"{line} {footer}" if glued else line
            if not glued:
                lines.insert(position, footer)
        elif operation == "unclose_quotation":
            lines[position] = line.replace("”", "", 1)
        elif operation == "hyphen_dashes":
            lines[position] = line.replace("–", "-")
        elif operation == "uppercase":
            lines[position] = line.upper()
    return "\n".join(lines)


@PROPERTY_SETTINGS
@given(marker_like_document())
def test_marker_like_documents_keep_every_word_in_exactly_one_place(
    assert_parse_invariants: Callable[[str, ParseResult], None], text: str
) -> None:
    assert_parse_invariants(text, parse_text(text))


@PROPERTY_SETTINGS
@given(mutated_corpus_act())
def test_damaged_corpus_acts_keep_every_word_in_exactly_one_place(
    assert_parse_invariants: Callable[[str, ParseResult], None], text: str
) -> None:
    assert_parse_invariants(text, parse_text(text))


@PROPERTY_SETTINGS
@given(free_text)
def test_free_text_over_marker_characters_never_breaks_the_parser(
    assert_parse_invariants: Callable[[str, ParseResult], None], text: str
) -> None:
    assert_parse_invariants(text, parse_text(text))


@PROPERTY_SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_breaks_the_parser(
    assert_parse_invariants: Callable[[str, ParseResult], None], text: str
) -> None:
    assert_parse_invariants(text, parse_text(text))


@PROPERTY_SETTINGS
@given(marker_like_document())
def test_parsing_is_deterministic(text: str) -> None:
    assert parse_text(text) == parse_text(text)


@PROPERTY_SETTINGS
@given(marker_like_document())
def test_quoted_fragments_keep_every_word_in_exactly_one_place(
    assert_parse_invariants: Callable[[str, ParseResult], None], text: str
) -> None:
    assert_parse_invariants(text, parse_quotation(text))
