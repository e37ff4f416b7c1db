"""The administration: every model's pages open, decisions go through the services."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.events import AccountVerb
from accounts.models import MembershipStatus, Organisation, OrganisationStatus, User
from core.models import AuditEvent
from core.services import audit_log
from tests import factories

pytestmark = pytest.mark.django_db

MODELS = ["user", "authority", "department", "officialpost", "activityarea", "organisation"]


@pytest.mark.parametrize("model", MODELS)
def test_an_administrator_opens_the_list_and_add_pages(client_as, administrator, ngo, model):
    client = client_as(administrator)
    assert client.get(reverse(f"admin:accounts_{model}_changelist")).status_code == 200
    if model != "organisation":
        assert client.get(reverse(f"admin:accounts_{model}_add")).status_code == 200


def test_the_user_admin_creates_a_user_who_logs_in_with_the_e_mail(client_as, administrator):
    response = client_as(administrator).post(
        reverse("admin:accounts_user_add"),
        {
            "email": "nowy@example.org",
            "full_name": "Nowy Urzędnik",
            "language": "pl",
            "usable_password": "true",
            "password1": "a-long-and-unusual-passphrase",
            "password2": "a-long-and-unusual-passphrase",
            "official_posts-TOTAL_FORMS": "0",
            "official_posts-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="nowy@example.org").check_password(
        "a-long-and-unusual-passphrase"
    )


def test_organisations_are_not_added_in_the_admin(client_as, administrator):
    response = client_as(administrator).get(reverse("admin:accounts_organisation_add"))
    assert response.status_code == 403


def test_the_verify_action_calls_the_service(client_as, administrator):
    pending = factories.OrganisationFactory(status=OrganisationStatus.PENDING)
    response = client_as(administrator).post(
        reverse("admin:accounts_organisation_changelist"),
        {"action": "verify_selected", "_selected_action": [pending.pk]},
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == OrganisationStatus.VERIFIED
    assert AuditEvent.objects.filter(verb="organisation.verified", actor=administrator).exists()


def test_the_reject_action_asks_for_the_reason_first(client_as, administrator):
    pending = factories.OrganisationFactory(status=OrganisationStatus.PENDING)
    client = client_as(administrator)
    url = reverse("admin:accounts_organisation_changelist")
    response = client.post(url, {"action": "reject_selected", "_selected_action": [pending.pk]})
    assert response.status_code == 200
    assert "admin/accounts/organisation/reject.html" in [t.name for t in response.templates]
    response = client.post(
        url,
        {
            "action": "reject_selected",
            "_selected_action": [pending.pk],
            "apply": "1",
            "reason": "Dane niezgodne z KRS.",
        },
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == OrganisationStatus.REJECTED
    assert pending.rejection_reason == "Dane niezgodne z KRS."


def test_saving_an_organisation_in_the_admin_goes_through_the_service(client_as, administrator):
    organisation = factories.OrganisationFactory(name="Stara nazwa")
    client = client_as(administrator)
    url = reverse("admin:accounts_organisation_change", args=[organisation.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Nowa nazwa",
            "legal_form": organisation.legal_form,
            "krs": organisation.krs,
            "nip": "",
            "regon": "",
            "street": "",
            "postal_code": "",
            "city": "Sopot",
            "email": organisation.email,
            "website": "",
            "description": "",
        },
    )
    assert response.status_code == 302
    assert Organisation.objects.get(pk=organisation.pk).name == "Nowa nazwa"
    assert AuditEvent.objects.filter(verb="organisation.updated").exists()


def test_membership_decisions_in_the_admin_go_through_the_services(client_as, administrator, ngo):
    request_one = factories.MembershipFactory(organisation=ngo, status=MembershipStatus.REQUESTED)
    client = client_as(administrator)
    assert client.get(reverse("admin:accounts_membership_changelist")).status_code == 200
    client.post(
        reverse("admin:accounts_membership_changelist"),
        {"action": "approve_selected", "_selected_action": [request_one.pk]},
    )
    request_one.refresh_from_db()
    assert request_one.status == MembershipStatus.ACTIVE
    assert AuditEvent.objects.filter(verb="membership.approved").exists()


def test_the_audit_log_is_read_only_and_visible_to_staff(client_as, rf, administrator, ngo):
    event = audit_log(actor=administrator, verb=AccountVerb.USER_PROFILE_UPDATED, target=ngo)
    model_admin = admin.site._registry[AuditEvent]
    staff = factories.UserFactory(is_staff=True)
    client = client_as(staff)
    assert client.get(reverse("admin:core_auditevent_changelist")).status_code == 200
    assert client.get(reverse("admin:core_auditevent_change", args=[event.pk])).status_code == 200
    assert client.get(reverse("admin:core_auditevent_add")).status_code == 403
    assert client.get(reverse("admin:core_auditevent_delete", args=[event.pk])).status_code == 403

    request = rf.get("/")
    request.user = administrator  # a superuser, who has every permission elsewhere
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, event)
    assert not model_admin.has_delete_permission(request, event)
    assert "delete_selected" not in model_admin.get_actions(request)
