"""The viewer: read once per request, passed to the predicates, never kept on the user."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from accounts import permissions
from accounts.viewer import Viewer, as_viewer, viewer_for, viewer_scope
from consultations import permissions as consultation_permissions
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_viewer_reads_posts_and_live_memberships_in_one_query(
    ngo_representative, ngo, department, django_assert_num_queries
):
    factories.OfficialPostFactory(user=ngo_representative, department=department)
    pending = factories.OrganisationFactory(status="pending")
    factories.MembershipFactory(user=ngo_representative, organisation=pending, status="requested")

    with django_assert_num_queries(1):
        viewer = viewer_for(ngo_representative)
        assert viewer.department_ids == {department.pk}
        # Verified organisations only count for acting; the requested one is known too.
        assert viewer.organisation_roles == {ngo.pk: "representative"}
        assert viewer.membership(pending.pk).status == "requested"
        assert permissions.is_representative_of(viewer, ngo)
        assert not permissions.is_member_of(viewer, pending)
        assert permissions.can_view_organisation(viewer, pending)


def test_a_viewers_affiliations_are_read_when_first_needed(
    administrator, ngo_member, django_assert_num_queries
):
    with django_assert_num_queries(0):
        viewer = viewer_for(ngo_member)
        assert permissions.is_authenticated(viewer)
        assert permissions.is_administrator(viewer_for(administrator))
    with django_assert_num_queries(1):
        assert viewer.organisation_roles
        assert viewer.department_ids == frozenset()


def test_the_public_is_a_viewer_read_without_a_query(anonymous, django_assert_num_queries):
    with django_assert_num_queries(0):
        viewer = viewer_for(anonymous)
        assert not viewer.is_authenticated
        assert viewer.organisation_roles == {}


def test_within_a_request_the_requests_user_is_one_viewer(
    ngo_member, resident, django_assert_num_queries
):
    request = RequestFactory().get("/")
    request.user = ngo_member
    with viewer_scope(request), django_assert_num_queries(2):
        first = as_viewer(ngo_member)
        assert as_viewer(ngo_member) is first
        assert consultation_permissions.member_organisation_ids(ngo_member)
        # Another user is not the request's: read for itself.
        other = as_viewer(resident)
        assert other is not first
        assert other.organisation_roles == {}
    assert as_viewer(first) is first


def test_nothing_is_kept_on_the_user_object(ngo_member, ngo):
    before = set(vars(ngo_member))
    assert consultation_permissions.member_organisation_ids(ngo_member) == {ngo.pk}
    assert set(vars(ngo_member)) == before


def test_what_other_apps_read_about_the_viewer_is_read_once(ngo_member):
    viewer = viewer_for(ngo_member)
    calls = []

    def load():
        calls.append(1)
        return "seat"

    assert viewer.remember(("seat", 1), load) == "seat"
    assert viewer.remember(("seat", 1), load) == "seat"
    assert calls == [1]
    assert isinstance(viewer, Viewer)
