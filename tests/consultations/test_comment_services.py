"""Comment services: drafting, submitting with a receipt, editing with revisions,
withdrawing, the exact deadline by the database clock, moderation and attachments."""

import datetime as dt
import io
import re
import zipfile

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from consultations import services
from consultations.exceptions import (
    ConsultationClosed,
    ConsultationNotOpen,
    StaleEdit,
    TooManyAttachments,
)
from consultations.models import Audience, Comment, CommentStatus
from core.exceptions import FileTooLarge, InvalidTransition, NotAllowed, UnsupportedFileType
from core.models import AuditEvent
from core.tracking import is_tracking_number
from core.uploads import DOCX, JPEG, ODT, PDF, PNG, TEXT, sniff_content_type
from tests import factories
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import AFTER, BEFORE, at, comment_on, submitted
from tests.pdf import minimal_pdf

pytestmark = pytest.mark.django_db


def test_a_member_drafts_and_a_representative_submits_with_a_receipt(
    consultation, provisions, ngo, ngo_member, ngo_representative
):
    provision = provisions[3]
    draft = services.comment_create(
        consultation=consultation, actor=ngo_member, organisation=ngo, provision=provision
    )
    assert draft.status == CommentStatus.DRAFT
    assert draft.proposed_wording == ""  # starts empty, never a copy of the provision

    with pytest.raises(NotAllowed):
        services.comment_submit(comment=draft, actor=ngo_member)
    draft = services.comment_update(
        comment=draft,
        actor=ngo_member,
        expected_revision=draft.revision,
        justification="Uzasadnienie.",
    )
    before = timezone.now().replace(microsecond=0)
    receipt = services.comment_submit(comment=draft, actor=ngo_representative)

    assert receipt.status == CommentStatus.SUBMITTED
    assert receipt.submitted_by == ngo_representative
    assert is_tracking_number(receipt.tracking_number)
    assert receipt.tracking_number.startswith(f"SOP-{timezone.localtime().year}-")
    assert before <= receipt.submitted_at <= consultation.ends_at
    verbs = list(AuditEvent.objects.for_target(receipt).values_list("verb", flat=True))
    assert set(verbs) == {"comment.created", "comment.updated", "comment.submitted"}


def test_tracking_numbers_are_unique_and_not_sequential(consultation, ngo, ngo_representative):
    numbers = {submitted(consultation, ngo_representative, ngo).tracking_number for _ in range(5)}
    assert len(numbers) == 5
    assert all(re.match(r"^SOP-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", number) for number in numbers)


def test_several_organisations_comment_on_the_same_provision(
    consultation, provisions, ngo, other_ngo, ngo_representative, other_ngo_representative
):
    submitted(consultation, ngo_representative, ngo, provisions[3])
    submitted(consultation, other_ngo_representative, other_ngo, provisions[3])
    assert Comment.objects.filter(provision=provisions[3], status="submitted").count() == 2


def test_a_justification_is_required_unless_the_consultation_says_otherwise(
    consultation, official, ngo, ngo_representative
):
    with pytest.raises(ValidationError) as error:
        submitted(consultation, ngo_representative, ngo, justification="")
    assert "justification" in error.value.message_dict
    assert not Comment.objects.exists()  # create and submit are one: nothing stored

    services.consultation_update(
        consultation=consultation, actor=official, description="Bez uzasadnień."
    )
    consultation.justification_required = False
    consultation.save(update_fields=["justification_required"])
    assert submitted(consultation, ngo_representative, ngo, justification="").is_submitted


def test_a_resident_comments_in_their_own_name_only_where_the_audience_allows(
    consultation, resident, official
):
    own = comment_on(consultation, resident, submit=True)
    assert own.organisation is None
    assert own.submitted_by == resident

    consultation.audience = Audience.ORGANISATIONS
    consultation.save(update_fields=["audience"])
    with pytest.raises(NotAllowed):
        comment_on(consultation, resident)
    with pytest.raises(NotAllowed):
        comment_on(consultation, official)  # those who run it do not comment on it


