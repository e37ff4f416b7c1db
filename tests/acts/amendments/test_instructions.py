"""Reading amending instructions (Zasady techniki prawodawczej, §§ 86-97) into operations."""

from __future__ import annotations

import pytest

from acts.amendments import (
    Address,
    AmendingUnit,
    Operation,
    OperationKind,
    Part,
    Unrecognised,
    interpret_instruction,
    interpret_units,
    parse_address,
    parse_reference,
    split_new_wording,
    split_single_change,
)

PARAGRAPH_4 = Address(steps=(("paragraph", "4"),))


def only(result: object) -> Operation:
    assert isinstance(result, list), result
    assert len(result) == 1
    operation = result[0]
    assert isinstance(operation, Operation)
    return operation


def test_a_new_wording_of_a_paragraph_replaces_it():
    operation = only(
        interpret_instruction(
            "§ 4 otrzymuje brzmienie: „§ 4. 1. Nagrodę przyznaje się corocznie. "
            "2. Nagroda ma charakter honorowy.”;",
            source_label="§ 1 pkt 2",
        )
    )
    assert operation.kind is OperationKind.REPLACE
    assert operation.target_labels == ["§ 4"]
    assert operation.part is Part.WHOLE
    assert operation.wording == (
        "§ 4. 1. Nagrodę przyznaje się corocznie. 2. Nagroda ma charakter honorowy."
    )
    assert operation.source_label == "§ 1 pkt 2"
    assert operation.instruction == "§ 4 otrzymuje brzmienie:"


@pytest.mark.parametrize(
    "instruction",
    [
        "w § 2 ust. 1 pkt 3 otrzymuje brzmienie:",
        "w § 2 w ust. 1 pkt 3 otrzymuje brzmienie:",
        "§ 2 ust. 1 pkt 3 otrzymuje brzmienie:",
    ],
)
def test_a_nested_unit_is_addressed_through_its_parents(instruction):
    operation = only(interpret_instruction(f"{instruction} „3) nowy punkt;”"))
    assert operation.target_labels == ["§ 2 ust. 1 pkt 3"]
    assert operation.wording == "3) nowy punkt;"


def test_the_introduction_to_an_enumeration_gets_a_new_wording():
    operation = only(
        interpret_instruction(
            "w § 5 w ust. 2 wprowadzenie do wyliczenia otrzymuje brzmienie: "
            "„Nagrodę przyznaje się za:”;"
        )
    )
    assert operation.kind is OperationKind.REPLACE
    assert operation.part is Part.INTRO
    assert operation.target_labels == ["§ 5 ust. 2"]
    assert operation.wording == "Nagrodę przyznaje się za:"


def test_the_common_part_gets_a_new_wording():
    operation = only(
        interpret_instruction("w § 5 ust. 2 część wspólna otrzymuje brzmienie: „– w terminie.”")
    )
    assert operation.part is Part.COMMON_PART
    assert operation.target_labels == ["§ 5 ust. 2"]


def test_several_units_get_one_new_wording():
    operation = only(interpret_instruction("w § 2 pkt 4 i 5 otrzymują brzmienie: „4) a; 5) b;”"))
    assert operation.target_labels == ["§ 2 pkt 4", "§ 2 pkt 5"]


def test_the_title_of_the_amended_act_gets_a_new_wording():
    operation = only(
        interpret_instruction("tytuł uchwały otrzymuje brzmienie: „w sprawie nagrody”;")
    )
    assert operation.part is Part.TITLE
    assert operation.wording == "w sprawie nagrody"


def test_a_wording_in_an_annex_of_the_amending_act_is_named_not_quoted():
    operation = only(
        interpret_instruction(
            "załącznik nr 1 do uchwały otrzymuje brzmienie określone w załączniku do "
            "niniejszej uchwały."
        )
    )
    assert operation.kind is OperationKind.REPLACE
    assert operation.target_labels == ["Załącznik nr 1"]
    assert operation.wording is None
    assert operation.wording_in_annex == ""


def test_a_paragraph_is_added_after_another():
    operation = only(
        interpret_instruction("po § 8 dodaje się § 8a w brzmieniu: „§ 8a. Tekst: 1) raz; 2) dwa.”;")
    )
    assert operation.kind is OperationKind.INSERT
    assert operation.target_labels == ["§ 8a"]
    assert operation.parent == Address()
    assert operation.after == Address(steps=(("paragraph", "8"),))
    assert operation.wording == "§ 8a. Tekst: 1) raz; 2) dwa."


