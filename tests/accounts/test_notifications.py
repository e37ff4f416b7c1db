"""Who hears of decisions on organisations and memberships, and what the mail says
(``accounts.notifications``): representatives of that organisation only; the person a
membership decision is about; the requester of an identity decision."""

import pytest

from accounts import notifications, services
from accounts.models import Membership, MembershipRole, OrganisationStatus
from tests import factories
from tests.mailbox import addressees, clear, html_of, one_to, sent

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(db):
    owner = factories.UserFactory(email="founder@example.org", full_name="Zofia Założycielka")
    organisation = services.organisation_register(
        actor=owner, name="Fundacja Nowa", krs="0000888888"
    )
    helper = factories.UserFactory(email="member@example.org")
    factories.MembershipFactory(user=helper, organisation=organisation)
    return organisation


# --- Who is told --------------------------------------------------------------------------


def test_a_decision_on_an_organisation_goes_to_its_representatives_only(
    ngo, ngo_representative, ngo_member, other_ngo_representative
):
    assert set(notifications.organisation_decision_recipients(ngo)) == {ngo_representative}


def test_a_request_to_join_goes_to_the_representatives(
    ngo, ngo_representative, ngo_member, other_ngo_representative
):
    newcomer = factories.UserFactory()
    membership = services.membership_request(organisation=ngo, actor=newcomer)

    assert set(notifications.membership_request_recipients(membership)) == {ngo_representative}


def test_a_membership_decision_goes_to_the_person_unless_they_made_it(
    ngo, ngo_representative, ngo_member
):
    membership = Membership.objects.get(user=ngo_member)

    assert set(
        notifications.membership_decision_recipients(membership, actor=ngo_representative)
    ) == {ngo_member}
    assert not notifications.membership_decision_recipients(membership, actor=ngo_member)


def test_an_inactive_representative_is_not_told(ngo, ngo_representative):
    ngo_representative.is_active = False
    ngo_representative.save()

    assert not notifications.organisation_decision_recipients(ngo)


# --- What they receive ------------------------------------------------------------------


def test_verifying_tells_the_representative_in_polish(pending, administrator):
    services.organisation_verify(organisation=pending, actor=administrator)

    assert addressees() == {"founder@example.org"}
    message = one_to("founder@example.org")
    assert message.subject == "Organizacja Fundacja Nowa została zweryfikowana"
    assert "zweryfikował organizację Fundacja Nowa" in message.body
    assert f"/organisations/{pending.pk}/" in message.body
    assert "Fundacja Nowa" in html_of(message)


def test_rejecting_tells_the_representative_the_reason(pending, administrator):
    services.organisation_reject(
        organisation=pending, actor=administrator, reason="Brak wpisu w KRS."
    )

    message = one_to("founder@example.org")
    assert message.subject == "Rejestracja organizacji Fundacja Nowa została odrzucona"
    assert "Powód:" in message.body
    assert "Brak wpisu w KRS." in message.body
    assert "member@example.org" not in addressees()


def test_a_request_to_join_reaches_the_representatives_with_its_message(
    ngo, ngo_representative, ngo_member, other_ngo_representative
):
    newcomer = factories.UserFactory(full_name="Nowa Osoba")
    services.membership_request(organisation=ngo, actor=newcomer, message="Chcę pomagać.")

    assert addressees() == {"ngo.rep@example.org"}
    message = one_to("ngo.rep@example.org")
    assert (
        message.subject
        == "Nowa Osoba prosi o przyjęcie do organizacji Stowarzyszenie Przyjaciół Sopotu"
    )
    assert "Chcę pomagać." in message.body
    assert f"/organisations/{ngo.pk}/members/" in message.body


def test_approval_decline_and_revocation_reach_the_person(ngo, ngo_representative):
    approved = factories.UserFactory(email="approved@example.org")
    declined = factories.UserFactory(email="declined@example.org")
    first = services.membership_request(organisation=ngo, actor=approved)
    second = services.membership_request(organisation=ngo, actor=declined)
    clear()

    services.membership_approve(
        membership=first, actor=ngo_representative, role=MembershipRole.REPRESENTATIVE
    )
    services.membership_decline(membership=second, actor=ngo_representative)

    assert addressees() == {"approved@example.org", "declined@example.org"}
    assert "reprezentujesz organizację" in one_to("approved@example.org").body
    assert one_to("declined@example.org").subject == (
        "Twoja prośba o przyjęcie do organizacji Stowarzyszenie Przyjaciół Sopotu została odrzucona"
    )

    clear()
    services.membership_revoke(membership=first, actor=ngo_representative)
    assert addressees() == {"approved@example.org"}
    assert "zostało zakończone" in one_to("approved@example.org").subject


