"""The consultation benchmarks, side by side with their floors, in one run.

    .venv/bin/python -m benchmarks.run [--database-url URL] [--quick]
    make bench

1. Recreates the benchmark database (PostgreSQL; its name must contain "bench", since it
   is dropped), migrates it, seeds it (``benchmarks.seed``) and analyzes it.
2. Starts gunicorn on 127.0.0.1 and a free port with ``benchmarks.settings`` (the
   production settings with the floor views added, throttles out of the way).
3. Comment submission: closed-loop clients (8, then 32), each for its own organisation,
   submit comments through the API and through the floor (token lookup and one INSERT,
   into a consultation of its own) for the same time each, after a short warm-up;
   throughput, p99 and where the CPU went. Every acknowledged id is logged and compared
   with the rows in the database: nothing acknowledged may be missing, nothing may be
   saved twice or without an answer.
4. Reading: the consultation page and the comments API on 300 provisions and 2,000
   comments, and their floors (one raw query, formatted), one request at a time,
   interleaved; median and p95.
5. Prints a table of ratios against the targets and the machine; stops gunicorn.

Timing is reported, never asserted: the exit status is non-zero only when the integrity
check fails or a scenario could not run. Results and the acknowledged ids are written to
``var/benchmarks/``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks.client import (
    TAG_PLACEHOLDER,
    LoadResult,
    RequestSpec,
    run_load,
    run_sequential,
)

BASE_DIR = Path(__file__).resolve().parent.parent
OUTPUT_DIR = BASE_DIR / "var" / "benchmarks"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/konsultacje_bench"
SETTINGS_MODULE = "benchmarks.settings"

CONCURRENCY = (8, 32)
DURATION_SECONDS = 10.0
QUICK_DURATION_SECONDS = 3.0
WARMUP_SECONDS = 2.0
READING_ROUNDS = 50
QUICK_READING_ROUNDS = 15
READING_WARMUP_ROUNDS = 5
# gthread keeps connections alive (the sync worker closes each one); two processes for two
# cores, threads to overlap the time spent waiting for PostgreSQL.
GUNICORN_WORKERS = 2
GUNICORN_THREADS = 8
HEALTH_TIMEOUT_SECONDS = 30.0
# Clients per load generator process: more threads than this in one interpreter and the
# generator's own GIL starts to show in the latencies it measures.
CLIENTS_PER_PROCESS = 16
API_PAGE_SIZES = (50, 500)
# Above this 1-minute load average per core the runner warns that the machine is busy.
BUSY_LOAD_PER_CORE = 0.5

# Targets from the issue: the app against its floor.
THROUGHPUT_AT_LEAST = 0.25
SUBMIT_P99_AT_MOST = 5.0
PAGE_MEDIAN_AT_MOST = 5.0
API_MEDIAN_AT_MOST = 3.0


# --- Database ---------------------------------------------------------------------------


def database_name(url: str) -> str:
    return urllib.parse.urlsplit(url).path.lstrip("/")


def recreate_database(url: str) -> None:
    """Drop and create the benchmark database, so every run starts from the same data."""
    import psycopg
    from psycopg import sql

    name = database_name(url)
    if "bench" not in name:
        raise SystemExit(
            f"Refusing to drop the database {name!r}: the benchmark recreates its database, "
            "so its name must contain 'bench'."
        )
    maintenance = urllib.parse.urlsplit(url)._replace(path="/postgres").geturl()
    maintenance = maintenance.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def migrate(environment: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=BASE_DIR,
        env=environment,
        check=True,
    )


# --- Server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_gunicorn(
    *, port: int, workers: int, threads: int, environment: dict[str, str], log: Path
) -> subprocess.Popen[bytes]:
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--keep-alive",
        "30",
        "--backlog",
        "512",
        "--error-logfile",
        str(log),
        # The default control socket is one path per user: another gunicorn on the machine
        # would share it.
        "--no-control-socket",
    ]
    with log.open("wb") as output:
        return subprocess.Popen(
            command, cwd=BASE_DIR, env=environment, stdout=output, stderr=subprocess.STDOUT
        )


def wait_until_healthy(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + HEALTH_TIMEOUT_SECONDS
    url = f"http://127.0.0.1:{port}/health/"
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}; see its log.")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer {url} within {HEALTH_TIMEOUT_SECONDS:.0f} s.")


def stop_gunicorn(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=5)


# --- Where the CPU went ------------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass
class CpuShare:
    """CPU seconds spent during a run, by whom. ``others`` is the machine's busy time
    minus the rest: work of other people on a shared machine, which distorts the run.
    PostgreSQL counts every ``postgres`` process, so other databases' work lands there."""

    wall: float
    server: float
    load_generator: float
    postgres: float
    others: float

    def cores(self, seconds: float) -> float:
        return seconds / self.wall if self.wall else 0.0


