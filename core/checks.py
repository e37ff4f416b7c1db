"""Start-up checks of the file storage settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@register()
def accel_redirect_needs_files_on_disk(app_configs: Any, **kwargs: Any) -> list[Error]:
    """``X-Accel-Redirect`` hands a download to the front server, which reads the file from
    a disk it shares with the web process; with files in a private bucket it would answer
    404 for every download (or need the bucket made readable, which it must not be)."""
    if settings.STORAGE_BACKEND != "filesystem" and settings.FILES_ACCEL_REDIRECT_PREFIX:
        return [
            Error(
                "FILES_ACCEL_REDIRECT_PREFIX is set but files are stored in an S3-compatible "
                f"bucket (STORAGE_BACKEND={settings.STORAGE_BACKEND}): the front server "
                "cannot send them.",
                hint="Leave FILES_ACCEL_REDIRECT_PREFIX empty: the web process then streams "
                "each download from the bucket after the permission check.",
                id="core.E001",
            )
        ]
    return []
