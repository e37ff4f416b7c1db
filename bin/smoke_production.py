#!/usr/bin/env python3
"""The production shape, served and walked: every page of the demo, as each persona.

With no --base-url it sets the production shape up natively, the way the image runs it:
migrate the (fresh) database in DATABASE_URL, seed the demo, build the assets with
bin/build-assets, and start gunicorn under config.settings.base with DEBUG off, a secret
key, ALLOWED_HOSTS and the HTTPS settings of docker-compose.yml. With --base-url it only
walks a server that is already running (for instance the compose stack).

The walk logs in through the real login form (with its CSRF token) and follows the site's
own links breadth-first from the home page: same host, GET only, never logout, the
language switch or the admin's add and delete pages, at most --max-pages pages per
persona. It fails on any 5xx, on any 4xx behind a link a page showed (a persona following
its own links must never meet 403 or 404), on a static file a page names that does not
load, on a 404 page that is not a 404, and on a /health/ that is not ok.

Every request says it came through the TLS proxy (X-Forwarded-Proto: https, which
SECURE_PROXY_SSL_HEADER trusts), as the proxy in front of the container would: the
HTTPS redirect, secure cookies and the CSRF origin check stay on, as in production.

Only the standard library: CI runs it with the project's interpreter, an operator with
any Python 3.11.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Persona name and demo account (README.md, "Demo accounts"); None is the public.
PERSONAS: dict[str, str | None] = {
    "anonymous": None,
    "official": "official@example.org",
    "ngo-representative": "ngo.rep@example.org",
    "ngo-member": "ngo.member@example.org",
    "resident": "resident@example.org",
    "council-chair": "chair@example.org",
    "council-secretary": "secretary@example.org",
    "council-member": "council2@example.org",
    "administrator": "admin@example.org",
}
MAX_PAGES = 300
# Filter and sort links multiply one page; a few variants of each path are enough.
MAX_QUERY_VARIANTS_PER_PATH = 5
MAX_REDIRECTS = 10
REQUEST_TIMEOUT_SECONDS = 30
SERVER_START_SECONDS = 60
# Links never followed: they change state or leave the persona's session.
SKIPPED_PATHS = ("/accounts/logout/", "/admin/logout/", "/i18n/")
SKIPPED_ADMIN_SUFFIXES = ("/add/", "/delete/")
HTML_TYPES = ("text/html", "application/xhtml+xml")


# --- HTTP through the "proxy" -----------------------------------------------------------


class BehindTlsProxy(http.cookiejar.DefaultCookiePolicy):
    """Secure cookies go back to the server: the client's side of the proxy is HTTPS."""

    def return_ok_secure(self, cookie: http.cookiejar.Cookie, request: object) -> bool:
        return True


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by the client itself, so that every hop is checked."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass
class Response:
    url: str  # the path and query asked for, after redirects
    status: int
    content_type: str
    body: bytes


class Client:
    """One browser session against the server, as if the TLS proxy stood in front."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.host = urllib.parse.urlsplit(self.base_url).netloc
        # What the browser sees: the same host, over HTTPS.
        self.public_origin = f"https://{self.host}"
        self.cookies = http.cookiejar.CookieJar(policy=BehindTlsProxy())
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects()
        )

    def request(
        self, path: str, *, data: dict[str, str] | None = None, referer: str | None = None
    ) -> Response:
        """GET (or POST ``data``) ``path``, following same-host redirects as GETs."""
        method = "POST" if data is not None else "GET"
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        for _ in range(MAX_REDIRECTS):
            headers = {"X-Forwarded-Proto": "https", "Accept-Language": "pl"}
            if referer:
                headers["Referer"] = self.public_origin + referer
            if method == "POST":
                headers["Origin"] = self.public_origin
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            # The base URL is checked to be http(s) by main().
            request = urllib.request.Request(  # noqa: S310
                self.base_url + path, data=body, headers=headers, method=method
            )
            try:
                with self.opener.open(request, timeout=REQUEST_TIMEOUT_SECONDS) as answer:
                    status, answer_headers, content = answer.status, answer.headers, answer.read()
            except urllib.error.HTTPError as error:
                status, answer_headers, content = error.code, error.headers, error.read()
            if status in (301, 302, 303, 307, 308) and "Location" in answer_headers:
                location = answer_headers["Location"]
                target = self.same_host_path(urllib.parse.urljoin(path, location))
                if target is None:
                    raise RuntimeError(f"{path} redirects off the site: {location}")
                path, method, body = target, "GET", None
                continue
            return Response(path, status, answer_headers.get_content_type(), content)
        raise RuntimeError(f"{path}: more than {MAX_REDIRECTS} redirects")

    def same_host_path(self, url: str) -> str | None:
        """The path and query of ``url`` if it addresses this site, else None."""
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", self.host):
            return None
        path = parts.path or "/"
        return f"{path}?{parts.query}" if parts.query else path


# --- Reading pages ----------------------------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    has_password: bool = False


class PageParser(HTMLParser):
    """The links, the static files and the forms of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.assets: list[str] = []
        self.forms: list[Form] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "link" and attributes.get("href"):
            self.assets.append(attributes["href"])
        elif tag in ("script", "img", "source") and attributes.get("src"):
            self.assets.append(attributes["src"])
        elif tag == "form":
            self.forms.append(
                Form(attributes.get("action", ""), attributes.get("method", "get").lower())
            )
        elif tag == "input" and self.forms and attributes.get("name"):
            self.forms[-1].fields[attributes["name"]] = attributes.get("value", "")
            if attributes.get("type") == "password":
                self.forms[-1].has_password = True


