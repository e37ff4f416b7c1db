"""Quotations of new wording in amending acts: what is inside the marks belongs to the amending
unit that quotes it (as a child of kind "quotation"), never to the amending act's numbering."""

from __future__ import annotations

from acts.parsing import ProvisionKind, WarningCode, parse_quotation, parse_text

HEADER = (
    "UCHWAŁA NR 1/2027\nRADY MIASTA TESTOWO\nz dnia 4 marca 2027 r.\nw sprawie zmiany uchwały\n\n"
    "Na podstawie art. 18 ust. 2 pkt 15 ustawy o samorządzie gminnym uchwala się, "
    "co następuje:\n"
)


def provisions(body: str) -> list[tuple[str, str, str]]:
    result = parse_text(HEADER + body)
    return [(str(unit.label), str(unit.kind), unit.text) for unit in result.provisions[1:]]


def test_straight_quotes_of_a_transcript_enclose_the_new_wording() -> None:
    body = (
        "§ 1. W uchwale nr 5/2021 wprowadza się następujące zmiany:\n"
        '1) § 4 otrzymuje brzmienie:\n"§ 4. 1. Nagrodę przyznaje się corocznie.\n'
        '2. Nagroda "Złoty Liść" ma charakter honorowy.";\n'
        "2) uchyla się § 9.\n"
    )

    assert provisions(body) == [
        ("§ 1", "paragraph", "W uchwale nr 5/2021 wprowadza się następujące zmiany:"),
        ("§ 1 pkt 1", "point", "§ 4 otrzymuje brzmienie:"),
        (
            "§ 1 pkt 1 cytat",
            "quotation",
            '§ 4. 1. Nagrodę przyznaje się corocznie.\n2. Nagroda "Złoty Liść" ma charakter '
            "honorowy.",
        ),
        ("§ 1 pkt 2", "point", "uchyla się § 9."),
    ]


def test_english_quotes_and_a_quotation_on_the_instruction_line() -> None:
    body = (
        "§ 1. W uchwale nr 5/2021 wprowadza się następujące zmiany:\n"
        "1) w § 2 pkt 3 otrzymuje brzmienie: “3) opis działalności;”, "
        "2) w § 3 ust. 1 otrzymuje brzmienie: “1. Wniosek składa się pisemnie.”.\n"
    )

    assert provisions(body) == [
        ("§ 1", "paragraph", "W uchwale nr 5/2021 wprowadza się następujące zmiany:"),
        ("§ 1 pkt 1", "point", "w § 2 pkt 3 otrzymuje brzmienie:"),
        ("§ 1 pkt 1 cytat", "quotation", "3) opis działalności;"),
        ("§ 1 pkt 2", "point", "w § 3 ust. 1 otrzymuje brzmienie:"),
        ("§ 1 pkt 2 cytat", "quotation", "1. Wniosek składa się pisemnie."),
    ]


def test_the_quotation_keeps_its_marks_in_the_marker() -> None:
    result = parse_text(HEADER + "§ 1. Pkt 2 otrzymuje brzmienie:\n„2) tekst;”;\n")

    quotation = result.provisions[-1]
    assert quotation.kind is ProvisionKind.QUOTATION
    assert quotation.marker == "„ ”;"
    assert quotation.parent == "§ 1"
    assert quotation.anchor == "par-1-cytat"


def test_a_quotation_that_never_closes_is_read_as_the_acts_own_text_with_a_warning() -> None:
    body = (
        "§ 1. W uchwale nr 5/2021 wprowadza się następujące zmiany:\n"
        "1) § 4 otrzymuje brzmienie:\n„§ 4. Nagrodę przyznaje się corocznie.\n"
        "2) uchyla się § 9.\n"
        "§ 2. Uchwała wchodzi w życie z dniem podjęcia.\n"
    )

    result = parse_text(HEADER + body)

    labels = [str(unit.label) for unit in result.provisions]
    assert "§ 1 pkt 2" in labels
    assert "§ 2" in labels
    assert not any(unit.kind is ProvisionKind.QUOTATION for unit in result.provisions)
    assert [warning.code for warning in result.warnings] == [WarningCode.QUOTATION_NOT_CLOSED]
    # The ninth line of the text, counted from 1 as an editor shows it.
    assert " 9 " in str(result.warnings[0].message)


