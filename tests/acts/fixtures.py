"""Legal act fixtures: a draft act of ``department`` and its versions, made by ``official``
through the services. The conftests of the tests that need them import them."""

from __future__ import annotations

import pytest

from acts import services
from tests.acts.texts import SAMPLE_ACT


@pytest.fixture
def act(official, department):
    return services.act_create(
        actor=official,
        department=department,
        title="Projekt uchwały w sprawie programu współpracy",
        subject="w sprawie programu współpracy z organizacjami pozarządowymi",
        issuing_authority="Rada Miasta Sopotu",
    )


@pytest.fixture
def draft_version(act, official):
    return services.version_create(act=act, actor=official, text=SAMPLE_ACT)


@pytest.fixture
def published_version(draft_version, official):
    return services.version_publish(version=draft_version, actor=official)
