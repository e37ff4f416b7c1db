"""The documents benchmark: rendering and signing, against a floor, in one process.

    .venv/bin/python -m benchmarks.documents [--database-url URL] [--quick]
                                             [--comments 2000] [--provisions 300]
                                             [--items 30] [--renders 30] [--rounds 3]

1. Recreates the benchmark database (PostgreSQL; its name must contain "bench", since it
   is dropped), migrates it and seeds it (``benchmarks.seed``): a consultation with
   ``--comments`` comments over ``--provisions`` provisions, every comment answered; a
   council with a position of ``--items`` items.
2. Report: the consultation report as the worker makes it (the data gathered through the
   registry, the template, WeasyPrint's tagged PDF/UA) against the floor: WeasyPrint
   rendering a static HTML file of the same content (the report's HTML with its style
   sheet, classes and styles taken out) with minimal CSS, untagged. Time: the median of
   ``--rounds`` renders of each, interleaved. Peak memory: each rendered once in a fork
   of this process taken before it rendered anything, with the kernel's high-water mark
   of resident memory (``VmHWM``) reset first, less the memory before the render.
3. The position, rendered the same way (time only).
4. Signing: a PDF of 100 pages (WeasyPrint, PDF/UA) signed by ``documents.signing`` as
   the worker does, warm (after two signatures), the median of 20.
5. A worker's memory: a fork of this process renders and signs the report ``--renders``
   times, as one worker process would in a row; its resident memory after the first and
   after the last.

Prints the figures against the targets of issue 12 and the machine; timing is reported,
never asserted (the exit status is 0 unless a step could not run). ``--quick`` is a
small run (200 comments over 30 provisions, 5 items, 3 renders, 1 round, 5 signatures)
that proves the code, not the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import multiprocessing
import os
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.run import (
    BASE_DIR,
    BUSY_LOAD_PER_CORE,
    DEFAULT_DATABASE_URL,
    OUTPUT_DIR,
    database_name,
    machine,
    migrate,
    recreate_database,
)

SETTINGS_MODULE = "benchmarks.settings"
DEFAULT_DOCUMENTS_DATABASE_URL = DEFAULT_DATABASE_URL + "_documents"
CODE = "BENCHMARK7"

# Targets from issue 12.
REPORT_TIME_AT_MOST = 1.2  # x the floor's time
REPORT_MEMORY_AT_MOST = 1.3  # x the floor's peak memory
SIGNING_AT_MOST = 0.150  # seconds, a 100-page PDF, warm
WORKER_GROWTH_AT_MOST = 1.15  # memory after the last render / after the first
SIGNED_PAGES = 100
SIGNATURES = 20
QUICK_SIGNATURES = 5
WARM_SIGNATURES = 2

FLOOR_CSS = (
    "@page { size: A4; margin: 2cm; } "
    'body { font-family: "DejaVu Sans"; font-size: 10pt; line-height: 1.35; }'
)


# --- Data -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Subjects:
    consultation_id: int
    position_id: int
    comments: int
    provisions: int
    items: int


def seed_documents(*, comments: int, provisions: int, items: int) -> Subjects:
    """The benchmark's consultation with every comment answered, and a council position of
    ``items`` items, on an empty database."""
    from django.utils import timezone

    from accounts.models import Organisation, User
    from benchmarks import seed
    from consultations.models import Answer, Comment, Disposition
    from opinions import services as opinion_services
    from opinions.models import Office, PositionKind

    data = seed.seed(provisions=provisions, comments=comments, submitters=4)
    official = User.objects.get(email="bench.official@example.org")
    administrator = User.objects.get(email="bench.admin@example.org")
    dispositions = list(Disposition.values)
    answered_at = timezone.now()
    Answer.objects.bulk_create(
        [
            Answer(
                comment_id=pk,
                disposition=dispositions[number % len(dispositions)],
                justification=(
                    "Uwagę rozpatrzono. Zapis zostanie doprecyzowany w § 4 zgodnie z "
                    f"propozycją organizacji (odpowiedź nr {number + 1}); żółć, łąka, źródło."
                ),
                answered_by=official,
                answered_at=answered_at,
            )
            for number, pk in enumerate(
                Comment.objects.filter(consultation_id=data.reading_consultation_id)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
        ],
        batch_size=seed.BATCH_SIZE,
    )

    council = opinion_services.council_create(
        actor=administrator,
        name="Benchmarkowa Rada Organizacji Pozarządowych",
        short_name="BROP",
        letterhead="ul. Pomiarowa 1\n00-001 Benchmarkowo",
    )
    today = timezone.localdate()
    term = opinion_services.term_create(
        council=council,
        actor=administrator,
        name="Kadencja pomiarowa",
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=900),
    )
    chair = User.objects.get(pk=data.submitters[0].user_id)
    opinion_services.member_add(term=term, actor=administrator, user=chair, office=Office.CHAIR)
    position = opinion_services.position_create(
        term=term,
        actor=chair,
        kind=PositionKind.RECOMMENDATION,
        subject="Rekomendacja dla organizacji w sprawie programu współpracy",
        subject_organisation=Organisation.objects.get(pk=data.submitters[1].organisation_id),
        justification="Uzasadnienie stanowiska rady: " + "zadanie publiczne, " * 40,
    )
    for number in range(1, items + 1):
        opinion_services.item_add(
            position=position,
            actor=chair,
            text=(
                f"Punkt {number}. Rada rekomenduje doprecyzowanie zasad współpracy "
                "finansowej i pozafinansowej, w tym terminów ogłaszania konkursów ofert, "
                "kryteriów oceny i sposobu rozliczania dotacji; „cudzysłów” § 3 ust. 2."
            ),
        )
    return Subjects(
        consultation_id=data.reading_consultation_id,
        position_id=position.pk,
        comments=comments,
        provisions=provisions,
        items=items,
    )


# --- What is measured -------------------------------------------------------------------


def document_html(kind: str, subject_id: int) -> str:
    """The document's HTML as the worker makes it: the data gathered in Polish through
    the kind's registration, the template with the verification code and QR code."""
    from django.utils import translation

    from documents import registry
    from documents.rendering import DOCUMENT_LANGUAGE, render_html

    spec = registry.get(kind)
    assert spec is not None
    subject = spec.load(subject_id)
    with translation.override(DOCUMENT_LANGUAGE):
        data = spec.data(subject)
        title = spec.title(subject, data)
    return render_html(template=spec.template, context={"data": data}, title=title, code=CODE)


