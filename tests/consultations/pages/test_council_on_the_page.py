"""The NGO council's opinion on the consultation page: a section of its own with its
reference, delivery time and items, named late in text when delivered after the end; its
items stay out of the NGO comments beside the provisions. And consultations never import
the council's app: it says what it adds to a comment through ``consultations.annotations``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse

from consultations.annotations import (
    CommentAnnotation,
    annotate_comments,
    register_comment_annotator,
    unregister_comment_annotator,
)
from consultations.services.council import SubmittedItem, council_submission_deliver
from tests.consultations.pages.conftest import translated
from tests.dependencies import imported_modules

pytestmark = pytest.mark.django_db

REFERENCE = "Uchwała nr 7/2026 Sopockiej Rady Organizacji Pożytku Publicznego"
CONSULTATIONS = Path(__file__).resolve().parents[3] / "consultations"


def deliver(scene, actor, *, delivered_at=None):
    return council_submission_deliver(
        consultation=scene.consultation,
        actor=actor,
        reference=REFERENCE,
        council_name="Sopocka Rada Organizacji Pożytku Publicznego",
        external_id="7",
        items=[
            SubmittedItem(
                "Rada proponuje brzmienie z konsultacjami programów.", scene.provision("§ 2")
            ),
            SubmittedItem("Rada popiera projekt w całości."),
        ],
        delivered_at=delivered_at,
    )


def test_the_council_opinion_has_its_own_section_without_a_late_badge_when_on_time(
    client, scene, official
):
    deliver(scene, official)

    response = client.get(reverse("consultations:detail", args=[scene.consultation.pk]))

    html = response.text
    assert translated(response, "Opinion of the NGO council") in html
    assert REFERENCE in html
    assert "Rada proponuje brzmienie z konsultacjami programów." in html
    assert "Rada popiera projekt w całości." in html
    assert translated(response, "delivered after the end") not in html
    [section] = response.context["council_sections"]
    assert [entry.comment.provision for entry in section.entries] == [scene.provision("§ 2"), None]


def test_a_late_council_opinion_is_named_late_in_text(client, scene, official):
    deliver(scene, official, delivered_at=scene.consultation.ends_at + dt.timedelta(hours=1))

    response = client.get(reverse("consultations:detail", args=[scene.consultation.pk]))

    assert translated(response, "delivered after the end") in response.text


def test_without_a_council_opinion_there_is_no_council_section(client, scene):
    response = client.get(reverse("consultations:detail", args=[scene.consultation.pk]))

    assert response.context["council_sections"] == []
    assert translated(response, "Opinion of the NGO council") not in response.text


def test_council_items_are_not_counted_among_the_ngo_comments(client, scene, official):
    before = client.get(reverse("consultations:detail", args=[scene.consultation.pk]))
    deliver(scene, official)

    response = client.get(reverse("consultations:detail", args=[scene.consultation.pk]))

    row = next(row for row in response.context["rows"] if row.provision.label == "§ 2")
    assert row.entries == []
    assert row.comment_count == 0
    assert [entry.comment.proposed_wording for entry in row.council_entries] == [
        "Rada proponuje brzmienie z konsultacjami programów."
    ]
    assert response.context["whole_act_entries"] == before.context["whole_act_entries"]
    assert response.context["comment_total"] == before.context["comment_total"]
    assert translated(response, "NGO council") in response.text


def test_officials_see_the_council_labelled_in_the_answer_table(client, scene, official):
    deliver(scene, official)
    scene.consultation.ends_at = scene.consultation.starts_at + dt.timedelta(minutes=1)
    scene.consultation.save(update_fields=["ends_at"])
    client.force_login(official)

    response = client.get(reverse("consultations:answers", args=[scene.consultation.pk]))

    assert response.status_code == 200
    assert translated(response, "NGO council") in response.text
    assert REFERENCE in response.text


def test_registered_annotators_are_merged_and_shown_under_the_comments(client, scene):
    def first(*, viewer, comment_ids):
        return {comment_ids[0]: [CommentAnnotation(text="Pierwsza adnotacja", url="/a/")]}

    def second(*, viewer, comment_ids):
        return {comment_ids[0]: [CommentAnnotation(text="Druga adnotacja", url="/b/")]}

    register_comment_annotator(first)
    register_comment_annotator(second)
    try:
        merged = annotate_comments(viewer=None, comment_ids=[scene.submitted.pk])
        response = client.get(reverse("consultations:detail", args=[scene.consultation.pk]))
    finally:
        unregister_comment_annotator(first)
        unregister_comment_annotator(second)

    assert [line.text for line in merged[scene.submitted.pk]] == [
        "Pierwsza adnotacja",
        "Druga adnotacja",
    ]
    assert '<a href="/a/">Pierwsza adnotacja</a>' in response.text
    assert annotate_comments(viewer=None, comment_ids=[]) == {}


def test_consultations_never_imports_opinions():
    offenders = {
        str(path.relative_to(CONSULTATIONS)): sorted(
            module
            for module in imported_modules(path)
            if module == "opinions" or module.startswith("opinions.")
        )
        for path in CONSULTATIONS.rglob("*.py")
    }
    assert {path: modules for path, modules in offenders.items() if modules} == {}
    source = "\n".join(path.read_text(encoding="utf-8") for path in CONSULTATIONS.rglob("*.py"))
    assert 'import_module("opinions' not in source
    assert 'apps.get_model("opinions' not in source
