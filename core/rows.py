"""Model instances from hand-written SQL, for the consultation every comment endpoint
reads (``consultation_for_comments``): measured against the ORM, the only such read that
pays (benchmarks/README.md, "The shortcuts measured").

``Model.objects.raw()`` works out, for every query anew, which column is which field and how
to convert it; on the busiest endpoints that cost more than the query. Here a model's
column list and converters are worked out once per database, and the SQL selects the
model's columns in that order (``columns``), then any extra values.

Names in the SQL come from the models (``quote``); every value is a parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, TypeVar

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

M = TypeVar("M", bound=Model)
N = TypeVar("N", bound=Model)
Converter = Callable[[Any, Any, BaseDatabaseWrapper], Any]


@cache
def _fields(model: type[Model]) -> tuple[Any, ...]:
    return tuple(model._meta.concrete_fields)


def quote(using: str, name: str) -> str:
    return connections[using].ops.quote_name(name)


def columns(model: type[Model], alias: str, *, using: str) -> str:
    """The model's columns as ``alias."column", …``, in the order ``fetch`` reads them."""
    return ", ".join(f"{alias}.{quote(using, field.column)}" for field in _fields(model))


def table(model: type[Model], *, using: str) -> str:
    return quote(using, model._meta.db_table)


ColumnConverters = tuple[tuple[int, tuple[Converter, ...], Any], ...]


@cache
def _converters(model: type[Model], using: str) -> ColumnConverters:
    """What the ORM's compiler would apply to each column of the model, by position."""
    connection = connections[using]
    found = []
    for position, field in enumerate(_fields(model)):
        column = field.get_col(model._meta.db_table)
        converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if converters:
            found.append((position, tuple(converters), column))
    return tuple(found)


def _instance(model: type[M], row: Sequence[Any], *, using: str) -> M:
    """``row``'s first values, the model's columns in ``columns`` order, as an instance."""
    connection = connections[using]
    fields = _fields(model)
    values = list(row[: len(fields)])
    for position, functions, column in _converters(model, using):
        value = values[position]
        for function in functions:
            value = function(value, column, connection)
        values[position] = value
    return model.from_db(using, [field.attname for field in fields], values)


def fetch(
    model: type[M], sql: str, params: Sequence[Any], *, using: str
) -> list[tuple[M, tuple[Any, ...]]]:
    """Run ``sql``, which selects ``columns(model, …)`` first, and give each row as an
    instance of ``model`` (as the ORM would have loaded it) and the row's further values."""
    width = len(_fields(model))
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [(_instance(model, row, using=using), tuple(row[width:])) for row in rows]


def fetch_pairs(
    first: type[M], second: type[N], sql: str, params: Sequence[Any], *, using: str
) -> list[tuple[M, N]]:
    """Run ``sql``, which selects ``columns(first, …)`` then ``columns(second, …)``, and
    give each row as an instance of each model."""
    width = len(_fields(first))
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [
        (_instance(first, row, using=using), _instance(second, row[width:], using=using))
        for row in rows
    ]
