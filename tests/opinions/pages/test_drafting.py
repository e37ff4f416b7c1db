"""Drafting a position in the browser without scripts: creating it, pulling NGO comments in,
editing items (a stale edit is refused and nothing is overwritten), ordering and deleting,
notes, amendments and the drafter's or chair's decision on them. A refused form shows the
translated message and changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opinions.models import (
    Amendment,
    AmendmentStatus,
    ItemNote,
    Position,
    PositionItem,
    PositionKind,
    PositionStatus,
)
from tests.opinions.pages.helpers import messages_of, not_a_draft, polish

pytestmark = pytest.mark.django_db


def editor(position) -> str:
    return reverse("council:position_edit", args=[position.pk])


def item_data(item, text, revision=None):
    prefix = f"item-{item.pk}"
    return {
        f"{prefix}-text": text,
        f"{prefix}-revision": item.revision if revision is None else revision,
    }


# --- Creating ---------------------------------------------------------------------------


def test_a_member_starts_an_opinion_on_a_consultation_and_lands_in_the_editor(
    client_as, council_member, members, consultation
):
    client = client_as(council_member)
    response = client.post(
        reverse("council:position_create"),
        {
            "kind": PositionKind.CONSULTATION_OPINION,
            "subject": "opinia o programie współpracy",
            "consultation": consultation.pk,
            "justification": "",
        },
    )
    position = Position.objects.get(subject="opinia o programie współpracy")
    assert response.status_code == 302
    assert response["Location"] == editor(position)
    assert position.drafter == council_member
    assert position.status == PositionStatus.DRAFT


def test_an_opinion_on_a_consultation_without_one_is_refused_at_the_field(
    client_as, council_member, members
):
    response = client_as(council_member).post(
        reverse("council:position_create"),
        {"kind": PositionKind.CONSULTATION_OPINION, "subject": "opinia bez konsultacji"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["consultation"]
    assert 'role="alert"' in response.text
    assert 'href="#id_consultation"' in response.text
    assert not Position.objects.filter(subject="opinia bez konsultacji").exists()


# --- Pulling NGO comments in ------------------------------------------------------------


def test_the_picker_lists_the_submitted_comments_with_their_organisations_and_provisions(
    client_as, council_member, draft_position, comments
):
    response = client_as(council_member).get(
        reverse("council:comment_picker", args=[draft_position.pk])
    )
    assert [comment.pk for comment in response.context["comments"]] == [c.pk for c in comments]
    assert "Stowarzyszenie Przyjaciół Sopotu" in response.text
    assert "§ 3 ust. 1" in response.text
    # Both are already in the draft: the picker says so.
    assert response.context["used"] == {comment.pk for comment in comments}


def test_the_picker_filters_by_organisation_and_by_provision(
    client_as, council_member, draft_position, comments, other_ngo
):
    client = client_as(council_member)
    url = reverse("council:comment_picker", args=[draft_position.pk])
    by_organisation = client.get(url, {"organisation": other_ngo.pk})
    assert [c.pk for c in by_organisation.context["comments"]] == [comments[1].pk]
    by_provision = client.get(url, {"provision": comments[0].provision_id})
    assert [c.pk for c in by_provision.context["comments"]] == [comments[0].pk]


def test_comments_merged_into_one_item_keep_their_provenance(
    client_as, council_member, draft_position, comments
):
    client = client_as(council_member)
    response = client.post(
        reverse("council:comment_picker", args=[draft_position.pk]),
        {"comments": [comment.pk for comment in comments], "mode": "merge"},
    )
    assert response.status_code == 302
    merged = draft_position.items.order_by("-order").first()
    assert set(merged.source_comments.values_list("pk", flat=True)) == {c.pk for c in comments}
    page = client.get(reverse("council:position_detail", args=[draft_position.pk]))
    consultation_url = reverse("consultations:detail", args=[draft_position.consultation_id])
    assert f'href="{consultation_url}#comment-{comments[1].pk}"' in page.text


def test_pulling_in_without_choosing_a_comment_is_refused(
    client_as, council_member, draft_position
):
    before = draft_position.items.count()
    response = client_as(council_member).post(
        reverse("council:comment_picker", args=[draft_position.pk]), {"mode": "separate"}
    )
    assert response.status_code == 200
    assert polish("Choose at least one comment.") in response.text
    assert draft_position.items.count() == before


# --- Editing items ----------------------------------------------------------------------


def test_a_member_saves_an_item_and_returns_to_it(client_as, council_member, draft_position):
    item = draft_position.items.first()
    response = client_as(council_member).post(
        reverse("council:item_update", args=[draft_position.pk, item.pk]),
        item_data(item, "Konsultacje trwają 40 dni."),
    )
    assert response.status_code == 302
    assert response["Location"] == f"{editor(draft_position)}#item-{item.pk}"
    item.refresh_from_db()
    assert item.text == "Konsultacje trwają 40 dni."


def test_a_stale_edit_shows_the_current_text_and_keeps_the_users_text(
    client_as, council_member, secretary, draft_position
):
    item = draft_position.items.first()
    loaded_revision = item.revision
    # The secretary saves first…
    client = client_as(secretary)
    client.post(
        reverse("council:item_update", args=[draft_position.pk, item.pk]),
        item_data(item, "Tekst sekretarza.", loaded_revision),
    )
    # …then the member saves what they started from the older revision.
    client = client_as(council_member)
    response = client.post(
        reverse("council:item_update", args=[draft_position.pk, item.pk]),
        item_data(item, "Tekst członka.", loaded_revision),
    )
    assert response.status_code == 200
    assert response.context["has_errors"] is True
    assert 'role="alert"' in response.text
    assert "Tekst sekretarza." in response.text  # the current text is shown
    assert "Tekst członka.</textarea>" in response.text  # the user's text is kept
    item.refresh_from_db()
    assert item.text == "Tekst sekretarza."
    # Saving again applies the user's text on top of the one now shown.
    row = next(row for row in response.context["rows"] if row["item"].pk == item.pk)
    assert row["form"]["revision"].value() == str(item.revision)
    client.post(
        reverse("council:item_update", args=[draft_position.pk, item.pk]),
        item_data(item, "Tekst członka.", item.revision),
    )
    item.refresh_from_db()
    assert item.text == "Tekst członka."


def test_an_empty_item_is_refused_with_the_message_at_the_field(
    client_as, council_member, draft_position
):
    item = draft_position.items.first()
    response = client_as(council_member).post(
        reverse("council:item_update", args=[draft_position.pk, item.pk]), item_data(item, "   ")
    )
    assert response.status_code == 200
    assert polish("Write the text of the item.") in response.text
    item.refresh_from_db()
    assert item.text == "Konsultacje trwają co najmniej 30 dni."


def test_a_stale_subject_is_refused_and_shows_what_was_saved(
    client_as, council_member, secretary, draft_position
):
    url = editor(draft_position)
    revision = draft_position.revision
    client_as(secretary).post(
        url, {"subject": "temat sekretarza", "justification": "", "revision": revision}
    )
    response = client_as(council_member).post(
        url, {"subject": "temat członka", "justification": "", "revision": revision}
    )
    assert response.status_code == 200
    assert "temat sekretarza" in response.text
    assert 'value="temat członka"' in response.text
    draft_position.refresh_from_db()
    assert draft_position.subject == "temat sekretarza"


def test_a_member_adds_an_item_moves_it_up_and_deletes_it(
    client_as, council_member, draft_position
):
    client = client_as(council_member)
    client.post(
        reverse("council:item_add", args=[draft_position.pk]),
        {"new-text": "Nowy punkt od zera.", "new-provision": ""},
    )
    added = draft_position.items.get(text="Nowy punkt od zera.")
    assert added.order == 3
    client.post(
        reverse("council:item_move", args=[draft_position.pk, added.pk]), {"direction": "up"}
    )
    added.refresh_from_db()
    assert added.order == 2
    client.post(reverse("council:item_delete", args=[draft_position.pk, added.pk]))
    assert not PositionItem.objects.filter(pk=added.pk).exists()
    assert list(draft_position.items.values_list("order", flat=True)) == [1, 2]


def test_a_note_in_the_margin_appears_on_the_position_page(
    client_as, council_member, draft_position
):
    item = draft_position.items.first()
    client = client_as(council_member)
    response = client.post(
        reverse("council:note_add", args=[draft_position.pk, item.pk]),
        {"text": "Sprawdzić z ustawą."},
        follow=True,
    )
    assert ItemNote.objects.filter(item=item, text="Sprawdzić z ustawą.").exists()
    assert "Sprawdzić z ustawą." in response.text


# --- Amendments -------------------------------------------------------------------------


def test_a_member_proposes_an_amendment_and_the_drafter_sees_accept_and_reject(
    client_as, recused_member, council_member, draft_position
):
    item = draft_position.items.order_by("order")[1]
    response = client_as(recused_member).post(
        reverse("council:amendment_propose", args=[draft_position.pk, item.pk]),
        {
            "text": "Rada opiniuje program przed jego przyjęciem przez Radę Miasta.",
            "reason": "Precyzja.",
        },
    )
    amendment = Amendment.objects.get(item=item)
    assert response.status_code == 302
    page = client_as(council_member).get(
        reverse("council:position_detail", args=[draft_position.pk])
    )
    assert reverse("council:amendment_accept", args=[amendment.pk]) in page.text
    assert reverse("council:amendment_reject", args=[amendment.pk]) in page.text


def test_members_other_than_the_drafter_and_the_chair_cannot_decide(
    client_as, recused_member, draft_position
):
    amendment = Amendment.objects.get(item__position=draft_position)
    client = client_as(recused_member)
    page = client.get(reverse("council:position_detail", args=[draft_position.pk]))
    assert reverse("council:amendment_accept", args=[amendment.pk]) not in page.text
    response = client.post(reverse("council:amendment_accept", args=[amendment.pk]), follow=True)
    assert response.context["messages"]  # refused with a message, not a 500
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.PROPOSED


def test_the_chair_accepts_an_amendment_and_the_item_takes_its_text(
    client_as, chair, draft_position
):
    amendment = Amendment.objects.get(item__position=draft_position)
    response = client_as(chair).post(
        reverse("council:amendment_accept", args=[amendment.pk]), follow=True
    )
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.ACCEPTED
    assert amendment.item.text == "Konsultacje trwają co najmniej 35 dni."
    assert "Konsultacje trwają co najmniej 35 dni." in response.text


def test_amending_an_adopted_position_is_refused_and_changes_nothing(
    client_as, council_member, adopted_position
):
    item = adopted_position.items.first()
    response = client_as(council_member).post(
        reverse("council:amendment_propose", args=[adopted_position.pk, item.pk]),
        {"text": "Inny tekst.", "reason": "Za późno."},
    )
    assert response.status_code == 200
    assert not_a_draft(PositionStatus.ADOPTED) in response.text
    assert not Amendment.objects.filter(item=item).exists()


def test_an_adopted_position_offers_no_drafting_tools(client_as, chair, adopted_position):
    response = client_as(chair).get(reverse("council:position_detail", args=[adopted_position.pk]))
    assert response.context["can_edit"] is False
    assert response.context["can_propose"] is False
    assert reverse("council:position_edit", args=[adopted_position.pk]) not in response.text


def test_editing_an_item_of_a_position_being_voted_on_is_refused(
    client_as, council_member, voting_position
):
    item = voting_position.items.first()
    response = client_as(council_member).post(
        reverse("council:item_update", args=[voting_position.pk, item.pk]),
        item_data(item, "Zmiana w trakcie głosowania."),
    )
    assert response.status_code == 200
    assert not_a_draft(PositionStatus.VOTING) in response.text
    item.refresh_from_db()
    assert item.text == "Rada popiera projekt."


def test_the_drafter_withdraws_a_draft(client_as, council_member, draft_position):
    response = client_as(council_member).post(
        reverse("council:position_withdraw", args=[draft_position.pk]), follow=True
    )
    draft_position.refresh_from_db()
    assert draft_position.status == PositionStatus.WITHDRAWN
    assert messages_of(response)
