"""Every write of the acts API is on ``core.api_base`` and honours ``Idempotency-Key``."""

import pytest

from acts import services
from acts.api import urls
from acts.models import Provision
from core.api_base import ApiView
from tests.acts.texts import SAMPLE_ACT

pytestmark = pytest.mark.django_db


def test_every_endpoint_is_built_on_the_api_base():
    views = {pattern.name: pattern.callback.view_class for pattern in urls.urlpatterns}
    assert [name for name, view in views.items() if not issubclass(view, ApiView)] == []


def test_a_retried_split_splits_once(api_as, act, official):
    version = services.version_create(act=act, actor=official, text=SAMPLE_ACT)
    section = version.provisions.get(label="§ 2")
    url = f"/api/v1/acts/{act.pk}/versions/1/provisions/{section.pk}/split/"
    client = api_as(official)
    units = Provision.objects.filter(version=version).count()

    data = {"offset": 10, "label": "§ 2b"}
    first = client.post(url, data, format="json", HTTP_IDEMPOTENCY_KEY="s1")
    retry = client.post(url, data, format="json", HTTP_IDEMPOTENCY_KEY="s1")

    assert first.status_code == 201, first.json()
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()
    assert Provision.objects.filter(version=version).count() == units + 1
