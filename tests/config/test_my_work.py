"""The "my work" page (``/my-work/``) and ``GET /api/v1/me/work/``: a section per role the
user holds, each item linking where the work is done; empty states say so."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from acts.models import ActStatus
from consultations.models import CommentStatus, ConsultationStatus
from opinions import services
from tests import factories
from tests.opinions.conftest import fresh

pytestmark = pytest.mark.django_db

PAGE = "/my-work/"
API = "/api/v1/me/work/"
DAY = dt.timedelta(days=1)
SCALES = [pytest.param(1, id="some"), pytest.param(10, id="ten-times")]


@pytest.fixture
def closed_consultation(department):
    """A closed consultation of ``department`` with one comment waiting for an answer."""
    now = timezone.now()
    consultation = factories.ConsultationFactory(
        title="Konsultacje programu zieleni",
        version__act__department=department,
        version__act__status=ActStatus.PUBLISHED,
        starts_at=now - 10 * DAY,
        ends_at=now - 2 * DAY,
    )
    factories.CommentFactory(consultation=consultation)
    return consultation


@pytest.fixture
def ngo_draft(ngo, ngo_member):
    return factories.CommentFactory(
        consultation=factories.ConsultationFactory(
            title="Konsultacje programu współpracy", ends_at=timezone.now() + 3 * DAY
        ),
        organisation=ngo,
        author=ngo_member,
        status=CommentStatus.DRAFT,
        submitted_at=None,
        submitted_by=None,
        tracking_number=None,
    )


@pytest.fixture
def council_seat_of(db, administrator):
    """``council_seat_of(user, organisation)``: a seat in a current term for the user,
    representing an organisation they belong to, with a draft the user leads."""

    def make(user, organisation):
        council = services.council_create(actor=administrator, name="Rada", short_name="R")
        today = timezone.localdate()
        term = services.term_create(
            council=council,
            actor=administrator,
            name="Kadencja",
            starts_on=today - 100 * DAY,
            ends_on=today + 900 * DAY,
        )
        services.member_add(
            term=term,
            actor=administrator,
            user=user,
            organisation=organisation,
            office="member",
            joined_on=term.starts_on,
        )
        return services.position_create(
            term=term, actor=user, kind="general", subject="Stanowisko w sprawie plaż"
        )

    return make


def test_the_page_asks_to_log_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_api_asks_to_log_in(api_client):
    assert api_client.get(API).status_code == 401


def test_an_official_sees_their_sections_only(
    official, closed_consultation, ngo_draft, client_as, api_as
):
    page = client_as(official).get(PAGE)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="work-official"' in html
    assert 'id="work-organisation"' not in html
    assert 'id="work-council"' not in html
    assert f'href="/consultations/{closed_consultation.pk}/answers/"' in html
    assert "Konsultacje programu współpracy" not in html

    body = api_as(official).get(API).json()
    assert body["organisation"] is None
    assert body["council"] is None
    [row] = body["official"]["awaiting_answers"]
    assert row["id"] == closed_consultation.pk
    assert row["phase"] == "closed"
    assert row["unanswered_comments"] == 1
    assert row["report_due_on"] == closed_consultation.report_due_on.isoformat()
    assert row["days_left"] == (closed_consultation.report_due_on - timezone.localdate()).days
    assert row["url"] == f"/consultations/{closed_consultation.pk}/answers/"
    assert [item["id"] for item in body["official"]["consultations"]["closed"]] == [
        closed_consultation.pk
    ]


@pytest.mark.parametrize("persona", ["ngo_member", "ngo_representative"])
def test_an_organisations_member_sees_its_drafts(
    persona, ngo_draft, closed_consultation, client_as, api_as, request
):
    user = request.getfixturevalue(persona)
    html = client_as(user).get(PAGE).content.decode()
    assert 'id="work-organisation"' in html
    assert 'id="work-official"' not in html
    assert f'href="/consultations/comments/{ngo_draft.pk}/edit/"' in html
    assert "Konsultacje programu zieleni" not in html

    body = api_as(user).get(API).json()
    assert body["official"] is None
    [draft] = body["organisation"]["drafts"]
    assert draft == {
        "id": ngo_draft.pk,
        "consultation_id": ngo_draft.consultation_id,
        "consultation_title": "Konsultacje programu współpracy",
        "consultation_ends_at": draft["consultation_ends_at"],
        "organisation_id": ngo_draft.organisation_id,
        "organisation_name": ngo_draft.organisation.name,
        "provision_label": None,
        "author_name": "Maria Członkini",
        "updated_at": draft["updated_at"],
        "url": f"/consultations/comments/{ngo_draft.pk}/edit/",
    }
    # The consultation with the draft closes soon, and nothing was submitted there yet.
    assert [row["consultation_id"] for row in body["organisation"]["closing_soon"]] == [
        ngo_draft.consultation_id
    ]


def test_another_organisation_sees_none_of_it(
    other_ngo_representative, ngo_draft, client_as, api_as
):
    html = client_as(other_ngo_representative).get(PAGE).content.decode()
    assert "Żaden projekt uwagi nie czeka na zgłoszenie." in html
    assert f"/consultations/comments/{ngo_draft.pk}/edit/" not in html
    body = api_as(other_ngo_representative).get(API).json()
    assert body["organisation"]["drafts"] == []


def test_a_council_member_sees_their_council_work_and_the_workspace_link(
    ngo, ngo_member, council_seat_of, client_as, api_as
):
    position = council_seat_of(ngo_member, ngo)
    html = client_as(ngo_member).get(PAGE).content.decode()
    assert 'id="work-council"' in html
    assert 'href="/council/"' in html
    assert f'href="/council/positions/{position.pk}/"' in html
    body = api_as(fresh(ngo_member)).get(API).json()
    assert [item["id"] for item in body["council"]["drafts_i_lead"]] == [position.pk]
    assert body["council"]["workspace_url"] == "/council/"
    assert body["organisation"] is not None


def test_a_resident_is_told_there_is_no_work_list(resident, client_as, api_as):
    page = client_as(resident).get(PAGE)
    assert 'id="no-roles"' in page.content.decode()
    assert api_as(resident).get(API).json() == {
        "official": None,
        "organisation": None,
        "council": None,
    }


def test_empty_lists_say_so(official, client_as):
    html = client_as(official).get(PAGE).content.decode()
    assert "Żadna uwaga nie czeka na odpowiedź." in html
    assert "Wszystkie akty Twojego wydziału są opublikowane." in html


def test_the_header_links_signed_in_users_to_their_work(resident, client_as, client):
    assert f'href="{PAGE}"' not in client.get("/").content.decode()
    assert f'href="{PAGE}"' in client_as(resident).get("/").content.decode()


@pytest.mark.parametrize("scale", SCALES)
def test_the_api_takes_a_constant_number_of_queries(
    official, department, ngo, api_as, django_assert_num_queries, scale
):
    factories.OfficialPostFactory(
        user=official, department=factories.DepartmentFactory(authority=department.authority)
    )
    factories.MembershipFactory(user=official, organisation=ngo)
    now = timezone.now()
    for _ in range(scale):
        factories.CommentFactory(
            consultation=factories.ConsultationFactory(
                version__act__department=department,
                starts_at=now - 10 * DAY,
                ends_at=now - DAY,
            ),
            organisation=ngo,
        )
        factories.ConsultationFactory(
            version__act__department=department,
            status=ConsultationStatus.DRAFT,
            ends_at=now + 2 * DAY,
        )
        factories.ConsultationFactory(ends_at=now + 2 * DAY)
    client = api_as(fresh(official))
    # 1. the viewer's posts and memberships; 2.-4. the official's lists (consultations in
    # progress, recently reported, unpublished acts); 5.-8. the organisation's (drafts,
    # closing soon, which were commented on, answers); 9. the current term (none here).
    with django_assert_num_queries(9):
        response = client.get(API)
    body = response.json()
    assert len(body["official"]["awaiting_answers"]) == scale
    assert len(body["official"]["unpublished_acts"]) == 2 * scale
    assert len(body["organisation"]["closing_soon"]) == scale
