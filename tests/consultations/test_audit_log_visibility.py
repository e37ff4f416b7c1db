"""The audit log shows a comment's data as far as its reader may see the comment: a draft's
text stays with its authors, whoever reads the log (``consultations/audit_rules.py``)."""

import pytest
from django.urls import reverse

from accounts.models import User
from consultations import services
from core.audit_visibility import disclose
from core.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("api-audit-event-list")
FIRST_DRAFT = "Pierwsza robocza wersja uwagi stowarzyszenia."
SECOND_DRAFT = "Druga robocza wersja uwagi stowarzyszenia."
JUSTIFICATION = "Poufne uzasadnienie robocze."


@pytest.fixture
def consultation(department):
    return factories.ConsultationFactory(version__act__department=department)


@pytest.fixture
def council_member(db):
    user = factories.UserFactory(full_name="Marek Członek Rady")
    factories.TermMemberFactory(user=user)
    return user


@pytest.fixture
def draft(consultation, ngo, ngo_member):
    comment = services.comment_create(
        consultation=consultation,
        actor=ngo_member,
        organisation=ngo,
        proposed_wording=FIRST_DRAFT,
        justification=JUSTIFICATION,
    )
    return services.comment_update(
        comment=comment,
        actor=ngo_member,
        expected_revision=comment.revision,
        proposed_wording=SECOND_DRAFT,
    )


def updated_event(comment):
    return AuditEvent.objects.for_target(comment).get(verb="comment.updated")


@pytest.mark.parametrize(
    "persona",
    ["official", "other_official", "council_member", "administrator", "other_ngo_representative"],
)
def test_a_draft_comments_text_is_withheld_from_every_reader_but_its_authors(
    request, draft, persona
):
    event = updated_event(draft)

    seen = disclose(request.getfixturevalue(persona), [event])[event.pk]

    assert "proposed_wording" not in seen.data
    assert "proposed_wording" in seen.withheld
    assert FIRST_DRAFT not in str(seen)
    assert SECOND_DRAFT not in str(seen)


def test_the_organisations_representative_reads_its_drafts_history(draft, ngo_representative):
    event = updated_event(draft)

    seen = disclose(ngo_representative, [event])[event.pk]

    assert seen.data["proposed_wording"] == {"from": FIRST_DRAFT, "to": SECOND_DRAFT}
    assert seen.withheld == []


@pytest.mark.parametrize("persona", ["official", "other_official", "administrator"])
def test_the_audit_log_api_does_not_show_a_draft_comments_text(request, api_as, draft, persona):
    response = api_as(request.getfixturevalue(persona)).get(URL, {"target_id": draft.pk})

    assert response.status_code == 200
    [row] = [row for row in response.json()["results"] if row["verb"] == "comment.updated"]
    assert row["withheld"] == ["proposed_wording"]
    assert FIRST_DRAFT not in response.content.decode()
    assert SECOND_DRAFT not in response.content.decode()


def test_once_submitted_the_department_reads_the_text_and_another_department_not_the_receipt(
    draft, ngo_representative, official, other_official
):
    draft.consultation.comment_visibility = "after_end"
    draft.consultation.save(update_fields=["comment_visibility"])
    submitted = services.comment_submit(comment=draft, actor=ngo_representative)
    events = list(AuditEvent.objects.for_target(submitted))
    submit_event = next(event for event in events if event.verb == "comment.submitted")

    by_official = disclose(official, events)
    by_other = disclose(other_official, events)

    assert by_official[updated_event(draft).pk].data["proposed_wording"]["to"] == SECOND_DRAFT
    assert by_official[submit_event.pk].data["tracking_number"] == submitted.tracking_number
    assert "proposed_wording" in by_other[updated_event(draft).pk].withheld
    assert by_other[submit_event.pk].target_repr == ""
    assert "tracking_number" in by_other[submit_event.pk].withheld


@pytest.mark.parametrize("count", [5, 50])
def test_deciding_what_an_official_sees_of_comment_events_costs_the_same_queries_per_page(
    count, consultation, ngo, ngo_member, official, api_as, django_assert_num_queries
):
    for number in range(count):
        services.comment_create(
            consultation=consultation,
            actor=ngo_member,
            organisation=ngo,
            proposed_wording=f"Robocza uwaga nr {number}.",
            justification=JUSTIFICATION,
        )
    client = api_as(User.objects.get(pk=official.pk))

    # 1. is the reader an official (the permission class)
    # 2. COUNT(*) for the paginator
    # 3. the page of events with their actors and object types
    # 4. the comments the events are about, with their consultations' departments
    # 5. the reader's posts and memberships, once, for the predicates (the Viewer)
    with django_assert_num_queries(5):
        response = client.get(URL, {"verb": "comment.created"})

    assert response.json()["count"] == count
