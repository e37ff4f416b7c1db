"""The API of changes of a verified organisation's name or numbers, and of claims."""

import pytest

from accounts import services
from accounts.models import ClaimStatus, Organisation, OrganisationChange, OrganisationClaim
from tests import factories

pytestmark = pytest.mark.django_db

OLD_NAME = "Stowarzyszenie Przyjaciół Sopotu"
NEW_NAME = "Stowarzyszenie Nowa Nazwa"


def organisation_url(organisation):
    return f"/api/v1/organisations/{organisation.pk}/"


def test_patching_a_verified_organisations_name_answers_with_the_pending_change(
    api_as, ngo, ngo_representative
):
    response = api_as(ngo_representative).patch(
        organisation_url(ngo), {"name": NEW_NAME, "city": "Gdynia"}, format="json"
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["city"]) == (OLD_NAME, "Gdynia")
    assert body["pending_change"]["changes"] == [
        {"field": "name", "current": OLD_NAME, "proposed": NEW_NAME}
    ]
    assert api_as(None).get(organisation_url(ngo)).json()["name"] == OLD_NAME


@pytest.fixture
def change(ngo, ngo_representative):
    services.organisation_update(organisation=ngo, actor=ngo_representative, name=NEW_NAME)
    return OrganisationChange.objects.get()


@pytest.mark.parametrize(
    ("persona", "status_code"),
    [
        ("anonymous", 401),
        ("resident", 404),  # not theirs to see
        ("official", 404),
        ("ngo_member", 404),
        ("ngo_representative", 403),  # sees it, may not approve it
        ("administrator", 200),
    ],
)
def test_only_administrators_approve_a_change(persona, status_code, request, api_as, ngo, change):
    response = api_as(request.getfixturevalue(persona)).post(
        f"/api/v1/organisation-changes/{change.pk}/approve/"
    )

    assert response.status_code == status_code
    ngo.refresh_from_db()
    assert (ngo.name == NEW_NAME) is (status_code == 200)
    if status_code == 200:
        assert response.json()["status"] == "approved"


def test_an_administrator_rejects_a_change_with_a_reason(api_as, administrator, ngo, change):
    client = api_as(administrator)
    url = f"/api/v1/organisation-changes/{change.pk}/reject/"

    assert client.post(url, {}, format="json").status_code == 400
    response = client.post(url, {"reason": "Brak w KRS."}, format="json")

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["reason"]) == ("rejected", "Brak w KRS.")
    assert client.post(url, {"reason": "Znowu."}, format="json").status_code == 409


def test_the_list_of_changes_by_persona(
    api_as, administrator, ngo_representative, resident, change
):
    def ids(user):
        response = api_as(user).get("/api/v1/organisation-changes/?status=pending")
        assert response.status_code == 200
        return [row["id"] for row in response.json()["results"]]

    assert ids(administrator) == [change.pk]
    assert ids(ngo_representative) == [change.pk]
    assert ids(resident) == []


# --- Claims ----------------------------------------------------------------------------


@pytest.fixture
def squatter(db):
    return factories.OrganisationFactory(name="Podszyta", krs="0000999999", status="pending")


@pytest.fixture
def claimant(db):
    return factories.UserFactory(full_name="Prawdziwy Prezes")


REGISTRATION = {"name": "Prawdziwa Fundacja", "legal_form": "foundation", "krs": "0000999999"}


def test_a_refused_registration_can_be_claimed_through_the_api(api_as, squatter, claimant):
    client = api_as(claimant)
    refused = client.post("/api/v1/organisations/", REGISTRATION, format="json")
    assert refused.status_code == 400
    assert refused.json()["code"] == "duplicate_organisation"

    response = client.post(
        "/api/v1/organisation-claims/",
        {**REGISTRATION, "justification": "Nasz odpis KRS."},
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["organisation"]["id"] == squatter.pk
    assert (body["claimed_name"], body["identifiers"], body["status"]) == (
        "Prawdziwa Fundacja",
        {"krs": "0000999999"},
        "pending",
    )
    again = client.post(
        "/api/v1/organisation-claims/",
        {**REGISTRATION, "justification": "Jeszcze raz."},
        format="json",
    )
    assert again.status_code == 409


@pytest.fixture
def claim(squatter, claimant):
    return services.organisation_claim_file(
        actor=claimant, justification="Nasz odpis KRS.", **REGISTRATION
    )


@pytest.mark.parametrize(
    ("persona", "status_code"),
    [("claimant", 403), ("official", 404), ("resident", 404), ("administrator", 200)],
)
def test_only_administrators_uphold_a_claim(persona, status_code, request, api_as, claim, squatter):
    response = api_as(request.getfixturevalue(persona)).post(
        f"/api/v1/organisation-claims/{claim.pk}/uphold/", {"reason": "KRS."}, format="json"
    )

    assert response.status_code == status_code
    squatter.refresh_from_db()
    assert (squatter.status == "rejected") is (status_code == 200)
    if status_code == 200:
        registered = Organisation.objects.get(name="Prawdziwa Fundacja")
        assert response.json()["registered_organisation"] == registered.pk
        assert response.json()["status"] == ClaimStatus.UPHELD


def test_an_administrator_dismisses_a_claim(api_as, administrator, claim, squatter):
    response = api_as(administrator).post(
        f"/api/v1/organisation-claims/{claim.pk}/dismiss/",
        {"reason": "Brak dowodu."},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["status"] == ClaimStatus.DISMISSED
    squatter.refresh_from_db()
    assert squatter.status == "pending"
    assert OrganisationClaim.objects.get().decision_reason == "Brak dowodu."


def test_claims_are_read_by_their_claimant_and_administrators(
    api_as, claim, claimant, administrator, resident
):
    assert api_as(claimant).get(f"/api/v1/organisation-claims/{claim.pk}/").status_code == 200
    assert api_as(administrator).get(f"/api/v1/organisation-claims/{claim.pk}/").status_code == 200
    assert api_as(resident).get(f"/api/v1/organisation-claims/{claim.pk}/").status_code == 404
    assert api_as(resident).get("/api/v1/organisation-claims/").json()["results"] == []
    assert [
        row["id"] for row in api_as(claimant).get("/api/v1/organisation-claims/").json()["results"]
    ] == [claim.pk]


@pytest.mark.parametrize("count", [1, 10])
def test_the_lists_cost_the_same_queries_for_ten_times_the_rows(
    count, api_fresh, administrator, django_assert_num_queries
):
    for _ in range(count):
        organisation = factories.OrganisationFactory()
        representative = factories.RepresentativeFactory(organisation=organisation).user
        services.organisation_update(
            organisation=organisation, actor=representative, name=f"{organisation.name} bis"
        )
        holder = factories.OrganisationFactory(status="pending")
        services.organisation_claim_file(
            actor=factories.UserFactory(),
            justification="Nasz.",
            name="Prawdziwa",
            krs=holder.krs,
        )
    client = api_fresh(administrator)
    # 1 the count, 2 the page with the organisations and the people joined
    with django_assert_num_queries(2):
        changes = client.get("/api/v1/organisation-changes/")
    with django_assert_num_queries(2):
        claims = client.get("/api/v1/organisation-claims/")
    assert changes.json()["count"] == claims.json()["count"] == count
