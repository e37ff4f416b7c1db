"""Recognising the lines of a Polish act: unit markers, headings, formulas and layout noise.

The drafting rules (Zasady techniki prawodawczej) fix how units are marked: "§ 1." or "Art. 1."
for the basic unit, "1." for an ustęp, "1)" for a punkt, "a)" for a litera, "–" for a tiret.
Transcripts bend them ("§1.", "§ 2" alone on a line, hyphens for dashes), while ordinary wrapped
text often starts with something marker-like (a date "31.12.2026 r.", an amount "15 000 zł", a
citation "§ 5 ust. 2"). So every pattern here is as strict as the layouts seen in real acts
allow, and the parser adds context checks (numbering plausibility) on top.

Every function here takes one stripped line. The patterns are anchored at its start and use
bounded repetition, so matching is linear in the line length (no nested quantifiers that could
backtrack badly).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from acts.parsing.kinds import ProvisionKind

UPPERCASE = "A-ZĄĆĘŁŃÓŚŹŻ"
LOWERCASE = "a-ząćęłńóśźż"

# A unit number as written: digits, optionally a letter suffix for inserted units ("5a", "12ab").
NUMBER = r"\d{1,4}[a-z]{0,3}"
# Repealed runs of units are cited as one marker: "§ 5–7. (uchylone)".
NUMBER_OR_RANGE = rf"{NUMBER}(?:[ \t]{{0,2}}[–—-][ \t]{{0,2}}{NUMBER})?"
ROMAN_NUMBER = r"[IVXLCDM]{1,8}[a-z]{0,2}"

# Words that continue a citation rather than start a provision: "§ 5. ust. 2" is a wrapped
# reference, "§ 5. Rada …" is a provision.
CITATION_CONTINUATION = re.compile(r"(?:ust\.|pkt\b|lit\.|art\.|zd\.)")

_BASIC_UNIT = re.compile(
    rf"(?P<sign>§|Art\.|ART\.|Artykuł)[ \t]{{0,3}}(?P<number>{NUMBER_OR_RANGE})"
    rf"[ \t]{{0,2}}(?P<dot>\.)?(?P<rest>.*)"
)
_USTEP = re.compile(
    rf"(?P<number>\d{{1,3}}[a-z]{{0,2}}(?:[ \t]?[–—-][ \t]?\d{{1,3}}[a-z]{{0,2}})?)\."
    rf"(?P<rest>(?=\s|$|[{UPPERCASE}„\"(]).*)"
)
_POINT = re.compile(
    r"(?P<number>\d{1,3}[a-z]{0,2}(?:[ \t]?[–—-][ \t]?\d{1,3}[a-z]{0,2})?)\)(?P<rest>.*)"
)
# "a)", after "z)" "za)", "zb)", …, and inserted letters "aa)", "ab)" (after "a)").
_LETTER = re.compile(r"(?P<number>[a-z]{1,2})\)(?P<rest>.*)")
# En and em dashes mark a tiret even when glued to the text; a hyphen only before a space, since
# "-5%" or "-owy" are words.
_TIRET = re.compile(r"(?:[–—]|-(?=\s|$))(?P<rest>.*)")

_CHAPTER = re.compile(
    rf"(?P<word>Rozdział|ROZDZIAŁ|Rozdz\.|ROZDZ\.)[ \t]{{0,3}}"
    rf"(?P<number>\d{{1,3}}[a-z]{{0,2}}|{ROMAN_NUMBER})(?=[\s.:–—-]|$)\.?(?P<rest>.*)"
)
_SECTION = re.compile(
    rf"(?P<word>Dział|DZIAŁ)[ \t]{{1,3}}"
    rf"(?P<number>\d{{1,3}}[a-z]{{0,2}}|{ROMAN_NUMBER})(?=[\s.:–—-]|$)\.?(?P<rest>.*)"
)

_ANNEX_HEADER = re.compile(
    r"(?P<word>Załącznik|ZAŁĄCZNIK)\b(?:[ \t]{1,3}(?:nr|Nr|NR)\.?[ \t]{0,3}"
    r"(?P<number>\d{1,3}[a-z]{0,2}|[IVXLCDM]{1,8})(?!\w))?\.?(?P<rest>.*)"
)
_ANNEX_REFERENCE = re.compile(r"[Dd]o[ \t]+\S")
# The issuing body in the genitive, alone on a line of an annex heading ("Rady Miasta Opola",
# "Sopockiej Rady Organizacji Pozarządowych", "Prezydenta Miasta …"). At most one adjective before
# it, ending like a genitive, so an annex title such as "Regulamin Rady Seniorów" is not taken.
_ISSUING_BODY_LINE = re.compile(
    r"(?:[\wąćęłńóśźżĄĆĘŁŃÓŚŹŻ-]{2,30}(?:iej|ej|ego)[ \t]+)?"
    r"(?:Rady|RADY|Prezydenta|PREZYDENTA|Burmistrza|BURMISTRZA|Wójta|WÓJTA|Zarządu|ZARZĄDU|"
    r"Starosty|Marszałka|Wojewody|Sejmiku|Komisji|Dyrektora)\b"
)
_DATE_LINE = re.compile(r"z[ \t]+dnia\b", re.IGNORECASE)
_DATE_ENDING = re.compile(r"(?:\d{4}[ \t]{0,2}r\.|\broku|\br\.)$")

_JUSTIFICATION_HEADING = re.compile(r"(?:Uzasadnienie|UZASADNIENIE)\b[ \t]*:?(?P<rest>.*)")

_LEGAL_BASIS_START = re.compile(
    r"(?:Na[ \t]+podstawie|Działając[ \t]+na[ \t]+podstawie|Na[ \t]+mocy|W[ \t]+oparciu[ \t]+o)\b",
    re.IGNORECASE,
)
# The enacting formula that closes the legal basis: "uchwala się, co następuje:", "zarządzam, co
# następuje:", "Rada postanawia:", or the bare verb on its own line ("uchwala").
_ENACTING_VERB = (
    r"(?:uchwala|uchwalają|postanawia|postanawiam|postanawiają|zarządza|zarządzam|"
    r"ustala|ustanawia|stanowi|wydaje)"
)
_ENACTING_FORMULA_FULL = re.compile(
    rf"\b{_ENACTING_VERB}(?:[ \t]+się)?[ \t]*,?[ \t]*co[ \t]+następuje[ \t]*[:.]?", re.IGNORECASE
)
_ENACTING_FORMULA_COLON = re.compile(
    r"\b(?:uchwala|uchwalają|postanawia|postanawiam|postanawiają|zarządza|zarządzam)"
    r"(?:[ \t]+się)?[ \t]*:",
    re.IGNORECASE,
)
_ENACTING_FORMULA_BARE = re.compile(
    r"(?:.{0,80}[ \t])?(?:uchwala|uchwalają|postanawia|postanawiam|zarządza|zarządzam)"
    r"(?:[ \t]+się)?[ \t]*",
    re.IGNORECASE,
)
MAXIMUM_BARE_FORMULA_WORDS = 6

# A draft's "PROJEKT" stamp, in any case and decoration.
_DRAFT_STAMP = re.compile(r"[\W_]{0,5}projekt[\W_]{0,5}", re.IGNORECASE)
# Page numbers left by PDF or print transcripts: "2", "- 2 -", "Strona 2 z 10", "2/10".
_PAGE_NUMBER = re.compile(
    r"\d{1,4}|[–—-][ \t]{0,2}\d{1,4}[ \t]{0,2}[–—-]|"
    r"(?:[Ss]trona|[Ss]tr\.)[ \t]{0,2}\d{1,4}(?:[ \t]{0,2}(?:z|/)[ \t]{0,2}\d{1,4})?|"
    r"\d{1,4}[ \t]{0,2}/[ \t]{0,2}\d{1,4}"
)

# The signatory's function under the act. Checked only with context (see the parser).
_SIGNATURE_ROLE = re.compile(
    r"(?:wice)?przewodnicząc[yaeę]\w*|(?:wice)?prezydent\b|zastępca[ \t]+prezydenta\b|"
    r"z-ca[ \t]+prezydenta\b|(?:wice)?burmistrz\b|wójt\b|starosta\b|marszałek\b",
    re.IGNORECASE,
)
MAXIMUM_SIGNATURE_LINE_WORDS = 12
MAXIMUM_NAME_LINE_WORDS = 6
MAXIMUM_ISSUING_BODY_LINE_WORDS = 8

TERMINAL_PUNCTUATION = ".;:,"
SENTENCE_END_PUNCTUATION = '.:;!?)]”"…'

# Line breaks lost in transcripts glue provisions together ("… podjęcia. § 2. Wykonanie …").
# Split only before "§ N." / "Art. N." that follow the end of a sentence and precede a capital or
# an ustęp number, so a citation ("w § 2. ust. 1") stays intact.
_LOST_LINE_BREAK = re.compile(
    rf"(?<=[.:;])[ \t]+(?=(?:§|Art\.)[ \t]{{0,2}}{NUMBER}\.[ \t]{{1,3}}"
    rf"(?:[{UPPERCASE}„\"(]|\d{{1,2}}\.\s))"
)

# Characters that only carry layout; mapped before parsing so NBSP and friends behave as spaces.
_LAYOUT_TRANSLATION = {
    **dict.fromkeys(range(0, 32), " "),
    **dict.fromkeys(range(127, 160), " "),
    ord("\n"): "\n",
    ord("\f"): "\n",
    ord("\v"): "\n",
    0x85: "\n",
    0x2028: "\n",
    0x2029: "\n",
    0x00A0: " ",
    0x1680: " ",
    **dict.fromkeys(range(8192, 8203), " "),
    0x202F: " ",
    0x205F: " ",
    0x3000: " ",
    0x00AD: None,
    0x200B: None,
    0x200C: None,
    0x200D: None,
    0x2060: None,
    0xFEFF: None,
}


def normalize_text(text: str) -> str:
    """Unify line breaks, spaces and Unicode composition; drop invisible characters.

    Form feeds become line breaks (page breaks in transcripts), non-breaking and other Unicode
    spaces become spaces, soft hyphens and zero-width characters disappear, and the text is put
    in NFC so a decomposed "ą" is one letter. Nothing visible is removed.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text.translate(_LAYOUT_TRANSLATION))


