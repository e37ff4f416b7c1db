import pytest
from django.urls import reverse

from accounts.models import Membership, MembershipRole, MembershipStatus, OrganisationStatus
from core.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db

MY_MEMBERSHIPS_URL = reverse("api-membership-list")


def members_url(organisation):
    return reverse("api-organisation-members", kwargs={"pk": organisation.pk})


def membership_url(membership, action=None):
    name = f"api-membership-{action}" if action else "api-membership-detail"
    return reverse(name, kwargs={"pk": membership.pk})


@pytest.fixture
def applicant(ngo):
    return factories.UserFactory(email="applicant@example.org", full_name="Ola Kandydatka")


@pytest.fixture
def join_request(ngo, applicant):
    return factories.MembershipFactory(
        user=applicant, organisation=ngo, status=MembershipStatus.REQUESTED
    )


# --- An organisation's members ----------------------------------------------------------


@pytest.mark.parametrize("count", [3, 30])
def test_a_representative_lists_members_in_seven_queries_however_many(
    count, ngo, ngo_representative, api_fresh, django_assert_num_queries
):
    factories.MembershipFactory.create_batch(count, organisation=ngo)
    factories.MembershipFactory.create_batch(
        count, organisation=ngo, status=MembershipStatus.REQUESTED
    )
    client = api_fresh(ngo_representative)

    # 1. is the viewer an official
    # 2. the organisation, with its member count (organisation_get_for)
    # 3. its areas (prefetch)
    # 4. the viewer's own membership: may they see the members
    # 5. the viewer's own membership again: are they a representative (who sees requests)
    # 6. COUNT(*) for the paginator
    # 7. the page of memberships with their users and organisation
    with django_assert_num_queries(7):
        response = client.get(members_url(ngo))

    assert response.status_code == 200
    assert response.json()["count"] == 2 * count + 1


def test_a_plain_member_sees_only_active_members(api_as, ngo, ngo_member, join_request):
    response = api_as(ngo_member).get(members_url(ngo))

    statuses = {row["status"] for row in response.json()["results"]}
    assert statuses == {"active"}


def test_a_representative_also_sees_requests_to_join(api_as, ngo_representative, join_request):
    response = api_as(ngo_representative).get(
        members_url(join_request.organisation), {"status": "requested"}
    )

    assert [row["id"] for row in response.json()["results"]] == [join_request.pk]
    assert response.json()["results"][0]["user"] == {
        "id": join_request.user_id,
        "full_name": "Ola Kandydatka",
    }


def test_someone_outside_the_organisation_gets_404_for_its_members(api_as, ngo, resident):
    response = api_as(resident).get(members_url(ngo))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


# --- Asking to join ---------------------------------------------------------------------


def test_a_user_asks_to_join_an_organisation(api_as, ngo, resident):
    response = api_as(resident).post(members_url(ngo), {"message": "Chcę pomagać."}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["role"], body["message"]) == (
        "requested",
        "member",
        "Chcę pomagać.",
    )
    assert AuditEvent.objects.filter(verb="membership.requested", actor=resident).exists()


def test_asking_twice_is_a_409_conflict(api_as, ngo, join_request, applicant):
    response = api_as(applicant).post(members_url(ngo), {}, format="json")

    assert response.status_code == 409
    assert response.json()["code"] == "membership_exists"
    assert Membership.objects.filter(user=applicant).count() == 1


def test_a_rejected_organisation_cannot_be_joined(api_as, official, resident):
    rejected = factories.OrganisationFactory(status=OrganisationStatus.REJECTED)
    # Officials see rejected organisations; a resident would get a 404 before this.
    response = api_as(official).post(members_url(rejected), {}, format="json")

    assert response.status_code == 403
    assert response.json()["code"] == "not_allowed"


# --- My memberships ---------------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 20])
def test_my_memberships_take_two_queries_however_many(
    count, resident, api_fresh, django_assert_num_queries
):
    for organisation in factories.OrganisationFactory.create_batch(count):
        factories.MembershipFactory(user=resident, organisation=organisation)
    client = api_fresh(resident)

    # 1. COUNT(*) for the paginator
    # 2. the page of memberships with their organisations and the user (one join)
    with django_assert_num_queries(2):
        response = client.get(MY_MEMBERSHIPS_URL)

    assert response.json()["count"] == count


def test_my_memberships_include_only_mine(api_as, ngo_member, other_ngo_representative):
    response = api_as(ngo_member).get(MY_MEMBERSHIPS_URL)

    assert [row["user"]["id"] for row in response.json()["results"]] == [ngo_member.pk]


# --- One membership ---------------------------------------------------------------------


def test_a_member_reads_their_own_membership_in_one_query(
    ngo_member, api_fresh, django_assert_num_queries
):
    membership = ngo_member.memberships.get()
    client = api_fresh(ngo_member)

    # 1. the membership with its user and organisation
    with django_assert_num_queries(1):
        response = client.get(membership_url(membership))

    assert response.json()["id"] == membership.pk


