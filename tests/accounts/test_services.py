import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from accounts import services
from accounts.exceptions import DuplicateOrganisation, LastRepresentative, MembershipExists
from accounts.models import (
    ApiToken,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrganisationStatus,
)
from core.exceptions import InvalidTransition, NotAllowed
from core.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def verbs():
    return list(AuditEvent.objects.order_by("id").values_list("verb", flat=True))


@pytest.fixture
def pending(resident):
    return services.organisation_register(actor=resident, name="Fundacja Nowa", krs="0000999999")


@pytest.fixture
def join_request(ngo, resident):
    return services.membership_request(organisation=ngo, actor=resident, message=" Chętnie ")


# --- Users ------------------------------------------------------------------------------


def test_a_user_changes_their_own_profile(resident):
    services.user_update_profile(user=resident, actor=resident, full_name=" Ewa N ", language="en")

    resident.refresh_from_db()
    assert (resident.full_name, resident.language) == ("Ewa N", "en")
    assert verbs() == ["user.profile_updated"]


def test_nobody_else_changes_a_users_profile(resident, ngo_representative):
    with pytest.raises(NotAllowed):
        services.user_update_profile(
            user=resident, actor=ngo_representative, full_name="X", language="pl"
        )
    assert verbs() == []


def test_an_administrator_may_change_a_users_profile(resident, administrator):
    services.user_update_profile(user=resident, actor=administrator, full_name="X", language="pl")

    assert AuditEvent.objects.get().actor == administrator


def test_an_unknown_language_is_refused(resident):
    with pytest.raises(ValidationError) as error:
        services.user_update_profile(user=resident, actor=resident, full_name="X", language="de")
    assert "language" in error.value.message_dict


def test_a_new_api_token_is_stored_as_a_hash_and_expires_after_the_setting(resident, settings):
    settings.API_TOKEN_TTL_DAYS = 30
    before = timezone.now()

    first = services.api_token_create(user=resident, label=" script ")
    second = services.api_token_create(user=resident)

    stored = ApiToken.objects.get(pk=first.pk)
    assert stored.key_hash == hashlib.sha256(first.key.encode()).hexdigest()
    assert first.key not in {stored.key_hash, stored.prefix}
    assert stored.prefix == first.key[:8]
    assert stored.label == "script"
    assert before + timedelta(days=30) <= stored.expires_at <= timezone.now() + timedelta(days=30)
    assert first.key != second.key
    assert ApiToken.objects.filter(user=resident).usable_at(timezone.now()).count() == 2
    assert verbs() == ["user.api_token_created", "user.api_token_created"]


def test_revoking_a_token_is_audited_once_and_leaves_the_others(resident):
    first = services.api_token_create(user=resident)
    second = services.api_token_create(user=resident)

    services.api_token_revoke(token=first, actor=resident)
    services.api_token_revoke(token=first, actor=resident)

    usable = ApiToken.objects.usable_at(timezone.now())
    assert list(usable.values_list("pk", flat=True)) == [second.pk]
    assert verbs().count("user.api_token_revoked") == 1


def test_nobody_else_may_revoke_a_users_token(resident, ngo_member, administrator):
    token = services.api_token_create(user=resident)

    with pytest.raises(NotAllowed):
        services.api_token_revoke(token=token, actor=ngo_member)
    services.api_token_revoke(token=token, actor=administrator)

    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_revoking_all_of_a_users_tokens_leaves_other_users_tokens(resident, ngo_member):
    services.api_token_create(user=resident)
    services.api_token_create(user=resident)
    others = services.api_token_create(user=ngo_member)

    revoked = services.api_tokens_revoke_all(user=resident, actor=resident, reason="password_reset")

    assert revoked == 2
    assert list(ApiToken.objects.usable_at(timezone.now())) == [others]
    event = AuditEvent.objects.get(verb="user.api_tokens_revoked")
    assert event.data == {"count": 2, "reason": "password_reset"}


# --- Registering an organisation --------------------------------------------------------