def test_a_point_is_added_after_another_inside_a_paragraph():
    operation = only(
        interpret_instruction("w § 3 po pkt 2 dodaje się pkt 2a w brzmieniu: „2a) nowy;”")
    )
    assert operation.target_labels == ["§ 3 pkt 2a"]
    assert operation.parent.label == "§ 3"
    assert operation.after is not None
    assert operation.after.label == "§ 3 pkt 2"


def test_a_subsection_is_added_at_the_end_of_a_paragraph():
    operation = only(interpret_instruction("w § 6 dodaje się ust. 4 w brzmieniu: „4. Nowy.”"))
    assert operation.kind is OperationKind.INSERT
    assert operation.target_labels == ["§ 6 ust. 4"]
    assert operation.parent.label == "§ 6"
    assert operation.after is None


def test_several_units_are_added_at_once():
    operation = only(
        interpret_instruction("po § 8 dodaje się §§ 8a i 8b w brzmieniu: „§ 8a. A. § 8b. B.”")
    )
    assert operation.target_labels == ["§ 8a", "§ 8b"]


def test_a_paragraph_is_repealed():
    operation = only(interpret_instruction("uchyla się § 9.", source_label="§ 1 pkt 6"))
    assert operation.kind is OperationKind.REPEAL
    assert operation.target_labels == ["§ 9"]


def test_a_point_is_repealed_inside_a_paragraph():
    operation = only(interpret_instruction("w § 2 uchyla się pkt 4;"))
    assert operation.target_labels == ["§ 2 pkt 4"]


def test_a_range_repealed_gives_one_operation_per_unit():
    operations = interpret_instruction("w § 2 uchyla się pkt 4–6;")
    assert isinstance(operations, list)
    assert [operation.target_labels for operation in operations] == [
        ["§ 2 pkt 4"],
        ["§ 2 pkt 5"],
        ["§ 2 pkt 6"],
    ]


def test_words_are_replaced():
    operation = only(
        interpret_instruction("w § 3 ust. 1 wyrazy „30 dni” zastępuje się wyrazami „14 dni”;")
    )
    assert operation.kind is OperationKind.REPLACE_WORDS
    assert operation.target_labels == ["§ 3 ust. 1"]
    assert (operation.old_words, operation.new_words) == ("30 dni", "14 dni")


def test_words_are_struck_out_and_added():
    struck = only(interpret_instruction("w § 3 skreśla się wyrazy „corocznie”;"))
    assert struck.kind is OperationKind.DELETE_WORDS
    assert struck.old_words == "corocznie"
    added = only(interpret_instruction("w § 3 po wyrazach „Nagrodę” dodaje się wyrazy „Miasta”;"))
    assert added.kind is OperationKind.INSERT_WORDS
    assert (added.old_words, added.new_words) == ("Nagrodę", "Miasta")


def test_a_context_is_opened_for_the_letters_under_it():
    result = interpret_instruction("w § 2:")
    assert not isinstance(result, list | Unrecognised)
    assert result.address.label == "§ 2"


def test_the_quoted_wording_may_come_apart_from_the_text():
    operation = only(
        interpret_instruction("§ 4 otrzymuje brzmienie:", quoted=["§ 4. Nagroda jest honorowa."])
    )
    assert operation.wording == "§ 4. Nagroda jest honorowa."


@pytest.mark.parametrize(
    "text",
    [
        "§ 4 otrzymuje brzmienie: “§ 4. Tekst.”;",
        '§ 4 otrzymuje brzmienie: "§ 4. Tekst.";',
        "§ 4 otrzymuje brzmienie: „§ 4. Tekst.“,",
    ],
)
def test_every_kind_of_quotation_mark_is_read(text):
    assert only(interpret_instruction(text)).wording == "§ 4. Tekst."


@pytest.mark.parametrize(
    "text",
    [
        "w § 4 ust. 1 zdanie drugie otrzymuje brzmienie: „Zdanie.”",
        "§ 4 otrzymuje brzmienie:",  # no wording quoted: nothing to apply, not guessed
        "Wykonanie uchwały powierza się Prezydentowi Miasta Sopotu.",
    ],
)
def test_an_unknown_form_is_unrecognised(text):
    result = interpret_instruction(text, source_label="§ 1 pkt 9")
    assert isinstance(result, Unrecognised)
    assert result.source_label == "§ 1 pkt 9"


