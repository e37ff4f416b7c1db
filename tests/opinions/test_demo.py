"""The council's demo data: the Sopot NGO Council, its term, nine members and a former
one, and a position at each stage of work. Seeding twice changes nothing."""

from io import StringIO

import pytest
from django.utils import timezone

from accounts.demo import seed_accounts
from core.models import AuditEvent
from opinions import permissions
from opinions.demo import seed_council
from opinions.models import (
    Council,
    Office,
    Position,
    PositionKind,
    PositionStatus,
    TermMember,
    Vote,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts():
    return seed_accounts(StringIO())


@pytest.fixture
def demo_consultation(accounts):
    consultation = factories.ConsultationFactory(title="Program współpracy na 2027 rok")
    provisions = factories.ProvisionFactory.create_batch(4, version=consultation.version)
    for index, provision in enumerate(provisions):
        factories.CommentFactory(
            consultation=consultation,
            provision=provision,
            organisation=accounts.organisations["other.ngo@example.org"],
            proposed_wording=f"Uwaga numer {index + 1}.",
        )
    return consultation


def test_the_demo_council_has_nine_members_and_a_former_one(accounts, demo_consultation):
    out = StringIO()
    council = seed_council(out, accounts=accounts, consultation=demo_consultation)

    term = council.terms.get()
    assert term.is_current
    active = TermMember.objects.active_on(timezone.localdate()).filter(term=term)
    emails = sorted(active.values_list("user__email", flat=True))
    assert emails == sorted(
        [
            "chair@example.org",
            "secretary@example.org",
            "council@example.org",
            "council2@example.org",
            "council3@example.org",
            "council4@example.org",
            "council5@example.org",
            "council6@example.org",
            "ngo.rep@example.org",
        ]
    )
    former = TermMember.objects.get(term=term, user__email="council7@example.org")
    assert not permissions.is_council_member(former.user, term)
    assert active.get(office=Office.CHAIR).user.email == "chair@example.org"
    assert active.get(office=Office.SECRETARY).user.email == "secretary@example.org"
    assert active.get(user__email="council6@example.org").co_opted
    assert all(seat.organisation.is_verified for seat in active.select_related("organisation"))
    assert all(seat.user.email_verified for seat in active.select_related("user"))
    assert "Demo council" in out.getvalue()


def test_the_demo_has_a_position_at_each_stage(accounts, demo_consultation):
    seed_council(StringIO(), accounts=accounts, consultation=demo_consultation)

    adopted = Position.objects.get(status=PositionStatus.ADOPTED)
    assert adopted.number_label == f"1/{timezone.localdate().year}"
    assert adopted.kind == PositionKind.NGO_OF_THE_YEAR
    voting = Position.objects.get(status=PositionStatus.VOTING)
    open_vote = Vote.objects.open().get()
    assert open_vote.position == voting
    assert open_vote.ballots.count() == 3
    assert open_vote.recusals.get().member.user.email == "ngo.rep@example.org"
    assert voting.request.organisation == accounts.organisations["ngo.rep@example.org"]
    draft = Position.objects.get(status=PositionStatus.DRAFT)
    assert draft.consultation == demo_consultation
    # Two comments taken one by one, two merged into the third item.
    assert draft.items.count() == 3
    assert draft.items.get(order=3).sources.count() == 2
    assert draft.items.get(order=1).amendments.get().is_pending
    assert AuditEvent.objects.filter(verb="vote.closed").count() == 1


def test_seeding_twice_changes_nothing(accounts, demo_consultation):
    seed_council(StringIO(), accounts=accounts, consultation=demo_consultation)
    counts = [model.objects.count() for model in (Council, TermMember, Position, Vote)]

    seed_council(StringIO(), accounts=accounts, consultation=demo_consultation)

    assert [model.objects.count() for model in (Council, TermMember, Position, Vote)] == counts


def test_without_a_consultation_there_is_no_opinion_in_drafting(accounts):
    seed_council(StringIO(), accounts=accounts)
    assert not Position.objects.filter(status=PositionStatus.DRAFT).exists()
