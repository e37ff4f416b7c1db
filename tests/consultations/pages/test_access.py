"""Who reaches which consultation page in which phase: every page, every persona, the four
phases (before, open, after, report published), with the application clock frozen.

200: the page; 302: to log in (the public) or back with a message (the phase does not allow
it); 404: not found or not allowed, which look the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.urls import reverse
from django.utils import timezone

from acts import services as act_services
from consultations import services
from tests.acts.texts import SAMPLE_ACT_V2
from tests.consultations.pages.conftest import PERSONAS, PHASES, REPORT_PUBLISHED, Scene, in_phase
from tests.consultations.scenes import AFTER, BEFORE, OPEN

pytestmark = pytest.mark.django_db

MANAGERS = {"official", "administrator"}
NGO = {"ngo_member", "ngo_representative"}
# Who may start a comment: members of a verified organisation, and residents (here the
# audience allows them) who do not run the consultation.
COMMENTERS = {"resident", "ngo_member", "ngo_representative", "other_ngo_representative"} | {
    "other_official"
}
BEFORE_END = {BEFORE, OPEN}
ENDED = {AFTER, REPORT_PUBLISHED}


def _public(persona: str, phase: str) -> int:
    return 200


def _report(persona: str, phase: str) -> int:
    if phase == REPORT_PUBLISHED:
        return 200
    return 200 if phase == AFTER and persona in MANAGERS else 404


def _summary(persona: str, phase: str) -> int:
    return 200 if phase == REPORT_PUBLISHED else 404


def _comment_create(persona: str, phase: str) -> int:
    if persona not in COMMENTERS:
        return 404
    return 200 if phase in BEFORE_END else 302


def _comment_edit(persona: str, phase: str) -> int:
    if persona not in NGO:
        return 404
    return 200 if phase in BEFORE_END else 302


def _receipt(persona: str, phase: str) -> int:
    return 200 if persona in NGO else 404


def _withdraw(persona: str, phase: str) -> int:
    if persona not in NGO:
        return 404
    if phase != OPEN:
        return 302
    return 200 if persona == "ngo_representative" else 404


def _signed_in(persona: str, phase: str) -> int:
    return 200


def _managers(persona: str, phase: str) -> int:
    return 200 if persona in MANAGERS else 404


def _managers_when(phases: set[str]) -> Callable[[str, str], int]:
    def expected(persona: str, phase: str) -> int:
        if persona not in MANAGERS:
            return 404
        return 200 if phase in phases else 302

    return expected


def _managers_redirected(persona: str, phase: str) -> int:
    return 302 if persona in MANAGERS else 404


PAGES: dict[str, tuple[Callable[[Scene], str], Callable[[str, str], int], bool]] = {
    # name: (url, expected status, login required)
    "list": (lambda scene: reverse("consultations:list"), _public, False),
    "detail": (
        lambda scene: reverse("consultations:detail", args=[scene.consultation.pk]),
        _public,
        False,
    ),
    "report": (
        lambda scene: reverse("consultations:report", args=[scene.consultation.pk]),
        _report,
        False,
    ),
    "summary": (
        lambda scene: reverse("consultations:summary", args=[scene.consultation.pk]),
        _summary,
        False,
    ),
    "comment_create": (
        lambda scene: (
            reverse("consultations:comment_create", args=[scene.consultation.pk])
            + f"?provision={scene.provision('§ 3').pk}"
        ),
        _comment_create,
        True,
    ),
    "comment_edit": (
        lambda scene: reverse("consultations:comment_edit", args=[scene.draft.pk]),
        _comment_edit,
        True,
    ),
    "comment_receipt": (
        lambda scene: reverse("consultations:comment_receipt", args=[scene.submitted.pk]),
        _receipt,
        True,
    ),
    "comment_withdraw": (
        lambda scene: reverse("consultations:comment_withdraw", args=[scene.submitted.pk]),
        _withdraw,
        True,
    ),
    "my_comments": (lambda scene: reverse("consultations:my_comments"), _signed_in, True),
    "create": (
        lambda scene: reverse("consultations:create") + f"?version={scene.consultation.version_id}",
        _managers,
        True,
    ),
    "edit": (
        lambda scene: reverse("consultations:edit", args=[scene.consultation.pk]),
        _managers_when(BEFORE_END),
        True,
    ),
    "schedule": (
        lambda scene: reverse("consultations:schedule", args=[scene.consultation.pk]),
        _managers_redirected,  # it is scheduled already
        True,
    ),
    "extend": (
        lambda scene: reverse("consultations:extend", args=[scene.consultation.pk]),
        _managers_when({OPEN}),
        True,
    ),
    "cancel": (
        lambda scene: reverse("consultations:cancel", args=[scene.consultation.pk]),
        _managers_when(BEFORE_END),
        True,
    ),
    "answers": (
        lambda scene: reverse("consultations:answers", args=[scene.consultation.pk]),
        _managers,
        True,
    ),
    "answer": (
        lambda scene: reverse("consultations:answer", args=[scene.submitted.pk]),
        _managers,
        True,
    ),
    "publish_report": (
        lambda scene: reverse("consultations:publish_report", args=[scene.consultation.pk]),
        _managers_when({AFTER}),
        True,
    ),
    "comment_hide": (
        lambda scene: reverse("consultations:comment_hide", args=[scene.submitted.pk]),
        _managers,
        True,
    ),
}


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("page", list(PAGES))
def test_each_persona_reaches_the_page_as_its_role_and_the_phase_allow(
    request, login, scene, official, page, phase
):
    url_of, expected, login_required = PAGES[page]
    url = url_of(scene)
    mismatches = []
    with in_phase(scene, phase, official):
        for persona in PERSONAS:
            user = request.getfixturevalue(persona)
            response = login(user).get(url)
            want = 302 if persona == "anonymous" and login_required else expected(persona, phase)
            if response.status_code != want:
                mismatches.append(f"{persona}: {response.status_code}, expected {want}")
            elif want == 302 and persona == "anonymous":
                assert reverse("accounts:login") in response["Location"]
    assert not mismatches, f"{page} in phase {phase}: " + "; ".join(mismatches)


def test_a_draft_consultation_is_a_404_for_everyone_but_its_department(
    login, official, other_official, administrator, ngo_representative, published_version
):
    draft = services.consultation_create(
        actor=official,
        version=published_version,
        title="Szkic",
        starts_at=timezone.now() + dt.timedelta(days=10),
        ends_at=timezone.now() + dt.timedelta(days=30),
    )
    url = reverse("consultations:detail", args=[draft.pk])
    assert login(None).get(url).status_code == 404
    assert login(ngo_representative).get(url).status_code == 404
    assert login(other_official).get(url).status_code == 404
    assert login(official).get(url).status_code == 200
    assert login(administrator).get(url).status_code == 200
    schedule = reverse("consultations:schedule", args=[draft.pk])
    assert login(official).get(schedule).status_code == 200
    assert login(other_official).get(schedule).status_code == 404


def test_a_comment_form_for_a_provision_of_another_version_is_a_404(
    login, scene, ngo_representative, act, official
):
    other = act_services.version_publish(
        version=act_services.version_create(act=act, actor=official, text=SAMPLE_ACT_V2),
        actor=official,
    )
    url = reverse("consultations:comment_create", args=[scene.consultation.pk])
    response = login(ngo_representative).get(url, {"provision": other.provisions.first().pk})
    assert response.status_code == 404
