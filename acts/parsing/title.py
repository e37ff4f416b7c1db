"""The title block: "UCHWAŁA NR …", the issuing body, "z dnia …", "w sprawie …"."""

from __future__ import annotations

import re

# Act types by the word that opens the title, in the nominative (and the genitive used by
# "Projekt uchwały …").
ACT_TYPES: dict[str, str] = {
    "uchwała": "uchwała",
    "uchwały": "uchwała",
    "zarządzenie": "zarządzenie",
    "zarządzenia": "zarządzenie",
    "regulamin": "regulamin",
    "regulaminu": "regulamin",
    "statut": "statut",
    "statutu": "statut",
    "rozporządzenie": "rozporządzenie",
    "rozporządzenia": "rozporządzenie",
    "ustawa": "ustawa",
    "ustawy": "ustawa",
    "obwieszczenie": "obwieszczenie",
    "obwieszczenia": "obwieszczenie",
    "postanowienie": "postanowienie",
    "postanowienia": "postanowienie",
    "program": "program",
    "programu": "program",
    "porozumienie": "porozumienie",
    "porozumienia": "porozumienie",
}
_GENITIVE_FORMS = frozenset(word for word, nominative in ACT_TYPES.items() if word != nominative)

_TITLE_OPENING = re.compile(
    r"(?P<draft>projekt[ \t]+)?(?P<word>[\wąćęłńóśźżĄĆĘŁŃÓŚŹŻ]+)(?P<rest>.*)", re.IGNORECASE
)
_NUMBER_WORD = re.compile(r"[ \t]*(?:nr|NR|Nr)\b")
# Drafts leave the day blank with a long run of dots ("z dnia ……………… 2027 r.").
_DATE = re.compile(r"\bz[ \t]+dnia\b.{0,120}?(?:\d{4}[ \t]{0,2}(?:r\.|roku\b)|\d{4}\b)")
_SUBJECT_START = re.compile(r"\bw[ \t]+sprawie\b", re.IGNORECASE)

# Titles are a few lines; past this many, the text is not a title block.
MAXIMUM_TITLE_LINES = 10
# Lines above the title ("Druk nr 12", "Projekt z dnia …") are tolerated up to this many.
MAXIMUM_LINES_BEFORE_TITLE = 6


def match_act_type(line: str, *, first_content_line: bool) -> str | None:
    """The act type when this line opens a title ("UCHWAŁA NR …", "Zarządzenie nr …")."""
    match = _TITLE_OPENING.match(line)
    if match is None:
        return None
    word = match.group("word")
    act_type = ACT_TYPES.get(word.lower())
    if act_type is None:
        return None
    is_draft = match.group("draft") is not None
    if word.lower() in _GENITIVE_FORMS and not is_draft:
        return None
    rest = match.group("rest")
    # "Uchwała wchodzi w życie …" opens a sentence, not a title: titles are in capitals, carry a
    # number, stand alone, or open the document without a closing full stop.
    opens_title = (
        word.isupper()
        or is_draft
        or not rest.strip()
        or bool(_NUMBER_WORD.match(rest))
        or (first_content_line and not line.endswith("."))
    )
    return act_type if opens_title else None


def mentions_date(line: str) -> bool:
    return bool(re.search(r"\bz[ \t]+dnia\b", line, re.IGNORECASE))


def mentions_subject(line: str) -> bool:
    return bool(_SUBJECT_START.search(line))


def extract_subject(title: str) -> str | None:
    """The subject follows the date ("… z dnia 2 marca 2027 r. w sprawie …"); without a date,
    it starts at "w sprawie"."""
    date = _DATE.search(title)
    if date is not None:
        subject = title[date.end() :].strip()
        if subject:
            return subject
    start = _SUBJECT_START.search(title)
    return title[start.start() :].strip() if start is not None else None
