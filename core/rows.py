"""Model instances from hand-written SQL, for the few reads every request makes.

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


def fetch(
    model: type[M], sql: str, params: Sequence[Any], *, using: str
) -> list[tuple[M, tuple[Any, ...]]]:
    """Run ``sql``, which selects ``columns(model, …)`` first, and give each row as an
    instance of ``model`` (as the ORM would have loaded it) and the row's further values."""
    connection = connections[using]
    fields = _fields(model)
    width = len(fields)
    converters = _converters(model, using)
    attnames = [field.attname for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    found = []
    for row in rows:
        values = list(row[:width])
        for position, functions, column in converters:
            value = values[position]
            for function in functions:
                value = function(value, column, connection)
            values[position] = value
        found.append((model.from_db(using, attnames, values), tuple(row[width:])))
    return found


@cache
def _insert_sql(model: type[Model], using: str) -> tuple[str, tuple[Any, ...]]:
    fields = tuple(field for field in _fields(model) if not field.primary_key)
    names = ", ".join(quote(using, field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Names quoted from the model; every value is a parameter. PostgreSQL and SQLite
    # (3.35+) both return the new key.
    sql = (
        f"INSERT INTO {table(model, using=using)} ({names}) VALUES ({placeholders}) "  # noqa: S608
        f"RETURNING {quote(using, model._meta.pk.column or 'id')}"
    )
    return sql, fields


def insert(instance: Model, *, using: str) -> None:
    """Store a new instance as ``save(force_insert=True)`` would (its fields' ``pre_save``,
    e.g. ``auto_now_add``, and database preparation), in one statement built once per
    model; no signals are sent. For the rows written on every request (audit events,
    stored answers), whose models have no signal receivers."""
    connection = connections[using]
    sql, fields = _insert_sql(type(instance), using)
    params = [
        field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        (instance.pk,) = cursor.fetchone()
    instance._state.adding = False
    instance._state.db = using
