"""A comment keeps the name its organisation had when it was submitted: its receipt, the
lists, the API and the report say it after the organisation was renamed."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from accounts import services as account_services
from accounts.models import OrganisationChange
from consultations import report, services
from consultations.models import Comment
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import comment_on, submitted

pytestmark = pytest.mark.django_db

OLD_NAME = "Stowarzyszenie Przyjaciół Sopotu"
NEW_NAME = "Stowarzyszenie Nowa Nazwa"


def approve_rename(ngo, representative, administrator):
    account_services.organisation_update(organisation=ngo, actor=representative, name=NEW_NAME)
    account_services.organisation_change_approve(
        change=OrganisationChange.objects.get(), actor=administrator
    )
    ngo.refresh_from_db()
    assert ngo.name == NEW_NAME


def test_a_comment_written_and_submitted_at_once_stores_the_name(
    consultation, provisions, ngo, ngo_representative
):
    comment = submitted(consultation, ngo_representative, ngo, provisions[3])

    assert comment.organisation_name == OLD_NAME
    assert Comment.objects.get(pk=comment.pk).organisation_name == OLD_NAME


def test_a_submitted_draft_stores_the_name_and_a_draft_has_none(
    consultation, provisions, ngo, ngo_representative
):
    draft = comment_on(consultation, ngo_representative, organisation=ngo)
    assert Comment.objects.get(pk=draft.pk).organisation_name == ""

    comment = services.comment_submit(comment=draft, actor=ngo_representative)

    assert comment.organisation_name == OLD_NAME
    assert Comment.objects.get(pk=draft.pk).organisation_name == OLD_NAME


def test_a_residents_comment_has_no_organisation_name(consultation, resident):
    comment = comment_on(consultation, resident, submit=True)
    assert comment.organisation_name == ""
    assert comment.organisation_label == ""


def test_the_report_names_the_organisation_as_it_was_when_it_submitted(
    consultation, provisions, ngo, ngo_representative, administrator
):
    submitted(consultation, ngo_representative, ngo, provisions[3])
    approve_rename(ngo, ngo_representative, administrator)

    data = report.report_data(consultation=consultation)

    assert [row.author for row in data.comments] == [OLD_NAME]
    assert data.participants == [OLD_NAME]
    assert NEW_NAME not in report.report_csv(data)


def test_the_receipt_keeps_the_old_name_and_a_new_draft_takes_the_new_one(
    client, consultation, provisions, ngo, ngo_representative, administrator
):
    comment = submitted(consultation, ngo_representative, ngo, provisions[3])
    approve_rename(ngo, ngo_representative, administrator)
    client.force_login(ngo_representative)

    page = client.get(reverse("consultations:comment_receipt", args=[comment.pk]))

    assert page.status_code == 200
    assert OLD_NAME in page.content.decode()
    assert NEW_NAME not in page.content.decode()
    draft = comment_on(consultation, ngo_representative, organisation=ngo)
    assert draft.organisation_label == NEW_NAME


def test_the_api_lists_the_comment_under_the_old_name(
    api_as, consultation, provisions, ngo, ngo_representative, administrator
):
    comment = submitted(consultation, ngo_representative, ngo, provisions[3])
    approve_rename(ngo, ngo_representative, administrator)

    rows = api_as(None).get(f"/api/v1/consultations/{consultation.pk}/comments/").json()
    row = next(row for row in rows["results"] if row["id"] == comment.pk)

    assert row["organisation"] == {"id": ngo.pk, "name": OLD_NAME}
    assert row["author"] == OLD_NAME


def test_the_migration_fills_the_name_of_submitted_comments_only(
    consultation, provisions, ngo, ngo_representative
):
    comment = submitted(consultation, ngo_representative, ngo, provisions[3])
    draft = comment_on(consultation, ngo_representative, organisation=ngo)
    Comment.objects.filter(pk=comment.pk).update(organisation_name="")
    migration = importlib.import_module(
        "consultations.migrations.0007_comment_organisation_name_snapshot"
    )

    migration.fill_snapshot(apps, None)

    assert Comment.objects.get(pk=comment.pk).organisation_name == OLD_NAME
    assert Comment.objects.get(pk=draft.pk).organisation_name == ""
