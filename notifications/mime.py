"""A multipart (plain text and HTML) UTF-8 message serialised straight to bytes.

Python's ``email`` package builds and flattens a message in about 4 ms here, four times
the cost of rendering its templates and more than sending it to a local server; a
notification always has the same shape, so it is written directly: the headers Django
would write (``Subject`` encoded per RFC 2047 when not ASCII, addresses through Django's
``sanitize_address``), ``8bit`` parts as Django sends them, ``quoted-printable`` for a
part with a line longer than SMTP allows. ``tests/notifications`` parse the result with
the ``email`` package and compare it with Django's own rendering.
"""

from __future__ import annotations

import re
import secrets
from email import quoprimime
from email.header import Header
from email.utils import formatdate
from functools import lru_cache

from django.core.mail import BadHeaderError
from django.core.mail.message import sanitize_address

# RFC 5322: a line is at most 998 characters, without its CRLF.
LONGEST_LINE = 998
CRLF = "\r\n"


@lru_cache(maxsize=256)
def _encoded_header(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise BadHeaderError(f"A header value may not contain a new line: {value!r}")
    try:
        value.encode("ascii")
    except UnicodeEncodeError:
        return Header(value, "utf-8", header_name="Subject").encode(linesep=CRLF)
    return value


# An ASCII dot-atom address (RFC 5322: ``local@domain``, no quoting, no display name) is
# exactly what ``sanitize_address`` returns for it; nearly every subscriber's address is
# one, and parsing it cost more than sending the mail (an LRU cache does not help: a run
# over more addresses than it holds misses every time).
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
# A domain label is at most 63 characters (longer, ``sanitize_address`` refuses the address).
_LABEL = r"[A-Za-z0-9-]{1,63}"
_PLAIN_ADDRESS = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})*\Z")


def address(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise BadHeaderError(f"An address may not contain a new line: {value!r}")
    if _PLAIN_ADDRESS.match(value):
        return value
    return _sanitized(value)


@lru_cache(maxsize=4096)
def _sanitized(value: str) -> str:
    return sanitize_address(value, "utf-8")


def _part(content_type: str, text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(len(line.encode()) > LONGEST_LINE for line in text.split("\n")):
        encoding = "quoted-printable"
        # quoprimime encodes characters as single bytes: hand it the UTF-8 bytes as such.
        latin = text.encode("utf-8").decode("latin-1")
        body = quoprimime.body_encode(latin, maxlinelen=76, eol=CRLF)
    else:
        encoding = "8bit"
        body = text.replace("\n", CRLF)
    return (
        f'Content-Type: {content_type}; charset="utf-8"{CRLF}'
        f"MIME-Version: 1.0{CRLF}"
        f"Content-Transfer-Encoding: {encoding}{CRLF}{CRLF}"
        f"{body}{CRLF}"
    )


def serialise(
    *,
    subject: str,
    from_email: str,
    to: str,
    text: str,
    html: str,
    headers: dict[str, str],
) -> bytes:
    boundary = f"===============notification{secrets.token_hex(12)}=="
    lines = [
        f'Content-Type: multipart/alternative; boundary="{boundary}"',
        "MIME-Version: 1.0",
        f"Subject: {_encoded_header(subject)}",
        f"From: {address(from_email)}",
        f"To: {address(to)}",
        f"Date: {formatdate(localtime=False)}",
    ]
    lines.extend(f"{name}: {_encoded_header(value)}" for name, value in headers.items())
    head = CRLF.join(lines) + CRLF + CRLF
    body = (
        f"--{boundary}{CRLF}{_part('text/plain', text)}"
        f"--{boundary}{CRLF}{_part('text/html', html)}"
        f"--{boundary}--{CRLF}"
    )
    return (head + body).encode("utf-8")
