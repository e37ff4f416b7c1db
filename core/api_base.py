"""The one base of the API's views, and the one shape of a write.

``ApiView`` is the base of every API view:

- permissions by method: ``read_permission_classes`` for GET, HEAD and OPTIONS,
  ``write_permission_classes`` for the writes, each ``permission_classes`` when not set
  (which defaults to signed-in users only: deny by default);
- every write (POST, PUT, PATCH, DELETE) honours ``Idempotency-Key``
  (``core.idempotency.run``: the key is looked up before the handler runs);
- its schema documents that header on every write.

``ActionApi`` is a write on one object in six steps: load the object through a selector
(``load``: one the viewer may not see is a 404), check the object permissions (403),
validate the input serializer (400), call the service (``perform``), read the result
again through a selector (``reread``) and serialize it with the output serializer, with
``success_status``. A handler is one line, ``return self.act()``, under its own
``extend_schema`` (summary, description); the request body and the responses, errors
included, are generated from the class's declarations. A create on a collection has no
object: ``load`` is not overridden and ``perform`` gets ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Generic, TypeVar

from django.utils.translation import gettext_lazy
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core import idempotency
from core.api import error_responses

T = TypeVar("T")
PermissionClasses = Sequence[type[BasePermission]]
SerializerClass = type[serializers.BaseSerializer[Any]] | None

IDEMPOTENCY_KEY_PARAMETER = OpenApiParameter(
    name=idempotency.HEADER,
    location=OpenApiParameter.HEADER,
    required=False,
    description=gettext_lazy(
        "A unique key (at most 255 characters) that makes a retried write safe: a retry "
        "with the same key gets the first answer back, and nothing runs twice. Reused for "
        "a different request: 422 idempotency_key_reused."
    ),
)


class ApiSchema(AutoSchema):
    """The schema of an API view: the ``Idempotency-Key`` header on every write that
    honours it, and an action's request and responses from its declarations."""

    def _view_method(self) -> Any:
        return getattr(self.view, self.method.lower(), None)

    def get_operation(self, *args: Any, **kwargs: Any) -> Any:
        """Every operation also documents the errors any view of its kind can answer: a
        401 where a token is accepted (a wrong or revoked token), a 404 on a paginated list
        (a page past the last)."""
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        responses = operation.setdefault("responses", {})
        implied = []
        if any(requirement for requirement in operation.get("security", [])):
            implied.append(401)
        if self.method == "GET" and self._is_paginated_list():
            implied.append(404)
        for status, response in error_responses(*implied).items():
            if str(status) not in responses:
                responses[str(status)] = self._get_response_for_code(response, str(status))
        return operation

    def _is_paginated_list(self) -> bool:
        return (
            isinstance(self.view, GenericAPIView)
            and self._get_paginator() is not None
            and self._is_list_view()
        )

    def _is_write(self) -> bool:
        return self.method in idempotency.WRITE_METHODS

    def get_override_parameters(self) -> list[Any]:
        parameters = list(super().get_override_parameters())
        honoured = (
            isinstance(self.view, ApiView) and self.view.honours_idempotency_key
        ) or getattr(self._view_method(), "honours_idempotency_key", False)
        if self._is_write() and honoured:
            parameters.append(IDEMPOTENCY_KEY_PARAMETER)
        return parameters

    def get_description(self) -> str:  # type: ignore[override]  # spectacular's signature
        # A view class's docstring speaks to developers; an endpoint's description is
        # declared with ``extend_schema``.
        if isinstance(self.view, ApiView):
            return ""
        return str(super().get_description())

    def get_request_serializer(self) -> Any:
        if self._is_write() and isinstance(self.view, ActionApi):
            return self.view.documented_request()
        return super().get_request_serializer()

    def get_response_serializers(self) -> Any:
        if isinstance(self.view, ActionApi):
            if self._is_write():
                return self.view.documented_responses()
            if not isinstance(self.view, GenericAPIView):  # a list documents its own
                return self.view.documented_reading()
        return super().get_response_serializers()


