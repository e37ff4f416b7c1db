import pytest
from django.urls import reverse

from accounts.models import MembershipStatus
from core.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db

ME_URL = reverse("api-me")


@pytest.mark.parametrize("count", [2, 20])
def test_me_takes_four_queries_however_many_memberships_and_posts(
    count, authority, api_fresh, django_assert_num_queries
):
    user = factories.UserFactory()
    for department in factories.DepartmentFactory.create_batch(count, authority=authority):
        factories.OfficialPostFactory(user=user, department=department)
    for organisation in factories.OrganisationFactory.create_batch(count):
        factories.MembershipFactory(user=user, organisation=organisation)
    client = api_fresh(user)

    # 1. the user
    # 2. their live memberships with the organisations (prefetch)
    # 3. their active posts with department and authority (prefetch)
    # 4. is the user an official (an active post exists)
    with django_assert_num_queries(4):
        response = client.get(ME_URL)

    body = response.json()
    assert len(body["memberships"]) == len(body["official_posts"]) == count


def test_me_describes_a_representative(api_as, ngo, ngo_representative):
    body = api_as(ngo_representative).get(ME_URL).json()

    assert body == {
        "id": ngo_representative.pk,
        "email": "ngo.rep@example.org",
        "full_name": "Piotr Przedstawiciel",
        "language": "pl",
        "grammatical_gender": "",
        "email_verified": True,
        "is_official": False,
        "is_administrator": False,
        "memberships": [
            {
                "id": ngo_representative.memberships.get().pk,
                "organisation": {"id": ngo.pk, "name": ngo.name, "status": "verified"},
                "role": "representative",
                "status": "active",
            }
        ],
        "official_posts": [],
    }


def test_me_describes_an_official_and_their_department(api_as, official, department):
    body = api_as(official).get(ME_URL).json()

    assert body["is_official"] is True
    [post] = body["official_posts"]
    assert post["department"]["name"] == "Wydział Spraw Społecznych"
    assert post["department"]["authority"]["code"] == "SOP"


def test_me_leaves_out_ended_memberships(api_as, resident, ngo):
    factories.MembershipFactory(user=resident, organisation=ngo, status=MembershipStatus.REVOKED)

    assert api_as(resident).get(ME_URL).json()["memberships"] == []


def test_a_user_changes_their_name_and_language(api_as, resident):
    response = api_as(resident).patch(
        ME_URL, {"full_name": "Ewa Nowak", "language": "en"}, format="json"
    )

    assert response.status_code == 200
    assert (response.json()["full_name"], response.json()["language"]) == ("Ewa Nowak", "en")
    resident.refresh_from_db()
    assert resident.language == "en"
    assert AuditEvent.objects.filter(verb="user.profile_updated", actor=resident).exists()


def test_changing_only_the_language_keeps_the_name(api_as, resident):
    response = api_as(resident).patch(ME_URL, {"language": "en"}, format="json")

    assert response.json()["full_name"] == "Ewa Mieszkanka"


def test_an_unknown_language_is_a_400(api_as, resident):
    response = api_as(resident).patch(ME_URL, {"language": "de"}, format="json")

    assert response.status_code == 400
    assert "language" in response.json()["extra"]["fields"]


def test_the_e_mail_address_cannot_be_changed_here(api_as, resident):
    api_as(resident).patch(ME_URL, {"email": "other@example.org"}, format="json")

    resident.refresh_from_db()
    assert resident.email == "resident@example.org"
