"""Reading the amending instructions of an amending act (uchwała, zarządzenie zmieniające).

The forms are those of the drafting rules (Zasady techniki prawodawczej, §§ 86-97) as city
acts use them: the intro naming the amended act ("W uchwale nr XXX/400/2021 Rady Miasta
Sopotu z dnia … w sprawie … wprowadza się następujące zmiany:"), a new wording of a unit
("§ 4 otrzymuje brzmienie:", "w § 5 w ust. 2 wprowadzenie do wyliczenia otrzymuje
brzmienie:"), an added unit ("po § 8 dodaje się § 8a w brzmieniu:", "w § 6 dodaje się ust. 4
w brzmieniu:"), a repeal ("uchyla się § 9.", "w § 2 uchyla się pkt 4"), words replaced,
struck out or added ("w § 3 ust. 1 wyrazy „30 dni” zastępuje się wyrazami „14 dni”"), and a
context shared by the letters under it ("w § 2:" followed by "a) ust. 1 otrzymuje
brzmienie: …").

Everything here is pure: text in, dataclasses out. An instruction that matches none of the
forms is reported as unrecognised with its text; nothing is guessed.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from acts.parsing.labels import LARGEST_WORDED_ORDINAL, tiret_ordinal

# Opening and closing quotation marks seen in acts and their transcripts: „…”, “…”, "…".
OPENING_QUOTES = '„“"'
CLOSING_QUOTES = '”“"'

REPEALED_TEXT = "(uchylony)"

# The ordinals citing tirets, as the parser writes them ("tiret drugie"), longest first.
_TIRET_ORDINALS = sorted(
    (tiret_ordinal(position) for position in range(1, LARGEST_WORDED_ORDINAL + 1)),
    key=len,
    reverse=True,
)
_TIRET = rf"tiret\s+(?:{'|'.join(_TIRET_ORDINALS)}|\d+)\b"
_KIND_BY_WORD = {
    "§": "paragraph",
    "§§": "paragraph",
    "art.": "article",
    "ust.": "ustep",
    "pkt": "point",
    "lit.": "letter",
}
_WORD_BY_KIND = {
    "paragraph": "§",
    "article": "art.",
    "ustep": "ust.",
    "point": "pkt",
    "letter": "lit.",
    "tiret": "tiret",
}
_NUMBER = r"(?:\d+[a-z]{0,3}|[a-z]{1,3})"
_STEP = (
    rf"(?:(?:§§?|art\.|ust\.|pkt|lit\.)\s*{_NUMBER}(?:\s*(?:,|i|oraz|[-–—]|do)\s*{_NUMBER})*"
    rf"|{_TIRET})"
)
_ANNEX_NAMED = (
    r"(?:załącznik(?:u|a)?)(?:\s+nr\s+(?P<annex>\d+[a-z]?))?(?:\s+do\s+(?:uchwały|zarządzenia))?"
)
_ANNEX = _ANNEX_NAMED.replace("?P<annex>", "")
_ADDRESS = rf"(?:(?:w\s+)?(?:{_STEP}|{_ANNEX})(?:\s+(?:w\s+)?(?:{_STEP}))*)"
_STEP_RE = re.compile(
    rf"(?P<word>§§?|art\.|ust\.|pkt|lit\.)\s*(?P<numbers>{_NUMBER}(?:\s*(?:,|i|oraz|[-–—]|do)\s*{_NUMBER})*)"
)
_ANNEX_RE = re.compile(_ANNEX_NAMED)
_PARTS = {
    "wprowadzenie do wyliczenia": "intro",
    "część wspólna": "common_part",
}


class Part(enum.StrEnum):
    """Which part of the addressed unit an instruction changes."""

    WHOLE = "whole"
    # "wprowadzenie do wyliczenia": the unit's own text before its enumeration.
    INTRO = "intro"
    # "część wspólna": the text after the enumeration (the parser's common_part unit).
    COMMON_PART = "common_part"
    # "tytuł uchwały": the title of the amended act.
    TITLE = "title"


@dataclass(frozen=True)
class Address:
    """A unit of the amended act: steps of (kind, number) from the outermost, and an annex.

    ``label`` is written as the parser writes labels ("§ 2 ust. 1 pkt 3", "§ 2 załącznika
    nr 1", "Załącznik nr 1"), so an address finds its unit by label.
    """

    steps: tuple[tuple[str, str], ...] = ()
    annex: str | None = None
    # True for an annex address without a number ("załącznik do uchwały").
    whole_annex: bool = False

    def __add__(self, other: Address) -> Address:
        return Address(
            steps=self.steps + other.steps,
            annex=other.annex or self.annex,
            whole_annex=other.whole_annex or (self.whole_annex and not other.steps),
        )

    @property
    def is_empty(self) -> bool:
        return not self.steps and self.annex is None and not self.whole_annex

    @property
    def parent(self) -> Address:
        if self.steps:
            return Address(steps=self.steps[:-1], annex=self.annex, whole_annex=self.whole_annex)
        return Address()

    @property
    def label(self) -> str:
        cited = " ".join(f"{_WORD_BY_KIND[kind]} {number}" for kind, number in self.steps)
        if self.annex is None and not self.whole_annex:
            return cited
        annex = f"nr {self.annex}" if self.annex else ""
        if not cited:
            return f"Załącznik {annex}".strip()
        return f"{cited} załącznika {annex}".strip()

    def with_fragment_label(self, fragment_label: str) -> str:
        """The label in the amended act of a unit read from a quoted wording: the quoted
        "pkt 3" under the address "§ 2 ust. 1" is "§ 2 ust. 1 pkt 3"."""
        inner = " ".join(f"{_WORD_BY_KIND[kind]} {number}" for kind, number in self.steps)
        cited = f"{inner} {fragment_label}".strip()
        if self.annex is None and not self.whole_annex:
            return cited
        annex = f" nr {self.annex}" if self.annex else ""
        return f"{cited} załącznika{annex}"


class OperationKind(enum.StrEnum):
    REPLACE = "replace"
    INSERT = "insert"
    REPEAL = "repeal"
    REPLACE_WORDS = "replace_words"
    # The closing punctuation mark of a unit ("kropkę zastępuje się średnikiem").
    REPLACE_PUNCTUATION = "replace_punctuation"
    DELETE_WORDS = "delete_words"
    INSERT_WORDS = "insert_words"


@dataclass(frozen=True)
class Operation:
    """One change to the amended act, read from one amending unit (``source_label``).

    ``targets`` are the units replaced or repealed, the units added (INSERT), or the units
    whose words change. An INSERT goes into ``parent`` after ``after`` (after the parent's
    last unit when None). ``wording`` is the quoted new wording; ``wording_in_annex`` the
    annex of the amending act that holds it instead ("otrzymuje brzmienie określone w
    załączniku do niniejszej uchwały"). ``old_words``/``new_words`` are the quoted words of
    the word-level forms.
    """

    kind: OperationKind
    targets: tuple[Address, ...]
    source_label: str
    instruction: str
    part: Part = Part.WHOLE
    parent: Address = field(default_factory=Address)
    after: Address | None = None
    wording: str | None = None
    wording_in_annex: str | None = None
    old_words: str = ""
    new_words: str = ""

    @property
    def target_labels(self) -> list[str]:
        return [target.label for target in self.targets]


@dataclass(frozen=True)
class Unrecognised:
    """An amending unit whose instruction matches none of the known forms."""

    source_label: str
    text: str


@dataclass(frozen=True)
class AmendedActReference:
    """The amended act as the intro names it."""

    act_type: str  # "uchwała", "zarządzenie"
    number: str  # "XXX/400/2021", "" when not given
    issuer: str  # "Rady Miasta Sopotu"
    date: str  # "25 marca 2021 r."
    subject: str  # what follows "w sprawie", without it
    text: str  # the intro as written

    @property
    def citation(self) -> str:
        """How to name it on a page: "uchwała nr XXX/400/2021"."""
        return f"{self.act_type} nr {self.number}" if self.number else self.act_type


@dataclass(frozen=True)
class AmendingUnit:
    """What the interpreter needs of a unit of the amending act (a parsed or stored
    provision): its label, its parent's label, its own text and the quoted wordings kept
    with it (when the parser keeps them apart from the text)."""

    label: str
    parent_label: str | None
    text: str
    quoted: tuple[str, ...] = ()


@dataclass
class AmendmentPlan:
    """What an amending act changes: the amended act, the operations in the order of the
    amending act, and the units read as amending but not understood."""

    reference: AmendedActReference | None = None
    operations: list[Operation] = field(default_factory=list)
    unrecognised: list[Unrecognised] = field(default_factory=list)
    # Label of each amending unit → its operations (empty for a context such as "w § 2:").
    by_source: dict[str, list[Operation]] = field(default_factory=dict)

    @property
    def is_amending(self) -> bool:
        return self.reference is not None or bool(self.operations) or bool(self.unrecognised)


# --- Text helpers ---------------------------------------------------------------------------


def _normalise(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("§§", "§§ ").replace("§", "§ ")
    text = text.replace("§ §", "§§")
    return re.sub(r"\s+", " ", text).strip()


def split_new_wording(text: str) -> tuple[str, str | None]:
    """Split a unit's text into its instruction and the quoted new wording that follows
    "brzmienie:" or "w brzmieniu:" (None when there is none). The wording runs from the
    opening quotation mark to the last closing one; what follows it may only be the
    punctuation that ends the amending unit."""
    match = re.search(r"(?:brzmienie|brzmieniu)\s*:\s*", text)
    if match is None or match.end() >= len(text) or text[match.end()] not in OPENING_QUOTES:
        return text, None
    instruction = text[: match.end()].rstrip()
    rest = text[match.end() + 1 :]
    trimmed = rest.rstrip(" \n\t;,.")
    if trimmed and trimmed[-1] in CLOSING_QUOTES:
        return instruction, trimmed[:-1].strip()
    return instruction, rest.strip()


_TIRET_RE = re.compile(_TIRET)
_ANY_STEP_RE = re.compile(rf"{_STEP_RE.pattern}|(?P<tiret>{_TIRET})")


def _steps(text: str) -> list[list[tuple[str, str]]]:
    """The steps of an address phrase; a step naming several units ("pkt 4 i 5", "pkt 4-6")
    gives several alternatives for its place."""
    found: list[list[tuple[str, str]]] = []
    for match in _ANY_STEP_RE.finditer(text):
        if match.group("tiret"):
            found.append([("tiret", match.group("tiret").split(None, 1)[1])])
            continue
        kind = _KIND_BY_WORD[match.group("word")]
        found.append([(kind, number) for number in _expand(match.group("numbers"))])
    return found


def _expand(numbers: str) -> list[str]:
    """ "4" → [4]; "4 i 5" → [4, 5]; "4-6" → [4, 5, 6]; "a-c" → [a, b, c]."""
    result: list[str] = []
    tokens = re.findall(rf"{_NUMBER}|[-–—]|\bdo\b", numbers)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token in {"i", "oraz"}:
            index += 1
            continue
        if index + 2 < len(tokens) and tokens[index + 1] in {"-", "–", "—", "do"}:
            result.extend(_range(token, tokens[index + 2]))
            index += 3
            continue
        if token not in {"-", "–", "—", "do"}:
            result.append(token)
        index += 1
    return result


def _range(first: str, last: str) -> list[str]:
    if first.isdigit() and last.isdigit() and int(first) <= int(last):
        return [str(number) for number in range(int(first), int(last) + 1)]
    if len(first) == len(last) == 1 and first.isalpha() and first <= last:
        return [chr(code) for code in range(ord(first), ord(last) + 1)]
    return [first, last]


def parse_address(text: str) -> list[Address]:
    """The addresses an address phrase names: "w § 2 w ust. 1 pkt 3" → [§ 2 ust. 1 pkt 3];
    "pkt 4 i 5" → [pkt 4, pkt 5]. Only the last step may name several units."""
    text = _normalise(text)
    annex_match = _ANNEX_RE.search(text)
    annex = annex_match.group("annex") if annex_match else None
    whole_annex = annex_match is not None and annex is None
    steps = _steps(text)
    if not steps:
        if annex_match is None:
            return []
        return [Address(annex=annex, whole_annex=whole_annex)]
    prefix = tuple(alternatives[0] for alternatives in steps[:-1])
    return [
        Address(steps=(*prefix, last), annex=annex, whole_annex=whole_annex) for last in steps[-1]
    ]


# --- Instruction forms -------------------------------------------------------------------

_END = r"\s*[:;,.]?\s*$"
_WORDING = r"(?:otrzymuj[eą]|otrzymał[ay]?)\s+brzmienie"
_REPLACE = re.compile(
    rf"^(?P<address>{_ADDRESS})"
    rf"(?:\s+(?:w\s+)?(?P<part>wprowadzenie do wyliczenia|część wspólna))?"
    rf"\s+{_WORDING}"
    rf"(?:\s+określone\s+w\s+załączniku(?:\s+nr\s+(?P<wording_annex>\d+))?\s+do\s+niniejszej\s+\w+)?{_END}",
    re.IGNORECASE,
)
_TITLE = re.compile(rf"^tytuł\s+(?:uchwały|zarządzenia|aktu)\s+{_WORDING}{_END}", re.IGNORECASE)
_IN_ANNEX = (
    r"\s+(?:w\s+)?brzmieni(?:u|em)\s+określon\w+\s+w\s+załączniku"
    r"(?:\s+nr\s+(?P<wording_annex>\d+))?\s+do\s+niniejsze(?:j|go)\s+\w+"
)
_INSERT = re.compile(
    rf"^(?:(?P<context>{_ADDRESS})\s+)?(?:po\s+(?P<after>{_ADDRESS})\s+)?"
    rf"dodaje\s+się\s+(?P<new>{_ADDRESS})(?:{_IN_ANNEX}|\s+(?:w|o)\s+brzmieniu)?{_END}",
    re.IGNORECASE,
)
_MARKS = {
    "kropkę": ".",
    "kropka": ".",
    "kropką": ".",
    "przecinek": ",",
    "przecinkiem": ",",
    "średnik": ";",
    "średnikiem": ";",
    "dwukropek": ":",
    "dwukropkiem": ":",
}
_MARK_WORDS = "|".join(sorted(_MARKS, key=len, reverse=True))
# "w § 6 w ust. 1 w pkt 2 kropkę zastępuje się średnikiem i dodaje się pkt 3 w brzmieniu:"
_PUNCTUATION_AND_INSERT = re.compile(
    rf"^(?P<address>{_ADDRESS})\s+(?P<old>{_MARK_WORDS})\s+zastępuje\s+się\s+"
    rf"(?P<new_mark>{_MARK_WORDS})(?:\s*,|\s+i|\s+oraz)?\s+dodaje\s+się\s+(?P<new>{_ADDRESS})"
    rf"(?:\s+(?:w|o)\s+brzmieniu)?{_END}",
    re.IGNORECASE,
)
_PUNCTUATION = re.compile(
    rf"^(?P<address>{_ADDRESS})\s+(?P<old>{_MARK_WORDS})\s+zastępuje\s+się\s+"
    rf"(?P<new_mark>{_MARK_WORDS}){_END}",
    re.IGNORECASE,
)
_REPEAL = re.compile(
    rf"^(?:(?P<context>{_ADDRESS})\s+)?uchyla\s+się\s+(?P<targets>{_ADDRESS}){_END}",
    re.IGNORECASE,
)
_Q = rf"[{OPENING_QUOTES}](?P<{{name}}>[^{CLOSING_QUOTES}]+)[{CLOSING_QUOTES}]"
_REPLACE_WORDS = re.compile(
    rf"^(?:(?P<context>{_ADDRESS})\s+)?(?:w\s+)?"
    r"(?:(?P<part>wprowadzeniu do wyliczenia|części wspólnej)\s+)?"
    rf"wyraz(?:y|)\s+{_Q.format(name='old')}\s+zastępuje\s+się\s+"
    rf"wyraz(?:ami|em)\s+{_Q.format(name='new')}{_END}",
    re.IGNORECASE,
)
_DELETE_WORDS = re.compile(
    rf"^(?:(?P<context>{_ADDRESS})\s+)?skreśla\s+się\s+wyraz(?:y|)\s+{_Q.format(name='old')}{_END}",
    re.IGNORECASE,
)
_INSERT_WORDS = re.compile(
    rf"^(?:(?P<context>{_ADDRESS})\s+)?po\s+wyraz(?:ach|ie)\s+{_Q.format(name='old')}\s+"
    rf"dodaje\s+się\s+(?:wyrazy|wyraz)\s+{_Q.format(name='new')}{_END}",
    re.IGNORECASE,
)
_CONTEXT = re.compile(rf"^(?P<address>{_ADDRESS})\s*:\s*$", re.IGNORECASE)
_INTRO = re.compile(
    r"^W\s+(?P<type>uchwale|zarządzeniu)\s+(?P<rest>.*?),?\s+wprowadza\s+się\s+"
    r"(?:następujące\s+zmiany|następującą\s+zmianę|zmiany)\s*:?\s*$",
    re.IGNORECASE | re.DOTALL,
)
_TYPES = {"uchwale": "uchwała", "zarządzeniu": "zarządzenie"}
_REFERENCE = re.compile(
    r"^(?:nr\s+(?P<number>\S+?)\s+)?(?P<issuer>.*?)\s*"
    r"(?:z\s+dnia\s+(?P<date>.+?\d{4}\s*r\.))?\s*"
    r"(?:w\s+sprawie\s+(?P<subject>.*?))?"
    r"(?:,?\s+zmienion\w*\s+.*)?$",
    re.IGNORECASE | re.DOTALL,
)


def parse_reference(text: str) -> AmendedActReference | None:
    """The amended act named by an amending act's intro ("W uchwale nr XXX/400/2021 Rady
    Miasta Sopotu z dnia 25 marca 2021 r. w sprawie …, wprowadza się następujące
    zmiany:"), or None when the text is no such intro."""
    normalised = _normalise(text)
    intro = _INTRO.match(normalised)
    if intro is None:
        return None
    rest = intro.group("rest")
    reference = _REFERENCE.match(rest)
    assert reference is not None  # every group is optional: it always matches
    return AmendedActReference(
        act_type=_TYPES[intro.group("type").lower()],
        number=(reference.group("number") or "").rstrip(","),
        issuer=(reference.group("issuer") or "").strip(" ,"),
        date=(reference.group("date") or "").strip(),
        subject=(reference.group("subject") or "").strip(" ,"),
        text=normalised,
    )


_SINGLE_CHANGE_START = re.compile(r"^W\s+(?:uchwale|zarządzeniu)\s", re.IGNORECASE)
_INSTRUCTION_START = re.compile(
    r",?\s+(?=(?:w\s+|po\s+)?(?:§|art\.|ust\.|pkt|lit\.|załącznik|uchyla\s|dodaje\s|tytuł\s))",
    re.IGNORECASE,
)


def split_single_change(
    text: str, *, quoted: Sequence[str] = ()
) -> tuple[AmendedActReference, str] | None:
    """An intro that names the amended act and makes its only change in one sentence ("W
    uchwale nr … w sprawie … § 4 otrzymuje brzmienie:"): the reference, and the instruction
    (with any quoted wording that follows it). None when the text is not of that form:
    the instruction must be one the reader knows."""
    if not _SINGLE_CHANGE_START.match(text):
        return None
    for boundary in _INSTRUCTION_START.finditer(text):
        head, rest = text[: boundary.start()], text[boundary.end() :]
        if isinstance(interpret_instruction(rest, quoted=quoted), list):
            reference = parse_reference(f"{head} wprowadza się następującą zmianę:")
            if reference is not None:
                return reference, rest
    return None


@dataclass(frozen=True)
class _Context:
    """An address opened by "w § 2:" for the units under it."""

    address: Address


def interpret_instruction(
    text: str,
    *,
    source_label: str = "",
    context: Address | None = None,
    quoted: Sequence[str] = (),
) -> list[Operation] | _Context | Unrecognised:
    """Read one amending unit's instruction.

    ``context`` is the address opened by the unit above ("w § 2:"); ``quoted`` the new
    wording when the parser kept it apart from ``text``. Returns the operations (one, or
    one per unit repealed), a context for the units under this one, or Unrecognised.
    """
    context = context or Address()
    instruction, wording = split_new_wording(text)
    if wording is None and quoted:
        wording = "\n".join(quoted)
    sentence = _normalise(instruction)

    def operation(kind: OperationKind, targets: Iterable[Address], **extra: object) -> Operation:
        return Operation(
            kind=kind,
            targets=tuple(targets),
            source_label=source_label,
            instruction=sentence,
            **extra,  # type: ignore[arg-type]
        )

    if (match := _TITLE.match(sentence)) is not None:
        return [operation(OperationKind.REPLACE, [Address()], part=Part.TITLE, wording=wording)]
    if (match := _REPLACE.match(sentence)) is not None:
        targets = [context + address for address in parse_address(match.group("address"))]
        part = Part(_PARTS[match.group("part").lower()]) if match.group("part") else Part.WHOLE
        in_annex = _wording_in_annex(sentence, match)
        if targets and (wording is not None or in_annex is not None):
            return [
                operation(
                    OperationKind.REPLACE,
                    targets,
                    part=part,
                    wording=wording,
                    wording_in_annex=in_annex,
                )
            ]
    if (match := _PUNCTUATION_AND_INSERT.match(sentence)) is not None and wording is not None:
        last = context + _single(match.group("address"))
        new_units = parse_address(match.group("new"))
        if last.steps and new_units:
            # A sibling of the unit follows it; a deeper unit starts its enumeration.
            sibling = new_units[0].steps[-1][0] == last.steps[-1][0]
            parent = last.parent if sibling else last
            return [
                operation(
                    OperationKind.REPLACE_PUNCTUATION,
                    [last],
                    old_words=_MARKS[match.group("old").lower()],
                    new_words=_MARKS[match.group("new_mark").lower()],
                ),
                operation(
                    OperationKind.INSERT,
                    [parent + address for address in new_units],
                    parent=parent,
                    after=last if sibling else None,
                    wording=wording,
                ),
            ]
    if (match := _PUNCTUATION.match(sentence)) is not None:
        target = context + _single(match.group("address"))
        if target.steps:
            return [
                operation(
                    OperationKind.REPLACE_PUNCTUATION,
                    [target],
                    old_words=_MARKS[match.group("old").lower()],
                    new_words=_MARKS[match.group("new_mark").lower()],
                )
            ]
    insert = _INSERT.match(sentence)
    in_annex = _wording_in_annex(sentence, insert)
    if (match := insert) is not None and (wording is not None or in_annex is not None):
        parent = context + _single(match.group("context"))
        after = parent + _single(match.group("after")) if match.group("after") else None
        if after is not None and not match.group("context") and after.steps:
            # "po § 8 dodaje się § 8a": the new unit stands beside § 8, under its parent.
            parent = after.parent
        new_units = parse_address(match.group("new"))
        if new_units:
            return [
                operation(
                    OperationKind.INSERT,
                    [parent + address for address in new_units],
                    parent=parent,
                    after=after,
                    wording=wording,
                    wording_in_annex=in_annex,
                )
            ]
    if (match := _REPEAL.match(sentence)) is not None:
        parent = context + _single(match.group("context"))
        targets = parse_address(match.group("targets"))
        if targets:
            return [
                operation(OperationKind.REPEAL, [parent + target], part=Part.WHOLE)
                for target in targets
            ]
    for pattern, kind in (
        (_REPLACE_WORDS, OperationKind.REPLACE_WORDS),
        (_DELETE_WORDS, OperationKind.DELETE_WORDS),
        (_INSERT_WORDS, OperationKind.INSERT_WORDS),
    ):
        if (match := pattern.match(_normalise(text))) is not None:
            groups = match.groupdict()
            target = context + _single(groups.get("context"))
            part = Part.INTRO if groups.get("part") else Part.WHOLE
            return [
                operation(
                    kind,
                    [target],
                    part=part,
                    old_words=groups.get("old") or "",
                    new_words=groups.get("new") or "",
                )
            ]
    if wording is None and (match := _CONTEXT.match(sentence)) is not None:
        return _Context(context + _single(match.group("address")))
    return Unrecognised(source_label=source_label, text=_normalise(text))


def _wording_in_annex(sentence: str, match: re.Match[str] | None) -> str | None:
    """The annex of the amending act said to hold the new wording ("" for the only one),
    or None when the wording is not said to be in an annex."""
    if match is None or not re.search(r"określon\w+\s+w\s+załączniku", sentence, re.I):
        return None
    return match.group("wording_annex") or ""


def _single(phrase: str | None) -> Address:
    if not phrase:
        return Address()
    addresses = parse_address(phrase)
    return addresses[0] if addresses else Address()


def interpret_units(units: Iterable[AmendingUnit]) -> AmendmentPlan:
    """Read the amending units of an act, given in document order.

    A unit is read as an instruction when it is under the intro naming the amended act or
    under a context ("w § 2:"), or when its own text is an instruction; a unit under those
    that is no known form is unrecognised. Other units (entry into force, execution) are
    not amending and are left out.
    """
    plan = AmendmentPlan()
    # Label of an amending container → the context address it opens for its children.
    containers: dict[str, Address] = {}
    for unit in units:
        text = unit.text.strip()
        reference = parse_reference(split_new_wording(text)[0]) if text else None
        if reference is not None:
            plan.reference = plan.reference or reference
            containers[unit.label] = Address()
            plan.by_source[unit.label] = []
            continue
        single = (
            split_single_change(text, quoted=unit.quoted) if unit.parent_label is None else None
        )
        if single is not None:
            plan.reference = plan.reference or single[0]
            text = single[1]
            containers[unit.label] = Address()
        inherited = containers.get(unit.parent_label or "") if unit.parent_label else None
        if not text:
            continue
        result = interpret_instruction(
            text, source_label=unit.label, context=inherited, quoted=unit.quoted
        )
        if isinstance(result, _Context):
            containers[unit.label] = result.address
            plan.by_source[unit.label] = []
        elif isinstance(result, Unrecognised):
            if inherited is not None:
                plan.unrecognised.append(result)
        else:
            plan.operations.extend(result)
            plan.by_source[unit.label] = result
    return plan
