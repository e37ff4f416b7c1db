"""Query counts of the position, vote, workspace and list endpoints stay constant: each
is measured with some data and with ten times as much."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from opinions import services
from opinions.models import BallotChoice, VoteMode
from tests import factories
from tests.opinions.conftest import fresh, requested_position

pytestmark = pytest.mark.django_db

API = "/api/v1/council"
SCALES = [pytest.param(1, id="some"), pytest.param(10, id="ten-times")]


@pytest.fixture
def rich_opinion(opinion, consultation, provisions, council_member, secretary, members):
    """``rich_opinion(scale)``: the opinion with 2 × scale more items pulled from comments,
    each with an amendment and a note."""

    def make(scale):
        comments = [
            factories.CommentFactory(consultation=consultation, provision=provisions[n % 2])
            for n in range(2 * scale)
        ]
        items = services.items_from_comments(
            position=opinion, actor=council_member, comments=comments
        )
        for item in items:
            services.amendment_propose(item=item, actor=secretary, text=f"Zmiana {item.pk}.")
            services.note_add(item=item, actor=secretary, text="Uwaga na marginesie.")
        return opinion

    return make


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("persona", ["council_member", "administrator"])
def test_the_position_detail_takes_six_queries(
    api_as, rich_opinion, django_assert_num_queries, scale, persona, request
):
    position = rich_opinion(scale)
    client = api_as(fresh(request.getfixturevalue(persona)))
    # 1. the position with council, term, consultation, organisation, drafter and request,
    #    filtered by what the viewer may see (their seats and organisations as subqueries);
    # 2. its items with provisions and authors; 3. the items' source comments with their
    # organisations and provisions; 4. amendments with proposer and decider; 5. notes with
    # authors; 6. votes with who opened and closed them.
    with django_assert_num_queries(6):
        response = client.get(f"{API}/positions/{position.pk}/")
    assert response.status_code == 200
    assert len(response.json()["items"]) == 2 + 2 * scale


@pytest.mark.parametrize("scale", SCALES)
def test_the_position_list_takes_two_queries(
    api_as, term, council_member, members, django_assert_num_queries, scale
):
    for _n in range(3 * scale):
        position = factories.PositionFactory(term=term, drafter=council_member)
        factories.PositionItemFactory(position=position)
    factories.PositionFactory(
        term=term, status="adopted", number=1, year=2026, adopted_at=timezone.now()
    )
    client = api_as(fresh(council_member))
    # 1. COUNT of the visible positions; 2. the page with related rows and item counts.
    with django_assert_num_queries(2):
        response = client.get(f"{API}/positions/")
    assert response.json()["count"] == 3 * scale + 1


@pytest.fixture
def big_vote(term, chair, secretary, council_member, members, opinion):
    """``big_vote(scale)``: a circulation vote on ``opinion`` with 3 × scale extra
    members who all voted, besides the chair, secretary and ``council_member``."""

    def make(scale):
        extra = factories.TermMemberFactory.create_batch(3 * scale, term=term)
        vote = services.vote_open(
            position=opinion,
            actor=chair,
            mode=VoteMode.CIRCULATION,
            deadline=timezone.now() + dt.timedelta(days=1),
        )
        for seat in extra:
            factories.BallotFactory(vote=vote, member=seat, choice=BallotChoice.AGAINST)
        for user in (chair, secretary, council_member):
            services.ballot_cast(vote=vote, actor=user, choice=BallotChoice.FOR)
        return vote

    return make


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize(
    ("persona", "closed", "queries"),
    [
        # The public sees a closed vote: names by choice and the roll.
        ("anonymous", True, 5),
        # The chair sees the roll of an open vote: one more query for the chair's seat.
        ("chair", False, 6),
        # A member sees an open vote without the names.
        ("council_member", False, 5),
    ],
)
def test_the_vote_detail_takes_a_constant_number_of_queries(
    api_as, big_vote, secretary, django_assert_num_queries, scale, persona, closed, queries, request
):
    vote = big_vote(scale)
    if closed:
        with time_machine.travel(timezone.now() + dt.timedelta(days=2)):
            services.vote_close(vote=vote, actor=secretary)
    client = api_as(fresh(request.getfixturevalue(persona)))
    # 1. the vote with its position, council, term, consultation, organisation and request;
    # 2. ballots, 3. attendance, 4. recusals, each with members, people and organisations;
    # then for a position not yet decided 5. the viewer's seat (may they see it?), and for
    # those who see the names 6. the roll: every member entitled to the vote.
    with django_assert_num_queries(queries):
        response = client.get(f"{API}/votes/{vote.pk}/")
    assert response.status_code == 200
    assert response.json()["ballot_count"] == 3 + 3 * scale


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("persona", ["council_member", "chair"])
def test_the_workspace_takes_eight_queries(
    api_as,
    members,
    ngo,
    ngo_representative,
    chair,
    secretary,
    council_member,
    rich_opinion,
    django_assert_num_queries,
    scale,
    persona,
    request,
):
    rich_opinion(scale)
    for _n in range(scale):
        position = requested_position(ngo, ngo_representative, council_member)
        vote = services.vote_open(
            position=position,
            actor=chair,
            mode=VoteMode.CIRCULATION,
            deadline=timezone.now() + dt.timedelta(days=1),
        )
        services.ballot_cast(vote=vote, actor=secretary, choice=BallotChoice.FOR)
        requested_position(ngo, ngo_representative, council_member)
    client = api_as(fresh(request.getfixturevalue(persona)))
    # 1. the current term, 2. the viewer's seat with person and organisation, 3. drafts and
    # positions being voted on (with counts), 4. recently decided positions, 5. open votes
    # (with the viewer's ballot and recusal), 6. amendments to decide, 7. the term's
    # requests, 8. their attachments.
    with django_assert_num_queries(8):
        response = client.get(f"{API}/workspace/")
    body = response.json()
    assert len(body["positions"]["voting"]) == scale
    assert len(body["votes_awaiting_ballot"]) == scale
    assert len(body["requests"]) == 2 * scale