@dataclass(frozen=True)
class MarkerMatch:
    kind: ProvisionKind
    number: str
    # The marker as written, e.g. "§1." or "Rozdział 1." (without the unit's text).
    marker: str
    # The rest of the line after the marker, stripped.
    rest: str


def _split_marker(line: str, rest_start: int) -> tuple[str, str]:
    return line[:rest_start].strip(), line[rest_start:].strip()


def _marker_before(line: str, title: str) -> str:
    # Every function here takes a stripped line, so a heading's title is a suffix of it.
    return line[: len(line) - len(title)].strip() if title else line


def match_basic_unit(line: str) -> MarkerMatch | None:
    """A paragraph "§ 1." / "§1." / "§ 2" (alone) or an article "Art. 1."."""
    match = _BASIC_UNIT.match(line)
    if match is None:
        return None
    rest = match.group("rest")
    if match.group("dot") is None:
        # Without the dot only a marker alone on its line is a unit; "§ 5 ust. 2" is a citation.
        if rest.strip():
            return None
    else:
        if rest[:1].isdigit():
            return None
        stripped = rest.strip()
        if CITATION_CONTINUATION.match(stripped):
            return None
    kind = ProvisionKind.PARAGRAPH if match.group("sign") == "§" else ProvisionKind.ARTICLE
    marker, rest_text = _split_marker(line, match.start("rest"))
    return MarkerMatch(kind, _clean_number(match.group("number")), marker, rest_text)


