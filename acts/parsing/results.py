"""What the parser returns: plain dataclasses, no database."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from acts.parsing.diagnostics import ParseWarning
from acts.parsing.kinds import ProvisionKind


@dataclass(frozen=True)
class ParsedProvision:
    label: str
    kind: ProvisionKind
    # The unit's own text: its marker and its children excluded, whitespace collapsed.
    text: str
    # The parent's label, or None for a unit directly under the act.
    parent: str | None
    anchor: str
    # The marker's number or letter as written ("5a", "b", "II"), "" for unnumbered units.
    number: str
    # Position in document order; equals the index in ParseResult.provisions.
    order: int
    depth: int
    # The marker as written ("§1.", "Załącznik nr 1 do uchwały nr …"), whitespace collapsed;
    # kept so the act can be shown as typed and so no source word is unaccounted for.
    marker: str = ""


@dataclass
class ParseResult:
    # "uchwała", "zarządzenie", … in lower case, or None when the text has no title.
    act_type: str | None
    # The act's title: type, number, issuing body, date and subject, as one line.
    title: str | None
    # The "w sprawie …" part of the title.
    subject: str | None
    provisions: list[ParsedProvision]
    warnings: list[ParseWarning]
    # Everything before the legal basis: the title plus any lines above it ("Druk nr 12").
    title_block: str = ""
    # Lines dropped as layout rather than content: a "PROJEKT" header, page numbers.
    skipped_lines: list[str] = field(default_factory=list)

    def as_json_dict(self) -> dict[str, Any]:
        return {
            "act_type": self.act_type,
            "title": self.title,
            "subject": self.subject,
            "provisions": [
                {
                    "label": provision.label,
                    "kind": str(provision.kind),
                    "text": provision.text,
                    "parent": provision.parent,
                }
                for provision in self.provisions
            ],
        }

    def text_by_label(self) -> dict[str, str]:
        """The label-to-text mapping used by the corpus's expected parses, in document order."""
        return {provision.label: provision.text for provision in self.provisions}
