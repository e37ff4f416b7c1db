"""The parser of Polish legal acts: text in, a flat ordered list of addressable provisions out.

Pure Python, no database: `parse_text(text)` for pasted text, `read_document(name, data)` (in
`acts.parsing.readers`) to get that text out of a .txt, .docx or .odt upload.
"""

from acts.parsing.diagnostics import ParseWarning, WarningCode
from acts.parsing.kinds import ProvisionKind
from acts.parsing.markers import normalize_text
from acts.parsing.parser import parse_text
from acts.parsing.results import ParsedProvision, ParseResult

__all__ = [
    "ParseResult",
    "ParseWarning",
    "ParsedProvision",
    "ProvisionKind",
    "WarningCode",
    "normalize_text",
    "parse_text",
]