def match_ustep(line: str) -> MarkerMatch | None:
    match = _USTEP.match(line)
    if match is None:
        return None
    marker, rest = _split_marker(line, match.start("rest"))
    return MarkerMatch(ProvisionKind.USTEP, _clean_number(match.group("number")), marker, rest)


def match_point(line: str) -> MarkerMatch | None:
    match = _POINT.match(line)
    if match is None:
        return None
    marker, rest = _split_marker(line, match.start("rest"))
    return MarkerMatch(ProvisionKind.POINT, _clean_number(match.group("number")), marker, rest)


def match_letter(line: str) -> MarkerMatch | None:
    match = _LETTER.match(line)
    if match is None:
        return None
    marker, rest = _split_marker(line, match.start("rest"))
    return MarkerMatch(ProvisionKind.LETTER, match.group("number"), marker, rest)


def match_tiret(line: str) -> MarkerMatch | None:
    match = _TIRET.match(line)
    if match is None:
        return None
    marker, rest = _split_marker(line, match.start("rest"))
    return MarkerMatch(ProvisionKind.TIRET, "", marker, rest)


def _match_heading(pattern: re.Pattern[str], kind: ProvisionKind, line: str) -> MarkerMatch | None:
    match = pattern.match(line)
    if match is None:
        return None
    title = match.group("rest").strip().lstrip("–—-:").strip()
    # "Rozdział 2 ustawy stosuje się." is a sentence, not a heading: headings start with a capital
    # and carry no closing punctuation.
    if title and (title[0].islower() or title[-1] in ".;,"):
        return None
    return MarkerMatch(kind, match.group("number"), _marker_before(line, title), title)


