"""The NGO's comment pages: the form opened from a provision, drafts and submissions, the
receipt, the exact deadline (the text is kept), stale edits, withdrawal and "my comments"."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consultations import services
from consultations.models import Audience, Comment, CommentStatus, Consultation
from core.dates import WARSAW
from tests.consultations.pages.conftest import messages_of, publish_report, translated
from tests.consultations.scenes import AFTER, at
from tests.pdf import minimal_pdf
from tests.zips import bomb

pytestmark = pytest.mark.django_db


def create_url(scene, label: str | None = None) -> str:
    url = reverse("consultations:comment_create", args=[scene.consultation.pk])
    return f"{url}?provision={scene.provision(label).pk}" if label else url


def test_the_form_opened_from_a_provision_starts_empty_and_offers_to_copy_its_text(
    login, scene, ngo_representative
):
    response = login(ngo_representative).get(create_url(scene, "§ 3"))
    assert response.status_code == 200
    form = response.context["form"]
    assert not form.initial.get("proposed_wording")
    assert form["proposed_wording"].value() in (None, "")
    html = response.content.decode()
    assert 'data-copy-text="Uchwała wchodzi w życie z dniem podjęcia."' in html
    assert "Skopiuj obecny tekst" in html
    assert "Stowarzyszenie Przyjaciół Sopotu" in html  # the organisation to choose
    assert 'name="action" value="submit"' in html  # a representative may submit


def test_a_representative_submits_and_reads_the_receipt(login, scene, ngo, ngo_representative):
    client = login(ngo_representative)
    response = client.post(
        create_url(scene, "§ 3"),
        {
            "organisation": str(ngo.pk),
            "proposed_wording": "Uchwała wchodzi w życie po 14 dniach.",
            "justification": "Potrzebny jest czas na przygotowanie.",
            "action": "submit",
        },
    )
    comment = Comment.objects.get(proposed_wording="Uchwała wchodzi w życie po 14 dniach.")
    assert comment.status == CommentStatus.SUBMITTED
    assert comment.provision == scene.provision("§ 3")
    assert response["Location"] == reverse("consultations:comment_receipt", args=[comment.pk])

    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    assert comment.tracking_number in html
    assert comment.submitted_at.astimezone(WARSAW).strftime("%H:%M:%S") in html  # to the second


def test_a_member_saves_a_draft_but_cannot_submit_it(login, scene, ngo, ngo_member):
    client = login(ngo_member)
    # With residents in the audience the member could submit in their own name; not here.
    Consultation.objects.filter(pk=scene.consultation.pk).update(audience=Audience.ORGANISATIONS)
    page = client.get(create_url(scene, "§ 3"))
    assert 'name="action" value="submit"' not in page.content.decode()
    data = {
        "organisation": str(ngo.pk),
        "proposed_wording": "Inne brzmienie.",
        "justification": "Uzasadnienie.",
    }
    refused = client.post(create_url(scene, "§ 3"), {**data, "action": "submit"})
    assert refused.status_code == 200
    assert refused.context["form"].errors["organisation"]
    assert not Comment.objects.filter(proposed_wording="Inne brzmienie.").exists()

    saved = client.post(create_url(scene, "§ 3"), {**data, "action": "draft"})
    assert saved["Location"] == reverse("consultations:my_comments")
    assert Comment.objects.get(proposed_wording="Inne brzmienie.").status == CommentStatus.DRAFT


def test_an_empty_comment_shows_the_translated_message_and_stores_nothing(
    login, scene, ngo, ngo_representative
):
    before = Comment.objects.count()
    response = login(ngo_representative).post(
        create_url(scene, "§ 3"),
        {"organisation": str(ngo.pk), "proposed_wording": "  ", "justification": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert translated(response, "Write a proposed wording or a justification (or both).") in html
    assert 'role="alert"' in html  # the error summary
    assert Comment.objects.count() == before


def test_a_submission_without_the_required_justification_is_refused(
    login, scene, ngo, ngo_representative
):
    response = login(ngo_representative).post(
        create_url(scene, "§ 3"),
        {"organisation": str(ngo.pk), "proposed_wording": "Nowe.", "action": "submit"},
    )
    assert response.context["form"].errors["justification"]
    assert '<a href="#id_justification">' in response.content.decode()  # linked from summary
    assert not Comment.objects.filter(proposed_wording="Nowe.").exists()


def test_a_late_submission_says_when_the_consultation_closed_and_keeps_the_text(
    login, scene, ngo, ngo_representative
):
    client = login(ngo_representative)
    url = create_url(scene, "§ 3")
    with at(scene.consultation, AFTER):
        response = client.post(
            url,
            {
                "organisation": str(ngo.pk),
                "proposed_wording": "Spóźnione brzmienie przepisu.",
                "justification": "Spóźnione uzasadnienie.",
                "action": "submit",
            },
        )
    assert response.status_code == 200
    html = response.content.decode()
    closed_at = scene.consultation.ends_at.astimezone(WARSAW)
    assert closed_at.strftime("%H:%M:%S") in html
    assert "Spóźnione brzmienie przepisu." in html  # still in the form
    assert "Spóźnione uzasadnienie." in html
    assert not Comment.objects.filter(proposed_wording="Spóźnione brzmienie przepisu.").exists()


def test_after_the_deadline_the_form_is_not_offered(login, scene, ngo_representative):
    with at(scene.consultation, AFTER):
        response = login(ngo_representative).get(create_url(scene, "§ 3"), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "consultations:detail", args=[scene.consultation.pk]
    )
    assert messages_of(response)
    assert "?provision=" not in response.content.decode()  # no "Comment on this provision"


def test_a_resident_comments_in_their_own_name_on_the_act_as_a_whole(login, scene, resident):
    response = login(resident).post(
        create_url(scene),
        {
            "organisation": "own",
            "proposed_wording": "",
            "justification": "Program powinien obejmować sport.",
            "action": "submit",
        },
    )
    comment = Comment.objects.get(justification="Program powinien obejmować sport.")
    assert comment.organisation is None
    assert comment.provision is None
    assert comment.status == CommentStatus.SUBMITTED
    assert response["Location"] == reverse("consultations:comment_receipt", args=[comment.pk])


def test_attachments_are_stored_with_the_comment_within_the_limit(
    login, scene, ngo, ngo_representative
):
    client = login(ngo_representative)
    data = {
        "organisation": str(ngo.pk),
        "proposed_wording": "Z załącznikami.",
        "justification": "Zob. załącznik.",
        "action": "draft",
    }
    files = [SimpleUploadedFile(f"opinia-{n}.pdf", minimal_pdf("opinia")) for n in range(4)]
    refused = client.post(create_url(scene, "§ 3"), {**data, "attachments": files})
    assert refused.context["form"].errors["attachments"]  # 3 at most
    assert not Comment.objects.filter(proposed_wording="Z załącznikami.").exists()

    files = [SimpleUploadedFile(f"opinia-{n}.pdf", minimal_pdf("opinia")) for n in range(2)]
    client.post(create_url(scene, "§ 3"), {**data, "attachments": files})
    comment = Comment.objects.get(proposed_wording="Z załącznikami.")
    assert sorted(comment.attachments.values_list("name", flat=True)) == [
        "opinia-0.pdf",
        "opinia-1.pdf",
    ]


def test_a_file_of_a_refused_type_stores_nothing(login, scene, ngo, ngo_representative):
    response = login(ngo_representative).post(
        create_url(scene, "§ 3"),
        {
            "organisation": str(ngo.pk),
            "proposed_wording": "Z programem.",
            "justification": "Uzasadnienie.",
            "action": "submit",
            "attachments": [SimpleUploadedFile("program.exe", b"MZ\x90\x00\x03\x00\x00")],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Comment.objects.filter(proposed_wording="Z programem.").exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("opinia.pdf", b"%PDF-1.7 junk", "nie jest kompletnym dokumentem PDF"),
        (
            "opinia.docx",
            bomb("word/document.xml", 20 * 1024 * 1024, extra={"[Content_Types].xml": b"<T/>"}),
            "Po rozpakowaniu plik zajmuje",
        ),
    ],
    ids=["fake-pdf", "zip-bomb"],
)
def test_a_fake_pdf_or_a_zip_bomb_is_refused_at_the_attachments(
    login, scene, ngo, ngo_representative, name, data, message
):
    response = login(ngo_representative).post(
        create_url(scene, "§ 3"),
        {
            "organisation": str(ngo.pk),
            "proposed_wording": "Z podróbką.",
            "justification": "Uzasadnienie.",
            "action": "submit",
            "attachments": [SimpleUploadedFile(name, data)],
        },
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].non_field_errors())
    assert message in response.content.decode()
    assert not Comment.objects.filter(proposed_wording="Z podróbką.").exists()


# --- Editing ----------------------------------------------------------------------------


def edit_url(comment) -> str:
    return reverse("consultations:comment_edit", args=[comment.pk])


def test_a_member_changes_the_draft_and_the_representative_submits_it(
    login, scene, ngo_member, ngo_representative
):
    draft = scene.draft
    login(ngo_member).post(
        edit_url(draft),
        {
            "revision": draft.revision,
            "proposed_wording": "Wykonanie uchwały powierza się Prezydentowi.",
            "justification": "Doprecyzowanie.",
            "action": "draft",
        },
    )
    draft.refresh_from_db()
    assert draft.proposed_wording == "Wykonanie uchwały powierza się Prezydentowi."

    client = login(ngo_representative)
    mine = client.get(reverse("consultations:my_comments"))
    submit_url = reverse("consultations:comment_submit", args=[draft.pk])
    assert submit_url in mine.content.decode()
    response = client.post(submit_url)
    assert response["Location"] == reverse("consultations:comment_receipt", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.status == CommentStatus.SUBMITTED


def test_a_stale_edit_shows_the_current_text_and_keeps_the_users_own(login, scene, ngo_member):
    draft = scene.draft
    client = login(ngo_member)
    opened = client.get(edit_url(draft))
    revision = opened.context["form"].initial["revision"]
    # Meanwhile a colleague saves another text.
    services.comment_update(
        comment=draft,
        actor=ngo_member,
        expected_revision=revision,
        proposed_wording="Tekst kolegi.",
    )
    data = {
        "revision": revision,
        "proposed_wording": "Mój tekst.",
        "justification": "Moje uzasadnienie.",
        "action": "draft",
    }
    response = client.post(edit_url(draft), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tekst kolegi." in html  # the current version, shown
    assert "Mój tekst." in html  # the user's own, kept in the form
    draft.refresh_from_db()
    assert draft.proposed_wording == "Tekst kolegi."
    # The form now carries the current revision: saving again, knowingly, replaces it.
    assert response.context["form"].data["revision"] == str(draft.revision)
    client.post(edit_url(draft), {**data, "revision": draft.revision})
    draft.refresh_from_db()
    assert draft.proposed_wording == "Mój tekst."


def test_an_edit_after_the_deadline_is_refused_with_the_text_kept(login, scene, ngo_representative):
    comment = scene.submitted
    with at(scene.consultation, AFTER):
        response = login(ngo_representative).post(
            edit_url(comment),
            {
                "revision": comment.revision,
                "proposed_wording": "Poprawka po czasie.",
                "justification": "Za późno.",
                "action": "draft",
            },
        )
    assert response.status_code == 200
    assert "Poprawka po czasie." in response.content.decode()
    comment.refresh_from_db()
    assert comment.proposed_wording != "Poprawka po czasie."


def test_a_representative_changes_a_submitted_comment_as_a_new_version(
    login, scene, ngo_representative
):
    comment = scene.submitted
    client = login(ngo_representative)
    page = client.get(edit_url(comment)).content.decode()
    assert 'name="action" value="submit"' in page  # the save button
    assert "Zapisz zmiany w złożonej uwadze" in page
    assert "może złożyć tylko przedstawiciel" not in page  # the old, wrong message

    response = client.post(
        edit_url(comment),
        {
            "revision": comment.revision,
            "proposed_wording": "Uchwała wchodzi w życie po 30 dniach.",
            "justification": "Więcej czasu na przygotowanie.",
            "action": "submit",
        },
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.proposed_wording == "Uchwała wchodzi w życie po 30 dniach."
    assert comment.version == 2
    assert comment.versions.count() == 2


def test_a_member_cannot_change_a_submitted_comment(login, scene, ngo_member):
    assert login(ngo_member).get(edit_url(scene.submitted)).status_code == 404


# --- Withdrawing and my comments --------------------------------------------------------


def test_a_representative_withdraws_after_confirming(login, scene, ngo_representative):
    client = login(ngo_representative)
    url = reverse("consultations:comment_withdraw", args=[scene.submitted.pk])
    confirmation = client.get(url)
    assert scene.submitted.tracking_number in confirmation.content.decode()
    response = client.post(url)
    assert response["Location"] == reverse("consultations:my_comments")
    scene.submitted.refresh_from_db()
    assert scene.submitted.status == CommentStatus.WITHDRAWN


def test_my_comments_lists_drafts_and_submissions_with_published_answers(
    login, scene, official, ngo_member
):
    client = login(ngo_member)
    html = client.get(reverse("consultations:my_comments")).content.decode()
    assert "Wykonanie uchwały powierza się Burmistrzowi." in html  # the draft
    assert scene.submitted.tracking_number in html
    assert "Uwzględniono częściowo." not in html

    publish_report(scene, official)
    with at(scene.consultation, AFTER):
        html = client.get(reverse("consultations:my_comments")).content.decode()
    assert "Uwzględniono częściowo." in html
    assert "badge-disposition-partly_accepted" in html
