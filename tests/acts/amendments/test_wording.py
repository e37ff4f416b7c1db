"""Reading a quoted wording into units labelled as in the amended act."""

from __future__ import annotations

from acts.amendments import Address
from acts.amendments.wording import read_wording


def read(wording: str, prefix: Address | None = None) -> list[tuple[str, str, str, int]]:
    return [
        (unit.label, unit.kind, unit.text, unit.depth)
        for unit in read_wording(wording, prefix=prefix or Address())
    ]


def test_numbering_starts_where_the_amended_unit_stands():
    assert read(
        "3. Wnioski rozpatruje komisja:\n1) w składzie pięciu osób;\n2) jawnie.",
        Address(steps=(("paragraph", "2"),)),
    ) == [
        ("§ 2 ust. 3", "ustep", "Wnioski rozpatruje komisja:", 0),
        ("§ 2 ust. 3 pkt 1", "point", "w składzie pięciu osób;", 1),
        ("§ 2 ust. 3 pkt 2", "point", "jawnie.", 1),
    ]


def test_letters_and_indents_nest_under_points():
    assert read("2a) nagrody:\na) pieniężne,\n– jednorazowe,\n– roczne,\nb) rzeczowe;") == [
        ("pkt 2a", "point", "nagrody:", 0),
        ("pkt 2a lit. a", "letter", "pieniężne,", 1),
        ("pkt 2a lit. a tiret pierwsze", "tiret", "jednorazowe,", 2),
        ("pkt 2a lit. a tiret drugie", "tiret", "roczne,", 2),
        ("pkt 2a lit. b", "letter", "rzeczowe;", 1),
    ]


def test_a_number_inside_a_sentence_is_no_marker():
    assert read("§ 5. Nabór trwa do dnia 3. maja każdego roku.") == [
        ("§ 5", "paragraph", "Nabór trwa do dnia 3. maja każdego roku.", 0)
    ]


def test_units_in_an_annex_are_labelled_with_the_annex():
    assert read("§ 3. Tekst.", Address(annex="2")) == [
        ("§ 3 załącznika nr 2", "paragraph", "Tekst.", 0)
    ]


def test_text_before_any_marker_is_kept_apart_without_a_label():
    assert read("Nagrodę przyznaje się za:") == [("", "text", "Nagrodę przyznaje się za:", 0)]