def test_registering_normalises_the_numbers_and_makes_the_registrant_representative(resident):
    culture = factories.ActivityAreaFactory(slug="kultura")

    organisation = services.organisation_register(
        actor=resident,
        name="Fundacja Nowa",
        legal_form="foundation",
        krs="0000-999-999",
        nip="PL 526-025-09-95",
        regon="192 598 184",
        areas=[culture],
    )

    assert organisation.status == OrganisationStatus.PENDING
    assert (organisation.krs, organisation.nip, organisation.regon) == (
        "0000999999",
        "5260250995",
        "192598184",
    )
    assert list(organisation.areas.all()) == [culture]
    assert organisation.registered_by == resident
    membership = organisation.memberships.get()
    assert (membership.user, membership.role, membership.status) == (
        resident,
        MembershipRole.REPRESENTATIVE,
        MembershipStatus.ACTIVE,
    )
    assert verbs() == ["organisation.registered"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("krs", "12345", "A KRS number has exactly 10 digits, e.g. 0000123456."),
        ("nip", "5260250996", "This NIP number is not valid: check the digits, its checksum"),
        ("nip", "526025099", "A NIP number has exactly 10 digits."),
        ("regon", "192598185", "This REGON number is not valid: check the digits"),
        ("regon", "1925981", "A REGON number has 9 or 14 digits."),
    ],
)
def test_an_invalid_registry_number_is_refused_and_nothing_is_stored(
    resident, field, value, message
):
    with pytest.raises(ValidationError) as error:
        services.organisation_register(actor=resident, name="Fundacja", **{field: value})

    assert error.value.message_dict[field][0].startswith(message)
    assert not Organisation.objects.exists()
    assert not Membership.objects.exists()
    assert verbs() == []


@pytest.mark.parametrize(
    ("field", "existing", "typed"),
    [
        ("krs", "0000999999", "0000 999 999"),
        ("nip", "5260250995", "PL526-025-09-95"),
        ("regon", "192598184", "192-598-184"),
    ],
)
def test_a_duplicate_registry_number_is_refused_and_nothing_is_stored(
    resident, field, existing, typed
):
    factories.OrganisationFactory(**{"krs": "0000111111", field: existing})

    with pytest.raises(DuplicateOrganisation) as error:
        services.organisation_register(actor=resident, name="Kopia", **{field: typed})

    assert field.upper() in str(error.value.message)
    assert field in error.value.extra["fields"]
    assert Organisation.objects.count() == 1
    assert not Membership.objects.exists()
    assert verbs() == []


def test_an_anonymous_visitor_cannot_register(anonymous):
    with pytest.raises(NotAllowed):
        services.organisation_register(actor=anonymous, name="Fundacja")


def test_an_unknown_field_is_a_programming_error(resident):
    with pytest.raises(TypeError):
        services.organisation_register(actor=resident, name="Fundacja", status="verified")


# --- Changing an organisation -----------------------------------------------------------


def test_a_representative_changes_details_and_the_change_is_audited(ngo, ngo_representative):
    services.organisation_update(
        organisation=ngo, actor=ngo_representative, city="Gdynia", nip="526-025-09-95"
    )

    ngo.refresh_from_db()
    # The organisation is verified: its new NIP awaits an administrator's approval.
    assert (ngo.city, ngo.nip) == ("Gdynia", "")
    updated, requested = AuditEvent.objects.order_by("id")
    assert updated.verb == "organisation.updated"
    assert updated.data == {"city": {"from": "Sopot", "to": "Gdynia"}}
    assert requested.verb == "organisation.change_requested"
    assert requested.data["changes"] == {"nip": {"from": "", "to": "5260250995"}}


def test_a_member_cannot_change_the_organisation(ngo, ngo_member):
    with pytest.raises(NotAllowed):
        services.organisation_update(organisation=ngo, actor=ngo_member, city="Gdynia")
    assert verbs() == []


def test_a_change_to_another_organisations_number_is_refused(ngo, other_ngo, administrator):
    with pytest.raises(DuplicateOrganisation):
        services.organisation_update(organisation=ngo, actor=administrator, krs=other_ngo.krs)
    ngo.refresh_from_db()
    assert ngo.krs == "0000123456"


# --- Verifying and rejecting ------------------------------------------------------------


def test_an_official_verifies_a_pending_organisation(pending, official):
    services.organisation_verify(organisation=pending, actor=official)

    pending.refresh_from_db()
    assert pending.status == OrganisationStatus.VERIFIED
    assert pending.decided_by == official
    assert pending.decided_at is not None
    event = AuditEvent.objects.get(verb="organisation.verified")
    assert (event.actor, event.data) == (official, {"from": "pending", "reason": ""})


def test_verifying_twice_is_an_invalid_transition(pending, official):
    services.organisation_verify(organisation=pending, actor=official)

    with pytest.raises(InvalidTransition) as error:
        services.organisation_verify(organisation=pending, actor=official)
    assert "already verified" in str(error.value.message)


