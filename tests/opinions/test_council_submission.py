"""The council's adopted opinion, delivered to the consultation: comments of the council,
apart from NGO comments, answered by officials like them; late when the consultation had
closed; delivered once."""

import datetime as dt

import pytest
from django.utils import timezone

from consultations import selectors as consultation_selectors
from consultations.models import Comment, CouncilSubmission
from consultations.services import answers
from consultations.services.council import SubmittedItem, council_submission_deliver
from core.exceptions import InvalidInput
from opinions import selectors
from tests import factories
from tests.opinions.conftest import adopt

pytestmark = pytest.mark.django_db


def deliver(consultation, actor, items, external_id="7"):
    return council_submission_deliver(
        consultation=consultation,
        actor=actor,
        reference="Uchwała nr 7/2026 — Sopocka Rada Organizacji Pozarządowych",
        council_name="Sopocka Rada Organizacji Pozarządowych",
        external_id=external_id,
        items=items,
    )


def test_delivering_twice_keeps_one_submission(consultation, provisions, resident):
    items = [SubmittedItem("Rada popiera.", provisions[0]), SubmittedItem("Ogólnie dobrze.")]

    first = deliver(consultation, resident, items)
    second = deliver(consultation, resident, items)

    assert first == second
    assert first.comments.count() == 2
    assert [comment.tracking_number for comment in first.comments.order_by("pk")] == [
        f"RADA-{first.pk}-1",
        f"RADA-{first.pk}-2",
    ]


def test_a_provision_of_another_version_is_refused(consultation, resident):
    with pytest.raises(InvalidInput):
        deliver(consultation, resident, [SubmittedItem("Tekst.", factories.ProvisionFactory())])
    assert not CouncilSubmission.objects.exists()


def test_the_council_comments_stay_out_of_the_picker(consultation, comments, resident, opinion):
    deliver(consultation, resident, [SubmittedItem("Rada popiera.")])

    assert set(selectors.comment_picker(position=opinion)) == set(comments)
    [submission] = consultation_selectors.council_submission_list(consultation=consultation)
    assert [comment.proposed_wording for comment in submission.comments.all()] == ["Rada popiera."]


def test_officials_answer_the_council_like_any_commenter(
    members, chair, secretary, council_member, recused_member, opinion, consultation, official
):
    consultation.version.act.department = official.official_posts.get().department
    consultation.version.act.save(update_fields=["department"])
    adopt(
        opinion,
        chair=chair,
        secretary=secretary,
        council_member=council_member,
        recused_member=recused_member,
    )
    consultation.ends_at = timezone.now() - dt.timedelta(minutes=1)
    consultation.save(update_fields=["ends_at"])
    council_comment = Comment.objects.filter(council_submission__isnull=False).first()

    answer = answers.answer_give(
        comment=council_comment,
        actor=official,
        disposition="accepted",
        justification="Uwzględniono w projekcie.",
    )

    assert answer.comment.council_submission.external_id == str(opinion.pk)
