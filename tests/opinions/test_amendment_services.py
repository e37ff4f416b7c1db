"""Amendments: any member proposes; the drafter or the chair accepts (the item changes,
history kept) or rejects; a stale base is refused with the current text."""

import pytest
from django.core.exceptions import ValidationError

from core.exceptions import NotAllowed
from opinions import services
from opinions.exceptions import AmendmentDecided, NotCouncilMember, PositionNotEditable, StaleItem
from opinions.models import AmendmentStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(opinion):
    return opinion.items.get(order=1)


@pytest.fixture
def amendment(item, secretary, members):
    return services.amendment_propose(
        item=item,
        actor=secretary,
        text="Konsultacje trwają co najmniej 35 dni.",
        reason="30 dni to za mało w okresie wakacji.",
    )


def test_a_member_proposes_an_amendment_on_the_current_revision(amendment, item):
    assert amendment.status == AmendmentStatus.PROPOSED
    assert amendment.base_revision == 1
    item.refresh_from_db()
    assert item.text == "Konsultacje trwają co najmniej 30 dni."


def test_the_drafter_accepts_and_the_item_changes_with_its_history(amendment, item, council_member):
    services.amendment_accept(amendment=amendment, actor=council_member)

    item.refresh_from_db()
    amendment.refresh_from_db()
    assert item.text == "Konsultacje trwają co najmniej 35 dni."
    assert item.revision == 2
    assert amendment.status == AmendmentStatus.ACCEPTED
    assert amendment.decided_by == council_member
    assert item.revisions.get(revision=2).amendment == amendment


def test_the_chair_rejects_and_the_item_stays(amendment, item, chair):
    services.amendment_reject(amendment=amendment, actor=chair)

    item.refresh_from_db()
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.REJECTED
    assert item.revision == 1


@pytest.mark.parametrize("persona", ["secretary", "recused_member", "former_member", "official"])
def test_others_do_not_decide_amendments(amendment, persona, request):
    with pytest.raises(NotAllowed):
        services.amendment_accept(amendment=amendment, actor=request.getfixturevalue(persona))
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.PROPOSED


def test_an_amendment_on_a_stale_revision_is_refused_with_the_current_text(
    amendment, item, chair, council_member
):
    services.item_update(item=item, actor=chair, expected_revision=1, text="Inny tekst.")

    with pytest.raises(StaleItem) as refused:
        services.amendment_accept(amendment=amendment, actor=council_member)

    assert refused.value.current_text == "Inny tekst."
    assert refused.value.extra["current_text"] == "Inny tekst."
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.PROPOSED
    # The stale amendment can still be rejected.
    services.amendment_reject(amendment=amendment, actor=council_member)


def test_an_amendment_is_decided_once(amendment, council_member):
    services.amendment_reject(amendment=amendment, actor=council_member)
    with pytest.raises(AmendmentDecided):
        services.amendment_accept(amendment=amendment, actor=council_member)


def test_a_proposal_equal_to_the_text_is_refused(item, secretary, members):
    with pytest.raises(ValidationError):
        services.amendment_propose(item=item, actor=secretary, text=item.text)


def test_amending_an_adopted_position_is_refused(members, position_in, council_member):
    item = position_in("adopted").items.get()

    with pytest.raises(PositionNotEditable):
        services.amendment_propose(item=item, actor=council_member, text="Zmiana.")

    assert not item.amendments.exists()


def test_people_without_a_seat_do_not_propose(item, members, former_member, ngo_representative):
    for person in (former_member, ngo_representative):
        with pytest.raises(NotCouncilMember):
            services.amendment_propose(item=item, actor=person, text="Zmiana.")