def parse(response: Response) -> PageParser:
    parser = PageParser()
    parser.feed(response.body.decode("utf-8", errors="replace"))
    return parser


# --- The walk ---------------------------------------------------------------------------


@dataclass
class Report:
    persona: str
    pages: int = 0
    assets: int = 0
    bounded: bool = False
    failures: list[str] = field(default_factory=list)


def skipped(path: str) -> bool:
    route = urllib.parse.urlsplit(path).path
    if route.startswith(SKIPPED_PATHS):
        return True
    return route.startswith("/admin/") and route.endswith(SKIPPED_ADMIN_SUFFIXES)


def without_list_memory(path: str) -> str:
    """``path`` without the admin's memory of the list it came from (the same page)."""
    parts = urllib.parse.urlsplit(path)
    if "_changelist_filters" not in parts.query:
        return path
    query = [
        (name, value)
        for name, value in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        if name != "_changelist_filters"
    ]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def log_in(client: Client, email: str, password: str) -> None:
    page = client.request("/accounts/login/")
    forms = [form for form in parse(page).forms if form.method == "post" and form.has_password]
    if page.status != 200 or not forms:
        raise RuntimeError(f"the login page answered {page.status} without a login form")
    form = forms[0]
    data = dict(form.fields)
    data.update(username=email, password=password)
    action = client.same_host_path(urllib.parse.urljoin(page.url, form.action)) or page.url
    answer = client.request(action, data=data, referer=page.url)
    if answer.status != 200 or answer.url.startswith("/accounts/login/"):
        raise RuntimeError(f"logging in as {email} failed ({answer.status} at {answer.url})")


def walk(
    base_url: str,
    persona: str,
    email: str | None,
    password: str,
    max_pages: int,
    checked_assets: dict[str, int],
    verbose: bool = False,
) -> Report:
    report = Report(persona)
    client = Client(base_url)
    if email:
        try:
            log_in(client, email, password)
        except RuntimeError as error:
            report.failures.append(str(error))
            return report
    # Pages of a kind not met before come first (a kind is the path with its numbers left
    # out: /consultations/<id>/); more pages of a kind already queued and other query
    # strings (filters, sorting, pages of a list) wait until those are walked, so that
    # the bound cuts repetitions, not kinds of pages.
    queue: deque[tuple[str, str | None]] = deque([("/", None)])
    later: deque[tuple[str, str | None]] = deque()
    seen = {"/"}
    kinds = {"/"}
    variants: dict[str, int] = {}
    while queue or later:
        if report.pages >= max_pages:
            report.bounded = True
            break
        path, linked_from = (queue or later).popleft()
        response = client.request(path, referer=linked_from)
        report.pages += 1
        if verbose:
            print(f"    {response.status} {path}", flush=True)
        origin = f" (linked from {linked_from})" if linked_from else ""
        if response.status >= 400:
            report.failures.append(f"GET {path} -> {response.status}{origin}")
            continue
        if response.content_type not in HTML_TYPES:
            continue
        page = parse(response)
        for asset in page.assets:
            asset_path = client.same_host_path(urllib.parse.urljoin(response.url, asset))
            if asset_path is None:
                continue
            if asset_path not in checked_assets:
                checked_assets[asset_path] = client.request(asset_path).status
                report.assets += 1
            if checked_assets[asset_path] != 200:
                report.failures.append(
                    f"static {asset_path} -> {checked_assets[asset_path]} (named by {path})"
                )
        for link in page.links:
            target = client.same_host_path(urllib.parse.urljoin(response.url, link))
            if target is None or skipped(target):
                continue
            target = without_list_memory(target)
            if target in seen:
                continue
            seen.add(target)
            route = urllib.parse.urlsplit(target).path
            kind = re.sub(r"\d+", "<id>", route)
            if kind not in kinds:
                kinds.add(kind)
                queue.append((target, response.url))
            elif target == route:
                later.append((target, response.url))
            elif variants.get(route, 0) < MAX_QUERY_VARIANTS_PER_PATH:
                variants[route] = variants.get(route, 0) + 1
                later.append((target, response.url))
    return report