@pytest.mark.parametrize("members", [3, 30])
def test_a_representative_reads_a_request_in_three_queries_however_many_members(
    members, ngo, ngo_representative, join_request, api_fresh, django_assert_num_queries
):
    factories.MembershipFactory.create_batch(members, organisation=ngo)
    client = api_fresh(ngo_representative)

    # 1. the membership with its user and organisation
    # 2. is the viewer an official
    # 3. the viewer's own membership of the organisation
    with django_assert_num_queries(3):
        response = client.get(membership_url(join_request))

    assert response.status_code == 200


def test_a_stranger_gets_404_for_a_membership(api_as, resident, join_request):
    assert api_as(resident).get(membership_url(join_request)).status_code == 404


# --- Deciding ---------------------------------------------------------------------------


def test_a_representative_approves_a_request_as_a_representative(
    api_as, ngo_representative, join_request
):
    response = api_as(ngo_representative).post(
        membership_url(join_request, "approve"), {"role": "representative"}, format="json"
    )

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["role"]) == ("active", "representative")
    event = AuditEvent.objects.get(verb="membership.approved")
    assert (event.actor, event.data) == (ngo_representative, {"role": "representative"})


def test_approving_without_a_role_makes_a_member(api_as, ngo_representative, join_request):
    response = api_as(ngo_representative).post(membership_url(join_request, "approve"))

    assert response.json()["role"] == "member"


def test_an_unknown_role_is_a_400(api_as, ngo_representative, join_request):
    response = api_as(ngo_representative).post(
        membership_url(join_request, "approve"), {"role": "king"}, format="json"
    )

    assert response.status_code == 400
    assert "role" in response.json()["extra"]["fields"]


def test_approving_twice_is_a_409(api_as, ngo_representative, join_request):
    client = api_as(ngo_representative)
    client.post(membership_url(join_request, "approve"))

    response = client.post(membership_url(join_request, "approve"))

    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"


def test_a_representative_declines_a_request(api_as, ngo_representative, join_request):
    response = api_as(ngo_representative).post(membership_url(join_request, "decline"))

    assert response.status_code == 200
    assert response.json()["status"] == "declined"
    assert AuditEvent.objects.filter(verb="membership.declined").exists()


def test_an_applicant_cannot_approve_their_own_request(api_as, applicant, join_request):
    response = api_as(applicant).post(membership_url(join_request, "approve"))

    assert response.status_code == 403
    join_request.refresh_from_db()
    assert join_request.status == MembershipStatus.REQUESTED


def test_a_member_leaves_the_organisation(api_as, ngo_member):
    membership = ngo_member.memberships.get()

    response = api_as(ngo_member).post(membership_url(membership, "revoke"))

    assert response.status_code == 200
    assert response.json()["status"] == "revoked"


def test_the_last_representative_cannot_leave(api_as, ngo_representative):
    membership = ngo_representative.memberships.get()

    response = api_as(ngo_representative).post(membership_url(membership, "revoke"))

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "last_representative"
    assert "wyznacz innego przedstawiciela" in body["message"]


def test_a_representative_promotes_a_member(api_as, ngo_representative, ngo_member):
    membership = ngo_member.memberships.get()

    response = api_as(ngo_representative).post(
        membership_url(membership, "role"), {"role": "representative"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["role"] == "representative"
    assert AuditEvent.objects.get(verb="membership.role_changed").data == {
        "from": "member",
        "to": "representative",
    }


def test_changing_a_role_needs_the_role(api_as, ngo_representative, ngo_member):
    membership = ngo_member.memberships.get()

    response = api_as(ngo_representative).post(membership_url(membership, "role"))

    assert response.status_code == 400
    assert "role" in response.json()["extra"]["fields"]


def test_a_representative_is_demoted_only_while_another_remains(
    api_as, administrator, ngo, ngo_representative
):
    membership = ngo_representative.memberships.get()
    client = api_as(administrator)

    refused = client.post(membership_url(membership, "role"), {"role": "member"}, format="json")
    factories.RepresentativeFactory(organisation=ngo)
    allowed = client.post(membership_url(membership, "role"), {"role": "member"}, format="json")

    assert refused.status_code == 409
    assert refused.json()["code"] == "last_representative"
    assert allowed.status_code == 200
    assert Membership.objects.get(pk=membership.pk).role == MembershipRole.MEMBER


def test_a_retried_approval_with_the_same_idempotency_key_approves_once(
    api_as, ngo_representative, join_request
):
    client = api_as(ngo_representative)
    url = membership_url(join_request, "approve")

    first = client.post(url, {"role": "member"}, format="json", HTTP_IDEMPOTENCY_KEY="ap-1")
    retry = client.post(url, {"role": "member"}, format="json", HTTP_IDEMPOTENCY_KEY="ap-1")

    assert first.status_code == retry.status_code == 200
    assert retry.json() == first.json()
    assert retry["Idempotent-Replayed"] == "true"
    assert AuditEvent.objects.filter(verb="membership.approved").count() == 1
