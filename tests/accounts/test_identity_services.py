"""A verified organisation's name and numbers change only with an administrator's approval;
a rejected registration releases its numbers; a claim disputes numbers another holds."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from accounts import permissions, services
from accounts.exceptions import DuplicateOrganisation
from accounts.models import (
    ClaimStatus,
    MembershipRole,
    Organisation,
    OrganisationChange,
    OrganisationStatus,
    ReviewStatus,
)
from core.exceptions import Conflict, InvalidInput, InvalidTransition, NotAllowed
from core.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def verbs():
    return list(AuditEvent.objects.order_by("id").values_list("verb", flat=True))


def rename(ngo, actor, **data):
    return services.organisation_update(organisation=ngo, actor=actor, **data)


# --- Changes of a verified organisation's name and numbers --------------------------------


def test_a_representative_renaming_a_verified_organisation_only_proposes_the_name(
    ngo, ngo_representative
):
    rename(ngo, ngo_representative, name="Nowa Nazwa", krs="0000777777", city="Gdynia")

    ngo.refresh_from_db()
    assert ngo.name == "Stowarzyszenie Przyjaciół Sopotu"
    assert ngo.krs == "0000123456"
    assert ngo.city == "Gdynia"  # the other details change at once
    assert ngo.status == OrganisationStatus.VERIFIED
    change = OrganisationChange.objects.get()
    assert change.status == ReviewStatus.PENDING
    assert change.requested_by == ngo_representative
    assert change.changes == {
        "name": {"from": "Stowarzyszenie Przyjaciół Sopotu", "to": "Nowa Nazwa"},
        "krs": {"from": "0000123456", "to": "0000777777"},
    }
    assert verbs()[-2:] == ["organisation.updated", "organisation.change_requested"]


def test_a_second_proposal_replaces_the_pending_one(ngo, ngo_representative):
    rename(ngo, ngo_representative, name="Pierwsza")
    rename(ngo, ngo_representative, name="Druga")

    change = OrganisationChange.objects.get()
    assert change.changes["name"]["to"] == "Druga"


def test_saving_the_other_details_keeps_a_pending_proposal(ngo, ngo_representative):
    rename(ngo, ngo_representative, name="Nowa Nazwa")
    rename(ngo, ngo_representative, name=ngo.name, description="Opis")

    assert OrganisationChange.objects.pending().get().changes["name"]["to"] == "Nowa Nazwa"


def test_a_proposed_number_held_by_another_organisation_is_refused_at_once(
    ngo, ngo_representative, other_ngo
):
    with pytest.raises(DuplicateOrganisation):
        rename(ngo, ngo_representative, krs=other_ngo.krs)
    assert not OrganisationChange.objects.exists()


def test_a_proposed_number_with_a_bad_checksum_is_refused(ngo, ngo_representative):
    with pytest.raises(ValidationError):
        rename(ngo, ngo_representative, nip="1234567890")
    assert not OrganisationChange.objects.exists()


def test_a_pending_organisation_is_still_edited_freely(resident):
    pending = services.organisation_register(actor=resident, name="Fundacja", krs="0000999999")
    rename(pending, resident, name="Fundacja Nowa", krs="0000888888")

    pending.refresh_from_db()
    assert (pending.name, pending.krs) == ("Fundacja Nowa", "0000888888")
    assert not OrganisationChange.objects.exists()


def test_an_administrator_changes_the_name_directly(ngo, administrator):
    rename(ngo, administrator, name="Poprawiona Nazwa")

    ngo.refresh_from_db()
    assert ngo.name == "Poprawiona Nazwa"
    assert not OrganisationChange.objects.exists()


def test_an_administrator_approves_the_change(ngo, ngo_representative, administrator):
    rename(ngo, ngo_representative, name="Nowa Nazwa", krs="0000777777")
    change = OrganisationChange.objects.get()

    services.organisation_change_approve(change=change, actor=administrator)

    ngo.refresh_from_db()
    change.refresh_from_db()
    assert (ngo.name, ngo.krs, ngo.status) == ("Nowa Nazwa", "0000777777", "verified")
    assert (change.status, change.reviewed_by) == (ReviewStatus.APPROVED, administrator)
    event = AuditEvent.objects.get(verb="organisation.change_approved")
    assert event.actor == administrator
    assert event.data["change"] == change.pk


def test_an_administrator_rejects_the_change_with_a_reason(ngo, ngo_representative, administrator):
    rename(ngo, ngo_representative, name="Nowa Nazwa")
    change = OrganisationChange.objects.get()

    with pytest.raises(ValidationError):
        services.organisation_change_reject(change=change, actor=administrator, reason=" ")
    services.organisation_change_reject(change=change, actor=administrator, reason="Brak w KRS")

    ngo.refresh_from_db()
    change.refresh_from_db()
    assert ngo.name == "Stowarzyszenie Przyjaciół Sopotu"
    assert (change.status, change.reason) == (ReviewStatus.REJECTED, "Brak w KRS")
    assert verbs()[-1] == "organisation.change_rejected"
    with pytest.raises(InvalidTransition):
        services.organisation_change_approve(change=change, actor=administrator)


def test_approval_checks_the_numbers_again(ngo, ngo_representative, administrator, resident):
    rename(ngo, ngo_representative, krs="0000777777")
    change = OrganisationChange.objects.get()
    services.organisation_register(actor=resident, name="Szybsza", krs="0000777777")

    with pytest.raises(DuplicateOrganisation):
        services.organisation_change_approve(change=change, actor=administrator)
    change.refresh_from_db()
    assert change.status == ReviewStatus.PENDING


@pytest.mark.parametrize("persona", ["official", "ngo_representative", "ngo_member", "resident"])
def test_only_administrators_review_changes(persona, request, ngo, ngo_representative):
    rename(ngo, ngo_representative, name="Nowa Nazwa")
    change = OrganisationChange.objects.get()
    actor = request.getfixturevalue(persona)

    with pytest.raises(NotAllowed):
        services.organisation_change_approve(change=change, actor=actor)
    with pytest.raises(NotAllowed):
        services.organisation_change_reject(change=change, actor=actor, reason="Nie")


def test_who_may_propose_and_review_a_change(
    ngo, ngo_representative, ngo_member, other_ngo_representative, official, administrator
):
    assert permissions.can_request_organisation_change(ngo_representative, ngo)
    assert not permissions.can_request_organisation_change(ngo_member, ngo)
    assert not permissions.can_request_organisation_change(other_ngo_representative, ngo)
    assert not permissions.can_request_organisation_change(official, ngo)
    assert permissions.can_review_organisation_change(administrator)
    assert not permissions.can_review_organisation_change(official)
    assert not permissions.can_review_organisation_change(ngo_representative)


def test_a_member_cannot_propose_a_change(ngo, ngo_member):
    with pytest.raises(NotAllowed):
        rename(ngo, ngo_member, name="Przejęta")


# --- Released numbers ------------------------------------------------------------------


def test_a_rejected_registration_releases_its_numbers(resident, administrator):
    squatter = services.organisation_register(actor=resident, name="Fałszywa", krs="0000999999")
    services.organisation_reject(organisation=squatter, actor=administrator, reason="Fałszywa")
    real = factories.UserFactory()

    organisation = services.organisation_register(actor=real, name="Prawdziwa", krs="0000999999")

    assert organisation.status == OrganisationStatus.PENDING
    squatter.refresh_from_db()
    assert squatter.krs == "0000999999"  # what it claimed stays on the record


def test_the_database_allows_a_rejected_and_a_live_holder_of_one_number(db):
    factories.OrganisationFactory(krs="0000999999", status=OrganisationStatus.REJECTED)
    factories.OrganisationFactory(krs="0000999999", status=OrganisationStatus.PENDING)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.OrganisationFactory(krs="0000999999", status=OrganisationStatus.VERIFIED)


def test_a_rejected_organisation_whose_numbers_were_taken_cannot_be_verified_again(
    resident, administrator
):
    first = services.organisation_register(actor=resident, name="Pierwsza", krs="0000999999")
    services.organisation_reject(organisation=first, actor=administrator, reason="Nie")
    services.organisation_register(actor=factories.UserFactory(), name="Druga", krs="0000999999")

    with pytest.raises(DuplicateOrganisation):
        services.organisation_verify(organisation=first, actor=administrator)


# --- Claims ----------------------------------------------------------------------------


@pytest.fixture
def squatter(db):
    owner = factories.UserFactory(full_name="Oszust")
    return services.organisation_register(actor=owner, name="Podszyta", krs="0000999999")


@pytest.fixture
def claimant(db):
    return factories.UserFactory(full_name="Prawdziwy Prezes")


def file_claim(claimant, **data):
    data.setdefault("name", "Prawdziwa Fundacja")
    data.setdefault("krs", "0000999999")
    return services.organisation_claim_file(
        actor=claimant, justification="Jesteśmy w KRS pod tym numerem.", **data
    )


def test_registering_with_a_held_number_says_it_can_be_claimed(squatter, claimant):
    with pytest.raises(DuplicateOrganisation, match="file a claim"):
        services.organisation_register(actor=claimant, name="Prawdziwa", krs="0000999999")


def test_a_claim_is_filed_against_the_holder(squatter, claimant):
    area = factories.ActivityAreaFactory()
    claim = file_claim(claimant, city="Sopot", areas=[area])

    assert claim.organisation == squatter
    assert claim.status == ClaimStatus.PENDING
    assert claim.identifiers == {"krs": "0000999999"}
    assert claim.registration["name"] == "Prawdziwa Fundacja"
    assert claim.registration["areas"] == [area.slug]
    assert verbs()[-1] == "organisation.claim_filed"


def test_a_claim_needs_a_justification(squatter, claimant):
    with pytest.raises(ValidationError):
        services.organisation_claim_file(
            actor=claimant, justification="  ", name="X", krs="0000999999"
        )


def test_a_claim_on_free_numbers_is_refused(claimant):
    with pytest.raises(InvalidInput):
        file_claim(claimant, krs="0000555555")


def test_a_claim_is_filed_once(squatter, claimant):
    file_claim(claimant)
    with pytest.raises(Conflict):
        file_claim(claimant)


def test_a_member_of_the_holder_cannot_claim_from_it(squatter):
    representative = squatter.memberships.get(role=MembershipRole.REPRESENTATIVE).user
    with pytest.raises(NotAllowed):
        file_claim(representative)


def test_an_upheld_claim_rejects_the_holder_and_registers_the_claimant(
    squatter, claimant, administrator
):
    claim = file_claim(claimant, city="Sopot")

    claim = services.organisation_claim_uphold(
        claim=claim, actor=administrator, reason="KRS wskazuje wnioskodawcę"
    )

    squatter.refresh_from_db()
    assert squatter.status == OrganisationStatus.REJECTED
    assert squatter.rejection_reason == "KRS wskazuje wnioskodawcę"
    registered = claim.registered_organisation
    assert (registered.name, registered.krs, registered.city, registered.status) == (
        "Prawdziwa Fundacja",
        "0000999999",
        "Sopot",
        OrganisationStatus.PENDING,
    )
    assert permissions.is_representative_of(claimant, registered)
    assert claim.status == ClaimStatus.UPHELD
    assert verbs()[-3:] == [
        "organisation.rejected",
        "organisation.registered",
        "organisation.claim_upheld",
    ]


def test_a_verified_holder_is_struck_off_by_an_upheld_claim(squatter, claimant, administrator):
    services.organisation_verify(organisation=squatter, actor=administrator)
    claim = file_claim(claimant)

    services.organisation_claim_uphold(claim=claim, actor=administrator, reason="KRS")

    squatter.refresh_from_db()
    assert squatter.status == OrganisationStatus.REJECTED
    assert Organisation.objects.filter(krs="0000999999", status="pending").count() == 1


def test_a_dismissed_claim_changes_nothing(squatter, claimant, administrator):
    claim = file_claim(claimant)

    claim = services.organisation_claim_dismiss(
        claim=claim, actor=administrator, reason="Brak dowodu"
    )

    squatter.refresh_from_db()
    assert squatter.status == OrganisationStatus.PENDING
    assert claim.status == ClaimStatus.DISMISSED
    assert claim.decision_reason == "Brak dowodu"
    assert not Organisation.objects.filter(name="Prawdziwa Fundacja").exists()
    assert verbs()[-1] == "organisation.claim_dismissed"
    with pytest.raises(InvalidTransition):
        services.organisation_claim_uphold(claim=claim, actor=administrator, reason="Jednak")


@pytest.mark.parametrize("persona", ["official", "resident", "ngo_representative"])
def test_only_administrators_decide_claims(persona, request, squatter, claimant):
    claim = file_claim(claimant)
    actor = request.getfixturevalue(persona)

    with pytest.raises(NotAllowed):
        services.organisation_claim_uphold(claim=claim, actor=actor, reason="Tak")
    with pytest.raises(NotAllowed):
        services.organisation_claim_dismiss(claim=claim, actor=actor, reason="Nie")
    with pytest.raises(NotAllowed):
        services.organisation_claim_uphold(claim=claim, actor=claimant, reason="Tak")