def match_chapter(line: str) -> MarkerMatch | None:
    return _match_heading(_CHAPTER, ProvisionKind.CHAPTER, line)


def match_section(line: str) -> MarkerMatch | None:
    return _match_heading(_SECTION, ProvisionKind.SECTION, line)


# Headings inside annexes (programmes, regulations): "I. Postanowienia ogólne" and "A. Cele".
# A title starting with a capital, without closing punctuation, at most this many words; the
# parser also requires the numbering to go on from the previous heading of the same style.
_ROMAN_PART = re.compile(rf"(?P<number>[IVXLC]{{1,7}})\.[ \t]{{1,3}}(?P<rest>[{UPPERCASE}].*)")
_LETTER_PART = re.compile(rf"(?P<number>[A-Z])\.[ \t]{{1,3}}(?P<rest>[{UPPERCASE}].*)")
MAXIMUM_PART_TITLE_WORDS = 15


def _match_part(pattern: re.Pattern[str], line: str) -> MarkerMatch | None:
    match = pattern.match(line)
    if match is None:
        return None
    title = match.group("rest").strip()
    if title[-1] in ".;,:" or len(title.split()) > MAXIMUM_PART_TITLE_WORDS:
        return None
    marker = _marker_before(line, title)
    return MarkerMatch(ProvisionKind.PART, match.group("number"), marker, title)


def match_roman_part(line: str) -> MarkerMatch | None:
    """ "I. Postanowienia ogólne": a part of an annex numbered in Roman numerals."""
    return _match_part(_ROMAN_PART, line)


def match_letter_part(line: str) -> MarkerMatch | None:
    """ "A. Cele programu": a part of an annex lettered with capitals."""
    return _match_part(_LETTER_PART, line)


@dataclass(frozen=True)
class AnnexHeader:
    number: str | None
    marker: str
    # An annex title written on the heading line itself ("Załącznik nr 1 – Regulamin …").
    title: str
    # Whether the heading already says which act it belongs to ("… do uchwały nr …").
    has_reference: bool


def match_annex_header(line: str) -> AnnexHeader | None:
    match = _ANNEX_HEADER.match(line)
    if match is None:
        return None
    number = match.group("number")
    rest = match.group("rest").strip()
    if not rest:
        return AnnexHeader(number, line.strip(), "", has_reference=False)
    if _ANNEX_REFERENCE.match(rest):
        # "Załącznik nr 1 do uchwały stanowi …" is a sentence; a heading ends without a full stop
        # unless it ends with a date.
        if rest[-1] in ".;," and not _DATE_ENDING.search(rest):
            return None
        return AnnexHeader(number, line.strip(), "", has_reference=True)
    if number is None or rest[-1] in ".;,:" or rest[0].islower():
        return None
    title = rest.lstrip("–—-:").strip()
    return AnnexHeader(number, _marker_before(line, title), title, has_reference=False)


def is_annex_header_continuation(line: str, *, has_reference: bool) -> bool:
    """Lines that carry on an annex heading: "do uchwały nr …", the issuing body, the date."""
    if not has_reference:
        return bool(_ANNEX_REFERENCE.match(line)) and (
            line[-1] not in ".;," or bool(_DATE_ENDING.search(line))
        )
    if _DATE_LINE.match(line):
        return True
    words = line.split()
    return (
        bool(_ISSUING_BODY_LINE.match(line))
        and len(words) <= MAXIMUM_ISSUING_BODY_LINE_WORDS
        and line[-1] not in TERMINAL_PUNCTUATION
    )