def test_a_rejection_needs_a_reason(pending, official):
    with pytest.raises(ValidationError) as error:
        services.organisation_reject(organisation=pending, actor=official, reason="  ")

    assert "reason" in error.value.message_dict
    pending.refresh_from_db()
    assert pending.status == OrganisationStatus.PENDING
    assert "organisation.rejected" not in verbs()


def test_a_rejected_organisation_can_be_verified_after_correcting_its_data(pending, official):
    services.organisation_reject(organisation=pending, actor=official, reason="Brak statutu.")
    pending.refresh_from_db()
    assert (pending.status, pending.rejection_reason) == ("rejected", "Brak statutu.")

    services.organisation_verify(organisation=pending, actor=official)

    pending.refresh_from_db()
    assert (pending.status, pending.rejection_reason) == ("verified", "")
    assert verbs()[-2:] == ["organisation.rejected", "organisation.verified"]


def test_a_verified_organisation_can_be_struck_off(ngo, administrator):
    services.organisation_reject(organisation=ngo, actor=administrator, reason="Likwidacja.")

    ngo.refresh_from_db()
    assert ngo.status == OrganisationStatus.REJECTED


def test_rejecting_twice_is_an_invalid_transition(pending, official):
    services.organisation_reject(organisation=pending, actor=official, reason="Nie.")

    with pytest.raises(InvalidTransition):
        services.organisation_reject(organisation=pending, actor=official, reason="Nie.")


@pytest.mark.parametrize("persona", ["resident", "ngo_representative"])
def test_only_officials_and_administrators_decide(request, pending, persona):
    with pytest.raises(NotAllowed):
        services.organisation_verify(organisation=pending, actor=request.getfixturevalue(persona))


def test_the_registrant_cannot_verify_their_own_organisation_even_as_an_official(official):
    own = services.organisation_register(actor=official, name="Fundacja Urzędnika")

    with pytest.raises(NotAllowed):
        services.organisation_verify(organisation=own, actor=official)


# --- Memberships ------------------------------------------------------------------------


def test_a_user_asks_to_join(join_request, resident, ngo):
    assert (join_request.user, join_request.organisation) == (resident, ngo)
    assert (join_request.status, join_request.role) == ("requested", "member")
    assert join_request.message == "Chętnie"
    assert verbs() == ["membership.requested"]


def test_asking_again_while_a_request_is_pending_is_refused(join_request, resident, ngo):
    with pytest.raises(MembershipExists):
        services.membership_request(organisation=ngo, actor=resident)
    assert Membership.objects.filter(user=resident).count() == 1


def test_a_member_cannot_ask_to_join_again(ngo, ngo_member):
    with pytest.raises(MembershipExists):
        services.membership_request(organisation=ngo, actor=ngo_member)


def test_a_declined_user_may_ask_again(join_request, resident, ngo, ngo_representative):
    services.membership_decline(membership=join_request, actor=ngo_representative)

    again = services.membership_request(organisation=ngo, actor=resident)

    assert again.pk != join_request.pk


def test_a_rejected_organisation_takes_no_requests(resident):
    rejected = factories.OrganisationFactory(status=OrganisationStatus.REJECTED)

    with pytest.raises(NotAllowed):
        services.membership_request(organisation=rejected, actor=resident)
    assert not Membership.objects.exists()


def test_a_representative_approves_a_request_with_a_role(join_request, ngo_representative):
    membership = services.membership_approve(
        membership=join_request, actor=ngo_representative, role=MembershipRole.REPRESENTATIVE
    )

    assert (membership.status, membership.role) == ("active", "representative")
    assert membership.decided_by == ngo_representative
    assert verbs() == ["membership.requested", "membership.approved"]


def test_approving_with_an_unknown_role_is_refused(join_request, ngo_representative):
    with pytest.raises(ValidationError) as error:
        services.membership_approve(membership=join_request, actor=ngo_representative, role="x")

    assert "role" in error.value.message_dict
    join_request.refresh_from_db()
    assert join_request.status == MembershipStatus.REQUESTED


def test_only_a_pending_request_can_be_approved_or_declined(join_request, ngo_representative):
    services.membership_approve(membership=join_request, actor=ngo_representative)

    with pytest.raises(InvalidTransition):
        services.membership_approve(membership=join_request, actor=ngo_representative)
    with pytest.raises(InvalidTransition):
        services.membership_decline(membership=join_request, actor=ngo_representative)


@pytest.mark.parametrize("persona", ["ngo_member", "official", "other_ngo_representative"])
def test_only_representatives_and_administrators_approve(request, join_request, persona):
    with pytest.raises(NotAllowed):
        services.membership_approve(membership=join_request, actor=request.getfixturevalue(persona))


