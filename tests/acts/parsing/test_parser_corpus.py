"""The real acts of the corpus parse as a reader would read them.

The acts are copied into fixtures/acts so the suite is self-contained; when the shared corpus
is present (KONSULTACJE_CORPUS, by default <repo>/../shared/corpus) the copies are checked
against it, and any act added there is at least held to the no-text-lost property.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from acts.parsing import ParseResult, parse_text

FIXTURES_DIRECTORY = Path(__file__).parent / "fixtures"
ACTS_DIRECTORY = FIXTURES_DIRECTORY / "acts"
EXPECTED_DIRECTORY = FIXTURES_DIRECTORY / "expected"
REPOSITORY_DIRECTORY = Path(__file__).resolve().parents[3]
SHARED_CORPUS_DIRECTORY = Path(
    os.environ.get("KONSULTACJE_CORPUS", REPOSITORY_DIRECTORY.parent / "shared" / "corpus")
)
EXAMPLE_NAME = "example_regulamin_nagrody"
ACT_NAMES = sorted(path.stem for path in ACTS_DIRECTORY.glob("*.txt"))
REAL_ACT_NAMES = [name for name in ACT_NAMES if name != EXAMPLE_NAME]


def read_act(directory: Path, name: str) -> str:
    return strip_corpus_notes((directory / f"{name}.txt").read_text(encoding="utf-8"))


def strip_corpus_notes(text: str) -> str:
    """Drop the corpus's own header ("# source: URL", "# note: …"); it is not part of the act."""
    lines = text.split("\n")
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return "\n".join(lines)


def comparable(result: ParseResult) -> dict[str, object]:
    return {
        **result.as_json_dict(),
        "warnings": [
            {"code": str(warning.code), "label": warning.label} for warning in result.warnings
        ],
    }


def test_example_parses_exactly_to_its_expected_json() -> None:
    expected = json.loads((ACTS_DIRECTORY / f"{EXAMPLE_NAME}.expected.json").read_text("utf-8"))

    result = parse_text(read_act(ACTS_DIRECTORY, EXAMPLE_NAME))

    assert result.act_type == expected["act_type"]
    assert result.subject == expected["subject"]
    # The expected JSON maps label to text in document order; compare order too.
    assert list(result.text_by_label().items()) == list(expected["provisions"].items())
    assert result.warnings == []


def test_example_title_is_the_whole_title_block_without_the_draft_stamp() -> None:
    result = parse_text(read_act(ACTS_DIRECTORY, EXAMPLE_NAME))

    assert result.title == (
        "UCHWAŁA NR .../2027 SOPOCKIEJ RADY ORGANIZACJI POZARZĄDOWYCH z dnia 2 marca 2027 r. "
        "w sprawie regulaminu Nagrody „Sopocka Organizacja Pozarządowa Roku”"
    )
    assert result.skipped_lines == ["PROJEKT"]


@pytest.mark.parametrize("name", REAL_ACT_NAMES)
def test_real_act_parses_to_its_reviewed_fixture(name: str) -> None:
    expected = json.loads((EXPECTED_DIRECTORY / f"{name}.json").read_text(encoding="utf-8"))

    result = parse_text(read_act(ACTS_DIRECTORY, name))

    assert comparable(result) == expected


@pytest.mark.parametrize("name", ACT_NAMES)
def test_corpus_act_loses_no_text(
    name: str, assert_parse_invariants: Callable[[str, ParseResult], None]
) -> None:
    source = read_act(ACTS_DIRECTORY, name)

    assert_parse_invariants(source, parse_text(source))


@pytest.mark.parametrize("name", ACT_NAMES)
def test_corpus_notes_above_the_title_do_not_change_the_provisions(
    name: str, assert_parse_invariants: Callable[[str, ParseResult], None]
) -> None:
    raw = (ACTS_DIRECTORY / f"{name}.txt").read_text(encoding="utf-8")

    with_notes = parse_text(raw)

    assert_parse_invariants(raw, with_notes)
    assert with_notes.provisions == parse_text(strip_corpus_notes(raw)).provisions


@pytest.fixture
def shared_corpus_acts() -> Path:
    """The shared corpus's acts: skipped when absent, a failure when KONSULTACJE_CORPUS
    names the corpus (CI does), so a wrong path cannot pass as a skip."""
    acts = SHARED_CORPUS_DIRECTORY / "acts"
    if not any(acts.glob("*.txt")):
        if "KONSULTACJE_CORPUS" in os.environ:
            pytest.fail(f"KONSULTACJE_CORPUS={SHARED_CORPUS_DIRECTORY} holds no acts/*.txt")
        pytest.skip("shared corpus not present")
    return acts


def test_fixture_copies_match_the_shared_corpus(shared_corpus_acts: Path) -> None:
    for path in shared_corpus_acts.iterdir():
        copy = ACTS_DIRECTORY / path.name
        assert copy.exists(), f"copy {path.name} into {ACTS_DIRECTORY}"
        assert copy.read_bytes() == path.read_bytes(), f"{path.name} changed in the corpus"


def test_every_shared_corpus_act_loses_no_text(
    shared_corpus_acts: Path,
    assert_parse_invariants: Callable[[str, ParseResult], None],
) -> None:
    for path in sorted(shared_corpus_acts.glob("*.txt")):
        source = read_act(path.parent, path.stem)
        assert_parse_invariants(source, parse_text(source))