def match_justification_heading(line: str) -> bool:
    match = _JUSTIFICATION_HEADING.match(line)
    if match is None:
        return False
    rest = match.group("rest").strip()
    if not rest:
        return True
    # "Uzasadnienie do uchwały nr …" is a heading; "Uzasadnienie stanowi …" is a sentence.
    return bool(_ANNEX_REFERENCE.match(rest)) and (
        rest[-1] not in ".;," or bool(_DATE_ENDING.search(rest))
    )


def is_legal_basis_start(line: str) -> bool:
    return bool(_LEGAL_BASIS_START.match(line))


def find_enacting_formula_end(line: str) -> int | None:
    """Where the enacting formula in this line ends, or None when the line has none."""
    match = _ENACTING_FORMULA_FULL.search(line) or _ENACTING_FORMULA_COLON.search(line)
    if match is not None:
        return match.end()
    if len(line.split()) <= MAXIMUM_BARE_FORMULA_WORDS and _ENACTING_FORMULA_BARE.fullmatch(line):
        return len(line)
    return None


# The footer the signing systems of public bulletins print on every page: the document's id, its
# status and the page ("Id: 0B9E2D44-51AF-4C7B-8E12-6A3F9C0D7B21. Projekt Strona 3", "… Podpisany
# Strona 2 z 5"), whole or split over two lines by a PDF reader.
_SIGNING_FOOTER = re.compile(
    r"(?<!\w)Id:[ \t]{0,3}[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}[ \t]{0,3}\.?"
    r"(?:[ \t]{1,3}(?:Projekt|Podpisany|Uchwalony|Przyjęty|Przyjęta|Podpisana|Wydany))?"
    r"(?:[ \t]{1,3}(?:Strona|Str\.)[ \t]{0,2}\d{1,4}(?:[ \t]{0,2}(?:z|/)[ \t]{0,2}\d{1,4})?)?"
    r"(?!\w)",
    re.IGNORECASE,
)


def is_layout_noise(line: str) -> bool:
    """A "PROJEKT" stamp, a page number or a signing system's footer: layout, not content."""
    return bool(
        _DRAFT_STAMP.fullmatch(line)
        or _PAGE_NUMBER.fullmatch(line)
        or _SIGNING_FOOTER.fullmatch(line)
    )


def is_draft_stamp(line: str) -> bool:
    return bool(_DRAFT_STAMP.fullmatch(line))


def split_signing_footers(line: str) -> tuple[str, list[str]]:
    """A line with the signing system's footers taken out (a transcript may glue a footer to
    the text around it), and the footers taken out."""
    footers = [match.group().strip() for match in _SIGNING_FOOTER.finditer(line)]
    if not footers:
        return line, []
    return " ".join(_SIGNING_FOOTER.sub(" ", line).split()), footers


def is_signature_role(line: str) -> bool:
    words = line.split()
    return (
        bool(_SIGNATURE_ROLE.match(line))
        and len(words) <= MAXIMUM_SIGNATURE_LINE_WORDS
        and line[-1] not in TERMINAL_PUNCTUATION
    )


def is_name_line(line: str) -> bool:
    """A short line under a signature: a name, "(-) Jan Kowalski", "/podpisano elektronicznie/"."""
    return len(line.split()) <= MAXIMUM_NAME_LINE_WORDS and line[-1] not in TERMINAL_PUNCTUATION


def split_lost_line_breaks(line: str) -> list[str]:
    if "§" not in line and "Art." not in line:
        return [line]
    return _LOST_LINE_BREAK.split(line)


# Abbreviations that are always followed by a number: a line ending in one was wrapped inside a
# citation, so the next line starts with the cited number ("art. 18 ust.\n2."), not a marker.
_CITATION_ABBREVIATIONS = frozenset({"ust.", "pkt", "pkt.", "art.", "lit.", "poz.", "nr", "§"})


def ends_inside_citation(line: str) -> bool:
    last_word = line[line.rfind(" ") + 1 :].lower()
    return last_word in _CITATION_ABBREVIATIONS or last_word.endswith("§")


