import pytest
from django.urls import reverse

from accounts.models import (
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrganisationStatus,
)
from core.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api-organisation-list")


def detail_url(organisation):
    return reverse("api-organisation-detail", kwargs={"pk": organisation.pk})


def make_organisations(count, *, status=OrganisationStatus.VERIFIED):
    """``count`` organisations, each with two areas and three active members."""
    areas = [factories.ActivityAreaFactory(slug=slug) for slug in ("kultura", "sport")]
    people = factories.UserFactory.create_batch(3)
    organisations = factories.OrganisationFactory.create_batch(count, status=status)
    for organisation in organisations:
        organisation.areas.set(areas)
        for person in people:
            factories.MembershipFactory(user=person, organisation=organisation)
    return organisations


# --- The list ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [5, 50])
def test_the_public_list_takes_three_queries_however_many_organisations(
    count, api_fresh, django_assert_num_queries
):
    make_organisations(count)
    client = api_fresh()

    # 1. COUNT(*) for the paginator
    # 2. the page of organisations, with the member count annotated
    # 3. the areas of those organisations (prefetch)
    with django_assert_num_queries(3):
        response = client.get(LIST_URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == count
    assert len(body["results"]) == count
    first = body["results"][0]
    assert first["member_count"] == 3
    assert [area["slug"] for area in first["areas"]] == ["kultura", "sport"]


@pytest.mark.parametrize("count", [5, 50])
def test_an_official_lists_organisations_in_four_queries_however_many(
    count, official, api_fresh, django_assert_num_queries
):
    make_organisations(count, status=OrganisationStatus.PENDING)
    client = api_fresh(official)

    # 1. is the viewer an official (an active post exists)
    # 2. COUNT(*) for the paginator
    # 3. the page of organisations, with the member count annotated
    # 4. their areas (prefetch)
    with django_assert_num_queries(4):
        response = client.get(LIST_URL)

    assert response.json()["count"] == count


def test_the_public_sees_only_verified_organisations(api_client, ngo):
    factories.OrganisationFactory(name="Oczekująca", status=OrganisationStatus.PENDING)
    factories.OrganisationFactory(name="Odrzucona", status=OrganisationStatus.REJECTED)

    names = [row["name"] for row in api_client.get(LIST_URL).json()["results"]]

    assert names == [ngo.name]


def test_a_user_also_sees_the_pending_organisation_they_asked_to_join(api_as, resident):
    pending = factories.OrganisationFactory(status=OrganisationStatus.PENDING)
    factories.MembershipFactory(
        user=resident, organisation=pending, status=MembershipStatus.REQUESTED
    )
    factories.OrganisationFactory(status=OrganisationStatus.PENDING)

    ids = [row["id"] for row in api_as(resident).get(LIST_URL).json()["results"]]

    assert ids == [pending.pk]


def test_an_official_filters_by_status(api_as, official, ngo):
    pending = factories.OrganisationFactory(status=OrganisationStatus.PENDING)

    response = api_as(official).get(LIST_URL, {"status": "pending"})

    assert [row["id"] for row in response.json()["results"]] == [pending.pk]


def test_the_status_filter_cannot_reveal_pending_organisations_to_the_public(api_client):
    factories.OrganisationFactory(status=OrganisationStatus.PENDING)

    response = api_client.get(LIST_URL, {"status": "pending"})

    assert response.json()["count"] == 0


def test_filters_by_legal_form_area_and_city(api_client):
    culture = factories.ActivityAreaFactory(slug="kultura")
    match = factories.OrganisationFactory(legal_form="foundation", city="Sopot")
    match.areas.set([culture])
    factories.OrganisationFactory(legal_form="association", city="Sopot").areas.set([culture])
    factories.OrganisationFactory(legal_form="foundation", city="Gdynia").areas.set([culture])
    factories.OrganisationFactory(legal_form="foundation", city="Sopot")

    response = api_client.get(
        LIST_URL, {"legal_form": "foundation", "area": "kultura", "city": "sopot"}
    )

    assert [row["id"] for row in response.json()["results"]] == [match.pk]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("morsk", "Fundacja Morska"),
        ("0000654321", "Fundacja Morska"),
        ("526-025-09-95", "Fundacja Morska"),
        ("PL5260250995", "Fundacja Morska"),
        ("192598184", "Fundacja Morska"),
        ("przyjaciół", "Stowarzyszenie Przyjaciół Sopotu"),
    ],
)
def test_q_finds_by_part_of_the_name_or_a_whole_registry_number(
    api_client, ngo, other_ngo, query, expected
):
    Organisation.objects.filter(pk=other_ngo.pk).update(nip="5260250995", regon="192598184")

    response = api_client.get(LIST_URL, {"q": query})

    assert [row["name"] for row in response.json()["results"]] == [expected]


