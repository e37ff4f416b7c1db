"""Applying amending operations to the amended act's provisions (tekst ujednolicony)."""

from __future__ import annotations

from acts.amendments import (
    AmendingUnit,
    Consolidation,
    NotAppliedReason,
    consolidate,
    interpret_instruction,
    interpret_units,
)
from acts.parsing import ParsedProvision, parse_text
from tests.acts.amendments.texts import AMENDED


def amended() -> list[ParsedProvision]:
    return parse_text(AMENDED).provisions


def apply(*instructions: str) -> Consolidation:
    operations = []
    for number, instruction in enumerate(instructions, start=1):
        result = interpret_instruction(instruction, source_label=f"§ 1 pkt {number}")
        assert isinstance(result, list), result
        operations.extend(result)
    return consolidate(amended(), operations)


def texts(consolidation: Consolidation) -> dict[str, str]:
    return {unit.label: unit.text for unit in consolidation.units}


def test_a_wording_s_lines_are_its_units_numbered_where_they_stand():
    consolidation = apply(
        "§ 4 otrzymuje brzmienie: „§ 4. 1. Nagroda ma formę:\n1) pieniężną;\n2) rzeczową.\n"
        "2. Nagroda ma charakter honorowy.”;"
    )
    found = texts(consolidation)
    assert found["§ 4 ust. 1"] == "Nagroda ma formę:"
    assert found["§ 4 ust. 1 pkt 2"] == "rzeczową."
    assert found["§ 4 ust. 2"] == "Nagroda ma charakter honorowy."


def test_without_operations_the_text_is_the_amended_act():
    consolidation = consolidate(amended(), [])
    assert texts(consolidation) == parse_text(AMENDED).text_by_label()
    assert all(unit.changed_by is None for unit in consolidation.units)


def test_a_replaced_paragraph_takes_the_quoted_units_with_their_labels():
    consolidation = apply(
        "§ 4 otrzymuje brzmienie: „§ 4. 1. Nagroda ma formę pieniężną.\n"
        "2. Nagroda ma charakter honorowy.”;"
    )
    found = texts(consolidation)
    assert found["§ 4"] == ""
    assert found["§ 4 ust. 1"] == "Nagroda ma formę pieniężną."
    assert found["§ 4 ust. 2"] == "Nagroda ma charakter honorowy."
    labels = [unit.label for unit in consolidation.units]
    assert (
        labels.index("§ 3") < labels.index("§ 4") < labels.index("§ 4 ust. 2") < labels.index("§ 8")
    )
    changed = {unit.label: unit.changed_by for unit in consolidation.units if unit.changed_by}
    assert changed == {"§ 4": "§ 1 pkt 1", "§ 4 ust. 1": "§ 1 pkt 1", "§ 4 ust. 2": "§ 1 pkt 1"}
    assert [unit.order for unit in consolidation.units] == list(range(len(consolidation.units)))
    anchors = {unit.label: unit.anchor for unit in consolidation.units}
    assert anchors["§ 4 ust. 2"] == "par-4-ust-2"


def test_a_replaced_point_keeps_its_place_and_depth():
    consolidation = apply("w § 2 ust. 1 pkt 3 otrzymuje brzmienie: „3) ochronę zabytków.”")
    units = {unit.label: unit for unit in consolidation.units}
    assert units["§ 2 ust. 1 pkt 3"].text == "ochronę zabytków."
    assert units["§ 2 ust. 1 pkt 3"].depth == units["§ 2 ust. 1 pkt 2"].depth


def test_the_introduction_to_an_enumeration_is_replaced_alone():
    consolidation = apply(
        "w § 2 w ust. 1 wprowadzenie do wyliczenia otrzymuje brzmienie: "
        "„Nagrodę przyznaje się za:”;"
    )
    found = texts(consolidation)
    assert found["§ 2 ust. 1"] == "Nagrodę przyznaje się za:"
    assert found["§ 2 ust. 1 pkt 1"] == "twórczość artystyczną;"


