"""GET /api/v1/acts/<id>/versions/<n>/consolidated/: the consolidated text (informative) of
the act a version amends, with the version's visibility."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.acts.amendments.conftest import publish
from tests.acts.amendments.texts import amended_text

pytestmark = pytest.mark.django_db


def url(version) -> str:
    return reverse("api-version-consolidated", args=[version.act_id, version.number])


def test_the_consolidated_text_names_each_change_and_what_became_of_it(
    api_as, amended_act, amending_version
):
    response = api_as(None).get(url(amending_version))

    assert response.status_code == 200
    data = response.json()
    assert set(data) == {
        "version",
        "informative",
        "reference",
        "amended_act",
        "title",
        "title_changed_by",
        "units",
        "operations",
        "unrecognised",
        "redline",
    }
    assert data["version"] == 1
    assert data["informative"] is True
    assert data["reference"] == {
        "act_type": "uchwała",
        "number": "XXX/400/2021",
        "issuer": "Rady Miasta Sopotu",
        "date": "25 marca 2021 r.",
        "subject": "nagrody kulturalnej",
        "citation": "uchwała nr XXX/400/2021",
    }
    assert data["amended_act"] == {
        "id": amended_act.pk,
        "title": amended_act.title,
        "number": "XXX/400/2021",
        "version": 1,
    }
    units = {unit["label"]: unit for unit in data["units"]}
    assert units["§ 4 ust. 2"] == {
        "label": "§ 4 ust. 2",
        "kind": "ustep",
        "text": "Nagroda ma charakter honorowy.",
        "anchor": "par-4-ust-2",
        "depth": 1,
        "changed_by": "§ 1 pkt 1",
    }
    assert units["§ 1"]["changed_by"] is None
    assert units["§ 9"]["text"] == "(uchylony)"
    assert [
        (op["source_label"], op["kind"], op["targets"], op["applied"], op["reason"])
        for op in data["operations"]
    ] == [
        ("§ 1 pkt 1", "replace", ["§ 4"], True, None),
        ("§ 1 pkt 2 lit. a", "replace_punctuation", ["§ 2 ust. 1 pkt 3"], True, None),
        ("§ 1 pkt 2 lit. a", "insert", ["§ 2 ust. 1 pkt 4"], True, None),
        ("§ 1 pkt 2 lit. b", "replace_words", ["§ 2 ust. 2"], True, None),
        ("§ 1 pkt 2 lit. c", "insert", ["§ 2 ust. 3a"], True, None),
        ("§ 1 pkt 3", "insert", ["§ 8a"], True, None),
        ("§ 1 pkt 4", "repeal", ["§ 9"], True, None),
        ("§ 1 pkt 6", "replace", ["§ 12"], False, "target_missing"),
    ]
    not_applied = data["operations"][-1]
    assert not_applied["message"]
    assert not_applied["wording"] == "§ 12. Nowy."
    assert data["operations"][5]["after"] == "§ 8"
    assert data["unrecognised"] == [
        {"source_label": "§ 1 pkt 5", "text": "w § 3 w zdaniu pierwszym skreśla się przecinek;"}
    ]
    assert data["redline"]["summary"]["added"] >= 4
    assert {entry["change"] for entry in data["redline"]["entries"]} >= {"added", "changed"}


def test_without_the_amended_act_on_the_platform_the_text_is_empty(api_as, amending_version):
    data = api_as(None).get(url(amending_version)).json()
    assert data["amended_act"] is None
    assert data["reference"]["number"] == "XXX/400/2021"
    assert data["units"] == []
    assert data["operations"] == []


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 404),
        ("resident", 404),
        ("other_official", 404),
        ("official", 200),
        ("administrator", 200),
    ],
)
def test_a_draft_versions_consolidated_text_stays_with_the_acts_department(
    request, api_as, amended_act, amending_draft, persona, status
):
    user = request.getfixturevalue(persona)
    response = api_as(user).get(url(amending_draft))
    assert response.status_code == status
    if status == 200:
        assert response.json()["amended_act"]["id"] == amended_act.pk
    else:
        assert set(response.json()) == {"message", "code", "extra"}


@pytest.mark.parametrize("extra", [0, 100])
def test_the_endpoint_takes_the_same_queries_for_a_small_and_a_large_amended_act(
    api_as, official, department, amending_version, django_assert_num_queries, extra
):
    from acts import services

    amended = services.act_create(
        actor=official, department=department, title="Uchwała", number="XXX/400/2021"
    )
    publish(amended, official, amended_text(extra))
    client = api_as(None)
    # 1. the version with its act, department and authority, 2. its units, 3. the act with
    # the cited number, 4. its newest published version with its act, 5. its units.
    with django_assert_num_queries(5):
        response = client.get(url(amending_version))
    assert len(response.json()["units"]) > extra


def test_an_act_names_the_act_it_amends_through_the_api(
    api_as, official, amended_act, amending_act
):
    response = api_as(official).patch(
        reverse("api-act-detail", args=[amending_act.pk]),
        {"amends": amended_act.pk, "number": "XLI/500/2026"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["amends"] == amended_act.pk
    assert response.json()["number"] == "XLI/500/2026"


def test_an_act_cannot_amend_itself(api_as, official, amending_act):
    response = api_as(official).patch(
        reverse("api-act-detail", args=[amending_act.pk]),
        {"amends": amending_act.pk},
        format="json",
    )
    assert response.status_code == 400
    amending_act.refresh_from_db()
    assert amending_act.amends is None
