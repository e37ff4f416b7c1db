"""Who may do what, and when: every consultation and comment operation through the API,
for each persona in each phase (before the start, open, after the end, report published),
with the application clock frozen.

Each case sets the scene once (an open consultation, a draft of ``ngo`` and a comment it
submitted; for the last phase, answered and the report published), then runs every
operation in a savepoint that is rolled back, so each starts from the same state.
"""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from django.db import transaction

from consultations import services
from core.exceptions import ApplicationError
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import AFTER, BEFORE, OPEN, REPORT_PUBLISHED, at, comment_on

pytestmark = pytest.mark.django_db

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
PHASES = [BEFORE, OPEN, AFTER, REPORT_PUBLISHED]
MANAGERS = {"official", "administrator"}
BEFORE_END = {BEFORE, OPEN}
# Who writes a comment of their own: members for their organisation, anyone else with an
# account in their own name (the consultation admits residents), except those who run it.
DRAFTERS = {
    "ngo_member",
    "ngo_representative",
    "other_ngo_representative",
    "resident",
    "other_official",
}
SUBMITTERS = DRAFTERS - {"ngo_member"}


def expected(operation: str, persona: str, phase: str) -> bool:
    return {
        "view consultation": True,
        "list comments": True,
        "view comment": True,
        "view provisions": True,
        "change description": persona in MANAGERS and phase in BEFORE_END,
        "extend": persona in MANAGERS and phase == OPEN,
        "cancel": persona in MANAGERS and phase in BEFORE_END,
        "add meeting": persona in MANAGERS and phase in BEFORE_END,
        "write draft": persona in DRAFTERS and phase in BEFORE_END,
        "write and submit": persona in SUBMITTERS and phase == OPEN,
        "edit draft": persona in {"ngo_member", "ngo_representative"} and phase in BEFORE_END,
        "submit draft": persona == "ngo_representative" and phase == OPEN,
        "edit submitted": persona == "ngo_representative" and phase == OPEN,
        "withdraw": persona == "ngo_representative" and phase == OPEN,
        "hide": persona in MANAGERS,
        "answer": persona in MANAGERS and phase == AFTER,
        "bulk answer": persona in MANAGERS and phase == AFTER,
        "publish report": persona in MANAGERS and phase == AFTER,
        "view report": phase == REPORT_PUBLISHED or (persona in MANAGERS and phase == AFTER),
        "view summary": phase == REPORT_PUBLISHED or (persona in MANAGERS and phase == AFTER),
    }[operation]


ORGANISATION_OF = {
    "ngo_member": "ngo",
    "ngo_representative": "ngo",
    "other_ngo_representative": "other_ngo",
}


def operations(scene):
    client, consultation, draft, comment = (
        scene["client"],
        scene["consultation"],
        scene["draft"],
        scene["comment"],
    )
    base = f"/api/v1/consultations/{consultation.pk}/"
    own = {"organisation": scene["organisation"].pk} if scene["organisation"] else {}
    words = {"proposed_wording": "Nowe brzmienie.", "justification": "Uzasadnienie."}

    def answer_all_first():
        # Publishing needs every comment answered; done by the official where allowed.
        with contextlib.suppress(ApplicationError):  # refused outside the answering phase
            services.answer_give(
                comment=comment,
                actor=scene["official"],
                disposition="accepted",
                justification="Tak.",
            )
        return client.post(base + "report/publish/")

    return {
        "view consultation": lambda: client.get(base),
        "list comments": lambda: client.get(base + "comments/"),
        "view comment": lambda: client.get(f"/api/v1/comments/{comment.pk}/"),
        "view provisions": lambda: client.get(base + "provisions/"),
        "change description": lambda: client.patch(
            base, {"description": "Nowy opis."}, format="json"
        ),
        "extend": lambda: client.post(
            base + "extend/",
            {"ends_at": (consultation.ends_at + dt.timedelta(days=3)).isoformat(), "reason": "Tak"},
            format="json",
        ),
        "cancel": lambda: client.post(base + "cancel/", {"reason": "Błąd"}, format="json"),
        "add meeting": lambda: client.post(
            base + "meetings/",
            {"starts_at": consultation.ends_at.isoformat(), "place": "Sala"},
            format="json",
        ),
        "write draft": lambda: client.post(base + "comments/", {**own, **words}, format="json"),
        "write and submit": lambda: client.post(
            base + "comments/", {**own, **words, "submit": True}, format="json"
        ),
        "edit draft": lambda: client.patch(
            f"/api/v1/comments/{draft.pk}/",
            {"revision": draft.revision, "justification": "Inne."},
            format="json",
        ),
        "submit draft": lambda: client.post(f"/api/v1/comments/{draft.pk}/submit/"),
        "edit submitted": lambda: client.patch(
            f"/api/v1/comments/{comment.pk}/",
            {"revision": comment.revision, "justification": "Inne."},
            format="json",
        ),
        "withdraw": lambda: client.post(f"/api/v1/comments/{comment.pk}/withdraw/"),
        "hide": lambda: client.post(
            f"/api/v1/comments/{comment.pk}/hide/", {"reason": "Obraźliwy"}, format="json"
        ),
        "answer": lambda: client.post(
            f"/api/v1/comments/{comment.pk}/answer/",
            {"disposition": "accepted", "justification": "Tak."},
            format="json",
        ),
        "bulk answer": lambda: client.post(
            base + "answers/bulk/",
            {"comment_ids": [comment.pk], "disposition": "accepted", "justification": "Tak."},
            format="json",
        ),
        "publish report": answer_all_first,
        "view report": lambda: client.get(base + "report.json"),
        "view summary": lambda: client.get(base + "summary/"),
    }


class Rollback(Exception):
    pass


def status_of(operation) -> int:
    status = 0
    try:
        with transaction.atomic():
            status = operation().status_code
            raise Rollback
    except Rollback:
        pass
    return status


@pytest.fixture
def scene_for(
    request, api_as, consultation, provisions, official, ngo, ngo_member, ngo_representative
):
    def make(persona: str, phase: str):
        draft = comment_on(consultation, ngo_member, organisation=ngo, provision=provisions[3])
        comment = comment_on(
            consultation, ngo_representative, organisation=ngo, provision=provisions[4], submit=True
        )
        if phase == REPORT_PUBLISHED:
            with at(consultation, AFTER):
                services.answer_give(
                    comment=comment, actor=official, disposition="accepted", justification="Tak."
                )
                services.report_publish(consultation=consultation, actor=official)
        user = request.getfixturevalue(persona)
        organisation = ORGANISATION_OF.get(persona)
        return {
            "client": api_as(user),
            "consultation": consultation,
            "draft": draft,
            "comment": comment,
            "official": official,
            "organisation": request.getfixturevalue(organisation) if organisation else None,
        }

    return make


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_the_permission_matrix(scene_for, persona, phase):
    # Every persona exists in every case, so that each sees the same organisations.
    scene = scene_for(persona, phase)
    clock_phase = AFTER if phase == REPORT_PUBLISHED else phase
    with at(scene["consultation"], clock_phase):
        outcomes = {name: status_of(run) for name, run in operations(scene).items()}

    wrong = {
        name: status
        for name, status in outcomes.items()
        if (200 <= status < 300) != expected(name, persona, phase)
    }
    assert wrong == {}, f"{persona} {phase}: unexpected statuses {wrong}"
    refused = {status for name, status in outcomes.items() if not 200 <= status < 300}
    assert refused <= {400, 401, 403, 404, 409}
    if persona == "anonymous":
        assert refused <= {401, 404}
