import pytest
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from core.idempotency import idempotent
from core.models import AuditEvent, IdempotencyRecord
from core.services import audit_log


class RecordingView(APIView):
    """Writes one audit event per handled request, or fails when asked to."""

    @idempotent
    def post(self, request):
        if request.data.get("fail"):
            return Response({"message": "refused"}, status=400)
        event = audit_log(actor=request.user, verb="test.recorded", target=request.user)
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
    assert AuditEvent.objects.filter(verb="test.recorded").count() == 1


@pytest.mark.django_db
def test_a_key_reused_for_another_request_is_refused(send):
    send({"note": "a"}, key="k-1")
    response = send({"note": "b"}, key="k-1")
    assert response.status_code == 422
    assert response.data["code"] == "idempotency_key_reused"
    assert AuditEvent.objects.filter(verb="test.recorded").count() == 1


@pytest.mark.django_db
def test_requests_without_a_key_are_not_deduplicated(send):
    send({"note": "a"})
    send({"note": "a"})
    assert AuditEvent.objects.filter(verb="test.recorded").count() == 2
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
    assert AuditEvent.objects.filter(verb="test.recorded").count() == 2
