"""The redline between two versions of an act: pairing, word diff, JSON and the include."""

from __future__ import annotations

import json
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.template.loader import render_to_string
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from acts.redline import (
    Change,
    Redline,
    RedlineEntry,
    WordOp,
    compute_redline,
    diff_words,
    to_json,
)
from acts.redline.pairing import _WordBag


@dataclass(frozen=True)
class Unit:
    label: str
    kind: str
    text: str
    anchor: str
    order: int


def version(*units: tuple[str, str, str]) -> list[Unit]:
    """Units from (label, kind, text) in document order; anchors derived from labels."""
    return [
        Unit(label=label, kind=kind, text=text, anchor=anchor_for(label), order=order)
        for order, (label, kind, text) in enumerate(units)
    ]


def anchor_for(label: str) -> str:
    return label.replace("§", "par").replace(" ", "-").replace(".", "").replace("ł", "l").lower()


def by_new_label(redline: Redline) -> dict[str, RedlineEntry]:
    return {entry.new_label: entry for entry in redline.entries if entry.new_label is not None}


def changes(redline: Redline) -> list[tuple[str | None, str | None, Change]]:
    return [(entry.old_label, entry.new_label, entry.change) for entry in redline.entries]


SUBJECT = ("§ 1", "paragraph", "Uchwała określa zasady przyznawania dotacji organizacjom.")
COMPETITION = ("§ 2", "paragraph", "Dotacje przyznaje Prezydent Miasta w otwartym konkursie ofert.")
DEADLINE = ("§ 3", "paragraph", "Oferty składa się w terminie 21 dni od dnia ogłoszenia konkursu.")
ENTRY_INTO_FORCE = ("§ 4", "paragraph", "Uchwała wchodzi w życie po upływie 14 dni od ogłoszenia.")
PUBLICATION = "Ogłoszenie o konkursie publikuje się w Biuletynie Informacji Publicznej."


def renumbered(unit: tuple[str, str, str], label: str) -> tuple[str, str, str]:
    return (label, unit[1], unit[2])


# --- Pairing ------------------------------------------------------------------------------


def test_identical_versions_are_all_unchanged():
    old = version(SUBJECT, COMPETITION, DEADLINE, ENTRY_INTO_FORCE)
    new = version(SUBJECT, COMPETITION, DEADLINE, ENTRY_INTO_FORCE)

    redline = compute_redline(old, new)

    assert [entry.change for entry in redline.entries] == [Change.UNCHANGED] * 4
    assert all(entry.words == [] and entry.similarity == 1.0 for entry in redline.entries)
    assert redline.summary["unchanged"] == 4
    assert not redline.has_changes


def test_one_word_changed_is_reported_with_the_deleted_and_inserted_word():
    edited = (
        "§ 3",
        "paragraph",
        "Oferty składa się w terminie 30 dni od dnia ogłoszenia konkursu.",
    )
    redline = compute_redline(version(SUBJECT, DEADLINE), version(SUBJECT, edited))

    entry = by_new_label(redline)["§ 3"]
    assert entry.change == Change.CHANGED
    assert [(word.op, word.text) for word in entry.words] == [
        (WordOp.EQUAL, "Oferty składa się w terminie"),
        (WordOp.DELETE, "21"),
        (WordOp.INSERT, "30"),
        (WordOp.EQUAL, "dni od dnia ogłoszenia konkursu."),
    ]
    assert 0.6 < entry.similarity < 1
    assert redline.summary == {
        "unchanged": 1,
        "changed": 1,
        "added": 0,
        "removed": 0,
        "renumbered": 0,
        "renumbered_and_changed": 0,
    }


def test_paragraph_inserted_in_the_middle_is_one_addition_and_two_renumberings():
    old = version(SUBJECT, COMPETITION, DEADLINE, ENTRY_INTO_FORCE)
    new = version(
        SUBJECT,
        COMPETITION,
        ("§ 3", "paragraph", PUBLICATION),
        renumbered(DEADLINE, "§ 4"),
        renumbered(ENTRY_INTO_FORCE, "§ 5"),
    )

    redline = compute_redline(old, new)

    assert changes(redline) == [
        ("§ 1", "§ 1", Change.UNCHANGED),
        ("§ 2", "§ 2", Change.UNCHANGED),
        (None, "§ 3", Change.ADDED),
        ("§ 3", "§ 4", Change.RENUMBERED),
        ("§ 4", "§ 5", Change.RENUMBERED),
    ]
    assert by_new_label(redline)["§ 4"].old_anchor == "par-3"


