"""The admin: minimum durations are edited there; comments are hidden, shown and answered
through actions that call the services."""

import pytest

from consultations.models import Answer, Comment, MinimumDuration
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import AFTER, at, submitted

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/consultations/comment/"


def test_an_administrator_hides_a_comment_with_a_reason_and_answers_it(
    client, administrator, consultation, ngo, ngo_representative
):
    comment = submitted(consultation, ngo_representative, ngo)
    client.force_login(administrator)

    step = client.post(CHANGELIST, {"action": "hide_selected", "_selected_action": [comment.pk]})
    assert step.status_code == 200
    assert b'name="reason"' in step.content
    client.post(
        CHANGELIST,
        {
            "action": "hide_selected",
            "_selected_action": [comment.pk],
            "apply": "1",
            "reason": "Dane osobowe",
        },
    )
    comment.refresh_from_db()
    assert comment.hidden_reason == "Dane osobowe"

    with at(consultation, AFTER):
        client.post(
            CHANGELIST,
            {
                "action": "answer_selected",
                "_selected_action": [comment.pk],
                "apply": "1",
                "disposition": "not_applicable",
                "justification": "Nie dotyczy projektu.",
            },
        )
    assert Answer.objects.get(comment=comment).disposition == "not_applicable"
    assert client.get(CHANGELIST).status_code == 200
    assert (
        client.get(f"/admin/consultations/consultation/{consultation.pk}/change/").status_code
        == 200
    )


def test_refusals_are_shown_as_messages(
    client, administrator, consultation, ngo, ngo_representative
):
    comment = submitted(consultation, ngo_representative, ngo)
    client.force_login(administrator)
    response = client.post(
        CHANGELIST,
        {
            "action": "answer_selected",
            "_selected_action": [comment.pk],
            "apply": "1",
            "disposition": "accepted",
            "justification": "Tak",
        },
        follow=True,
    )
    assert not Answer.objects.exists()  # the consultation is still open
    levels = [message.level_tag for message in response.context["messages"]]
    assert levels == ["error"]
    assert Comment.objects.get().hidden_at is None


def test_minimum_durations_are_edited_in_the_admin(client, administrator):
    client.force_login(administrator)
    response = client.post(
        "/admin/consultations/minimumduration/add/",
        {"act_type": "programme", "days": "21", "working_days": "on"},
    )
    assert response.status_code == 302
    assert MinimumDuration.objects.get().working_days is True
