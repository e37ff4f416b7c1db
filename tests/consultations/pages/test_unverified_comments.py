"""Commenting needs a confirmed e-mail address (``accounts.permissions.has_verified_email``):
writing or submitting a comment, by service, page and API, is refused with the message
that says how to get the link."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.exceptions import EmailNotVerified
from consultations import services
from consultations.models import Comment, CommentStatus
from tests.accounts.pages.helpers import polish

pytestmark = pytest.mark.django_db


def unconfirm(user) -> None:
    user.email_verified_at = None
    user.save(update_fields=["email_verified_at"])


def test_an_unverified_resident_cannot_write_a_comment(scene, resident):
    unconfirm(resident)
    before = Comment.objects.count()

    with pytest.raises(EmailNotVerified):
        services.comment_create(
            consultation=scene.consultation, actor=resident, justification="Za ogólny."
        )
    assert Comment.objects.count() == before


def test_an_unverified_representative_cannot_submit_a_members_draft(scene, ngo_representative):
    unconfirm(ngo_representative)

    with pytest.raises(EmailNotVerified):
        services.comment_submit(comment=scene.draft, actor=ngo_representative)
    scene.draft.refresh_from_db()
    assert scene.draft.status == CommentStatus.DRAFT


def test_an_unverified_resident_is_refused_by_the_api_with_the_message(api_as, scene, resident):
    unconfirm(resident)
    before = Comment.objects.count()

    response = api_as(resident).post(
        f"/api/v1/consultations/{scene.consultation.pk}/comments/",
        {"justification": "Za ogólny.", "submit": True},
        format="json",
    )

    assert response.status_code == 403
    assert response.json()["code"] == "email_not_verified"
    assert response.json()["message"] == polish(EmailNotVerified.default_message)
    assert Comment.objects.count() == before


def test_an_unverified_representative_cannot_submit_by_api(api_as, scene, ngo_representative):
    unconfirm(ngo_representative)

    response = api_as(ngo_representative).post(f"/api/v1/comments/{scene.draft.pk}/submit/")

    assert response.status_code == 403
    assert response.json()["code"] == "email_not_verified"


def test_an_unverified_resident_sees_the_message_on_the_comment_page(login, scene, resident):
    unconfirm(resident)
    before = Comment.objects.count()

    response = login(resident).post(
        reverse("consultations:comment_create", args=[scene.consultation.pk]),
        {
            "organisation": "own",
            "proposed_wording": "",
            "justification": "Program powinien obejmować sport.",
            "action": "submit",
        },
    )

    assert response.status_code == 200
    assert polish(EmailNotVerified.default_message) in response.text
    assert Comment.objects.count() == before


def test_an_unverified_representative_sees_the_message_when_submitting_a_draft(
    login, scene, ngo_representative
):
    unconfirm(ngo_representative)

    response = login(ngo_representative).post(
        reverse("consultations:comment_submit", args=[scene.draft.pk]), follow=True
    )

    assert polish(EmailNotVerified.default_message) in response.text
    scene.draft.refresh_from_db()
    assert scene.draft.status == CommentStatus.DRAFT