def test_a_paragraph_added_after_another_stands_right_after_it():
    consolidation = apply(
        "po § 8 dodaje się § 8a w brzmieniu: „§ 8a. Regulamin określa:\n1) tryb;\n2) terminy.”;"
    )
    labels = [unit.label for unit in consolidation.units]
    assert labels[labels.index("§ 8") + 1 : labels.index("§ 9")] == [
        "§ 8a",
        "§ 8a pkt 1",
        "§ 8a pkt 2",
    ]
    units = {unit.label: unit for unit in consolidation.units}
    assert units["§ 8a"].depth == units["§ 8"].depth
    assert units["§ 8a pkt 1"].depth == units["§ 8a"].depth + 1


def test_a_point_added_after_another_goes_inside_its_paragraph():
    consolidation = apply("w § 2 ust. 1 po pkt 2 dodaje się pkt 2a w brzmieniu: „2a) edukację;”")
    labels = [unit.label for unit in consolidation.units]
    assert labels.index("§ 2 ust. 1 pkt 2") + 1 == labels.index("§ 2 ust. 1 pkt 2a")
    assert texts(consolidation)["§ 2 ust. 1 pkt 2a"] == "edukację;"


def test_a_subsection_added_at_the_end_follows_the_last_one():
    consolidation = apply("w § 2 dodaje się ust. 4 w brzmieniu: „4. Komisja działa jawnie.”")
    labels = [unit.label for unit in consolidation.units]
    assert labels.index("§ 2 ust. 3") + 1 == labels.index("§ 2 ust. 4")
    assert labels.index("§ 2 ust. 4") + 1 == labels.index("§ 3")


def test_a_repealed_unit_stays_as_repealed_without_its_sub_units():
    consolidation = apply("w § 2 uchyla się ust. 1;", "uchyla się § 9.")
    found = texts(consolidation)
    assert found["§ 9"] == "(uchylony)"
    assert found["§ 2 ust. 1"] == "(uchylony)"
    assert "§ 2 ust. 1 pkt 1" not in found


def test_words_are_replaced_in_the_unit():
    consolidation = apply("w § 2 ust. 2 wyrazy „30 dni” zastępuje się wyrazami „14 dni”;")
    assert texts(consolidation)["§ 2 ust. 2"] == (
        "Wniosek składa się w terminie 14 dni od ogłoszenia naboru."
    )


def test_the_title_is_replaced():
    result = interpret_instruction(
        "tytuł uchwały otrzymuje brzmienie: „w sprawie nagrody Miasta”;", source_label="§ 1 pkt 1"
    )
    assert isinstance(result, list)
    consolidation = consolidate(
        amended(), result, title="Uchwała nr XXX/400/2021 Rady Miasta Sopotu w sprawie nagrody"
    )
    assert (
        consolidation.title == "Uchwała nr XXX/400/2021 Rady Miasta Sopotu w sprawie nagrody Miasta"
    )
    assert consolidation.title_changed_by == "§ 1 pkt 1"
    untitled = consolidate(amended(), result)
    assert [item.reason for item in untitled.not_applied] == [NotAppliedReason.TARGET_MISSING]


def test_operations_that_cannot_be_applied_are_listed_with_the_reason():
    consolidation = apply(
        "§ 7 otrzymuje brzmienie: „§ 7. Nowy.”",
        "po § 6 dodaje się § 6a w brzmieniu: „§ 6a. Nowy.”",
        "po § 3 dodaje się § 4 w brzmieniu: „§ 4. Drugi.”",
        "w § 3 wyrazy „Burmistrz” zastępuje się wyrazami „Prezydent”;",
        "załącznik nr 1 otrzymuje brzmienie określone w załączniku do niniejszej uchwały.",
        "uchyla się § 12.",
    )
    assert [(item.operation.source_label, item.reason) for item in consolidation.not_applied] == [
        ("§ 1 pkt 1", NotAppliedReason.TARGET_MISSING),
        ("§ 1 pkt 2", NotAppliedReason.AFTER_MISSING),
        ("§ 1 pkt 3", NotAppliedReason.ALREADY_PRESENT),
        ("§ 1 pkt 4", NotAppliedReason.WORDS_MISSING),
        ("§ 1 pkt 5", NotAppliedReason.WORDING_ELSEWHERE),
        ("§ 1 pkt 6", NotAppliedReason.TARGET_MISSING),
    ]
    assert consolidation.applied == []
    assert texts(consolidation) == parse_text(AMENDED).text_by_label()
    assert all(item.message for item in consolidation.not_applied)