def test_members_of_other_or_unverified_organisations_cannot_draft(
    consultation, ngo, other_ngo_representative
):
    pending = factories.OrganisationFactory(status="pending")
    factories.RepresentativeFactory(user=other_ngo_representative, organisation=pending)
    for organisation in (ngo, pending):
        with pytest.raises(NotAllowed):
            comment_on(consultation, other_ngo_representative, organisation=organisation)


def test_drafts_may_be_prepared_before_the_start_but_not_submitted(
    consultation, ngo, ngo_member, ngo_representative
):
    with at(consultation, BEFORE):
        draft = comment_on(consultation, ngo_member, organisation=ngo)
        with pytest.raises(ConsultationNotOpen):
            services.comment_submit(comment=draft, actor=ngo_representative)


def test_after_the_end_nothing_is_accepted_and_the_text_comes_back(
    consultation, ngo, ngo_member, ngo_representative
):
    draft = comment_on(consultation, ngo_member, organisation=ngo, proposed_wording="Moje")
    with at(consultation, AFTER):
        with pytest.raises(ConsultationClosed) as error:
            services.comment_submit(comment=draft, actor=ngo_representative)
        with pytest.raises(ConsultationClosed):
            comment_on(consultation, ngo_member, organisation=ngo)
        with pytest.raises(ConsultationClosed):
            services.comment_update(
                comment=draft, actor=ngo_member, expected_revision=1, proposed_wording="Nowe"
            )
    closed_at = timezone.localtime(consultation.ends_at).strftime("%H:%M:%S")
    assert closed_at in str(error.value.message)
    assert error.value.extra["submitted"]["proposed_wording"] == "Moje"
    assert error.value.extra["closed_at"] == consultation.ends_at.isoformat()
    draft.refresh_from_db()
    assert (draft.status, draft.proposed_wording) == (CommentStatus.DRAFT, "Moje")


def test_the_database_clock_decides_when_the_application_clock_is_behind(
    official, published_version, ngo, ngo_representative
):
    # The consultation really ended a second ago; this web process's clock lags a minute.
    ended = timezone.now().replace(microsecond=0) - dt.timedelta(seconds=1)
    consultation = factories.ConsultationFactory(
        version=published_version, starts_at=ended - dt.timedelta(days=7), ends_at=ended
    )
    draft = factories.CommentFactory(
        consultation=consultation,
        organisation=ngo,
        author=ngo_representative,
        status=CommentStatus.DRAFT,
        submitted_by=None,
        submitted_at=None,
        tracking_number=None,
    )
    with time_machine.travel(ended - dt.timedelta(minutes=1), tick=False):
        with pytest.raises(ConsultationClosed) as error:
            services.comment_submit(comment=draft, actor=ngo_representative)
        with pytest.raises(ConsultationClosed):
            submitted(consultation, ngo_representative, ngo)
    assert error.value.extra["submitted"]["proposed_wording"] == draft.proposed_wording
    draft.refresh_from_db()
    assert draft.status == CommentStatus.DRAFT
    assert Comment.objects.count() == 1


def test_a_stale_edit_is_refused_with_the_current_text(consultation, ngo, ngo_member):
    draft = comment_on(consultation, ngo_member, organisation=ngo)
    services.comment_update(
        comment=draft, actor=ngo_member, expected_revision=1, proposed_wording="Pierwsza"
    )
    with pytest.raises(StaleEdit) as error:
        services.comment_update(
            comment=draft, actor=ngo_member, expected_revision=1, proposed_wording="Druga"
        )
    assert error.value.extra["current"]["proposed_wording"] == "Pierwsza"
    assert error.value.extra["current"]["revision"] == 2
    assert error.value.extra["submitted"]["proposed_wording"] == "Druga"


