"""Races on PostgreSQL: submissions around the deadline, and two officials answering one
comment.

The deadline is checked against the database clock in the statement that writes the
comment, to the second (its last second counts), so a submission either lands with
``submitted_at`` truncated to the second ``<= ends_at`` or is refused with
ConsultationClosed and leaves nothing behind, however the requests interleave.
"""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from consultations import services
from consultations.exceptions import ConsultationClosed
from consultations.models import Answer, Comment, CommentStatus
from tests import factories

SUBMITTERS = 16
# Submissions are spread evenly over this window, centred on the first refused moment.
WINDOW_SECONDS = 1.2
OFFICIALS = 2


@pytest.fixture
def postgres(transactional_db, postgres):  # the integration fixture, with real commits
    return connection


def run_together(count: int, work) -> tuple[dict[int, object], dict[int, BaseException]]:
    barrier = threading.Barrier(count)
    results: dict[int, object] = {}
    errors: dict[int, BaseException] = {}

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = work(index)
        except BaseException as error:  # collected for the assertions
            errors[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def test_submissions_racing_the_deadline_land_before_it_or_not_at_all(
    postgres, ngo, ngo_representative
):
    # An end is a whole second, and its last second counts: a comment is on time when its
    # moment, truncated to the second, is not after the end; the first refused moment is
    # the next second. The window is centred on that cut-off, a second and a half or more
    # ahead: time for the threads to line up at the barrier.
    deadline = (timezone.now() + dt.timedelta(seconds=1.5)).replace(microsecond=0)
    cutoff = deadline + dt.timedelta(seconds=1)
    consultation = factories.ConsultationFactory(
        starts_at=deadline - dt.timedelta(days=7), ends_at=deadline
    )
    fire_at = [
        cutoff
        - dt.timedelta(seconds=WINDOW_SECONDS / 2)
        + dt.timedelta(seconds=WINDOW_SECONDS * index / (SUBMITTERS - 1))
        for index in range(SUBMITTERS)
    ]

    def submit(index: int) -> Comment:
        time.sleep(max((fire_at[index] - timezone.now()).total_seconds(), 0))
        return services.comment_create(
            consultation=consultation,
            actor=ngo_representative,
            organisation=ngo,
            proposed_wording=f"Propozycja {index}",
            justification=f"race-{index}",
            submit=True,
        )

    accepted, refused = run_together(SUBMITTERS, submit)
    print(f"deadline race: {len(accepted)} accepted, {len(refused)} refused")

    assert len(accepted) + len(refused) == SUBMITTERS
    assert all(isinstance(error, ConsultationClosed) for error in refused.values()), refused
    assert accepted, "some submissions came before the deadline"
    assert refused, "some came after it"
    stored = Comment.objects.filter(consultation=consultation)
    assert sorted(stored.values_list("justification", flat=True)) == sorted(
        f"race-{index}" for index in accepted
    )
    for comment in stored:
        assert comment.status == CommentStatus.SUBMITTED
        assert comment.submitted_at < cutoff
        assert comment.submitted_at.replace(microsecond=0) <= consultation.ends_at
        assert comment.tracking_number
    for error in refused.values():
        assert error.extra["submitted"]["proposed_wording"].startswith("Propozycja")


def test_two_officials_answering_one_comment_never_overwrite_each_other(
    postgres, official, administrator, ngo, ngo_representative
):
    ended = timezone.now() - dt.timedelta(hours=1)
    comment = factories.CommentFactory(
        consultation=factories.ConsultationFactory(
            version__act__department=official.official_posts.get().department,
            starts_at=ended - dt.timedelta(days=7),
            ends_at=ended,
        ),
        organisation=ngo,
        author=ngo_representative,
        submitted_at=ended - dt.timedelta(days=1),
    )
    officials = [official, administrator]
    dispositions = ["accepted", "not_accepted"]

    def answer(index: int):
        client = APIClient()
        client.force_authenticate(officials[index])
        return client.post(
            f"/api/v1/comments/{comment.pk}/answer/",
            {"disposition": dispositions[index], "justification": f"Odpowiedź {index}"},
            format="json",
        )

    responses, errors = run_together(OFFICIALS, answer)

    assert not errors
    statuses = sorted(response.status_code for response in responses.values())
    assert statuses == [200, 409]
    [winner] = [index for index, response in responses.items() if response.status_code == 200]
    [loser] = [response for response in responses.values() if response.status_code == 409]
    assert loser.json()["code"] == "answer_conflict"
    assert loser.json()["extra"]["current"]["disposition"] == dispositions[winner]
    stored = Answer.objects.get(comment=comment)
    assert (stored.disposition, stored.revision) == (dispositions[winner], 1)
