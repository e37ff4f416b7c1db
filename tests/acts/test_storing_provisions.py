"""A version's provisions are stored with a number of queries that does not grow with the
number of units: one bulk INSERT and one UPDATE that links each unit to its parent."""

import math

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from acts import services
from acts.models import Provision
from tests import factories
from tests.acts.texts import act_text

pytestmark = pytest.mark.django_db

SMALL, LARGE = 50, 5000


def insert_batches(units: int) -> int:
    """How many INSERT statements Django's bulk_create sends for ``units`` provisions."""
    fields = [field for field in Provision._meta.concrete_fields if not field.primary_key]
    batch_size = max(connection.ops.bulk_batch_size(fields, [None] * units), 1)
    return math.ceil(units / batch_size)


def queries_to_create_version(official, department, units: int) -> tuple[int, int]:
    act = factories.LegalActFactory(department=department)
    text = act_text(units)
    with CaptureQueriesContext(connection) as captured:
        version = services.version_create(act=act, actor=official, text=text)
    assert version.provisions.count() == units
    return len(captured), insert_batches(units)


def test_storing_a_version_takes_the_same_queries_for_50_and_5000_units(official, department):
    # Warm the caches the first version fills (content types for the audit log).
    queries_to_create_version(official, department, 5)
    small_queries, small_batches = queries_to_create_version(official, department, SMALL)
    large_queries, large_batches = queries_to_create_version(official, department, LARGE)
    if connection.vendor == "postgresql":
        # One INSERT … RETURNING for all the units, whatever their number.
        assert small_batches == large_batches == 1
        assert large_queries == small_queries
    else:
        # SQLite allows at most 999 variables per statement (SQLITE_LIMIT_VARIABLE_NUMBER),
        # so Django splits the bulk INSERT into batches of 999 // fields rows; everything
        # else is the same constant number of queries.
        constant = small_queries - small_batches
        assert large_batches > 1
        assert large_queries == constant + large_batches


def test_every_unit_is_linked_to_its_parent_by_the_single_update(official, department):
    act = factories.LegalActFactory(department=department)
    version = services.version_create(act=act, actor=official, text=act_text(500))
    units = {unit.order: unit for unit in version.provisions.all()}
    for unit in units.values():
        if unit.parent_order is None:
            assert unit.parent_id is None
        else:
            assert unit.parent_id == units[unit.parent_order].pk
