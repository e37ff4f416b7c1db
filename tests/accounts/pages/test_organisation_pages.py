"""The organisation pages: list, register, detail, edit, verification and members."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.exceptions import LastRepresentative, MembershipExists
from accounts.models import (
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrganisationStatus,
)
from accounts.validators import validate_nip
from core.exceptions import NotAllowed
from core.models import AuditEvent
from tests import factories
from tests.accounts.pages.helpers import polish

pytestmark = pytest.mark.django_db

LIST = reverse("organisations:list")
REGISTER = reverse("organisations:register")


def detail(organisation):
    return reverse("organisations:detail", args=[organisation.pk])


def members(organisation):
    return reverse("organisations:members", args=[organisation.pk])


def _nip_error_message() -> str:
    try:
        validate_nip("5260250994")
    except ValidationError as error:
        return error.messages[0]
    raise AssertionError("5260250994 should not be a valid NIP")


@pytest.fixture
def pending_ngo(db):
    return factories.OrganisationFactory(
        name="Fundacja Oczekująca", status=OrganisationStatus.PENDING
    )


@pytest.fixture
def pending_ngo_representative(pending_ngo):
    user = factories.UserFactory(email="pending.rep@example.org")
    factories.RepresentativeFactory(user=user, organisation=pending_ngo)
    return user


# --- List -------------------------------------------------------------------------------


def test_the_public_list_shows_verified_organisations_only(client, ngo, pending_ngo):
    response = client.get(LIST)
    assert response.status_code == 200
    assert ngo.name in response.text
    assert pending_ngo.name not in response.text


def test_officials_see_pending_organisations_with_their_status(client_as, official, pending_ngo):
    response = client_as(official).get(LIST)
    assert pending_ngo.name in response.text
    assert 'class="badge badge-pending"' in response.text
    response = client_as(official).get(LIST, {"status": "pending"})
    assert list(response.context["organisations"]) == [pending_ngo]


def test_the_list_filters_by_text_area_legal_form_and_city(client, ngo, other_ngo):
    area = factories.ActivityAreaFactory(name="Ekologia", slug="ekologia")
    other_ngo.areas.add(area)
    Organisation.objects.filter(pk=other_ngo.pk).update(city="Gdynia", legal_form="foundation")

    def names(**params):
        return [o.name for o in client.get(LIST, params).context["organisations"]]

    assert names(q="przyjaciół") == [ngo.name]
    assert names(area="ekologia") == [other_ngo.name]
    assert names(legal_form="foundation") == [other_ngo.name]
    assert names(city="gdynia") == [other_ngo.name]
    assert names(city="Sopot", legal_form="foundation") == []
    # An unknown area is ignored rather than failing the page.
    assert sorted(names(area="no-such-area")) == sorted([ngo.name, other_ngo.name])


def test_the_list_is_paginated_and_keeps_the_filters(client, make_organisations):
    make_organisations(25)
    response = client.get(LIST, {"legal_form": "association"})
    assert len(response.context["organisations"]) == 20
    assert "?legal_form=association&amp;page=2" in response.text
    response = client.get(LIST, {"legal_form": "association", "page": 2})
    assert len(response.context["organisations"]) == 5
    assert client.get(LIST, {"page": 9}).status_code == 404


@pytest.mark.parametrize("count", [2, 20])
def test_the_public_list_costs_the_same_queries_for_ten_times_the_organisations(
    client, make_organisations, django_assert_num_queries, count
):
    make_organisations(count)
    # 1 areas for the filter, 2 count, 3 the page of organisations with member counts,
    # 4 their areas (prefetch)
    with django_assert_num_queries(4):
        response = client.get(LIST)
    assert len(response.context["organisations"]) == count


@pytest.mark.parametrize("count", [2, 20])
def test_the_list_for_an_official_costs_the_same_queries_for_ten_times_the_organisations(
    client_as, official, make_organisations, django_assert_num_queries, count
):
    make_organisations(count, status=OrganisationStatus.PENDING)
    client = client_as(official)
    # 1 session, 2 user, 3 is the viewer an official, 4 areas for the filter, 5 count,
    # 6 the page of organisations, 7 their areas
    # 8. the unread notifications counted for the header.
    with django_assert_num_queries(8):
        response = client.get(LIST)
    assert len(response.context["organisations"]) == count


# --- Register ---------------------------------------------------------------------------


def _organisation_data(**overrides):
    data = {
        "name": "Stowarzyszenie Nowe",
        "legal_form": "association",
        "krs": "0000777777",
        "nip": "526-025-09-95",
        "regon": "192598184",
        "street": "ul. Morska 1",
        "postal_code": "81-701",
        "city": "Sopot",
        "email": "nowe@example.org",
        "website": "nowe.example.org",
        "description": "Działamy.",
    }
    return {**data, **overrides}


def test_registering_needs_a_login(client):
    response = client.get(REGISTER)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_resident_registers_an_organisation_that_waits_for_verification(client_as, resident):
    area = factories.ActivityAreaFactory()
    client = client_as(resident)
    assert client.get(REGISTER).status_code == 200
    response = client.post(REGISTER, _organisation_data(areas=[area.pk]))
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response.url == detail(organisation)
    assert organisation.status == OrganisationStatus.PENDING
    assert organisation.nip == "5260250995"
    assert organisation.website == "https://nowe.example.org"
    assert list(organisation.areas.all()) == [area]
    membership = Membership.objects.get()
    assert (membership.user, membership.role) == (resident, MembershipRole.REPRESENTATIVE)
    page = client.get(response.url)
    assert 'class="badge badge-pending"' in page.text


def test_an_invalid_nip_is_shown_at_its_field_and_nothing_is_stored(client_as, resident):
    response = client_as(resident).post(REGISTER, _organisation_data(nip="5260250994"))
    assert response.status_code == 200
    assert polish(_nip_error_message()) in response.text
    assert 'id="id_nip_error"' in response.text
    assert 'aria-describedby="id_nip_helptext id_nip_error"' in response.text
    assert '<a href="#id_nip">' in response.text
    assert not Organisation.objects.exists()
    assert not Membership.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"), [("krs", "12345"), ("regon", "192598185"), ("nip", "12")]
)
def test_invalid_registry_numbers_are_refused(client_as, resident, field, value):
    response = client_as(resident).post(REGISTER, _organisation_data(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Organisation.objects.exists()


def test_a_duplicate_krs_is_refused_at_its_field_with_the_services_message(
    client_as, resident, ngo
):
    response = client_as(resident).post(REGISTER, _organisation_data(krs=ngo.krs))
    assert response.status_code == 200
    assert response.context["form"].errors["krs"] == ["Ten numer jest już zarejestrowany."]
    assert "Ten numer jest już zarejestrowany." in response.text
    assert Organisation.objects.count() == 1
    assert not Membership.objects.filter(user=resident).exists()


# --- Detail -----------------------------------------------------------------------------


def test_a_verified_organisation_is_public(client, ngo):
    response = client.get(detail(ngo))
    assert response.status_code == 200
    assert ngo.name in response.text
    assert reverse("accounts:login") in response.text  # "log in to ask to join"


@pytest.mark.parametrize(
    ("persona", "status_code"),
    [
        ("anonymous", 404),
        ("resident", 404),
        ("other_ngo_representative", 404),
        ("pending_ngo_representative", 200),
        ("official", 200),
        ("other_official", 200),
        ("administrator", 200),
    ],
)
def test_a_pending_organisation_is_seen_by_its_members_officials_and_admins(
    request, client_as, pending_ngo, persona, status_code
):
    user = request.getfixturevalue(persona)
    assert client_as(user).get(detail(pending_ngo)).status_code == status_code


def test_members_see_the_reason_their_organisation_was_rejected(
    client_as, pending_ngo, pending_ngo_representative
):
    Organisation.objects.filter(pk=pending_ngo.pk).update(
        status=OrganisationStatus.REJECTED, rejection_reason="Brak numeru KRS w rejestrze."
    )
    response = client_as(pending_ngo_representative).get(detail(pending_ngo))
    assert "Brak numeru KRS w rejestrze." in response.text


def test_a_missing_organisation_is_a_404(client):
    assert client.get(reverse("organisations:detail", args=[999])).status_code == 404


@pytest.mark.parametrize("count", [1, 10])
def test_the_detail_page_costs_the_same_queries_with_ten_times_the_members(
    client_as, ngo, ngo_representative, django_assert_num_queries, count
):
    ngo.areas.set(factories.ActivityAreaFactory.create_batch(count))
    factories.MembershipFactory.create_batch(count * 3, organisation=ngo)
    client = client_as(ngo_representative)
    # 1 session, 2 user, 3 is the viewer an official, 4 the organisation with its member
    # count, 5 its areas, 6 the viewer's membership, 7-8 can edit / can see the members
    # (the viewer's membership, read by the permission predicates), 9 the change of name
    # or numbers awaiting review (shown to whoever may edit)
    # 10. the unread notifications counted for the header.
    with django_assert_num_queries(10):
        response = client.get(detail(ngo))
    assert response.context["organisation"].member_count == count * 3 + 1


def test_a_resident_asks_to_join_and_a_second_request_is_a_message_not_an_error(
    client_as, resident, ngo
):
    client = client_as(resident)
    page = client.get(detail(ngo))
    assert reverse("organisations:join", args=[ngo.pk]) in page.text
    response = client.post(reverse("organisations:join", args=[ngo.pk]), {"message": "Chętnie"})
    assert response.status_code == 302
    membership = Membership.objects.get(user=resident)
    assert (membership.status, membership.message) == (MembershipStatus.REQUESTED, "Chętnie")
    # The button is gone; a replayed POST is refused with the domain message.
    response = client.post(reverse("organisations:join", args=[ngo.pk]), follow=True)
    assert response.status_code == 200
    assert polish(MembershipExists.default_message) in response.text
    assert Membership.objects.filter(user=resident).count() == 1


def test_an_official_verifies_a_pending_organisation(client_as, official, pending_ngo):
    client = client_as(official)
    page = client.get(detail(pending_ngo))
    assert reverse("organisations:verify", args=[pending_ngo.pk]) in page.text
    response = client.post(reverse("organisations:verify", args=[pending_ngo.pk]))
    assert response.status_code == 302
    pending_ngo.refresh_from_db()
    assert pending_ngo.status == OrganisationStatus.VERIFIED
    assert AuditEvent.objects.filter(verb="organisation.verified").count() == 1


def test_a_representative_cannot_verify_their_own_organisation(
    client_as, pending_ngo, pending_ngo_representative
):
    client = client_as(pending_ngo_representative)
    assert (
        reverse("organisations:verify", args=[pending_ngo.pk])
        not in client.get(detail(pending_ngo)).text
    )
    response = client.post(reverse("organisations:verify", args=[pending_ngo.pk]), follow=True)
    assert response.status_code == 200
    assert polish(NotAllowed.default_message) in response.text
    pending_ngo.refresh_from_db()
    assert pending_ngo.status == OrganisationStatus.PENDING


def test_rejecting_needs_a_reason_shown_at_the_field(client_as, official, pending_ngo):
    client = client_as(official)
    url = reverse("organisations:reject", args=[pending_ngo.pk])
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert 'id="id_reason_error"' in response.text
    pending_ngo.refresh_from_db()
    assert pending_ngo.status == OrganisationStatus.PENDING

    response = client.post(url, {"reason": "Numer KRS należy do innej organizacji."})
    assert response.status_code == 302
    pending_ngo.refresh_from_db()
    assert pending_ngo.status == OrganisationStatus.REJECTED
    assert pending_ngo.rejection_reason == "Numer KRS należy do innej organizacji."


@pytest.mark.parametrize("persona", ["resident", "ngo_representative"])
def test_only_officials_and_admins_reach_the_reject_page(request, client_as, ngo, persona):
    client = client_as(request.getfixturevalue(persona))
    assert client.get(reverse("organisations:reject", args=[ngo.pk])).status_code == 404


# --- Edit -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status_code"),
    [
        ("ngo_representative", 200),
        ("administrator", 200),
        ("ngo_member", 404),
        ("other_ngo_representative", 404),
        ("official", 404),
        ("resident", 404),
    ],
)
def test_only_representatives_and_admins_edit_an_organisation(
    request, client_as, ngo, persona, status_code
):
    client = client_as(request.getfixturevalue(persona))
    assert client.get(reverse("organisations:edit", args=[ngo.pk])).status_code == status_code


def test_editing_needs_a_login(client, ngo):
    response = client.get(reverse("organisations:edit", args=[ngo.pk]))
    assert response.status_code == 302


def test_a_representative_edits_the_details_through_the_service(client_as, ngo, ngo_representative):
    client = client_as(ngo_representative)
    url = reverse("organisations:edit", args=[ngo.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "areas"}
    data.update(name="Stowarzyszenie Przyjaciół Sopotu i Okolic", city="Gdynia")
    response = client.post(url, data)
    assert response.status_code == 302
    ngo.refresh_from_db()
    # Verified: the new name awaits an administrator; the city changes at once.
    assert ngo.name == "Stowarzyszenie Przyjaciół Sopotu"
    assert ngo.city == "Gdynia"
    assert AuditEvent.objects.filter(verb="organisation.updated").count() == 1
    assert AuditEvent.objects.filter(verb="organisation.change_requested").count() == 1
    page = client.get(response["Location"])
    assert "Stowarzyszenie Przyjaciół Sopotu i Okolic" in page.content.decode()
    assert page.context["pending_change"] is not None

    response = client.post(url, {**data, "regon": "123"})
    assert response.status_code == 200
    assert "regon" in response.context["form"].errors


# --- Members ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status_code"),
    [
        ("ngo_representative", 200),
        ("ngo_member", 200),
        ("official", 200),
        ("administrator", 200),
        ("resident", 404),
        ("other_ngo_representative", 404),
    ],
)
def test_the_members_page_is_for_members_officials_and_admins(
    request, client_as, ngo, persona, status_code
):
    client = client_as(request.getfixturevalue(persona))
    assert client.get(members(ngo)).status_code == status_code


def test_the_members_page_needs_a_login(client, ngo):
    assert client.get(members(ngo)).status_code == 302


def test_a_representative_sees_requests_and_a_member_does_not(
    client_as, ngo, ngo_representative, ngo_member, resident
):
    factories.MembershipFactory(user=resident, organisation=ngo, status=MembershipStatus.REQUESTED)
    page = client_as(ngo_representative).get(members(ngo))
    assert resident.full_name in page.text
    assert "/approve/" in page.text
    page = client_as(ngo_member).get(members(ngo))
    assert resident.full_name not in page.text
    assert "/approve/" not in page.text


def test_a_representative_approves_declines_and_changes_roles(
    client_as, ngo, ngo_representative, ngo_member, resident, other_ngo_representative
):
    request_one = factories.MembershipFactory(
        user=resident, organisation=ngo, status=MembershipStatus.REQUESTED
    )
    request_two = factories.MembershipFactory(
        user=other_ngo_representative, organisation=ngo, status=MembershipStatus.REQUESTED
    )
    client = client_as(ngo_representative)

    response = client.post(
        reverse("organisations:membership_approve", args=[request_one.pk]), {"role": "member"}
    )
    assert response.status_code == 302
    assert response.url == members(ngo)
    request_one.refresh_from_db()
    assert request_one.status == MembershipStatus.ACTIVE

    client.post(reverse("organisations:membership_decline", args=[request_two.pk]))
    request_two.refresh_from_db()
    assert request_two.status == MembershipStatus.DECLINED

    member = Membership.objects.get(user=ngo_member)
    client.post(
        reverse("organisations:membership_set_role", args=[member.pk]),
        {"role": "representative"},
    )
    member.refresh_from_db()
    assert member.role == MembershipRole.REPRESENTATIVE

    client.post(reverse("organisations:membership_revoke", args=[member.pk]))
    member.refresh_from_db()
    assert member.status == MembershipStatus.REVOKED


def test_a_member_leaves_and_returns_to_the_profile(client_as, ngo, ngo_member):
    membership = Membership.objects.get(user=ngo_member)
    response = client_as(ngo_member).post(
        reverse("organisations:membership_revoke", args=[membership.pk])
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REVOKED


def test_the_last_representative_cannot_leave_and_is_told_why(client_as, ngo, ngo_representative):
    membership = Membership.objects.get(user=ngo_representative)
    response = client_as(ngo_representative).post(
        reverse("organisations:membership_revoke", args=[membership.pk]), follow=True
    )
    assert response.status_code == 200
    assert polish(LastRepresentative.default_message) in response.text
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE


def test_an_unknown_role_is_a_message_not_an_error(client_as, ngo, ngo_representative, ngo_member):
    membership = Membership.objects.get(user=ngo_member)
    response = client_as(ngo_representative).post(
        reverse("organisations:membership_set_role", args=[membership.pk]),
        {"role": "king"},
        follow=True,
    )
    assert response.status_code == 200
    assert 'class="message message-error" role="alert"' in response.text
    membership.refresh_from_db()
    assert membership.role == MembershipRole.MEMBER


def test_a_member_cannot_decide_on_requests(client_as, ngo, ngo_member, resident):
    request_one = factories.MembershipFactory(
        user=resident, organisation=ngo, status=MembershipStatus.REQUESTED
    )
    client_as(ngo_member).post(reverse("organisations:membership_approve", args=[request_one.pk]))
    request_one.refresh_from_db()
    assert request_one.status == MembershipStatus.REQUESTED


def test_strangers_get_a_404_for_someone_elses_membership(
    client_as, ngo, ngo_member, other_ngo_representative
):
    membership = Membership.objects.get(user=ngo_member)
    response = client_as(other_ngo_representative).post(
        reverse("organisations:membership_revoke", args=[membership.pk])
    )
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE


def test_membership_actions_take_a_post(client_as, ngo, ngo_representative, ngo_member):
    membership = Membership.objects.get(user=ngo_member)
    url = reverse("organisations:membership_revoke", args=[membership.pk])
    assert client_as(ngo_representative).get(url).status_code == 405


@pytest.mark.parametrize("count", [3, 30])
def test_the_members_page_costs_the_same_queries_with_ten_times_the_members(
    client_as, ngo, ngo_representative, django_assert_num_queries, count
):
    factories.MembershipFactory.create_batch(count, organisation=ngo)
    factories.MembershipFactory.create_batch(count, organisation=ngo, status="requested")
    factories.MembershipFactory.create_batch(count, organisation=ngo, status="revoked")
    client = client_as(ngo_representative)
    # 1 session, 2 user, 3 is the viewer an official, 4 the organisation, 5 its areas,
    # 6 may the viewer see the members (their membership), 7 are they a representative
    # (selector), 8 the memberships with their users, 9 are they a representative (page)
    # 10. the unread notifications counted for the header.
    with django_assert_num_queries(10):
        response = client.get(members(ngo))
    assert len(response.context["active"]) == count + 1
    assert len(response.context["requests"]) == count