def render_document(kind: str, subject_id: int) -> Any:
    from documents.rendering import render_pdf

    return render_pdf(document_html(kind, subject_id))


def floor_html(html: str) -> str:
    """The same content with minimal CSS: the document's HTML without its style sheet,
    classes and inline styles."""
    html = re.sub(r"<style.*?</style>", "", html, flags=re.DOTALL)
    html = re.sub(r'\s(class|style)="[^"]*"', "", html)
    return html.replace("</head>", f"<style>{FLOOR_CSS}</style></head>", 1)


def render_floor(path: Path) -> int:
    from weasyprint import HTML  # imported by the caller already: not measured

    document = HTML(filename=str(path)).render()
    output = io.BytesIO()
    document.write_pdf(output)
    return len(document.pages)


def pdf_of_pages(pages: int) -> bytes:
    from documents.rendering import render_pdf

    sections = "".join(
        f'<section style="break-after: page"><h1>Strona {number}</h1><p>'
        + "Zażółć gęślą jaźń, program współpracy z organizacjami pozarządowymi. " * 30
        + "</p></section>"
        for number in range(1, pages + 1)
    )
    rendered = render_pdf(
        f'<html lang="pl"><head><title>Sto stron</title></head><body>{sections}</body></html>'
    )
    assert rendered.pages == pages, rendered.pages
    return rendered.data