def starts_with_lowercase(line: str) -> bool:
    return bool(line) and line[0].islower()


def ends_sentence(line: str) -> bool:
    return bool(line) and line[-1] in SENTENCE_END_PUNCTUATION


def _clean_number(number: str) -> str:
    return re.sub(r"[ \t]", "", number)


# Quotations of amending acts (Zasady techniki prawodawczej §§ 86–97): the new wording of a unit
# follows the instruction in quotation marks, „…” by the rules and "…" or “…” in transcripts.
# Only a quotation that opens right after the instruction ("otrzymuje brzmienie:", "dodaje się
# § 8a w brzmieniu:") is a block of new wording; a quotation inside a sentence ("wyrazy „rok”
# zastępuje się wyrazami „dwa lata”") stays in the unit's text.
QUOTATION_OPENERS = '„“"'
# The instruction ends with a colon or with the word that announces the wording.
_INSTRUCTION_END = re.compile(r"(?::|\bbrzmieni[eu][ \t]{0,3}:?)[ \t]{0,3}$", re.IGNORECASE)
# … and is an amending instruction, not a sentence that happens to end with a colon.
_AMENDING_INSTRUCTION = re.compile(
    r"\bbrzmieni[eu]\b|\bdodaje[ \t]+się\b|\bdodają[ \t]+się\b|\botrzymuj[eą]\b", re.IGNORECASE
)
_OPENING_AFTER_INSTRUCTION = re.compile(r"(?::|\bbrzmieni[eu]\b[ \t]{0,3}:?)[ \t]{0,3}[„“\"]")
# What may follow the closing mark and still belongs to the quotation's closing: the punctuation
# of the amending unit ("”;", "”,", "”.").
_CLOSING_PUNCTUATION = re.compile(r"[ \t]{0,3}[;,.:]{0,2}")


def announces_quotation(text: str) -> bool:
    """Whether a unit's text so far is an amending instruction awaiting its quoted wording."""
    stripped = text.rstrip()
    return bool(_INSTRUCTION_END.search(stripped)) and bool(_AMENDING_INSTRUCTION.search(stripped))


def find_quotation_opening(line: str) -> int | None:
    """Where a quotation of new wording opens inside this line after its instruction, if it does
    ("2) § 4 otrzymuje brzmienie: „§ 4. …" → the position of „)."""
    for match in _OPENING_AFTER_INSTRUCTION.finditer(line):
        opening = match.end() - 1
        if announces_quotation(line[:opening]):
            return opening
    return None


@dataclass
class QuotationScan:
    """Where a quotation's closing mark is, if this piece of text has it."""

    # The position of the closing mark, or None when the quotation goes on past this text.
    closing: int | None
    # How many quotation marks are open after this text (1 = only the quotation itself).
    depth: int


def scan_quotation(text: str, opener: str, depth: int) -> QuotationScan:
    """Follow the quotation marks in text that continues a quotation opened with ``opener``.

    „ pairs with ” (and with “, which some fonts and transcripts use to close it), “ with ”.
    Quotation marks nested inside the wording ("w kategorii „Organizacja Roku”") open and close
    in pairs. Straight quotes (") cannot tell opening from closing by themselves: one after a
    space or a bracket and before a letter, a digit or "§" opens, any other closes.
    """
    for position, character in enumerate(text):
        if opener == '"':
            if character != '"':
                continue
            before = text[position - 1] if position else " "
            after = text[position + 1] if position + 1 < len(text) else " "
            if before in " \t([„“" and (after.isalnum() or after in "§(„"):
                depth += 1
            else:
                depth -= 1
        elif character == "„" or (character == "“" and opener == "“"):
            depth += 1
        elif character == "”" or (character == "“" and opener == "„"):
            depth -= 1
        else:
            continue
        if depth == 0:
            return QuotationScan(position, 0)
    return QuotationScan(None, depth)


def split_quotation_closing(rest: str) -> tuple[str, str]:
    """The punctuation right after a closing mark (kept with it) and the text after that."""
    match = _CLOSING_PUNCTUATION.match(rest)
    end = match.end() if match is not None else 0
    return rest[:end].strip(), rest[end:].strip()
