"""Move the tokens of DRF's ``rest_framework.authtoken`` (one per user, never expiring,
the key stored as it is) to ``ApiToken``: the key hashed, expiring ``API_TOKEN_TTL_DAYS``
from now, so the clients using them keep working until then. Then DRF's table and its
migration records go: the app is no longer installed.

On a database that never had DRF's table (a fresh one) this does nothing. It cannot be
undone: the keys are no longer known.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, timedelta
from typing import Any

from django.conf import settings
from django.db import migrations
from django.utils import timezone
from django.utils.dateparse import parse_datetime

DRF_TOKEN_TABLE = "authtoken_token"
PREFIX_LENGTH = 8  # accounts.api_tokens.PREFIX_LENGTH when this was written


def move_drf_tokens(apps: Any, schema_editor: Any) -> None:
    connection = schema_editor.connection
    if DRF_TOKEN_TABLE not in connection.introspection.table_names():
        return
    api_token = apps.get_model("accounts", "ApiToken")
    now = timezone.now()
    expires_at = now + timedelta(days=settings.API_TOKEN_TTL_DAYS)
    table = connection.ops.quote_name(DRF_TOKEN_TABLE)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, user_id, created FROM {table}")  # noqa: S608
        found = cursor.fetchall()
    tokens = []
    for key, user_id, created in found:
        if isinstance(created, str):  # SQLite gives text
            created = parse_datetime(created)
        if created is not None and timezone.is_naive(created):
            created = timezone.make_aware(created, UTC)
        tokens.append(
            api_token(
                user_id=user_id,
                label="",
                key_hash=hashlib.sha256(key.encode()).hexdigest(),
                prefix=key[:PREFIX_LENGTH],
                created_at=created or now,
                expires_at=expires_at,
            )
        )
    api_token.objects.bulk_create(tokens)
    schema_editor.execute(f"DROP TABLE {table}")
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {connection.ops.quote_name('django_migrations')} WHERE app = %s",
            ["authtoken"],
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_api_token")]

    operations = [migrations.RunPython(move_drf_tokens, migrations.RunPython.noop)]
