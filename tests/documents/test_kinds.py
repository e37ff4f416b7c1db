"""The council term report and the comment receipt as documents: who sees them (the fields
each persona receives), the draft comment's refusal, the data they are rendered from, and
their status sections on the term's and the receipt's pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from consultations.models import CommentStatus
from consultations.receipts import comment_receipt_data
from core.dates import moment_text
from documents import registry
from documents.models import Document
from opinions.selectors import term_report_document_data
from tests.documents.conftest import POLISH, make_receipt_comment
from tests.documents.test_api import FIELDS, ready_document

pytestmark = pytest.mark.django_db

URL = "/api/v1/documents/"
ERROR_FIELDS = {"message", "code", "extra"}


# --- The comment receipt ------------------------------------------------------------------


def test_the_receipt_is_its_organisations_and_the_officials(
    api_as,
    receipt_comment,
    ngo_member,
    ngo_representative,
    official,
    administrator,
    other_official,
    other_ngo_representative,
    resident,
    anonymous,
):
    document = ready_document("comment_receipt", receipt_comment.pk)
    query = {"kind": "comment_receipt", "subject": receipt_comment.pk}
    for insider in (ngo_member, ngo_representative, official, administrator):
        client = api_as(insider)
        [listed] = client.get(URL, query).json()
        assert set(listed) == FIELDS
        shown = client.get(f"{URL}{document.pk}/").json()
        assert set(shown) == FIELDS
        assert shown["files"] == {"pdf": f"{URL}{document.pk}/file/"}
        assert client.get(f"{URL}{document.pk}/file/").status_code == 200
    for outsider in (other_official, other_ngo_representative, resident, anonymous):
        client = api_as(outsider)
        for response in (
            client.get(URL, query),
            client.get(f"{URL}{document.pk}/"),
            client.get(f"{URL}{document.pk}/file/"),
        ):
            assert response.status_code == 404
            assert set(response.json()) == ERROR_FIELDS
        assert client.post(URL, query, format="json").status_code in (401, 403, 404)
    assert Document.objects.filter(kind="comment_receipt").count() == 1


def test_the_author_asks_for_the_receipt_and_gets_one_document(
    api_as, receipt_comment, ngo_member, official
):
    body = {"kind": "comment_receipt", "subject": receipt_comment.pk}
    first = api_as(ngo_member).post(URL, body, format="json")
    assert first.status_code == 202
    assert set(first.json()) == FIELDS
    assert first.json()["title"] == (
        f"Potwierdzenie złożenia uwag nr {receipt_comment.tracking_number}"
    )
    again = api_as(official).post(URL, body, format="json")
    assert again.json()["id"] == first.json()["id"]


def test_a_draft_comment_has_no_receipt(api_as, department, ngo, ngo_member):
    draft = make_receipt_comment(
        department=department,
        organisation=ngo,
        author=ngo_member,
        status=CommentStatus.DRAFT,
        submitted_at=None,
        submitted_by=None,
        tracking_number=None,
    )
    response = api_as(ngo_member).post(
        URL, {"kind": "comment_receipt", "subject": draft.pk}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "comment_not_submitted"
    assert response.json()["message"].startswith("Szkic uwagi nie ma potwierdzenia złożenia.")
    assert not Document.objects.filter(kind="comment_receipt").exists()


def test_the_receipt_says_what_was_submitted_not_what_was_changed_since(receipt_comment):
    data = comment_receipt_data(comment=receipt_comment)
    assert data.tracking_number == receipt_comment.tracking_number
    assert data.submitted_at == receipt_comment.submitted_at
    assert moment_text(data.submitted_at).count(":") == 2  # to the second, Warsaw time
    assert data.consultation_title == "Konsultacje programu „Zielony Sopot”"
    assert data.provision_label == "§ 7 ust. 2"
    assert data.organisation == "Stowarzyszenie Przyjaciół Sopotu"
    assert data.proposed_wording == f"{POLISH} — brzmienie złożone."
    assert "zmienione" not in data.proposed_wording


def test_the_receipt_keeps_the_organisations_name_when_it_submitted(receipt_comment, ngo):
    ngo.name = "Nowa nazwa stowarzyszenia"
    ngo.save()
    receipt_comment.refresh_from_db()
    assert comment_receipt_data(comment=receipt_comment).organisation == (
        "Stowarzyszenie Przyjaciół Sopotu"
    )


def test_the_receipt_page_shows_its_documents_and_asks_for_one(
    client_as, receipt_comment, ngo_member, worker
):
    client = client_as(ngo_member)
    page_url = reverse("consultations:comment_receipt", args=[receipt_comment.pk])
    page = client.get(page_url).content.decode()
    assert "Dokumenty (PDF)" in page
    assert "Wygeneruj PDF aktualnej wersji" in page

    response = client.post(
        reverse("documents:request"),
        {"kind": "comment_receipt", "subject": receipt_comment.pk, "next": page_url},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == page_url
    assert "w kolejce" in response.content.decode()
    ready = ready_document("comment_receipt", receipt_comment.pk, version=1)
    page = client.get(page_url).content.decode()
    assert reverse("documents:download", args=[ready.pk]) in page
    assert "?format=docx" not in page  # a receipt is a PDF only


# --- The term report ----------------------------------------------------------------------


def test_the_term_report_is_everyones(
    api_as, term, council_member, other_ngo_representative, official, anonymous
):
    document = ready_document("term_report", term.pk)
    query = {"kind": "term_report", "subject": term.pk}
    for viewer in (council_member, other_ngo_representative, official, anonymous):
        client = api_as(viewer)
        [listed] = client.get(URL, query).json()
        assert set(listed) == FIELDS
        assert listed["id"] == document.pk
        assert client.get(f"{URL}{document.pk}/file/").status_code == 200
    assert api_as(anonymous).post(URL, query, format="json").status_code in (401, 403)
    asked = api_as(other_ngo_representative).post(URL, query, format="json")
    assert asked.status_code == 202
    assert asked.json()["title"] == (
        "Sprawozdanie z działalności – Sopocka Rada Organizacji Pozarządowych: Kadencja 2026–2029"
    )


def test_an_unknown_term_or_comment_is_refused(api_as, council_member):
    client = api_as(council_member)
    for kind in ("term_report", "comment_receipt"):
        response = client.post(URL, {"kind": kind, "subject": 999_999}, format="json")
        assert response.status_code == 404
        assert set(response.json()) == ERROR_FIELDS
        assert client.get(URL, {"kind": kind, "subject": 999_999}).status_code == 404


def test_the_term_reports_data_is_plain_and_names_what_was_adopted(position_in, term, chair):
    position = position_in("adopted")
    data = term_report_document_data(term=term)
    assert data.adopted_count == 1
    assert data.votes_closed == 1
    [line] = [line for group in data.kinds for line in group.positions]
    assert line.number_label == position.number_label
    assert {member.name for member in data.members} >= {str(chair)}
    assert data.signatories[0].name == str(chair)
    spec = registry.get("term_report")
    assert spec is not None
    # The same report read again is the same document: nothing in it moves with the clock.
    assert registry.data_hash(spec, data) == registry.data_hash(
        spec, term_report_document_data(term=term)
    )


def test_the_term_page_shows_the_reports_documents(client, term):
    document = ready_document("term_report", term.pk)
    page = client.get(reverse("council:term_detail", args=[term.pk])).content.decode()
    assert "Dokumenty (PDF)" in page
    assert reverse("documents:download", args=[document.pk]) in page
    assert "Wygeneruj PDF" not in page  # the public sees it but asks for none


def test_a_receipts_documents_are_listed_in_a_fixed_number_of_queries(
    api_as, receipt_comment, ngo_member, django_assert_num_queries
):
    client = api_as(ngo_member)
    query = {"kind": "comment_receipt", "subject": receipt_comment.pk}
    ready_document("comment_receipt", receipt_comment.pk, 1)
    # The comment (with its consultation's act, department, authority, organisation and
    # submitter), the viewer's memberships, the documents.
    with django_assert_num_queries(3):
        assert len(client.get(URL, query).json()) == 1
    for version in range(2, 12):
        ready_document("comment_receipt", receipt_comment.pk, version)
    client = api_as(ngo_member)
    with django_assert_num_queries(3):
        assert len(client.get(URL, query).json()) == 11
