"""Who on the council hears what, and what the mail says (``opinions.notifications``):
a vote to the members entitled to it (never the recused or a former member), the reminder
before a circulation deadline to those who have not voted (once), the result to the
members, an adopted position also to the organisation that asked, a request's decision to
its requester."""

import datetime as dt

import pytest
import time_machine

from core.dates import moment_text
from opinions import notifications, services
from opinions.models import BallotChoice, CouncilRequest, Position, RequestKind
from tests import factories
from tests.mailbox import addressees, clear, deliver, one_to, sent
from tests.opinions.conftest import open_circulation, requested_position

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rendering(monkeypatch):
    """The resolution's PDF is not rendered here (``documents`` is tested on its own): the
    mail must not wait for it, and links it only once a ready one exists."""
    monkeypatch.setattr("opinions.services.vote_results.document_queue", lambda **arguments: None)


@pytest.fixture
def asked(members, ngo, ngo_representative, council_member) -> Position:
    """An opinion on ``ngo``'s offer, asked for by ``ngo_representative``; a draft."""
    position = requested_position(ngo, ngo_representative, council_member)
    clear()
    return position


def emails(*users):
    return {user.email for user in users}


def test_a_vote_goes_to_the_entitled_members_with_its_deadline(
    asked, chair, secretary, council_member, recused_member, former_member, ngo_representative
):
    vote = open_circulation(asked, chair)

    vote_subject = "Głosowanie: Opinia o ofercie na prowadzenie klubu seniora"
    assert addressees(vote_subject) == emails(chair, secretary, council_member)
    message = one_to(council_member.email, vote_subject)
    assert f"Oddaj głos do {moment_text(vote.deadline)}" in message.body
    assert f"/council/votes/{vote.pk}/" in message.body
    # Opening the vote took the request up: its requester hears, and no one else.
    assert addressees("Rada podjęła Twój wniosek") == {"ngo.rep@example.org"}
    assert addressees() == emails(chair, secretary, council_member, ngo_representative)


def test_the_reminder_goes_once_to_the_members_who_have_not_voted(
    asked, chair, secretary, council_member, recused_member
):
    vote = open_circulation(asked, chair)
    services.ballot_cast(vote=vote, actor=chair, choice=BallotChoice.FOR)
    clear()
    day_before = vote.deadline - dt.timedelta(hours=23)

    assert notifications.remind_before_deadlines(now=vote.deadline - dt.timedelta(hours=30)) == []
    assert notifications.remind_before_deadlines(now=day_before) == [vote.pk]
    notifications.remind_before_deadlines(now=day_before + dt.timedelta(minutes=15))

    assert sorted(message.to[0] for message in sent()) == sorted(emails(secretary, council_member))
    message = one_to(secretary.email)
    assert message.subject == (
        "Zostały 24 godziny na oddanie głosu: Opinia o ofercie na prowadzenie klubu seniora"
    )
    assert moment_text(vote.deadline) in message.body


def test_the_result_and_the_adoption_reach_members_and_the_asking_organisation(
    asked,
    chair,
    secretary,
    council_member,
    recused_member,
    former_member,
    ngo_representative,
    other_ngo_representative,
):
    vote = open_circulation(asked, chair)
    for member in (chair, secretary, council_member):
        services.ballot_cast(vote=vote, actor=member, choice=BallotChoice.FOR)
    clear()

    services.vote_close(vote=vote, actor=secretary)

    members = emails(chair, secretary, council_member, recused_member)
    assert addressees("Wynik głosowania") == members
    result = one_to(council_member.email, "Wynik głosowania")
    assert "Rada przyjęła „Opinia o ofercie na prowadzenie klubu seniora”." in result.body
    assert "Za: 3, przeciw: 0" in result.body

    asked.refresh_from_db()
    adopted = f"Uchwała nr {asked.number_label}"
    assert addressees(adopted) == members | {"ngo.rep@example.org"}
    message = one_to("ngo.rep@example.org", adopted)
    assert f"/council/resolutions/{asked.pk}/" in message.body
    assert "pojawi się na jej stronie" in message.body  # rendered after the commit
    assert former_member.email not in addressees()
    assert "other.ngo@example.org" not in addressees()


