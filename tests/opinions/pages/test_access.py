"""Who reaches which council page, per persona and per state of the position.

Drafts and open votes belong to the council of the current term (and, for a position made
from a request, to the requesting organisation); decided positions are public with their
votes. Former members and officials read public things only. Anything the viewer may not
see is a 404, never a hint that it exists; pages that need an account send the public to
log in (302).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "ngo_representative",
    "council_member",
    "recused_member",
    "chair",
    "secretary",
    "former_member",
    "official",
]
MEMBERS = {"council_member", "recused_member", "chair", "secretary"}
OFFICERS = {"chair", "secretary"}


def get(client_as, request, persona, url):
    return client_as(request.getfixturevalue(persona)).get(url)


def login_url_in(response) -> bool:
    return response.status_code == 302 and reverse("accounts:login") in response["Location"]


def vote_of(position):
    return position.votes.order_by("-opened_at").first()


# --- The position page ------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("state", ["draft_position", "voting_position"])
def test_a_draft_or_a_position_being_voted_on_is_for_the_council(
    client_as, request, persona, state
):
    position = request.getfixturevalue(state)
    response = get(
        client_as, request, persona, reverse("council:position_detail", args=[position.pk])
    )
    assert response.status_code == (200 if persona in MEMBERS else 404)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("state", ["adopted_position", "rejected_position"])
def test_a_decided_position_is_public(client_as, request, persona, state):
    position = request.getfixturevalue(state)
    response = get(
        client_as, request, persona, reverse("council:position_detail", args=[position.pk])
    )
    assert response.status_code == 200


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_requesting_organisation_follows_the_draft_made_from_its_request(
    client_as, request, persona, requested_position
):
    response = get(
        client_as,
        request,
        persona,
        reverse("council:position_detail", args=[requested_position.pk]),
    )
    assert response.status_code == (200 if persona in MEMBERS | {"ngo_representative"} else 404)


def test_the_requester_sees_the_draft_but_no_drafting_tools(
    client_as, ngo_representative, requested_position
):
    response = client_as(ngo_representative).get(
        reverse("council:position_detail", args=[requested_position.pk])
    )
    assert response.context["can_edit"] is False
    assert reverse("council:position_edit", args=[requested_position.pk]) not in response.text


# --- Drafting pages ---------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_editor_and_the_comment_picker_are_for_members_while_drafting(
    client_as, request, persona, draft_position
):
    for name in ("council:position_edit", "council:comment_picker"):
        response = get(client_as, request, persona, reverse(name, args=[draft_position.pk]))
        if persona == "anonymous":
            assert login_url_in(response), name
        else:
            assert response.status_code == (200 if persona in MEMBERS else 404), name


@pytest.mark.parametrize("state", ["voting_position", "adopted_position", "rejected_position"])
def test_the_editor_sends_members_back_to_a_position_that_is_no_longer_a_draft(
    client_as, request, council_member, state
):
    position = request.getfixturevalue(state)
    response = client_as(council_member).get(reverse("council:position_edit", args=[position.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("council:position_detail", args=[position.pk])


def test_the_comment_picker_is_only_for_an_opinion_on_a_consultation(
    client_as, council_member, voting_position
):
    response = client_as(council_member).get(
        reverse("council:comment_picker", args=[voting_position.pk])
    )
    assert response.status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_amendment_form_is_for_members(client_as, request, persona, draft_position):
    item = draft_position.items.first()
    url = reverse("council:amendment_propose", args=[draft_position.pk, item.pk])
    response = get(client_as, request, persona, url)
    if persona == "anonymous":
        assert login_url_in(response)
    else:
        assert response.status_code == (200 if persona in MEMBERS else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_new_position_is_started_by_members(client_as, request, persona, members):
    response = get(client_as, request, persona, reverse("council:position_create"))
    if persona == "anonymous":
        assert login_url_in(response)
    else:
        assert response.status_code == (200 if persona in MEMBERS else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_chair_and_the_secretary_open_a_vote(client_as, request, persona, draft_position):
    response = get(
        client_as, request, persona, reverse("council:vote_open", args=[draft_position.pk])
    )
    if persona == "anonymous":
        assert login_url_in(response)
    else:
        assert response.status_code == (200 if persona in OFFICERS else 404)


# --- Votes ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_open_vote_is_for_the_council(client_as, request, persona, voting_position):
    url = reverse("council:vote_detail", args=[vote_of(voting_position).pk])
    assert get(client_as, request, persona, url).status_code == (200 if persona in MEMBERS else 404)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("state", ["adopted_position", "rejected_position"])
def test_a_closed_vote_is_public_with_the_names_of_the_voters(client_as, request, persona, state):
    position = request.getfixturevalue(state)
    response = get(
        client_as, request, persona, reverse("council:vote_detail", args=[vote_of(position).pk])
    )
    assert response.status_code == 200
    assert "Celina Przewodnicząca" in response.text
    assert "Roksana Wyłączona" in response.text


def test_only_officers_see_the_close_button_and_a_member_sees_the_ballot_form(
    client_as, chair, council_member, voting_position
):
    vote = vote_of(voting_position)
    close_url = reverse("council:vote_close", args=[vote.pk])
    ballot_url = reverse("council:ballot_cast", args=[vote.pk])
    member_page = client_as(council_member).get(reverse("council:vote_detail", args=[vote.pk]))
    assert close_url not in member_page.text
    assert ballot_url in member_page.text
    chair_page = client_as(chair).get(reverse("council:vote_detail", args=[vote.pk]))
    assert close_url in chair_page.text


# --- The workspace ----------------------------------------------------------------------


def test_the_workspace_needs_an_account(client):
    assert login_url_in(client.get(reverse("council:workspace")))


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - {"anonymous"}))
def test_everyone_with_an_account_has_a_workspace(
    client_as, request, persona, voting_position, requested_position
):
    response = get(client_as, request, persona, reverse("council:workspace"))
    assert response.status_code == 200
    assert (response.context["my_member"] is not None) == (persona in MEMBERS)


def test_a_member_sees_the_votes_waiting_for_their_ballot(
    client_as, council_member, voting_position, draft_position
):
    response = client_as(council_member).get(reverse("council:workspace"))
    assert [vote.position_id for vote in response.context["waiting_votes"]] == [voting_position.pk]
    assert voting_position.subject in response.text
    assert draft_position.subject in response.text


def test_officers_see_the_management_links_and_members_do_not(
    client_as, chair, council_member, term
):
    chair_page = client_as(chair).get(reverse("council:workspace"))
    assert chair_page.context["is_officer"] is True
    member_page = client_as(council_member).get(reverse("council:workspace"))
    assert member_page.context["is_officer"] is False


def test_the_requesting_representative_sees_their_request_in_the_workspace(
    client_as, ngo_representative, council_request
):
    response = client_as(ngo_representative).get(reverse("council:workspace"))
    assert reverse("council:request_detail", args=[council_request.pk]) in response.text


# --- Requests ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("ngo_representative", 200),
        ("council_member", 200),
        ("chair", 200),
        ("other_ngo_representative", 404),
        ("official", 404),
        ("former_member", 404),
    ],
)
def test_a_request_is_followed_by_its_organisation_and_the_council(
    client_as, request, persona, status, council_request
):
    url = reverse("council:request_detail", args=[council_request.pk])
    assert get(client_as, request, persona, url).status_code == status


def test_the_public_is_sent_to_log_in_to_see_a_request(client, council_request):
    assert login_url_in(client.get(reverse("council:request_detail", args=[council_request.pk])))


@pytest.mark.parametrize(
    ("persona", "status"),
    [("ngo_representative", 200), ("ngo_member", 404), ("council_member", 404), ("official", 404)],
)
def test_only_representatives_of_an_organisation_send_a_request(
    client_as, request, persona, status, members
):
    assert get(client_as, request, persona, reverse("council:request_create")).status_code == status


# --- Public pages -----------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_public_pages_are_open_to_everyone(client_as, request, persona, adopted_position, term):
    for url in (
        reverse("council:adopted_list"),
        reverse("council:resolution_detail", args=[adopted_position.pk]),
        reverse("council:term_detail", args=[term.pk]),
    ):
        assert get(client_as, request, persona, url).status_code == 200, url


@pytest.mark.parametrize("persona", ["anonymous", "council_member", "chair"])
@pytest.mark.parametrize("state", ["draft_position", "voting_position"])
def test_an_undecided_position_has_no_public_resolution_page(client_as, request, persona, state):
    position = request.getfixturevalue(state)
    url = reverse("council:resolution_detail", args=[position.pk])
    assert get(client_as, request, persona, url).status_code == 404


def test_an_unknown_term_is_a_404(client, term):
    assert client.get(reverse("council:term_detail", args=[term.pk + 1000])).status_code == 404
