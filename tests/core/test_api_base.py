"""The one base of the API views: permissions by method and the shape of an action."""

from dataclasses import dataclass, field

import pytest
from django.http import Http404
from django.urls import path
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate

from core.api_base import ActionApi, ApiView


@dataclass
class Note:
    pk: int
    text: str
    locked: bool = False
    history: list[str] = field(default_factory=list)


NOTES: dict[int, Note] = {}


class NoteInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=20)


class NoteOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    text = serializers.CharField()


class IsUnlocked(BasePermission):
    message = "Locked."

    def has_object_permission(self, request, view, obj):
        return not obj.locked


class NoteEditApi(ActionApi[Note]):
    read_permission_classes = [AllowAny]
    write_permission_classes = [IsAuthenticated, IsUnlocked]
    input_serializer_class = NoteInputSerializer
    output_serializer_class = NoteOutputSerializer
    performed: list[tuple[int, str]] = []

    def load(self):
        try:
            return NOTES[self.kwargs["pk"]]
        except KeyError:
            raise Http404 from None

    def perform(self, obj, data):
        NoteEditApi.performed.append((obj.pk, data["text"]))
        obj.history.append(obj.text)
        obj.text = data["text"]

    def get(self, request, pk):
        return self.show()

    def post(self, request, pk):
        return self.act()


class NoteCreateApi(ActionApi[None]):
    write_permission_classes = [IsAuthenticated]
    input_serializer_class = NoteInputSerializer
    output_serializer_class = NoteOutputSerializer
    success_status = 201

    def perform(self, obj, data):
        note = Note(pk=max(NOTES, default=0) + 1, text=data["text"])
        NOTES[note.pk] = note
        return note

    def post(self, request):
        return self.act()


class ReadOnlyApi(ApiView):
    """No permission classes named: the project's default (signed-in users) applies."""

    @extend_schema(responses={200: NoteOutputSerializer})
    def get(self, request):
        return Response({"ok": True})


urlpatterns = [
    path("notes/", NoteCreateApi.as_view()),
    path("notes/<int:pk>/", NoteEditApi.as_view()),
    path("read-only/", ReadOnlyApi.as_view()),
]


@pytest.fixture(autouse=True)
def notes():
    NOTES.clear()
    NOTES[1] = Note(pk=1, text="Pierwsza.")
    NOTES[2] = Note(pk=2, text="Zamknięta.", locked=True)
    NoteEditApi.performed = []
    yield NOTES
    NOTES.clear()


def call(view, method, *, pk=None, data=None, user=None):
    request = getattr(APIRequestFactory(), method)("/notes/", data, format="json")
    if user is not None:
        force_authenticate(request, user=user)
    kwargs = {} if pk is None else {"pk": pk}
    return view.as_view()(request, **kwargs)


def test_reads_and_writes_have_their_own_permissions(resident):
    assert call(NoteEditApi, "get", pk=1).status_code == 200
    assert call(NoteEditApi, "post", pk=1, data={"text": "Nowa."}).status_code == 401
    assert call(NoteEditApi, "post", pk=1, data={"text": "Nowa."}, user=resident).status_code == 200


def test_a_view_that_names_no_permissions_is_closed_to_the_anonymous(resident):
    assert call(ReadOnlyApi, "get").status_code == 401
    assert call(ReadOnlyApi, "get", user=resident).status_code == 200


def test_an_action_loads_checks_validates_performs_and_answers_in_that_order(resident):
    missing = call(NoteEditApi, "post", pk=9, data={"text": ""}, user=resident)
    locked = call(NoteEditApi, "post", pk=2, data={"text": ""}, user=resident)
    invalid = call(NoteEditApi, "post", pk=1, data={"text": ""}, user=resident)
    done = call(NoteEditApi, "post", pk=1, data={"text": "Nowa."}, user=resident)

    assert (missing.status_code, missing.data["code"]) == (404, "not_found")
    assert (locked.status_code, locked.data["message"]) == (403, "Locked.")
    assert (invalid.status_code, list(invalid.data["extra"]["fields"])) == (400, ["text"])
    assert (done.status_code, done.data) == (200, {"id": 1, "text": "Nowa."})
    assert NoteEditApi.performed == [(1, "Nowa.")]
    assert NOTES[1].history == ["Pierwsza."]


def test_an_action_on_a_collection_answers_with_what_it_made(resident):
    response = call(NoteCreateApi, "post", data={"text": "Trzecia."}, user=resident)
    assert response.status_code == 201
    assert response.data == {"id": 3, "text": "Trzecia."}


def test_the_schema_of_an_action_comes_from_its_declarations():
    schema = SchemaGenerator(patterns=urlpatterns).get_schema(request=None, public=True)
    edit = schema["paths"]["/notes/{id}/"]["post"]
    create = schema["paths"]["/notes/"]["post"]
    read = schema["paths"]["/notes/{id}/"]["get"]

    assert edit["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/NoteInputRequest"
    }
    assert set(edit["responses"]) == {"200", "400", "401", "403", "404", "409"}
    assert set(create["responses"]) == {"201", "400", "401", "403", "409"}
    assert [p["name"] for p in edit["parameters"] if p["in"] == "header"] == ["Idempotency-Key"]
    assert [p["name"] for p in create["parameters"] if p["in"] == "header"] == ["Idempotency-Key"]
    # 401: every operation that takes a token answers a wrong one so (core.api_base).
    assert set(read["responses"]) == {"200", "401", "404"}
    assert not [p for p in read.get("parameters", []) if p["in"] == "header"]
