"""The units of Polish drafting and the transcript damage the parser must survive."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from acts.parsing import ParseResult, ProvisionKind, parse_text

TITLE_AND_BASIS = """UCHWAŁA NR 1/2027
RADY MIASTA TESTOWO
z dnia 2 marca 2027 r.

w sprawie przykładowej

Na podstawie art. 18 ust. 2 pkt 15 ustawy o samorządzie gminnym uchwala się, co następuje:

"""


def texts(text: str) -> dict[str, str]:
    return parse_text(text).text_by_label()


def kinds(text: str) -> dict[str, ProvisionKind]:
    return {provision.label: provision.kind for provision in parse_text(text).provisions}


def warning_codes(result: ParseResult) -> list[tuple[str, str | None]]:
    return [(str(warning.code), warning.label) for warning in result.warnings]


# Markers as transcripts write them ----------------------------------------------------------


def test_paragraph_sign_without_space_is_a_paragraph() -> None:
    result = parse_text("§1. Uchwała wchodzi w życie.\n§2.Wykonanie powierza się Prezydentowi.")

    assert result.text_by_label() == {
        "§ 1": "Uchwała wchodzi w życie.",
        "§ 2": "Wykonanie powierza się Prezydentowi.",
    }
    assert [provision.marker for provision in result.provisions] == ["§1.", "§2."]


def test_paragraph_marker_alone_on_its_line_takes_the_next_line_as_its_text() -> None:
    assert texts("§ 1\nNadaje się nazwę.\n\n§ 2.\n\nUchwała wchodzi w życie.") == {
        "§ 1": "Nadaje się nazwę.",
        "§ 2": "Uchwała wchodzi w życie.",
    }


def test_line_after_a_bare_marker_is_text_even_when_it_looks_like_an_annex_heading() -> None:
    assert texts("§ 2.\nZałącznik nr 1 do uchwały określa wzór wniosku") == {
        "§ 2": "Załącznik nr 1 do uchwały określa wzór wniosku"
    }


def test_date_at_line_start_is_not_an_ustep() -> None:
    assert texts(
        "§ 1. 1. Konkurs trwa do dnia\n31.12.2026 r. włącznie.\n2. Wyniki ogłasza się."
    ) == {
        "§ 1": "",
        "§ 1 ust. 1": "Konkurs trwa do dnia 31.12.2026 r. włącznie.",
        "§ 1 ust. 2": "Wyniki ogłasza się.",
    }


def test_year_at_line_start_is_not_a_unit() -> None:
    assert texts("§ 1. Program obowiązuje do końca\n2026 roku.") == {
        "§ 1": "Program obowiązuje do końca 2026 roku."
    }


def test_amount_at_line_start_is_not_a_unit() -> None:
    assert texts("§ 1. Nagroda wynosi\n15 000 zł brutto.") == {
        "§ 1": "Nagroda wynosi 15 000 zł brutto."
    }


def test_far_off_number_at_line_start_is_not_an_ustep() -> None:
    assert texts("§ 1. 1. Pierwszy.\n2. Termin mija po upływie\n30. dnia od ogłoszenia.") == {
        "§ 1": "",
        "§ 1 ust. 1": "Pierwszy.",
        "§ 1 ust. 2": "Termin mija po upływie 30. dnia od ogłoszenia.",
    }


def test_citation_at_line_start_is_not_a_paragraph() -> None:
    assert texts("§ 1. Radę wybiera się zgodnie z\n§ 5 ust. 2 regulaminu.") == {
        "§ 1": "Radę wybiera się zgodnie z § 5 ust. 2 regulaminu."
    }


def test_number_after_a_citation_wrapped_at_its_abbreviation_is_not_a_unit() -> None:
    assert texts(
        "§ 1. 1. Stosuje się art. 18 ust.\n2.\n2. Drugi ustęp powołuje pkt\n3) ustawy."
    ) == {
        "§ 1": "",
        "§ 1 ust. 1": "Stosuje się art. 18 ust. 2.",
        "§ 1 ust. 2": "Drugi ustęp powołuje pkt 3) ustawy.",
    }


def test_non_breaking_spaces_behave_like_spaces() -> None:
    assert texts("§\u00a01.\u00a0Uchwała\u00a0wchodzi w życie.") == {
        "§ 1": "Uchwała wchodzi w życie."
    }


def test_missing_marker_keeps_the_text_in_the_unit_before_it() -> None:
    assert texts("§ 1. Pierwszy przepis.\nDrugi przepis bez znacznika.\n§ 3. Trzeci.") == {
        "§ 1": "Pierwszy przepis. Drugi przepis bez znacznika.",
        "§ 3": "Trzeci.",
    }


def test_lost_line_break_between_paragraphs_is_restored() -> None:
    assert texts("§ 1. Pierwszy przepis. § 2. Drugi przepis.") == {
        "§ 1": "Pierwszy przepis.",
        "§ 2": "Drugi przepis.",
    }


def test_draft_stamp_page_numbers_and_form_feeds_are_skipped() -> None:
    text = (
        "PROJEKT\n"
        + TITLE_AND_BASIS
        + "§ 1. Pierwszy\nprzepis.\f- 2 -\f§ 2. Drugi.\n\fStrona 3 z 3\n"
    )

    result = parse_text(text)

    assert result.skipped_lines == ["PROJEKT", "- 2 -", "Strona 3 z 3"]
    assert result.text_by_label()["§ 1"] == "Pierwszy przepis."
    assert result.text_by_label()["§ 2"] == "Drugi."


def test_lowercase_projekt_header_is_skipped_too() -> None:
    assert parse_text("Projekt\n\nUCHWAŁA NR 1\nw sprawie X\n\n§ 1. A.").skipped_lines == [
        "Projekt"
    ]


# Units ------------------------------------------------------------------------------------


def test_paragraph_starting_with_its_first_ustep_has_empty_own_text() -> None:
    assert texts("§ 1. 1. Pierwszy ustęp.\n2. Drugi ustęp.") == {
        "§ 1": "",
        "§ 1 ust. 1": "Pierwszy ustęp.",
        "§ 1 ust. 2": "Drugi ustęp.",
    }


def test_ustep_starting_with_its_first_point_has_empty_own_text() -> None:
    assert texts("§ 1. 1. 1) pierwszy;\n2) drugi.") == {
        "§ 1": "",
        "§ 1 ust. 1": "",
        "§ 1 ust. 1 pkt 1": "pierwszy;",
        "§ 1 ust. 1 pkt 2": "drugi.",
    }


def test_articles_are_cited_in_lower_case_with_their_points() -> None:
    assert texts("Art. 1. Ilekroć mowa o:\n1) gminie – rozumie się Gminę;\n2) radzie – Radę.") == {
        "art. 1": "Ilekroć mowa o:",
        "art. 1 pkt 1": "gminie – rozumie się Gminę;",
        "art. 1 pkt 2": "radzie – Radę.",
    }


def test_points_directly_in_a_paragraph_are_cited_without_ustep() -> None:
    assert list(texts("§ 2. Wniosek zawiera:\n1) imię;\n2) adres.")) == [
        "§ 2",
        "§ 2 pkt 1",
        "§ 2 pkt 2",
    ]


@pytest.mark.parametrize(
    ("text", "label", "number"),
    [
        ("§ 1. A.\n§ 1a. Wstawiony.\n§ 1b. Wstawiony.\n§ 2. B.", "§ 1b", "1b"),
        ("Art. 1. A.\nArt. 2. B.\nArt. 2a. Wstawiony.\nArt. 3. C.", "art. 2a", "2a"),
        ("§ 1. Lista:\n1) a;\n2) b;\n3) c;\n3a) wstawiony;\n4) d.", "§ 1 pkt 3a", "3a"),
    ],
)
def test_inserted_units_keep_their_letter_suffix_without_warnings(
    text: str, label: str, number: str
) -> None:
    result = parse_text(text)

    by_label = {provision.label: provision for provision in result.provisions}
    assert by_label[label].number == number
    assert result.warnings == []


def test_repealed_units_keep_their_repeal_note_as_text() -> None:
    assert texts("§ 1. Obowiązuje.\n§ 2. (uchylony)\n§ 3–5. (uchylone)\n§ 6. Obowiązuje.") == {
        "§ 1": "Obowiązuje.",
        "§ 2": "(uchylony)",
        "§ 3–5": "(uchylone)",
        "§ 6": "Obowiązuje.",
    }


def test_repealed_range_does_not_count_as_a_numbering_gap() -> None:
    assert parse_text("§ 1. A.\n§ 2–4. (uchylone)\n§ 5. B.").warnings == []


def test_letters_continue_after_z_with_za() -> None:
    letters = "\n".join(f"{letter}) pozycja," for letter in "abcdefghijklmnoprstuwyz")
    text = f"§ 1. Wykaz:\n1) lista:\n{letters}\nza) pozycja dodana."

    result = parse_text(text)

    assert result.provisions[-1].label == "§ 1 pkt 1 lit. za"
    assert result.provisions[-1].number == "za"
    assert result.warnings == []


@pytest.mark.parametrize("dash", ["–", "-", "—"])
def test_tirets_accept_en_dash_hyphen_and_em_dash(dash: str) -> None:
    text = f"§ 1. Szkoły:\n1) publiczne, w tym:\n{dash} podstawowe,\n{dash} średnie."

    assert texts(text) == {
        "§ 1": "Szkoły:",
        "§ 1 pkt 1": "publiczne, w tym:",
        "§ 1 pkt 1 tiret pierwsze": "podstawowe,",
        "§ 1 pkt 1 tiret drugie": "średnie.",
    }


def test_dash_after_the_last_point_is_the_lists_common_part() -> None:
    text = "§ 4a. Wniosek składa się:\n1) osobiście,\n2) pocztą\n– w terminie 14 dni od ogłoszenia."

    result = parse_text(text)

    common_part = result.provisions[-1]
    assert common_part.label == "§ 4a część wspólna"
    assert common_part.kind is ProvisionKind.COMMON_PART
    assert common_part.text == "w terminie 14 dni od ogłoszenia."
    assert common_part.parent == "§ 4a"
    assert common_part.anchor == "par-4a-czesc-wspolna"


def test_chapter_title_may_stand_on_the_same_or_the_next_line() -> None:
    text = "Rozdział 1\nPostanowienia ogólne\n§ 1. A.\nRozdział 2. Przepisy końcowe\n§ 2. B."

    result = parse_text(text)

    assert result.text_by_label() == {
        "Rozdział 1": "Postanowienia ogólne",
        "§ 1": "A.",
        "Rozdział 2": "Przepisy końcowe",
        "§ 2": "B.",
    }
    assert [provision.parent for provision in result.provisions] == [
        None,
        "Rozdział 1",
        None,
        "Rozdział 2",
    ]
    # Paragraphs are numbered through the act, across chapters: no gap at "§ 2".
    assert result.warnings == []


def test_roman_chapters_inside_divisions() -> None:
    text = (
        "DZIAŁ I\nZASADY\nROZDZIAŁ I\nCele\n§ 1. A.\n"
        "ROZDZIAŁ II\nZadania\n§ 2. B.\nDział II\nFinanse"
    )

    assert kinds(text) == {
        "Dział I": ProvisionKind.SECTION,
        "Rozdział I": ProvisionKind.CHAPTER,
        "§ 1": ProvisionKind.PARAGRAPH,
        "Rozdział II": ProvisionKind.CHAPTER,
        "§ 2": ProvisionKind.PARAGRAPH,
        "Dział II": ProvisionKind.SECTION,
    }


def test_sentence_starting_with_rozdzial_is_not_a_chapter() -> None:
    assert texts("§ 1. Przepisy stosuje się.\nRozdział 2 ustawy stosuje się odpowiednio.") == {
        "§ 1": "Przepisy stosuje się. Rozdział 2 ustawy stosuje się odpowiednio."
    }


# Title, legal basis, annexes, justification --------------------------------------------------


def test_resolution_title_block_gives_act_type_title_and_subject() -> None:
    result = parse_text(TITLE_AND_BASIS + "§ 1. A.")

    assert result.act_type == "uchwała"
    assert result.title == (
        "UCHWAŁA NR 1/2027 RADY MIASTA TESTOWO z dnia 2 marca 2027 r. w sprawie przykładowej"
    )
    assert result.subject == "w sprawie przykładowej"
    assert result.text_by_label()["podstawa prawna"] == (
        "Na podstawie art. 18 ust. 2 pkt 15 ustawy o samorządzie gminnym uchwala się, co następuje:"
    )


def test_mayors_order_title_block_is_a_zarzadzenie() -> None:
    text = (
        "ZARZĄDZENIE NR 123/2027\nPREZYDENTA MIASTA TESTOWO\nz dnia 5 stycznia 2027 r.\n"
        "w sprawie ogłoszenia konsultacji\nprojektu programu współpracy\n\n"
        "Na podstawie art. 30 ust. 1 ustawy o samorządzie gminnym\nzarządzam, co następuje:\n"
        "§ 1. Ogłaszam konsultacje."
    )

    result = parse_text(text)

    assert result.act_type == "zarządzenie"
    assert result.subject == "w sprawie ogłoszenia konsultacji projektu programu współpracy"
    assert list(result.text_by_label()) == ["podstawa prawna", "§ 1"]


def test_legal_basis_ends_at_the_formula_even_on_the_same_line_as_the_body() -> None:
    assert texts("Na podstawie art. 18 ustawy Rada postanawia: § 1. Przyjmuje się stanowisko.") == {
        "podstawa prawna": "Na podstawie art. 18 ustawy Rada postanawia:",
        "§ 1": "Przyjmuje się stanowisko.",
    }


def test_text_before_the_first_unit_without_legal_basis_is_a_preamble() -> None:
    result = parse_text("Mając na uwadze dobro mieszkańców\n§ 1. Ustanawia się nagrodę.")

    assert result.provisions[0].label == "preambuła"
    assert result.provisions[0].kind is ProvisionKind.PREAMBLE


def test_multiline_annex_heading_is_the_annex_marker_and_its_title_the_annex_text() -> None:
    text = (
        TITLE_AND_BASIS + "§ 1. Przyjmuje się regulamin.\n\nZałącznik nr 1\ndo uchwały nr 1/2027\n"
        "Rady Miasta Testowo\nz dnia 2 marca 2027 r.\n\nRegulamin Rady Seniorów\n\n"
        "§ 1. Rada działa przy Prezydencie."
    )

    result = parse_text(text)

    annex = result.provisions[2]
    assert (annex.label, annex.kind, annex.text) == (
        "załącznik nr 1",
        ProvisionKind.ANNEX,
        "Regulamin Rady Seniorów",
    )
    assert annex.marker == (
        "Załącznik nr 1 do uchwały nr 1/2027 Rady Miasta Testowo z dnia 2 marca 2027 r."
    )
    assert result.provisions[3].label == "§ 1 załącznika nr 1"
    assert result.provisions[3].parent == "załącznik nr 1"


def test_annex_numbering_restarts_and_labels_name_the_annex() -> None:
    text = (
        "§ 1. A.\n§ 2. B.\n\nZałącznik nr 1 do uchwały\nWzór\n§ 1. C.\n\n"
        "Załącznik nr 2 do uchwały\nMapa\n1. Pierwszy.\n2. Drugi."
    )

    result = parse_text(text)

    assert list(result.text_by_label()) == [
        "§ 1",
        "§ 2",
        "załącznik nr 1",
        "§ 1 załącznika nr 1",
        "załącznik nr 2",
        "ust. 1 załącznika nr 2",
        "ust. 2 załącznika nr 2",
    ]
    assert result.warnings == []


def test_single_unnumbered_annex_labels_end_with_zalacznika() -> None:
    result = parse_text("§ 1. A.\n\nZałącznik do uchwały nr 1/2027\nWykaz\n§ 1. Wykaz obejmuje.")

    assert [(provision.label, provision.anchor) for provision in result.provisions] == [
        ("§ 1", "par-1"),
        ("załącznik", "zal"),
        ("§ 1 załącznika", "zal-par-1"),
    ]


def test_annex_number_glued_to_a_word_is_not_an_annex_heading() -> None:
    assert kinds("§ 1. A.\n\nZałącznik nr 1Rada\n") == {"§ 1": ProvisionKind.PARAGRAPH}


def test_justification_collects_everything_after_its_heading() -> None:
    result = parse_text("§ 1. A.\n\nUZASADNIENIE\n\n1. Potrzeba.\n§ 2 ustawy wymaga.\nKoniec.")

    assert result.text_by_label() == {
        "§ 1": "A.",
        "uzasadnienie": "1. Potrzeba. § 2 ustawy wymaga. Koniec.",
    }
    assert result.provisions[-1].anchor == "uzasadnienie"


def test_signature_under_the_body_is_its_own_unit() -> None:
    text = "§ 3. Uchwała wchodzi w życie.\n\nPrzewodniczący Rady Miasta\n\nJan Kowalski\n"

    result = parse_text(text)

    assert result.text_by_label() == {
        "§ 3": "Uchwała wchodzi w życie.",
        "podpis": "Przewodniczący Rady Miasta Jan Kowalski",
    }
    assert result.provisions[-1].kind is ProvisionKind.SIGNATURE


def test_wrapped_line_naming_the_mayor_is_not_a_signature() -> None:
    assert texts("§ 3. Wykonanie uchwały powierza się\nPrezydent Miasta\nwykonuje ją.") == {
        "§ 3": "Wykonanie uchwały powierza się Prezydent Miasta wykonuje ją."
    }


# Text the parser cannot structure --------------------------------------------------------------


def test_text_without_any_marker_is_kept_as_one_unit_with_a_warning() -> None:
    result = parse_text("To jest zwykły tekst\nbez żadnej struktury aktu.\nI jeszcze jedno zdanie.")

    assert result.text_by_label() == {
        "treść": "To jest zwykły tekst bez żadnej struktury aktu. I jeszcze jedno zdanie."
    }
    assert result.provisions[0].kind is ProvisionKind.TEXT
    assert warning_codes(result) == [("unstructured_text", "treść")]


def test_body_whose_markers_were_all_lost_gets_one_paragraph_per_sentence() -> None:
    text = (
        "Na podstawie art. 18 ustawy Rada uchwala, co następuje:\n"
        "Gmina wyraża wolę opieki.\nWykonanie powierza się Prezydentowi.\n"
        "Uchwała wchodzi w życie z dniem podjęcia.\n"
    )

    result = parse_text(text)

    assert list(result.text_by_label()) == ["podstawa prawna", "§ 1", "§ 2", "§ 3"]
    assert [provision.marker for provision in result.provisions[1:]] == ["", "", ""]
    assert warning_codes(result) == [("markers_inferred", "§ 1")]


def test_wrapped_unmarked_body_is_not_split_into_paragraphs() -> None:
    text = "Na podstawie art. 18 ustawy Rada uchwala, co następuje:\nGmina wyraża\nwolę opieki."

    result = parse_text(text)

    assert result.text_by_label()["treść"] == "Gmina wyraża wolę opieki."
    assert warning_codes(result) == [("unstructured_text", "treść")]


def test_empty_text_gives_no_provisions_and_a_warning() -> None:
    result = parse_text(" \n\u00a0\n")

    assert result.provisions == []
    assert warning_codes(result) == [("empty_text", None)]


def test_duplicate_numbers_get_distinct_labels_and_anchors(
    assert_parse_invariants: Callable[[str, ParseResult], None],
) -> None:
    text = "§ 1. A.\n§ 2. 1. B.\n2. C.\n§ 2. 1. D."

    result = parse_text(text)

    assert [(provision.label, provision.anchor) for provision in result.provisions] == [
        ("§ 1", "par-1"),
        ("§ 2", "par-2"),
        ("§ 2 ust. 1", "par-2-ust-1"),
        ("§ 2 ust. 2", "par-2-ust-2"),
        ("§ 2 (2)", "par-2-2"),
        ("§ 2 ust. 1 (2)", "par-2-ust-1-2"),
    ]
    assert result.provisions[-1].parent == "§ 2 (2)"
    assert_parse_invariants(text, result)