def check_site(base_url: str) -> list[str]:
    """What no link leads to: the health check and the 404 page."""
    failures = []
    client = Client(base_url)
    health = client.request("/health/")
    try:
        answer = json.loads(health.body)
    except ValueError:
        answer = {}
    print(f"GET /health/ -> {health.status} {json.dumps(answer, ensure_ascii=False)}")
    if health.status != 200 or answer.get("status") != "ok":
        failures.append(f"/health/ -> {health.status}")
    missing = client.request("/a-page-that-does-not-exist/")
    if missing.status != 404 or missing.content_type not in HTML_TYPES:
        failures.append(f"the 404 page answered {missing.status} ({missing.content_type})")
    return failures


def crawl(
    base_url: str, personas: list[str], max_pages: int, password: str, verbose: bool = False
) -> bool:
    failures = check_site(base_url)
    checked_assets: dict[str, int] = {}
    reports = []
    for persona in personas:
        started = time.monotonic()
        report = walk(
            base_url, persona, PERSONAS[persona], password, max_pages, checked_assets, verbose
        )
        reports.append(report)
        bounded = f", stopped at the bound of {max_pages}" if report.bounded else ""
        print(
            f"{persona:<20} {report.pages:>4} pages, {report.assets:>3} new static files, "
            f"{len(report.failures)} failures{bounded} ({time.monotonic() - started:.0f} s)",
            flush=True,
        )
        for failure in report.failures:
            print(f"    {failure}")
    for failure in failures:
        print(f"site: {failure}")
    return not failures and not any(report.failures for report in reports)


# --- The production shape, natively -----------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def production_environment(work_dir: Path) -> dict[str, str]:
    """The environment of the web service in docker-compose.yml, on this machine."""
    environment = dict(os.environ)
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="localhost,127.0.0.1",
        SITE_URL="https://localhost",
        SECURE_SSL_REDIRECT="1",
        # No SMTP server here; a GET walk sends no mail, and anything else lands in files.
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(work_dir / "mail"),
        VAR_DIR=str(work_dir),
        MEDIA_ROOT=str(work_dir / "media"),
        STATIC_ROOT=str(work_dir / "static"),
    )
    for variable in ("SECURE_COOKIES", "SECURE_HSTS_SECONDS", "CELERY_TASK_ALWAYS_EAGER"):
        environment.pop(variable, None)
    return environment


def run(command: list[str], environment: dict[str, str]) -> None:
    print("$", " ".join(command), flush=True)
    subprocess.run(command, cwd=ROOT, env=environment, check=True)  # noqa: S603 (our commands)


@contextmanager
def production_server(python: str, workers: int) -> Iterator[str]:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a fresh PostgreSQL database (and REDIS_URL).")
    work_dir = Path(tempfile.mkdtemp(prefix="smoke-production-"))
    environment = production_environment(work_dir)
    manage = [python, "manage.py"]
    run([*manage, "migrate", "--no-input", "-v0"], environment)
    run([*manage, "seed_demo"], {**environment, "PYTHONWARNINGS": "ignore"})
    run(["bin/build-assets"], {**environment, "PYTHON": python})
    port = free_port()
    log_path = work_dir / "gunicorn.log"
    command = [
        python, "-m", "gunicorn", "config.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--access-logfile", "-",
    ]  # fmt: skip
    print("$", " ".join(command), flush=True)
    with log_path.open("w") as log:
        server = subprocess.Popen(  # noqa: S603 (our command)
            command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_for(base_url, server, log_path)
        yield base_url
    except BaseException:
        print(f"--- the server's log ({log_path}), its end:")
        print("\n".join(log_path.read_text().splitlines()[-80:]))
        raise
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    shutil.rmtree(work_dir, ignore_errors=True)


def wait_for(base_url: str, server: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            # Any answer will do: whether it is a healthy one is checked by the walk.
            urllib.request.urlopen(base_url + "/health/", timeout=5).close()  # noqa: S310
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer within {SERVER_START_SECONDS} s")


class ServerErrors(Exception):
    pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", help="walk this running server instead of starting one")
    parser.add_argument(
        "--persona", action="append", choices=list(PERSONAS), help="only these (repeatable)"
    )
    parser.add_argument("--max-pages", type=int, default=MAX_PAGES, help="per persona")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--verbose", action="store_true", help="print every page walked")
    parser.add_argument("--python", default=sys.executable, help="the project's interpreter")
    arguments = parser.parse_args()
    personas = arguments.persona or list(PERSONAS)
    password = os.environ.get("DEMO_PASSWORD", "demo")
    if arguments.base_url:
        if urllib.parse.urlsplit(arguments.base_url).scheme not in ("http", "https"):
            parser.error("--base-url must be an http:// or https:// address")
        passed = crawl(
            arguments.base_url, personas, arguments.max_pages, password, arguments.verbose
        )
    else:
        try:
            with production_server(arguments.python, arguments.workers) as base_url:
                passed = crawl(base_url, personas, arguments.max_pages, password, arguments.verbose)
                if not passed:
                    raise ServerErrors
        except ServerErrors:
            passed = False
    print("production smoke passed" if passed else "production smoke FAILED")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
