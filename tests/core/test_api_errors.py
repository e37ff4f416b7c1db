"""The one exception handler: every error is ``{"message", "code", "extra"}``."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import translation
from rest_framework import exceptions as drf_exceptions
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from core.exceptions import Conflict, InvalidTransition, NotAllowed, NotFound


def answer(exc, *, authentication_classes=(), permission_classes=(AllowAny,)):
    """The response of a view whose handler raises ``exc``."""

    class RaisingView(APIView):
        def get(self, request):
            if exc is None:
                return Response({})
            raise exc

    RaisingView.authentication_classes = list(authentication_classes)
    RaisingView.permission_classes = list(permission_classes)
    request = APIRequestFactory().get("/")
    with translation.override("en"):
        response = RaisingView.as_view()(request)
        response.render()
    return response


def assert_error_shape(response):
    assert set(response.data) == {"message", "code", "extra"}
    assert isinstance(response.data["message"], str)
    assert response.data["message"]


@pytest.mark.parametrize(
    ("exc", "status", "code"),
    [
        (NotAllowed(), 403, "not_allowed"),
        (NotFound(), 404, "not_found"),
        (Conflict(), 409, "conflict"),
        (InvalidTransition("Already done."), 409, "invalid_transition"),
    ],
)
def test_a_domain_error_keeps_its_status_code_and_message(exc, status, code):
    response = answer(exc)

    assert response.status_code == status
    assert_error_shape(response)
    assert response.data["code"] == code
    with translation.override("en"):
        assert response.data["message"] == str(exc.message)


def test_a_domain_errors_extra_is_passed_on():
    response = answer(NotAllowed("No.", code="custom", extra={"fields": {"x": ["bad"]}}))

    assert response.data == {
        "message": "No.",
        "code": "custom",
        "extra": {"fields": {"x": ["bad"]}},
    }


def test_a_django_validation_error_lists_its_fields():
    error = DjangoValidationError({"nip": ["Wrong."], "__all__": ["Both wrong."]})

    response = answer(error)

    assert response.status_code == 400
    assert response.data["code"] == "invalid"
    assert response.data["extra"] == {
        "fields": {"nip": ["Wrong."], "non_field_errors": ["Both wrong."]}
    }
    assert "Correct the fields" in response.data["message"]


def test_a_django_validation_error_without_fields_is_a_non_field_error():
    response = answer(DjangoValidationError("Wrong."))

    assert response.data["extra"] == {"fields": {"non_field_errors": ["Wrong."]}}


def test_a_drf_validation_error_carries_its_fields_under_extra():
    response = answer(drf_exceptions.ValidationError({"email": ["Enter a valid address."]}))

    assert response.status_code == 400
    assert response.data["code"] == "invalid"
    assert response.data["extra"] == {"fields": {"email": ["Enter a valid address."]}}


def test_a_drf_validation_error_given_as_a_list_is_a_non_field_error():
    response = answer(drf_exceptions.ValidationError(["Wrong."]))

    assert response.data["extra"] == {"fields": {"non_field_errors": ["Wrong."]}}


def test_http404_becomes_a_not_found_that_says_what_to_do():
    response = answer(Http404("internal detail"))

    assert response.status_code == 404
    assert response.data["code"] == "not_found"
    assert "log in" in response.data["message"]
    assert "internal detail" not in response.data["message"]


def test_djangos_permission_denied_becomes_403():
    response = answer(PermissionDenied())

    assert response.status_code == 403
    assert response.data["code"] == "permission_denied"
    assert response.data["message"] == "You are not allowed to do this."


def test_a_permission_message_given_by_the_view_is_kept():
    response = answer(drf_exceptions.PermissionDenied("Ask a representative."))

    assert response.data["message"] == "Ask a representative."


def test_a_missing_login_is_401_with_the_scheme_to_use_even_behind_session_auth():
    response = answer(
        None,
        authentication_classes=[SessionAuthentication, TokenAuthentication],
        permission_classes=[IsAuthenticated],
    )

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.data["code"] == "not_authenticated"
    assert "Log in" in response.data["message"]


def test_a_missing_login_is_403_when_no_scheme_can_be_offered():
    response = answer(
        None, authentication_classes=[SessionAuthentication], permission_classes=[IsAuthenticated]
    )

    assert response.status_code == 403
    assert not response.has_header("WWW-Authenticate")
    assert response.data["code"] == "not_authenticated"


@pytest.mark.parametrize(
    ("wait", "phrase"),
    [(1, "Wait 1 second and"), (42, "Wait 42 seconds and"), (900, "Wait 15 minutes and")],
)
def test_throttling_is_429_with_the_wait_in_extra_and_in_retry_after(wait, phrase):
    response = answer(drf_exceptions.Throttled(wait=wait))

    assert response.status_code == 429
    assert response.data["code"] == "throttled"
    assert response.data["extra"] == {"wait": wait}
    assert phrase in response.data["message"]
    assert response["Retry-After"] == str(wait)


def test_throttling_without_a_known_wait_still_says_what_to_do():
    response = answer(drf_exceptions.Throttled())

    assert response.data["extra"] == {"wait": None}
    assert "Wait a moment" in response.data["message"]


def test_other_api_errors_keep_their_code():
    response = answer(drf_exceptions.MethodNotAllowed("PUT"))

    assert response.status_code == 405
    assert_error_shape(response)
    assert response.data["code"] == "method_not_allowed"


def test_an_unexpected_exception_is_left_to_django():
    with pytest.raises(ZeroDivisionError):
        answer(ZeroDivisionError())
