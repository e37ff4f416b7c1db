"""Comment lists load what they show: the consultation is the caller's, not joined into
every row; attachments and the council's submission come from one query each."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations import selectors, services
from consultations.models import CouncilSubmission
from tests import factories
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import comment_on, submitted
from tests.pdf import minimal_pdf

pytestmark = pytest.mark.django_db


def test_every_row_carries_the_consultation_it_was_listed_for(
    consultation, ngo, ngo_representative, anonymous, provisions
):
    submitted(consultation, ngo_representative, ngo, provision=provisions[0])
    submitted(consultation, ngo_representative, ngo, provision=provisions[1])

    with CaptureQueriesContext(connection) as queries:
        comments = list(selectors.comment_list_for(viewer=anonymous, consultation=consultation))
        codes = {comment.consultation.version.act.department.authority.code for comment in comments}

    assert all(comment.consultation is consultation for comment in comments)
    assert codes == {consultation.version.act.department.authority.code}
    # The comments and their attachments; neither joins the consultation or its act.
    assert len(queries.captured_queries) == 2
    assert all("consultations_actversion" not in query["sql"] for query in queries)


def test_clones_and_filters_keep_the_consultation(
    consultation, ngo, ngo_representative, anonymous, provisions
):
    first = submitted(consultation, ngo_representative, ngo, provision=provisions[0])
    submitted(consultation, ngo_representative, ngo, provision=provisions[1])
    listed = selectors.comment_list_for(
        viewer=anonymous, consultation=consultation, filters={"provision": provisions[0].pk}
    )

    (comment,) = listed.filter(pk__in=[first.pk])[:10]

    assert comment.pk == first.pk
    assert comment.consultation is consultation


def test_attachments_come_with_the_list_without_a_query_per_comment(
    consultation, ngo, ngo_member, ngo_representative, anonymous, provisions
):
    with_file = comment_on(consultation, ngo_member, organisation=ngo, provision=provisions[0])
    services.comment_attachment_add(
        comment=with_file,
        actor=ngo_member,
        uploaded_file=SimpleUploadedFile("uwagi.pdf", minimal_pdf("uwagi")),
    )
    services.comment_submit(comment=with_file, actor=ngo_representative)
    without = submitted(consultation, ngo_representative, ngo, provision=provisions[1])

    comments = {
        comment.pk: comment
        for comment in selectors.comment_list_for(viewer=anonymous, consultation=consultation)
    }
    with CaptureQueriesContext(connection) as queries:
        names = [attachment.name for attachment in comments[with_file.pk].attachments.all()]
        none = list(comments[without.pk].attachments.all())
        counted = comments[with_file.pk].attachments.count()

    assert names == ["uwagi.pdf"]
    assert none == []
    assert counted == 1
    assert len(queries.captured_queries) == 0


def test_the_councils_submission_is_read_only_when_a_row_is_the_councils(
    consultation, ngo, ngo_representative, anonymous
):
    submitted(consultation, ngo_representative, ngo)
    with CaptureQueriesContext(connection) as queries:
        list(selectors.comment_list_for(viewer=anonymous, consultation=consultation))
    assert len(queries.captured_queries) == 2

    submission = CouncilSubmission.objects.create(
        consultation=consultation,
        reference="Uchwała nr 7/2027",
        council_name="Sopocka Rada Organizacji Pozarządowych",
        delivered_at=consultation.starts_at,
        external_id="7",
    )
    council = factories.CommentFactory(
        consultation=consultation,
        organisation=None,
        author=ngo_representative,
        council_submission=submission,
        submitted_at=consultation.starts_at,
    )
    with CaptureQueriesContext(connection) as queries:
        comments = list(selectors.comment_list_for(viewer=anonymous, consultation=consultation))
        names = [
            comment.council_submission.council_name
            for comment in comments
            if comment.council_submission is not None
        ]

    assert comments[0].pk == council.pk
    assert names == ["Sopocka Rada Organizacji Pozarządowych"]
    assert len(queries.captured_queries) == 3


def test_drafts_come_after_the_submitted_comments_in_order_of_submission(
    consultation, ngo, ngo_member, ngo_representative, provisions
):
    draft = comment_on(consultation, ngo_member, organisation=ngo, provision=provisions[0])
    first = submitted(consultation, ngo_representative, ngo, provision=provisions[1])
    second = submitted(consultation, ngo_representative, ngo, provision=provisions[2])

    listed = selectors.comment_list_for(viewer=ngo_member, consultation=consultation)

    assert [comment.pk for comment in listed] == [first.pk, second.pk, draft.pk]
