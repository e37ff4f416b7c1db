"""The amending act's pages: each amending unit links to the unit it changes in the amended
act's current text, the quoted wording is its own block, and the consolidated text
(informative) shows the amended act with the changes applied and the rest listed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from acts import services
from tests.acts.amendments.conftest import publish
from tests.acts.amendments.texts import amended_text

pytestmark = pytest.mark.django_db


def amended_url(act, anchor: str = "") -> str:
    url = reverse("acts:version", args=[act.pk, 1])
    return f"{url}#{anchor}" if anchor else url


def test_each_amending_unit_links_to_the_unit_it_changes(client, amended_act, amending_version):
    response = client.get(reverse("acts:detail", args=[amending_version.act_id]))
    html = response.content.decode()

    # § 1 pkt 1 replaces § 4; § 1 pkt 2 lit. a ends § 2 ust. 1 pkt 3 with a semicolon and
    # adds pkt 4 after it; lit. b changes words of § 2 ust. 2; lit. c adds ust. 3a after
    # § 2 ust. 3; § 1 pkt 3 adds § 8a after § 8; § 1 pkt 4 repeals § 9.
    for anchor in ("par-4", "par-2-ust-1-pkt-3", "par-2-ust-2", "par-2-ust-3", "par-8", "par-9"):
        assert f'href="{amended_url(amended_act, anchor)}"' in html
    links = {
        provision.label: [link.target_label for link in provision.amendment_links]
        for provision in response.context["provisions"]
        if provision.amendment_links
    }
    assert links == {
        "§ 1 pkt 1": ["§ 4"],
        "§ 1 pkt 2 lit. a": ["§ 2 ust. 1 pkt 3", "§ 2 ust. 1 pkt 3"],
        "§ 1 pkt 2 lit. b": ["§ 2 ust. 2"],
        "§ 1 pkt 2 lit. c": ["§ 2 ust. 3"],
        "§ 1 pkt 3": ["§ 8"],
        "§ 1 pkt 4": ["§ 9"],
        "§ 1 pkt 6": ["§ 12"],
    }
    # § 12 is not in the amended act: named, not linked.
    unlinked = response.context["amendments"].links["§ 1 pkt 6"][0]
    assert unlinked.url is None
    assert "Nowe brzmienie § 4: uchwała nr XXX/400/2021" in html
    assert "Dodaje § 2 ust. 3a po § 2 ust. 3: uchwała nr XXX/400/2021" in html
    # The card names the amended act and leads to the consolidated text.
    assert reverse("acts:consolidated", args=[amending_version.act_id, 1]) in html
    assert reverse("acts:detail", args=[amended_act.pk]) in html


def test_the_quoted_wording_is_its_own_block_in_polish(client, amended_act, amending_version):
    html = client.get(reverse("acts:version", args=[amending_version.act_id, 1])).content.decode()
    assert '<blockquote lang="pl"><p>§ 4. 1. Nagroda ma formę pieniężną.<br>2. Nagroda ma' in html
    assert html.count("<blockquote") == 5


def test_the_amended_act_named_by_an_official_wins_over_the_number(
    client, official, department, amended_act, amending_act, amending_version
):
    other = services.act_create(
        actor=official, department=department, title="Inna uchwała w sprawie nagrody"
    )
    publish(other, official, amended_text())
    services.act_update(act=amending_act, actor=official, amends=other)

    response = client.get(reverse("acts:detail", args=[amending_act.pk]))

    assert response.context["amendments"].amended_act == other
    assert f'href="{amended_url(other, "par-4")}"' in response.content.decode()


def test_two_acts_with_the_cited_number_link_neither(
    client, official, department, amended_act, amending_version
):
    twin = services.act_create(
        actor=official, department=department, title="Bliźniak", number="XXX/400/2021"
    )
    publish(twin, official, amended_text())

    response = client.get(reverse("acts:detail", args=[amending_version.act_id]))

    assert response.context["amendments"].amended_act is None
    assert not any(provision.amendment_links for provision in response.context["provisions"])
    html = response.content.decode()
    assert "uchwała nr XXX/400/2021" in html
    assert reverse("acts:consolidated", args=[amending_version.act_id, 1]) not in html


def test_an_unpublished_amended_act_is_not_linked(client, official, department, amending_version):
    hidden = services.act_create(
        actor=official, department=department, title="Szkic", number="XXX/400/2021"
    )
    services.version_create(act=hidden, actor=official, text=amended_text())

    response = client.get(reverse("acts:detail", args=[amending_version.act_id]))

    assert response.context["amendments"].amended_act is None


def test_the_consolidated_text_applies_the_changes_and_lists_the_rest(
    client, amended_act, amending_version
):
    response = client.get(reverse("acts:consolidated", args=[amending_version.act_id, 1]))

    assert response.status_code == 200
    preview = response.context["preview"]
    texts = {unit.label: unit.text for unit in preview.consolidation.units}
    assert texts["§ 4 ust. 2"] == "Nagroda ma charakter honorowy."
    assert texts["§ 2 ust. 2"] == "Wniosek składa się w terminie 14 dni od ogłoszenia naboru."
    assert texts["§ 2 ust. 3a"] == "Komisja działa jawnie."
    assert texts["§ 8a pkt 2"] == "terminy."
    assert texts["§ 9"] == "(uchylony)"
    assert texts["§ 2 ust. 1 pkt 3"] == "ochronę dziedzictwa;"
    assert texts["§ 2 ust. 1 pkt 4"] == "edukację kulturalną."
    assert [(item.source_label, item.reason) for item in preview.problems] == [
        ("§ 1 pkt 6", "target_missing"),
        ("§ 1 pkt 5", ""),
    ]
    html = response.content.decode()
    assert 'role="note"' in html
    assert "Wyłącznie informacyjnie, bez mocy prawnej." in html
    # Changes are marked in words, not by colour alone.
    assert "<ins>" in html
    assert "<del>" in html
    # Each problem links to its amending unit.
    version_page = reverse("acts:version", args=[amending_version.act_id, 1])
    assert f'href="{version_page}#par-1-pkt-6"' in html
    assert f'href="{version_page}#par-1-pkt-5"' in html


def test_the_consolidated_text_of_an_act_amending_nothing_known_says_so(client, amending_version):
    response = client.get(reverse("acts:consolidated", args=[amending_version.act_id, 1]))
    assert response.status_code == 200
    assert response.context["amendments"].amended_act is None
    assert response.context["preview"].consolidation.units == []


@pytest.mark.parametrize("extra", [0, 100])
def test_the_consolidated_page_takes_the_same_queries_for_a_small_and_a_large_amended_act(
    client, official, department, amending_version, django_assert_num_queries, extra
):
    amended = services.act_create(
        actor=official, department=department, title="Uchwała", number="XXX/400/2021"
    )
    publish(amended, official, amended_text(extra))
    # 1. the amending version with its act, department and authority, 2. its units,
    # 3. the act with the cited number, 4. its newest published version with its act,
    # 5. that version's units.
    with django_assert_num_queries(5):
        response = client.get(reverse("acts:consolidated", args=[amending_version.act_id, 1]))
    assert len(response.context["preview"].consolidation.units) > extra


@pytest.mark.parametrize("extra", [0, 100])
def test_the_amending_act_page_takes_two_more_queries_whatever_the_amended_acts_size(
    client, official, department, amending_version, django_assert_num_queries, extra
):
    amended = services.act_create(
        actor=official, department=department, title="Uchwała", number="XXX/400/2021"
    )
    publish(amended, official, amended_text(extra))
    # 1. the act, 2. its topics, 3. the versions, 4. the units of the newest published one,
    # 5. the act with the cited number, 6. its newest published version, 7. its units,
    # 8. the consultations.
    with django_assert_num_queries(8):
        response = client.get(reverse("acts:detail", args=[amending_version.act_id]))
    assert response.context["amendments"].amended_act == amended


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 404),
        ("resident", 404),
        ("ngo_representative", 404),
        ("other_official", 404),
        ("official", 200),
        ("administrator", 200),
    ],
)
def test_the_consolidated_text_of_a_draft_stays_with_the_acts_department(
    request, client_as, amended_act, amending_draft, persona, status
):
    user = request.getfixturevalue(persona)
    response = client_as(user).get(reverse("acts:consolidated", args=[amending_draft.act_id, 1]))
    assert response.status_code == status
    if status == 200:
        assert response.context["amendments"].amended_act == amended_act


@pytest.mark.parametrize("persona", ["anonymous", "resident", "other_official"])
def test_the_consolidated_text_of_a_published_version_is_public(
    request, client_as, amended_act, amending_version, persona
):
    user = request.getfixturevalue(persona)
    response = client_as(user).get(reverse("acts:consolidated", args=[amending_version.act_id, 1]))
    assert response.status_code == 200
    assert response.context["amendments"].amended_act == amended_act


def test_the_acts_form_suggests_the_act_its_text_amends(
    client_as, official, amended_act, amending_act, amending_draft
):
    response = client_as(official).get(reverse("acts:edit", args=[amending_act.pk]))
    suggestion = response.context["amends_suggestion"]
    assert suggestion.reference.number == "XXX/400/2021"
    assert suggestion.candidates == [amended_act]
    # The act itself is not offered as the act it amends.
    offered = list(response.context["form"].fields["amends"].queryset)
    assert amended_act in offered
    assert amending_act not in offered


def test_an_official_names_the_amended_act_in_the_form(
    client_as, official, department, amended_act, amending_act
):
    response = client_as(official).post(
        reverse("acts:edit", args=[amending_act.pk]),
        {
            "title": amending_act.title,
            "act_type": amending_act.act_type,
            "department": department.pk,
            "number": "XLI/500/2026",
            "amends": amended_act.pk,
        },
    )
    assert response.status_code == 302
    amending_act.refresh_from_db()
    assert amending_act.amends == amended_act
    assert amending_act.number == "XLI/500/2026"


def test_the_parser_keeps_each_quoted_wording_under_its_amending_unit(amending_version):
    quotations = amending_version.provisions.filter(kind="quotation").values_list(
        "label", "parent__label"
    )
    assert sorted(quotations) == [
        ("§ 1 pkt 1 cytat", "§ 1 pkt 1"),
        ("§ 1 pkt 2 lit. a cytat", "§ 1 pkt 2 lit. a"),
        ("§ 1 pkt 2 lit. c cytat", "§ 1 pkt 2 lit. c"),
        ("§ 1 pkt 3 cytat", "§ 1 pkt 3"),
        ("§ 1 pkt 6 cytat", "§ 1 pkt 6"),
    ]


def test_an_act_named_as_amending_shows_the_amended_act_even_when_its_text_reads_as_no_change(
    client, official, department, amended_act
):
    act = services.act_create(
        actor=official, department=department, title="Projekt", amends=amended_act
    )
    publish(act, official, "§ 1. Tekst jednolity ogłasza się w dzienniku urzędowym.\n")

    response = client.get(reverse("acts:detail", args=[act.pk]))

    amendments = response.context["amendments"]
    assert amendments.is_amending
    assert amendments.plan.operations == []
    assert reverse("acts:consolidated", args=[act.pk, 1]) in response.content.decode()