def test_a_quotation_in_an_ordinary_sentence_stays_in_the_units_text() -> None:
    body = (
        "§ 1. Nagroda nosi nazwę:\n„Złoty Liść”.\n§ 2. Uchwała wchodzi w życie z dniem podjęcia.\n"
    )

    assert provisions(body)[0] == ("§ 1", "paragraph", "Nagroda nosi nazwę: „Złoty Liść”.")


def test_many_stray_quotation_marks_are_all_read_as_text() -> None:
    body = "§ 1. W uchwale wprowadza się następujące zmiany:\n" + "".join(
        f"{number}) § {number} otrzymuje brzmienie:\n„§ {number}. Tekst.\n"
        for number in range(1, 16)
    )

    result = parse_text(HEADER + body)

    assert not any(unit.kind is ProvisionKind.QUOTATION for unit in result.provisions)
    assert [str(unit.label) for unit in result.provisions if unit.parent == "§ 1"] == [
        f"§ 1 pkt {number}" for number in range(1, 16)
    ]
    assert len(result.warnings) == 15
    assert {warning.code for warning in result.warnings} == {WarningCode.QUOTATION_NOT_CLOSED}


def test_the_amending_acts_own_ustep_goes_on_after_quotations_on_one_line() -> None:
    body = (
        "§ 1. 1. W uchwale nr 5/2021 wprowadza się następujące zmiany:\n"
        "1) w § 2 ust. 2 otrzymuje brzmienie: „2. Tekst ustępu drugiego.”, a ust. 3 otrzymuje "
        "brzmienie: „3. Tekst ustępu trzeciego.”;\n"
        "2) uchyla się § 4.\n"
        "2. Pozostałe przepisy uchwały pozostają bez zmian.\n"
        "§ 2. W uchwale nr 6/2021 § 4 otrzymuje brzmienie:\n„§ 4. Nagroda wynosi 5000 zł.”\n"
        "§ 3. Uchwała wchodzi w życie z dniem podjęcia.\n"
    )

    assert provisions(body) == [
        ("§ 1", "paragraph", ""),
        ("§ 1 ust. 1", "ustep", "W uchwale nr 5/2021 wprowadza się następujące zmiany:"),
        (
            "§ 1 ust. 1 pkt 1",
            "point",
            "w § 2 ust. 2 otrzymuje brzmienie: a ust. 3 otrzymuje brzmienie:",
        ),
        ("§ 1 ust. 1 pkt 1 cytat", "quotation", "2. Tekst ustępu drugiego."),
        ("§ 1 ust. 1 pkt 1 cytat 2", "quotation", "3. Tekst ustępu trzeciego."),
        ("§ 1 ust. 1 pkt 2", "point", "uchyla się § 4."),
        ("§ 1 ust. 2", "ustep", "Pozostałe przepisy uchwały pozostają bez zmian."),
        ("§ 2", "paragraph", "W uchwale nr 6/2021 § 4 otrzymuje brzmienie:"),
        ("§ 2 cytat", "quotation", "§ 4. Nagroda wynosi 5000 zł."),
        ("§ 3", "paragraph", "Uchwała wchodzi w życie z dniem podjęcia."),
    ]


def test_the_quoted_wording_parses_into_the_units_of_the_amended_act() -> None:
    result = parse_quotation(
        "§ 8a. Kapituła przedstawia kandydatury:\n1) w kategorii „Organizacja Roku”;\n"
        "2) w kategorii „Wolontariusz Roku”\n– w terminie do dnia 15 czerwca."
    )

    assert [(str(unit.label), unit.text) for unit in result.provisions] == [
        ("§ 8a", "Kapituła przedstawia kandydatury:"),
        ("§ 8a pkt 1", "w kategorii „Organizacja Roku”;"),
        ("§ 8a pkt 2", "w kategorii „Wolontariusz Roku”"),
        ("§ 8a część wspólna", "w terminie do dnia 15 czerwca."),
    ]
    assert result.warnings == []


def test_a_quoted_fragment_may_start_at_any_number_but_nested_lists_still_at_one() -> None:
    result = parse_quotation("12) punkt dwunasty:\na) litera,\nc) nie litera;\n13) punkt.")

    assert [(str(unit.label), unit.text) for unit in result.provisions] == [
        ("pkt 12", "punkt dwunasty:"),
        ("pkt 12 lit. a", "litera,"),
        ("pkt 12 lit. c", "nie litera;"),
        ("pkt 13", "punkt."),
    ]
    assert [str(warning.code) for warning in result.warnings] == ["numbering_gap"]
