import pytest

from accounts import services
from accounts.models import MembershipRole, OrganisationStatus
from core.models import AuditEvent


@pytest.mark.django_db
def test_registering_an_organisation_makes_the_registrant_its_representative(resident):
    organisation = services.organisation_register(
        actor=resident, name="Fundacja Nowa", krs="0000999999", nip="526-025-09-95"
    )
    assert organisation.status == OrganisationStatus.PENDING
    assert organisation.nip == "5260250995"
    membership = organisation.memberships.get()
    assert membership.user == resident
    assert membership.role == MembershipRole.REPRESENTATIVE
    assert AuditEvent.objects.filter(verb="organisation.registered").count() == 1
