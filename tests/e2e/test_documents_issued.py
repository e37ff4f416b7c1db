"""Documents issued in a real browser: the secretary adopts a position by closing its vote,
and its page offers the resolution's signed PDF; an official publishes a consultation's
report, and anyone checks its PDF on the verification page by upload (the original, a copy
changed after signing, and a file that is not a PDF).

The consultation's deadline is checked against the database clock, which no test can
freeze; so the scene sits around the real present, and "after the end" is reached by moving
the end into the past (the rows, not the clock), as in ``test_consultations``. Tasks run
eagerly when the request commits, so a document is ready by the time the next page loads.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from acts import services as act_services
from consultations import services as consultation_services
from consultations.models import Comment, CommentStatus, Consultation, Disposition
from documents.models import Document
from opinions import services as opinion_services
from opinions.models import BallotChoice, Position, PositionStatus
from tests.acts.texts import SAMPLE_ACT
from tests.consultations.scenes import *  # noqa: F403
from tests.consultations.scenes import comment_on, submitted
from tests.opinions.pages import conftest as scene

pytestmark = pytest.mark.e2e

council = scene.council
term = scene.term
make_member = scene.make_member
chair = scene.chair
secretary = scene.secretary
council_member = scene.council_member
recused_member = scene.recused_member
former_member = scene.former_member
members = scene.members

POLISH_LETTERS = "Zażółć gęślą jaźń"


def run(tool: str, *arguments: str) -> str:
    """The standard output of a poppler-utils tool."""
    return subprocess.run(
        [shutil.which(tool) or tool, *arguments], capture_output=True, text=True, check=False
    ).stdout


def pdf_text(path: Path) -> str:
    """The text of the PDF, whitespace collapsed (lines wrap anywhere)."""
    return " ".join(run("pdftotext", "-enc", "UTF-8", str(path), "-").split())


def download_ready_pdf(page: Page, path: Path, *, title: str) -> Path:
    """Download the PDF of the document ``title`` from the documents section of the page."""
    item = page.locator(".document-status", has_text=title)
    expect(item).to_contain_text("gotowy", timeout=60_000)
    with page.expect_download() as started:
        item.get_by_role("link", name="Pobierz PDF").click()
    started.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF-")
    return path


# --- A position adopted -----------------------------------------------------------------


@pytest.fixture
def position_in_vote(members, term, council_member, chair, recused_member):
    """A position by circulation with every member's vote in but the secretary's."""
    position = scene.make_position(
        council_member,
        term,
        subject="stanowisko w sprawie lokali dla organizacji pozarządowych",
        items=(f"Rada popiera projekt. {POLISH_LETTERS}.",),
    )
    vote = scene.open_vote(position, chair)
    for voter in (chair, council_member, recused_member):
        opinion_services.ballot_cast(vote=vote, actor=voter, choice=BallotChoice.FOR)
    return Position.objects.get(pk=position.pk)


def test_the_secretary_adopts_a_position_and_its_page_offers_the_signed_resolution(
    page: Page, url, log_in, secretary, position_in_vote, tmp_path
):
    vote = position_in_vote.votes.get()
    log_in(secretary)
    page.goto(url(reverse("council:vote_detail", args=[vote.pk])))
    page.locator("#id_choice_0").check()  # for
    page.get_by_role("button", name="Oddaj głos").click()
    expect(page.locator(".my-ballot")).to_be_visible()

    # Closing adopts the position; its resolution's PDF is rendered and signed when the
    # request commits (inside the request, the first time in this process).
    page.get_by_role("button", name="Zamknij głosowanie i oblicz wynik").click(timeout=120_000)
    expect(page.locator(".messages [role=status]")).to_contain_text(
        "Stanowisko przyjęto jako Uchwała nr", timeout=120_000
    )
    position = Position.objects.select_related("council").get(pk=position_in_vote.pk)
    assert position.status == PositionStatus.ADOPTED
    number = position.number_label
    assert number

    page.goto(url(reverse("council:position_detail", args=[position.pk])))
    path = download_ready_pdf(page, tmp_path / "uchwala.pdf", title=f"Uchwała nr {number}")
    assert "Signature is Valid" in run("pdfsig", str(path))
    text = pdf_text(path)
    assert f"Uchwała nr {number}" in text
    assert POLISH_LETTERS in text

    # The public resolution page offers the same document.
    page.context.clear_cookies()
    page.goto(url(reverse("council:resolution_detail", args=[position.pk])))
    expect(page.locator(".document-status", has_text=f"Uchwała nr {number}")).to_contain_text(
        "gotowy"
    )


# --- A consultation's report published and verified -------------------------------------


@pytest.fixture
def published_version(official, department):
    act = act_services.act_create(
        actor=official,
        department=department,
        title="Projekt uchwały w sprawie programu współpracy",
        subject="w sprawie programu współpracy z organizacjami pozarządowymi",
    )
    version = act_services.version_create(act=act, actor=official, text=SAMPLE_ACT)
    return act_services.version_publish(version=version, actor=official)


@pytest.fixture
def answered_consultation(
    consultation, provisions, ngo, ngo_representative, resident, official
) -> Consultation:
    """Closed a minute ago, with three comments, each answered; the report not published."""
    by_label = {provision.label: provision for provision in provisions}
    submitted(
        consultation,
        ngo_representative,
        ngo,
        by_label["§ 1 ust. 2 pkt 1"],
        proposed_wording="konsultacje aktów prawa miejscowego i programów;",
        justification=f"Programy też wymagają konsultacji. {POLISH_LETTERS}.",
    )
    submitted(
        consultation,
        ngo_representative,
        ngo,
        by_label["§ 3"],
        proposed_wording="Uchwała wchodzi w życie po 14 dniach.",
        justification="Czas na przygotowanie.",
    )
    comment_on(
        consultation,
        resident,
        proposed_wording="",
        justification="Cały program jest zbyt ogólny.",
        submit=True,
    )
    Consultation.objects.filter(pk=consultation.pk).update(
        ends_at=timezone.now() - dt.timedelta(minutes=1)
    )
    consultation.refresh_from_db()
    for comment in Comment.objects.filter(
        consultation=consultation, status=CommentStatus.SUBMITTED
    ):
        consultation_services.answer_give(
            comment=comment,
            actor=official,
            disposition=Disposition.PARTLY_ACCEPTED,
            justification="Uwzględniono częściowo.",
        )
    return consultation


def changed_after_signing(original: Path, path: Path) -> Path:
    """A copy of ``original`` with one signed byte changed: the binary marker of the
    header's second line, so the file still parses."""
    data = bytearray(original.read_bytes())
    marker = data.index(b"\n%") + 2
    data[marker] = data[marker] ^ 0x01
    path.write_bytes(bytes(data))
    return path


