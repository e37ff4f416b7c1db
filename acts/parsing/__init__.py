"""The parser of Polish legal acts: text in, a flat ordered list of addressable provisions out.

Pure Python, no database: `parse_text(text)` for pasted text, `read_document(name, data)` (in
`acts.parsing.readers`) to get that text out of a .txt, .docx or .odt upload.

Quotations of amending acts. An amending unit (uchwała zmieniająca, Zasady techniki
prawodawczej §§ 86–97) quotes the new wording after its instruction:

    2) § 4 otrzymuje brzmienie:
    „§ 4. 1. Nagrodę przyznaje się corocznie.
    2. Nagroda ma charakter honorowy.”;

is parsed as two provisions:

- the amending unit, as any unit: label "§ 1 pkt 2", kind "point", text "§ 4 otrzymuje
  brzmienie:" (the instruction only; text that follows the closing mark on its line, if any, is
  appended to it);
- one child of kind "quotation" (``ProvisionKind.QUOTATION``) per quotation, in order: label
  "§ 1 pkt 2 cytat" (the second quotation of the same unit "§ 1 pkt 2 cytat 2", the third
  "… cytat 3"; in an annex "§ 1 pkt 2 cytat załącznika nr 1"), anchor "par-1-pkt-2-cytat",
  number "1", "2", …, never any children; its text is the quoted wording verbatim without
  the enclosing marks, lines kept and joined by "\n" (spaces collapsed inside each line), so
  "§ 4. 1. Nagrodę przyznaje się corocznie.\n2. Nagroda ma charakter honorowy." can be shown as
  its own block and parsed with ``parse_quotation`` into the units it quotes, labelled as in the
amended act ("§ 4", "§ 4 ust. 1"); its marker is
  the opening mark, a space, then the closing mark with the punctuation after it ("„ ”;").

Nothing inside the marks is read as a unit of the amending act, so the act's own numbering goes
on after the closing mark (the next "3)" is "§ 1 pkt 3"). A quotation is a block only when it
opens right after an amending instruction that ends with a colon or "brzmienie"/"brzmieniu"
and names the change ("otrzymuje brzmienie:", "dodaje się § 8a w brzmieniu:"); words quoted
inside a sentence ("wyrazy „rok” zastępuje się wyrazami „dwa lata”") stay in the unit's text.
The marks „…”, “…” and "…" are accepted; marks nested inside the wording pair up. A quotation
that never closes is read again as ordinary text, with the warning "quotation_not_closed".
The stored ``Provision`` rows follow the parse: kind "quotation", the same label, anchor and
text, the amending unit as parent, so comments, the redline and anchors treat the quoted
wording as a unit of its own (a comment may point at either the amending unit or its
quotation).

Headings inside annexes. "I. Postanowienia ogólne" and "A. Cele" are units of kind "part"
(labels "część I", a lettered part inside a Roman one "część II.A"), next to "Rozdział" and
"Dział"; inside an annex these nest in the order their styles first appear, and ustępy and
points under them carry the headings in their labels ("część II.A ust. 1 załącznika"), since
they are numbered within them. A part must go on from the previous one (I, II, …; A, B, …).

Page footers. Page numbers, "Strona 2 z 5" and the signing system's footers ("Id: <GUID>.
Projekt Strona 3", on their own line or glued to the text) are dropped into
``ParseResult.skipped_lines``, the units' text joined across them, and listed in one
"footers_dropped" warning.
"""

from acts.parsing.diagnostics import ParseWarning, WarningCode
from acts.parsing.kinds import ProvisionKind
from acts.parsing.markers import normalize_text
from acts.parsing.parser import parse_quotation, parse_text
from acts.parsing.results import ParsedProvision, ParseResult

__all__ = [
    "ParseResult",
    "ParseWarning",
    "ParsedProvision",
    "ProvisionKind",
    "WarningCode",
    "normalize_text",
    "parse_quotation",
    "parse_text",
]
