"""Exactly-once API writes with the ``Idempotency-Key`` header.

A client that retries a request (a timeout, a double click) sends the same key; the first
successful answer is stored with the change it made, in one transaction, and every retry
gets that answer back without changing anything. A key reused for a different request is
refused. Requests without the header behave as usual.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.db import router
from django.utils.translation import gettext_lazy as _
from rest_framework.request import Request
from rest_framework.response import Response

from core import rows
from core.exceptions import InvalidInput
from core.models import IdempotencyRecord
from core.transactions import all_or_nothing

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255


class IdempotencyKeyReused(InvalidInput):
    status_code = 422
    default_code = "idempotency_key_reused"
    default_message = _(
        "This Idempotency-Key was already used for a different request. Use a new key."
    )


def _fingerprint(request: Request) -> str:
    body = request.data if hasattr(request, "data") else {}
    try:
        canonical = json.dumps(body, sort_keys=True, default=str)
    except TypeError:
        canonical = repr(body)
    return hashlib.sha256(f"{request.method} {request.path}\n{canonical}".encode()).hexdigest()


def idempotent(handler: Callable[..., Response]) -> Callable[..., Response]:
    """Decorate a DRF view method (``post``) to honour ``Idempotency-Key``.

    Most keys are never seen twice, so the first attempt does not look for a stored
    answer: it runs, and stores its answer in the same transaction. A retry of a request
    that went through fails to store its answer (the key is unique per user), which rolls
    its changes back, and gets the stored answer instead; so does a retry that the
    handler now refuses (the consultation has closed since, say). A request with files
    looks first, so that a retry never writes a file only to roll back its record.
    """

    @functools.wraps(handler)
    def wrapper(view: Any, request: Request, *args: Any, **kwargs: Any) -> Response:
        key = request.headers.get(HEADER, "").strip()
        if not key or not request.user.is_authenticated:
            return handler(view, request, *args, **kwargs)
        if len(key) > MAX_KEY_LENGTH:
            raise InvalidInput(
                _("The Idempotency-Key header is too long (at most 255 characters)."),
                code="idempotency_key_invalid",
            )
        fingerprint = _fingerprint(request)
        if request.FILES:
            existing = _stored(request, key)
            if existing is not None:
                return _replay(existing, fingerprint)

        try:
            # A failure anywhere rolls the request back whole: no savepoints inside.
            with all_or_nothing():
                response = handler(view, request, *args, **kwargs)
                if 200 <= response.status_code < 300:
                    record = IdempotencyRecord(
                        user=request.user,
                        key=key,
                        method=request.method or "",
                        path=request.path[:500],
                        fingerprint=fingerprint,
                        response_status=response.status_code,
                        response_body=response.data,
                    )
                    rows.insert(record, using=router.db_for_write(IdempotencyRecord))
        except Exception:
            # Answered before (or, racing, just now by a concurrent request with the same
            # key): this attempt's changes were rolled back; answer as that request did.
            existing = _stored(request, key)
            if existing is None:
                raise  # the handler's own refusal or failure
            return _replay(existing, fingerprint)
        if not 200 <= response.status_code < 300 and (existing := _stored(request, key)):
            return _replay(existing, fingerprint)
        return response

    return wrapper


def _stored(request: Request, key: str) -> IdempotencyRecord | None:
    user: Any = request.user  # signed in: keys are only honoured for signed-in users
    return IdempotencyRecord.objects.filter(user=user, key=key).first()


def _replay(record: IdempotencyRecord, fingerprint: str) -> Response:
    if record.fingerprint != fingerprint:
        raise IdempotencyKeyReused()
    response = Response(record.response_body, status=record.response_status)
    response["Idempotent-Replayed"] = "true"
    return response
