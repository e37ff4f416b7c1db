"""Acts written for the tests in the shapes the real corpus lacks: an amending resolution with
every amending form a city act uses (Zasady techniki prawodawczej §§ 86–97), transcripts with
the signing system's footers, an annex with Roman and lettered headings, inserted units.

Each ``fixtures/constructed/NAME.txt`` has its reviewed parse in ``NAME.json`` (labels, kinds,
texts, parents and warnings, in document order); the texts are also in the property tests.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from acts.parsing import ParseResult, parse_text

CONSTRUCTED_DIRECTORY = Path(__file__).parent / "fixtures" / "constructed"
CONSTRUCTED_NAMES = sorted(path.stem for path in CONSTRUCTED_DIRECTORY.glob("*.txt"))


def comparable(result: ParseResult) -> dict[str, object]:
    return {
        **result.as_json_dict(),
        "warnings": [
            {"code": str(warning.code), "label": warning.label} for warning in result.warnings
        ],
    }


def read(name: str) -> str:
    return (CONSTRUCTED_DIRECTORY / f"{name}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", CONSTRUCTED_NAMES)
def test_constructed_act_parses_to_its_reviewed_parse(name: str) -> None:
    expected = json.loads((CONSTRUCTED_DIRECTORY / f"{name}.json").read_text(encoding="utf-8"))

    assert comparable(parse_text(read(name))) == expected


@pytest.mark.parametrize("name", CONSTRUCTED_NAMES)
def test_constructed_act_loses_no_text(
    name: str, assert_parse_invariants: Callable[[str, ParseResult], None]
) -> None:
    source = read(name)

    assert_parse_invariants(source, parse_text(source))
