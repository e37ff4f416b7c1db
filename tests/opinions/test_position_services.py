"""Drafting: positions, items pulled from NGO comments with their provenance, stale edits
refused with the current text, history, order, notes and withdrawal."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.exceptions import InvalidInput, NotAllowed
from core.models import AuditEvent
from opinions import selectors, services
from opinions.exceptions import (
    NotCouncilMember,
    PositionNotEditable,
    StaleEdit,
    StaleItem,
    StalePosition,
    TermNotCurrent,
    WrongConsultation,
)
from opinions.models import Position, PositionItem, PositionKind, PositionStatus
from tests import factories
from tests.opinions.conftest import adopt

pytestmark = pytest.mark.django_db


def texts(position):
    return list(position.items.order_by("order").values_list("order", "text"))


# --- Creating ---------------------------------------------------------------------------


def test_a_member_starts_a_draft_and_drafts_it(term, council_member):
    position = services.position_create(
        term=term, actor=council_member, kind=PositionKind.GENERAL, subject="  Stanowisko  "
    )

    assert position.status == PositionStatus.DRAFT
    assert position.drafter == council_member
    assert position.subject == "Stanowisko"
    assert position.council == term.council
    assert position.title == "Stanowisko"
    assert position.number_label == ""
    assert AuditEvent.objects.for_target(position).get().verb == "position.created"


@pytest.mark.parametrize("persona", ["former_member", "official", "ngo_representative"])
def test_only_members_start_positions(term, members, persona, request):
    with pytest.raises(NotCouncilMember):
        services.position_create(
            term=term,
            actor=request.getfixturevalue(persona),
            kind=PositionKind.GENERAL,
            subject="Stanowisko",
        )
    assert not Position.objects.exists()


def test_a_past_term_takes_no_new_positions(council, administrator, council_member, term):
    past = factories.TermFactory(
        council=council,
        starts_on=term.starts_on.replace(year=term.starts_on.year - 4),
        ends_on=term.starts_on.replace(year=term.starts_on.year - 1),
    )
    with pytest.raises(TermNotCurrent):
        services.position_create(
            term=past, actor=council_member, kind=PositionKind.GENERAL, subject="Stanowisko"
        )


def test_the_kind_decides_what_a_position_must_name(term, council_member, consultation, ngo):
    with pytest.raises(ValidationError) as missing:
        services.position_create(
            term=term,
            actor=council_member,
            kind=PositionKind.CONSULTATION_OPINION,
            subject="Opinia",
        )
    assert "consultation" in missing.value.message_dict
    with pytest.raises(ValidationError) as misplaced:
        services.position_create(
            term=term,
            actor=council_member,
            kind=PositionKind.GENERAL,
            subject="Stanowisko",
            consultation=consultation,
        )
    assert "consultation" in misplaced.value.message_dict
    with pytest.raises(ValidationError) as organisation:
        services.position_create(
            term=term, actor=council_member, kind=PositionKind.OFFER_OPINION, subject="Opinia"
        )
    assert "subject_organisation" in organisation.value.message_dict
    with pytest.raises(ValidationError):
        services.position_create(term=term, actor=council_member, kind="poem", subject="Wiersz")


def test_an_unpublished_consultation_gets_no_opinion(term, council_member):
    draft = factories.ConsultationFactory(status="draft")
    with pytest.raises(ValidationError):
        services.position_create(
            term=term,
            actor=council_member,
            kind=PositionKind.CONSULTATION_OPINION,
            subject="Opinia",
            consultation=draft,
        )


# --- Items from comments ----------------------------------------------------------------


def test_comments_become_items_that_keep_their_provision_and_source(opinion, comments, provisions):
    items = list(opinion.items.order_by("order"))

    assert [item.order for item in items] == [1, 2]
    assert [item.provision for item in items] == provisions
    assert [item.text for item in items] == [comment.proposed_wording for comment in comments]
    assert [list(item.source_comments.all()) for item in items] == [[c] for c in comments]
    assert [item.revisions.get().revision for item in items] == [1, 1]


def test_merged_comments_make_one_item_with_every_source(
    opinion, council_member, consultation, provisions, ngo
):
    same_provision = [
        factories.CommentFactory(
            consultation=consultation, provision=provisions[0], proposed_wording=text
        )
        for text in ("Pierwsza uwaga.", "Druga uwaga.")
    ]

    [item] = services.items_from_comments(
        position=opinion, actor=council_member, comments=same_provision, merge=True
    )

    assert item.order == 3
    assert item.text == "Pierwsza uwaga.\n\nDruga uwaga."
    assert item.provision == provisions[0]
    assert set(item.source_comments.all()) == set(same_provision)


def test_merging_comments_on_different_provisions_leaves_the_provision_empty(
    opinion, council_member, comments
):
    [item] = services.items_from_comments(
        position=opinion, actor=council_member, comments=comments, merge=True
    )
    assert item.provision is None


def test_a_comment_without_wording_brings_its_justification(opinion, council_member, consultation):
    comment = factories.CommentFactory(
        consultation=consultation, proposed_wording="", justification="Uzasadnienie."
    )
    [item] = services.items_from_comments(
        position=opinion, actor=council_member, comments=[comment]
    )
    assert item.text == "Uzasadnienie."


def test_only_submitted_visible_comments_of_the_consultation_are_pulled_in(
    opinion, council_member, consultation
):
    other = factories.CommentFactory()
    draft = factories.CommentFactory(
        consultation=consultation, status="draft", submitted_at=None, tracking_number=None
    )
    hidden = factories.CommentFactory(
        consultation=consultation, hidden_at=opinion.created_at, hidden_reason="Obraźliwa."
    )
    for comment in (other, draft, hidden):
        with pytest.raises(WrongConsultation):
            services.items_from_comments(position=opinion, actor=council_member, comments=[comment])
    with pytest.raises(InvalidInput):
        services.items_from_comments(position=opinion, actor=council_member, comments=[])
    assert opinion.items.count() == 2


def test_a_position_not_about_a_consultation_takes_no_comments(term, council_member, comments):
    position = services.position_create(
        term=term, actor=council_member, kind=PositionKind.GENERAL, subject="Stanowisko"
    )
    with pytest.raises(WrongConsultation):
        services.items_from_comments(position=position, actor=council_member, comments=comments)


def test_items_name_only_provisions_of_the_consulted_act(opinion, council_member):
    with pytest.raises(WrongConsultation):
        services.item_add(
            position=opinion,
            actor=council_member,
            text="Nowy punkt.",
            provision=factories.ProvisionFactory(),
        )


# --- Editing ----------------------------------------------------------------------------


def test_an_edit_changes_the_text_and_keeps_the_history(opinion, secretary, members):
    item = opinion.items.get(order=1)

    services.item_update(item=item, actor=secretary, expected_revision=1, text="Nowa treść.")

    item.refresh_from_db()
    assert (item.text, item.revision) == ("Nowa treść.", 2)
    history = list(item.revisions.order_by("revision").values_list("revision", "text"))
    assert history == [(1, "Konsultacje trwają co najmniej 30 dni."), (2, "Nowa treść.")]


def test_a_stale_edit_is_refused_with_the_current_text(opinion, secretary, chair, members):
    item = opinion.items.get(order=1)
    services.item_update(item=item, actor=chair, expected_revision=1, text="Tekst przewodniczącej.")

    with translation.override("en"), pytest.raises(StaleItem) as refused:
        services.item_update(item=item, actor=secretary, expected_revision=1, text="Mój tekst.")

    assert isinstance(refused.value, StaleEdit)
    assert (refused.value.current_text, refused.value.current_revision) == (
        "Tekst przewodniczącej.",
        2,
    )
    assert refused.value.status_code == 409
    assert "Tekst przewodniczącej." in str(refused.value.message)
    assert refused.value.extra == {"current_text": "Tekst przewodniczącej.", "current_revision": 2}
    item.refresh_from_db()
    assert item.text == "Tekst przewodniczącej."


def test_a_stale_edit_of_the_position_is_refused(opinion, council_member, chair, members):
    services.position_update(
        position=opinion, actor=chair, expected_revision=1, justification="Uzasadnienie."
    )
    with pytest.raises(StalePosition) as refused:
        services.position_update(
            position=opinion, actor=council_member, expected_revision=1, subject="Inny temat"
        )
    assert refused.value.current["justification"] == "Uzasadnienie."
    assert refused.value.current["revision"] == 2
    assert refused.value.extra == {"current": refused.value.current}
    opinion.refresh_from_db()
    assert (opinion.subject, opinion.revision) == ("Opinia o projekcie programu współpracy", 2)


def test_an_empty_text_is_refused(opinion, council_member):
    with pytest.raises(ValidationError):
        services.item_update(
            item=opinion.items.first(), actor=council_member, expected_revision=1, text="   "
        )


@pytest.mark.parametrize("state", ["voting", "adopted", "rejected"])
def test_a_position_past_drafting_is_not_edited(members, position_in, council_member, state):
    position = position_in(state)
    item = position.items.get()

    with pytest.raises(PositionNotEditable):
        services.item_update(item=item, actor=council_member, expected_revision=1, text="Zmiana.")
    with pytest.raises(PositionNotEditable):
        services.item_add(position=position, actor=council_member, text="Nowy punkt.")

    item.refresh_from_db()
    assert item.text == "Rada pozytywnie opiniuje ofertę."


def test_people_without_a_seat_do_not_edit(opinion, members, former_member, official):
    item = opinion.items.first()
    for person in (former_member, official):
        with pytest.raises(NotCouncilMember):
            services.item_update(item=item, actor=person, expected_revision=1, text="Zmiana.")


# --- Order, deletion, notes, withdrawal -------------------------------------------------


def test_items_move_and_renumber(opinion, council_member):
    third = services.item_add(position=opinion, actor=council_member, text="Trzeci.")

    services.item_move(item=third, actor=council_member, order=1)
    assert [order for order, _text in texts(opinion)] == [1, 2, 3]
    assert texts(opinion)[0] == (1, "Trzeci.")

    services.item_move(item=third, actor=council_member, order=99)
    assert texts(opinion)[-1] == (3, "Trzeci.")


def test_deleting_an_item_moves_the_next_ones_up(opinion, council_member, comments):
    services.item_delete(item=opinion.items.get(order=1), actor=council_member)

    assert texts(opinion) == [(1, "Rada opiniuje program przed jego przyjęciem.")]
    assert AuditEvent.objects.filter(verb="position_item.deleted").count() == 1


def test_notes_in_the_margin(opinion, secretary, members):
    item = opinion.items.first()
    note = services.note_add(item=item, actor=secretary, text="Do dyskusji na posiedzeniu.")
    assert list(item.notes.all()) == [note]
    with pytest.raises(ValidationError):
        services.note_add(item=item, actor=secretary, text=" ")


def test_the_drafter_withdraws_a_draft(opinion, council_member, secretary, members):
    services.position_withdraw(position=opinion, actor=council_member, reason="Nieaktualne.")
    opinion.refresh_from_db()
    assert opinion.status == PositionStatus.WITHDRAWN
    with pytest.raises(PositionNotEditable):
        services.position_withdraw(position=opinion, actor=secretary)


def test_another_member_does_not_withdraw_a_draft(opinion, recused_member, members):
    with pytest.raises(NotAllowed):
        services.position_withdraw(position=opinion, actor=recused_member)


# --- Provenance -------------------------------------------------------------------------


def test_provenance_shows_where_comments_were_taken(
    members, opinion, comments, chair, secretary, council_member, recused_member
):
    first, second = comments
    untouched = factories.CommentFactory(consultation=opinion.consultation)
    ids = [first.pk, second.pk, untouched.pk]

    # A draft is the council's business: the public sees nothing yet, members see it.
    assert selectors.provenance_for_comments(ids) == {}
    member_view = selectors.provenance_for_comments(ids, viewer=council_member)
    assert member_view == {first.pk: [(opinion, 1)], second.pk: [(opinion, 2)]}

    adopt(
        opinion,
        chair=chair,
        secretary=secretary,
        council_member=council_member,
        recused_member=recused_member,
    )
    public = selectors.provenance_for_comments(ids)
    [(position, order)] = public[second.pk]
    assert (position.pk, order, position.number_label[:2]) == (opinion.pk, 2, "1/")


def test_withdrawn_positions_leave_no_provenance(opinion, comments, council_member, administrator):
    services.position_withdraw(position=opinion, actor=council_member)
    assert selectors.provenance_for_comments([c.pk for c in comments], viewer=administrator) == {}


def test_the_comment_picker_filters_and_marks_comments_taken(
    opinion, comments, provisions, consultation, other_ngo
):
    factories.CommentFactory(consultation=consultation, provision=provisions[1])

    everything = list(selectors.comment_picker(position=opinion))
    by_provision = selectors.comment_picker(
        position=opinion, filters={"provision": provisions[1].pk}
    )
    by_organisation = selectors.comment_picker(
        position=opinion, filters={"organisation": other_ngo.pk}
    )

    assert [comment.taken_count for comment in everything] == [1, 1, 0]
    assert by_provision.count() == 2
    assert list(by_organisation) == [comments[1]]
    provision_choices, organisation_choices = selectors.comment_picker_choices(position=opinion)
    assert [label for _pk, label in provision_choices] == ["§ 3 ust. 1", "§ 5"]
    assert other_ngo.name in [name for _pk, name in organisation_choices]


def test_items_are_listed_in_order_with_their_sources(opinion, council_member):
    position = selectors.position_get_for(viewer=council_member, pk=opinion.pk)
    items = list(position.items.all())
    assert [item.order for item in items] == [1, 2]
    assert items[0].sources.all()[0].comment.organisation.name
    assert PositionItem.objects.filter(position=opinion).count() == 2
