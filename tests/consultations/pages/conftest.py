"""The consultation pages' scene: the consultation of ``tests.consultations.scenes`` (open
since yesterday, for organisations and residents, comments public at once) with a
submitted comment of ``ngo`` on § 1 ust. 2 pkt 1, a draft of ``ngo`` on § 2 and a resident's
comment on the act as a whole.

Phases as the tests name them: before (the application clock an hour before the start),
open (now), after (an hour after the end), report_published (the report published after
the end, every comment answered).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
import time_machine
from django.utils import translation
from django.utils.html import escape

from acts.models import Provision
from consultations import services
from consultations.models import Answer, Comment, CommentAttachment, Consultation, Disposition
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import AFTER, BEFORE, OPEN, at, comment_on, submitted

REPORT_PUBLISHED = "report_published"
PHASES = [BEFORE, OPEN, AFTER, REPORT_PUBLISHED]
PERSONAS = [
    "anonymous",
    "resident",
    "ngo_member",
    "ngo_representative",
    "other_ngo_representative",
    "official",
    "other_official",
    "administrator",
]


@dataclass
class Scene:
    consultation: Consultation
    provisions: list[Provision]
    submitted: Comment
    draft: Comment
    resident_comment: Comment

    def provision(self, label: str) -> Provision:
        return next(provision for provision in self.provisions if provision.label == label)


@pytest.fixture
def scene(consultation, provisions, ngo, ngo_representative, ngo_member, resident) -> Scene:
    by_label = {provision.label: provision for provision in provisions}
    return Scene(
        consultation=consultation,
        provisions=provisions,
        submitted=submitted(
            consultation,
            ngo_representative,
            ngo,
            by_label["§ 1 ust. 2 pkt 1"],
            proposed_wording="konsultacje aktów prawa miejscowego i programów;",
            justification="Programy też wymagają konsultacji.",
        ),
        draft=comment_on(
            consultation,
            ngo_member,
            organisation=ngo,
            provision=by_label["§ 2"],
            proposed_wording="Wykonanie uchwały powierza się Burmistrzowi.",
        ),
        resident_comment=comment_on(
            consultation,
            resident,
            proposed_wording="",
            justification="Cały program jest zbyt ogólny.",
            submit=True,
        ),
    )


def publish_report(scene: Scene, official) -> None:
    """Answer every submitted comment and publish the report (after the end)."""
    with at(scene.consultation, AFTER):
        for comment in (scene.submitted, scene.resident_comment):
            services.answer_give(
                comment=comment,
                actor=official,
                disposition=Disposition.PARTLY_ACCEPTED,
                justification="Uwzględniono częściowo.",
            )
        services.report_publish(consultation=scene.consultation, actor=official)


@contextmanager
def in_phase(scene: Scene, phase: str, official) -> Iterator[dt.datetime]:
    """The application clock in ``phase``; for report_published the report is published
    first and the clock stays after the end."""
    if phase == REPORT_PUBLISHED:
        publish_report(scene, official)
        phase = AFTER
    with at(scene.consultation, phase) as moment:
        yield moment


@contextmanager
def frozen(moment: dt.datetime) -> Iterator[None]:
    with time_machine.travel(moment, tick=False):
        yield


@pytest.fixture
def login(client):
    """``login(user)``: the Django test client as that user (the public with None)."""

    def make(user=None):
        client.logout()
        if user is not None and user.is_authenticated:
            client.force_login(user)
        return client

    return make


def translated(response, text: str) -> str:
    """``text`` as the page shows it: in the page's language, HTML-escaped."""
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        return escape(translation.gettext(text))


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def answer_and_attach(comments, *, answered_by, at, attach_every: int) -> None:
    """Bulk data for the query counts: every fourth comment answered, every
    ``attach_every``-th with an attachment."""
    Answer.objects.bulk_create(
        Answer(
            comment=comment,
            disposition=Disposition.ACCEPTED,
            justification="Tak.",
            answered_by=answered_by,
            answered_at=at,
        )
        for comment in comments[::4]
    )
    CommentAttachment.objects.bulk_create(
        CommentAttachment(
            comment=comment, file="comments/x.pdf", name="x.pdf", content_type="", size=10
        )
        for comment in comments[::attach_every]
    )
