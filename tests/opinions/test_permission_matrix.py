"""Who may do what to a position, by role and by the position's state, through the API.

The position is one ``ngo_representative`` asked for (an opinion on ``ngo``'s offer), so
``recused_member`` (of ``ngo``) is recused from its vote. Each operation runs in a
transaction that is rolled back, so every cell starts from the same scene. Time is frozen.

401: not logged in. 404: not visible to the viewer. 403: visible, not allowed.
409: allowed, but not in this state (a decided position, a closed vote, a running vote).
"""

import datetime as dt

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from tests.opinions.conftest import STATES

pytestmark = pytest.mark.django_db

API = "/api/v1/council"
OPERATIONS = ("view", "edit_item", "propose_amendment", "open_vote", "cast_ballot", "close_vote")
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
NO_VOTE = None  # a draft has no vote to vote in or close

# persona: (view, edit_item, propose_amendment, open_vote, cast_ballot, close_vote)
DECIDED = {
    "anonymous": (200, 401, 401, 401, 401, 401),
    "ngo_representative": (200, 403, 403, 403, 403, 403),
    "council_member": (200, 409, 409, 403, 409, 403),
    "recused_member": (200, 409, 409, 403, 409, 403),
    "chair": (200, 409, 409, 409, 409, 409),
    "secretary": (200, 409, 409, 409, 409, 409),
    "former_member": (200, 403, 403, 403, 403, 403),
    "official": (200, 403, 403, 403, 403, 403),
}
EXPECTED = {
    "draft": {
        "anonymous": (404, 401, 401, 401, NO_VOTE, NO_VOTE),
        "ngo_representative": (200, 403, 403, 403, NO_VOTE, NO_VOTE),
        "council_member": (200, 200, 201, 403, NO_VOTE, NO_VOTE),
        "recused_member": (200, 200, 201, 403, NO_VOTE, NO_VOTE),
        "chair": (200, 200, 201, 201, NO_VOTE, NO_VOTE),
        "secretary": (200, 200, 201, 201, NO_VOTE, NO_VOTE),
        "former_member": (404, 404, 404, 404, NO_VOTE, NO_VOTE),
        "official": (404, 404, 404, 404, NO_VOTE, NO_VOTE),
    },
    "voting": {
        "anonymous": (404, 401, 401, 401, 401, 401),
        "ngo_representative": (200, 403, 403, 403, 403, 403),
        "council_member": (200, 409, 409, 403, 200, 403),
        # Recused: excluded from the vote (403, member_recused), not from the council.
        "recused_member": (200, 409, 409, 403, 403, 403),
        # Closing before the deadline without every ballot: 409, vote_still_running.
        "chair": (200, 409, 409, 409, 200, 409),
        "secretary": (200, 409, 409, 409, 200, 409),
        "former_member": (404, 404, 404, 404, 404, 404),
        "official": (404, 404, 404, 404, 404, 404),
    },
    "adopted": DECIDED,
    "rejected": DECIDED,
}


def attempt(call):
    """The status of one request, with whatever it changed rolled back."""
    with transaction.atomic():
        status = call().status_code
        transaction.set_rollback(True)
    return status


def operations(client, position):
    item = position.items.get()
    vote = position.votes.first()
    deadline = (timezone.now() + dt.timedelta(days=3)).isoformat()
    calls = {
        "view": lambda: client.get(f"{API}/positions/{position.pk}/"),
        "edit_item": lambda: client.patch(
            f"{API}/items/{item.pk}/",
            {"expected_revision": item.revision, "text": "Zmieniony tekst."},
            format="json",
        ),
        "propose_amendment": lambda: client.post(
            f"{API}/items/{item.pk}/amendments/", {"text": "Inny tekst."}, format="json"
        ),
        "open_vote": lambda: client.post(
            f"{API}/positions/{position.pk}/votes/",
            {"mode": "circulation", "deadline": deadline},
            format="json",
        ),
        "cast_ballot": lambda: client.post(
            f"{API}/votes/{vote.pk}/ballot/", {"choice": "for"}, format="json"
        ),
        "close_vote": lambda: client.post(f"{API}/votes/{vote.pk}/close/"),
    }
    return {
        name: attempt(call) if vote is not None or name in OPERATIONS[:4] else NO_VOTE
        for name, call in calls.items()
    }


@pytest.fixture
def frozen():
    with time_machine.travel(timezone.now(), tick=False):
        yield


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("state", STATES)
def test_permission_matrix(frozen, api_as, position_in, state, persona, request):
    position = position_in(state)
    client = api_as(request.getfixturevalue(persona))

    statuses = operations(client, position)

    assert statuses == dict(zip(OPERATIONS, EXPECTED[state][persona], strict=True))
