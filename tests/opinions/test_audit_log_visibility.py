"""The audit log shows who voted how only as the vote allows: while a vote is open, its
ballots are withheld from every reader but the term's officers (``opinions/audit_rules.py``)."""

import pytest
from django.urls import reverse

from core.audit_visibility import disclose
from core.models import AuditEvent
from opinions import services
from opinions.models import BallotChoice
from tests import factories
from tests.opinions.conftest import fresh, requested_position, vote_on

pytestmark = pytest.mark.django_db

URL = reverse("api-audit-event-list")


@pytest.fixture
def open_vote(members, ngo, ngo_representative, chair, secretary, council_member):
    position = requested_position(ngo, ngo_representative, council_member)
    return vote_on(
        position,
        chair=chair,
        secretary=secretary,
        council_member=council_member,
        choices=[BallotChoice.FOR, BallotChoice.AGAINST, BallotChoice.ABSTAIN],
    )


@pytest.fixture
def official_on_the_council(council_member, department):
    """A council member who also works for the city, so reads the audit log."""
    factories.OfficialPostFactory(user=council_member, department=department)
    return council_member


def ballot_events(vote):
    return list(AuditEvent.objects.for_target(vote).filter(verb__startswith="ballot."))


@pytest.mark.parametrize(
    "persona",
    ["official", "other_official", "council_member", "administrator", "ngo_representative"],
)
def test_the_ballots_of_an_open_vote_are_withheld(request, open_vote, persona):
    events = ballot_events(open_vote)
    assert len(events) == 3

    seen = disclose(fresh(request.getfixturevalue(persona)), events)

    for event in events:
        assert "choice" not in seen[event.pk].data
        assert "choice" in seen[event.pk].withheld


@pytest.mark.parametrize("persona", ["official", "official_on_the_council", "administrator"])
def test_the_audit_log_api_does_not_show_the_ballots_of_an_open_vote(
    request, api_as, open_vote, persona
):
    response = api_as(fresh(request.getfixturevalue(persona))).get(
        URL, {"target_type": "opinions.vote", "target_id": open_vote.pk}
    )

    assert response.status_code == 200
    rows = [row for row in response.json()["results"] if row["verb"] == "ballot.cast"]
    assert len(rows) == 3
    assert all("choice" not in row["data"] for row in rows)
    assert all(choice not in response.content.decode() for choice in ('"for"', '"against"'))


def test_the_chair_sees_the_ballots_of_an_open_vote(open_vote, chair):
    events = ballot_events(open_vote)

    seen = disclose(fresh(chair), events)

    assert sorted(seen[event.pk].data["choice"] for event in events) == [
        "abstain",
        "against",
        "for",
    ]


def test_once_the_vote_is_closed_an_official_sees_who_voted_how(open_vote, secretary, official):
    services.vote_close(vote=open_vote, actor=secretary)
    events = ballot_events(open_vote)

    seen = disclose(fresh(official), events)

    assert all(seen[event.pk].data["choice"] for event in events)


def test_an_official_without_a_seat_does_not_read_a_draft_positions_items(
    open_vote, official, administrator
):
    events = list(AuditEvent.objects.filter(verb="position_item.added"))
    assert events

    by_official = disclose(fresh(official), events)
    by_administrator = disclose(fresh(administrator), events)

    # The position is being voted on, not yet public: the council's and the requester's.
    assert all(by_official[event.pk].withheld for event in events)
    assert all(not by_administrator[event.pk].withheld for event in events)


def test_the_django_admin_does_not_show_the_ballots_of_an_open_vote(
    client_as, open_vote, administrator
):
    client = client_as(administrator)
    event = ballot_events(open_vote)[0]

    listing = client.get(reverse("admin:core_auditevent_changelist"))
    detail = client.get(reverse("admin:core_auditevent_change", args=[event.pk]))

    assert listing.status_code == detail.status_code == 200
    assert "'choice'" not in detail.content.decode()
    assert "choice" in detail.content.decode()  # named among the withheld keys
