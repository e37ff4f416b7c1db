"""The vocabulary of provision kinds, shared by the parser, the labels and whoever stores them."""

from __future__ import annotations

from enum import StrEnum


class ProvisionKind(StrEnum):
    # Reserved for the act's title; the title is kept on ParseResult (the expected parse of the
    # corpus example lists no title unit), so the parser does not emit provisions of this kind.
    TITLE = "title"
    LEGAL_BASIS = "legal_basis"
    # Text before the first provision that is not a legal basis ("Mając na uwadze …").
    PREAMBLE = "preamble"
    SECTION = "section"
    CHAPTER = "chapter"
    # A numbered heading inside an annex that is not a chapter: "I. Postanowienia ogólne" (Roman)
    # or "A. Cele" (a capital letter), labelled "część I", "część I.A".
    PART = "part"
    ARTICLE = "article"
    PARAGRAPH = "paragraph"
    USTEP = "ustep"
    POINT = "point"
    LETTER = "letter"
    TIRET = "tiret"
    COMMON_PART = "common_part"
    # The signatory's function and name under the body or an annex; kept as its own unit so the
    # name does not end up inside the last provision.
    SIGNATURE = "signature"
    ANNEX = "annex"
    JUSTIFICATION = "justification"
    # The new wording quoted by an amending unit ("§ 4 otrzymuje brzmienie: „§ 4. …”"), kept
    # verbatim as a child of the amending unit; see ``acts.parsing`` for the representation.
    QUOTATION = "quotation"
    # Text the parser could not place in any provision (no markers at all, or stray text after
    # the signature); always comes with a warning.
    TEXT = "text"


# Units a legal citation is built from ("§ 1 ust. 2 pkt 3 lit. b tiret pierwsze").
CITATION_KINDS = frozenset(
    {
        ProvisionKind.ARTICLE,
        ProvisionKind.PARAGRAPH,
        ProvisionKind.USTEP,
        ProvisionKind.POINT,
        ProvisionKind.LETTER,
        ProvisionKind.TIRET,
        ProvisionKind.COMMON_PART,
    }
)

# Items of an enumeration; their punctuation tells whether the list was transcribed whole.
LIST_ITEM_KINDS = frozenset({ProvisionKind.POINT, ProvisionKind.LETTER, ProvisionKind.TIRET})

# Units that only hold their own text and never children. The parser closes them as soon as any
# marker follows, so they rank below every structural unit.
LEAF_KINDS = frozenset(
    {
        ProvisionKind.LEGAL_BASIS,
        ProvisionKind.PREAMBLE,
        ProvisionKind.SIGNATURE,
        ProvisionKind.TEXT,
        ProvisionKind.COMMON_PART,
        ProvisionKind.JUSTIFICATION,
        ProvisionKind.QUOTATION,
    }
)

LEAF_RANK = 99

# How deep each structural unit sits: a unit closes every open unit of the same or a deeper rank.
STRUCTURAL_RANK: dict[ProvisionKind, int] = {
    ProvisionKind.SECTION: 1,
    ProvisionKind.CHAPTER: 2,
    # Inside an annex parts and chapters nest in the order their styles first appear (see the
    # parser's headings); against the units below them they rank as chapters.
    ProvisionKind.PART: 2,
    ProvisionKind.ARTICLE: 3,
    ProvisionKind.PARAGRAPH: 3,
    ProvisionKind.USTEP: 4,
    ProvisionKind.POINT: 5,
    ProvisionKind.LETTER: 6,
    ProvisionKind.TIRET: 7,
}


def rank_of(kind: ProvisionKind) -> int:
    return STRUCTURAL_RANK.get(kind, LEAF_RANK)
