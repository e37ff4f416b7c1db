import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from accounts.events import AccountVerb
from core.exceptions import InvalidTransition
from core.idempotency import idempotent
from core.models import AuditEvent, IdempotencyRecord
from core.services import audit_log


class RecordingView(APIView):
    """Writes one audit event per handled request, or fails when asked to."""

    @idempotent
    def post(self, request):
        if request.data.get("fail"):
            return Response({"message": "refused"}, status=400)
        event = audit_log(
            actor=request.user, verb=AccountVerb.USER_PROFILE_UPDATED, target=request.user
        )
        return Response({"id": event.pk, "note": request.data.get("note")}, status=201)


@pytest.fixture
def send(resident):
    factory = APIRequestFactory()

    def make(data, key=None):
        headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
        request = factory.post("/recording/", data, format="json", **headers)
        force_authenticate(request, user=resident)
        return RecordingView.as_view()(request)

    return make


@pytest.mark.django_db
def test_a_retried_request_gets_the_same_answer_and_changes_nothing(send):
    first = send({"note": "a"}, key="k-1")
    second = send({"note": "a"}, key="k-1")
    assert first.status_code == second.status_code == 201
    assert second.data == first.data
    assert second["Idempotent-Replayed"] == "true"
    assert AuditEvent.objects.filter(verb=AccountVerb.USER_PROFILE_UPDATED).count() == 1


@pytest.mark.django_db
def test_a_key_reused_for_another_request_is_refused(send):
    send({"note": "a"}, key="k-1")
    response = send({"note": "b"}, key="k-1")
    assert response.status_code == 422
    assert response.data["code"] == "idempotency_key_reused"
    assert AuditEvent.objects.filter(verb=AccountVerb.USER_PROFILE_UPDATED).count() == 1


@pytest.mark.django_db
def test_requests_without_a_key_are_not_deduplicated(send):
    send({"note": "a"})
    send({"note": "a"})
    assert AuditEvent.objects.filter(verb=AccountVerb.USER_PROFILE_UPDATED).count() == 2
    assert not IdempotencyRecord.objects.exists()


@pytest.mark.django_db
def test_a_failed_request_is_not_stored_so_a_corrected_retry_goes_through(send):
    assert send({"fail": True}, key="k-2").status_code == 400
    assert not IdempotencyRecord.objects.exists()
    assert send({"fail": True}, key="k-2").status_code == 400


@pytest.mark.django_db
def test_keys_belong_to_their_user(send, ngo_member):
    send({"note": "a"}, key="shared")
    factory = APIRequestFactory()
    request = factory.post(
        "/recording/", {"note": "a"}, format="json", HTTP_IDEMPOTENCY_KEY="shared"
    )
    force_authenticate(request, user=ngo_member)
    response = RecordingView.as_view()(request)
    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response
    assert AuditEvent.objects.filter(verb=AccountVerb.USER_PROFILE_UPDATED).count() == 2


class ClosingView(APIView):
    """Succeeds once; refuses every later request, as a consultation that has closed."""

    handled: list[int] = []

    @idempotent
    def post(self, request):
        if ClosingView.handled:
            raise InvalidTransition("Closed since.")
        event = audit_log(
            actor=request.user, verb=AccountVerb.USER_PROFILE_UPDATED, target=request.user
        )
        ClosingView.handled.append(event.pk)
        return Response({"id": event.pk}, status=201)


class UploadView(APIView):
    """Counts how often it really ran."""

    runs: list[str] = []

    @idempotent
    def post(self, request):
        UploadView.runs.append(request.FILES["file"].name)
        return Response({"runs": len(UploadView.runs)}, status=201)


def _post(view, data, *, user, key, **extra):
    request = APIRequestFactory().post("/recording/", data, HTTP_IDEMPOTENCY_KEY=key, **extra)
    force_authenticate(request, user=user)
    return view.as_view()(request)


@pytest.mark.django_db
def test_the_first_attempt_does_not_look_for_a_stored_answer(resident):
    with CaptureQueriesContext(connection) as queries:
        response = _post(RecordingView, {"note": "a"}, user=resident, key="k-3", format="json")
    assert response.status_code == 201
    reads = [q["sql"] for q in queries if q["sql"].startswith("SELECT")]
    assert not [sql for sql in reads if "core_idempotencyrecord" in sql]
    assert IdempotencyRecord.objects.filter(key="k-3").count() == 1


@pytest.mark.django_db
def test_a_retry_the_handler_now_refuses_still_gets_the_first_answer(resident):
    ClosingView.handled = []
    first = _post(ClosingView, {"note": "a"}, user=resident, key="k-4", format="json")
    retry = _post(ClosingView, {"note": "a"}, user=resident, key="k-4", format="json")
    other = _post(ClosingView, {"note": "a"}, user=resident, key="k-5", format="json")

    assert first.status_code == retry.status_code == 201
    assert retry.data == first.data
    assert retry["Idempotent-Replayed"] == "true"
    assert other.status_code == 409  # a new key is a new request, refused as it should be


@pytest.mark.django_db
def test_a_request_with_files_is_answered_from_the_store_without_running_again(resident):
    UploadView.runs = []

    def send():
        upload = SimpleUploadedFile("uwagi.pdf", b"%PDF-1.4 uwagi")
        return _post(UploadView, {"file": upload}, user=resident, key="k-6", format="multipart")

    first = send()
    retry = send()

    assert first.status_code == retry.status_code == 201
    assert retry["Idempotent-Replayed"] == "true"
    assert UploadView.runs == ["uwagi.pdf"]
