"""A council member's work list (``opinions.selectors.council_work_for``) and the drafts
they lead in the workspace."""

from __future__ import annotations

import pytest

from accounts.viewer import viewer_for
from opinions import services
from opinions.selectors import workspace_for
from opinions.selectors.workspace import council_work_for
from tests.opinions.conftest import fresh, open_circulation, requested_position

pytestmark = pytest.mark.django_db

SCALES = [pytest.param(1, id="some"), pytest.param(10, id="ten-times")]


def scene(*, term, ngo, ngo_representative, chair, secretary, council_member):
    """A position drafted by ``council_member`` with an amendment by the secretary, and a
    position put to a circulation vote on which the secretary has voted."""
    drafted = services.position_create(
        term=term, actor=council_member, kind="general", subject="Stanowisko w sprawie parków"
    )
    item = services.item_add(position=drafted, actor=council_member, text="Rada postuluje.")
    amendment = services.amendment_propose(item=item, actor=secretary, text="Inne brzmienie.")
    voted = requested_position(ngo, ngo_representative, council_member)
    vote = open_circulation(voted, chair)
    services.ballot_cast(vote=vote, actor=secretary, choice="for")
    return {"drafted": drafted, "amendment": amendment, "vote": vote}


@pytest.fixture
def council_scene(members, term, ngo, ngo_representative, chair, secretary, council_member):
    return lambda: scene(
        term=term,
        ngo=ngo,
        ngo_representative=ngo_representative,
        chair=chair,
        secretary=secretary,
        council_member=council_member,
    )


def test_a_member_sees_their_ballots_amendments_and_drafts(council_scene, council_member):
    made = council_scene()
    work = council_work_for(viewer=viewer_for(fresh(council_member)))
    assert [vote.pk for vote in work.votes_awaiting_ballot] == [made["vote"].pk]
    assert [amendment.pk for amendment in work.amendments_to_decide] == [made["amendment"].pk]
    assert [position.pk for position in work.drafts_i_lead] == [made["drafted"].pk]


def test_a_member_who_voted_and_leads_nothing_has_an_empty_list(council_scene, secretary):
    council_scene()
    work = council_work_for(viewer=viewer_for(fresh(secretary)))
    assert work is not None
    assert work.is_empty


def test_the_chair_decides_every_amendment_but_leads_no_draft(council_scene, chair):
    made = council_scene()
    work = council_work_for(viewer=viewer_for(fresh(chair)))
    assert [amendment.pk for amendment in work.amendments_to_decide] == [made["amendment"].pk]
    assert work.drafts_i_lead == []


@pytest.mark.parametrize(
    "persona", ["former_member", "ngo_representative", "official", "resident", "anonymous"]
)
def test_only_sitting_members_have_a_council_list(council_scene, persona, request):
    council_scene()
    user = request.getfixturevalue(persona)
    assert council_work_for(viewer=viewer_for(fresh(user))) is None


@pytest.mark.parametrize("scale", SCALES)
def test_the_council_list_takes_five_queries(
    council_scene, council_member, django_assert_num_queries, scale
):
    for _ in range(scale):
        council_scene()
    viewer = viewer_for(fresh(council_member))
    # 1. the current term, 2. the member's seat, 3. the open votes with the member's ballot
    # and recusal, 4. the amendments to decide, 5. the drafts the member leads.
    with django_assert_num_queries(5):
        work = council_work_for(viewer=viewer)
    assert len(work.votes_awaiting_ballot) == scale
    assert len(work.amendments_to_decide) == scale
    assert len(work.drafts_i_lead) == scale


def test_the_workspace_lists_the_drafts_i_lead(council_scene, council_member, secretary):
    made = council_scene()
    mine = workspace_for(user=fresh(council_member))
    assert [position.pk for position in mine.drafts_i_lead] == [made["drafted"].pk]
    assert workspace_for(user=fresh(secretary)).drafts_i_lead == []


def test_the_workspace_page_and_api_show_the_drafts_i_lead(
    council_scene, council_member, secretary, client_as, api_as
):
    made = council_scene()
    page = client_as(council_member).get("/council/")
    assert page.status_code == 200
    assert page.context["drafts_i_lead"] == [made["drafted"]]
    assert f"/council/positions/{made['drafted'].pk}/" in page.content.decode()
    body = api_as(council_member).get("/api/v1/council/workspace/").json()
    assert [position["id"] for position in body["drafts_i_lead"]] == [made["drafted"].pk]
    assert api_as(secretary).get("/api/v1/council/workspace/").json()["drafts_i_lead"] == []
