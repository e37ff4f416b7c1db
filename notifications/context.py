"""An event's context as stored (JSON) and as the templates read it.

``datetime`` and ``date`` values are stored tagged and handed back as aware datetimes and
dates; everything else must already be plain JSON data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

_DATETIME = "__datetime__"
_DATE = "__date__"


def encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return {_DATETIME: value.isoformat()}
    if isinstance(value, dt.date):
        return {_DATE: value.isoformat()}
    if isinstance(value, dict):
        return {str(key): encode(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [encode(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(
        f"A notification's context holds plain data, not {type(value).__name__}: "
        "pass names, numbers, dates and lists or dicts of them."
    )


def decode(value: Any) -> Any:
    if isinstance(value, dict):
        if len(value) == 1 and _DATETIME in value:
            return dt.datetime.fromisoformat(value[_DATETIME])
        if len(value) == 1 and _DATE in value:
            return dt.date.fromisoformat(value[_DATE])
        return {key: decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decode(item) for item in value]
    return value
