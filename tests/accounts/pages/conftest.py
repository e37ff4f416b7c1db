from __future__ import annotations

import pytest

from tests import factories


@pytest.fixture
def make_organisations(db):
    """``make_organisations(n)``: n verified organisations, each with two areas, a
    representative and a member, so pages have related rows to (not) query per item."""

    def make(count, **kwargs):
        areas = [factories.ActivityAreaFactory() for _ in range(2)]
        organisations = []
        for _ in range(count):
            organisation = factories.OrganisationFactory(**kwargs)
            organisation.areas.set(areas)
            factories.RepresentativeFactory(organisation=organisation)
            factories.MembershipFactory(organisation=organisation)
            organisations.append(organisation)
        return organisations

    return make
