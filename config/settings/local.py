"""A laptop: DEBUG on, SQLite, tasks inline, e-mail to files (all unless overridden)."""

import os

os.environ.setdefault("DEBUG", "1")

from .base import *  # noqa: F403
