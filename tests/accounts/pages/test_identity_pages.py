"""The pages of a verified organisation's change of name or numbers and of claims to
numbers another registration holds."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts import services
from accounts.models import ClaimStatus, Organisation, OrganisationChange, OrganisationClaim
from tests import factories

pytestmark = pytest.mark.django_db

NEW_NAME = "Stowarzyszenie Nowa Nazwa"


@pytest.fixture
def change(ngo, ngo_representative):
    services.organisation_update(organisation=ngo, actor=ngo_representative, name=NEW_NAME)
    return OrganisationChange.objects.get()


def detail(organisation):
    return reverse("organisations:detail", args=[organisation.pk])


@pytest.mark.parametrize(
    ("persona", "sees_change", "may_review"),
    [
        ("ngo_representative", True, False),
        ("ngo_member", False, False),
        ("official", False, False),
        ("resident", False, False),
        ("administrator", True, True),
    ],
)
def test_who_sees_the_change_awaiting_review(
    persona, sees_change, may_review, request, client_as, ngo, change
):
    page = client_as(request.getfixturevalue(persona)).get(detail(ngo))

    assert page.status_code == 200
    assert (page.context["pending_change"] is not None) is sees_change
    assert page.context["can_review_change"] is may_review
    approve = reverse("organisations:change_approve", args=[change.pk])
    assert (approve in page.content.decode()) is may_review


def test_an_administrator_approves_the_change_from_the_organisations_page(
    client_as, administrator, ngo, change
):
    response = client_as(administrator).post(
        reverse("organisations:change_approve", args=[change.pk])
    )

    assert response.status_code == 302
    assert response["Location"] == detail(ngo)
    ngo.refresh_from_db()
    assert ngo.name == NEW_NAME


def test_a_representative_cannot_approve_their_own_change(
    client_as, ngo_representative, ngo, change
):
    client = client_as(ngo_representative)
    response = client.post(reverse("organisations:change_approve", args=[change.pk]))

    assert response.status_code == 302
    ngo.refresh_from_db()
    assert ngo.name != NEW_NAME
    change.refresh_from_db()
    assert change.status == "pending"


def test_refusing_a_change_needs_a_reason(client_as, administrator, ngo, change):
    client = client_as(administrator)
    url = reverse("organisations:change_reject", args=[change.pk])

    assert client.post(url, {"change-reason": ""}).status_code == 200
    response = client.post(url, {"change-reason": "Nie ma tej nazwy w KRS."})

    assert response.status_code == 302
    change.refresh_from_db()
    assert (change.status, change.reason) == ("rejected", "Nie ma tej nazwy w KRS.")


@pytest.mark.parametrize(
    ("persona", "status_code"),
    [("administrator", 200), ("official", 404), ("ngo_representative", 404)],
)
def test_the_list_of_changes_is_for_administrators(
    persona, status_code, request, client_as, change
):
    page = client_as(request.getfixturevalue(persona)).get(reverse("organisations:changes"))

    assert page.status_code == status_code
    if status_code == 200:
        assert NEW_NAME in page.content.decode()


# --- Claims ----------------------------------------------------------------------------

REGISTER = reverse("organisations:register")


@pytest.fixture
def squatter(db):
    return factories.OrganisationFactory(name="Podszyta", krs="0000999999", status="pending")


@pytest.fixture
def claimant(db):
    return factories.UserFactory(full_name="Prawdziwy Prezes")


def registration(**overrides):
    return {
        "name": "Prawdziwa Fundacja",
        "legal_form": "foundation",
        "krs": "0000999999",
        **overrides,
    }


def test_a_taken_number_offers_a_claim_and_the_claim_is_filed(client_as, squatter, claimant):
    client = client_as(claimant)

    refused = client.post(REGISTER, registration())
    assert refused.status_code == 200
    assert refused.context["claim_form"] is not None
    assert "krs" in refused.context["form"].errors

    empty = client.post(REGISTER, registration(claim="1", justification=""))
    assert empty.status_code == 200
    assert not OrganisationClaim.objects.exists()

    filed = client.post(REGISTER, registration(claim="1", justification="Nasz odpis KRS."))
    claim = OrganisationClaim.objects.get()
    assert filed["Location"] == reverse("organisations:claim_detail", args=[claim.pk])
    assert (claim.organisation, claim.claimant) == (squatter, claimant)
    page = client.get(filed["Location"])
    assert page.status_code == 200
    assert page.context["can_decide"] is False


@pytest.fixture
def claim(squatter, claimant):
    return services.organisation_claim_file(
        actor=claimant, justification="Nasz odpis KRS.", **registration()
    )


@pytest.mark.parametrize(
    ("persona", "status_code"),
    [("claimant", 200), ("administrator", 200), ("official", 404), ("resident", 404)],
)
def test_a_claim_is_seen_by_its_claimant_and_administrators(
    persona, status_code, request, client_as, claim
):
    page = client_as(request.getfixturevalue(persona)).get(
        reverse("organisations:claim_detail", args=[claim.pk])
    )
    assert page.status_code == status_code


def test_an_administrator_upholds_a_claim(client_as, administrator, claim, squatter, claimant):
    client = client_as(administrator)
    assert client.get(reverse("organisations:claim_detail", args=[claim.pk])).context["can_decide"]

    response = client.post(
        reverse("organisations:claim_uphold", args=[claim.pk]), {"reason": "Odpis KRS."}
    )

    assert response.status_code == 302
    claim.refresh_from_db()
    squatter.refresh_from_db()
    assert claim.status == ClaimStatus.UPHELD
    assert squatter.status == "rejected"
    registered = Organisation.objects.get(name="Prawdziwa Fundacja")
    assert registered.krs == "0000999999"


def test_an_administrator_dismisses_a_claim(client_as, administrator, claim, squatter):
    response = client_as(administrator).post(
        reverse("organisations:claim_dismiss", args=[claim.pk]), {"reason": "Brak dowodu."}
    )

    assert response.status_code == 302
    claim.refresh_from_db()
    squatter.refresh_from_db()
    assert claim.status == ClaimStatus.DISMISSED
    assert squatter.status == "pending"


def test_the_claimant_cannot_decide_their_claim(client_as, claimant, claim):
    response = client_as(claimant).post(
        reverse("organisations:claim_uphold", args=[claim.pk]), {"reason": "Tak."}
    )
    assert response.status_code == 404
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING
