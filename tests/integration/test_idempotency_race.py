"""Two copies of one request racing on PostgreSQL: one change, one answer, twice."""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIRequestFactory, force_authenticate

from accounts.events import AccountVerb
from core.models import AuditEvent
from tests.core.test_idempotency import RecordingView
from tests.factories import UserFactory

PARALLEL_REQUESTS = 8


@pytest.mark.django_db(transaction=True)
def test_racing_retries_with_one_key_make_one_change(postgres):
    user = UserFactory()
    factory = APIRequestFactory()
    barrier = threading.Barrier(PARALLEL_REQUESTS)
    answers: list[tuple[int, object]] = []
    errors: list[BaseException] = []

    def send() -> None:
        try:
            request = factory.post(
                "/recording/", {"note": "x"}, format="json", HTTP_IDEMPOTENCY_KEY="race-1"
            )
            force_authenticate(request, user=user)
            barrier.wait(timeout=10)
            response = RecordingView.as_view()(request)
            answers.append((response.status_code, response.data))
        except BaseException as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(PARALLEL_REQUESTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not errors
    assert len(answers) == PARALLEL_REQUESTS
    assert {status for status, _data in answers} == {201}
    assert len({data["id"] for _status, data in answers}) == 1
    assert AuditEvent.objects.filter(verb=AccountVerb.USER_PROFILE_UPDATED).count() == 1