def _process_table() -> dict[int, tuple[int, str, float]]:
    """pid → (parent pid, command, CPU seconds of the process and its reaped children)."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "stat").read_text()
        except OSError:
            continue
        command = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        # After the command: state, ppid, … utime (11), stime (12), cutime (13), cstime (14).
        ticks = sum(int(value) for value in fields[11:15])
        table[int(entry.name)] = (int(fields[1]), command, ticks / CLOCK_TICKS)
    return table


def _machine_busy_seconds() -> float:
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle and iowait
    return (sum(values[:8]) - idle) / CLOCK_TICKS


def _descendants(table: dict[int, tuple[int, str, float]], root: int) -> set[int]:
    found = {root}
    changed = True
    while changed:
        changed = False
        for pid, (parent, _command, _cpu) in table.items():
            if parent in found and pid not in found:
                found.add(pid)
                changed = True
    return found


class CpuMeter:
    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid

    def _snapshot(self) -> tuple[float, float, float, float, float]:
        table = _process_table()
        server = sum(table[pid][2] for pid in _descendants(table, self.server_pid) if pid in table)
        runner = table.get(os.getpid(), (0, "", 0.0))[2]
        postgres = sum(cpu for _parent, command, cpu in table.values() if command == "postgres")
        return time.monotonic(), _machine_busy_seconds(), server, runner, postgres

    def start(self) -> None:
        self.started = self._snapshot()

    def stop(self) -> CpuShare:
        end = self._snapshot()
        wall, busy, server, runner, postgres = (
            b - a for a, b in zip(self.started, end, strict=True)
        )
        return CpuShare(
            wall=wall,
            server=server,
            load_generator=runner,
            postgres=postgres,
            others=max(0.0, busy - server - runner - postgres),
        )


# --- Scenario 1: submitting comments ----------------------------------------------------


@dataclass
class Integrity:
    acknowledged: int
    saved: int
    lost: list[int] = field(default_factory=list)  # acknowledged, not in the database
    unacknowledged: list[int] = field(default_factory=list)  # saved, never acknowledged
    duplicated: list[str] = field(default_factory=list)  # tags saved or answered twice
    incomplete: list[int] = field(default_factory=list)  # saved but not a submitted receipt

    @property
    def ok(self) -> bool:
        return not (self.lost or self.unacknowledged or self.duplicated or self.incomplete)


def saved_comments(*, consultation_id: int, run_tag: str) -> list[tuple[int, str, bool]]:
    """(id, request tag, is a complete submitted receipt) of the rows a run stored."""
    from django.db import connection

    from consultations.models import Comment, CommentStatus

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, justification, status = %s AND submitted_at IS NOT NULL"
            f" AND tracking_number IS NOT NULL FROM {Comment._meta.db_table}"
            " WHERE consultation_id = %s AND justification LIKE %s",
            [CommentStatus.SUBMITTED.value, consultation_id, f"{run_tag}-%"],
        )
        return [(row[0], row[1].split(" ", 1)[0], bool(row[2])) for row in cursor.fetchall()]


def check_integrity(result: LoadResult, saved: list[tuple[int, str, bool]]) -> Integrity:
    acknowledged_ids = [s.ident for s in result.samples if s.ok and s.ident is not None]
    acknowledged = set(acknowledged_ids)
    saved_ids = {comment_id for comment_id, _tag, _complete in saved}
    tags = Counter(tag for _id, tag, _complete in saved)
    repeated_ids = [i for i, n in Counter(acknowledged_ids).items() if n > 1]
    return Integrity(
        acknowledged=len(acknowledged_ids),
        saved=len(saved),
        lost=sorted(acknowledged - saved_ids),
        unacknowledged=sorted(saved_ids - acknowledged),
        duplicated=sorted(t for t, n in tags.items() if n > 1) + [str(i) for i in repeated_ids],
        incomplete=sorted(i for i, _tag, complete in saved if not complete),
    )


def submission_specs(data: Any, *, path: str, idempotency_key: bool) -> list[RequestSpec]:
    """One spec per organisation: each client acts for its own organisation. With
    ``idempotency_key`` every request carries its own key, as the API asks clients to."""
    headers = {"Authorization": "Token {token}"}
    if idempotency_key:
        headers["Idempotency-Key"] = TAG_PLACEHOLDER
    specs = []
    for number, submitter in enumerate(data.submitters):
        body = {
            "provision": data.submission_provision_ids[number % len(data.submission_provision_ids)],
            "organisation": submitter.organisation_id,
            "proposed_wording": "Proponujemy nadać przepisowi brzmienie: „Organizacje "
            "pozarządowe zgłaszają uwagi w terminie 30 dni od dnia ogłoszenia konsultacji.”",
            "justification": "@TAG@ Termin 14 dni nie wystarcza organizacjom, które zbierają "
            "się raz w miesiącu; dłuższy termin pozwoli zebrać stanowiska członków.",
            "submit": True,
        }
        specs.append(
            RequestSpec(
                method="POST",
                path=path,
                headers={
                    name: value.format(token=submitter.token) for name, value in headers.items()
                },
                body=json.dumps(body, ensure_ascii=False),
            )
        )
    return specs


def log_acknowledged(result: LoadResult, run_tag: str) -> Path:
    path = OUTPUT_DIR / f"acknowledged-{run_tag}.tsv"
    with path.open("w") as output:
        output.write("tag\tstatus\tid\tlatency_ms\terror\n")
        for s in sorted(result.samples, key=lambda sample: sample.started):
            output.write(
                f"{s.tag}\t{s.status}\t{s.ident or ''}\t{s.latency * 1000:.3f}\t{s.error}\n"
            )
    return path


@dataclass
class SubmissionRun:
    target: str  # "app" or "floor"
    clients: int
    requests: int
    errors: int
    error_examples: list[str]
    throughput: float
    median_ms: float
    p99_ms: float
    integrity: Integrity
    cpu: CpuShare


def run_submissions(
    *,
    port: int,
    data: Any,
    clients: int,
    duration: float,
    target: str,
    run_tag: str,
    idempotency_key: bool,
    meter: CpuMeter,
) -> SubmissionRun:
    if target == "app":
        consultation = data.submission_consultation_id
        path = f"/api/v1/consultations/{consultation}/comments/"
    else:
        consultation = data.floor_consultation_id
        path = f"/bench/floor/consultations/{consultation}/comments/submit/"
    meter.start()
    result = run_load(
        port=port,
        specs=submission_specs(data, path=path, idempotency_key=idempotency_key),
        clients=clients,
        run_tag=run_tag,
        duration=duration,
        processes=-(-clients // CLIENTS_PER_PROCESS),
    )
    cpu = meter.stop()
    log_acknowledged(result, run_tag)
    saved = saved_comments(consultation_id=consultation, run_tag=run_tag)
    failed = result.failed
    examples = sorted({f"{s.status} {s.error}".strip() for s in failed})[:3]
    return SubmissionRun(
        target=target,
        clients=clients,
        requests=len(result.samples),
        errors=len(failed),
        error_examples=examples,
        throughput=result.throughput,
        median_ms=result.median * 1000,
        p99_ms=result.latency(0.99) * 1000,
        integrity=check_integrity(result, saved),
        cpu=cpu,
    )


# --- Scenario 2: reading a large consultation -------------------------------------------


@dataclass
class ReadingRun:
    name: str
    path: str
    requests: int
    errors: int
    median_ms: float
    p95_ms: float
    bytes: int


def reading_specs(data: Any) -> dict[str, RequestSpec]:
    consultation = data.reading_consultation_id
    specs = {
        "page": RequestSpec("GET", f"/consultations/{consultation}/"),
        "page floor": RequestSpec("GET", f"/bench/floor/consultations/{consultation}/"),
    }
    for size in API_PAGE_SIZES:
        query = f"?page_size={size}"
        specs[f"api {size}"] = RequestSpec(
            "GET", f"/api/v1/consultations/{consultation}/comments/{query}"
        )
        specs[f"api {size} floor"] = RequestSpec(
            "GET", f"/bench/floor/consultations/{consultation}/comments/{query}"
        )
    return specs


def run_reading(*, port: int, data: Any, rounds: int) -> dict[str, ReadingRun]:
    specs = reading_specs(data)
    results = run_sequential(port=port, specs=specs, rounds=rounds, warmup=READING_WARMUP_ROUNDS)
    runs = {}
    for name, result in results.items():
        sizes = [s.size for s in result.ok]
        runs[name] = ReadingRun(
            name=name,
            path=specs[name].path,
            requests=len(result.samples),
            errors=len(result.failed),
            median_ms=result.median * 1000,
            p95_ms=result.latency(0.95) * 1000,
            bytes=max(sizes, default=0),
        )
    return runs


# --- Report -----------------------------------------------------------------------------


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def machine() -> dict[str, str]:
    from django.db import connection

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read("/proc/cpuinfo").splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    memory_kb = next(
        (
            int(line.split()[1])
            for line in _read("/proc/meminfo").splitlines()
            if line.startswith("MemTotal:")
        ),
        0,
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": f"{memory_kb / 1024 / 1024:.1f} GiB",
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "django": metadata.version("django"),
        "gunicorn": metadata.version("gunicorn"),
        "postgresql": postgres,
    }


def _verdict(passed: bool) -> str:
    return "pass" if passed else "FAIL"


def report_rows(
    submissions: list[SubmissionRun], reading: dict[str, ReadingRun]
) -> list[list[str]]:
    rows = []
    by_key = {(run.target, run.clients): run for run in submissions}
    for clients in sorted({run.clients for run in submissions}):
        app, floor = by_key.get(("app", clients)), by_key.get(("floor", clients))
        if app is None or floor is None:
            continue
        ratio = app.throughput / floor.throughput if floor.throughput else 0.0
        rows.append(
            [
                f"submit comment, {clients} clients",
                "throughput",
                f"{app.throughput:.0f}/s",
                f"{floor.throughput:.0f}/s",
                f"{ratio:.2f}",
                f"≥ {THROUGHPUT_AT_LEAST:.2f}",
                _verdict(ratio >= THROUGHPUT_AT_LEAST and not app.errors),
            ]
        )
        ratio = app.p99_ms / floor.p99_ms if floor.p99_ms else float("inf")
        rows.append(
            [
                f"submit comment, {clients} clients",
                "p99",
                f"{app.p99_ms:.1f} ms",
                f"{floor.p99_ms:.1f} ms",
                f"{ratio:.2f}",
                f"≤ {SUBMIT_P99_AT_MOST:.0f}",
                _verdict(ratio <= SUBMIT_P99_AT_MOST and not app.errors),
            ]
        )
        for run in (app, floor):
            integrity = run.integrity
            rows.append(
                [
                    f"submit comment, {clients} clients, {run.target}",
                    "saved = acknowledged",
                    f"{integrity.acknowledged} acknowledged, {integrity.saved} saved",
                    "",
                    f"lost {len(integrity.lost)}, duplicated {len(integrity.duplicated)}, "
                    f"unacknowledged {len(integrity.unacknowledged)}",
                    "0 lost, 0 duplicated",
                    _verdict(integrity.ok),
                ]
            )
    targets = [("page", "consultation page", PAGE_MEDIAN_AT_MOST)] + [
        (f"api {size}", f"comments API, page_size={size}", API_MEDIAN_AT_MOST)
        for size in API_PAGE_SIZES
    ]
    for key, label, limit in targets:
        app, floor = reading.get(key), reading.get(f"{key} floor")
        if app is None or floor is None:
            continue
        ratio = app.median_ms / floor.median_ms if floor.median_ms else float("inf")
        rows.append(
            [
                f"{label} (p95 {app.p95_ms:.1f} vs {floor.p95_ms:.1f} ms)",
                "median",
                f"{app.median_ms:.1f} ms",
                f"{floor.median_ms:.1f} ms",
                f"{ratio:.2f}",
                f"≤ {limit:.0f}",
                _verdict(ratio <= limit and not app.errors and not floor.errors),
            ]
        )
    return rows


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=False)]
    lines = [
        "| " + " | ".join(str(c).ljust(w) for c, w in zip(header, widths, strict=True)) + " |",
        "|" + "|".join("-" * (w + 2) for w in widths) + "|",
    ]
    for row in rows:
        lines.append(
            "| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        )
    return "\n".join(lines)


def print_report(
    *,
    info: dict[str, str],
    settings_used: dict[str, Any],
    submissions: list[SubmissionRun],
    reading: dict[str, ReadingRun],
) -> None:
    print()
    header = ["scenario", "measure", "app", "floor", "ratio", "target", "result"]
    print(markdown_table(header, report_rows(submissions, reading)))
    print()
    print("Submission runs:")
    print(
        markdown_table(
            [
                "target",
                "clients",
                "requests",
                "errors",
                "throughput",
                "median",
                "p99",
                "gunicorn CPU/request",
                "PostgreSQL CPU/request",
                "cores busy: gunicorn / PostgreSQL / load generator / others",
            ],
            [
                [
                    run.target,
                    str(run.clients),
                    str(run.requests),
                    str(run.errors) + (f" ({'; '.join(run.error_examples)})" if run.errors else ""),
                    f"{run.throughput:.0f}/s",
                    f"{run.median_ms:.1f} ms",
                    f"{run.p99_ms:.1f} ms",
                    f"{run.cpu.server / max(run.requests, 1) * 1000:.2f} ms",
                    f"{run.cpu.postgres / max(run.requests, 1) * 1000:.2f} ms",
                    " / ".join(
                        f"{run.cpu.cores(seconds):.2f}"
                        for seconds in (
                            run.cpu.server,
                            run.cpu.postgres,
                            run.cpu.load_generator,
                            run.cpu.others,
                        )
                    ),
                ]
                for run in submissions
            ],
        )
    )
    print()
    print("Reading runs (sequential, one keep-alive connection):")
    print(
        markdown_table(
            ["request", "requests", "errors", "median", "p95", "bytes", "path"],
            [
                [
                    run.name,
                    str(run.requests),
                    str(run.errors),
                    f"{run.median_ms:.1f} ms",
                    f"{run.p95_ms:.1f} ms",
                    str(run.bytes),
                    run.path,
                ]
                for run in reading.values()
            ],
        )
    )
    print()
    print("Machine and settings:")
    for key, value in {**info, **settings_used}.items():
        print(f"  {key}: {value}")


# --- Main -------------------------------------------------------------------------------


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument(
        "--quick", action="store_true", help=f"{QUICK_DURATION_SECONDS:.0f} s per load run"
    )
    parser.add_argument("--workers", type=int, default=GUNICORN_WORKERS)
    parser.add_argument("--threads", type=int, default=GUNICORN_THREADS)
    parser.add_argument(
        "--no-idempotency-key",
        dest="idempotency_key",
        action="store_false",
        help="submit without the Idempotency-Key header the API recommends",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    duration = QUICK_DURATION_SECONDS if arguments.quick else DURATION_SECONDS
    rounds = QUICK_READING_ROUNDS if arguments.quick else READING_ROUNDS
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "DATABASE_URL": arguments.database_url,
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(BASE_DIR),
    }
    os.environ.update(environment)
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
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
    from django.db import connections

    from benchmarks import seed

    print("Seeding…", flush=True)
    started = time.perf_counter()
    data = seed.seed(submitters=max(CONCURRENCY))
    print(
        f"Seeded {data.provisions} provisions and {data.comments} comments in "
        f"{time.perf_counter() - started:.1f} s.",
        flush=True,
    )
    # Fresh tables have no statistics until autovacuum comes by; a production database has
    # them, and without them PostgreSQL picks nested loops over whole tables.
    analyze()
    connections.close_all()

    port = free_port()
    log = OUTPUT_DIR / "gunicorn.log"
    server = start_gunicorn(
        port=port,
        workers=arguments.workers,
        threads=arguments.threads,
        environment=environment,
        log=log,
    )
    warmups: list[SubmissionRun] = []
    submissions: list[SubmissionRun] = []
    submit = functools.partial(
        run_submissions,
        data=data,
        idempotency_key=arguments.idempotency_key,
        meter=CpuMeter(server.pid),
    )
    try:
        wait_until_healthy(port, server)
        print(f"gunicorn is up on 127.0.0.1:{port}; warming up…", flush=True)
        for target in ("floor", "app"):
            warmups.append(
                submit(
                    port=port,
                    clients=min(CONCURRENCY),
                    duration=WARMUP_SECONDS,
                    target=target,
                    run_tag=f"warmup-{target}",
                )
            )
        for clients in CONCURRENCY:
            for target in ("floor", "app"):
                print(f"Submitting: {target}, {clients} clients, {duration:.0f} s…", flush=True)
                submissions.append(
                    submit(
                        port=port,
                        clients=clients,
                        duration=duration,
                        target=target,
                        run_tag=f"{target}-c{clients}",
                    )
                )
        print(f"Reading: {rounds} rounds…", flush=True)
        analyze()  # the submissions added thousands of rows
        reading = run_reading(port=port, data=data, rounds=rounds)
    finally:
        stop_gunicorn(server)

    info = machine()
    settings_used = {
        "server": f"gunicorn, {arguments.workers} workers × {arguments.threads} threads "
        "(gthread), keep-alive",
        "load": f"{duration:.0f} s per submission run, {rounds} sequential rounds per read "
        f"(after {READING_WARMUP_ROUNDS} unrecorded)",
        "idempotency key": "sent with every submission"
        if arguments.idempotency_key
        else "not sent",
        "load average (1 min)": f"{load_at_start:.2f} before the run, "
        f"{os.getloadavg()[0]:.2f} after it",
        "database": database_name(arguments.database_url),
    }
    print_report(info=info, settings_used=settings_used, submissions=submissions, reading=reading)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    results = {
        "machine": info,
        "settings": settings_used,
        "warmups": [asdict(run) for run in warmups],
        "submissions": [asdict(run) for run in submissions],
        "reading": {name: asdict(run) for name, run in reading.items()},
        "table": report_rows(submissions, reading),
    }
    (OUTPUT_DIR / f"results-{stamp}.json").write_text(json.dumps(results, indent=2))
    print(f"\nResults: {OUTPUT_DIR / f'results-{stamp}.json'}")
    intact = all(run.integrity.ok for run in warmups + submissions)
    if not intact:
        print("The integrity check FAILED: see the acknowledged-*.tsv files.")
    return 0 if intact else 1


if __name__ == "__main__":
    sys.exit(main())