def test_an_official_publishes_a_report_and_anyone_verifies_its_pdf_by_upload(
    page: Page, url, log_in, official, answered_consultation, tmp_path
):
    consultation = answered_consultation
    log_in(official)
    page.goto(url(reverse("consultations:publish_report", args=[consultation.pk])))
    # Publishing queues the report's PDF, rendered and signed when the request commits.
    page.get_by_role("button", name="Opublikuj sprawozdanie").click(timeout=120_000)
    expect(page).to_have_url(
        url(reverse("consultations:report", args=[consultation.pk])), timeout=120_000
    )
    expect(page.locator(".messages [role=status]")).to_contain_text(
        "Sprawozdanie zostało opublikowane"
    )

    title = f"Sprawozdanie z konsultacji: {consultation.title}"
    path = download_ready_pdf(page, tmp_path / "sprawozdanie.pdf", title=title)
    assert "Signature is Valid" in run("pdfsig", str(path))
    assert "Tagged: yes" in " ".join(run("pdfinfo", str(path)).split())
    text = pdf_text(path)
    numbers = list(
        Comment.objects.filter(consultation=consultation, status=CommentStatus.SUBMITTED)
        .order_by("pk")
        .values_list("tracking_number", flat=True)
    )
    assert len(numbers) == 3
    for number in numbers:
        assert f"Uwaga nr {number}" in text
    assert POLISH_LETTERS in text
    document = Document.objects.get(kind="consultation_report", subject_id=consultation.pk)
    assert document.verification_code in text

    # Anyone checks the files: the public, not signed in.
    page.context.clear_cookies()
    verify = url(reverse("documents:verify"))

    page.goto(verify)
    page.get_by_label("Dokument PDF do sprawdzenia").set_input_files(str(path))
    page.get_by_role("button", name="Sprawdź plik").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"To jest dokument „{title}”, niezmieniony i ważnie podpisany."
    )
    # Its details: the SHA-256 of this very file, and the original to download.
    page.get_by_role("link", name="Szczegóły dokumentu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("main")).to_contain_text(hashlib.sha256(path.read_bytes()).hexdigest())
    with page.expect_download() as started:
        page.get_by_role("link", name="Pobierz oryginał (PDF)").click()
    original = tmp_path / "oryginal.pdf"
    started.value.save_as(original)
    assert original.read_bytes() == path.read_bytes()

    changed = changed_after_signing(path, tmp_path / "zmienione.pdf")
    assert "Signature is Valid" not in run("pdfsig", str(changed))
    page.goto(verify)
    page.get_by_label("Dokument PDF do sprawdzenia").set_input_files(str(changed))
    page.get_by_role("button", name="Sprawdź plik").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"Ten plik został podpisany na platformie jako dokument „{title}”, ale zmieniono go "
        "po podpisaniu."
    )

    not_a_pdf = tmp_path / "sprawozdanie.txt"
    not_a_pdf.write_text("To nie jest PDF.", encoding="utf-8")
    page.goto(verify)
    page.get_by_label("Dokument PDF do sprawdzenia").set_input_files(str(not_a_pdf))
    page.get_by_role("button", name="Sprawdź plik").click()
    expect(page.locator("main")).to_contain_text(
        "Plik nie jest dokumentem PDF. Prześlij plik PDF dokumentu w postaci, w jakiej go "
        "otrzymano."
    )
    expect(page.get_by_role("status")).to_have_count(0)
    expect(page).to_have_title(re.compile(r"^Błąd: Weryfikacja dokumentu"))
