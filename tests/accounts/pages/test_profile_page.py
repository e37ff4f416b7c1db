"""The profile: details, organisations, official posts and the API tokens."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import services
from accounts.api_tokens import key_hash
from accounts.models import ApiToken, MembershipStatus, User
from core.models import AuditEvent
from tests import factories
from tests.accounts.pages.helpers import html_lang, polish

pytestmark = pytest.mark.django_db

PROFILE = reverse("accounts:profile")


def test_the_profile_needs_a_login(client):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={PROFILE}"


@pytest.mark.parametrize(
    "persona", ["resident", "ngo_member", "ngo_representative", "official", "administrator"]
)
def test_every_signed_in_persona_sees_their_profile(request, client_as, persona):
    user = request.getfixturevalue(persona)
    response = client_as(user).get(PROFILE)
    assert response.status_code == 200
    assert user.email in response.text


def test_the_profile_lists_memberships_with_their_status(client_as, ngo, ngo_member, other_ngo):
    factories.MembershipFactory(
        user=ngo_member, organisation=other_ngo, status=MembershipStatus.REQUESTED
    )
    response = client_as(ngo_member).get(PROFILE)
    assert ngo.name in response.text
    assert other_ngo.name in response.text
    assert 'class="badge badge-membership-active"' in response.text
    assert 'class="badge badge-membership-requested"' in response.text


def test_an_official_sees_their_posts(client_as, official, department):
    response = client_as(official).get(PROFILE)
    assert department.name in response.text
    assert department.authority.name in response.text


def test_the_name_and_language_are_saved_through_the_service(client_as, resident):
    client = client_as(resident)
    response = client.post(PROFILE, {"full_name": "Ewa Nowa", "language": "en"})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert (resident.full_name, resident.language) == ("Ewa Nowa", "en")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert AuditEvent.objects.filter(verb="user.profile_updated").count() == 1
    assert html_lang(client.get(PROFILE)) == "en"


def test_an_empty_name_is_refused_and_nothing_changes(client_as, resident):
    response = client_as(resident).post(PROFILE, {"full_name": "", "language": "xx"})
    assert response.status_code == 200
    assert polish(_("This field is required.")) in response.text
    assert set(response.context["form"].errors) == {"full_name", "language"}
    assert User.objects.get(pk=resident.pk).full_name == resident.full_name


@pytest.mark.parametrize("count", [2, 20])
def test_the_profile_costs_the_same_queries_with_ten_times_the_memberships(
    client_as, official, django_assert_num_queries, count
):
    for organisation in factories.OrganisationFactory.create_batch(count):
        factories.MembershipFactory(user=official, organisation=organisation)
    factories.OfficialPostFactory.create_batch(count, user=official)
    client = client_as(official)
    # 1 session, 2 user, 3 the API token, 4 memberships with their organisations,
    # 5 official posts with departments and authorities, 6 whether two-factor login is on
    # 7. the unread notifications counted for the header.
    with django_assert_num_queries(7):
        response = client.get(PROFILE)
    assert len(response.context["memberships"]) == count
    assert len(response.context["official_posts"]) == count + 1


# --- API token --------------------------------------------------------------------------


def test_a_token_is_shown_once_listed_and_revoked_one_by_one(client_as, resident, settings):
    settings.API_TOKEN_TTL_DAYS = 90
    client = client_as(resident)
    assert polish(_("You have no API token.")) in client.get(PROFILE).text

    response = client.post(reverse("accounts:api_token_create"), {"label": "skrypt raportów"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=resident)
    key = response.context["token"].key
    assert key in response.text
    assert token.key_hash == key_hash(key)
    assert "90 dni" in response.text  # how long it works, said at creation

    client.post(reverse("accounts:api_token_create"), {"label": "drugi"})
    profile = client.get(PROFILE)
    assert key not in profile.text
    assert list(profile.context["api_tokens"].values_list("label", flat=True)) == [
        "drugi",
        "skrypt raportów",
    ]
    assert f"{token.prefix}…" in profile.text
    assert reverse("accounts:api_token_revoke", args=[token.pk]) in profile.text

    response = client.post(reverse("accounts:api_token_revoke", args=[token.pk]))
    assert response.status_code == 302
    assert response.url == PROFILE
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(verb="user.api_token_revoked").count() == 1
    assert list(client.get(PROFILE).context["api_tokens"].values_list("label", flat=True)) == [
        "drugi"
    ]


def test_another_users_token_cannot_be_revoked_from_the_profile(client_as, resident, ngo_member):
    token = services.api_token_create(user=ngo_member)

    response = client_as(resident).post(reverse("accounts:api_token_revoke", args=[token.pk]))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_actions_need_a_login_and_a_post(client, client_as, resident):
    response = client.post(reverse("accounts:api_token_create"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert not ApiToken.objects.exists()
    assert client_as(resident).get(reverse("accounts:api_token_create")).status_code == 405
