"""Inserted units in every form the drafting rules allow ("§ 4a", "art. 12b", "ust. 2a",
"pkt 3a", "lit. aa", "lit. ab", tirets under them) and the Roman and lettered headings of
annexes ("I. Postanowienia ogólne", "A. Cele")."""

from __future__ import annotations

from acts.parsing import parse_text

TITLE_AND_BASIS = (
    "UCHWAŁA NR 5/2027\nRADY MIASTA TESTOWO\nz dnia 1 marca 2027 r.\nw sprawie regulaminu\n\n"
    "Na podstawie art. 18 ustawy uchwala się, co następuje:\n"
)


def labels_and_texts(text: str) -> list[tuple[str, str]]:
    return [(str(unit.label), unit.text) for unit in parse_text(text).provisions[1:]]


def test_inserted_articles_ustepy_points_letters_and_their_tirets_are_units() -> None:
    text = TITLE_AND_BASIS + (
        "Art. 1. Przepis pierwszy.\n"
        "Art. 1a. Przepis wstawiony.\n"
        "Art. 1b. 1. Ustęp pierwszy.\n"
        "1a. Ustęp wstawiony.\n"
        "2. Ustęp drugi:\n"
        "1) punkt pierwszy;\n"
        "1a) punkt wstawiony, obejmujący:\n"
        "a) literę pierwszą,\n"
        "aa) literę wstawioną,\n"
        "ab) literę wstawioną drugą, w tym:\n"
        "– tiret pierwsze,\n"
        "– tiret drugie,\n"
        "b) literę drugą;\n"
        "2) punkt drugi.\n"
        "Art. 2. Uchwała wchodzi w życie z dniem podjęcia.\n"
    )

    result = parse_text(text)

    assert labels_and_texts(text) == [
        ("art. 1", "Przepis pierwszy."),
        ("art. 1a", "Przepis wstawiony."),
        ("art. 1b", ""),
        ("art. 1b ust. 1", "Ustęp pierwszy."),
        ("art. 1b ust. 1a", "Ustęp wstawiony."),
        ("art. 1b ust. 2", "Ustęp drugi:"),
        ("art. 1b ust. 2 pkt 1", "punkt pierwszy;"),
        ("art. 1b ust. 2 pkt 1a", "punkt wstawiony, obejmujący:"),
        ("art. 1b ust. 2 pkt 1a lit. a", "literę pierwszą,"),
        ("art. 1b ust. 2 pkt 1a lit. aa", "literę wstawioną,"),
        ("art. 1b ust. 2 pkt 1a lit. ab", "literę wstawioną drugą, w tym:"),
        ("art. 1b ust. 2 pkt 1a lit. ab tiret pierwsze", "tiret pierwsze,"),
        ("art. 1b ust. 2 pkt 1a lit. ab tiret drugie", "tiret drugie,"),
        ("art. 1b ust. 2 pkt 1a lit. b", "literę drugą;"),
        ("art. 1b ust. 2 pkt 2", "punkt drugi."),
        ("art. 2", "Uchwała wchodzi w życie z dniem podjęcia."),
    ]
    assert result.warnings == []
    anchors = {str(unit.label): unit.anchor for unit in result.provisions}
    assert anchors["art. 1b ust. 2 pkt 1a lit. ab tiret drugie"] == (
        "art-1b-ust-2-pkt-1a-lit-ab-tiret-2"
    )


def test_an_inserted_paragraph_with_inserted_ustep_in_an_annex() -> None:
    text = TITLE_AND_BASIS + (
        "§ 1. Przyjmuje się regulamin stanowiący załącznik do uchwały.\n"
        "§ 2. Uchwała wchodzi w życie z dniem podjęcia.\n\n"
        "Załącznik do uchwały nr 5/2027\n\n"
        "§ 4. Przepis.\n"
        "§ 4a. 1. Ustęp pierwszy.\n"
        "2. Ustęp drugi.\n"
        "2a. Ustęp wstawiony.\n"
        "§ 5. Przepis ostatni.\n"
    )

    assert labels_and_texts(text)[3:] == [
        ("§ 4 załącznika", "Przepis."),
        ("§ 4a załącznika", ""),
        ("§ 4a ust. 1 załącznika", "Ustęp pierwszy."),
        ("§ 4a ust. 2 załącznika", "Ustęp drugi."),
        ("§ 4a ust. 2a załącznika", "Ustęp wstawiony."),
        ("§ 5 załącznika", "Przepis ostatni."),
    ]


def test_a_letter_two_letters_long_out_of_sequence_is_text() -> None:
    text = TITLE_AND_BASIS + "§ 1. Lista:\na) pierwsza,\nto) nie litera.\n"

    assert labels_and_texts(text)[-1] == ("§ 1 lit. a", "pierwsza, to) nie litera.")


ANNEX = TITLE_AND_BASIS + (
    "§ 1. Przyjmuje się program stanowiący załącznik do uchwały.\n"
    "§ 2. Uchwała wchodzi w życie z dniem podjęcia.\n\n"
    "Przewodniczący Rady\nJan Kowalski\n\n"
    "Załącznik do uchwały nr 5/2027\n\n"
)


def test_roman_and_lettered_headings_of_an_annex_are_parts() -> None:
    text = ANNEX + (
        "I. Postanowienia ogólne\n"
        "Program określa zasady współpracy.\n"
        "II. Cele\n"
        "A. Cel główny\n"
        "1. Wzmacnianie społeczeństwa obywatelskiego.\n"
        "B. Cele szczegółowe\n"
        "1. Zwiększenie udziału mieszkańców.\n"
        "III. Postanowienia końcowe\n"
        "1. Program obowiązuje w 2028 roku.\n"
    )

    result = parse_text(text)

    after_annex = [
        (str(unit.label), str(unit.kind), unit.text, unit.parent)
        for unit in result.provisions
        if unit.order > next(u.order for u in result.provisions if u.kind == "annex")
    ]
    assert after_annex == [
        (
            "część I załącznika",
            "part",
            "Postanowienia ogólne Program określa zasady współpracy.",
            "załącznik",
        ),
        ("część II załącznika", "part", "Cele", "załącznik"),
        ("część II.A załącznika", "part", "Cel główny", "część II załącznika"),
        (
            "część II.A ust. 1 załącznika",
            "ustep",
            "Wzmacnianie społeczeństwa obywatelskiego.",
            "część II.A załącznika",
        ),
        ("część II.B załącznika", "part", "Cele szczegółowe", "część II załącznika"),
        (
            "część II.B ust. 1 załącznika",
            "ustep",
            "Zwiększenie udziału mieszkańców.",
            "część II.B załącznika",
        ),
        ("część III załącznika", "part", "Postanowienia końcowe", "załącznik"),
        (
            "część III ust. 1 załącznika",
            "ustep",
            "Program obowiązuje w 2028 roku.",
            "część III załącznika",
        ),
    ]
    assert result.warnings == []


def test_a_capital_and_a_full_stop_out_of_sequence_are_not_a_heading() -> None:
    text = ANNEX + "I. Postanowienia ogólne\nProgram realizuje\nC. Kowalska jako koordynatorka\n"

    texts = dict(labels_and_texts(text))

    assert texts["część I załącznika"] == (
        "Postanowienia ogólne Program realizuje C. Kowalska jako koordynatorka"
    )


def test_roman_headings_outside_annexes_are_left_as_they_were() -> None:
    text = TITLE_AND_BASIS + "§ 1. Tekst:\nI. Postanowienia ogólne\n"

    assert labels_and_texts(text) == [("§ 1", "Tekst: I. Postanowienia ogólne")]
