"""An amended act on the platform (published, numbered) and an act amending it."""

from __future__ import annotations

import pytest

from acts import services
from acts.models import ActVersion, LegalAct
from tests.acts.amendments.texts import AMENDED, AMENDING


def publish(act: LegalAct, official, text: str) -> ActVersion:
    version = services.version_create(act=act, actor=official, text=text)
    return services.version_publish(version=version, actor=official)


@pytest.fixture
def amended_act(official, department) -> LegalAct:
    act = services.act_create(
        actor=official,
        department=department,
        title="Uchwała nr XXX/400/2021 w sprawie nagrody kulturalnej",
        number="XXX/400/2021",
    )
    publish(act, official, AMENDED)
    return act


@pytest.fixture
def amending_act(official, department) -> LegalAct:
    return services.act_create(
        actor=official,
        department=department,
        title="Projekt uchwały zmieniającej uchwałę w sprawie nagrody kulturalnej",
    )


@pytest.fixture
def amending_draft(amending_act, official) -> ActVersion:
    return services.version_create(act=amending_act, actor=official, text=AMENDING)


@pytest.fixture
def amending_version(amending_draft, official) -> ActVersion:
    return services.version_publish(version=amending_draft, actor=official)
