"""Labels in Polish citation order and the anchors derived from them."""

from __future__ import annotations

import pytest

from acts.parsing import parse_text
from acts.parsing.labels import anchor_for_label, tiret_ordinal


@pytest.mark.parametrize(
    ("position", "ordinal"),
    [
        (1, "pierwsze"),
        (2, "drugie"),
        (3, "trzecie"),
        (5, "piąte"),
        (10, "dziesiąte"),
        (11, "jedenaste"),
        (12, "dwunaste"),
        (19, "dziewiętnaste"),
        (20, "dwudzieste"),
        (21, "dwudzieste pierwsze"),
        (34, "trzydzieste czwarte"),
        (99, "dziewięćdziesiąte dziewiąte"),
        (100, "100"),
    ],
)
def test_tirets_are_cited_by_neuter_ordinals_then_by_number(position: int, ordinal: str) -> None:
    assert tiret_ordinal(position) == ordinal


@pytest.mark.parametrize(
    ("label", "anchor"),
    [
        ("§ 1 ust. 2 pkt 3 lit. b", "par-1-ust-2-pkt-3-lit-b"),
        ("§ 1 ust. 2 pkt 3 lit. b tiret pierwsze", "par-1-ust-2-pkt-3-lit-b-tiret-1"),
        ("§ 1 lit. a tiret dwudzieste pierwsze", "par-1-lit-a-tiret-21"),
        ("art. 2 pkt 1", "art-2-pkt-1"),
        ("art. 2a", "art-2a"),
        ("§ 4a część wspólna", "par-4a-czesc-wspolna"),
        ("§ 2 załącznika nr 1", "zal-1-par-2"),
        (
            "§ 1 ust. 2 pkt 3 lit. b tiret drugie załącznika nr 1",
            "zal-1-par-1-ust-2-pkt-3-lit-b-tiret-2",
        ),
        ("§ 2 załącznika", "zal-par-2"),
        ("Rozdział 2 załącznika nr 3", "zal-3-rozdzial-2"),
        ("załącznik nr 1", "zal-1"),
        ("załącznik", "zal"),
        ("uzasadnienie", "uzasadnienie"),
        ("podstawa prawna", "podstawa-prawna"),
        ("preambuła", "preambula"),
        ("treść", "tresc"),
        ("podpis", "podpis"),
        ("Rozdział 2", "rozdzial-2"),
        ("Rozdział IV", "rozdzial-iv"),
        ("Dział II", "dzial-ii"),
        ("§ 3–5", "par-3-5"),
        ("§ 2 (2)", "par-2-2"),
        ("§ 2 załącznika nr 1 (3)", "zal-1-par-2-3"),
    ],
)
def test_anchor_is_derived_from_the_label(label: str, anchor: str) -> None:
    assert anchor_for_label(label) == anchor


def test_anchor_is_ascii_or_a_fallback_for_unexpected_labels() -> None:
    assert anchor_for_label("Żółć ąę ŁÓDŹ") == "zolc-ae-lodz"
    assert anchor_for_label("§§§") == "jednostka"
    assert anchor_for_label("") == "jednostka"


def test_same_label_gets_the_same_anchor_in_another_version() -> None:
    first = parse_text("§ 1. A.\n§ 2. 1. B.\n2. Wniosek:\n1) x;\n2) y.")
    second = parse_text(
        "§ 1. Zmienione A.\n§ 1a. Nowy.\n§ 2. 1. B.\n2. Inny wniosek:\n1) z;\n2) w."
    )

    first_anchors = {provision.label: provision.anchor for provision in first.provisions}
    second_anchors = {provision.label: provision.anchor for provision in second.provisions}
    for label, anchor in first_anchors.items():
        assert second_anchors[label] == anchor


def test_labels_follow_polish_citation_order_down_to_tirets() -> None:
    text = "§ 1. 1. A.\n2. B:\n1) c;\n2) d:\na) e,\nb) f:\n– g,\n– h."

    assert list(parse_text(text).text_by_label()) == [
        "§ 1",
        "§ 1 ust. 1",
        "§ 1 ust. 2",
        "§ 1 ust. 2 pkt 1",
        "§ 1 ust. 2 pkt 2",
        "§ 1 ust. 2 pkt 2 lit. a",
        "§ 1 ust. 2 pkt 2 lit. b",
        "§ 1 ust. 2 pkt 2 lit. b tiret pierwsze",
        "§ 1 ust. 2 pkt 2 lit. b tiret drugie",
    ]


def test_units_know_their_parent_depth_number_and_order() -> None:
    result = parse_text("Rozdział 1\nOgólne\n§ 1. Lista:\n1) a;\n2) b.")

    assert [
        (provision.label, provision.parent, provision.depth, provision.number, provision.order)
        for provision in result.provisions
    ] == [
        ("Rozdział 1", None, 0, "1", 0),
        ("§ 1", "Rozdział 1", 1, "1", 1),
        ("§ 1 pkt 1", "§ 1", 2, "1", 2),
        ("§ 1 pkt 2", "§ 1", 2, "2", 3),
    ]


def test_json_dict_has_exactly_the_public_keys() -> None:
    result = parse_text("UCHWAŁA NR 1\nw sprawie X\n\n§ 1. A.")

    assert result.as_json_dict() == {
        "act_type": "uchwała",
        "title": "UCHWAŁA NR 1 w sprawie X",
        "subject": "w sprawie X",
        "provisions": [{"label": "§ 1", "kind": "paragraph", "text": "A.", "parent": None}],
    }