def test_paragraph_inserted_before_containers_moves_them_with_their_subsections():
    old = version(
        ("§ 1", "paragraph", ""),
        ("§ 1 ust. 1", "ustep", "Rada przyznaje dotacje raz w roku."),
        ("§ 1 ust. 2", "ustep", "Wysokość dotacji ustala się w uchwale budżetowej."),
        ("§ 2", "paragraph", ""),
        ("§ 2 ust. 1", "ustep", "Wnioski rozpatruje komisja konkursowa."),
    )
    new = version(
        ("§ 1", "paragraph", ""),
        ("§ 1 ust. 1", "ustep", "Program współpracy obejmuje zadania publiczne miasta."),
        ("§ 2", "paragraph", ""),
        ("§ 2 ust. 1", "ustep", "Rada przyznaje dotacje raz w roku."),
        ("§ 2 ust. 2", "ustep", "Wysokość dotacji ustala się w uchwale budżetowej."),
        ("§ 3", "paragraph", ""),
        ("§ 3 ust. 1", "ustep", "Wnioski rozpatruje komisja konkursowa."),
    )

    redline = compute_redline(old, new)

    assert changes(redline) == [
        (None, "§ 1", Change.ADDED),
        (None, "§ 1 ust. 1", Change.ADDED),
        ("§ 1", "§ 2", Change.RENUMBERED),
        ("§ 1 ust. 1", "§ 2 ust. 1", Change.RENUMBERED),
        ("§ 1 ust. 2", "§ 2 ust. 2", Change.RENUMBERED),
        ("§ 2", "§ 3", Change.RENUMBERED),
        ("§ 2 ust. 1", "§ 3 ust. 1", Change.RENUMBERED),
    ]


def test_removed_unit_appears_where_it_stood_in_the_old_version():
    old = version(SUBJECT, COMPETITION, DEADLINE, ENTRY_INTO_FORCE)
    new = version(SUBJECT, COMPETITION, renumbered(ENTRY_INTO_FORCE, "§ 3"))

    redline = compute_redline(old, new)

    assert changes(redline) == [
        ("§ 1", "§ 1", Change.UNCHANGED),
        ("§ 2", "§ 2", Change.UNCHANGED),
        ("§ 3", None, Change.REMOVED),
        ("§ 4", "§ 3", Change.RENUMBERED),
    ]
    removed = redline.entries[2]
    assert removed.old_text == DEADLINE[2]
    assert removed.new_anchor is None
    assert removed.similarity == 0.0


def test_removed_first_unit_comes_before_everything_else():
    redline = compute_redline(
        version(SUBJECT, COMPETITION), version(renumbered(COMPETITION, "§ 1"))
    )

    assert changes(redline) == [
        ("§ 1", None, Change.REMOVED),
        ("§ 2", "§ 1", Change.RENUMBERED),
    ]


def test_renumbered_and_slightly_edited_unit_is_renumbered_and_changed():
    old = version(SUBJECT, renumbered(DEADLINE, "§ 2"))
    new = version(
        SUBJECT,
        ("§ 2", "paragraph", PUBLICATION),
        ("§ 3", "paragraph", "Oferty składa się w terminie 30 dni od dnia ogłoszenia konkursu."),
    )

    redline = compute_redline(old, new)

    entry = by_new_label(redline)["§ 3"]
    assert entry.change == Change.RENUMBERED_AND_CHANGED
    assert entry.old_label == "§ 2"
    assert {(word.op, word.text) for word in entry.words} >= {
        (WordOp.DELETE, "21"),
        (WordOp.INSERT, "30"),
    }
    assert by_new_label(redline)["§ 2"].change == Change.ADDED
    assert redline.summary["removed"] == 0