def test_a_representative_declines_a_request(join_request, ngo_representative):
    membership = services.membership_decline(membership=join_request, actor=ngo_representative)

    assert membership.status == MembershipStatus.DECLINED
    assert verbs()[-1] == "membership.declined"


def test_a_member_leaves(ngo_member):
    membership = services.membership_revoke(
        membership=ngo_member.memberships.get(), actor=ngo_member
    )

    assert membership.status == MembershipStatus.REVOKED
    assert verbs() == ["membership.revoked"]


def test_an_applicant_withdraws_their_request(join_request, resident):
    membership = services.membership_revoke(membership=join_request, actor=resident)

    assert membership.status == MembershipStatus.REVOKED


def test_a_representative_ends_a_members_membership(ngo_member, ngo_representative):
    services.membership_revoke(membership=ngo_member.memberships.get(), actor=ngo_representative)

    assert not ngo_member.memberships.active().exists()


def test_the_last_representative_cannot_leave(ngo_representative):
    membership = ngo_representative.memberships.get()

    with pytest.raises(LastRepresentative):
        services.membership_revoke(membership=membership, actor=ngo_representative)

    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    assert verbs() == []


def test_a_representative_leaves_once_another_is_appointed(ngo, ngo_representative):
    factories.RepresentativeFactory(organisation=ngo)

    services.membership_revoke(
        membership=ngo_representative.memberships.get(), actor=ngo_representative
    )

    assert not ngo_representative.memberships.active().exists()


def test_an_administrator_may_remove_the_last_representative(ngo_representative, administrator):
    membership = services.membership_revoke(
        membership=ngo_representative.memberships.get(), actor=administrator
    )

    assert membership.status == MembershipStatus.REVOKED


def test_an_ended_membership_cannot_be_ended_again(ngo_member):
    membership = services.membership_revoke(
        membership=ngo_member.memberships.get(), actor=ngo_member
    )

    with pytest.raises(InvalidTransition):
        services.membership_revoke(membership=membership, actor=ngo_member)


def test_a_stranger_cannot_end_a_membership(ngo_member, resident):
    with pytest.raises(NotAllowed):
        services.membership_revoke(membership=ngo_member.memberships.get(), actor=resident)


def test_a_representative_promotes_a_member(ngo_member, ngo_representative):
    membership = services.membership_set_role(
        membership=ngo_member.memberships.get(),
        actor=ngo_representative,
        role=MembershipRole.REPRESENTATIVE,
    )

    assert membership.role == MembershipRole.REPRESENTATIVE
    event = AuditEvent.objects.get()
    assert (event.verb, event.data) == (
        "membership.role_changed",
        {"from": "member", "to": "representative"},
    )


def test_the_last_representative_cannot_be_made_a_plain_member(ngo_representative, administrator):
    with pytest.raises(LastRepresentative):
        services.membership_set_role(
            membership=ngo_representative.memberships.get(),
            actor=administrator,
            role=MembershipRole.MEMBER,
        )


def test_a_representative_cannot_change_their_own_role(ngo, ngo_representative):
    factories.RepresentativeFactory(organisation=ngo)

    with pytest.raises(NotAllowed):
        services.membership_set_role(
            membership=ngo_representative.memberships.get(),
            actor=ngo_representative,
            role=MembershipRole.MEMBER,
        )


def test_an_unknown_role_is_refused(ngo_member, ngo_representative):
    with pytest.raises(ValidationError):
        services.membership_set_role(
            membership=ngo_member.memberships.get(), actor=ngo_representative, role="king"
        )


def test_a_pending_request_has_no_role_to_change(join_request, ngo_representative):
    with pytest.raises(InvalidTransition):
        services.membership_set_role(
            membership=join_request, actor=ngo_representative, role=MembershipRole.MEMBER
        )


@pytest.mark.django_db
def test_a_users_posts_and_memberships_are_read_in_one_query(
    ngo_representative, ngo, department, django_assert_num_queries
):
    from accounts.selectors import user_affiliations

    factories.OfficialPostFactory(user=ngo_representative, department=department)
    pending = factories.OrganisationFactory(status="pending")
    factories.MembershipFactory(user=ngo_representative, organisation=pending)
    with django_assert_num_queries(1):
        affiliations = user_affiliations(user=ngo_representative)
    assert affiliations.department_ids == {department.pk}
    # Only verified organisations count.
    assert affiliations.organisation_roles == {ngo.pk: "representative"}
    assert affiliations.organisation_names == {ngo.pk: ngo.name}
