import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from accounts.events import AccountVerb
from accounts.models import User
from core.services import audit_log

pytestmark = pytest.mark.django_db

URL = reverse("api-audit-event-list")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def fresh(user):
    """The user read again, so nothing cached on the object hides a query."""
    return User.objects.get(pk=user.pk)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 401),
        ("resident", 403),
        ("ngo_representative", 403),
        ("official", 200),
        ("other_official", 200),
        ("administrator", 200),
    ],
)
def test_only_officials_and_administrators_read_the_audit_log(request, api_as, persona, status):
    response = api_as(request.getfixturevalue(persona)).get(URL)

    assert response.status_code == status
    if status == 403:
        assert response.json()["code"] == "permission_denied"
        assert "pracownicy urzędu i administratorzy" in response.json()["message"]


def test_a_deactivated_official_cannot_read_the_audit_log(api_as, official):
    official.is_active = False

    assert api_as(official).get(URL).status_code == 403


@pytest.mark.parametrize("count", [5, 50])
def test_the_audit_log_takes_two_queries_however_many_events(
    count, administrator, resident, ngo_member, api_as, django_assert_num_queries
):
    for number in range(count):
        actor = resident if number % 2 else ngo_member
        audit_log(
            actor=actor, verb=AccountVerb.USER_PROFILE_UPDATED, target=actor, data={"n": number}
        )
    client = api_as(fresh(administrator))

    # 1. COUNT(*) for the paginator
    # 2. the page of events with their actors and object types (one query with joins)
    with django_assert_num_queries(2):
        response = client.get(URL)

    body = response.json()
    assert body["count"] == count
    assert body["results"][0]["target_type"] == "accounts.user"


def test_an_official_reads_the_log_in_three_queries(
    official, resident, api_as, django_assert_num_queries
):
    audit_log(actor=resident, verb=AccountVerb.USER_PROFILE_UPDATED, target=resident)
    client = api_as(fresh(official))

    # 1. is the viewer an official
    # 2. COUNT(*) for the paginator
    # 3. the page of events with their actors and object types
    with django_assert_num_queries(3):
        assert client.get(URL).status_code == 200


def test_an_event_shows_who_did_what_to_which_object(api_as, administrator, resident, ngo):
    audit_log(
        actor=resident, verb=AccountVerb.ORGANISATION_UPDATED, target=ngo, data={"city": "Sopot"}
    )

    [row] = api_as(administrator).get(URL).json()["results"]

    assert row["actor_id"] == resident.pk
    assert row["actor"] == "Ewa Mieszkanka"
    assert row["verb"] == "organisation.updated"
    assert (row["target_type"], row["target_id"]) == ("accounts.organisation", str(ngo.pk))
    assert row["target_repr"] == ngo.name
    assert row["data"] == {"city": "Sopot"}


DAY_ONE = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def events(resident, ngo_member, ngo):
    """Three events a day apart: registered, updated, verified."""
    made = {}
    for days, (name, actor, verb, target) in enumerate(
        [
            ("registered", resident, AccountVerb.USER_REGISTERED, resident),
            ("updated", ngo_member, AccountVerb.ORGANISATION_UPDATED, ngo),
            ("verified", None, AccountVerb.ORGANISATION_VERIFIED, ngo),
        ]
    ):
        with time_machine.travel(DAY_ONE + datetime.timedelta(days=days), tick=False):
            made[name] = audit_log(actor=actor, verb=verb, target=target)
    return made


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"verb": "organisation.updated"}, ["updated"]),
        ({"target_type": "accounts.organisation"}, ["verified", "updated"]),
        ({"target_type": "Accounts.User"}, ["registered"]),
        ({"target_type": "nonsense"}, []),
    ],
)
def test_the_audit_log_filters_by_action_and_object_type(
    api_as, administrator, events, params, expected
):
    response = api_as(administrator).get(URL, params)

    assert [row["id"] for row in response.json()["results"]] == [events[k].pk for k in expected]


def test_the_audit_log_filters_by_actor_and_object(api_as, administrator, events, ngo, ngo_member):
    client = api_as(administrator)

    by_actor = client.get(URL, {"actor": ngo_member.pk}).json()["results"]
    by_object = client.get(
        URL, {"target_type": "accounts.organisation", "target_id": ngo.pk}
    ).json()["results"]

    assert [row["id"] for row in by_actor] == [events["updated"].pk]
    assert {row["id"] for row in by_object} == {events["updated"].pk, events["verified"].pk}


def test_the_audit_log_filters_by_time(api_as, administrator, events):
    second_day = (DAY_ONE + datetime.timedelta(days=1)).isoformat()
    client = api_as(administrator)

    since = client.get(URL, {"since": second_day}).json()["results"]
    until = client.get(URL, {"until": second_day}).json()["results"]

    assert [row["id"] for row in since] == [events["verified"].pk, events["updated"].pk]
    assert [row["id"] for row in until] == [events["registered"].pk]


def test_an_invalid_date_is_a_400_naming_the_filter(api_as, administrator):
    response = api_as(administrator).get(URL, {"since": "yesterday"})

    assert response.status_code == 400
    assert "since" in response.json()["extra"]["fields"]


def test_the_audit_log_is_newest_first_and_can_be_reversed(api_as, administrator, events):
    client = api_as(administrator)

    newest = [row["id"] for row in client.get(URL).json()["results"]]
    oldest = [row["id"] for row in client.get(URL, {"ordering": "at"}).json()["results"]]

    assert newest == [events[name].pk for name in ("verified", "updated", "registered")]
    assert oldest == newest[::-1]


def test_the_audit_log_cannot_be_written_through_the_api(api_as, administrator):
    response = api_as(administrator).post(URL, {"verb": "x"}, format="json")

    assert response.status_code == 405