class ApiView(APIView):
    """The base of every API view: permissions by method, ``Idempotency-Key`` on every
    write, and the schema that documents both."""

    read_permission_classes: PermissionClasses | None = None
    write_permission_classes: PermissionClasses | None = None
    # False for a write whose answer must not be stored (it carries a secret shown once).
    honours_idempotency_key = True
    schema = ApiSchema()

    def get_permissions(self) -> list[Any]:
        if self.request.method in SAFE_METHODS:
            chosen = self.read_permission_classes
        else:
            chosen = self.write_permission_classes
        classes = self.permission_classes if chosen is None else chosen
        return [permission() for permission in classes]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # authentication, permissions, throttling
        name = (request.method or "").lower()
        handler = getattr(self, name, None)
        if (
            self.honours_idempotency_key
            and request.method in idempotency.WRITE_METHODS
            and handler is not None
        ):
            # ``dispatch`` looks the handler up on the instance right after ``initial``:
            # the write it finds runs through ``run``, after the key's lookup.
            setattr(self, name, _once_per_key(request, handler))


def _once_per_key(request: Request, handler: Any) -> Any:
    def write(*args: Any, **kwargs: Any) -> Response:
        return idempotency.run(request, lambda: handler(*args, **kwargs))

    return write


class ActionApi(ApiView, Generic[T]):
    """A write in one shape: load, check, validate, perform, re-read, serialize.

    Declare ``input_serializer_class`` (None: no body; ``input_partial`` for a partial
    update), ``output_serializer_class`` (None: no body, as a 204), ``output_many``,
    ``success_status`` and, when the generated list is not right, ``error_statuses``;
    implement ``load`` (for an action on an object) and ``perform``; override ``reread``
    when the answer is not the loaded object read again.
    """

    input_serializer_class: SerializerClass = None
    input_partial = False
    output_serializer_class: SerializerClass = None
    output_many = False
    success_status = 200
    error_statuses: Sequence[int] | None = None

    # --- The steps, each overridable ----------------------------------------------------

    def load(self) -> T:
        """The object the action is on, through a selector (404 when not visible); an
        action on a collection has none."""
        return None  # type: ignore[return-value]

    def load_and_check(self) -> T:
        """The loaded object, after the object permissions are checked (403)."""
        obj = self.load()
        if obj is not None:
            self.check_object_permissions(self.request, obj)
        return obj

    def get_input_context(self) -> dict[str, Any]:
        return {"request": self.request}

    def validate(self) -> dict[str, Any]:
        """The validated input (400 when invalid); empty when the action takes none."""
        if self.input_serializer_class is None:
            return {}
        serializer = self.input_serializer_class(
            data=self.request.data, partial=self.input_partial, context=self.get_input_context()
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def perform(self, obj: T, data: dict[str, Any]) -> Any:
        """Call the service: one state change. Returns what the answer is about."""
        raise NotImplementedError

    def reread(self, obj: T, result: Any) -> Any:
        """What the answer shows, read through a selector: by default the loaded object
        read again (what the service returned, for an action on a collection)."""
        return result if obj is None else self.load()

    def get_output_context(self, shown: Any) -> dict[str, Any]:
        return {}

    def serialize(self, shown: Any) -> Any:
        if self.output_serializer_class is None:
            return None
        # The request is always there: links (a file's download address) are absolute.
        context = {"request": self.request, **self.get_output_context(shown)}
        return self.output_serializer_class(shown, many=self.output_many, context=context).data

    def show(self) -> Response:
        """The body of a GET of the same object: loaded and serialized as an answer."""
        return Response(self.serialize(self.load()))

    def act(self) -> Response:
        """The handler's body: the six steps, in order."""
        obj = self.load_and_check()
        data = self.validate()
        result = self.perform(obj, data)
        return Response(self.serialize(self.reread(obj, result)), status=self.success_status)

    # --- The schema ---------------------------------------------------------------------

    def _loads(self) -> bool:
        return type(self).load is not ActionApi.load

    def documented_errors(self) -> Sequence[int]:
        if self.error_statuses is not None:
            return self.error_statuses
        statuses = [400] if self.input_serializer_class is not None else []
        statuses += [401, 403, *([404] if self._loads() else []), 409]
        return statuses

    def documented_request(self) -> Any:
        serializer = self.input_serializer_class
        return serializer(partial=True) if serializer and self.input_partial else serializer

    def documented_reading(self) -> Mapping[int, Any]:
        not_found = [404] if self._loads() else []
        return {200: self.output_serializer_class, **error_responses(*not_found)}

    def documented_responses(self) -> Mapping[int, Any]:
        output = self.output_serializer_class
        body = output(many=True) if output is not None and self.output_many else output
        return {self.success_status: body, **error_responses(*self.documented_errors())}
