"""The documents' API by persona: asking (202, the same document for unchanged data), a
subject's documents, one document, its file; a draft position's documents only for the
council, an adopted position's and a published report's for everyone."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.base import ContentFile

from documents.models import Document, DocumentStatus
from tests.pdf import minimal_pdf

pytestmark = pytest.mark.django_db

URL = "/api/v1/documents/"
FIELDS = {
    "id",
    "kind",
    "subject",
    "title",
    "status",
    "status_label",
    "error",
    "data_hash",
    "sha256",
    "size",
    "pages",
    "signer",
    "test_signature",
    "verification_code",
    "verification_url",
    "file_url",
    "files",
    "created_at",
    "ready_at",
}


def ready_document(kind: str, subject_id: int, version: int = 0) -> Document:
    data = minimal_pdf(f"{kind} {subject_id} {version}")
    document = Document.objects.create(
        kind=kind,
        subject_id=subject_id,
        title="Uchwała",
        data_hash=hashlib.sha256(str(version).encode()).hexdigest(),
        status=DocumentStatus.READY,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        pages=1,
    )
    document.file.save(document.filename, ContentFile(data))
    return document


def test_asking_answers_202_and_the_same_document_for_unchanged_data(
    api_as, position_in, council_member, worker
):
    position = position_in("draft")
    client = api_as(council_member)
    first = client.post(URL, {"kind": "position", "subject": position.pk}, format="json")
    again = client.post(URL, {"kind": "position", "subject": position.pk}, format="json")
    assert first.status_code == again.status_code == 202
    assert set(first.json()) == FIELDS
    assert first.json()["status"] == "queued"
    assert first.json()["status_label"] == "w kolejce"
    assert first.json()["file_url"] is None
    assert again.json()["id"] == first.json()["id"]
    assert worker.names == []  # the answer's transaction is the test's; nothing committed


def test_a_draft_positions_documents_are_only_for_the_council(
    api_as, position_in, council_member, official, other_ngo_representative, anonymous
):
    position = position_in("draft")
    document = ready_document("position", position.pk)
    for outsider in (official, other_ngo_representative, anonymous):
        client = api_as(outsider)
        assert client.get(f"{URL}{document.pk}/").status_code == 404
        assert client.get(f"{URL}{document.pk}/file/").status_code == 404
        assert client.get(URL, {"kind": "position", "subject": position.pk}).status_code == 404
    refused = api_as(official).post(URL, {"kind": "position", "subject": position.pk})
    assert refused.status_code == 404
    assert set(refused.json()) == {"message", "code", "extra"}
    assert api_as(anonymous).post(
        URL, {"kind": "position", "subject": position.pk}
    ).status_code in (
        401,
        403,
    )

    member = api_as(council_member)
    assert member.get(f"{URL}{document.pk}/").json()["id"] == document.pk
    assert member.get(f"{URL}{document.pk}/file/").status_code == 200


def test_an_adopted_positions_document_is_for_everyone_with_its_file(
    api_as, position_in, anonymous
):
    position = position_in("adopted")
    document = ready_document("position", position.pk)
    client = api_as(anonymous)
    shown = client.get(f"{URL}{document.pk}/").json()
    assert shown["file_url"] == f"{URL}{document.pk}/file/"
    assert shown["verification_url"].endswith(f"/documents/verify/{document.verification_code}/")
    response = client.get(shown["file_url"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(f'attachment; filename="{document.filename}"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private"
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == document.sha256


def test_a_published_reports_documents_are_listed_newest_first_for_everyone(
    api_as, published_report, anonymous, django_assert_num_queries
):
    consultation, _comments = published_report()
    older = ready_document("consultation_report", consultation.pk, 1)
    newer = ready_document("consultation_report", consultation.pk, 2)
    client = api_as(anonymous)
    query = {"kind": "consultation_report", "subject": consultation.pk}
    # The consultation (with its act's department and authority) and the documents.
    with django_assert_num_queries(2):
        listed = client.get(URL, query)
    assert [row["id"] for row in listed.json()] == [newer.pk, older.pk]

    for version in range(3, 13):
        ready_document("consultation_report", consultation.pk, version)
    with django_assert_num_queries(2):
        assert len(client.get(URL, query).json()) == 12


def test_a_report_not_yet_published_has_no_public_documents(api_as, anonymous, db):
    from tests import factories

    consultation = factories.ConsultationFactory()
    response = api_as(anonymous).get(
        URL, {"kind": "consultation_report", "subject": consultation.pk}
    )
    assert response.status_code == 404


def test_bad_input_gets_a_clear_error(api_as, council_member, english):
    client = api_as(council_member)
    unknown = client.post(URL, {"kind": "term_sheet", "subject": 1}, format="json")
    assert unknown.status_code == 400
    assert "term_sheet" in unknown.json()["message"]
    assert client.post(URL, {"kind": "position"}, format="json").status_code == 400
    assert client.get(URL, {"kind": "position"}).status_code == 400
    assert client.get(f"{URL}999999/").status_code == 404


def test_a_document_not_ready_has_no_file(api_as, position_in, anonymous):
    position = position_in("adopted")
    document = Document.objects.create(
        kind="position", subject_id=position.pk, title="x", data_hash="c" * 64
    )
    assert api_as(anonymous).get(f"{URL}{document.pk}/file/").status_code == 404
