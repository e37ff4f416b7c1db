"""The API's request parsers: DRF's JSON parser with limits on size and nesting.

Kept apart from ``core.api``: DRF reads ``DEFAULT_PARSER_CLASSES`` while it defines its
views, so this module must not import them.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions as drf_exceptions
from rest_framework import parsers
from rest_framework.utils import json as drf_json

# JSON nested deeper than this is refused: no input of the API nests more than a few
# levels, and deeper nesting only exhausts the parser's (and later the renderer's) stack.
MAX_JSON_DEPTH = 32


class RequestTooLarge(drf_exceptions.APIException):
    status_code = 413
    default_code = "request_too_large"
    default_detail = gettext_lazy(
        "The request is too large. Send a smaller body (a smaller file, a shorter text)."
    )


def _too_deep(value: Any) -> bool:
    pending = [(value, 1)]
    while pending:
        current, depth = pending.pop()
        if isinstance(current, dict | list):
            if depth > MAX_JSON_DEPTH:
                return True
            children = current.values() if isinstance(current, dict) else current
            pending.extend((child, depth + 1) for child in children)
    return False


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with limits: a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is a
    413 (DRF would read any size), nesting over ``MAX_JSON_DEPTH`` a 400 (Python's
    decoder would run out of stack: a 500)."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(raw) > limit:
            raise RequestTooLarge()
        try:
            text = codecs.decode(raw, encoding)
            constant = drf_json.strict_constant if self.strict else None
            data = json.loads(text, parse_constant=constant)
        except RecursionError:
            raise drf_exceptions.ParseError(_too_deep_message()) from None
        except ValueError as error:
            raise drf_exceptions.ParseError(f"JSON parse error - {error}") from None
        if _too_deep(data):
            raise drf_exceptions.ParseError(_too_deep_message())
        return data


def _too_deep_message() -> str:
    return _("The JSON sent is nested more than %(depth)d levels deep.") % {"depth": MAX_JSON_DEPTH}
