"""`manage.py parse_act PATH [--json]`: the parse as JSON or as an indented tree."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

ACTS_DIRECTORY = Path(__file__).parent / "fixtures" / "acts"
EXAMPLE = ACTS_DIRECTORY / "example_regulamin_nagrody.txt"
EXPECTED = ACTS_DIRECTORY / "example_regulamin_nagrody.expected.json"


def run_command(*arguments: str) -> str:
    output = io.StringIO()
    call_command("parse_act", *arguments, stdout=output)
    return output.getvalue()


def test_json_output_matches_the_expected_parse_of_the_example() -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))

    printed = json.loads(run_command(str(EXAMPLE), "--json"))

    assert set(printed) == {"act_type", "title", "subject", "provisions"}
    assert printed["act_type"] == expected["act_type"]
    assert printed["subject"] == expected["subject"]
    assert [(unit["label"], unit["text"]) for unit in printed["provisions"]] == list(
        expected["provisions"].items()
    )
    assert printed["provisions"][5] == {
        "label": "§ 1 załącznika nr 1",
        "kind": "paragraph",
        "text": "",
        "parent": "załącznik nr 1",
    }


def test_json_output_keeps_polish_letters_unescaped_and_indented() -> None:
    printed = run_command(str(EXAMPLE), "--json")

    assert '"act_type": "uchwała"' in printed
    assert '\n  "provisions": [' in printed


def test_tree_output_indents_by_depth_and_lists_warnings(tmp_path: Path) -> None:
    path = tmp_path / "akt.txt"
    path.write_text("§ 1. Wniosek zawiera:\n1) imię;\n3) adres.", encoding="utf-8")

    printed = run_command(str(path))

    lines = printed.splitlines()
    assert lines[:5] == [
        "§ 1: Wniosek zawiera:",
        "  § 1 pkt 1: imię;",
        "  § 1 pkt 3: adres.",
        "",
        "Warnings (1):",
    ]
    # The message itself is translated; the code and label are fixed.
    assert lines[5].startswith("- numbering_gap [§ 1 pkt 3]: ")
    assert len(lines) == 6


def test_docx_file_is_parsed_too(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("§ 1. Uchwała wchodzi w życie.")
    path = tmp_path / "akt.docx"
    document.save(str(path))

    printed = json.loads(run_command(str(path), "--json"))

    assert printed["provisions"] == [
        {"label": "§ 1", "kind": "paragraph", "text": "Uchwała wchodzi w życie.", "parent": None}
    ]


def test_unreadable_file_is_a_command_error(tmp_path: Path) -> None:
    path = tmp_path / "akt.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")

    with pytest.raises(CommandError, match="document_corrupt"):
        run_command(str(path))


def test_missing_file_is_a_command_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot read"):
        run_command(str(tmp_path / "brak.txt"))


def test_a_text_pdf_is_parsed_too(tmp_path: Path) -> None:
    from tests.acts.parsing.pdfs import act_pdf

    path = tmp_path / "uchwala.pdf"
    path.write_bytes(act_pdf(EXAMPLE.read_text(encoding="utf-8")))
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))

    printed = json.loads(run_command(str(path), "--json"))

    assert [(unit["label"], unit["text"]) for unit in printed["provisions"]] == list(
        expected["provisions"].items()
    )
