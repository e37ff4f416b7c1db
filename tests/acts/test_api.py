"""The legal acts API: what each endpoint answers and how many queries it takes.

Query counts are for the public (no session: the test client authenticates without one)
and for an official, whose departments cost one query per request.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from acts import services
from acts.models import ActStatus, ActVersion, LegalAct
from core.models import AuditEvent
from tests import factories
from tests.acts.texts import SAMPLE_ACT, SAMPLE_ACT_V2, act_text, docx_bytes

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user as a new request loads it: nothing cached on the object."""
    return User.objects.get(pk=user.pk) if user.is_authenticated else user


def acts_url(*parts) -> str:
    return "/api/v1/acts/" + "".join(f"{part}/" for part in parts)


def publish(act, actor, text=SAMPLE_ACT) -> ActVersion:
    version = services.version_create(act=act, actor=actor, text=text)
    return services.version_publish(version=version, actor=actor)


def published_acts(official, department, count: int) -> list[LegalAct]:
    topic = factories.TopicFactory(slug="kultura", name="Kultura")
    acts = []
    for _ in range(count):
        act = factories.LegalActFactory(department=department)
        act.topics.add(topic)
        factories.ActVersionFactory(act=act, published_at=timezone.now())
        acts.append(act)
    return acts


# --- Acts -------------------------------------------------------------------------------