def test_split_new_wording_keeps_the_instruction_and_the_quotation_apart():
    assert split_new_wording("§ 4 otrzymuje brzmienie: „§ 4. A.\n2. B.”;") == (
        "§ 4 otrzymuje brzmienie:",
        "§ 4. A.\n2. B.",
    )
    assert split_new_wording("uchyla się § 9.") == ("uchyla się § 9.", None)


def test_addresses_name_annexes_and_ranges():
    assert [address.label for address in parse_address("w załączniku nr 2 w § 3 ust. 1")] == [
        "§ 3 ust. 1 załącznika nr 2"
    ]
    assert [address.label for address in parse_address("lit. a–c")] == [
        "lit. a",
        "lit. b",
        "lit. c",
    ]
    assert [address.label for address in parse_address("załącznik nr 1")] == ["Załącznik nr 1"]


def test_the_intro_names_the_amended_act():
    reference = parse_reference(
        "W uchwale nr XXX/400/2021 Rady Miasta Sopotu z dnia 25 marca 2021 r. w sprawie "
        "regulaminu nagrody kulturalnej wprowadza się następujące zmiany:"
    )
    assert reference is not None
    assert reference.act_type == "uchwała"
    assert reference.number == "XXX/400/2021"
    assert reference.issuer == "Rady Miasta Sopotu"
    assert reference.date == "25 marca 2021 r."
    assert reference.subject == "regulaminu nagrody kulturalnej"
    assert reference.citation == "uchwała nr XXX/400/2021"


def test_the_intro_of_an_order_amended_before_is_read_too():
    reference = parse_reference(
        "W zarządzeniu nr 120/2022 Prezydenta Miasta Sopotu z dnia 3 lutego 2022 r. w sprawie "
        "naboru, zmienionym zarządzeniem nr 15/2023, wprowadza się następującą zmianę:"
    )
    assert reference is not None
    assert reference.act_type == "zarządzenie"
    assert reference.number == "120/2022"
    assert reference.subject == "naboru"


def test_ordinary_text_is_no_intro():
    assert parse_reference("Wykonanie uchwały powierza się Prezydentowi.") is None


def test_an_amending_act_is_read_unit_by_unit_with_nested_letters_inheriting_the_context():
    plan = interpret_units(
        [
            AmendingUnit(
                "§ 1",
                None,
                "W uchwale nr XXX/400/2021 Rady Miasta Sopotu z dnia 25 marca 2021 r. w sprawie "
                "nagrody wprowadza się następujące zmiany:",
            ),
            AmendingUnit("§ 1 pkt 1", "§ 1", "§ 4 otrzymuje brzmienie:", ("§ 4. Nowy.",)),
            AmendingUnit("§ 1 pkt 2", "§ 1", "w § 2:"),
            AmendingUnit("§ 1 pkt 2 lit. a", "§ 1 pkt 2", "ust. 1 otrzymuje brzmienie: „1. X.”,"),
            AmendingUnit(
                "§ 1 pkt 2 lit. b",
                "§ 1 pkt 2",
                "po ust. 2 dodaje się ust. 2a w brzmieniu: „2a. Y.”",
            ),
            AmendingUnit("§ 1 pkt 2 lit. c", "§ 1 pkt 2", "uchyla się ust. 3;"),
            AmendingUnit("§ 1 pkt 3", "§ 1", "w § 3 w zdaniu pierwszym skreśla się przecinek;"),
            AmendingUnit("§ 1 pkt 4", "§ 1", "uchyla się § 9."),
            AmendingUnit("§ 2", None, "Wykonanie uchwały powierza się Prezydentowi Miasta Sopotu."),
            AmendingUnit("§ 3", None, "Uchwała wchodzi w życie z dniem podjęcia."),
        ]
    )
    assert plan.reference is not None
    assert plan.reference.number == "XXX/400/2021"
    assert [(op.kind.value, op.target_labels, op.source_label) for op in plan.operations] == [
        ("replace", ["§ 4"], "§ 1 pkt 1"),
        ("replace", ["§ 2 ust. 1"], "§ 1 pkt 2 lit. a"),
        ("insert", ["§ 2 ust. 2a"], "§ 1 pkt 2 lit. b"),
        ("repeal", ["§ 2 ust. 3"], "§ 1 pkt 2 lit. c"),
        ("repeal", ["§ 9"], "§ 1 pkt 4"),
    ]
    inserted = plan.operations[2]
    assert inserted.parent.label == "§ 2"
    assert inserted.after is not None
    assert inserted.after.label == "§ 2 ust. 2"
    # Reported, not guessed; the act's own closing paragraphs are not amending at all.
    assert [(item.source_label, item.text) for item in plan.unrecognised] == [
        ("§ 1 pkt 3", "w § 3 w zdaniu pierwszym skreśla się przecinek;")
    ]
    assert plan.by_source["§ 1 pkt 2"] == []
    assert "§ 2" not in plan.by_source
    assert plan.is_amending


