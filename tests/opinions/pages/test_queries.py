"""The council's busiest pages take the same number of queries for ten times the data:
the workspace, a position's page and a vote's page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opinions import services
from opinions.models import BallotChoice, PositionKind
from tests import factories
from tests.opinions.pages.conftest import decide, make_position, open_vote
from tests.opinions.pages.helpers import vote_of

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 20  # ten times the data


@pytest.fixture
def busy_term(members, term, council_member, chair, secretary, ngo, ngo_representative):
    """``busy_term(n)``: n drafts, n positions being voted on, n decided ones and n
    requests from an organisation in the current term."""

    def make(count):
        for number in range(count):
            make_position(council_member, term, subject=f"projekt {number}")
            open_vote(make_position(council_member, term, subject=f"głosowane {number}"), chair)
            decide(
                make_position(council_member, term, subject=f"przyjęte {number}"),
                chair,
                secretary,
                members,
                BallotChoice.FOR,
            )
            services.request_submit(
                organisation=ngo,
                actor=ngo_representative,
                kind="recommendation",
                subject=f"prośba {number}",
                description="Prosimy o rekomendację.",
            )

    return make


@pytest.mark.parametrize("count", [SMALL, LARGE])
def test_the_workspace_takes_the_same_queries_for_ten_times_the_positions(
    client_as, council_member, busy_term, django_assert_num_queries, count
):
    busy_term(count)
    client = client_as(council_member)
    # 1 session, 2 user, 3 the current term, 4 the member's seat, 5 drafts and positions
    # being voted on (with council, consultation, organisation, drafter, request, counts of
    # items and pending amendments), 6 recently decided positions, 7 open votes (with "my
    # ballot", "recused" and ballot counts), 8 amendments the member decides, 9 the term's
    # requests, 10 their attachments, 11 does the member represent an organisation (the
    # link to a new request).
    # 12. the unread notifications counted for the header.
    with django_assert_num_queries(12):
        response = client.get(reverse("council:workspace"))
    assert len(response.context["waiting_votes"]) == count
    assert len(response.context["council_requests"]) == count


@pytest.fixture
def long_draft(members, term, council_member, secretary, consultation, ngo):
    """``long_draft(n)``: an opinion on ``consultation`` with n items pulled from n NGO
    comments, each item with a pending amendment and a note."""

    def make(count):
        comments = [
            factories.CommentFactory(consultation=consultation, organisation=ngo)
            for _ in range(count)
        ]
        position = make_position(
            council_member,
            term,
            subject="opinia",
            kind=PositionKind.CONSULTATION_OPINION,
            consultation=consultation,
            items=(),
        )
        items = services.items_from_comments(
            position=position, actor=council_member, comments=comments
        )
        for number, item in enumerate(items):
            services.amendment_propose(
                item=item, actor=secretary, text=f"Nowe brzmienie {number}.", reason="Jaśniej."
            )
            services.note_add(item=item, actor=secretary, text=f"Notatka {number}.")
        return position

    return make


@pytest.mark.parametrize("count", [SMALL, LARGE])
def test_a_draft_takes_the_same_queries_for_ten_times_the_items(
    client_as, council_member, long_draft, django_assert_num_queries, count
):
    position = long_draft(count)
    client = client_as(council_member)
    # 1 session, 2 user, 3 the position (council, term, consultation, organisation, drafter,
    # request), 4 its items with provisions, 5 their source comments with organisations and
    # provisions, 6 amendments with who proposed and decided, 7 notes with authors, 8 votes,
    # 9 the viewer's seat (asked once for every button), 10 the position's documents.
    # 11. the unread notifications counted for the header.
    with django_assert_num_queries(11):
        response = client.get(reverse("council:position_detail", args=[position.pk]))
    assert len(response.context["items"]) == count
    assert len(response.context["decidable"]) == count  # the drafter decides each one


@pytest.mark.parametrize("count", [SMALL, LARGE])
def test_a_decided_position_takes_the_same_queries_for_ten_times_the_items(
    client, members, term, council_member, chair, secretary, django_assert_num_queries, count
):
    position = make_position(
        council_member, term, subject="stanowisko", items=[f"Punkt {n}." for n in range(count)]
    )
    decide(position, chair, secretary, members, BallotChoice.FOR)
    # 1 the position, 2 items, 3 sources, 4 amendments, 5 notes, 6 votes; the deciding vote
    # with 7 its ballots, 8 attendance, 9 recusals (members and people) and 10 the vote;
    # 11 the position's documents.
    with django_assert_num_queries(11):
        response = client.get(reverse("council:position_detail", args=[position.pk]))
    assert len(response.context["items"]) == count


@pytest.fixture
def crowded_vote(members, term, make_member, council_member, chair, secretary):
    """``crowded_vote(n, close=…)``: a vote by circulation with n more members than the
    scene's, every one of whom has voted; closed when asked."""

    def make(extra, *, close):
        voters = members + [make_member(f"Członek {number}") for number in range(extra)]
        position = make_position(council_member, term, subject="stanowisko tłumne")
        vote = open_vote(position, chair)
        for voter in voters:
            services.ballot_cast(vote=vote, actor=voter, choice=BallotChoice.FOR)
        if close:
            services.vote_close(vote=vote, actor=secretary)
        return vote_of(position), voters

    return make


@pytest.mark.parametrize("extra", [SMALL, LARGE])
def test_an_open_vote_takes_the_same_queries_for_ten_times_the_members(
    client_as, chair, crowded_vote, django_assert_num_queries, extra
):
    vote, voters = crowded_vote(extra, close=False)
    client = client_as(chair)
    # 1 session, 2 user, 3 the vote with its position, 4 ballots, 5 attendance, 6 recusals
    # (each with member, person, organisation), 7 the viewer's seat, 8 the members entitled,
    # 9 the items voted on (with provisions), 10 their source comments (an item quoting a
    # hidden comment is withheld, opinions.presenters).
    # 11. the unread notifications counted for the header.
    with django_assert_num_queries(11):
        response = client.get(reverse("council:vote_detail", args=[vote.pk]))
    assert response.context["ballot_count"] == len(voters)
    assert response.context["can_close"] is True


@pytest.mark.parametrize("extra", [SMALL, LARGE])
def test_a_closed_vote_takes_the_same_queries_for_ten_times_the_members(
    client, crowded_vote, django_assert_num_queries, extra
):
    vote, voters = crowded_vote(extra, close=True)
    # 1 the vote with its position, 2 ballots, 3 attendance, 4 recusals (each with member,
    # person and organisation), 5 the items voted on; the counts were stored at the close.
    with django_assert_num_queries(5):
        response = client.get(reverse("council:vote_detail", args=[vote.pk]))
    names = dict(response.context["names_by_choice"])
    assert len(next(iter(names.values()))) == len(voters)
