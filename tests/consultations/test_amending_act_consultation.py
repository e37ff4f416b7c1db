"""A consultation on an amending act: each amending unit shows where its change lands in the
amended act, the quoted new wording is its own block, and a comment may point at the
amending unit or at its quoted wording."""

from __future__ import annotations

import pytest
from django.urls import reverse

from acts import services as act_services
from consultations.models import CommentStatus
from tests.acts.amendments import conftest as amendment_scene
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import submitted

pytestmark = pytest.mark.django_db

amended_act = amendment_scene.amended_act
amending_act = amendment_scene.amending_act
amending_draft = amendment_scene.amending_draft


@pytest.fixture
def published_version(amending_draft, official):
    """The consulted version is the amending act's."""
    return act_services.version_publish(version=amending_draft, actor=official)


def test_the_consultation_page_links_each_change_and_blocks_the_quoted_wording(
    client, consultation, amended_act
):
    response = client.get(reverse("consultations:detail", args=[consultation.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    amended_page = reverse("acts:version", args=[amended_act.pk, 1])
    assert f'href="{amended_page}#par-4"' in html
    assert "Nowe brzmienie § 4: uchwała nr XXX/400/2021" in html
    assert '<blockquote lang="pl"><p>§ 4. 1. Nagroda ma formę pieniężną.' in html
    assert reverse("acts:consolidated", args=[consultation.version.act_id, 1]) in html


def test_a_comment_may_point_at_the_amending_unit_and_at_its_quoted_wording(
    consultation, ngo_representative, ngo
):
    units = {provision.label: provision for provision in consultation.version.provisions.all()}
    on_unit = submitted(consultation, ngo_representative, ngo, provision=units["§ 1 pkt 1"])
    on_wording = submitted(
        consultation, ngo_representative, ngo, provision=units["§ 1 pkt 1 cytat"]
    )

    assert on_unit.status == CommentStatus.SUBMITTED
    assert on_unit.provision.label == "§ 1 pkt 1"
    assert on_wording.provision.kind == "quotation"
    assert on_wording.provision.parent.label == "§ 1 pkt 1"


def test_the_comment_beside_the_amending_unit_is_shown_there(
    client, consultation, amended_act, ngo_representative, ngo
):
    unit = consultation.version.provisions.get(label="§ 1 pkt 1")
    comment = submitted(
        consultation,
        ngo_representative,
        ngo,
        provision=unit,
        proposed_wording="„§ 4. Nagroda ma charakter honorowy.”",
    )

    response = client.get(reverse("consultations:detail", args=[consultation.pk]))

    row = next(row for row in response.context["rows"] if row.provision.pk == unit.pk)
    assert [entry.comment.pk for entry in row.entries] == [comment.pk]
    assert row.provision.amendment_links[0].target_label == "§ 4"


def test_the_page_of_comments_on_a_quoted_wording_shows_it_as_a_block(
    client, consultation, ngo_representative, ngo
):
    wording = consultation.version.provisions.get(label="§ 1 pkt 1 cytat")
    submitted(consultation, ngo_representative, ngo, provision=wording)

    response = client.get(
        reverse("consultations:provision_comments", args=[consultation.pk, wording.pk])
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert '<blockquote lang="pl"><p>§ 4. 1. Nagroda ma formę pieniężną.<br>' in html