def test_an_act_amending_nothing_has_an_empty_plan():
    plan = interpret_units([AmendingUnit("§ 1", None, "Przyjmuje się program.")])
    assert not plan.is_amending


def test_a_closing_mark_is_replaced_and_a_unit_added_after_it():
    operations = interpret_instruction(
        "w § 6 w ust. 1 w pkt 2 kropkę zastępuje się średnikiem i dodaje się pkt 3 w brzmieniu:",
        quoted=["3) nowy."],
    )
    assert isinstance(operations, list)
    punctuation, insert = operations
    assert punctuation.kind is OperationKind.REPLACE_PUNCTUATION
    assert punctuation.target_labels == ["§ 6 ust. 1 pkt 2"]
    assert (punctuation.old_words, punctuation.new_words) == (".", ";")
    assert insert.kind is OperationKind.INSERT
    assert insert.target_labels == ["§ 6 ust. 1 pkt 3"]
    assert insert.parent.label == "§ 6 ust. 1"
    assert insert.after is not None
    assert insert.after.label == "§ 6 ust. 1 pkt 2"


def test_an_enumeration_is_started_under_a_point_that_ended_with_a_full_stop():
    operations = interpret_instruction(
        "w § 2 pkt 3 kropkę zastępuje się dwukropkiem i dodaje się lit. a i b w brzmieniu:",
        quoted=["a) pierwsza,\nb) druga."],
    )
    assert isinstance(operations, list)
    punctuation, insert = operations
    assert punctuation.new_words == ":"
    assert insert.target_labels == ["§ 2 pkt 3 lit. a", "§ 2 pkt 3 lit. b"]
    assert insert.parent.label == "§ 2 pkt 3"
    assert insert.after is None


def test_a_closing_mark_alone_is_replaced():
    operation = only(interpret_instruction("w § 7 kropkę zastępuje się średnikiem;"))
    assert operation.kind is OperationKind.REPLACE_PUNCTUATION
    assert operation.target_labels == ["§ 7"]


def test_a_tiret_is_addressed_by_its_ordinal():
    operation = only(
        interpret_instruction(
            "w § 2 ust. 1 pkt 3 lit. b tiret drugie otrzymuje brzmienie: „– nowe,”"
        )
    )
    assert operation.target_labels == ["§ 2 ust. 1 pkt 3 lit. b tiret drugie"]


def test_an_annex_added_in_an_annex_of_the_amending_act_is_named_not_quoted():
    operation = only(
        interpret_instruction(
            "dodaje się załącznik nr 3 w brzmieniu określonym w załączniku do niniejszej uchwały."
        )
    )
    assert operation.kind is OperationKind.INSERT
    assert operation.target_labels == ["Załącznik nr 3"]
    assert operation.wording is None
    assert operation.wording_in_annex == ""


def test_one_change_may_be_made_in_the_intro_itself():
    plan = interpret_units(
        [
            AmendingUnit(
                "§ 1",
                None,
                "W zarządzeniu nr 120/2022 Prezydenta Miasta Sopotu z dnia 3 lutego 2022 r. w "
                "sprawie naboru § 4 otrzymuje brzmienie:",
                ("§ 4. Nabór trwa 14 dni.",),
            ),
            AmendingUnit("§ 2", None, "Zarządzenie wchodzi w życie z dniem podpisania."),
        ]
    )
    assert plan.reference is not None
    assert plan.reference.number == "120/2022"
    assert plan.reference.subject == "naboru"
    assert [(op.kind.value, op.target_labels, op.wording) for op in plan.operations] == [
        ("replace", ["§ 4"], "§ 4. Nabór trwa 14 dni.")
    ]
    assert plan.unrecognised == []


def test_an_intro_without_a_known_instruction_is_no_single_change():
    assert split_single_change("W uchwale nr 5/2020 w sprawie X kropkę skreśla się.") is None
