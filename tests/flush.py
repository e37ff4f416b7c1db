"""A faster end for the tests that commit (browser tests, races, the real worker's tests).

Django empties the database after each such test with one ``TRUNCATE`` of every table,
which on PostgreSQL makes new files for each table and index: seconds per test with this
many tables. Those tests leave a few rows, so ``DELETE`` is far cheaper; Django's foreign
keys on PostgreSQL are ``DEFERRABLE INITIALLY DEFERRED``, so the order does not matter inside
the flush's transaction. A table with triggers of its own (the audit log refuses ``DELETE``:
it is append-only) is truncated instead, in one statement. Content types and permissions
are kept (the ``post_migrate`` that follows each flush would make them again, the same),
which also spares that work. A flush that must reset sequences keeps Django's ``TRUNCATE``.
"""

from __future__ import annotations

from typing import Any

KEPT = frozenset({"django_content_type", "auth_permission"})


def use_delete_for_postgresql_flush() -> None:
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush
    if getattr(truncate, "deletes", False):
        return

    def sql_flush(
        self: Any,
        style: Any,
        tables: list[str],
        *,
        reset_sequences: bool = False,
        allow_cascade: bool = False,
    ) -> list[str]:
        if reset_sequences:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " WHERE NOT t.tgisinternal"
            )
            triggered = {name for (name,) in cursor.fetchall()}
        truncated = [table for table in tables if table in triggered]
        statements = ["SET CONSTRAINTS ALL DEFERRED;"]
        if truncated:
            statements.append(f"TRUNCATE {', '.join(map(self.quote_name, truncated))};")
        return statements + [
            f"DELETE FROM {self.quote_name(table)};"
            for table in tables
            if table not in KEPT and table not in triggered
        ]

    sql_flush.deletes = True  # type: ignore[attr-defined]
    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign,assignment]
