"""The work lists of officials and organisations (``consultations.selectors.work``): each
persona sees only their own items, and each list takes a constant number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.viewer import viewer_for
from acts.models import ActStatus
from consultations.deadlines import REPORT_DUE_DAYS, report_due_on
from consultations.models import CommentStatus, ConsultationPhase, ConsultationStatus
from consultations.selectors.work import official_work_for, organisation_work_for
from core.dates import local_day
from tests import factories

pytestmark = pytest.mark.django_db

SCALES = [pytest.param(1, id="some"), pytest.param(10, id="ten-times")]
DAY = dt.timedelta(days=1)


def ready_viewer(user):
    """A viewer whose affiliations are already read (the request reads them once)."""
    viewer = viewer_for(user)
    viewer.affiliations  # noqa: B018
    return viewer


def consultation_of(department, **kwargs):
    """A consultation of ``department`` on a published act (so the act is no draft)."""
    return factories.ConsultationFactory(
        version__act__department=department, version__act__status=ActStatus.PUBLISHED, **kwargs
    )


def official_scene(department, now):
    """One consultation of ``department`` in each phase, a cancelled one, a closed one with
    comments (one waiting for an answer, one answered, one hidden) and an act whose draft
    is not published."""
    scene = {
        "draft": consultation_of(department, status=ConsultationStatus.DRAFT),
        "scheduled": consultation_of(department, starts_at=now + DAY, ends_at=now + 10 * DAY),
        "open": consultation_of(department),
        "closed": consultation_of(department, starts_at=now - 10 * DAY, ends_at=now - 2 * DAY),
        "reported": consultation_of(
            department,
            starts_at=now - 60 * DAY,
            ends_at=now - 40 * DAY,
            status=ConsultationStatus.REPORT_PUBLISHED,
            report_published_at=now - 20 * DAY,
        ),
        "cancelled": consultation_of(department, status=ConsultationStatus.CANCELLED),
    }
    closed = scene["closed"]
    factories.CommentFactory(consultation=closed)
    factories.AnswerFactory(comment__consultation=closed)
    factories.CommentFactory(consultation=closed, hidden_at=now, hidden_reason="Wulgaryzmy.")
    act = factories.LegalActFactory(department=department)
    factories.ActVersionFactory(act=act)
    scene["act"] = act
    return scene


def test_the_report_is_due_thirty_days_after_the_end():
    ended = dt.date(2020, 3, 2)
    assert REPORT_DUE_DAYS == 30
    assert report_due_on(ended) == dt.date(2020, 4, 1)


def test_an_official_sees_the_consultations_of_their_department_by_phase(
    official, department, other_department
):
    now = timezone.now()
    scene = official_scene(department, now)
    official_scene(other_department, now)

    work = official_work_for(viewer=ready_viewer(official), now=now)

    titles = {phase: [row.consultation.pk for row in rows] for phase, rows in work.by_phase.items()}
    assert titles == {
        ConsultationPhase.DRAFT: [scene["draft"].pk],
        ConsultationPhase.SCHEDULED: [scene["scheduled"].pk],
        ConsultationPhase.OPEN: [scene["open"].pk],
        ConsultationPhase.CLOSED: [scene["closed"].pk],
        ConsultationPhase.REPORT_PUBLISHED: [scene["reported"].pk],
    }
    assert [act.pk for act in work.unpublished_acts] == [scene["act"].pk]
    assert work.unpublished_acts[0].draft_version_number == 1


def test_comments_waiting_for_an_answer_count_down_to_the_report(official, department):
    now = timezone.now()
    scene = official_scene(department, now)
    overdue = consultation_of(department, starts_at=now - 60 * DAY, ends_at=now - 40 * DAY)
    factories.CommentFactory(consultation=overdue)

    work = official_work_for(viewer=ready_viewer(official), now=now)

    rows = {row.consultation.pk: row for row in work.awaiting_answers}
    assert list(rows) == [overdue.pk, scene["closed"].pk]  # the nearest deadline first
    closed = rows[scene["closed"].pk]
    # The hidden comment needs no answer; the answered one is done.
    assert closed.unanswered == 1
    assert closed.report_due_on == local_day(scene["closed"].ends_at) + REPORT_DUE_DAYS * DAY
    assert closed.days_left == (closed.report_due_on - local_day(now)).days
    assert closed.days_left > 0
    assert closed.days_overdue == 0
    assert rows[overdue.pk].days_left < 0
    assert rows[overdue.pk].days_overdue == -rows[overdue.pk].days_left


def test_an_official_of_another_department_sees_none_of_it(other_official, department):
    now = timezone.now()
    official_scene(department, now)
    work = official_work_for(viewer=ready_viewer(other_official), now=now)
    assert work is not None
    assert work.is_empty
    assert work.awaiting_answers == []


@pytest.mark.parametrize("persona", ["ngo_representative", "resident", "anonymous"])
def test_only_officials_have_an_officials_list(persona, department, request):
    official_scene(department, timezone.now())
    user = request.getfixturevalue(persona)
    assert official_work_for(viewer=viewer_for(user), now=timezone.now()) is None


@pytest.mark.parametrize("scale", SCALES)
def test_the_officials_list_takes_three_queries(
    official, department, django_assert_num_queries, scale
):
    now = timezone.now()
    for _ in range(scale):
        official_scene(department, now)
    viewer = ready_viewer(official)
    # 1. consultations in progress with their unanswered comments counted, 2. the recently
    # reported ones, 3. the unpublished acts.
    with django_assert_num_queries(3):
        work = official_work_for(viewer=viewer, now=now)
    assert len(work.by_phase[ConsultationPhase.CLOSED]) == scale
    assert len(work.unpublished_acts) == scale


# --- Organisations -----------------------------------------------------------------------


def organisation_scene(organisation, author, now):
    """For ``organisation``: a draft in an open consultation ending in 3 days (nothing
    submitted there), a consultation ending in 2 days it commented on, one ending in 20
    days, a draft in a closed consultation, an answer in a report published 5 days ago and
    one published 60 days ago."""
    closing = factories.ConsultationFactory(ends_at=now + 3 * DAY)
    draft = factories.CommentFactory(
        consultation=closing,
        organisation=organisation,
        author=author,
        status=CommentStatus.DRAFT,
        submitted_at=None,
        submitted_by=None,
        tracking_number=None,
    )
    commented = factories.ConsultationFactory(ends_at=now + 2 * DAY)
    factories.CommentFactory(consultation=commented, organisation=organisation)
    factories.ConsultationFactory(ends_at=now + 20 * DAY)
    closed = factories.ConsultationFactory(starts_at=now - 10 * DAY, ends_at=now - DAY)
    factories.CommentFactory(
        consultation=closed,
        organisation=organisation,
        status=CommentStatus.DRAFT,
        submitted_at=None,
        submitted_by=None,
        tracking_number=None,
    )

    def reported(days_ago):
        return factories.ConsultationFactory(
            starts_at=now - (days_ago + 30) * DAY,
            ends_at=now - (days_ago + 10) * DAY,
            status=ConsultationStatus.REPORT_PUBLISHED,
            report_published_at=now - days_ago * DAY,
        )

    answer = factories.AnswerFactory(
        comment__consultation=reported(5), comment__organisation=organisation
    )
    factories.AnswerFactory(comment__consultation=reported(60), comment__organisation=organisation)
    return {"draft": draft, "closing": closing, "commented": commented, "answer": answer}


@pytest.mark.parametrize("persona", ["ngo_representative", "ngo_member"])
def test_an_organisations_members_see_its_drafts_gaps_and_answers(
    persona, ngo, ngo_member, other_ngo, other_ngo_representative, request
):
    now = timezone.now()
    scene = organisation_scene(ngo, ngo_member, now)
    organisation_scene(other_ngo, other_ngo_representative, now)
    user = request.getfixturevalue(persona)

    work = organisation_work_for(viewer=ready_viewer(user), now=now)

    assert work.organisation_names == {ngo.pk: ngo.name}
    assert [comment.pk for comment in work.drafts] == [scene["draft"].pk]
    # Every consultation closing soon on which ngo submitted nothing, whoever runs it:
    # the other organisation's scene adds its own two.
    closing = {row.consultation.pk for row in work.closing_soon}
    assert scene["closing"].pk in closing
    assert scene["commented"].pk not in closing
    assert {row.organisation_id for row in work.closing_soon} == {ngo.pk}
    assert [comment.pk for comment in work.answers_received] == [scene["answer"].comment.pk]


def test_a_closing_consultation_counts_as_commented_once_a_comment_is_submitted(
    ngo, ngo_representative
):
    now = timezone.now()
    closing = factories.ConsultationFactory(ends_at=now + 3 * DAY)
    factories.CommentFactory(
        consultation=closing,
        organisation=ngo,
        status=CommentStatus.WITHDRAWN,
        withdrawn_at=now,
    )
    work = organisation_work_for(viewer=ready_viewer(ngo_representative), now=now)
    assert [row.consultation.pk for row in work.closing_soon] == [closing.pk]

    factories.CommentFactory(consultation=closing, organisation=ngo)
    work = organisation_work_for(viewer=ready_viewer(ngo_representative), now=now)
    assert work.closing_soon == []


def test_a_member_with_nothing_waiting_gets_an_empty_list(ngo_member):
    work = organisation_work_for(viewer=ready_viewer(ngo_member), now=timezone.now())
    assert work is not None
    assert work.is_empty


@pytest.mark.parametrize("persona", ["official", "resident", "anonymous"])
def test_only_members_of_organisations_have_an_organisations_list(persona, ngo, request):
    organisation_scene(ngo, factories.UserFactory(), timezone.now())
    user = request.getfixturevalue(persona)
    assert organisation_work_for(viewer=viewer_for(user), now=timezone.now()) is None


@pytest.mark.parametrize("scale", SCALES)
def test_the_organisations_list_takes_four_queries(
    ngo, ngo_representative, django_assert_num_queries, scale
):
    now = timezone.now()
    for _ in range(scale):
        organisation_scene(ngo, ngo_representative, now)
    viewer = ready_viewer(ngo_representative)
    # 1. the drafts with consultation, organisation, provision and author, 2. the open
    # consultations closing soon, 3. which of them the organisation commented on, 4. the
    # answered comments with consultation, organisation, provision and answer.
    with django_assert_num_queries(4):
        work = organisation_work_for(viewer=viewer, now=now)
    assert len(work.drafts) == scale
    assert len(work.closing_soon) == scale
    assert len(work.answers_received) == scale
