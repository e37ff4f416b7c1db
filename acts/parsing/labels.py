"""Labels in Polish citation order and the URL anchors derived from them.

A label is how a lawyer cites the unit: "§ 1 ust. 2 pkt 3 lit. b tiret pierwsze", "art. 2 pkt 1",
"§ 4a część wspólna", "Rozdział 2", and inside an annex the same followed by "załącznika nr 1".
The anchor is a pure function of the label, so the same label gets the same anchor in every
version of the act and links to a provision survive a new version.
"""

from __future__ import annotations

import re
import unicodedata

from acts.parsing.kinds import ProvisionKind

LEGAL_BASIS_LABEL = "podstawa prawna"
PREAMBLE_LABEL = "preambuła"
JUSTIFICATION_LABEL = "uzasadnienie"
SIGNATURE_LABEL = "podpis"
TEXT_LABEL = "treść"
COMMON_PART_LABEL = "część wspólna"
ANNEX_LABEL = "załącznik"
ANNEX_GENITIVE = "załącznika"
TIRET_WORD = "tiret"
QUOTATION_WORD = "cytat"
PART_WORD = "część"

_ORDINAL_UNITS = [
    "",
    "pierwsze",
    "drugie",
    "trzecie",
    "czwarte",
    "piąte",
    "szóste",
    "siódme",
    "ósme",
    "dziewiąte",
]
_ORDINAL_TEENS = [
    "dziesiąte",
    "jedenaste",
    "dwunaste",
    "trzynaste",
    "czternaste",
    "piętnaste",
    "szesnaste",
    "siedemnaste",
    "osiemnaste",
    "dziewiętnaste",
]
_ORDINAL_TENS = [
    "",
    "",
    "dwudzieste",
    "trzydzieste",
    "czterdzieste",
    "pięćdziesiąte",
    "sześćdziesiąte",
    "siedemdziesiąte",
    "osiemdziesiąte",
    "dziewięćdziesiąte",
]
# Tirets are cited by ordinal words; past the words we know, the plain number is unambiguous.
LARGEST_WORDED_ORDINAL = 99


def tiret_ordinal(position: int) -> str:
    """The neuter ordinal citing the n-th tiret: 1 → "pierwsze", 21 → "dwudzieste pierwsze"."""
    if position < 1 or position > LARGEST_WORDED_ORDINAL:
        return str(position)
    if position < 10:
        return _ORDINAL_UNITS[position]
    if position < 20:
        return _ORDINAL_TEENS[position - 10]
    tens, units = divmod(position, 10)
    return f"{_ORDINAL_TENS[tens]} {_ORDINAL_UNITS[units]}".strip()


_ORDINAL_POSITIONS = {tiret_ordinal(n): n for n in range(1, LARGEST_WORDED_ORDINAL + 1)}


def citation_part(kind: ProvisionKind, number: str, tiret_position: int) -> str:
    """One step of a citation: "§ 1", "art. 2", "ust. 3", "pkt 4", "lit. b", "tiret drugie"."""
    if kind is ProvisionKind.PARAGRAPH:
        return f"§ {number}"
    if kind is ProvisionKind.ARTICLE:
        return f"art. {number}"
    if kind is ProvisionKind.USTEP:
        return f"ust. {number}"
    if kind is ProvisionKind.POINT:
        return f"pkt {number}"
    if kind is ProvisionKind.LETTER:
        return f"lit. {number}"
    if kind is ProvisionKind.TIRET:
        return f"{TIRET_WORD} {tiret_ordinal(tiret_position)}"
    if kind is ProvisionKind.COMMON_PART:
        return COMMON_PART_LABEL
    raise ValueError(f"{kind} is not cited by a citation part")


def quotation_label(amending_label: str, number: str) -> str:
    """The quoted wording of an amending unit: "§ 1 pkt 2 cytat", its second quotation
    "§ 1 pkt 2 cytat 2" (so adding a quotation after the first does not rename the first)."""
    suffix = QUOTATION_WORD if number in ("", "1") else f"{QUOTATION_WORD} {number}"
    return f"{amending_label} {suffix}".strip()


def annex_label(number: str | None) -> str:
    return f"{ANNEX_LABEL} nr {number}" if number else ANNEX_LABEL


def annex_suffix(number: str | None) -> str:
    return f" {ANNEX_GENITIVE} nr {number}" if number else f" {ANNEX_GENITIVE}"


def duplicate_label(label: str, occurrence: int) -> str:
    """The label of the n-th unit (n ≥ 2) that would otherwise share a label with earlier ones."""
    return f"{label} ({occurrence})"


_DUPLICATE_SUFFIX = re.compile(r"(?P<base>.*) \((?P<occurrence>\d+)\)")
_ANNEX_SUFFIX = re.compile(rf"(?P<base>.*?) ?\b{ANNEX_GENITIVE}(?: nr (?P<number>\S+))?")
_ANCHOR_WORDS = {
    "§": "par",
    "art.": "art",
    "ust.": "ust",
    "pkt": "pkt",
    "lit.": "lit",
    "nr": "",
    "rozdział": "rozdzial",
    "dział": "dzial",
    ANNEX_LABEL: "zal",
}
_NON_ANCHOR_CHARACTERS = re.compile(r"[^a-z0-9]+")
FALLBACK_ANCHOR = "jednostka"


def ascii_slug(text: str) -> str:
    if text.isascii():
        return _NON_ANCHOR_CHARACTERS.sub("-", text.lower()).strip("-")
    # "ł" has no decomposition in Unicode, so NFKD alone would drop it.
    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    # Diacritics go; any other non-ASCII character (a dash in "§ 3–5") separates words.
    ascii_text = "".join(
        character if character.isascii() else "" if unicodedata.combining(character) else "-"
        for character in decomposed
    ).lower()
    return _NON_ANCHOR_CHARACTERS.sub("-", ascii_text).strip("-")


def anchor_for_label(label: str) -> str:
    """A stable ASCII anchor: "§ 1 ust. 2 pkt 3 lit. b" → "par-1-ust-2-pkt-3-lit-b",
    "§ 2 załącznika nr 1" → "zal-1-par-2", "podstawa prawna" → "podstawa-prawna"."""
    parts: list[str] = []
    occurrence = ""
    duplicate = _DUPLICATE_SUFFIX.fullmatch(label)
    if duplicate is not None:
        label, occurrence = duplicate.group("base"), duplicate.group("occurrence")
    annex = _ANNEX_SUFFIX.fullmatch(label)
    if annex is not None and not label.startswith(ANNEX_LABEL):
        parts += ["zal", annex.group("number") or ""]
        label = annex.group("base")
    words = label.split()
    index = 0
    while index < len(words):
        word = words[index]
        if word == TIRET_WORD:
            # Ordinals may take two words ("dwudzieste pierwsze"); try the longer reading first.
            two_words = " ".join(words[index + 1 : index + 3])
            one_word = " ".join(words[index + 1 : index + 2])
            if two_words in _ORDINAL_POSITIONS:
                parts += [TIRET_WORD, str(_ORDINAL_POSITIONS[two_words])]
                index += 3
                continue
            if one_word in _ORDINAL_POSITIONS:
                parts += [TIRET_WORD, str(_ORDINAL_POSITIONS[one_word])]
                index += 2
                continue
        parts.append(_ANCHOR_WORDS.get(word.lower(), word))
        index += 1
    parts.append(occurrence)
    # One slug over the joined parts: separators collapse, so empty parts vanish.
    return ascii_slug("-".join(parts)) or FALLBACK_ANCHOR
