"""A local SMTP server (aiosmtpd) that counts what arrives, per recipient, in its own
process (``python -m tests.smtp_sink``) so that it does not compete with the sender for
the interpreter. Commands go over its standard input, one per line; answers are JSON.

    with SmtpSink() as sink:           # listening on 127.0.0.1:sink.port
        ...send...
        sink.wait_for(total=100)
        sink.counts()                  # {"a@example.org": 1, ...}
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections import Counter
from typing import Any


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(port: int, delay: float) -> None:
    import asyncio

    from aiosmtpd.controller import Controller

    counts: Counter[str] = Counter()

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            if delay:
                await asyncio.sleep(delay)
            for address in envelope.rcpt_tos:
                counts[address.lower()] += 1
            return "250 Message accepted for delivery"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    print(json.dumps("ready"), flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "counts":
            print(json.dumps(dict(counts)), flush=True)
        elif command == "reset":
            counts.clear()
            print(json.dumps("ok"), flush=True)
        else:
            break
    controller.stop()


class SmtpSink:
    def __init__(self, *, delay: float = 0.0) -> None:
        self.port = _free_port()
        self.delay = delay
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> SmtpSink:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "tests.smtp_sink", str(self.port), str(self.delay)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        if self._read() != "ready":
            raise RuntimeError("the SMTP sink did not start")
        return self

    def __exit__(self, *exc_info: object) -> None:
        assert self._process is not None
        try:
            self._process.communicate("stop\n", timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def _read(self) -> Any:
        assert self._process is not None
        assert self._process.stdout is not None
        return json.loads(self._process.stdout.readline())

    def _ask(self, command: str) -> Any:
        assert self._process is not None
        assert self._process.stdin is not None
        self._process.stdin.write(command + "\n")
        self._process.stdin.flush()
        return self._read()

    def counts(self) -> dict[str, int]:
        return dict(self._ask("counts"))

    def total(self) -> int:
        return sum(self.counts().values())

    def reset(self) -> None:
        self._ask("reset")

    def wait_for(self, *, total: int, timeout: float = 60) -> dict[str, int]:
        deadline = time.monotonic() + timeout
        while True:
            counts = self.counts()
            if sum(counts.values()) >= total or time.monotonic() > deadline:
                return counts
            time.sleep(0.05)


if __name__ == "__main__":
    serve(int(sys.argv[1]), float(sys.argv[2]) if len(sys.argv) > 2 else 0.0)