def test_unit_renumbered_far_away_is_still_found_by_its_text():
    filler = [
        (f"§ {n}", "paragraph", f"Przepis numer {n} dotyczy sprawy {n}.") for n in range(1, 300)
    ]
    moved = ("§ 300", "paragraph", "Traci moc uchwała w sprawie programu współpracy.")
    old = version(moved, *filler)
    new = version(*filler, moved)

    redline = compute_redline(old, new)

    entry = by_new_label(redline)["§ 300"]
    assert entry.change == Change.UNCHANGED
    assert entry.old_anchor == "par-300"


def test_units_of_different_kinds_are_never_paired():
    old = version(("pkt 1", "point", "organizacje pozarządowe działające na terenie miasta;"))
    new = version(("lit. a", "letter", "organizacje pozarządowe działające na terenie miasta;"))

    redline = compute_redline(old, new)

    assert sorted(entry.change for entry in redline.entries) == [Change.ADDED, Change.REMOVED]


def test_same_label_of_another_kind_is_not_a_match():
    old = version(("załącznik nr 1", "annex", "Wzór oferty."))
    new = version(("załącznik nr 1", "paragraph", "Wzór oferty."))

    redline = compute_redline(old, new)

    assert redline.summary["added"] == 1
    assert redline.summary["removed"] == 1


def test_rewritten_unit_keeping_its_label_is_changed_not_removed_and_added():
    old = version(SUBJECT, ("§ 2", "paragraph", "Dotacje przyznaje Prezydent Miasta."))
    new = version(SUBJECT, ("§ 2", "paragraph", "Nagrody wręcza się raz w roku podczas sesji."))

    redline = compute_redline(old, new)

    assert changes(redline)[1] == ("§ 2", "§ 2", Change.CHANGED)
    assert by_new_label(redline)["§ 2"].similarity < 0.6


def test_container_without_own_text_matched_by_label_is_unchanged():
    old = version(("§ 1", "paragraph", ""), ("§ 1 ust. 1", "ustep", "Rada przyznaje dotacje."))
    new = version(("§ 1", "paragraph", ""), ("§ 1 ust. 1", "ustep", "Rada przyznaje nagrody."))

    redline = compute_redline(old, new)

    assert changes(redline) == [
        ("§ 1", "§ 1", Change.UNCHANGED),
        ("§ 1 ust. 1", "§ 1 ust. 1", Change.CHANGED),
    ]


def test_whitespace_differences_alone_are_no_change():
    old = version(("§ 1", "paragraph", "Uchwała  wchodzi\nw życie\u00a0z dniem podjęcia."))
    new = version(("§ 1", "paragraph", "Uchwała wchodzi w życie z dniem podjęcia. "))

    redline = compute_redline(old, new)

    assert redline.entries[0].change == Change.UNCHANGED


def test_polish_diacritics_and_typographic_quotes_survive():
    old_text = "Ilekroć w uchwale jest mowa o „programie”, należy przez to rozumieć „Program”."
    new_text = (
        "Ilekroć w uchwale jest mowa o „programie współpracy”, należy przez to rozumieć żółć."
    )
    redline = compute_redline(
        version(("§ 1", "paragraph", old_text)), version(("§ 1", "paragraph", new_text))
    )

    entry = redline.entries[0]
    assert entry.old_text == old_text
    assert entry.new_text == new_text
    assert (WordOp.DELETE, "„programie”,") in [(word.op, word.text) for word in entry.words]
    assert " ".join(word.text for word in entry.words if word.op != WordOp.DELETE) == new_text
    assert "„programie współpracy”," in json.dumps(to_json(redline), ensure_ascii=False)


def test_provision_dicts_are_accepted_like_objects():
    old = [{"label": "§ 1", "kind": "paragraph", "text": "Tekst.", "anchor": "p1", "order": 0}]
    new = [{"label": "§ 1", "kind": "paragraph", "text": "Nowy tekst.", "anchor": "p1", "order": 0}]

    assert compute_redline(old, new).entries[0].change == Change.CHANGED


