"""Parse an act from a .txt, .docx, .odt or (text) .pdf file and print its provisions.

python manage.py parse_act PATH          an indented tree, then the parse warnings
python manage.py parse_act PATH --json   {"act_type", "title", "subject", "provisions"}
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from acts.parsing import ParseResult, parse_text
from acts.parsing.errors import DocumentError
from acts.parsing.readers import DEFAULT_MAX_DOCUMENT_BYTES, read_document

TREE_INDENT = "  "
# Long provisions are shortened in the tree so its shape stays readable; --json has them whole.
TREE_TEXT_WIDTH = 100


class Command(BaseCommand):
    help = "Parse a Polish legal act (.txt, .docx, .odt, .pdf) into its provisions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", help="The act's file: .txt (UTF-8 or Windows-1250), .docx, .odt, .pdf"
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print the parse as JSON (act_type, title, subject, provisions in order).",
        )
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=DEFAULT_MAX_DOCUMENT_BYTES,
            help="Refuse files larger than this many bytes.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        try:
            text = read_document(path.name, data, max_bytes=options["max_bytes"])
        except DocumentError as error:
            raise CommandError(f"{path}: {error.message} ({error.code})") from None
        result = parse_text(text)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json_dict(), ensure_ascii=False, indent=2))
        else:
            self._write_tree(result)

    def _write_tree(self, result: ParseResult) -> None:
        if result.title:
            self.stdout.write(result.title)
            self.stdout.write("")
        for provision in result.provisions:
            indent = TREE_INDENT * provision.depth
            text = textwrap.shorten(provision.text, width=TREE_TEXT_WIDTH, placeholder=" …")
            line = f"{indent}{provision.label}" + (f": {text}" if text else "")
            self.stdout.write(line)
        if result.warnings:
            self.stdout.write("")
            self.stdout.write(f"Warnings ({len(result.warnings)}):")
            for warning in result.warnings:
                where = f" [{warning.label}]" if warning.label else ""
                self.stdout.write(f"- {warning.code}{where}: {warning.message}")
