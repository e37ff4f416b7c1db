"""The documents' scenes.

- ``published_report(count=3)``: a consultation whose report is published, with NGO
  comments on two provisions (Polish text, receipt numbers), each answered.
- ``rendered_report``: that report rendered and signed once per test process (rendering is
  slow), kept as the PDF's bytes and what its document row said; ``issued(rendered)``
  records such a document in a test's database.
- ``fake_rendering``: instant stand-ins for rendering and signing, for tests of the flow.
- the council's scene of ``tests/opinions/conftest.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from consultations.models import ConsultationStatus
from documents import services
from documents.models import Document, DocumentStatus
from tests import factories

POLISH = "Zażółć gęślą jaźń — „cudzysłów” § 3"


def make_published_report(count: int = 3):
    now = timezone.now()
    published = factories.ConsultationFactory(
        title="Konsultacje programu współpracy z organizacjami pozarządowymi",
        starts_at=now - dt.timedelta(days=30),
        ends_at=now - dt.timedelta(days=5),
        status=ConsultationStatus.REPORT_PUBLISHED,
        report_published_at=now - dt.timedelta(days=1),
    )
    version = published.version
    labelled = [
        factories.ProvisionFactory(version=version, label="§ 3 ust. 1", anchor="p-3-1", order=1),
        factories.ProvisionFactory(version=version, label="§ 5", anchor="p-5", order=2),
    ]
    made = []
    for number in range(count):
        comment = factories.CommentFactory(
            consultation=published,
            provision=labelled[number % 2],
            proposed_wording=f"{POLISH} — propozycja {number + 1}.",
            submitted_at=now - dt.timedelta(days=10, minutes=number),
        )
        factories.AnswerFactory(comment=comment, justification="Uwagę uwzględniono częściowo.")
        made.append(comment)
    return published, made


@pytest.fixture
def published_report(db):
    return make_published_report


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    sha256: str
    signature_sha256: str
    title: str
    code: str
    pages: int
    signer: str
    receipt_numbers: list[str]


_rendered: dict[str, Rendered] = {}


@pytest.fixture
def rendered_report(db) -> Rendered:
    """The report rendered and signed once per test process (rendering is slow), kept as
    bytes and what its document row said; the row itself is removed again, so a test
    records it with ``issued`` when it needs it."""
    if "report" not in _rendered:
        published, made = make_published_report(count=4)
        document = services.document_queue(kind="consultation_report", subject=published)
        assert services.document_render(document_id=document.pk)
        document.refresh_from_db()
        with document.file.open("rb") as file:
            pdf = file.read()
        _rendered["report"] = Rendered(
            pdf=pdf,
            sha256=document.sha256,
            signature_sha256=document.signature_sha256,
            title=document.title,
            code=document.verification_code,
            pages=document.pages or 0,
            signer=document.signer,
            receipt_numbers=[comment.tracking_number for comment in made],
        )
        document.file.delete(save=False)
        document.delete()
    return _rendered["report"]


def issued(rendered: Rendered) -> Document:
    """The rendered document recorded as issued here (in the test's own database)."""
    return Document.objects.create(
        kind="consultation_report",
        subject_id=1,
        title=rendered.title,
        data_hash="0" * 64,
        status=DocumentStatus.READY,
        verification_code=rendered.code,
        sha256=rendered.sha256,
        signature_sha256=rendered.signature_sha256,
        size=len(rendered.pdf),
        pages=rendered.pages,
        signer=rendered.signer,
        test_signature=True,
        ready_at=timezone.now(),
    )


# The council's scene (tests/opinions/conftest.py), for documents of positions.
from tests.opinions.conftest import (  # noqa: E402, F401
    _empty_cache,
    chair,
    comments,
    consultation,
    council,
    council_member,
    former_member,
    make_member,
    members,
    opinion,
    position_in,
    provisions,
    recused_member,
    secretary,
    term,
)


@dataclass
class FakeTools:
    renders: int = 0
    signs: int = 0


@pytest.fixture
def fake_rendering(monkeypatch) -> FakeTools:
    """Rendering and signing replaced by instant stand-ins (a small valid PDF), for tests
    of the flow rather than of the PDF; counts the calls."""
    from documents.rendering import RenderedPdf
    from documents.signing import SignedPdf
    from tests.pdf import minimal_pdf

    tools = FakeTools()

    def render(html):
        tools.renders += 1
        assert "<html" in html
        return RenderedPdf(data=minimal_pdf(f"render {tools.renders}"), pages=1)

    def sign(pdf, *, number, code):
        tools.signs += 1
        return SignedPdf(
            data=pdf + f"% signed {code}\n".encode(),
            signer="Konsultacje – podpis testowy",
            test_signature=True,
            signature_sha256=f"{tools.signs:064d}",
        )

    monkeypatch.setattr(services, "render_pdf", render)
    monkeypatch.setattr(services, "sign_pdf", sign)
    return tools


def make_receipt_comment(*, department, organisation, author, **changes):
    """A comment of ``organisation`` submitted on ``§ 7 ust. 2`` of a consultation run by
    ``department``, then changed once after submission: its version 1 is what was
    submitted (Polish text), version 2 (the comment's own text now) is the change."""
    from consultations.models import CommentVersion

    consulted = factories.ConsultationFactory(
        title="Konsultacje programu „Zielony Sopot”", version__act__department=department
    )
    provision = factories.ProvisionFactory(
        version=consulted.version, label="§ 7 ust. 2", anchor="p-7-2", order=1
    )
    submitted_at = timezone.now().replace(microsecond=0) - dt.timedelta(hours=2, seconds=9)
    fields = {
        "consultation": consulted,
        "provision": provision,
        "organisation": organisation,
        "organisation_name": organisation.name,
        "author": author,
        "proposed_wording": f"{POLISH} — brzmienie złożone.",
        "justification": "Uzasadnienie złożone: źródło, ćwiczenie.",
        "submitted_at": submitted_at,
    }
    comment = factories.CommentFactory(**{**fields, **changes})
    if comment.tracking_number:
        CommentVersion.objects.create(
            comment=comment,
            number=1,
            provision=provision,
            proposed_wording=comment.proposed_wording,
            justification=comment.justification,
            created_at=submitted_at,
            edited_by=author,
        )
        comment.proposed_wording = "Brzmienie zmienione po złożeniu."
        comment.version = 2
        comment.save()
        CommentVersion.objects.create(
            comment=comment,
            number=2,
            provision=provision,
            proposed_wording=comment.proposed_wording,
            justification=comment.justification,
            created_at=submitted_at + dt.timedelta(hours=1),
            edited_by=author,
        )
    return comment


@pytest.fixture
def receipt_comment(department, ngo, ngo_member):
    return make_receipt_comment(department=department, organisation=ngo, author=ngo_member)