def test_units_are_taken_in_the_order_given_by_their_position_not_the_list():
    old = version(SUBJECT, COMPETITION)
    shuffled = list(reversed(version(SUBJECT, COMPETITION)))

    redline = compute_redline(old, shuffled)

    assert [entry.new_label for entry in redline.entries] == ["§ 1", "§ 2"]


def test_json_has_the_api_shape_and_serialises():
    old = version(SUBJECT, DEADLINE)
    new = version(
        SUBJECT, ("§ 3", "paragraph", "Oferty składa się w terminie 30 dni od dnia ogłoszenia.")
    )

    data = json.loads(json.dumps(to_json(compute_redline(old, new))))

    assert set(data) == {"summary", "entries"}
    assert data["summary"]["changed"] == 1
    changed = data["entries"][1]
    assert set(changed) == {
        "change",
        "old_label",
        "new_label",
        "kind",
        "old_anchor",
        "new_anchor",
        "old_text",
        "new_text",
        "words",
    }
    assert changed["change"] == "changed"
    assert {"op": "insert", "text": "30"} in changed["words"]
    assert data["entries"][0]["words"] == []


def test_change_labels_are_translatable_text():
    with translation.override("en"):
        assert Change.RENUMBERED_AND_CHANGED.label == "renumbered and changed"


# --- The include --------------------------------------------------------------------------


def render(redline: Redline, **context: object) -> str:
    with translation.override("en"):
        return render_to_string("acts/includes/redline.html", {"redline": redline, **context})


def test_include_marks_insertions_and_deletions_with_text_for_screen_readers():
    edited = (
        "§ 3",
        "paragraph",
        "Oferty składa się w terminie 30 dni od dnia ogłoszenia konkursu.",
    )
    html = render(compute_redline(version(SUBJECT, DEADLINE), version(SUBJECT, edited)))

    assert (
        '<del><span class="visually-hidden" lang="en">start of deletion </span>21'
        '<span class="visually-hidden" lang="en"> end of deletion</span></del>'
    ) in html
    assert (
        '<ins><span class="visually-hidden" lang="en">start of insertion </span>30'
        '<span class="visually-hidden" lang="en"> end of insertion</span></ins>'
    ) in html
    assert "w terminie <del>" in html
    assert '<a class="redline-label" href="#par-3" lang="pl">§ 3</a>' in html
    assert '<span class="redline-tag redline-tag-changed">changed</span>' in html
    assert "Summary of changes" in html


def test_include_names_every_change_type_in_text():
    old = version(SUBJECT, COMPETITION, DEADLINE, ENTRY_INTO_FORCE)
    new = version(
        ("§ 1", "paragraph", PUBLICATION),
        renumbered(DEADLINE, "§ 2"),
        ("§ 3", "paragraph", "Uchwała wchodzi w życie po upływie 30 dni od ogłoszenia."),
        ("§ 4", "paragraph", "Wykonanie uchwały powierza się Prezydentowi Miasta."),
    )
    redline = compute_redline(old, new)
    html = render(redline)

    with translation.override("en"):
        for change in Change:
            if redline.summary[change.value]:
                assert f'redline-tag-{change.value}">{change.label}</span>' in html.replace(
                    "</span></dt>", "</span>"
                )
    assert "(previously § 3)" in html
    assert '<span class="redline-label" lang="pl">§ 2</span>' in html  # removed: no link


def test_include_shows_added_and_removed_text_whole():
    redline = compute_redline(version(SUBJECT, DEADLINE), version(SUBJECT, ENTRY_INTO_FORCE))
    html = render(redline)

    assert (
        f'<span class="visually-hidden" lang="en">start of insertion </span>{ENTRY_INTO_FORCE[2]}'
        in html
    )
    assert f'<span class="visually-hidden" lang="en">start of deletion </span>{DEADLINE[2]}' in html


def test_include_escapes_the_act_text():
    redline = compute_redline(
        version(("§ 1", "paragraph", "Tekst.")),
        version(("§ 1", "paragraph", "Tekst <script>alert(1)</script>.")),
    )

    html = render(redline)

    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;." in html


