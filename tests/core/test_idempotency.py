"""Every write of a view built on ``core.api_base.ApiView`` honours ``Idempotency-Key``:
the key is looked up first, a stored answer is replayed without running the handler."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from accounts.events import AccountVerb
from core import idempotency
from core.api_base import ApiView
from core.exceptions import InvalidTransition
from core.idempotency import idempotent
from core.models import AuditEvent, IdempotencyRecord
from core.services import audit_log
from tests.pdf import minimal_pdf


def _recorded():
    return AuditEvent.objects.filter(verb=AccountVerb.USER_PROFILE_UPDATED).count()


class RecordingView(ApiView):
    """Writes one audit event per handled request, or fails when asked to."""

    permission_classes = [IsAuthenticated]
    runs = 0

    def post(self, request):
        RecordingView.runs += 1
        if request.data.get("fail"):
            return Response({"message": "refused"}, status=400)
        event = audit_log(
            actor=request.user, verb=AccountVerb.USER_PROFILE_UPDATED, target=request.user
        )
        return Response({"id": event.pk, "note": request.data.get("note")}, status=201)

    def get(self, request):
        return Response({"runs": RecordingView.runs})


class ChangingView(ApiView):
    """A PATCH that adds a group and a DELETE that removes the oldest one."""

    permission_classes = [IsAuthenticated]

    def patch(self, request):
        group = Group.objects.create(name=f"group-{Group.objects.count() + 1}")
        return Response({"id": group.pk, "count": Group.objects.count()})

    def delete(self, request):
        oldest = Group.objects.order_by("pk").first()
        if oldest is None:
            return Response({"message": "nothing left"}, status=404)
        oldest.delete()
        return Response(status=204)


class ClosingView(ApiView):
    """Succeeds once; refuses every later request, as a consultation that has closed."""

    permission_classes = [IsAuthenticated]
    handled: list[int] = []

    def post(self, request):
        if ClosingView.handled:
            raise InvalidTransition("Closed since.")
        event = audit_log(
            actor=request.user, verb=AccountVerb.USER_PROFILE_UPDATED, target=request.user
        )
        ClosingView.handled.append(event.pk)
        return Response({"id": event.pk}, status=201)


class UploadView(ApiView):
    """Counts how often it really ran: a file written is not undone by a rollback."""

    permission_classes = [IsAuthenticated]
    runs: list[str] = []

    def post(self, request):
        UploadView.runs.append(request.FILES["file"].name)
        return Response({"runs": len(UploadView.runs)}, status=201)


class DecoratedView(APIView):
    """A handler not yet built on ApiView, with the decorator."""

    runs = 0

    @idempotent
    def post(self, request):
        DecoratedView.runs += 1
        return Response({"runs": DecoratedView.runs}, status=201)


def _send(view, method, data=None, *, user, key=None, format="json"):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    factory = getattr(APIRequestFactory(), method)
    request = factory("/recording/", data, format=format, **headers)
    force_authenticate(request, user=user)
    return view.as_view()(request)


@pytest.fixture
def send(resident):
    RecordingView.runs = 0

    def make(data, key=None):
        return _send(RecordingView, "post", data, user=resident, key=key)

    return make


@pytest.mark.django_db
def test_a_retried_request_gets_the_same_answer_without_running_again(send):
    first = send({"note": "a"}, key="k-1")
    second = send({"note": "a"}, key="k-1")
    assert first.status_code == second.status_code == 201
    assert second.data == first.data
    assert second["Idempotent-Replayed"] == "true"
    assert RecordingView.runs == 1
    assert _recorded() == 1


@pytest.mark.django_db
def test_a_key_reused_for_another_request_is_refused(send):
    send({"note": "a"}, key="k-1")
    response = send({"note": "b"}, key="k-1")
    assert response.status_code == 422
    assert response.data["code"] == "idempotency_key_reused"
    assert RecordingView.runs == 1
    assert _recorded() == 1


@pytest.mark.django_db
def test_requests_without_a_key_behave_as_before(send, resident, django_assert_num_queries):
    send({"note": "a"})
    # Only the handler's own statement (the audit event): no lookup, no stored answer.
    with django_assert_num_queries(1):
        response = send({"note": "a"})
    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response
    assert RecordingView.runs == 2
    assert _recorded() == 2
    assert not IdempotencyRecord.objects.exists()


@pytest.mark.django_db
def test_a_read_ignores_the_key(send, resident):
    send({"note": "a"}, key="k-1")
    response = _send(RecordingView, "get", user=resident, key="k-1")
    assert response.status_code == 200
    assert "Idempotent-Replayed" not in response
    assert IdempotencyRecord.objects.count() == 1


@pytest.mark.django_db
def test_a_failed_request_is_not_stored_so_a_corrected_retry_goes_through(send):
    assert send({"fail": True}, key="k-2").status_code == 400
    assert not IdempotencyRecord.objects.exists()
    assert send({"fail": True}, key="k-2").status_code == 400
    assert RecordingView.runs == 2


@pytest.mark.django_db
def test_keys_belong_to_their_user(send, ngo_member):
    send({"note": "a"}, key="shared")
    response = _send(RecordingView, "post", {"note": "a"}, user=ngo_member, key="shared")
    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response
    assert _recorded() == 2


@pytest.mark.django_db
def test_a_key_longer_than_the_limit_is_refused_before_anything_runs(send):
    response = send({"note": "a"}, key="k" * 256)
    assert response.status_code == 400
    assert response.data["code"] == "idempotency_key_invalid"
    assert RecordingView.runs == 0


@pytest.mark.django_db
def test_the_key_is_looked_up_once_before_the_handler_runs(resident):
    with CaptureQueriesContext(connection) as queries:
        response = _send(RecordingView, "post", {"note": "a"}, user=resident, key="k-3")
    assert response.status_code == 201
    statements = [query["sql"] for query in queries]
    lookups = [
        n for n, sql in enumerate(statements) if sql.startswith("SELECT") and "idempotency" in sql
    ]
    writes = [n for n, sql in enumerate(statements) if sql.startswith("INSERT")]
    assert len(lookups) == 1
    assert lookups[0] < min(writes)
    assert IdempotencyRecord.objects.filter(key="k-3").count() == 1


@pytest.mark.django_db
def test_a_retry_the_handler_would_now_refuse_still_gets_the_first_answer(resident):
    ClosingView.handled = []
    first = _send(ClosingView, "post", {"note": "a"}, user=resident, key="k-4")
    retry = _send(ClosingView, "post", {"note": "a"}, user=resident, key="k-4")
    other = _send(ClosingView, "post", {"note": "a"}, user=resident, key="k-5")

    assert first.status_code == retry.status_code == 201
    assert retry.data == first.data
    assert retry["Idempotent-Replayed"] == "true"
    assert other.status_code == 409  # a new key is a new request, refused as it should be


@pytest.mark.django_db
def test_a_twin_that_stored_its_answer_after_the_lookup_is_replayed(resident, monkeypatch):
    """Two copies racing: this one's lookup found nothing, the twin stored its answer
    meanwhile, and this one's handler refuses (or its record clashes): it is rolled back
    and answers as the twin did."""
    ClosingView.handled = []
    first = _send(ClosingView, "post", {"note": "a"}, user=resident, key="k-6")
    real_stored = idempotency._stored
    lookups = []

    def stored_after_the_race(request, key):
        lookups.append(key)
        return None if len(lookups) == 1 else real_stored(request, key)

    monkeypatch.setattr(idempotency, "_stored", stored_after_the_race)
    twin = _send(ClosingView, "post", {"note": "a"}, user=resident, key="k-6")

    assert twin.status_code == 201
    assert twin.data == first.data
    assert twin["Idempotent-Replayed"] == "true"
    assert lookups == ["k-6", "k-6"]


@pytest.mark.django_db
def test_a_request_with_files_is_answered_from_the_store_without_running_again(resident):
    UploadView.runs = []

    def send():
        upload = SimpleUploadedFile("uwagi.pdf", minimal_pdf("uwagi"))
        return _send(
            UploadView, "post", {"file": upload}, user=resident, key="k-7", format="multipart"
        )

    first = send()
    retry = send()

    assert first.status_code == retry.status_code == 201
    assert retry["Idempotent-Replayed"] == "true"
    assert UploadView.runs == ["uwagi.pdf"]


@pytest.mark.django_db
def test_a_patch_is_idempotent(resident):
    first = _send(ChangingView, "patch", {"step": 1}, user=resident, key="p-1")
    retry = _send(ChangingView, "patch", {"step": 1}, user=resident, key="p-1")
    assert first.status_code == retry.status_code == 200
    assert retry.data == first.data == {"id": first.data["id"], "count": 1}
    assert retry["Idempotent-Replayed"] == "true"
    assert Group.objects.count() == 1


@pytest.mark.django_db
def test_a_delete_is_idempotent(resident):
    Group.objects.create(name="first")
    Group.objects.create(name="second")
    first = _send(ChangingView, "delete", user=resident, key="d-1")
    retry = _send(ChangingView, "delete", user=resident, key="d-1")
    assert first.status_code == retry.status_code == 204
    assert retry["Idempotent-Replayed"] == "true"
    assert list(Group.objects.values_list("name", flat=True)) == ["second"]


@pytest.mark.django_db
def test_a_handler_not_yet_on_the_base_is_made_idempotent_by_the_decorator(resident):
    DecoratedView.runs = 0
    first = _send(DecoratedView, "post", {"note": "a"}, user=resident, key="x-1")
    retry = _send(DecoratedView, "post", {"note": "a"}, user=resident, key="x-1")
    assert first.status_code == retry.status_code == 201
    assert retry["Idempotent-Replayed"] == "true"
    assert DecoratedView.runs == 1
