"""A small HTTP load generator on the standard library, for the benchmarks only.

N clients, each a thread with its own keep-alive ``http.client`` connection, send requests
back to back (closed loop: a client waits for its answer before the next request) until a
deadline or a request count, whichever comes first. Every request is recorded: when it
started, its latency, the status, the ``id`` in a JSON answer and the request's tag.
Nothing is retried, so a failed write stays visible as a failure.

The clients of one run may be spread over several processes, so the load generator's own
GIL does not inflate the latencies it measures; the processes start together at a wall
clock moment. This module imports nothing from Django: the processes are spawned fresh.

Only 127.0.0.1 is accepted as the target: this is not a tool to load anyone else's server.
"""

from __future__ import annotations

import http.client
import json
import math
import multiprocessing
import statistics
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

ALLOWED_HOST = "127.0.0.1"
TAG_PLACEHOLDER = "@TAG@"
# Hard bounds, whatever the caller asks for.
MAX_CLIENTS = 256
MAX_DURATION_SECONDS = 120.0
MAX_REQUESTS_PER_CLIENT = 1_000_000
DEFAULT_TIMEOUT_SECONDS = 30.0
START_DELAY_SECONDS = 1.0


@dataclass(frozen=True)
class RequestSpec:
    """What one client sends, again and again. ``body`` and header values may contain
    ``@TAG@``, replaced by a tag unique to the request (``<run>-<client>-<sequence>``)."""

    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None

    def render(self, tag: str) -> bytes | None:
        if self.body is None:
            return None
        return self.body.replace(TAG_PLACEHOLDER, tag).encode()

    def render_headers(self, tag: str, base: dict[str, str]) -> dict[str, str]:
        headers = {**base, **self.headers}
        if self.body is not None:
            headers.setdefault("Content-Type", "application/json")
        return {name: value.replace(TAG_PLACEHOLDER, tag) for name, value in headers.items()}


@dataclass(frozen=True)
class Sample:
    tag: str
    started: float  # wall clock, seconds
    latency: float  # seconds
    status: int  # 0 when the request failed without an answer
    ident: int | None  # "id" of a JSON object answer
    size: int  # bytes of the body
    error: str = ""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


@dataclass
class LoadResult:
    samples: list[Sample]
    started: float
    finished: float

    @property
    def ok(self) -> list[Sample]:
        return [sample for sample in self.samples if sample.ok]

    @property
    def failed(self) -> list[Sample]:
        return [sample for sample in self.samples if not sample.ok]

    @property
    def elapsed(self) -> float:
        return max(self.finished - self.started, 1e-9)

    @property
    def throughput(self) -> float:
        """Successful requests per second over the run."""
        return len(self.ok) / self.elapsed

    def latency(self, fraction: float) -> float:
        return percentile([sample.latency for sample in self.ok], fraction)

    @property
    def median(self) -> float:
        latencies = [sample.latency for sample in self.ok]
        return statistics.median(latencies) if latencies else math.nan

    @property
    def acknowledged(self) -> dict[str, int]:
        """Request tag → the id the server acknowledged."""
        return {s.tag: s.ident for s in self.samples if s.ok and s.ident is not None}


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``fraction`` of the
    values at or below it."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def _identifier(data: bytes) -> int | None:
    try:
        parsed = json.loads(data)
    except ValueError:
        return None
    value = parsed.get("id") if isinstance(parsed, dict) else None
    return value if isinstance(value, int) else None


def _client(
    *,
    port: int,
    spec: RequestSpec,
    tag_prefix: str,
    start_at: float,
    deadline: float,
    max_requests: int,
    timeout: float,
    samples: list[Sample],
) -> None:
    connection = http.client.HTTPConnection(ALLOWED_HOST, port, timeout=timeout)
    base_headers = {"Host": f"{ALLOWED_HOST}:{port}", "Connection": "keep-alive"}
    time.sleep(max(0.0, start_at - time.time()))
    sequence = 0
    try:
        while sequence < max_requests and time.time() < deadline:
            tag = f"{tag_prefix}-{sequence}"
            body = spec.render(tag)
            headers = spec.render_headers(tag, base_headers)
            started_wall = time.time()
            started = time.perf_counter()
            try:
                connection.request(spec.method, spec.path, body=body, headers=headers)
                response = connection.getresponse()
                data = response.read()
                latency = time.perf_counter() - started
                ident = _identifier(data) if 200 <= response.status < 300 else None
                samples.append(
                    Sample(tag, started_wall, latency, response.status, ident, len(data))
                )
                if response.will_close:
                    connection.close()
            except (OSError, http.client.HTTPException) as error:
                latency = time.perf_counter() - started
                samples.append(Sample(tag, started_wall, latency, 0, None, 0, error=repr(error)))
                # The next request opens a new connection; this one is not retried.
                connection.close()
            sequence += 1
    finally:
        connection.close()