def test_a_partial_registry_number_matches_nothing(api_client, other_ngo):
    assert api_client.get(LIST_URL, {"q": "065432"}).json()["count"] == 0


def test_the_list_orders_by_name_or_newest_first(api_client):
    first = factories.OrganisationFactory(name="Alfa")
    second = factories.OrganisationFactory(name="Beta")

    by_name = api_client.get(LIST_URL).json()["results"]
    newest = api_client.get(LIST_URL, {"ordering": "-created_at"}).json()["results"]

    assert [row["id"] for row in by_name] == [first.pk, second.pk]
    assert [row["id"] for row in newest] == [second.pk, first.pk]


def test_the_list_is_paginated(api_client):
    factories.OrganisationFactory.create_batch(3)

    body = api_client.get(LIST_URL, {"page_size": 2}).json()

    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["next"] is not None


def test_an_unknown_filter_value_is_a_400_in_the_error_shape(api_client):
    response = api_client.get(LIST_URL, {"legal_form": "kingdom"})

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "legal_form" in body["extra"]["fields"]


# --- One organisation -------------------------------------------------------------------


@pytest.mark.parametrize("areas", [2, 20])
def test_the_detail_takes_two_queries_however_many_areas_and_members(
    areas, api_fresh, django_assert_num_queries
):
    organisation = factories.OrganisationFactory()
    organisation.areas.set(factories.ActivityAreaFactory.create_batch(areas))
    factories.MembershipFactory.create_batch(areas, organisation=organisation)
    client = api_fresh()

    # 1. the organisation, with the member count annotated
    # 2. its areas (prefetch)
    with django_assert_num_queries(2):
        response = client.get(detail_url(organisation))

    assert response.status_code == 200
    assert len(response.json()["areas"]) == areas
    assert response.json()["member_count"] == areas


def test_a_pending_organisation_is_not_found_by_the_public(api_client):
    pending = factories.OrganisationFactory(status=OrganisationStatus.PENDING)

    response = api_client.get(detail_url(pending))

    assert response.status_code == 404
    body = response.json()
    assert body["code"] == "not_found"
    assert body["extra"] == {}
    assert body["message"]


def test_an_organisation_that_does_not_exist_is_the_same_404(api_client):
    response = api_client.get(reverse("api-organisation-detail", kwargs={"pk": 999999}))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


# --- Registering ------------------------------------------------------------------------


def test_a_user_registers_an_organisation_and_becomes_its_representative(api_as, resident):
    factories.ActivityAreaFactory(slug="kultura", name="Kultura")
    factories.ActivityAreaFactory(slug="sport", name="Sport")

    response = api_as(resident).post(
        LIST_URL,
        {
            "name": "Fundacja Nowa",
            "legal_form": "foundation",
            "krs": "0000 999 999",
            "nip": "PL 526-025-09-95",
            "regon": "192 598 184",
            "city": "Sopot",
            "areas": ["sport", "kultura"],
        },
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "pending"
    assert (body["krs"], body["nip"], body["regon"]) == ("0000999999", "5260250995", "192598184")
    assert [area["slug"] for area in body["areas"]] == ["kultura", "sport"]
    assert body["member_count"] == 1
    membership = Membership.objects.get(organisation_id=body["id"])
    assert (membership.user, membership.role) == (resident, MembershipRole.REPRESENTATIVE)


def test_registering_needs_an_account(api_client):
    response = api_client.post(LIST_URL, {"name": "Fundacja"}, format="json")

    assert response.status_code == 401
    assert not Organisation.objects.exists()


def test_an_invalid_nip_is_refused_field_by_field_and_nothing_is_stored(api_as, resident):
    response = api_as(resident).post(
        LIST_URL, {"name": "Fundacja", "nip": "5260250996"}, format="json"
    )

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["extra"]["fields"]) == ["nip"]
    assert "suma kontrolna" in body["extra"]["fields"]["nip"][0]
    assert not Organisation.objects.exists()
    assert not AuditEvent.objects.exists()


