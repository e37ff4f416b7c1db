"""The official's consultation pages: the editor, schedule, extend, cancel, moderation,
the answer table (one by one, in bulk, conflicts), publishing the report; and what the
public reads: the detail page's dates and comments, the report and the summary."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from acts import services as act_services
from consultations import services
from consultations.models import (
    Answer,
    Consultation,
    ConsultationExtension,
    ConsultationStatus,
    Disposition,
)
from core.dates import WARSAW
from tests.acts.texts import SAMPLE_ACT_V2
from tests.consultations.pages.conftest import messages_of, publish_report, translated
from tests.consultations.scenes import AFTER, at, submitted
from tests.pdf import minimal_pdf

pytestmark = pytest.mark.django_db


def detail_url(consultation) -> str:
    return reverse("consultations:detail", args=[consultation.pk])


# --- The editor -------------------------------------------------------------------------


def editor_data(**fields):
    start = timezone.now().astimezone(WARSAW).date() + dt.timedelta(days=10)
    data = {
        "title": "Konsultacje regulaminu",
        "description": "Zapraszamy.",
        "start_date": start.isoformat(),
        "start_time": "",
        "end_date": (start + dt.timedelta(days=21)).isoformat(),
        "end_time": "",
        "audience": "organisations",
        "comment_visibility": "immediately",
        "justification_required": "on",
        "max_attachments": "3",
    }
    data.update(fields)
    return data


def test_an_official_starts_a_consultation_on_a_published_version(
    login, official, published_version
):
    url = reverse("consultations:create") + f"?version={published_version.pk}"
    client = login(official)
    assert published_version.act.title in client.get(url).content.decode()
    data = editor_data()
    response = client.post(
        url, {**data, "attachments": [SimpleUploadedFile("opis.pdf", minimal_pdf("opis"))]}
    )
    consultation = Consultation.objects.get()
    assert response["Location"] == detail_url(consultation)
    assert consultation.status == ConsultationStatus.DRAFT
    # An end date alone means 23:59:59 of that day in Warsaw.
    assert consultation.ends_at.astimezone(WARSAW).replace(tzinfo=None) == dt.datetime.combine(
        dt.date.fromisoformat(data["end_date"]), dt.time(23, 59, 59)
    )
    assert consultation.attachments.get().name == "opis.pdf"


def test_an_end_before_the_start_is_refused_and_nothing_stored(login, official, published_version):
    url = reverse("consultations:create") + f"?version={published_version.pk}"
    response = login(official).post(url, editor_data(end_date="2020-01-01"))
    assert response.status_code == 200
    assert translated(response, "The end must be later than the start.") in (
        response.content.decode()
    )
    assert not Consultation.objects.exists()


def test_the_editor_of_an_open_consultation_changes_the_description_only(
    login, consultation, official
):
    client = login(official)
    url = reverse("consultations:edit", args=[consultation.pk])
    page = client.get(url)
    form = page.context["form"]
    assert form.fields["title"].disabled
    assert not form.fields["description"].disabled
    client.post(url, {**editor_data(title="Inny tytuł"), "description": "Nowy opis."})
    consultation.refresh_from_db()
    assert consultation.description == "Nowy opis."
    assert consultation.title == "Konsultacje programu współpracy"


def test_scheduling_a_too_short_consultation_says_why(login, official, published_version):
    start = timezone.now() + dt.timedelta(days=10)
    draft = services.consultation_create(
        actor=official,
        version=published_version,
        title="Za krótkie",
        starts_at=start,
        ends_at=start + dt.timedelta(days=2),
    )
    client = login(official)
    url = reverse("consultations:schedule", args=[draft.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, follow=True)
    assert any("7" in message for message in messages_of(response))
    draft.refresh_from_db()
    assert draft.status == ConsultationStatus.DRAFT

    services.consultation_update(
        consultation=draft, actor=official, ends_at=start + dt.timedelta(days=14)
    )
    client.post(url)
    draft.refresh_from_db()
    assert draft.status == ConsultationStatus.SCHEDULED


def test_an_extension_needs_a_reason_and_shows_on_the_page(login, consultation, official):
    client = login(official)
    url = reverse("consultations:extend", args=[consultation.pk])
    new_end = (consultation.ends_at.astimezone(WARSAW) + dt.timedelta(days=5)).date()
    refused = client.post(url, {"end_date": new_end.isoformat(), "reason": ""})
    assert refused.status_code == 200
    assert refused.context["form"].errors["reason"]
    assert not ConsultationExtension.objects.exists()

    client.post(url, {"end_date": new_end.isoformat(), "reason": "Prośba organizacji."})
    consultation.refresh_from_db()
    assert consultation.ends_at.astimezone(WARSAW).date() == new_end
    html = client.get(detail_url(consultation)).content.decode()
    assert "Prośba organizacji." in html


def test_a_consultation_is_cancelled_with_a_reason(login, consultation, official):
    client = login(official)
    url = reverse("consultations:cancel", args=[consultation.pk])
    assert client.post(url, {"reason": ""}).context["form"].errors["reason"]
    client.post(url, {"reason": "Projekt wycofano."})
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.CANCELLED
    assert "Projekt wycofano." in login(None).get(detail_url(consultation)).content.decode()


def test_a_meeting_added_in_the_editor_shows_on_the_page(login, consultation, official):
    client = login(official)
    day = (timezone.now().astimezone(WARSAW) + dt.timedelta(days=2)).date()
    client.post(
        reverse("consultations:meeting_add", args=[consultation.pk]),
        {"date": day.isoformat(), "time": "17:00", "place": "Sala 12", "notes": ""},
    )
    assert "Sala 12" in login(None).get(detail_url(consultation)).content.decode()


# --- The detail page --------------------------------------------------------------------


def test_the_deadline_is_shown_to_the_second_in_warsaw_time(login, official, published_version):
    start = timezone.now().replace(microsecond=0)  # decided to the second
    end_date = (start + dt.timedelta(days=20)).astimezone(WARSAW).date()
    created = services.consultation_create(
        actor=official,
        version=published_version,
        title="Konsultacje",
        starts_at=start,
        ends_at=end_date,  # a date: 23:59:59 of that day in Warsaw
    )
    services.consultation_schedule(consultation=created, actor=official)
    client = login(official)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(detail_url(created)).content.decode()
    assert f"closes on {end_date.day} {end_date:%B %Y} at 23:59:59" in html


def test_the_text_shows_each_provision_with_its_comments_and_deep_links(
    login, scene, ngo_representative
):
    html = login(ngo_representative).get(detail_url(scene.consultation)).content.decode()
    point = html.index('id="par-1-ust-2-pkt-1"')
    assert 'href="#par-1-ust-2-pkt-1"' in html
    assert html.index("Programy też wymagają konsultacji.", point) > point
    assert html.index("Cały program jest zbyt ogólny.") < html.index('id="par-1"')  # on top
    create = reverse("consultations:comment_create", args=[scene.consultation.pk])
    assert f"{create}?provision={scene.provision('§ 3').pk}" in html


def test_more_than_three_comments_on_a_provision_leave_the_rest_a_link_away(
    login, scene, ngo, ngo_representative
):
    provision = scene.provision("§ 3")
    for number in range(4):
        submitted(
            scene.consultation, ngo_representative, ngo, provision, proposed_wording=f"U{number}"
        )
    html = login(None).get(detail_url(scene.consultation)).content.decode()
    row = html[html.index(f'id="{provision.anchor}"') :]
    assert row.index("U2") < row.index("data-load-comments")  # the first three, then the link
    assert "U3" not in html  # on the page listing them all (tests/.../test_provision_comments)


def test_a_hidden_comment_shows_the_reason_without_its_content(
    login, scene, official, ngo_representative
):
    client = login(official)
    comment = scene.submitted
    response = client.post(
        reverse("consultations:comment_hide", args=[comment.pk]), {"reason": "Dane osobowe."}
    )
    assert response["Location"] == detail_url(scene.consultation) + f"#comment-{comment.pk}"
    public = login(None).get(detail_url(scene.consultation)).content.decode()
    assert "Dane osobowe." in public
    assert "Programy też wymagają konsultacji." not in public
    authors = login(ngo_representative).get(detail_url(scene.consultation)).content.decode()
    assert "Programy też wymagają konsultacji." in authors

    login(official).post(reverse("consultations:comment_unhide", args=[comment.pk]))
    assert "Programy też wymagają konsultacji." in (
        login(None).get(detail_url(scene.consultation)).content.decode()
    )


def test_only_officials_see_the_moderation_tools(login, scene, official, ngo_representative):
    hide = reverse("consultations:comment_hide", args=[scene.submitted.pk])
    assert hide in login(official).get(detail_url(scene.consultation)).content.decode()
    assert (
        hide not in login(ngo_representative).get(detail_url(scene.consultation)).content.decode()
    )
    assert login(ngo_representative).post(hide, {"reason": "x"}).status_code == 404


# --- Answers ----------------------------------------------------------------------------


def answer_data(comment, disposition="accepted", justification="Uwzględniono.", revision=""):
    prefix = f"comment-{comment.pk}"
    return {
        f"{prefix}-disposition": disposition,
        f"{prefix}-justification": justification,
        f"{prefix}-revision": revision,
    }


def test_an_official_answers_a_comment_from_the_table(login, scene, official):
    client = login(official)
    comment = scene.submitted
    with at(scene.consultation, AFTER):
        table = client.get(reverse("consultations:answers", args=[scene.consultation.pk]))
        assert table.context["answered"] == 0
        assert table.context["total"] == 2
        response = client.post(
            reverse("consultations:answer", args=[comment.pk]) + "?state=unanswered",
            answer_data(comment),
        )
        assert response["Location"] == (
            reverse("consultations:answers", args=[scene.consultation.pk])
            + f"?state=unanswered#comment-{comment.pk}"
        )
        table = client.get(reverse("consultations:answers", args=[scene.consultation.pk]))
    assert table.context["answered"] == 1
    assert Answer.objects.get(comment=comment).disposition == Disposition.ACCEPTED


def test_an_answer_without_justification_is_refused_and_nothing_stored(login, scene, official):
    with at(scene.consultation, AFTER):
        response = login(official).post(
            reverse("consultations:answer", args=[scene.submitted.pk]),
            answer_data(scene.submitted, justification=""),
        )
    assert response.status_code == 200
    assert response.context["form"].errors["justification"]
    assert not Answer.objects.exists()


def test_a_stale_answer_shows_the_current_one_and_keeps_the_text(
    login, scene, official, administrator
):
    comment = scene.submitted
    with at(scene.consultation, AFTER):
        services.answer_give(
            comment=comment,
            actor=administrator,
            disposition=Disposition.NOT_ACCEPTED,
            justification="Odpowiedź administratora.",
        )
        response = login(official).post(
            reverse("consultations:answer", args=[comment.pk]),
            answer_data(comment, justification="Moja odpowiedź."),
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Odpowiedź administratora." in html  # the current answer
    assert "Moja odpowiedź." in html  # the official's own, kept
    assert Answer.objects.get(comment=comment).justification == "Odpowiedź administratora."


def test_several_comments_are_answered_at_once(login, scene, official):
    client = login(official)
    url = reverse("consultations:answer_bulk", args=[scene.consultation.pk])
    with at(scene.consultation, AFTER):
        refused = client.post(
            url,
            {"bulk-disposition": "not_applicable", "bulk-justification": "Poza zakresem."},
            follow=True,
        )
        assert messages_of(refused)
        assert not Answer.objects.exists()
        client.post(
            url,
            {
                "bulk-comments": [scene.submitted.pk, scene.resident_comment.pk],
                "bulk-disposition": "not_applicable",
                "bulk-justification": "Poza zakresem.",
            },
        )
    assert Answer.objects.filter(disposition=Disposition.NOT_APPLICABLE).count() == 2


def test_the_report_is_refused_while_comments_are_unanswered(login, scene, official):
    client = login(official)
    url = reverse("consultations:publish_report", args=[scene.consultation.pk])
    with at(scene.consultation, AFTER):
        page = client.get(url)
        assert page.context["unanswered"] == 2
        response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == url
    assert any("2" in message for message in messages_of(response))
    scene.consultation.refresh_from_db()
    assert scene.consultation.status == ConsultationStatus.SCHEDULED


def test_the_published_report_and_summary(login, scene, official, act):
    publish_report(scene, official)
    client = login(None)
    with at(scene.consultation, AFTER):
        report = client.get(reverse("consultations:report", args=[scene.consultation.pk]))
        html = report.content.decode()
        assert scene.submitted.tracking_number in html
        assert "Programy też wymagają konsultacji." in html
        assert "Uwzględniono częściowo." in html
        assert reverse("api-consultation-report-csv", args=[scene.consultation.pk]) in html

        summary = client.get(reverse("consultations:summary", args=[scene.consultation.pk]))
        assert summary.context["summary"].total == 2
        assert reverse("acts:redline", args=[act.pk, 2]) not in summary.content.decode()

        version = act_services.version_create(act=act, actor=official, text=SAMPLE_ACT_V2)
        act_services.version_publish(version=version, actor=official)
        summary = client.get(reverse("consultations:summary", args=[scene.consultation.pk]))
    assert reverse("acts:redline", args=[act.pk, 2]) in summary.content.decode()


def test_the_act_page_lists_its_consultations_and_offers_a_new_one_to_officials(
    login, scene, official, ngo_representative, act
):
    url = reverse("acts:detail", args=[act.pk])
    start = reverse("consultations:create") + f"?version={scene.consultation.version_id}"
    html = login(official).get(url).content.decode()
    assert scene.consultation.title in html
    assert start in html
    html = login(ngo_representative).get(url).content.decode()
    assert scene.consultation.title in html
    assert start not in html


def test_the_home_page_shows_open_consultations(login, scene):
    html = login(None).get(reverse("home")).content.decode()
    assert scene.consultation.title in html
