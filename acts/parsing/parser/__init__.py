"""The parser of Polish acts (see ``acts.parsing.parser.reading``): ``parse_text``."""

from acts.parsing.parser.reading import ActParser, parse_quotation, parse_text

__all__ = ["ActParser", "parse_quotation", "parse_text"]
