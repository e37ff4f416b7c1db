"""Rotating the signing key keeps old documents verifiable: a report signed with key A
(``DOCUMENTS_SIGNING_P12`` naming A's PKCS#12), the key rotated to B (the variable naming
B's), a new document signed with B; the verification page still says A's document is
unchanged and validly signed, and B's too, each with its own signer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents import services
from documents.models import DocumentStatus
from documents.rendering import RenderedPdf
from tests.documents.conftest import make_published_report
from tests.pdf import minimal_pdf

pytestmark = pytest.mark.django_db


def signing_key(directory, common_name: str, password: str):
    """A PKCS#12 file of a self-signed signer named ``common_name``."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "PL"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    path = directory / f"{common_name.split()[-1]}.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"signer",
            key,
            certificate,
            None,
            serialization.BestAvailableEncryption(password.encode()),
        )
    )
    return path


@pytest.fixture
def quick_rendering(monkeypatch):
    """A one-page PDF instead of WeasyPrint's (the signature is real)."""
    monkeypatch.setattr(
        services,
        "render_pdf",
        lambda html: RenderedPdf(data=minimal_pdf("sprawozdanie"), pages=1),
    )


def issue_report(count: int):
    report, _comments = make_published_report(count=count)
    document = services.document_queue(kind="consultation_report", subject=report)
    assert services.document_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY
    return document


def upload(client, data: bytes) -> str:
    response = client.post(
        reverse("documents:verify"),
        {"file": SimpleUploadedFile("dokument.pdf", data, content_type="application/pdf")},
    )
    return response.content.decode()


def test_rotating_the_key_keeps_old_documents_verifiable(
    settings, tmp_path, client, quick_rendering
):
    settings.DOCUMENTS_SIGNING_P12 = str(signing_key(tmp_path, "Podpis klucz A", "hasło-a"))
    settings.DOCUMENTS_SIGNING_PASSWORD = "hasło-a"
    old = issue_report(count=1)

    settings.DOCUMENTS_SIGNING_P12 = str(signing_key(tmp_path, "Podpis klucz B", "hasło-b"))
    settings.DOCUMENTS_SIGNING_PASSWORD = "hasło-b"
    new = issue_report(count=2)

    assert (old.signer, new.signer) == ("Podpis klucz A", "Podpis klucz B")
    assert not old.test_signature
    for document in (old, new):
        with document.file.open("rb") as file:
            page = upload(client, file.read())
        assert "niezmieniony i ważnie podpisany" in page
        assert reverse("documents:verify_code", args=[document.verification_code]) in page
        code_page = client.get(
            reverse("documents:verify_code", args=[document.verification_code])
        ).content.decode()
        assert document.signer in code_page
