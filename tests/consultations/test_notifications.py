"""Who hears what about a consultation and its comments, and what the mail says
(``consultations.notifications``): the receipt to the submitter and that organisation's
representatives only; answers to their author once the report makes them public; the
reminders, opening and closing recorded by the beat once, however often it runs."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from consultations import notifications, services
from consultations.models import CommentStatus, Disposition
from core.dates import local_day, moment_text
from documents.models import Document, DocumentStatus
from tests import factories
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import AFTER, at, comment_on, submitted
from tests.mailbox import addressees, clear, deliver, html_of, one_to, sent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rendering(monkeypatch):
    """The report's PDF is not rendered here (``documents`` is tested on its own): the mail
    must not wait for it, and links it only once a ready one exists."""
    monkeypatch.setattr(
        "consultations.services.consultations.document_queue", lambda **arguments: None
    )


@pytest.fixture
def second_representative(ngo):
    user = factories.UserFactory(email="ngo.rep2@example.org", full_name="Druga Przedstawicielka")
    factories.RepresentativeFactory(user=user, organisation=ngo)
    return user


# --- The receipt --------------------------------------------------------------------------


def test_the_receipt_goes_to_the_submitter_and_the_organisations_representatives_only(
    consultation,
    provisions,
    ngo,
    ngo_member,
    ngo_representative,
    second_representative,
    other_ngo_representative,
):
    draft = comment_on(consultation, ngo_member, organisation=ngo, provision=provisions[3])
    clear()
    comment = services.comment_submit(comment=draft, actor=ngo_representative)

    assert addressees() == {"ngo.rep@example.org", "ngo.rep2@example.org"}
    message = one_to("ngo.rep@example.org")
    assert message.subject == (
        f"Potwierdzenie {comment.tracking_number}: uwaga do konsultacji "
        "Konsultacje programu współpracy"
    )
    assert f"Numer potwierdzenia: {comment.tracking_number}" in message.body
    assert f"Złożono: {moment_text(comment.submitted_at)}" in message.body  # to the second
    assert "W imieniu: Stowarzyszenie Przyjaciół Sopotu" in message.body
    assert f"Przepis: {provisions[3].label}" in message.body
    assert f"/consultations/comments/{comment.pk}/receipt/" in message.body
    assert comment.tracking_number in html_of(message)
    # A receipt always goes, without an unsubscribe link.
    assert "List-Unsubscribe" not in message.extra_headers


def test_a_comment_written_and_submitted_at_once_gets_its_receipt(
    consultation, ngo, ngo_representative, other_ngo_representative
):
    comment = submitted(consultation, ngo_representative, ngo)

    assert addressees("Potwierdzenie") == {"ngo.rep@example.org"}
    assert "Do całego aktu." in one_to("ngo.rep@example.org").body
    assert comment.tracking_number in one_to("ngo.rep@example.org").subject


def test_a_residents_receipt_goes_to_the_resident_only(consultation, resident, ngo_representative):
    submitted(consultation, resident, None)

    assert addressees("Potwierdzenie") == {"resident@example.org"}
    assert "W imieniu" not in one_to("resident@example.org").body


# --- Hidden and shown again ---------------------------------------------------------------


def test_hiding_and_showing_again_tell_the_author_the_reason(
    consultation, ngo, ngo_member, ngo_representative, official
):
    draft = comment_on(consultation, ngo_member, organisation=ngo)
    comment = services.comment_submit(comment=draft, actor=ngo_representative)
    clear()

    services.comment_hide(comment=comment, actor=official, reason="Dane osobowe.")
    assert addressees() == {"ngo.member@example.org"}
    hidden = one_to("ngo.member@example.org")
    assert hidden.subject == (
        "Twoja uwaga do konsultacji Konsultacje programu współpracy została ukryta"
    )
    assert "Powód:" in hidden.body
    assert "Dane osobowe." in hidden.body

    clear()
    services.comment_unhide(comment=comment, actor=official)
    shown = one_to("ngo.member@example.org")
    assert "jest znów widoczna" in shown.subject
    assert "Dane osobowe." in shown.body

    # Hidden a second time: a second mail, not swallowed by the first one's key.
    clear()
    services.comment_hide(comment=comment, actor=official, reason="Znowu.")
    assert "Znowu." in one_to("ngo.member@example.org").body


# --- Extended -----------------------------------------------------------------------------


def test_an_extension_tells_those_taking_part_with_the_reason(
    consultation, ngo, ngo_member, ngo_representative, other_ngo_representative, official
):
    comment_on(consultation, ngo_member, organisation=ngo)  # a draft counts
    clear()

    services.consultation_extend(
        consultation=consultation,
        actor=official,
        ends_at=consultation.ends_at + dt.timedelta(days=7),
        reason="Wiele pytań od mieszkańców.",
    )

    assert addressees() == {"ngo.member@example.org"}
    message = one_to("ngo.member@example.org")
    assert message.subject == "Konsultacje przedłużone: Konsultacje programu współpracy"
    assert "Wiele pytań od mieszkańców." in message.body


# --- The report and the answers -------------------------------------------------------------


def test_the_report_tells_commenters_and_each_author_their_answers(
    consultation,
    provisions,
    ngo,
    ngo_member,
    ngo_representative,
    other_ngo,
    other_ngo_representative,
    resident,
    official,
):
    mine = services.comment_submit(
        comment=comment_on(consultation, ngo_member, organisation=ngo, provision=provisions[3]),
        actor=ngo_representative,
    )
    theirs = submitted(consultation, other_ngo_representative, other_ngo)
    comment_on(consultation, resident)  # a draft never submitted: not a commenter
    with at(consultation, AFTER):
        services.answer_give(
            comment=mine,
            actor=official,
            disposition=Disposition.PARTLY_ACCEPTED,
            justification="Uwzględnimy ust. 1.",
        )
        services.answer_give(
            comment=theirs,
            actor=official,
            disposition=Disposition.NOT_ACCEPTED,
            justification="Niezgodne z ustawą.",
        )
        # Answers are not public before the report: nobody hears of them yet.
        assert not sent("Miasto odpowiedziało")
        clear()
        services.report_publish(consultation=consultation, actor=official)
        deliver()  # sent at once, while the clock still says when it was published

    report_subject = "Opublikowano sprawozdanie z konsultacji"
    assert addressees(report_subject) == {
        "ngo.member@example.org",
        "ngo.rep@example.org",
        "other.ngo@example.org",
    }
    report = one_to("ngo.rep@example.org", report_subject)
    assert f"/consultations/{consultation.pk}/report/" in report.body
    # The PDF is rendered after the commit: the mail promises it on the page, no file yet.
    assert "pojawi się na jego stronie" in report.body

    answered = "Miasto odpowiedziało na Twoje uwagi"
    assert addressees(answered) == {"ngo.member@example.org", "other.ngo@example.org"}
    member_mail = one_to("ngo.member@example.org", answered)
    assert "uwzględniono częściowo" in member_mail.body
    assert "Uwzględnimy ust. 1." in member_mail.body
    assert "Niezgodne z ustawą." not in member_mail.body
    assert "Niezgodne z ustawą." in one_to("other.ngo@example.org", answered).body


def test_a_ready_report_pdf_is_linked_from_the_mail(
    consultation, official, ngo, ngo_representative
):
    submitted(consultation, ngo_representative, ngo)
    document = Document.objects.create(
        kind="consultation_report",
        subject_id=consultation.pk,
        status=DocumentStatus.READY,
        title="Sprawozdanie",
    )
    clear()
    with at(consultation, AFTER):
        services.answer_give(
            comment=consultation.comments.get(),
            actor=official,
            disposition=Disposition.ACCEPTED,
            justification="Tak.",
        )
        services.report_publish(consultation=consultation, actor=official)
        deliver()

    report = one_to("ngo.rep@example.org", "Opublikowano sprawozdanie")
    assert f"/documents/{document.pk}/download/" in report.body
    assert f"/documents/{document.pk}/download/" in html_of(report)


# --- What the clock decides -------------------------------------------------------------------


def test_reminders_name_the_drafts_waiting_once_however_often_the_beat_runs(
    consultation, provisions, ngo, ngo_member, ngo_representative, other_ngo_representative
):
    comment_on(consultation, ngo_member, organisation=ngo, provision=provisions[3])
    clear()
    three_days_before = consultation.ends_at - dt.timedelta(days=3)

    assert notifications.send_reminders(now=three_days_before) == [consultation.pk]
    notifications.send_reminders(now=three_days_before + dt.timedelta(hours=1))

    # The author and the representative who must submit it; each once.
    assert sorted(message.to[0] for message in sent()) == [
        "ngo.member@example.org",
        "ngo.rep@example.org",
    ]
    message = one_to("ngo.rep@example.org")
    assert message.subject == "Zostały 3 dni: Konsultacje programu współpracy"
    assert provisions[3].label in message.body
    assert "Maria Członkini" in message.body
    assert "nie zostały jeszcze złożone" in message.body


def test_the_last_day_reminds_again_and_other_days_do_not(consultation, ngo, ngo_member):
    comment_on(consultation, ngo_member, organisation=ngo)
    clear()

    assert notifications.send_reminders(now=consultation.ends_at - dt.timedelta(days=2)) == []
    assert sent() == []
    last_day = consultation.ends_at - dt.timedelta(hours=2)
    assert local_day(last_day) == local_day(consultation.ends_at)
    notifications.send_reminders(now=last_day)
    notifications.send_reminders(now=last_day)

    message = one_to("ngo.member@example.org")
    assert message.subject == "Ostatni dzień: Konsultacje programu współpracy"
    assert len(sent()) == 1


def test_a_submitted_comment_ends_the_reminders_of_its_author(
    consultation, ngo, ngo_representative
):
    submitted(consultation, ngo_representative, ngo)
    clear()

    notifications.send_reminders(now=consultation.ends_at - dt.timedelta(days=3))

    assert sent() == []


def test_closing_is_announced_to_commenters_once(consultation, ngo, ngo_representative, resident):
    submitted(consultation, ngo_representative, ngo)
    comment_on(consultation, resident)
    clear()
    after = consultation.ends_at + dt.timedelta(minutes=5)

    assert notifications.announce_closings(now=after) == [consultation.pk]
    notifications.announce_closings(now=after + dt.timedelta(minutes=5))

    assert [message.to for message in sent()] == [["ngo.rep@example.org"]]
    message = sent()[0]
    assert message.subject == "Konsultacje zakończone: Konsultacje programu współpracy"
    assert "Złożone uwagi: 1." in message.body
    # A day later it is no news.
    assert notifications.announce_closings(now=after + dt.timedelta(days=2)) == []


def test_an_opening_tells_who_commented_on_an_earlier_version(
    consultation, ngo, ngo_representative, other_ngo_representative
):
    submitted(consultation, ngo_representative, ngo)  # on version 1
    act = consultation.version.act
    next_version = factories.ActVersionFactory(act=act, published_at=timezone.now())
    reopened = factories.ConsultationFactory(
        version=next_version,
        title="Konsultacje drugiej wersji",
        starts_at=timezone.now() - dt.timedelta(hours=1),
        ends_at=timezone.now() + dt.timedelta(days=14),
    )
    clear()

    # Scheduled in advance, it opened by the clock: the beat announces it, once.
    assert notifications.announce_openings(now=timezone.now()) == [reopened.pk]
    notifications.announce_openings(now=timezone.now())

    assert addressees() == {"ngo.rep@example.org"}
    message = one_to("ngo.rep@example.org")
    assert message.subject == "Nowe konsultacje: Konsultacje drugiej wersji"
    assert f"/consultations/{reopened.pk}/" in message.body
    assert act.department.name in message.body
    assert "List-Unsubscribe" in message.extra_headers


def test_recipients_of_a_draft_consultation_are_nobody(consultation, ngo, ngo_representative):
    submitted(consultation, ngo_representative, ngo)
    draft = factories.ConsultationFactory(status="draft")

    assert draft.pk not in notifications.announce_openings(now=timezone.now())
    assert draft.pk not in notifications.announce_closings(
        now=draft.ends_at + dt.timedelta(minutes=1)
    )


def test_the_receipt_selector_never_reaches_another_organisation(
    consultation, ngo, ngo_representative, other_ngo, other_ngo_representative
):
    comment = submitted(consultation, ngo_representative, ngo)

    assert set(notifications.receipt_recipients(comment)) == {ngo_representative}
    assert comment.status == CommentStatus.SUBMITTED


def test_the_beat_tasks_under_a_frozen_clock_record_each_reminder_once(
    consultation, ngo, ngo_member
):
    from consultations import tasks

    comment_on(consultation, ngo_member, organisation=ngo)
    clear()

    with time_machine.travel(consultation.ends_at - dt.timedelta(days=3), tick=False):
        assert tasks.send_reminders() == [consultation.pk]
        assert tasks.send_reminders() == []
        deliver()
    with time_machine.travel(consultation.ends_at + dt.timedelta(minutes=1), tick=False):
        tasks.announce_closings()
        tasks.announce_closings()
        deliver()

    assert [message.subject for message in sent()] == [
        "Zostały 3 dni: Konsultacje programu współpracy",
    ]
