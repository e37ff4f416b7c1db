"""The legal act the consultations run on (``tests.acts.fixtures``)."""

from tests.acts.fixtures import act, draft_version, published_version  # noqa: F401
