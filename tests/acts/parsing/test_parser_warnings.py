"""Warnings about transcript damage: what triggers them and how they are rendered."""

from __future__ import annotations

from django.utils import translation
from django.utils.functional import Promise

from acts.parsing import ParseResult, WarningCode, parse_text


def warning_codes(result: ParseResult) -> list[tuple[str, str | None]]:
    return [(str(warning.code), warning.label) for warning in result.warnings]


def test_point_four_after_point_two_is_a_numbering_gap() -> None:
    result = parse_text("§ 1. Wniosek zawiera:\n1) imię;\n2) nazwisko;\n4) adres.")

    assert warning_codes(result) == [("numbering_gap", "§ 1 pkt 4")]
    assert "2" in str(result.warnings[0].message)
    assert "4" in str(result.warnings[0].message)


def test_paragraph_gap_is_reported_across_chapters() -> None:
    result = parse_text("Rozdział 1\nA\n§ 1. A.\nRozdział 2\nB\n§ 3. B.")

    assert warning_codes(result) == [("numbering_gap", "§ 3")]


def test_numbering_that_does_not_start_at_one_is_reported() -> None:
    assert warning_codes(parse_text("§ 2. A.\n§ 3. B.")) == [("numbering_gap", "§ 2")]


def test_letter_gap_ignores_letters_polish_does_not_use() -> None:
    letters = "\n".join(f"{letter}) x," for letter in "abcdefghijklmnop")
    text = f"§ 1. Lista:\n1) wykaz:\n{letters}\nr) y."

    assert parse_text(text).warnings == []


def test_letter_gap_is_reported() -> None:
    result = parse_text("§ 1. Lista:\n1) wykaz:\na) x,\nc) y.")

    assert warning_codes(result) == [("numbering_gap", "§ 1 pkt 1 lit. c")]


def test_duplicate_paragraph_number_is_reported_on_the_second_unit() -> None:
    result = parse_text("§ 1. A.\n§ 2. B.\n§ 2. C.\n§ 3. D.")

    assert warning_codes(result) == [("numbering_duplicate", "§ 2 (2)")]


def test_number_going_back_is_reported_as_out_of_order() -> None:
    result = parse_text("§ 1. A.\n§ 2. B.\n§ 3. C.\n§ 1. D.")

    assert warning_codes(result) == [("numbering_out_of_order", "§ 1 (2)")]


def test_list_item_without_closing_punctuation_is_reported() -> None:
    result = parse_text("§ 1. Wniosek zawiera:\n1) imię\n2) adres.")

    assert warning_codes(result) == [("list_item_unpunctuated", "§ 1 pkt 1")]


def test_list_items_joined_by_a_conjunction_are_punctuated_enough() -> None:
    assert parse_text("§ 1. Wniosek zawiera:\n1) imię oraz\n2) adres.").warnings == []


def test_list_ending_with_a_semicolon_is_not_closed() -> None:
    result = parse_text("§ 1. Wniosek zawiera:\n1) imię;\n2) adres;")

    assert warning_codes(result) == [("list_not_closed", "§ 1 pkt 2")]


def test_list_closed_by_its_common_part_is_fine() -> None:
    assert (
        parse_text("§ 1. Składa się:\n1) osobiście,\n2) pocztą\n– w terminie 7 dni.").warnings == []
    )


def test_unstructured_text_warning_names_the_text_unit() -> None:
    result = parse_text("Tekst bez struktury.")

    assert warning_codes(result) == [("unstructured_text", "treść")]


def test_repeated_annex_heading_is_reported_once_and_kept_as_one_annex() -> None:
    text = "§ 1. A.\n\nZałącznik\ndo uchwały nr 1\n\nZałącznik\ndo uchwały nr 1\n\nMapa."

    result = parse_text(text)

    assert result.text_by_label() == {"§ 1": "A.", "załącznik": "Mapa."}
    assert warning_codes(result) == [("annex_header_repeated", "załącznik")]


def test_warning_messages_are_lazy_translations_rendered_at_output_time() -> None:
    result = parse_text("§ 1. Lista:\n1) a;\n3) b.")
    warning = result.warnings[0]

    assert isinstance(warning.message, Promise)
    with translation.override("en"):
        rendered = warning.as_dict()
    assert rendered == {
        "code": "numbering_gap",
        "message": "Numbering jumps from 1 to 3: a unit may be missing from the text.",
        "label": "§ 1 pkt 3",
    }
    assert warning.code is WarningCode.NUMBERING_GAP
