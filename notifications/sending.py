"""Sending the outbox's e-mails: claim a batch with a lease, send it over one SMTP
connection, record each result.

Exactly once as far as SMTP allows: a delivery is claimed (``queued`` → ``sending`` with a
lease) in one short transaction before anything is sent, and marked ``sent`` right after
the batch. A worker killed between the two leaves at most its batch (``BATCH_SIZE``) in
``sending``; when the lease runs out the sweep sends those again, so they may arrive twice
(with the same ``Message-ID``). Nothing is ever lost: a delivery leaves ``queued`` or
``sending`` only as ``sent`` or ``failed``.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import smtplib
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import get_template, select_template
from django.utils import timezone, translation
from django.utils.html import escape

from core.mail import render_mail
from notifications import mime, registry, unsubscribe
from notifications.context import decode
from notifications.models import Channel, Delivery, DeliveryStatus
from notifications.recipients import Address

logger = logging.getLogger(__name__)

# How long a worker holds what it claimed; past it the sweep takes the deliveries back.
LEASE = dt.timedelta(minutes=5)
# Fresh deliveries are the on-commit task's; the sweep waits this long for it.
SWEEP_AFTER = dt.timedelta(minutes=1)
# Tries before a delivery is given up as failed; the waits between them double.
MAX_ATTEMPTS = 6
FIRST_RETRY_AFTER = dt.timedelta(minutes=1)
LONGEST_RETRY_AFTER = dt.timedelta(hours=2)
# SMTP answers that no retry will change (5xx): the delivery fails at once.
PERMANENT_SMTP_CODES = range(500, 600)


def batch_size() -> int:
    return int(getattr(settings, "NOTIFICATIONS_BATCH_SIZE", 2000))


def retry_after(attempts: int) -> dt.timedelta:
    return min(FIRST_RETRY_AFTER * 2 ** max(attempts - 1, 0), LONGEST_RETRY_AFTER)


def site_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def absolute(path: str) -> str:
    if not path or "://" in path:
        return path
    return f"{settings.SITE_URL}{path}"


@dataclass
class Outcome:
    sent: list[int] = field(default_factory=list)
    retried: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)

    def __iadd__(self, other: Outcome) -> Outcome:
        self.sent += other.sent
        self.retried += other.retried
        self.failed += other.failed
        return self


ACCOUNT_DEACTIVATED = "not sent: the recipient's account was deactivated"


def _claimable(*, sweep: bool, now: dt.datetime) -> Q:
    """Queued and due; for the sweep, only what was queued over a minute ago (the rest is
    the on-commit task's) and what a worker leased and did not finish in time."""
    if sweep:
        return Q(
            status=DeliveryStatus.QUEUED, due_at__lte=now, created_at__lte=now - SWEEP_AFTER
        ) | Q(status=DeliveryStatus.SENDING, lease_until__lt=now)
    return Q(status=DeliveryStatus.QUEUED, due_at__lte=now) | Q(
        status=DeliveryStatus.SENDING, lease_until__lt=now
    )


def claim(*, channel: str, sweep: bool = False, limit: int, **filters: Any) -> list[Delivery]:
    """Lease up to ``limit`` deliveries of ``channel`` to this worker and return them (with
    their event and user), in one short transaction: ``SELECT … FOR UPDATE SKIP LOCKED``
    (on PostgreSQL two workers skip each other's rows) and a conditional ``UPDATE`` of
    those rows (SQLite serialises the writes; a row taken meanwhile no longer matches, and
    what this worker won is read back by its token).

    Not one ``UPDATE … WHERE id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)``: PostgreSQL
    may run such a subquery again for every row and so claim far more than ``n`` (the
    worker-kill test caught it)."""
    now = timezone.now()
    condition = _claimable(sweep=sweep, now=now)
    token = uuid.uuid4().hex
    with transaction.atomic():
        queryset = Delivery.objects.filter(condition, channel=channel, **filters)
        if db_connection.features.has_select_for_update_skip_locked:
            queryset = queryset.select_for_update(skip_locked=True, of=("self",))
        rows = list(queryset.select_related("event", "user").order_by("pk")[:limit])
        if not rows:
            return []
        # Who is told was decided when the event was recorded; an account deactivated since
        # (a member removed, a person banned) gets nothing more: its deliveries end here.
        withdrawn = {row.pk for row in rows if row.user is not None and not row.user.is_active}
        if withdrawn:
            Delivery.objects.filter(pk__in=withdrawn).update(
                status=DeliveryStatus.FAILED, last_error=ACCOUNT_DEACTIVATED
            )
            rows = [row for row in rows if row.pk not in withdrawn]
            if not rows:
                return []
        lease_until = now + LEASE
        won = Delivery.objects.filter(condition, pk__in=[row.pk for row in rows]).update(
            status=DeliveryStatus.SENDING,
            lease_until=lease_until,
            attempts=F("attempts") + 1,
            leased_by=token,
        )
    if won < len(rows):  # another worker took some meanwhile (SQLite): keep what is ours
        held = set(
            Delivery.objects.filter(
                pk__in=[row.pk for row in rows], status=DeliveryStatus.SENDING, leased_by=token
            ).values_list("pk", flat=True)
        )
        rows = [row for row in rows if row.pk in held]
    for row in rows:
        row.status = DeliveryStatus.SENDING
        row.lease_until = lease_until
        row.attempts += 1
        row.leased_by = token
    return rows


def mail_context(delivery: Delivery) -> dict[str, Any]:
    """What an event's templates read: its context, the recipient, the absolute link and
    the one-click unsubscribe address (empty for essential events)."""
    event = delivery.event
    event_type = registry.get(event.name)
    recipient: Any
    if delivery.user is not None:
        recipient = delivery.user
    else:
        recipient = Address(
            email=delivery.email,
            language=delivery.language,
            unsubscribe_url=delivery.unsubscribe_url,
        )
    return {
        **decode(event.context),
        "context": decode(event.context),
        "recipient": recipient,
        "event_type": event_type,
        "link": absolute(event.link),
        "unsubscribe_url": unsubscribe_url_for(delivery),
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
    }


def unsubscribe_url_for(delivery: Delivery) -> str:
    event_type = registry.get(delivery.event.name)
    if event_type is None or event_type.essential:
        return ""
    if delivery.user_id is not None:
        return unsubscribe.url_for(user_id=delivery.user_id, category=delivery.category)
    return delivery.unsubscribe_url


def recipient_address(delivery: Delivery) -> str:
    return delivery.user.email if delivery.user is not None else delivery.email


def recipient_language(delivery: Delivery) -> str:
    return delivery.user.language if delivery.user is not None else delivery.language


def message_id(delivery: Delivery) -> str:
    # Stable: a resent delivery carries the same Message-ID, so a mail client shows it once.
    return f"<notification.{delivery.event_id}.{delivery.pk}@{site_domain()}>"


def unsubscribe_headers(url: str) -> dict[str, str]:
    if not url:
        return {}
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def build_message(delivery: Delivery, shared: SharedRenders | None = None) -> PreparedEmail:
    event_type = registry.get(delivery.event.name)
    if event_type is None:
        raise LookupError(f"No notification event type {delivery.event.name!r} is registered.")
    context = mail_context(delivery)
    folder = f"emails/{event_type.template}"
    language = recipient_language(delivery)
    rendered = shared.render(delivery, context, folder, language) if shared is not None else None
    if rendered is None:
        rendered = _render_parts(folder, language, context)
    subject, text, html = rendered
    headers = {
        "Message-ID": message_id(delivery),
        **unsubscribe_headers(context["unsubscribe_url"]),
    }
    message = PreparedEmail(
        subject=" ".join(subject.split()),
        body=text,
        to=[recipient_address(delivery)],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message


def _render_parts(folder: str, language: str, context: dict[str, Any]) -> tuple[str, str, str]:
    with translation.override(language):
        return (
            get_template(f"{folder}/subject.txt").render(context),
            get_template(f"{folder}/body.txt").render(context),
            get_template(f"{folder}/body.html").render(context),
        )


class _StandInPk:
    """An account's primary key while a shared mail is rendered: true, as every account's
    is (the footers ask whether the recipient has an account); any use of its value
    (compared, printed, hashed, taken as a number) notes a use, which makes the mail
    personal."""

    def __init__(self, uses: list[str]) -> None:
        self._uses = uses

    def __bool__(self) -> bool:
        return True

    def _used(self, how: str) -> Any:
        self._uses.append(f"pk.{how}")
        return NotImplemented

    def __eq__(self, other: object) -> bool:
        self._used("eq")
        return False

    def __ne__(self, other: object) -> bool:
        self._used("ne")
        return True

    def __lt__(self, other: object) -> Any:
        return self._used("lt")

    def __le__(self, other: object) -> Any:
        return self._used("le")

    def __gt__(self, other: object) -> Any:
        return self._used("gt")

    def __ge__(self, other: object) -> Any:
        return self._used("ge")

    def __hash__(self) -> int:
        self._used("hash")
        return 0

    def __str__(self) -> str:
        self._used("str")
        return ""

    def __int__(self) -> int:
        self._used("int")
        return 0

    def __index__(self) -> int:
        self._used("index")
        return 0


class _StandIn:
    """The recipient while a mail shared by many is rendered: its ``pk`` is true for an
    account and ``None`` for an address, as the footers ask; any other use (a name, the
    address itself, the key's value) is noted, and makes the mail personal."""

    def __init__(self, pk: _StandInPk | None, uses: list[str]) -> None:
        self.pk = pk
        self._uses = uses

    def __getattr__(self, name: str) -> Any:
        self._uses.append(name)
        return ""

    def __str__(self) -> str:
        self._uses.append("str")
        return ""


class SharedRenders:
    """One event's mail, rendered once per language and kind of recipient and reused for
    every recipient of a batch, with each one's unsubscribe address put in its place.

    Sending an event to thousands renders the same three templates thousands of times,
    which cost more than sending the mails. A template is rendered with a stand-in
    recipient and a placeholder for the unsubscribe address; it is reused only if the
    template read nothing of the recipient but whether it has an account, and if, for the
    first recipient, the result with the address put in equals a rendering of its own (a
    template that changed the address, with a filter, renders differently). Otherwise
    every recipient's mail is rendered for them."""

    def __init__(self) -> None:
        self.token = f"unsubscribe{uuid.uuid4().hex}"
        self._parts: dict[tuple[Any, ...], tuple[str, str, str] | None] = {}

    def render(
        self, delivery: Delivery, context: dict[str, Any], folder: str, language: str
    ) -> tuple[str, str, str] | None:
        url = context["unsubscribe_url"]
        key = (delivery.event_id, folder, language, delivery.user_id is not None, bool(url))
        if key not in self._parts:
            uses: list[str] = []
            account = _StandInPk(uses) if delivery.user_id is not None else None
            shared_context = {
                **context,
                "recipient": _StandIn(account, uses),
                "unsubscribe_url": self.token if url else "",
            }
            try:
                parts: tuple[str, str, str] | None = _render_parts(folder, language, shared_context)
            except Exception:
                # The template needs a real recipient (a link built from the key, say):
                # rendered for each, as it would be without sharing.
                parts = None
            own = _render_parts(folder, language, context)
            if parts is None or uses or self._fill(parts, url) != own:
                self._parts[key] = None
                return own
            self._parts[key] = parts
            return own
        shared = self._parts[key]
        return None if shared is None else self._fill(shared, url)

    def _fill(self, parts: tuple[str, str, str], url: str) -> tuple[str, str, str]:
        subject, text, html = parts
        return (
            subject.replace(self.token, url),
            text.replace(self.token, url),
            html.replace(self.token, str(escape(url))),
        )


def _answer(error: BaseException) -> tuple[str, bool]:
    """The server's answer as text, and whether it is permanent (no retry will help)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        answers = list(error.recipients.values())
        code, text = answers[0] if answers else (0, b"")
        message = f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
        return message, code in PERMANENT_SMTP_CODES
    if isinstance(error, smtplib.SMTPResponseException):
        raw: bytes | str = error.smtp_error
        decoded = raw.decode(errors="replace") if isinstance(raw, bytes) else str(raw)
        return f"{error.smtp_code} {decoded}", error.smtp_code in PERMANENT_SMTP_CODES
    return f"{type(error).__name__}: {error}", False


def _connection_lost(error: BaseException) -> bool:
    return isinstance(error, smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError)


@dataclass
class Unit:
    """One message to send and the deliveries it carries (one, or a digest's several)."""

    deliveries: list[Delivery]
    build: Callable[[], EmailMessage]


class PreparedEmail(EmailMultiAlternatives):
    """A notification's message, serialised once by ``notifications.mime`` ahead of its
    turn on the connection: the backends call ``message()`` and its ``as_bytes()``, which
    return the prepared bytes (SMTP, files); the attributes stay Django's (locmem)."""

    def prepare(self) -> PreparedEmail:
        html = next(
            (str(content) for content, kind in self.alternatives if kind == "text/html"), ""
        )
        self._prepared = _Serialised(
            mime.serialise(
                subject=str(self.subject),
                from_email=self.from_email,
                to=self.to[0],
                text=str(self.body),
                html=html,
                headers=self.extra_headers,
            )
        )
        return self

    def wire_bytes(self) -> bytes:
        """The message as SMTP carries it (prepared first if it was not)."""
        if getattr(self, "_prepared", None) is None:
            self.prepare()
        return self._prepared.as_bytes(linesep="\r\n")

    def message(self, *args: Any, **kwargs: Any) -> Any:
        prepared = getattr(self, "_prepared", None)
        return prepared if prepared is not None else super().message(*args, **kwargs)


class _Serialised:
    """What the backends read of a message: its bytes (``\\r\\n`` for SMTP, ``\\n`` for
    files) and its charset."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def as_bytes(self, *args: Any, linesep: str = "\n", **kwargs: Any) -> bytes:
        return self._data if linesep == "\r\n" else self._data.replace(b"\r\n", linesep.encode())

    def get_charset(self) -> None:
        return None


# Preparing messages in a second thread while the first waits for the server was
# measured slower (the threads contend for the interpreter on every answer): off.
PREPARE_IN_THREAD = False
PREPARED_AHEAD = 64


def _prepared(units: list[Unit]) -> Iterator[tuple[Unit, Any]]:
    """Each unit with its message, built and serialised by a second thread while this one
    waits for the mail server's answers: rendering overlaps the network. The builder reads
    no database (the rows came with their events and users). A failed build yields the
    error in the message's place. Leaving the loop early stops the builder."""
    if len(units) < 2 or not PREPARE_IN_THREAD:
        for unit in units:
            try:
                yield unit, _build(unit)
            except Exception as error:
                yield unit, error
        return
    ahead: queue.Queue[tuple[Unit, Any] | None] = queue.Queue(maxsize=PREPARED_AHEAD)
    stop = threading.Event()

    def build_all() -> None:
        for unit in units:
            if stop.is_set():
                break
            try:
                built: Any = _build(unit)
            except Exception as error:
                built = error
            while not stop.is_set():
                try:
                    ahead.put((unit, built), timeout=0.1)
                    break
                except queue.Full:
                    continue
        if not stop.is_set():
            ahead.put(None)

    builder = threading.Thread(target=build_all, name="notification-builder", daemon=True)
    builder.start()
    try:
        while (item := ahead.get()) is not None:
            yield item
    finally:
        stop.set()
        builder.join(timeout=30)


def _build(unit: Unit) -> Any:
    message = unit.build()
    if isinstance(message, PreparedEmail):
        message.prepare()
    return message


def _deliver(connection: Any, message: Any) -> None:
    """Send one message on the open connection. A prepared message on Django's SMTP
    backend goes straight to its ``smtplib`` connection, with the addresses sanitised once
    per address (``mime``) instead of once per message: what ``send_messages`` does, less
    its per-message parsing, which cost more than the sending itself."""
    smtp = getattr(connection, "connection", None)
    if isinstance(message, PreparedEmail) and isinstance(connection, SmtpBackend) and smtp:
        smtp.sendmail(
            mime.address(message.from_email),
            [mime.address(address) for address in message.recipients()],
            message.wire_bytes(),
        )
        return
    message.connection = connection
    connection.send_messages([message])


def send_batch(deliveries: list[Delivery]) -> Outcome:
    """Send claimed e-mail deliveries over one connection and record the results."""
    shared = SharedRenders()
    return send_units(
        [Unit([delivery], partial(build_message, delivery, shared)) for delivery in deliveries]
    )


def send_units(units: list[Unit]) -> Outcome:
    """Send each unit over one SMTP connection (``get_connection()`` opened once) and record
    the results: sent; back to the queue with a backoff (the server said "try later",
    or the connection failed); failed with the server's answer (a permanent refusal, or
    ``MAX_ATTEMPTS`` reached)."""
    outcome = Outcome()
    errors: dict[int, str] = {}
    attempts = {d.pk: d.attempts for unit in units for d in unit.deliveries}

    def give_back(unit: Unit, answer: str, *, permanent: bool = False) -> None:
        for delivery in unit.deliveries:
            errors[delivery.pk] = answer
            if permanent or delivery.attempts >= MAX_ATTEMPTS:
                outcome.failed.append(delivery.pk)
            else:
                outcome.retried.append(delivery.pk)

    connection = get_connection()
    try:
        connection.open()
    except Exception as error:  # the server is down: everything waits for a retry
        answer, _permanent = _answer(error)
        logger.warning("Notification mail server unreachable: %s", answer)
        for unit in units:
            give_back(unit, answer)
        _record(outcome, errors, attempts)
        return outcome
    try:
        for unit, built in _prepared(units):
            if isinstance(built, BaseException):  # a template that cannot be rendered: a bug
                logger.error("A notification could not be built", exc_info=built)
                give_back(unit, f"{type(built).__name__}: {built}", permanent=True)
                continue
            try:
                _deliver(connection, built)
            except (smtplib.SMTPException, OSError) as error:
                answer, permanent = _answer(error)
                give_back(unit, answer, permanent=permanent)
                if _connection_lost(error):
                    lost = answer
                    break
            else:
                outcome.sent.extend(delivery.pk for delivery in unit.deliveries)
        else:
            lost = ""
        if lost:  # the rest of the batch waits for the retry
            done = {*outcome.sent, *outcome.retried, *outcome.failed}
            for unit in units:
                if unit.deliveries[0].pk not in done:
                    give_back(unit, lost)
    finally:
        try:
            connection.close()
        except Exception:  # a server that hung up already
            logger.debug("Closing the mail connection failed", exc_info=True)
    _record(outcome, errors, attempts)
    return outcome


def _record(outcome: Outcome, errors: dict[int, str], attempts: dict[int, int]) -> None:
    now = timezone.now()
    if outcome.sent:
        Delivery.objects.filter(pk__in=outcome.sent).update(
            status=DeliveryStatus.SENT, sent_at=now, lease_until=None, leased_by="", last_error=""
        )
    for pk in outcome.retried:
        Delivery.objects.filter(pk=pk).update(
            status=DeliveryStatus.QUEUED,
            lease_until=None,
            leased_by="",
            due_at=now + retry_after(attempts[pk]),
            last_error=errors.get(pk, ""),
        )
    for pk in outcome.failed:
        Delivery.objects.filter(pk=pk).update(
            status=DeliveryStatus.FAILED,
            lease_until=None,
            leased_by="",
            last_error=errors.get(pk, ""),
        )


def batches(*, channel: str, sweep: bool = False, **filters: Any) -> Iterator[list[Delivery]]:
    """Claimed batches until none is left: a batch smaller than asked for took the last."""
    size = batch_size()
    while True:
        rows = claim(channel=channel, sweep=sweep, limit=size, **filters)
        if rows:
            yield rows
        if len(rows) < size:
            return


def deliveries_send(*, event_id: int | None = None, sweep: bool = False) -> Outcome:
    """Send every due e-mail delivery (of one event, or, for the sweep, whatever was left
    behind), batch by batch, each batch over one SMTP connection."""
    outcome = Outcome()
    filters: dict[str, Any] = {} if event_id is None else {"event_id": event_id}
    for rows in batches(channel=Channel.EMAIL, sweep=sweep, **filters):
        outcome += send_batch(rows)
    return outcome


# --- The daily digest ----------------------------------------------------------------------


def render_item(delivery: Delivery, *, language: str | None = None) -> dict[str, str]:
    """An event as one item (of the inbox, of a digest): its title (the mail's subject),
    its text (``inbox.txt``, else ``body.txt``) and its absolute link."""
    event_type = registry.get(delivery.event.name)
    if event_type is None:
        return {"title": delivery.event.name, "text": "", "link": absolute(delivery.event.link)}
    context = mail_context(delivery)
    folder = f"emails/{event_type.template}"
    with translation.override(language or recipient_language(delivery)):
        title = get_template(f"{folder}/subject.txt").render(context)
        text = select_template([f"{folder}/inbox.txt", f"{folder}/body.txt"]).render(context)
    return {"title": " ".join(title.split()), "text": text.strip(), "link": context["link"]}


DIGEST_TEMPLATE = "notifications_digest"


def build_digest(user: Any, deliveries: list[Delivery]) -> PreparedEmail:
    items = [render_item(delivery, language=user.language) for delivery in deliveries]
    url = unsubscribe.url_for(user_id=user.pk, category=unsubscribe.EVERY_DIGEST)
    context = {"items": items, "recipient": user, "unsubscribe_url": url}
    subject, text, html = render_mail(
        template=DIGEST_TEMPLATE, context=context, language=user.language
    )
    first = min(delivery.pk for delivery in deliveries)
    message = PreparedEmail(
        subject=subject,
        body=text,
        to=[user.email],
        headers={
            "Message-ID": f"<digest.{user.pk}.{first}@{site_domain()}>",
            **unsubscribe_headers(url),
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def digests_send() -> Outcome:
    """Send each user one mail with their digest deliveries (nothing to whom has none),
    all over one SMTP connection per batch of users."""
    outcome = Outcome()
    for rows in batches(channel=Channel.DIGEST):
        by_user: dict[int, list[Delivery]] = {}
        for row in rows:
            by_user.setdefault(row.user_id or 0, []).append(row)
        units = [
            Unit(items, partial(build_digest, items[0].user, items))
            for user_id, items in by_user.items()
            if user_id and items[0].user is not None
        ]
        outcome += send_units(units)
    return outcome
