"""The legal act fixtures (``tests.acts.fixtures``), shared with the consultation tests."""

from tests.acts.fixtures import act, draft_version, published_version  # noqa: F401