def test_an_official_creates_an_act_through_the_api(api_as, official, department):
    factories.TopicFactory(slug="kultura", name="Kultura")
    response = api_as(official).post(
        acts_url(),
        {
            "title": "Projekt programu",
            "subject": "w sprawie programu",
            "act_type": "programme",
            "department": department.pk,
            "topics": ["kultura"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft"
    assert body["department"]["id"] == department.pk
    assert body["topics"] == [{"id": body["topics"][0]["id"], "slug": "kultura", "name": "Kultura"}]
    assert body["latest_published_version"] is None
    assert body["versions"] == []


def test_unknown_topics_are_refused_with_the_field_named(api_as, official, department):
    response = api_as(official).post(
        acts_url(),
        {"title": "Akt", "department": department.pk, "topics": ["nie-ma"]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "topics" in response.json()["extra"]["fields"]


@pytest.mark.parametrize(("count", "queries"), [(5, 3), (50, 3)])
def test_the_public_list_of_acts_takes_three_queries_however_long(
    api_as, official, department, django_assert_num_queries, count, queries
):
    published_acts(official, department, count)
    factories.LegalActFactory(department=department)  # a draft: not public
    client = api_as(None)
    # 1. COUNT of visible acts, 2. the page with department, authority and the latest
    # published version's number and date as subqueries, 3. their topics (prefetch).
    with django_assert_num_queries(queries):
        response = client.get(acts_url())
    assert response.status_code == 200
    assert response.json()["count"] == count
    first = response.json()["results"][0]
    assert first["latest_published_version"] == 1
    assert first["topics"][0]["slug"] == "kultura"


@pytest.mark.parametrize("count", [5, 50])
def test_officials_list_drafts_too_in_four_queries(
    api_as, official, department, django_assert_num_queries, count
):
    published_acts(official, department, count)
    factories.LegalActFactory(department=department)
    client = api_as(fresh(official))
    # 1. the official's departments, 2. COUNT, 3. the page, 4. topics.
    with django_assert_num_queries(4):
        response = client.get(acts_url())
    assert response.json()["count"] == count + 1


def test_the_list_filters_by_type_authority_department_topic_and_status(
    api_as, official, department, other_department
):
    culture = factories.TopicFactory(slug="kultura", name="Kultura")
    mine = factories.LegalActFactory(department=department, act_type="programme")
    mine.topics.add(culture)
    factories.ActVersionFactory(act=mine, published_at=timezone.now())
    other = factories.LegalActFactory(department=other_department, status=ActStatus.WITHDRAWN)
    factories.ActVersionFactory(act=other, published_at=timezone.now())
    client = api_as(None)

    def ids(**params):
        return [act["id"] for act in client.get(acts_url(), params).json()["results"]]

    assert ids(type="programme") == [mine.pk]
    assert ids(department=other_department.pk) == [other.pk]
    assert sorted(ids(authority=department.authority_id)) == sorted([mine.pk, other.pk])
    assert ids(topic="kultura") == [mine.pk]
    assert ids(status="withdrawn") == [other.pk]
    assert ids(ordering="title")


def test_a_draft_act_is_not_found_by_the_public(api_as, act, resident):
    assert api_as(None).get(acts_url(act.pk)).status_code == 404
    assert api_as(resident).get(acts_url(act.pk)).status_code == 404


def test_the_act_detail_lists_the_versions_the_viewer_may_see(
    api_as, act, official, django_assert_num_queries
):
    publish(act, official)
    services.version_create(act=act, actor=official, text=SAMPLE_ACT_V2)
    # 1. the act with department, authority and latest published version, 2. its topics,
    # 3. its published versions.
    with django_assert_num_queries(3):
        body = api_as(None).get(acts_url(act.pk)).json()
    assert [version["number"] for version in body["versions"]] == [1]
    body = api_as(official).get(acts_url(act.pk)).json()
    assert [version["number"] for version in body["versions"]] == [1, 2]
    assert body["versions"][1]["is_published"] is False


def test_an_official_edits_an_act(api_as, act, official):
    response = api_as(official).patch(acts_url(act.pk), {"title": "Nowy tytuł"}, format="json")
    assert response.status_code == 200
    assert response.json()["title"] == "Nowy tytuł"


def test_an_act_can_be_withdrawn_once(api_as, act, official):
    client = api_as(official)
    assert client.post(acts_url(act.pk, "withdraw"), {"reason": "Nie"}).status_code == 200
    response = client.post(acts_url(act.pk, "withdraw"), {})
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"


# --- Versions ---------------------------------------------------------------------------


def test_a_version_is_added_from_json_text(api_as, act, official):
    response = api_as(official).post(
        acts_url(act.pk, "versions"), {"text": SAMPLE_ACT, "change_note": "v1"}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["number"] == 1
    assert body["is_published"] is False
    assert body["source_kind"] == "text"
    assert body["parsed_act_type"] == "uchwała"
    assert isinstance(body["warnings"], list)


def test_a_version_is_added_from_an_uploaded_docx(api_as, act, official):
    upload = SimpleUploadedFile("projekt.docx", docx_bytes(SAMPLE_ACT))
    response = api_as(official).post(
        acts_url(act.pk, "versions"), {"file": upload}, format="multipart"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["source_filename"] == "projekt.docx"


def test_a_version_needs_text_or_a_file_but_not_both(api_as, act, official):
    response = api_as(official).post(acts_url(act.pk, "versions"), {}, format="json")
    assert response.status_code == 400


def test_an_unreadable_file_is_refused_in_the_shared_error_shape(api_as, act, official):
    upload = SimpleUploadedFile("projekt.docx", b"PK\x03\x04 broken")
    response = api_as(official).post(
        acts_url(act.pk, "versions"), {"file": upload}, format="multipart"
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"message", "code", "extra"}
    assert body["code"].startswith("document_")
    assert body["extra"]["fields"]["file"]
    assert not ActVersion.objects.exists()


def test_a_second_draft_is_a_conflict(api_as, act, official, draft_version):
    response = api_as(official).post(
        acts_url(act.pk, "versions"), {"text": SAMPLE_ACT_V2}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "draft_version_exists"


@pytest.mark.parametrize("persona", ["anonymous", "official"])
def test_the_version_list_takes_four_queries(
    api_as, act, official, django_assert_num_queries, persona, request
):
    for text in (SAMPLE_ACT, SAMPLE_ACT_V2, SAMPLE_ACT):
        publish(act, official, text)
    client = api_as(fresh(request.getfixturevalue(persona)))
    # 1. the act, 2. its topics, 3. COUNT, 4. the page of versions; an official's
    # departments are one more.
    with django_assert_num_queries(4 if persona == "anonymous" else 5):
        response = client.get(acts_url(act.pk, "versions"))
    assert [version["number"] for version in response.json()["results"]] == [1, 2, 3]


def test_the_version_detail_takes_one_query(api_as, act, official, django_assert_num_queries):
    version = publish(act, official)
    client = api_as(None)
    # 1. the version with its act, department and authority.
    with django_assert_num_queries(1):
        response = client.get(acts_url(act.pk, "versions", version.number))
    assert response.json()["source_text"] == SAMPLE_ACT


def test_publishing_through_the_api(api_as, act, official, draft_version):
    response = api_as(official).post(acts_url(act.pk, "versions", 1, "publish"))
    assert response.status_code == 200
    assert response.json()["is_published"] is True
    again = api_as(official).post(acts_url(act.pk, "versions", 1, "publish"))
    assert again.status_code == 409
    assert again.json()["code"] == "version_published"


def test_reparsing_a_draft_through_the_api(api_as, act, official, draft_version):
    response = api_as(official).patch(
        acts_url(act.pk, "versions", 1), {"text": SAMPLE_ACT_V2}, format="json"
    )
    assert response.status_code == 200
    labels = [
        unit["label"]
        for unit in api_as(official)
        .get(acts_url(act.pk, "versions", 1, "provisions"))
        .json()["results"]
    ]
    assert "§ 4" in labels


# --- Provisions -------------------------------------------------------------------------


def test_provisions_come_flat_in_order_with_their_parents(api_as, act, official):
    version = publish(act, official)
    body = api_as(None).get(acts_url(act.pk, "versions", version.number, "provisions")).json()
    units = {unit["label"]: unit for unit in body["results"]}
    point = units["§ 1 ust. 2 pkt 1"]
    assert point["parent_label"] == "§ 1 ust. 2"
    assert point["parent"] == units["§ 1 ust. 2"]["id"]
    assert point["kind"] == "point"
    assert point["anchor"] == "par-1-ust-2-pkt-1"
    assert point["depth"] == 2
    assert units["§ 1"]["parent"] is None
    assert [unit["order"] for unit in body["results"]] == list(range(body["count"]))


@pytest.mark.parametrize("units", [50, 500])
def test_the_provision_list_takes_three_queries_however_long_the_act(
    api_as, act, official, django_assert_num_queries, units
):
    version = publish(act, official, act_text(units))
    client = api_as(None)
    # 1. the version with its act, 2. COUNT, 3. the page of units with each parent's label
    # (a subquery).
    with django_assert_num_queries(3):
        response = client.get(
            acts_url(act.pk, "versions", version.number, "provisions"), {"page_size": 500}
        )
    assert response.json()["count"] == units
    assert len(response.json()["results"]) == units


def test_a_unit_is_corrected_split_and_merged_through_the_api(api_as, act, official):
    version = services.version_create(act=act, actor=official, text=SAMPLE_ACT)
    client = api_as(official)
    section = version.provisions.get(label="§ 2")
    base = acts_url(act.pk, "versions", 1, "provisions", section.pk)

    response = client.patch(base, {"label": "§ 2a", "kind": "paragraph"}, format="json")
    assert response.status_code == 200
    assert response.json()["anchor"] == "par-2a"

    response = client.post(base + "split/", {"offset": 10, "label": "§ 2b"}, format="json")
    assert response.status_code == 201, response.json()
    second = response.json()["second"]
    assert second["label"] == "§ 2b"

    response = client.post(acts_url(act.pk, "versions", 1, "provisions", second["id"], "merge"))
    assert response.status_code == 200
    assert response.json()["text"] == "Wykonanie uchwały powierza się Prezydentowi Miasta."

    first_unit = version.provisions.get(label="podstawa prawna")
    response = client.post(acts_url(act.pk, "versions", 1, "provisions", first_unit.pk, "merge"))
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_correction"

    assert client.delete(base).status_code == 204
    assert AuditEvent.objects.filter(verb__startswith="provision.").count() == 4


def test_a_split_needs_a_position(api_as, act, official, draft_version):
    section = draft_version.provisions.get(label="§ 2")
    response = api_as(official).post(
        acts_url(act.pk, "versions", 1, "provisions", section.pk, "split"), {}, format="json"
    )
    assert response.status_code == 400
    assert "offset" in response.json()["extra"]["fields"]


def test_a_unit_of_another_version_is_not_found(api_as, act, official, draft_version):
    other = factories.ProvisionFactory()
    response = api_as(official).get(acts_url(act.pk, "versions", 1, "provisions", other.pk))
    assert response.status_code == 404


# --- Redline and topics -----------------------------------------------------------------


def test_the_diff_compares_with_the_previous_published_version_by_default(
    api_as, act, official, django_assert_num_queries
):
    publish(act, official, SAMPLE_ACT)
    publish(act, official, SAMPLE_ACT_V2)
    client = api_as(None)
    # 1. version 2, 2. the previous published version, 3.-4. the units of each.
    with django_assert_num_queries(4):
        response = client.get(acts_url(act.pk, "versions", 2, "diff"))
    body = response.json()
    assert (body["version"], body["against"]) == (2, 1)
    assert body["summary"]["changed"] == 1
    assert body["summary"]["added"] == 1
    changed = next(entry for entry in body["entries"] if entry["change"] == "changed")
    assert changed["new_label"] == "§ 2"
    assert {"op": "insert", "text": "Miasta Sopotu."} in changed["words"]


def test_the_diff_against_a_chosen_version(api_as, act, official):
    publish(act, official, SAMPLE_ACT)
    publish(act, official, SAMPLE_ACT_V2)
    body = api_as(None).get(acts_url(act.pk, "versions", 1, "diff"), {"against": 2}).json()
    assert body["against"] == 2
    assert body["summary"]["removed"] == 1


def test_the_first_version_has_nothing_to_compare_with(api_as, act, official):
    publish(act, official)
    response = api_as(None).get(acts_url(act.pk, "versions", 1, "diff"))
    assert response.status_code == 404
    assert response.json()["code"] == "nothing_to_compare"


def test_the_public_cannot_compare_with_a_draft(api_as, act, official):
    publish(act, official)
    services.version_create(act=act, actor=official, text=SAMPLE_ACT_V2)
    response = api_as(None).get(acts_url(act.pk, "versions", 1, "diff"), {"against": 2})
    assert response.status_code == 404


def test_topics_are_listed_in_two_queries(api_as, django_assert_num_queries):
    for name in ("Kultura", "Sport", "Ekologia"):
        factories.TopicFactory(name=name, slug=name.lower())
    client = api_as(None)
    # 1. COUNT, 2. the page.
    with django_assert_num_queries(2):
        response = client.get("/api/v1/topics/")
    assert [topic["name"] for topic in response.json()["results"]] == [
        "Ekologia",
        "Kultura",
        "Sport",
    ]


def test_one_provision_takes_two_queries(api_as, act, official, django_assert_num_queries):
    version = publish(act, official)
    point = version.provisions.get(label="§ 1 ust. 2 pkt 1")
    client = api_as(None)
    # 1. the version with its act, 2. the unit with its parent's label.
    with django_assert_num_queries(2):
        response = client.get(acts_url(act.pk, "versions", 1, "provisions", point.pk))
    assert response.json()["parent_label"] == "§ 1 ust. 2"
