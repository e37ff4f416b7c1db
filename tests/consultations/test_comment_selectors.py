"""Comment lists load what they show, not the act's whole text with every row."""

import pytest

from consultations import selectors
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import submitted

pytestmark = pytest.mark.django_db


def test_a_comment_list_does_not_carry_the_acts_source_text(
    consultation, ngo, ngo_representative, anonymous, provisions
):
    submitted(consultation, ngo_representative, ngo, provision=provisions[0])
    (comment,) = selectors.comment_list_for(viewer=anonymous, consultation=consultation)
    deferred = comment.consultation.version.get_deferred_fields()
    assert {"source_text", "warnings"} <= deferred
    # What the lists do show is there without further queries.
    assert comment.consultation.version.act.department.authority.code
