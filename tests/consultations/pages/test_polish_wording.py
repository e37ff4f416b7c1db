"""Polish wording fixed on the pages: a count names its noun in the right plural form, and
the link beside a provision does not call the act "her"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.consultations.pages.conftest import publish_report
from tests.consultations.scenes import AFTER, at

pytestmark = pytest.mark.django_db


def test_the_summary_counts_accepted_comments_with_their_noun(login, scene, official):
    publish_report(scene, official)  # two comments, both accepted in part

    with at(scene.consultation, AFTER):
        page = login(None).get(reverse("consultations:summary", args=[scene.consultation.pk]))

    assert "<strong>2</strong> uwagi uwzględniono w całości lub w części." in page.text


def test_the_comment_form_links_to_the_provision_in_the_act_without_a_wrong_pronoun(
    login, scene, ngo_representative
):
    url = reverse("consultations:comment_create", args=[scene.consultation.pk])
    page = login(ngo_representative).get(f"{url}?provision={scene.provision('§ 3').pk}")

    assert "Pokaż w tekście aktu wraz z innymi uwagami" in page.text
    assert "Zobacz ją" not in page.text
