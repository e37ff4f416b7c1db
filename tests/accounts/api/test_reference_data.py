import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [3, 30])
def test_departments_take_two_queries_however_many(count, api_fresh, django_assert_num_queries):
    for number in range(count):
        authority = factories.AuthorityFactory(name=f"Urząd {number}", code=f"U{number}")
        factories.DepartmentFactory(authority=authority)
    client = api_fresh()

    # 1. COUNT(*) for the paginator
    # 2. the page of departments with their authorities (one join)
    with django_assert_num_queries(2):
        response = client.get(reverse("api-department-list"))

    body = response.json()
    assert body["count"] == count
    assert set(body["results"][0]["authority"]) == {"id", "name", "short_name", "code"}


@pytest.mark.parametrize("count", [3, 30])
def test_activity_areas_take_two_queries_however_many(count, api_fresh, django_assert_num_queries):
    factories.ActivityAreaFactory.create_batch(count)
    client = api_fresh()

    # 1. COUNT(*) for the paginator
    # 2. the page of areas
    with django_assert_num_queries(2):
        response = client.get(reverse("api-activity-area-list"))

    assert response.json()["count"] == count
