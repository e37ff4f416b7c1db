"""Who may do what with legal acts, through the API: persona by operation.

The act belongs to ``department``: its ``official`` and administrators write; an official
of another department reads what the public reads (and lists draft acts); a published
version is public; an unpublished one is a 404 for everyone outside the department.
"""

import pytest

from acts import permissions, services
from tests.acts.texts import SAMPLE_ACT, SAMPLE_ACT_V2

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "resident",
    "ngo_member",
    "ngo_representative",
    "other_ngo_representative",
    "other_official",
    "official",
    "administrator",
]
OUTSIDERS = PERSONAS[1:6]


def matrix(*, anonymous, outsiders, other_official=None, editors) -> dict[str, int]:
    statuses = {"anonymous": anonymous, "official": editors, "administrator": editors}
    statuses.update(dict.fromkeys(OUTSIDERS, outsiders))
    statuses["other_official"] = other_official if other_official is not None else outsiders
    return statuses


EXPECTED = {
    "create act": matrix(anonymous=401, outsiders=403, editors=201),
    "add a version": matrix(anonymous=401, outsiders=403, editors=201),
    "correct a draft unit": matrix(anonymous=401, outsiders=404, editors=200),
    "publish the draft": matrix(anonymous=401, outsiders=404, editors=200),
    "view the draft version": matrix(anonymous=404, outsiders=404, editors=200),
    "view the draft's units": matrix(anonymous=404, outsiders=404, editors=200),
    "view the published version": matrix(anonymous=200, outsiders=200, editors=200),
    "view the published units": matrix(anonymous=200, outsiders=200, editors=200),
    "correct a published unit": matrix(anonymous=401, outsiders=403, editors=409),
    "edit the act": matrix(anonymous=401, outsiders=403, editors=200),
    "view a draft act": matrix(anonymous=404, outsiders=404, other_official=200, editors=200),
}


@pytest.fixture
def acts(official, department):
    """``published``: version 1 published, version 2 a draft; ``fresh``: only a published
    version 1; ``draft``: an act with a draft version 1 only."""
    published = services.act_create(actor=official, department=department, title="Akt")
    services.version_publish(
        version=services.version_create(act=published, actor=official, text=SAMPLE_ACT),
        actor=official,
    )
    services.version_create(act=published, actor=official, text=SAMPLE_ACT_V2)
    fresh = services.act_create(actor=official, department=department, title="Akt 2")
    services.version_publish(
        version=services.version_create(act=fresh, actor=official, text=SAMPLE_ACT),
        actor=official,
    )
    draft = services.act_create(actor=official, department=department, title="Akt 3")
    services.version_create(act=draft, actor=official, text=SAMPLE_ACT)
    return {"published": published, "fresh": fresh, "draft": draft}


def perform(operation, client, acts, department):
    published = acts["published"]
    base = f"/api/v1/acts/{published.pk}/versions/"
    draft_unit = published.versions.get(number=2).provisions.get(label="§ 2")
    published_unit = published.versions.get(number=1).provisions.get(label="§ 2")
    if operation == "create act":
        return client.post(
            "/api/v1/acts/", {"title": "Nowy", "department": department.pk}, format="json"
        )
    if operation == "add a version":
        return client.post(
            f"/api/v1/acts/{acts['fresh'].pk}/versions/", {"text": SAMPLE_ACT_V2}, format="json"
        )
    if operation == "correct a draft unit":
        return client.patch(f"{base}2/provisions/{draft_unit.pk}/", {"text": "X"}, format="json")
    if operation == "publish the draft":
        return client.post(f"{base}2/publish/")
    if operation == "view the draft version":
        return client.get(f"{base}2/")
    if operation == "view the draft's units":
        return client.get(f"{base}2/provisions/")
    if operation == "view the published version":
        return client.get(f"{base}1/")
    if operation == "view the published units":
        return client.get(f"{base}1/provisions/")
    if operation == "correct a published unit":
        return client.patch(
            f"{base}1/provisions/{published_unit.pk}/", {"text": "X"}, format="json"
        )
    if operation == "edit the act":
        return client.patch(f"/api/v1/acts/{published.pk}/", {"title": "Inny"}, format="json")
    if operation == "view a draft act":
        return client.get(f"/api/v1/acts/{acts['draft'].pk}/")
    raise AssertionError(operation)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("operation", list(EXPECTED))
def test_permission_matrix(operation, persona, request, api_as, acts, department):
    user = request.getfixturevalue(persona)
    response = perform(operation, api_as(user), acts, department)
    assert response.status_code == EXPECTED[operation][persona], response.content
    if response.status_code >= 400:
        assert set(response.json()) == {"message", "code", "extra"}


# --- The predicates themselves ----------------------------------------------------------


def test_an_inactive_post_gives_no_rights(official, act):
    official.official_posts.update(is_active=False)
    official = type(official).objects.get(pk=official.pk)
    assert not permissions.can_edit_act(official, act)
    assert not permissions.can_create_act(official)


def test_deny_by_default_for_the_public(anonymous, act):
    assert not permissions.can_create_act(anonymous)
    assert not permissions.can_edit_act(anonymous, act)
    assert not permissions.sees_every_act(anonymous)
    assert permissions.official_department_ids(anonymous) == frozenset()