def test_a_submitted_comment_is_edited_and_withdrawn_by_a_representative_until_the_end(
    consultation, ngo, ngo_member, ngo_representative
):
    comment = submitted(consultation, ngo_representative, ngo)
    with pytest.raises(NotAllowed):
        services.comment_update(
            comment=comment,
            actor=ngo_member,
            expected_revision=comment.revision,
            proposed_wording="Zmiana",
        )
    comment = services.comment_update(
        comment=comment,
        actor=ngo_representative,
        expected_revision=comment.revision,
        proposed_wording="Zmiana",
    )
    number = comment.tracking_number
    with at(consultation, AFTER), pytest.raises(ConsultationClosed):
        services.comment_withdraw(comment=comment, actor=ngo_representative)

    comment = services.comment_withdraw(comment=comment, actor=ngo_representative)

    assert comment.status == CommentStatus.WITHDRAWN
    assert comment.tracking_number == number
    assert comment.withdrawn_at is not None
    with pytest.raises(InvalidTransition):
        services.comment_submit(comment=comment, actor=ngo_representative)


def test_an_official_hides_a_comment_with_a_reason_and_shows_it_again(
    consultation, official, other_official, ngo, ngo_representative
):
    comment = submitted(consultation, ngo_representative, ngo)
    with pytest.raises(NotAllowed):
        services.comment_hide(comment=comment, actor=other_official, reason="Dane osobowe")
    with pytest.raises(ValidationError):
        services.comment_hide(comment=comment, actor=official, reason="")

    comment = services.comment_hide(comment=comment, actor=official, reason="Dane osobowe")
    assert comment.is_hidden
    assert comment.hidden_reason == "Dane osobowe"
    with pytest.raises(InvalidTransition):
        services.comment_update(
            comment=comment,
            actor=ngo_representative,
            expected_revision=comment.revision,
            proposed_wording="Poprawka",
        )

    comment = services.comment_unhide(comment=comment, actor=official)
    assert not comment.is_hidden
    event = AuditEvent.objects.for_target(comment).get(verb="comment.unhidden")
    assert event.data["previous_reason"] == "Dane osobowe"


def office_file(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (minimal_pdf("uwagi"), PDF),
        (b"\x89PNG\r\n\x1a\n\x00\x00", PNG),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", JPEG),
        ("Zażółć gęślą jaźń.\n".encode(), TEXT),
        (office_file({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"}), DOCX),
        (office_file({"mimetype": ODT.encode(), "content.xml": b"<o/>"}), ODT),
        (
            office_file(
                {
                    "[Content_Types].xml": b"<x/>",
                    "word/document.xml": b"<w/>",
                    "word/vbaProject.bin": b"macro",
                }
            ),
            None,
        ),
        (office_file({"xl/workbook.xml": b"<x/>"}), None),
        (b"MZ\x90\x00\x03\x00\x00\x00", None),
        (b"GIF89a\x01\x00", None),
        (b"", None),
    ],
)
def test_attachment_types_are_told_by_their_content(data, expected):
    assert sniff_content_type(data) == expected


def test_attachments_are_checked_and_limited_per_comment(consultation, ngo, ngo_member, settings):
    draft = comment_on(consultation, ngo_member, organisation=ngo)
    with pytest.raises(UnsupportedFileType):
        services.comment_attachment_add(
            comment=draft,
            actor=ngo_member,
            uploaded_file=SimpleUploadedFile("zdjecie.png", b"MZ\x90\x00", "image/png"),
        )
    for index in range(consultation.max_attachments):
        attachment = services.comment_attachment_add(
            comment=draft,
            actor=ngo_member,
            uploaded_file=SimpleUploadedFile(f"../uwagi {index}.exe", minimal_pdf("uwagi")),
        )
    assert attachment.name == "uwagi_2.pdf"
    assert attachment.content_type == PDF
    with pytest.raises(TooManyAttachments):
        services.comment_attachment_add(
            comment=draft,
            actor=ngo_member,
            uploaded_file=SimpleUploadedFile("plik.txt", b"tekst"),
        )
    settings.UPLOAD_MAX_BYTES = 10
    other = comment_on(consultation, ngo_member, organisation=ngo)
    with pytest.raises(FileTooLarge):
        services.comment_attachment_add(
            comment=other,
            actor=ngo_member,
            uploaded_file=SimpleUploadedFile("duzy.txt", b"x" * 11),
        )
