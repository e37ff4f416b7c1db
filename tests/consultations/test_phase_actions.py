"""Which phase allows which action is one table, ``Consultation.ACTIONS``: the services
refuse what it does not list, and the consultation page offers the officials what it
lists, in every phase."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from consultations import services
from consultations.models import Consultation, ConsultationAction, ConsultationPhase
from core.exceptions import ApplicationError
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import AFTER, BEFORE, OPEN, at, comment_on
from tests.pdf import minimal_pdf

pytestmark = pytest.mark.django_db

Action = ConsultationAction
PHASES = [phase.value for phase in ConsultationPhase]


def test_the_table_names_every_phase_and_only_actions():
    assert set(Consultation.ACTIONS) == set(PHASES)
    assert all(
        isinstance(action, ConsultationAction)
        for actions in Consultation.ACTIONS.values()
        for action in actions
    )
    # Nothing changes once the end has passed but the answers and the report.
    assert Consultation.ACTIONS[ConsultationPhase.CLOSED] == {
        Action.ANSWER,
        Action.REVIEW_ANSWERS,
        Action.PUBLISH_REPORT,
    }
    assert set(Consultation.EDITABLE_FIELDS) == {
        phase for phase, actions in Consultation.ACTIONS.items() if Action.EDIT in actions
    }


@contextlib.contextmanager
def in_phase(consultation, phase: str, official):
    """``consultation`` (scheduled, open now) brought into ``phase``, the application clock
    frozen in it."""
    if phase == ConsultationPhase.DRAFT:
        Consultation.objects.filter(pk=consultation.pk).update(status="draft")
    elif phase == ConsultationPhase.CANCELLED:
        services.consultation_cancel(consultation=consultation, actor=official, reason="Błąd")
    elif phase == ConsultationPhase.REPORT_PUBLISHED:
        with at(consultation, AFTER):
            services.report_publish(consultation=consultation, actor=official)
    consultation.refresh_from_db()
    clock = {ConsultationPhase.SCHEDULED: BEFORE, ConsultationPhase.OPEN: OPEN}.get(phase, AFTER)
    if phase in (ConsultationPhase.DRAFT, ConsultationPhase.CANCELLED):
        clock = OPEN
    with at(consultation, clock) as moment:
        assert consultation.phase_at(moment) == phase
        yield moment


def attempts(consultation, official, ngo, ngo_representative):
    """One service call per action; each is run in a transaction rolled back."""

    def edit():
        services.consultation_update(
            consultation=consultation, actor=official, description="Nowy opis."
        )

    def attach():
        services.consultation_attachment_add(
            consultation=consultation,
            actor=official,
            uploaded_file=SimpleUploadedFile("a.pdf", minimal_pdf("a")),
        )

    return {
        Action.EDIT: edit,
        Action.EXTEND: lambda: services.consultation_extend(
            consultation=consultation,
            actor=official,
            ends_at=consultation.ends_at + dt.timedelta(days=7),
            reason="Więcej czasu.",
        ),
        Action.CANCEL: lambda: services.consultation_cancel(
            consultation=consultation, actor=official, reason="Błąd"
        ),
        Action.ADD_MEETING: lambda: services.meeting_add(
            consultation=consultation,
            actor=official,
            starts_at=consultation.ends_at,
            place="Sala",
            notes="",
        ),
        Action.ATTACH: attach,
        Action.WRITE_COMMENT: lambda: comment_on(
            consultation, ngo_representative, organisation=ngo
        ),
        Action.SUBMIT_COMMENT: lambda: comment_on(
            consultation, ngo_representative, organisation=ngo, submit=True
        ),
        Action.PUBLISH_REPORT: lambda: services.report_publish(
            consultation=consultation, actor=official
        ),
    }


class Rollback(Exception):
    pass


def succeeds(attempt) -> bool:
    try:
        with transaction.atomic():
            attempt()
            raise Rollback
    except Rollback:
        return True
    except ApplicationError:
        return False


@pytest.mark.parametrize("phase", PHASES)
def test_the_services_do_what_the_table_allows_and_refuse_the_rest(
    consultation, official, ngo, ngo_representative, phase
):
    with in_phase(consultation, phase, official):
        outcomes = {
            action: succeeds(attempt)
            for action, attempt in attempts(consultation, official, ngo, ngo_representative).items()
        }
    allowed = Consultation.ACTIONS[phase]
    assert {action for action, done in outcomes.items() if done} == set(outcomes) & allowed


BUTTONS = {
    Action.EDIT: "consultations:edit",
    Action.SCHEDULE: "consultations:schedule",
    Action.EXTEND: "consultations:extend",
    Action.REVIEW_ANSWERS: "consultations:answers",
    Action.PUBLISH_REPORT: "consultations:publish_report",
    Action.CANCEL: "consultations:cancel",
}


@pytest.mark.parametrize("phase", PHASES)
def test_the_page_offers_the_officials_what_the_table_allows(client, consultation, official, phase):
    client.force_login(official)
    with in_phase(consultation, phase, official):
        html = client.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    offered = {
        action
        for action, name in BUTTONS.items()
        if f'href="{reverse(name, args=[consultation.pk])}"' in html
    }
    assert offered == set(BUTTONS) & Consultation.ACTIONS[phase]