def test_a_general_position_adopted_is_told_to_members_only(
    members, term, chair, secretary, council_member, recused_member, ngo_representative
):
    position = services.position_create(
        term=term, actor=council_member, kind="general", subject="Stanowisko w sprawie parków"
    )
    services.item_add(position=position, actor=council_member, text="Rada popiera parki.")
    vote = open_circulation(position, chair)
    for member in (chair, secretary, council_member, recused_member):
        services.ballot_cast(vote=vote, actor=member, choice=BallotChoice.FOR)
    clear()

    services.vote_close(vote=vote, actor=secretary)

    assert addressees("Uchwała nr") == emails(chair, secretary, council_member, recused_member)


def test_a_declined_request_tells_the_requester_the_reason(
    asked, chair, ngo_representative, council_member
):
    request = CouncilRequest.objects.get(position=asked)

    services.request_decline(request=request, actor=chair, reason="Poza zakresem Rady.")

    assert addressees() == {"ngo.rep@example.org"}
    message = one_to("ngo.rep@example.org")
    assert message.subject == (
        "Rada odrzuciła Twój wniosek: Opinia o ofercie na prowadzenie klubu seniora"
    )
    assert "Poza zakresem Rady." in message.body
    assert f"/council/requests/{request.pk}/" in message.body


def test_an_accepted_request_tells_the_requester_once(asked, chair, ngo_representative):
    request = CouncilRequest.objects.get(position=asked)

    services.request_accept(request=request, actor=chair)
    open_circulation(asked, chair)  # already taken up: no second mail

    assert addressees("Rada podjęła") == {"ngo.rep@example.org"}
    assert len([m for m in sent() if "Rada podjęła" in m.subject]) == 1


def test_a_request_by_another_organisation_is_not_told_to_this_one(
    members, ngo, other_ngo, other_ngo_representative, ngo_representative, chair
):
    request = services.request_submit(
        organisation=other_ngo,
        actor=other_ngo_representative,
        kind=RequestKind.RECOMMENDATION,
        subject="Rekomendacja dla Fundacji Morskiej",
    )
    clear()

    services.request_accept(request=request, actor=chair)

    assert addressees() == {"other.ngo@example.org"}
    assert set(notifications.request_decision_recipients(request)) == {other_ngo_representative}
    assert factories.UserFactory().email not in addressees()


def test_a_new_draft_is_shared_with_the_other_members(
    members, term, chair, secretary, council_member, recused_member, former_member
):
    clear()
    position = services.position_create(
        term=term, actor=council_member, kind="general", subject="Stanowisko w sprawie parków"
    )

    subject = "Projekt do zaopiniowania: Stanowisko w sprawie parków"
    assert addressees(subject) == emails(chair, secretary, recused_member)
    message = one_to(chair.email, subject)
    assert "czeka na uwagi i poprawki członków" in message.body
    assert f"/council/positions/{position.pk}/" in message.body
    assert council_member.full_name in message.body


def test_a_draft_made_from_a_request_is_shared_with_every_member(
    members, ngo, ngo_representative, chair, secretary, council_member, recused_member
):
    clear()
    services.request_submit(
        organisation=ngo,
        actor=ngo_representative,
        kind=RequestKind.OFFER_OPINION,
        subject="Opinia o ofercie",
    )

    assert addressees("Projekt do zaopiniowania") == emails(
        chair, secretary, council_member, recused_member
    )
    assert "Odpowiada na wniosek organizacji" in one_to(chair.email).body


def test_the_deadline_beat_under_a_frozen_clock_reminds_once(asked, chair, secretary):
    from opinions import tasks

    vote = open_circulation(asked, chair)
    clear()

    with time_machine.travel(vote.deadline - dt.timedelta(hours=20), tick=False):
        assert tasks.remind_before_deadlines() == [vote.pk]
        assert tasks.remind_before_deadlines() == []
        deliver()

    assert len(sent("Zostały 24 godziny")) == 3  # chair, secretary, council member