def _run_clients(
    port: int,
    specs: Sequence[RequestSpec],
    client_numbers: Sequence[int],
    run_tag: str,
    start_at: float,
    deadline: float,
    max_requests: int,
    timeout: float,
) -> list[Sample]:
    per_client: list[list[Sample]] = [[] for _ in client_numbers]
    threads = [
        threading.Thread(
            target=_client,
            kwargs={
                "port": port,
                "spec": specs[number % len(specs)],
                "tag_prefix": f"{run_tag}-{number}",
                "start_at": start_at,
                "deadline": deadline,
                "max_requests": max_requests,
                "timeout": timeout,
                "samples": samples,
            },
            daemon=True,
        )
        for number, samples in zip(client_numbers, per_client, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=deadline - time.time() + 2 * timeout)
    return [sample for samples in per_client for sample in samples]


def run_load(
    *,
    port: int,
    specs: Sequence[RequestSpec],
    clients: int,
    run_tag: str,
    duration: float,
    max_requests_per_client: int = MAX_REQUESTS_PER_CLIENT,
    processes: int = 1,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    host: str = ALLOWED_HOST,
) -> LoadResult:
    """Run ``clients`` closed-loop clients against 127.0.0.1:``port`` for ``duration``
    seconds (or ``max_requests_per_client`` each), client ``n`` sending ``specs[n % len]``.
    """
    if host != ALLOWED_HOST:
        raise ValueError(f"The load generator only targets {ALLOWED_HOST}.")
    if not 1 <= clients <= MAX_CLIENTS:
        raise ValueError(f"clients must be between 1 and {MAX_CLIENTS}.")
    if not 0 < duration <= MAX_DURATION_SECONDS:
        raise ValueError(f"duration must be between 0 and {MAX_DURATION_SECONDS} seconds.")
    if not specs:
        raise ValueError("Give at least one request spec.")
    max_requests = max(1, min(max_requests_per_client, MAX_REQUESTS_PER_CLIENT))
    processes = max(1, min(processes, clients))
    groups = [list(range(clients))[index::processes] for index in range(processes)]
    start_at = time.time() + (START_DELAY_SECONDS if processes > 1 else 0.05)
    deadline = start_at + duration
    arguments = [
        (port, list(specs), group, run_tag, start_at, deadline, max_requests, timeout)
        for group in groups
    ]
    if processes == 1:
        samples = _run_clients(*arguments[0])
    else:
        context = multiprocessing.get_context("spawn")
        with context.Pool(processes) as pool:
            samples = [s for group in pool.starmap(_run_clients, arguments) for s in group]
    finished = max((s.started + s.latency for s in samples), default=start_at)
    return LoadResult(samples=samples, started=start_at, finished=finished)


def run_sequential(
    *, port: int, specs: dict[str, RequestSpec], rounds: int, warmup: int = 3
) -> dict[str, LoadResult]:
    """Send the requests of ``specs`` one at a time over one keep-alive connection,
    interleaved (A, B, C, A, B, C …) so that drift affects them alike; ``warmup`` rounds
    are not recorded. Returns a result per name."""
    if not 1 <= rounds <= 10_000:
        raise ValueError("rounds must be between 1 and 10,000.")
    connection = http.client.HTTPConnection(ALLOWED_HOST, port, timeout=DEFAULT_TIMEOUT_SECONDS)
    samples: dict[str, list[Sample]] = {name: [] for name in specs}
    started = time.time()
    try:
        for round_number in range(warmup + rounds):
            for name, spec in specs.items():
                headers = spec.render_headers(name, {"Host": f"{ALLOWED_HOST}:{port}"})
                began_wall = time.time()
                began = time.perf_counter()
                try:
                    connection.request(
                        spec.method, spec.path, body=spec.render(name), headers=headers
                    )
                    response = connection.getresponse()
                    data = response.read()
                    sample = Sample(
                        f"{name}-{round_number}",
                        began_wall,
                        time.perf_counter() - began,
                        response.status,
                        None,
                        len(data),
                    )
                    if response.will_close:
                        connection.close()
                except (OSError, http.client.HTTPException) as error:
                    connection.close()
                    sample = Sample(
                        f"{name}-{round_number}",
                        began_wall,
                        time.perf_counter() - began,
                        0,
                        None,
                        0,
                        error=repr(error),
                    )
                if round_number >= warmup:
                    samples[name].append(sample)
    finally:
        connection.close()
    finished = time.time()
    return {
        name: LoadResult(samples=recorded, started=started, finished=finished)
        for name, recorded in samples.items()
    }