def test_a_whole_amending_act_applies_in_order():
    plan = interpret_units(
        [
            AmendingUnit(
                "§ 1",
                None,
                "W uchwale nr XXX/400/2021 Rady Miasta Sopotu z dnia 25 marca 2021 r. w sprawie "
                "nagrody kulturalnej wprowadza się następujące zmiany:",
            ),
            AmendingUnit("§ 1 pkt 1", "§ 1", "w § 2:"),
            AmendingUnit(
                "§ 1 pkt 1 lit. a", "§ 1 pkt 1", "ust. 3 otrzymuje brzmienie: „3. Rozpatruje.”,"
            ),
            AmendingUnit(
                "§ 1 pkt 1 lit. b",
                "§ 1 pkt 1",
                "po ust. 3 dodaje się ust. 3a w brzmieniu: „3a. Komisja działa jawnie.”;",
            ),
            AmendingUnit("§ 1 pkt 2", "§ 1", "uchyla się § 9."),
        ]
    )
    consolidation = consolidate(amended(), plan.operations)
    assert consolidation.not_applied == []
    found = texts(consolidation)
    assert found["§ 2 ust. 3"] == "Rozpatruje."
    assert found["§ 2 ust. 3a"] == "Komisja działa jawnie."
    assert found["§ 9"] == "(uchylony)"


def test_a_closing_mark_is_replaced_and_the_new_point_follows():
    consolidation = apply(
        "w § 2 w ust. 1 w pkt 3 kropkę zastępuje się średnikiem i dodaje się pkt 4 w brzmieniu: "
        "„4) edukację kulturalną.”"
    )
    found = texts(consolidation)
    assert found["§ 2 ust. 1 pkt 3"] == "ochronę dziedzictwa;"
    assert found["§ 2 ust. 1 pkt 4"] == "edukację kulturalną."
    labels = [unit.label for unit in consolidation.units]
    assert labels.index("§ 2 ust. 1 pkt 3") + 1 == labels.index("§ 2 ust. 1 pkt 4")


def test_a_mark_the_unit_does_not_end_with_is_not_replaced():
    consolidation = apply("w § 2 ust. 1 pkt 1 kropkę zastępuje się przecinkiem;")
    assert [item.reason for item in consolidation.not_applied] == [NotAppliedReason.MARK_MISSING]


def test_a_replaced_tiret_keeps_its_ordinal():
    amended_with_tirets = parse_text(
        "§ 1. Nagroda:\n1) za twórczość:\na) literacką:\n– poezję,\n– prozę,\nb) muzyczną."
    ).provisions
    result = interpret_instruction(
        "w § 1 pkt 1 lit. a tiret drugie otrzymuje brzmienie: „– prozę i reportaż,”",
        source_label="§ 1 pkt 1",
    )
    assert isinstance(result, list)
    consolidation = consolidate(amended_with_tirets, result)
    assert consolidation.not_applied == []
    found = texts(consolidation)
    assert found["§ 1 pkt 1 lit. a tiret drugie"] == "prozę i reportaż,"
    assert found["§ 1 pkt 1 lit. a tiret pierwsze"] == "poezję,"


def test_an_annex_in_an_annex_of_the_amending_act_is_listed_not_applied():
    consolidation = apply(
        "dodaje się załącznik nr 3 w brzmieniu określonym w załączniku do niniejszej uchwały."
    )
    assert [item.reason for item in consolidation.not_applied] == [
        NotAppliedReason.WORDING_ELSEWHERE
    ]


def test_units_inside_an_annex_are_replaced_there():
    annexed = parse_text(
        "§ 1. Regulamin stanowi załącznik nr 1.\n"
        "Załącznik nr 1 do uchwały\nRegulamin\n§ 1. Pierwszy.\n§ 2. Drugi.\n"
    ).provisions
    result = interpret_instruction(
        "w załączniku nr 1 § 2 otrzymuje brzmienie: „§ 2. Nowy drugi.”", source_label="§ 1 pkt 1"
    )
    assert isinstance(result, list)
    consolidation = consolidate(annexed, result)
    assert consolidation.not_applied == []
    assert texts(consolidation)["§ 2 załącznika nr 1"] == "Nowy drugi."