def test_include_can_hide_unchanged_units():
    edited = (
        "§ 3",
        "paragraph",
        "Oferty składa się w terminie 30 dni od dnia ogłoszenia konkursu.",
    )
    redline = compute_redline(version(SUBJECT, DEADLINE), version(SUBJECT, edited))

    html = render(redline, hide_unchanged=True)

    assert 'href="#par-1"' not in html
    assert 'href="#par-3"' in html


def test_include_says_when_the_versions_do_not_differ():
    redline = compute_redline(version(SUBJECT), version(SUBJECT))

    assert "The two versions do not differ." in render(redline, hide_unchanged=True)
    assert "<ol" not in render(redline, hide_unchanged=True)


# --- Properties ---------------------------------------------------------------------------

WORDS = ["Rada", "dotacje", "się", "w", "„programie”", "żółć,", "Łódź;", "pkt", "1)", "—", "ust."]
whitespace = st.sampled_from([" ", "  ", "\n", "\t", "\u00a0"])
texts = st.lists(st.tuples(st.sampled_from(WORDS), whitespace), max_size=12).map(
    lambda parts: "".join(word + space for word, space in parts)
)
any_texts = st.one_of(texts, st.text(max_size=40))


def normalised(text: str) -> str:
    return " ".join(text.split())


@given(old_text=any_texts, new_text=any_texts)
def test_word_diff_rebuilds_both_texts(old_text, new_text):
    words = diff_words(old_text, new_text)

    new_side = [word.text for word in words if word.op in (WordOp.EQUAL, WordOp.INSERT)]
    old_side = [word.text for word in words if word.op in (WordOp.EQUAL, WordOp.DELETE)]
    assert " ".join(new_side) == normalised(new_text)
    assert " ".join(old_side) == normalised(old_text)
    assert all(word.text for word in words)


KINDS = {"paragraph": "§", "ustep": "ust.", "point": "pkt"}
versions = st.lists(st.tuples(st.sampled_from(sorted(KINDS)), st.one_of(st.just(""), texts)))


def numbered(units: list[tuple[str, str]], side: str) -> list[Unit]:
    """Labels numbered per kind as a drafter would; anchors unique per side."""
    counts = dict.fromkeys(KINDS, 0)
    result = []
    for order, (kind, text) in enumerate(units):
        counts[kind] += 1
        label = f"{KINDS[kind]} {counts[kind]}"
        result.append(
            Unit(label=label, kind=kind, text=text, anchor=f"{side}-{order}", order=order)
        )
    return result


@settings(max_examples=300)
@given(old_units=versions, new_units=versions)
def test_every_unit_appears_in_exactly_one_entry(old_units, new_units):
    old = numbered(old_units, "old")
    new = numbered(new_units, "new")

    redline = compute_redline(old, new)

    old_anchors = [entry.old_anchor for entry in redline.entries if entry.old_anchor is not None]
    new_anchors = [entry.new_anchor for entry in redline.entries if entry.new_anchor is not None]
    assert sorted(old_anchors) == sorted(unit.anchor for unit in old)
    assert new_anchors == [unit.anchor for unit in new]  # and in the new version's order
    assert sum(redline.summary.values()) == len(redline.entries)
    for entry in redline.entries:
        assert 0.0 <= entry.similarity <= 1.0
        if entry.old_anchor is not None and entry.new_anchor is not None:
            assert entry.kind == next(unit.kind for unit in old if unit.anchor == entry.old_anchor)
        if entry.change in (Change.CHANGED, Change.RENUMBERED_AND_CHANGED):
            assert entry.old_text is not None
            assert entry.new_text is not None
            rebuilt = " ".join(word.text for word in entry.words if word.op != WordOp.DELETE)
            assert rebuilt == normalised(entry.new_text)
    json.dumps(to_json(redline))


@given(old_words=st.lists(st.sampled_from(WORDS)), new_words=st.lists(st.sampled_from(WORDS)))
def test_cheap_similarity_bound_never_prunes_a_similar_pair(old_words, new_words):
    bound = _WordBag.of(old_words).similarity_bound(_WordBag.of(new_words))

    assert bound >= SequenceMatcher(None, new_words, old_words, autojunk=False).ratio()
