"""Case-insensitive matching that folds Polish letters on every backend.

SQLite's ``LIKE`` and ``lower()`` fold only ASCII letters, so ``title__icontains="żołnierzy"``
misses "Żołnierzy" there while PostgreSQL (``UPPER(…) LIKE UPPER(…)``) finds it. On
SQLite the ``icontains`` and ``iexact`` lookups of every field are replaced by ones that
compare Python's ``str.casefold`` of both sides (a function registered on each new SQLite
connection); on other backends they are Django's own. Every search box (acts,
consultations, organisations, the API's filters and the admin's search) goes through these
lookups, so this is their one home.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.db.models import Field
from django.db.models.lookups import BuiltinLookup, IContains, IExact

# The SQL name of the function registered on SQLite connections.
CASEFOLD_FUNCTION = "py_casefold"


def _casefold(value: Any) -> str | None:
    return None if value is None else str(value).casefold()


def register_casefold(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """On a new SQLite connection, make ``py_casefold(text)`` available to SQL."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(CASEFOLD_FUNCTION, 1, _casefold, deterministic=True)


class _FoldingOnSQLite(BuiltinLookup):
    """On SQLite, ``py_casefold(column) LIKE py_casefold(pattern)``: Django prepared the
    pattern (wildcards escaped, ``%`` around it for ``icontains``)."""

    def as_sqlite(self, compiler: Any, connection: BaseDatabaseWrapper) -> tuple[str, Any]:
        if not self.rhs_is_direct_value():
            # Matching another column (never done by a search box): Django's own.
            return self.as_sql(compiler, connection)
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        sql = f"{CASEFOLD_FUNCTION}({lhs_sql}) LIKE {CASEFOLD_FUNCTION}({rhs_sql}) ESCAPE '\\'"
        return sql, (*lhs_params, *rhs_params)


class FoldingIContains(_FoldingOnSQLite, IContains):
    """``icontains`` that folds every letter's case on SQLite, not only ASCII ones."""


class FoldingIExact(_FoldingOnSQLite, IExact):
    """``iexact`` that folds every letter's case on SQLite (a city "ŁÓDŹ" is "Łódź")."""


def install() -> None:
    """Called once when the apps are ready."""
    connection_created.connect(register_casefold, dispatch_uid="core.lookups.casefold")
    Field.register_lookup(FoldingIContains)
    Field.register_lookup(FoldingIExact)
