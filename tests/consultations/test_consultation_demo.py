"""The demo consultations: closed with a published report, open with comments of two
organisations and a resident (one hidden), and one starting next week; seeding twice adds
nothing."""

from io import StringIO

import pytest

from acts.demo import seed_acts
from consultations import selectors
from consultations.demo import (
    CLOSED_TITLE,
    OPEN_TITLE,
    SCHEDULED_TITLE,
    seed_consultations,
)
from consultations.models import Comment, Consultation, ConsultationPhase

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(
    department,
    official,
    ngo,
    other_ngo,
    ngo_representative,
    other_ngo_representative,
    ngo_member,
    resident,
):
    seed_acts(StringIO(), department=department, actor=official)

    def seed():
        return seed_consultations(
            StringIO(),
            department=department,
            official=official,
            organisations=[ngo, other_ngo],
            representatives=[ngo_representative, other_ngo_representative],
            members=[ngo_member],
            resident=resident,
        )

    return seed


def test_the_demo_has_a_closed_an_open_and_a_scheduled_consultation(seeded, ngo, other_ngo):
    created = seeded()

    phases = {consultation.title: consultation.phase for consultation in created}
    assert phases == {
        CLOSED_TITLE: ConsultationPhase.REPORT_PUBLISHED,
        OPEN_TITLE: ConsultationPhase.OPEN,
        SCHEDULED_TITLE: ConsultationPhase.SCHEDULED,
    }
    closed = Consultation.objects.get(title=CLOSED_TITLE)
    assert selectors.answer_progress(consultation=closed).complete
    assert all(c.submitted_at <= closed.ends_at for c in closed.comments.all())
    assert selectors.consultation_outcome_summary(consultation=closed).next_version_number == 2

    opened = Consultation.objects.get(title=OPEN_TITLE)
    submitted = opened.comments.filter(status="submitted")
    assert {c.organisation_id for c in submitted} == {ngo.pk, other_ngo.pk, None}
    assert submitted.filter(hidden_at__isnull=False).count() == 1
    assert submitted.filter(provision__isnull=True).exists()
    on_one_provision = [c.provision_id for c in submitted if c.provision_id]
    assert len(on_one_provision) > len(set(on_one_provision))  # several on the same one
    assert opened.comments.filter(status="draft").count() == 1
    assert opened.meetings.count() == 1


def test_seeding_twice_adds_nothing(seeded):
    seeded()
    counts = (Consultation.objects.count(), Comment.objects.count())
    assert seeded() == []
    assert (Consultation.objects.count(), Comment.objects.count()) == counts