def timed(function: Callable[[], Any]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


# --- Memory -----------------------------------------------------------------------------


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def resident_mb() -> float:
    return _status_kb("VmRSS") / 1024


def _in_fork(target: Callable[..., Any], *args: Any) -> Any:
    """``target(queue, *args)`` in a fork of this process (the worker's shape: a pool
    process forked from a warm parent); its answer."""
    from django.db import connections

    connections.close_all()  # the child opens its own
    context = multiprocessing.get_context("fork")
    answers = context.Queue()
    child = context.Process(target=target, args=(answers, *args))
    child.start()
    answer = answers.get()
    child.join()
    if child.exitcode != 0:
        raise RuntimeError(f"The measuring process failed with {child.exitcode}.")
    return answer


def _peak_child(answers: Any, function: Callable[[], Any]) -> None:
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
    before = _status_kb("VmRSS")
    function()
    answers.put(((_status_kb("VmHWM") - before) / 1024, _status_kb("VmHWM") / 1024))


def peak_memory(function: Callable[[], Any]) -> tuple[float, float]:
    """The memory ``function`` adds at its peak (MB), and the process's peak (MB)."""
    return _in_fork(_peak_child, function)  # type: ignore[no-any-return]


def _worker_child(answers: Any, subject_id: int, renders: int) -> None:
    from documents.signing import sign_pdf

    after: list[float] = []
    for _number in range(renders):
        rendered = render_document("consultation_report", subject_id)
        sign_pdf(rendered.data, number="Sprawozdanie", code=CODE)
        del rendered
        gc.collect()
        after.append(resident_mb())
    answers.put(after)


def worker_memory(subject_id: int, renders: int) -> list[float]:
    return _in_fork(_worker_child, subject_id, renders)  # type: ignore[no-any-return]


# --- Report -----------------------------------------------------------------------------


@dataclass
class Results:
    report_seconds: float
    floor_seconds: float
    report_pages: int
    floor_pages: int
    report_peak_mb: float
    floor_peak_mb: float
    report_process_peak_mb: float
    floor_process_peak_mb: float
    position_seconds: float
    position_pages: int
    signing_seconds: list[float]
    worker_mb: list[float]


def verdict(passed: bool) -> str:
    return "met" if passed else "MISSED"


def print_report(results: Results, subjects: Subjects, environment: dict[str, str]) -> None:
    time_ratio = results.report_seconds / results.floor_seconds
    memory_ratio = results.report_peak_mb / results.floor_peak_mb
    signing = statistics.median(results.signing_seconds)
    growth = results.worker_mb[-1] / results.worker_mb[0]
    print()
    print(
        f"Report: {subjects.comments} comments over {subjects.provisions} provisions, "
        f"{results.report_pages} pages (floor {results.floor_pages} pages)."
    )
    rows = [
        (
            "report time / floor",
            f"{results.report_seconds:.2f} s / {results.floor_seconds:.2f} s",
            f"{time_ratio:.2f}x",
            f"<= {REPORT_TIME_AT_MOST}x",
            verdict(time_ratio <= REPORT_TIME_AT_MOST),
        ),
        (
            "report peak memory / floor",
            f"+{results.report_peak_mb:.0f} MB / +{results.floor_peak_mb:.0f} MB "
            f"(process {results.report_process_peak_mb:.0f} / "
            f"{results.floor_process_peak_mb:.0f} MB)",
            f"{memory_ratio:.2f}x",
            f"<= {REPORT_MEMORY_AT_MOST}x",
            verdict(memory_ratio <= REPORT_MEMORY_AT_MOST),
        ),
        (
            f"signing, {SIGNED_PAGES} pages, warm (median of {len(results.signing_seconds)})",
            f"{signing * 1000:.0f} ms (min {min(results.signing_seconds) * 1000:.0f} ms)",
            "",
            f"<= {SIGNING_AT_MOST * 1000:.0f} ms",
            verdict(signing <= SIGNING_AT_MOST),
        ),
        (
            f"worker memory after {len(results.worker_mb)} renders / after 1",
            f"{results.worker_mb[-1]:.0f} MB / {results.worker_mb[0]:.0f} MB",
            f"{growth:.2f}x",
            f"<= {WORKER_GROWTH_AT_MOST}x",
            verdict(growth <= WORKER_GROWTH_AT_MOST),
        ),
        (
            f"position, {subjects.items} items ({results.position_pages} pages)",
            f"{results.position_seconds:.2f} s",
            "",
            "",
            "",
        ),
    ]
    print("| measure | figures | ratio | target | |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    after = ", ".join(f"{mb:.0f}" for mb in results.worker_mb)
    print(f"Worker memory after each render (MB): {after}")
    print("Machine: " + "; ".join(f"{key} {value}" for key, value in environment.items()))


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.documents")
    parser.add_argument("--database-url", default=DEFAULT_DOCUMENTS_DATABASE_URL)
    parser.add_argument("--quick", action="store_true", help="a small run: proves the code")
    parser.add_argument("--comments", type=int, default=2000)
    parser.add_argument("--provisions", type=int, default=300)
    parser.add_argument("--items", type=int, default=30)
    parser.add_argument("--renders", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args(argv)
    if arguments.quick:
        arguments.comments, arguments.provisions, arguments.items = 200, 30, 5
        arguments.renders, arguments.rounds = 3, 1
    return arguments


def measure(
    subjects: Subjects,
    *,
    rounds: int,
    renders: int,
    signatures: int,
    signed_pages: int = SIGNED_PAGES,
    output_dir: Path = OUTPUT_DIR,
) -> Results:
    import weasyprint  # noqa: F401 (imported once, before the memory is measured)

    from documents.signing import sign_pdf

    output_dir.mkdir(parents=True, exist_ok=True)
    html = document_html("consultation_report", subjects.consultation_id)
    floor_file = output_dir / "documents-floor.html"
    floor_file.write_text(floor_html(html), encoding="utf-8")
    # Memory first, each in a fork of this process before it rendered anything (WeasyPrint
    # imported): after a render, the heap it freed would hide the next one's peak.
    report_peak, report_process_peak = peak_memory(
        lambda: render_document("consultation_report", subjects.consultation_id)
    )
    floor_peak, floor_process_peak = peak_memory(lambda: render_floor(floor_file))
    report_pages = render_document("consultation_report", subjects.consultation_id).pages
    floor_pages = render_floor(floor_file)  # both once, unrecorded: fonts, caches

    report_times: list[float] = []
    floor_times: list[float] = []
    for _round in range(rounds):
        report_times.append(
            timed(lambda: render_document("consultation_report", subjects.consultation_id))
        )
        floor_times.append(timed(lambda: render_floor(floor_file)))
    print(f"Report renders: {report_times}; floor renders: {floor_times}", flush=True)

    position_pages = render_document("position", subjects.position_id).pages
    position_seconds = statistics.median(
        timed(lambda: render_document("position", subjects.position_id)) for _round in range(rounds)
    )

    hundred_pages = pdf_of_pages(signed_pages)
    for _warm in range(WARM_SIGNATURES):
        sign_pdf(hundred_pages, number="Uchwała nr 7/2026", code=CODE)
    signing = [
        timed(lambda: sign_pdf(hundred_pages, number="Uchwała nr 7/2026", code=CODE))
        for _signature in range(signatures)
    ]
    print(f"Signatures: {[round(seconds, 3) for seconds in signing]}", flush=True)
    worker = worker_memory(subjects.consultation_id, renders)
    return Results(
        report_seconds=statistics.median(report_times),
        floor_seconds=statistics.median(floor_times),
        report_pages=report_pages,
        floor_pages=floor_pages,
        report_peak_mb=report_peak,
        floor_peak_mb=floor_peak,
        report_process_peak_mb=report_process_peak,
        floor_process_peak_mb=floor_process_peak,
        position_seconds=position_seconds,
        position_pages=position_pages,
        signing_seconds=signing,
        worker_mb=worker,
    )


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "DATABASE_URL": arguments.database_url,
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(BASE_DIR),
    }
    os.environ.update(environment)
    load_at_start = os.getloadavg()[0]
    if load_at_start > BUSY_LOAD_PER_CORE * (os.cpu_count() or 1):
        print(
            f"Warning: the load average is {load_at_start:.1f} on {os.cpu_count()} cores; "
            "other work on this machine will distort the results.",
            flush=True,
        )
    print(f"Recreating {database_name(arguments.database_url)} and migrating…", flush=True)
    recreate_database(arguments.database_url)
    migrate(environment)

    import django

    django.setup()
    print("Seeding…", flush=True)
    subjects = seed_documents(
        comments=arguments.comments, provisions=arguments.provisions, items=arguments.items
    )
    print("Measuring…", flush=True)
    results = measure(
        subjects,
        rounds=arguments.rounds,
        renders=arguments.renders,
        signatures=QUICK_SIGNATURES if arguments.quick else SIGNATURES,
    )
    described = machine()
    described.pop("gunicorn", None)
    described["weasyprint"] = _version("weasyprint")
    described["pyhanko"] = _version("pyhanko")
    described["load average at start"] = f"{load_at_start:.1f}"
    print_report(results, subjects, described)
    return 0


def _version(package: str) -> str:
    from importlib import metadata

    return metadata.version(package)


if __name__ == "__main__":
    raise SystemExit(main())