def test_leaving_an_organisation_sends_no_mail_to_oneself(ngo, ngo_representative, ngo_member):
    membership = Membership.objects.get(user=ngo_member)
    services.membership_revoke(membership=membership, actor=ngo_member)

    assert sent() == []


def test_identity_decisions_are_essential_and_carry_no_unsubscribe_link(pending, administrator):
    services.organisation_verify(organisation=pending, actor=administrator)

    message = one_to("founder@example.org")
    assert "List-Unsubscribe" not in message.extra_headers


# --- Identity decisions: the requester hears -----------------------------------------------


def test_a_rejected_change_of_name_tells_the_requester_the_reason(
    ngo, ngo_representative, administrator
):
    services.organisation_update(organisation=ngo, actor=ngo_representative, name="Nowa Nazwa")
    change = ngo.changes.get()
    clear()

    services.organisation_change_reject(change=change, actor=administrator, reason="Brak uchwały.")

    assert addressees() == {"ngo.rep@example.org"}
    message = one_to("ngo.rep@example.org")
    assert "Odrzucono zmianę nazwy lub numerów" in message.subject
    assert "Brak uchwały." in message.body


def test_an_approved_change_of_name_lists_the_new_name(ngo, ngo_representative, administrator):
    services.organisation_update(
        organisation=ngo, actor=ngo_representative, name="Nowa Nazwa", krs="0000777777"
    )
    change = ngo.changes.get()
    clear()

    services.organisation_change_approve(change=change, actor=administrator)

    body = one_to("ngo.rep@example.org").body
    assert "nazwa: Nowa Nazwa" in body
    assert "KRS: 0000777777" in body


@pytest.fixture
def claim(db):
    owner = factories.UserFactory(email="squatter@example.org")
    services.organisation_register(actor=owner, name="Podszyta", krs="0000999999")
    claimant = factories.UserFactory(email="claimant@example.org", full_name="Prawdziwy Prezes")
    return services.organisation_claim_file(
        actor=claimant,
        justification="Jesteśmy w KRS pod tym numerem.",
        name="Prawdziwa Fundacja",
        krs="0000999999",
    )


def test_a_dismissed_claim_tells_the_claimant_only(claim, administrator):
    clear()
    services.organisation_claim_dismiss(claim=claim, actor=administrator, reason="Numer jest ich.")

    assert addressees() == {"claimant@example.org"}
    message = one_to("claimant@example.org")
    assert (
        message.subject
        == "Twoje roszczenie do numerów organizacji Prawdziwa Fundacja zostało oddalone"
    )
    assert "Numer jest ich." in message.body


def test_an_upheld_claim_tells_the_claimant_and_the_holder_its_rejection(claim, administrator):
    clear()
    services.organisation_claim_uphold(claim=claim, actor=administrator, reason="Wpis w KRS.")

    assert addressees() == {"claimant@example.org", "squatter@example.org"}
    upheld = one_to("claimant@example.org")
    assert "zostało uwzględnione" in upheld.subject
    claim.refresh_from_db()
    assert f"/organisations/{claim.registered_organisation_id}/" in upheld.body
    rejected = one_to("squatter@example.org")
    assert rejected.subject == "Rejestracja organizacji Podszyta została odrzucona"
    assert "Wpis w KRS." in rejected.body
    assert claim.organisation.status == OrganisationStatus.REJECTED


def test_a_recipient_who_reads_english_gets_the_mail_in_english(pending, administrator):
    founder = pending.memberships.get(user__email="founder@example.org").user
    founder.language = "en"
    founder.save()

    services.organisation_reject(organisation=pending, actor=administrator, reason="No KRS.")

    message = one_to("founder@example.org")
    assert message.subject == "Registration of Fundacja Nowa was rejected"
    assert "The reason:" in message.body
    assert "No KRS." in message.body
