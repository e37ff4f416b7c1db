"""Exactly-once API writes with the ``Idempotency-Key`` header.

A client that retries a request (a timeout, a double click) sends the same key. The key
is looked up before the handler runs: a stored answer is given back without running the
handler again, so nothing happens twice, not even what a transaction cannot undo (a file
written, a mail sent, a document generated). Otherwise the handler runs, and its
successful answer is stored with the change it made, in one transaction. A key reused for
a different request is refused. Requests without the header behave as usual.

Every write of a view built on ``core.api_base.ApiView`` goes through ``run``; the
``idempotent`` decorator serves handlers not yet built on it.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.db import router
from django.db.models import JSONField, Value
from django.utils.translation import gettext_lazy as _
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.status import is_success

from core.exceptions import InvalidInput
from core.models import IdempotencyRecord
from core.transactions import all_or_nothing

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
REPLAYED_HEADER = "Idempotent-Replayed"


class IdempotencyKeyReused(InvalidInput):
    status_code = 422
    default_code = "idempotency_key_reused"
    default_message = _(
        "This Idempotency-Key was already used for a different request. Use a new key."
    )


def request_key(request: Request) -> str | None:
    """The request's key, when it is one to honour: a write by a signed-in user."""
    if request.method not in WRITE_METHODS or not request.user.is_authenticated:
        return None
    key = request.headers.get(HEADER, "").strip()
    if not key:
        return None
    if len(key) > MAX_KEY_LENGTH:
        raise InvalidInput(
            _("The Idempotency-Key header is too long (at most 255 characters)."),
            code="idempotency_key_invalid",
        )
    return key


def run(request: Request, handler: Callable[[], Response]) -> Response:
    """Answer ``request`` with ``handler()``, at most once per ``Idempotency-Key``.

    One indexed read of (user, key) comes first: a stored answer is replayed, and the
    handler does not run. Otherwise the handler runs in a transaction that rolls back
    whole on any failure (``all_or_nothing``: no savepoints inside), and a successful
    answer is stored in it. Two copies racing past the read both run; the unique (user,
    key) refuses the second record, which rolls that copy's changes back, and it replays
    the first one's answer; so does a copy the handler refuses because of what the first
    changed.
    """
    key = request_key(request)
    if key is None:
        return handler()
    fingerprint = _fingerprint(request)
    stored = _stored(request, key)
    if stored is not None:
        return _replay(stored, fingerprint)
    try:
        with all_or_nothing():
            response = handler()
            if is_success(response.status_code):
                _store(request, key, fingerprint, response)
    except Exception:
        stored = _stored(request, key)
        if stored is None:
            raise  # the handler's own refusal or failure
        return _replay(stored, fingerprint)
    if not is_success(response.status_code) and (stored := _stored(request, key)):
        return _replay(stored, fingerprint)
    return response


def idempotent(handler: Callable[..., Response]) -> Callable[..., Response]:
    """Decorate one DRF handler (``post``) to honour ``Idempotency-Key`` through ``run``;
    for views not built on ``core.api_base.ApiView``, which does it for every write."""

    @functools.wraps(handler)
    def wrapper(view: Any, request: Request, *args: Any, **kwargs: Any) -> Response:
        return run(request, lambda: handler(view, request, *args, **kwargs))

    wrapper.honours_idempotency_key = True  # type: ignore[attr-defined]  # read by the schema
    return wrapper


def _fingerprint(request: Request) -> str:
    body = request.data if hasattr(request, "data") else {}
    try:
        canonical = json.dumps(body, sort_keys=True, default=str)
    except TypeError:
        canonical = repr(body)
    return hashlib.sha256(f"{request.method} {request.path}\n{canonical}".encode()).hexdigest()


def _stored(request: Request, key: str) -> IdempotencyRecord | None:
    user: Any = request.user  # signed in: keys are only honoured for signed-in users
    # Served by the unique (user, key) index; no ORDER BY, at most one row.
    return next(iter(IdempotencyRecord.objects.filter(user=user, key=key)[:1]), None)


def _store(request: Request, key: str, fingerprint: str, response: Response) -> None:
    user: Any = request.user  # signed in, as for ``_stored``
    # An answer without a body (a 204) is stored as JSON null, not as a missing value.
    body: Any = Value(None, JSONField()) if response.data is None else response.data
    record = IdempotencyRecord(
        user=user,
        key=key,
        method=request.method or "",
        path=request.path[:500],
        fingerprint=fingerprint,
        response_status=response.status_code,
        response_body=body,
    )
    record.save(force_insert=True, using=router.db_for_write(IdempotencyRecord))


def _replay(record: IdempotencyRecord, fingerprint: str) -> Response:
    if record.fingerprint != fingerprint:
        raise IdempotencyKeyReused()
    response = Response(record.response_body, status=record.response_status)
    response[REPLAYED_HEADER] = "true"
    return response
