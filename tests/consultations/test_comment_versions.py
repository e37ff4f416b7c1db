"""A submitted comment changed before the end keeps every submitted wording with its time
(``CommentVersion``); the API and the pages show that it changed and what it said before,
to whoever may read its text; the report gives the final version and when it changed."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from consultations import report, services
from consultations.models import CommentVersion
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import AFTER, at, comment_on, submitted

pytestmark = pytest.mark.django_db


def change(comment, actor, **fields):
    return services.comment_update(
        comment=comment, actor=actor, expected_revision=comment.revision, **fields
    )


# --- Services ---------------------------------------------------------------------------


def test_a_comment_submitted_in_one_request_is_version_one(
    consultation, provisions, ngo, ngo_representative
):
    comment = submitted(consultation, ngo_representative, ngo, provisions[2])

    [version] = CommentVersion.objects.filter(comment=comment)
    assert (comment.version, version.number) == (1, 1)
    assert version.created_at == comment.submitted_at
    assert version.proposed_wording == "Nowe brzmienie."
    assert version.provision_id == provisions[2].pk
    assert version.edited_by == ngo_representative
    assert comment.edited_at is None


def test_a_submitted_draft_is_version_one(
    consultation, provisions, ngo, ngo_member, ngo_representative
):
    draft = comment_on(consultation, ngo_member, organisation=ngo, provision=provisions[2])
    assert draft.version == 0
    assert not CommentVersion.objects.filter(comment=draft).exists()

    comment = services.comment_submit(comment=draft, actor=ngo_representative)

    version = CommentVersion.objects.get(comment=comment)
    assert (comment.version, version.number, version.created_at) == (1, 1, comment.submitted_at)


def test_a_change_after_submission_keeps_the_earlier_wording_with_its_time(
    consultation, provisions, ngo, ngo_representative
):
    comment = submitted(consultation, ngo_representative, ngo, provisions[2])
    changed = change(comment, ngo_representative, proposed_wording="Drugie brzmienie.")

    assert changed.version == 2
    assert changed.edited_at is not None
    assert changed.edited_at >= comment.submitted_at
    first, second = CommentVersion.objects.filter(comment=comment).order_by("number")
    assert (first.number, first.proposed_wording) == (1, "Nowe brzmienie.")
    assert (second.number, second.proposed_wording) == (2, "Drugie brzmienie.")
    assert second.created_at == changed.edited_at
    assert second.justification == "Bo tak będzie lepiej."


def test_changing_a_draft_adds_no_version(consultation, provisions, ngo, ngo_member):
    draft = comment_on(consultation, ngo_member, organisation=ngo, provision=provisions[2])
    changed = change(draft, ngo_member, proposed_wording="Inne brzmienie.")
    assert (changed.version, changed.edited_at) == (0, None)
    assert not CommentVersion.objects.filter(comment=draft).exists()


# --- Proposed wording: starts empty, never a copy of the provision ----------------------


def test_the_proposed_wording_starts_empty(consultation, provisions, ngo, ngo_member):
    draft = services.comment_create(
        consultation=consultation,
        actor=ngo_member,
        organisation=ngo,
        provision=provisions[2],
        justification="Uwaga ogólna.",
    )
    assert draft.proposed_wording == ""


def test_a_proposal_identical_to_the_provision_is_refused(
    consultation, provisions, ngo, ngo_member, ngo_representative, english
):
    provision = provisions[2]
    copied = "  " + "\n".join(provision.text.split()) + "\n"  # the same words, other spacing
    with pytest.raises(ValidationError) as error:
        comment_on(
            consultation, ngo_member, organisation=ngo, provision=provision, proposed_wording=copied
        )
    assert "the same as the current text" in error.value.message_dict["proposed_wording"][0]

    comment = submitted(consultation, ngo_representative, ngo, provision)
    with pytest.raises(ValidationError):
        change(comment, ngo_representative, proposed_wording=provision.text)
    comment.refresh_from_db()
    assert (comment.version, comment.proposed_wording) == (1, "Nowe brzmienie.")


def test_the_api_refuses_a_proposal_identical_to_the_provision(
    api_as, consultation, provisions, ngo, ngo_representative
):
    provision = provisions[2]
    response = api_as(ngo_representative).post(
        f"/api/v1/consultations/{consultation.pk}/comments/",
        {
            "provision": provision.pk,
            "organisation": ngo.pk,
            "proposed_wording": provision.text,
            "justification": "Uzasadnienie.",
            "submit": True,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "proposed_wording" in response.json()["extra"]["fields"]


# --- The API ----------------------------------------------------------------------------


def test_the_api_names_the_version_and_lists_the_versions(
    api_as, consultation, provisions, ngo, ngo_representative
):
    comment = submitted(consultation, ngo_representative, ngo, provisions[2])
    changed = change(comment, ngo_representative, justification="Lepsze uzasadnienie.")

    shown = api_as(None).get(f"/api/v1/comments/{comment.pk}/").json()
    assert shown["version"] == 2
    assert shown["edited_at"] is not None

    response = api_as(None).get(f"/api/v1/comments/{comment.pk}/versions/")
    assert response.status_code == 200
    versions = response.json()
    assert [version["number"] for version in versions] == [1, 2]
    assert [version["justification"] for version in versions] == [
        "Bo tak będzie lepiej.",
        "Lepsze uzasadnienie.",
    ]
    assert versions[1]["created_at"] == shown["edited_at"]
    assert changed.version == 2
    # The public reads the organisation's comment, not the names behind it.
    assert {version["edited_by"] for version in versions} == {None}
    insider = api_as(ngo_representative).get(f"/api/v1/comments/{comment.pk}/versions/").json()
    assert {version["edited_by"] for version in insider} == {ngo_representative.full_name}


def test_whoever_may_not_read_a_hidden_comment_may_not_read_its_versions(
    api_as, consultation, provisions, ngo, ngo_representative, official
):
    comment = submitted(consultation, ngo_representative, ngo, provisions[2])
    change(comment, ngo_representative, proposed_wording="Drugie brzmienie.")
    services.comment_hide(comment=comment, actor=official, reason="Treść obraźliwa.")
    url = f"/api/v1/comments/{comment.pk}/versions/"

    assert api_as(None).get(url).status_code == 403
    assert api_as(ngo_representative).get(url).status_code == 200
    assert len(api_as(official).get(url).json()) == 2


def test_a_draft_and_its_versions_stay_with_its_authors(
    api_as, consultation, provisions, ngo, ngo_member, other_ngo_representative
):
    draft = comment_on(consultation, ngo_member, organisation=ngo, provision=provisions[2])
    url = f"/api/v1/comments/{draft.pk}/versions/"
    assert api_as(other_ngo_representative).get(url).status_code == 404
    assert api_as(ngo_member).get(url).json() == []


# --- Pages ------------------------------------------------------------------------------


def test_the_page_marks_a_changed_comment_and_links_its_earlier_wording(
    client_as, consultation, provisions, ngo, ngo_representative, official
):
    comment = submitted(consultation, ngo_representative, ngo, provisions[2])
    unchanged = submitted(
        consultation, ngo_representative, ngo, provisions[3], proposed_wording="Bez zmian."
    )
    change(comment, ngo_representative, proposed_wording="Drugie brzmienie.")
    versions_url = reverse("consultations:comment_versions", args=[comment.pk])

    page = client_as(None).get(reverse("consultations:detail", args=[consultation.pk]))
    html = page.content.decode()
    assert versions_url in html
    assert "zmieniono" in html
    assert reverse("consultations:comment_versions", args=[unchanged.pk]) not in html

    versions = client_as(None).get(versions_url).content.decode()
    assert versions.index("Drugie brzmienie.") < versions.index("Nowe brzmienie.")  # newest first

    services.comment_hide(comment=comment, actor=official, reason="Treść obraźliwa.")
    assert client_as(None).get(versions_url).status_code == 404
    assert client_as(official).get(versions_url).status_code == 200


def test_the_report_gives_the_final_version_and_when_it_changed(
    consultation, provisions, ngo, ngo_representative, official, client_as
):
    comment = submitted(consultation, ngo_representative, ngo, provisions[2])
    changed = change(comment, ngo_representative, proposed_wording="Ostateczne brzmienie.")
    with at(consultation, AFTER):
        services.answer_give(
            comment=changed, actor=official, disposition="accepted", justification="Tak."
        )
        services.report_publish(consultation=consultation, actor=official)
    data = report.report_data(consultation=consultation)

    [row] = data.comments
    assert (row.version, row.edited_at) == (2, changed.edited_at)
    assert row.proposed_wording == "Ostateczne brzmienie."
    html = client_as(None).get(reverse("consultations:report", args=[consultation.pk]))
    assert "zmieniono po złożeniu" in html.content.decode()
