"""Who may do what with an organisation and its memberships.

The matrix names, for each operation on the organisation ``ngo`` (pending or verified),
the HTTP status each persona gets from the API. The predicate in
``accounts.permissions`` must agree: it allows exactly where the API answers 200, or 409
when the permission holds but the object's state forbids the change (verifying an
organisation that is already verified).
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts import permissions
from accounts.models import MembershipStatus, Organisation, OrganisationStatus
from tests import factories

PERSONAS = [
    "anonymous",
    "resident",
    "ngo_member",
    "ngo_representative",
    "other_ngo_representative",
    "official",
    "other_official",
    "administrator",
]

# operation: {persona: (status code when ngo is pending, when it is verified)}
MATRIX: dict[str, dict[str, tuple[int, int]]] = {
    "view organisation": {
        "anonymous": (404, 200),
        "resident": (404, 200),
        "ngo_member": (200, 200),
        "ngo_representative": (200, 200),
        "other_ngo_representative": (404, 200),
        "official": (200, 200),
        "other_official": (200, 200),
        "administrator": (200, 200),
    },
    "edit organisation": {
        "anonymous": (401, 401),
        "resident": (404, 403),
        "ngo_member": (403, 403),
        "ngo_representative": (200, 200),
        "other_ngo_representative": (404, 403),
        "official": (403, 403),
        "other_official": (403, 403),
        "administrator": (200, 200),
    },
    "verify organisation": {
        "anonymous": (401, 401),
        "resident": (404, 403),
        "ngo_member": (403, 403),
        "ngo_representative": (403, 403),
        "other_ngo_representative": (404, 403),
        "official": (200, 409),
        "other_official": (200, 409),
        "administrator": (200, 409),
    },
    "view members": {
        "anonymous": (401, 401),
        "resident": (404, 404),
        "ngo_member": (200, 200),
        "ngo_representative": (200, 200),
        "other_ngo_representative": (404, 404),
        "official": (200, 200),
        "other_official": (200, 200),
        "administrator": (200, 200),
    },
    "approve membership": {
        "anonymous": (401, 401),
        "resident": (404, 404),
        "ngo_member": (403, 403),
        "ngo_representative": (200, 200),
        "other_ngo_representative": (404, 404),
        "official": (403, 403),
        "other_official": (403, 403),
        "administrator": (200, 200),
    },
    "revoke membership": {
        "anonymous": (401, 401),
        "resident": (404, 404),
        "ngo_member": (200, 200),
        "ngo_representative": (200, 200),
        "other_ngo_representative": (404, 404),
        "official": (403, 403),
        "other_official": (403, 403),
        "administrator": (200, 200),
    },
}

CASES = [
    pytest.param(operation, persona, status, expected[index], id=f"{operation}-{persona}-{status}")
    for operation, by_persona in MATRIX.items()
    for persona, expected in by_persona.items()
    for index, status in enumerate([OrganisationStatus.PENDING, OrganisationStatus.VERIFIED])
]


def test_the_matrix_covers_every_persona_for_every_operation():
    assert all(list(by_persona) == PERSONAS for by_persona in MATRIX.values())


def _targets(ngo, ngo_member):
    applicant = factories.UserFactory(email="applicant@example.org")
    join_request = factories.MembershipFactory(
        user=applicant, organisation=ngo, status=MembershipStatus.REQUESTED
    )
    return {"join_request": join_request, "member": ngo_member.memberships.get()}


def _check(operation, user, ngo, targets):
    """The predicate for the operation, and the API request that performs it."""
    organisation_url = reverse("api-organisation-detail", args=[ngo.pk])
    if operation == "view organisation":
        return permissions.can_view_organisation(user, ngo), ("get", organisation_url, None)
    if operation == "edit organisation":
        return (
            permissions.can_edit_organisation(user, ngo),
            ("patch", organisation_url, {"description": "Nowy opis"}),
        )
    if operation == "verify organisation":
        return (
            permissions.can_decide_organisation(user, ngo),
            ("post", reverse("api-organisation-verify", args=[ngo.pk]), None),
        )
    if operation == "view members":
        return (
            permissions.can_view_members(user, ngo),
            ("get", reverse("api-organisation-members", args=[ngo.pk]), None),
        )
    if operation == "approve membership":
        membership = targets["join_request"]
        return (
            permissions.can_decide_membership(user, membership),
            ("post", reverse("api-membership-approve", args=[membership.pk]), None),
        )
    if operation == "revoke membership":
        membership = targets["member"]
        return (
            permissions.can_revoke_membership(user, membership),
            ("post", reverse("api-membership-revoke", args=[membership.pk]), None),
        )
    raise AssertionError(operation)


@pytest.mark.django_db
@pytest.mark.parametrize(("operation", "persona", "status", "expected_status"), CASES)
def test_permission_matrix(
    request,
    api_as,
    ngo,
    ngo_member,
    ngo_representative,
    operation,
    persona,
    status,
    expected_status,
):
    cache.clear()
    Organisation.objects.filter(pk=ngo.pk).update(status=status)
    ngo.refresh_from_db()
    targets = _targets(ngo, ngo_member)
    user = request.getfixturevalue(persona)

    allowed, (method, url, data) = _check(operation, user, ngo, targets)
    response = getattr(api_as(user), method)(url, data, format="json")

    assert response.status_code == expected_status, response.json()
    assert allowed is (expected_status in (200, 409))
    if expected_status >= 400:
        assert set(response.json()) == {"message", "code", "extra"}


# --- Predicates beyond the matrix -------------------------------------------------------


@pytest.mark.django_db
def test_an_official_who_belongs_to_an_organisation_cannot_decide_on_it(official, ngo):
    factories.MembershipFactory(user=official, organisation=ngo)

    assert not permissions.can_decide_organisation(official, ngo)


@pytest.mark.django_db
def test_an_administrator_decides_even_on_their_own_organisation(administrator, ngo):
    factories.RepresentativeFactory(user=administrator, organisation=ngo)

    assert permissions.can_decide_organisation(administrator, ngo)


@pytest.mark.django_db
def test_a_deactivated_administrator_has_no_rights(administrator, ngo):
    administrator.is_active = False

    assert not permissions.is_administrator(administrator)
    assert not permissions.can_edit_organisation(administrator, ngo)
    assert not permissions.can_read_audit_log(administrator)


@pytest.mark.django_db
def test_a_former_official_is_no_longer_an_official(official):
    assert permissions.is_official(official)
    official.official_posts.update(is_active=False)

    assert not permissions.is_official(official)
    assert not permissions.can_read_audit_log(official)


@pytest.mark.django_db
def test_a_pending_request_does_not_make_a_member(resident, ngo):
    factories.MembershipFactory(user=resident, organisation=ngo, status=MembershipStatus.REQUESTED)

    assert permissions.can_view_organisation(resident, ngo)
    assert not permissions.is_member_of(resident, ngo)
    assert not permissions.can_view_members(resident, ngo)
    assert not permissions.can_request_membership(resident, ngo)


@pytest.mark.django_db
def test_acting_for_an_organisation_needs_it_verified(ngo, ngo_representative, ngo_member):
    assert permissions.can_act_for_organisation(ngo_representative, ngo)
    assert not permissions.can_act_for_organisation(ngo_member, ngo)
    assert permissions.can_draft_for_organisation(ngo_member, ngo)

    ngo.status = OrganisationStatus.PENDING

    assert not permissions.can_act_for_organisation(ngo_representative, ngo)
    assert not permissions.can_draft_for_organisation(ngo_member, ngo)


@pytest.mark.django_db
def test_a_rejected_organisation_takes_no_requests_to_join(resident):
    rejected = factories.OrganisationFactory(status=OrganisationStatus.REJECTED)

    assert not permissions.can_request_membership(resident, rejected)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("anonymous", False),
        ("resident", False),
        ("ngo_representative", False),
        ("official", True),
        ("administrator", True),
    ],
)
def test_who_reads_the_audit_log(request, persona, allowed):
    assert permissions.can_read_audit_log(request.getfixturevalue(persona)) is allowed
