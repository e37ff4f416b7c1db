"""The council's scene, made through the services as people make it.

Personas, besides those of ``tests/conftest.py``:

- ``chair`` and ``secretary``: officers of the current ``term``; they open and close votes.
- ``council_member``: a member of the current term.
- ``recused_member``: a member representing ``ngo``; recused automatically from votes on
  positions about ``ngo`` (such as those ``ngo_representative`` asks for).
- ``former_member``: sat in the term and left it a month ago; reads public things only.
- ``ngo_representative`` (tests/conftest.py): asks the council for opinions (requester).
- ``official`` (tests/conftest.py): a city official without a council seat.

``position_in(state)`` makes a position that ``ngo_representative`` asked for (an opinion
on ``ngo``'s offer), in one of the states draft, voting, adopted and rejected.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from accounts.models import User
from opinions import services
from opinions.models import BallotChoice, Office, Position, RequestKind, VoteMode
from tests import factories

TERM_STARTED_DAYS_AGO = 200
STATES = ["draft", "voting", "adopted", "rejected"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Throttle counters live in the cache; every test starts with none."""
    cache.clear()


@pytest.fixture
def council(administrator):
    return services.council_create(
        actor=administrator,
        name="Sopocka Rada Organizacji Pozarządowych",
        short_name="SROP",
        letterhead="ul. Kościuszki 25/27\n81-704 Sopot",
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
    current term since its start, representing an organisation they belong to."""

    def make(full_name, *, office=Office.MEMBER, organisation=None, joined_on=None):
        user = factories.UserFactory(full_name=full_name)
        organisation = organisation or factories.OrganisationFactory()
        factories.MembershipFactory(user=user, organisation=organisation)
        services.member_add(
            term=term,
            actor=administrator,
            user=user,
            organisation=organisation,
            office=office,
            joined_on=joined_on or term.starts_on,
        )
        return user

    return make


def seat_of(user, term):
    return user.council_seats.get(term=term)


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
    services.member_end(
        member=seat_of(user, term),
        actor=administrator,
        left_on=timezone.localdate() - dt.timedelta(days=30),
    )
    return user


@pytest.fixture
def members(chair, secretary, council_member, recused_member, former_member):
    """Everyone with a seat; the four active members vote."""
    return [chair, secretary, council_member, recused_member]


def fresh(user):
    """The user read again, so nothing cached on the object hides a query."""
    return User.objects.get(pk=user.pk) if user is not None and user.is_authenticated else user


# --- A consultation with NGO comments ---------------------------------------------------


@pytest.fixture
def consultation(db):
    consultation = factories.ConsultationFactory(
        title="Program współpracy z organizacjami pozarządowymi na 2027 rok"
    )
    version = consultation.version
    factories.ProvisionFactory(version=version, label="§ 3 ust. 1", anchor="par-3-ust-1", order=1)
    factories.ProvisionFactory(version=version, label="§ 5", anchor="par-5", order=2)
    return consultation


@pytest.fixture
def provisions(consultation):
    return list(consultation.version.provisions.order_by("order"))


@pytest.fixture
def comments(consultation, provisions, ngo, other_ngo):
    first, second = provisions
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


@pytest.fixture
def opinion(term, council_member, consultation, comments):
    """A draft opinion on ``consultation`` drafted by ``council_member``, with one item per
    NGO comment."""
    position = services.position_create(
        term=term,
        actor=council_member,
        kind="consultation_opinion",
        subject="Opinia o projekcie programu współpracy",
        consultation=consultation,
    )
    services.items_from_comments(position=position, actor=council_member, comments=comments)
    return position


# --- Positions in each state ------------------------------------------------------------


def requested_position(ngo, ngo_representative, member) -> Position:
    request = services.request_submit(
        organisation=ngo,
        actor=ngo_representative,
        kind=RequestKind.OFFER_OPINION,
        subject="Opinia o ofercie na prowadzenie klubu seniora",
        description="Oferta w otwartym konkursie ofert na 2027 rok.",
    )
    position = Position.objects.get(request=request)
    services.item_add(position=position, actor=member, text="Rada pozytywnie opiniuje ofertę.")
    return position


def vote_on(position, *, chair, secretary, council_member, choices):
    vote = services.vote_open(
        position=position,
        actor=chair,
        mode=VoteMode.CIRCULATION,
        deadline=timezone.now() + dt.timedelta(days=2),
    )
    for user, choice in zip((chair, secretary, council_member), choices, strict=False):
        services.ballot_cast(vote=vote, actor=user, choice=choice)
    return vote


def adopt(position, *, chair, secretary, council_member, recused_member):
    """Everyone votes for by circulation; the secretary closes the vote."""
    vote = services.vote_open(
        position=position,
        actor=chair,
        mode=VoteMode.CIRCULATION,
        deadline=timezone.now() + dt.timedelta(days=2),
    )
    for user in (chair, secretary, council_member, recused_member):
        services.ballot_cast(vote=vote, actor=user, choice=BallotChoice.FOR)
    return services.vote_close(vote=vote, actor=secretary)


@pytest.fixture
def position_in(members, ngo, ngo_representative, chair, secretary, council_member):
    """``position_in(state)``: a position about ``ngo``, asked for by
    ``ngo_representative``, in that state. Voting: open by circulation until the day
    after tomorrow, nobody has voted. Adopted: 3 for (``recused_member`` recused).
    Rejected: 2 against, 1 for."""

    def make(state):
        position = requested_position(ngo, ngo_representative, council_member)
        if state == "draft":
            return position
        choices = {
            "voting": [],
            "adopted": [BallotChoice.FOR] * 3,
            "rejected": [BallotChoice.AGAINST, BallotChoice.AGAINST, BallotChoice.FOR],
        }[state]
        vote = vote_on(
            position,
            chair=chair,
            secretary=secretary,
            council_member=council_member,
            choices=choices,
        )
        if state != "voting":
            services.vote_close(vote=vote, actor=secretary)
        position.refresh_from_db()
        return position

    return make


def open_circulation(position, actor, days=2):
    return services.vote_open(
        position=position,
        actor=actor,
        mode=VoteMode.CIRCULATION,
        deadline=timezone.now() + dt.timedelta(days=days),
    )


# --- The API ----------------------------------------------------------------------------

API = "/api/v1/council"


def url(*parts):
    return "/".join([API, *(str(part) for part in parts)]) + "/"


def deadline(days=2):
    return (timezone.now() + dt.timedelta(days=days)).isoformat()
