"""The council's scene for the page tests, made through the services as people make it.

Personas, besides those of ``tests/conftest.py``:

- ``chair`` and ``secretary``: officers of the current term; they open and close votes.
- ``council_member``: a member of the current term; drafts the positions below.
- ``recused_member``: a member representing ``ngo``, the organisation that asked the council
  for an opinion on its offer; recused from the vote on it automatically.
- ``former_member``: left the council last month; reads public things only.
- ``ngo_representative`` (tests/conftest.py): asked the council for that opinion.
- ``official`` (tests/conftest.py): a city official without a council seat.

Positions, one per state: ``draft_position`` (an opinion on ``consultation`` built from two
NGO comments, with a pending amendment and a note), ``voting_position`` (open by
circulation until the day after tomorrow), ``adopted_position`` and ``rejected_position``
(closed votes), and ``requested_position`` (made from ``ngo_representative``'s request).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from opinions import services
from opinions.models import BallotChoice, Office, Position, PositionKind, VoteMode
from tests import factories

TERM_STARTED_DAYS_AGO = 200


@pytest.fixture
def council(administrator):
    return services.council_create(
        actor=administrator,
        name="Sopocka Rada Organizacji Pozarządowych",
        short_name="SROP",
        letterhead="ul. Kościuszki 25/27, 81-704 Sopot",
    )


@pytest.fixture
def term(council, administrator):
    today = timezone.localdate()
    return services.term_create(
        council=council,
        actor=administrator,
        name="Kadencja 2026–2029",
        starts_on=today - dt.timedelta(days=TERM_STARTED_DAYS_AGO),
        ends_on=today + dt.timedelta(days=900),
    )


@pytest.fixture
def make_member(term, administrator):
    """``make_member(name, office=..., organisation=...)``: a person with a seat in the
    current term, representing an organisation they belong to (a new one by default)."""

    def make(full_name, *, office=Office.MEMBER, organisation=None):
        user = factories.UserFactory(full_name=full_name)
        organisation = organisation or factories.OrganisationFactory()
        factories.MembershipFactory(user=user, organisation=organisation)
        services.member_add(
            term=term,
            actor=administrator,
            user=user,
            organisation=organisation,
            office=office,
            joined_on=term.starts_on,
        )
        return user

    return make


@pytest.fixture
def chair(make_member):
    return make_member("Celina Przewodnicząca", office=Office.CHAIR)


@pytest.fixture
def secretary(make_member):
    return make_member("Sebastian Sekretarz", office=Office.SECRETARY)


@pytest.fixture
def council_member(make_member):
    return make_member("Marek Członek")


@pytest.fixture
def recused_member(make_member, ngo):
    return make_member("Roksana Wyłączona", organisation=ngo)


@pytest.fixture
def former_member(make_member, term, administrator):
    user = make_member("Feliks Były")
    seat = user.council_seats.get(term=term)
    services.member_end(
        member=seat, actor=administrator, left_on=timezone.localdate() - dt.timedelta(days=30)
    )
    return user


@pytest.fixture
def members(chair, secretary, council_member, recused_member, former_member):
    """Everyone with a seat; the four active members vote."""
    return [chair, secretary, council_member, recused_member]


# --- A consultation with NGO comments ---------------------------------------------------


@pytest.fixture
def consultation(db):
    consultation = factories.ConsultationFactory(
        title="Program współpracy z organizacjami pozarządowymi na 2027 rok"
    )
    version = consultation.version
    factories.ProvisionFactory(
        version=version, label="§ 3 ust. 1", anchor="par-3-ust-1", number="1", order=1
    )
    factories.ProvisionFactory(version=version, label="§ 5", anchor="par-5", number="5", order=2)
    return consultation


@pytest.fixture
def comments(consultation, ngo, other_ngo):
    first, second = consultation.version.provisions.order_by("order")
    return [
        factories.CommentFactory(
            consultation=consultation,
            provision=first,
            organisation=ngo,
            proposed_wording="Konsultacje trwają co najmniej 30 dni.",
        ),
        factories.CommentFactory(
            consultation=consultation,
            provision=second,
            organisation=other_ngo,
            proposed_wording="Rada opiniuje program przed jego przyjęciem.",
        ),
    ]


# --- Positions, one per state ------------------------------------------------------------


def make_position(drafter, term, *, subject, items=("Rada popiera projekt.",), **fields):
    position = services.position_create(
        term=term,
        actor=drafter,
        kind=fields.pop("kind", PositionKind.GENERAL),
        subject=subject,
        **fields,
    )
    for text in items:
        services.item_add(position=position, actor=drafter, text=text)
    return position


def open_vote(position, chair, *, mode=VoteMode.CIRCULATION, days=2):
    deadline = timezone.now() + dt.timedelta(days=days) if mode == VoteMode.CIRCULATION else None
    return services.vote_open(position=position, actor=chair, mode=mode, deadline=deadline)


def decide(position, chair, secretary, voters, choice):
    """Open a circulation vote, let ``voters`` cast ``choice``, close it."""
    vote = open_vote(position, chair)
    for voter in voters:
        services.ballot_cast(vote=vote, actor=voter, choice=choice)
    return services.vote_close(vote=vote, actor=secretary)


@pytest.fixture
def draft_position(members, term, council_member, secretary, consultation, comments):
    position = make_position(
        council_member,
        term,
        subject="opinia w sprawie projektu programu współpracy na 2027 rok",
        kind=PositionKind.CONSULTATION_OPINION,
        consultation=consultation,
        justification="Rada zebrała uwagi organizacji.",
        items=(),
    )
    items = services.items_from_comments(position=position, actor=council_member, comments=comments)
    services.amendment_propose(
        item=items[0],
        actor=secretary,
        text="Konsultacje trwają co najmniej 35 dni.",
        reason="Wakacje skracają realny czas.",
    )
    services.note_add(item=items[1], actor=secretary, text="Zapytać wydział o harmonogram.")
    return Position.objects.get(pk=position.pk)


@pytest.fixture
def voting_position(members, term, council_member, chair):
    position = make_position(council_member, term, subject="stanowisko w sprawie budżetu")
    open_vote(position, chair)
    return Position.objects.get(pk=position.pk)


@pytest.fixture
def adopted_position(members, term, council_member, chair, secretary):
    position = make_position(
        council_member, term, subject="stanowisko w sprawie lokali dla organizacji"
    )
    decide(position, chair, secretary, members, BallotChoice.FOR)
    return Position.objects.get(pk=position.pk)


@pytest.fixture
def rejected_position(members, term, council_member, chair, secretary):
    position = make_position(council_member, term, subject="stanowisko w sprawie parkingów")
    decide(position, chair, secretary, members, BallotChoice.AGAINST)
    return Position.objects.get(pk=position.pk)


@pytest.fixture
def council_request(members, ngo, ngo_representative):
    return services.request_submit(
        organisation=ngo,
        actor=ngo_representative,
        kind="offer_opinion",
        subject="Oferta: Sopockie Forum Seniorów",
        description="Prosimy o opinię o naszej ofercie realizacji zadania publicznego.",
    )


@pytest.fixture
def requested_position(council_request, chair):
    position = Position.objects.get(request=council_request)
    services.item_add(position=position, actor=chair, text="Rada pozytywnie opiniuje ofertę.")
    return Position.objects.get(pk=position.pk)
