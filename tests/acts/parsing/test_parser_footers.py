"""The footers a signing system prints on every page are dropped, listed among the warnings,
and the units' text is joined across them."""

from __future__ import annotations

from django.utils import translation

from acts.parsing import WarningCode, parse_text

TITLE_AND_BASIS = (
    "ZARZĄDZENIE NR 1/2027\nPREZYDENTA MIASTA TESTOWO\nz dnia 1 marca 2027 r.\nw sprawie X\n\n"
    "Na podstawie art. 30 ustawy zarządzam, co następuje:\n"
)
FOOTER = "Id: 0B9E2D44-51AF-4C7B-8E12-6A3F9C0D7B21. Projekt Strona {page}"


def test_a_footer_glued_to_the_text_is_taken_out_of_it() -> None:
    text = TITLE_AND_BASIS + f"§ 1. Konsultacje trwają {FOOTER.format(page=2)} 21 dni.\n"

    result = parse_text(text)

    assert result.text_by_label()["§ 1"] == "Konsultacje trwają 21 dni."
    assert result.skipped_lines == [FOOTER.format(page=2)]


def test_a_footer_without_a_page_and_in_lower_case_is_a_footer_too() -> None:
    footer = "Id: 0b9e2d44-51af-4c7b-8e12-6a3f9c0d7b21. Podpisany"

    result = parse_text(TITLE_AND_BASIS + f"§ 1. Pierwszy\n{footer}\nprzepis.\n")

    assert result.text_by_label()["§ 1"] == "Pierwszy przepis."
    assert result.skipped_lines == [footer]


def test_many_footers_are_counted_and_the_first_five_named() -> None:
    body = "".join(
        f"§ {number}. Przepis.\n{FOOTER.format(page=number)}\n" for number in range(1, 8)
    )

    result = parse_text(TITLE_AND_BASIS + body)

    assert [warning.code for warning in result.warnings] == [WarningCode.FOOTERS_DROPPED]
    with translation.override("en"):
        message = str(result.warnings[0].message)
    assert message.startswith("7 page footers and page numbers were dropped")
    assert "Strona 5”" in message
    assert "Strona 6" not in message
    assert message.endswith("and 2 more.")


def test_the_draft_stamp_alone_gives_no_warning() -> None:
    result = parse_text("PROJEKT\n" + TITLE_AND_BASIS + "§ 1. Przepis.\n")

    assert result.skipped_lines == ["PROJEKT"]
    assert result.warnings == []


def test_a_word_that_merely_starts_like_a_footer_is_text() -> None:
    text = TITLE_AND_BASIS + "§ 1. Identyfikator Id: 0B9E2D44 nie jest stopką.\n"

    assert parse_text(text).text_by_label()["§ 1"] == (
        "Identyfikator Id: 0B9E2D44 nie jest stopką."
    )
