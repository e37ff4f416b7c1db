"""A real Celery worker whose first document rendering announces itself and waits, for
the kill-the-worker test (``test_document_worker_killed.py``); nothing of it is in the
application's code.

``python -m tests.integration.slow_render_worker -A config worker …`` takes the arguments
of ``celery``. The first rendering in any of its processes writes its process id to the
file named by ``SLOW_RENDER_MARKER`` (once: the file is then there) and sleeps
``SLOW_RENDER_SECONDS`` before rendering, while its document is "rendering"; every later
rendering runs at once.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any


def main() -> None:
    import django

    django.setup()
    from documents import services

    render = services.render_pdf
    marker = Path(os.environ["SLOW_RENDER_MARKER"])
    pause = float(os.environ.get("SLOW_RENDER_SECONDS", "120"))

    def announce_and_wait_then_render(html: str) -> Any:
        if not marker.exists():
            written = marker.with_suffix(".tmp")
            written.write_text(str(os.getpid()))
            written.replace(marker)
            time.sleep(pause)
        return render(html)

    services.render_pdf = announce_and_wait_then_render  # type: ignore[assignment]

    from celery.bin.celery import main as celery

    sys.argv = ["celery", *sys.argv[1:]]
    celery()


if __name__ == "__main__":
    main()