def test_an_unknown_area_is_refused(api_as, resident):
    response = api_as(resident).post(
        LIST_URL, {"name": "Fundacja", "areas": ["nie-ma"]}, format="json"
    )

    assert response.status_code == 400
    assert "nie-ma" in response.json()["extra"]["fields"]["areas"][0]


def test_a_duplicate_krs_is_refused_with_the_field_named(api_as, resident, ngo):
    response = api_as(resident).post(LIST_URL, {"name": "Kopia", "krs": ngo.krs}, format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "duplicate_organisation"
    assert "krs" in body["extra"]["fields"]
    assert Organisation.objects.count() == 1


def test_a_retried_registration_with_the_same_idempotency_key_registers_once(api_as, resident):
    client = api_as(resident)
    payload = {"name": "Fundacja Raz", "krs": "0000999999"}

    first = client.post(LIST_URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="reg-1")
    second = client.post(LIST_URL, payload, format="json", HTTP_IDEMPOTENCY_KEY="reg-1")

    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert Organisation.objects.count() == 1


# --- Changing ---------------------------------------------------------------------------


def test_a_representative_changes_the_organisations_details(api_as, ngo, ngo_representative):
    factories.ActivityAreaFactory(slug="sport")

    response = api_as(ngo_representative).patch(
        detail_url(ngo),
        {"description": "Nowy opis", "website": "https://example.org", "areas": ["sport"]},
        format="json",
    )

    assert response.status_code == 200
    body = response.json()
    assert body["description"] == "Nowy opis"
    assert [area["slug"] for area in body["areas"]] == ["sport"]
    assert body["name"] == ngo.name
    event = AuditEvent.objects.get(verb="organisation.updated")
    assert set(event.data) == {"description", "website"}


def test_a_member_may_not_change_the_organisation(api_as, ngo, ngo_member):
    response = api_as(ngo_member).patch(detail_url(ngo), {"name": "Przejęta"}, format="json")

    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "permission_denied"
    assert "przedstawiciele" in body["message"]
    ngo.refresh_from_db()
    assert ngo.name != "Przejęta"


def test_an_invalid_change_is_a_400_and_changes_nothing(api_as, ngo, ngo_representative):
    response = api_as(ngo_representative).patch(
        detail_url(ngo), {"regon": "123", "city": "Gdańsk"}, format="json"
    )

    assert response.status_code == 400
    assert "regon" in response.json()["extra"]["fields"]
    ngo.refresh_from_db()
    assert ngo.city == "Sopot"


# --- Verifying and rejecting ------------------------------------------------------------


def test_an_official_verifies_a_pending_organisation(api_as, official):
    pending = factories.OrganisationFactory(status=OrganisationStatus.PENDING)

    response = api_as(official).post(reverse("api-organisation-verify", args=[pending.pk]))

    assert response.status_code == 200
    assert response.json()["status"] == "verified"
    assert AuditEvent.objects.filter(verb="organisation.verified", actor=official).exists()


def test_verifying_twice_is_a_409_conflict(api_as, official, ngo):
    response = api_as(official).post(reverse("api-organisation-verify", args=[ngo.pk]))

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "invalid_transition"
    assert body["extra"] == {}


def test_a_rejection_needs_a_reason(api_as, official):
    pending = factories.OrganisationFactory(status=OrganisationStatus.PENDING)

    response = api_as(official).post(
        reverse("api-organisation-reject", args=[pending.pk]), {"reason": " "}, format="json"
    )

    assert response.status_code == 400
    assert "reason" in response.json()["extra"]["fields"]
    pending.refresh_from_db()
    assert pending.status == OrganisationStatus.PENDING


def test_an_official_rejects_with_a_reason_shown_on_the_organisation(api_as, official):
    pending = factories.OrganisationFactory(status=OrganisationStatus.PENDING)

    response = api_as(official).post(
        reverse("api-organisation-reject", args=[pending.pk]),
        {"reason": "Brak wpisu w KRS."},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert response.json()["rejection_reason"] == "Brak wpisu w KRS."
