"""Submitting a comment does not depend on Redis: with the cache and the broker away, the
page and the API store the comment with its receipt number, and nothing but the API's
throttle (which fails open) and the queueing of the receipt's mail, after the commit,
even tries to reach Redis. The mail waits in the outbox, and the sweep sends it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from consultations.models import Comment, CommentStatus
from notifications import sending
from tests.consultations.scenes import *  # noqa: F403
from tests.redis_down import *  # noqa: F403

pytestmark = pytest.mark.django_db


def test_the_page_submits_a_comment_without_touching_redis(
    client_as,
    consultation,
    provisions,
    ngo,
    ngo_representative,
    redis_away,
    redis_connections,
    django_capture_on_commit_callbacks,
):
    client = client_as(ngo_representative)
    url = reverse("consultations:comment_create", args=[consultation.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{url}?provision={provisions[3].pk}",
            {
                "organisation": str(ngo.pk),
                "proposed_wording": "Nowe brzmienie przepisu.",
                "justification": "Obecne jest niejasne.",
                "action": "submit",
            },
        )

    comment = Comment.objects.get()
    assert comment.status == CommentStatus.SUBMITTED
    assert comment.tracking_number
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:comment_receipt", args=[comment.pk])
    assert all(attempt.by_the_broker for attempt in redis_connections), [
        attempt.stack for attempt in redis_connections
    ]
    _the_sweep_sends_the_receipt(comment, ngo_representative)


def _the_sweep_sends_the_receipt(comment, representative):
    """Queued or not (Redis away), the receipt's mail is in the outbox; the sweep sends it,
    once."""
    sending.deliveries_send()
    receipts = [
        message
        for message in mail.outbox
        if comment.tracking_number in message.subject and representative.email in message.to
    ]
    assert len(receipts) == 1


def test_the_api_submits_a_comment_with_redis_away_and_only_its_throttle_tries_redis(
    api_as,
    consultation,
    provisions,
    ngo,
    ngo_representative,
    redis_away,
    redis_connections,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(ngo_representative).post(
            f"/api/v1/consultations/{consultation.pk}/comments/",
            {
                "provision": provisions[3].pk,
                "organisation": ngo.pk,
                "proposed_wording": "Nowe brzmienie przepisu.",
                "justification": "Obecne jest niejasne.",
                "submit": True,
            },
            format="json",
            HTTP_IDEMPOTENCY_KEY="without-redis-1",
        )

    assert response.status_code == 201, response.content
    assert response.json()["status"] == "submitted"
    assert Comment.objects.get().tracking_number == response.json()["tracking_number"]
    assert redis_connections, "the user throttle asks the cache"
    assert all(attempt.by_the_cache or attempt.by_the_broker for attempt in redis_connections), [
        attempt.stack
        for attempt in redis_connections
        if not (attempt.by_the_cache or attempt.by_the_broker)
    ]
    _the_sweep_sends_the_receipt(Comment.objects.get(), ngo_representative)
