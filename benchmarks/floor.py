"""Floor views: the least work Django can do for the same answer, to measure the app against.

Each floor runs in the same process, settings, middleware and database as the real
endpoint, but skips the application: no DRF, no serializers, no services, no permission
checks, no audit log. What is left is the cost of the request cycle plus the minimum SQL.
The real endpoint's ratio to its floor is what the targets in ``benchmarks/README.md`` are
about; the floors are not meant to be correct applications.

- ``comment_submit``: the token lookup and one ``INSERT … RETURNING id`` (the real path
  also keeps the wording as version 1, one more ``INSERT``, which the floor leaves out).
- ``consultation_page``: one query (the provisions with their visible comments joined),
  formatted as HTML by string building.
- ``comment_list``: one query (a page of the visible comments with their provision and
  organisation, and the total through a window function), formatted as JSON in the shape
  of the API's answer. Seeded comments have no answers or attachments, so the floor does
  not look for any.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.html import escape
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from accounts.api_tokens import key_hash
from accounts.models import ApiToken, Organisation, User
from acts.models import Provision
from consultations.models import Comment, CommentStatus, Consultation
from core.tracking import new_tracking_number

TRACKING_PREFIX = "FLOOR"
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500

COMMENTS = Comment._meta.db_table
CONSULTATIONS = Consultation._meta.db_table
ORGANISATIONS = Organisation._meta.db_table
PROVISIONS = Provision._meta.db_table
TOKENS = ApiToken._meta.db_table
USERS = User._meta.db_table


def _token_user_id(request: HttpRequest) -> int | None:
    keyword, _space, key = request.headers.get("Authorization", "").partition(" ")
    if keyword != "Token" or not key:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT t.user_id FROM {TOKENS} t JOIN {USERS} u ON u.id = t.user_id "
            "WHERE t.key_hash = %s AND u.is_active AND t.revoked_at IS NULL "
            "AND t.expires_at > %s",
            [key_hash(key), _datetime_parameter(timezone.now())],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _datetime_parameter(value: datetime) -> Any:
    # Raw SQL skips the field's conversion; SQLite (the smoke test) stores text.
    return connection.ops.adapt_datetimefield_value(value)


@csrf_exempt
@require_POST
def comment_submit(request: HttpRequest, pk: int) -> JsonResponse:
    user_id = _token_user_id(request)
    if user_id is None:
        return JsonResponse({"message": "Authentication required."}, status=401)
    try:
        data = json.loads(request.body)
    except ValueError:
        return JsonResponse({"message": "Invalid JSON."}, status=400)
    now = timezone.now()
    tracking_number = new_tracking_number(prefix=TRACKING_PREFIX, year=now.year)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {COMMENTS} (consultation_id, provision_id, organisation_id, author_id,"
            " proposed_wording, justification, status, submitted_by_id, submitted_at,"
            " tracking_number, hidden_reason, organisation_name, revision, version, created_at,"
            " updated_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, '', '', 1, 1, %s, %s) RETURNING id",
            [
                pk,
                data.get("provision"),
                data.get("organisation"),
                user_id,
                data.get("proposed_wording", ""),
                data.get("justification", ""),
                CommentStatus.SUBMITTED.value,
                user_id,
                _datetime_parameter(now),
                tracking_number,
                _datetime_parameter(now),
                _datetime_parameter(now),
            ],
        )
        (comment_id,) = cursor.fetchone()
    return JsonResponse(
        {"id": comment_id, "tracking_number": tracking_number, "submitted_at": now.isoformat()},
        status=201,
    )


_PAGE_QUERY = f"""
    SELECT k.title, p.id, p.label, p.anchor, p.text, p.depth,
           c.id, o.name, c.proposed_wording, c.justification, c.submitted_at
    FROM {CONSULTATIONS} k
    JOIN {PROVISIONS} p ON p.version_id = k.version_id
    LEFT JOIN {COMMENTS} c
        ON c.provision_id = p.id AND c.consultation_id = k.id
        AND c.status = %s AND c.hidden_at IS NULL
    LEFT JOIN {ORGANISATIONS} o ON o.id = c.organisation_id
    WHERE k.id = %s
    ORDER BY p."order", c.submitted_at, c.id
"""


def _local(value: datetime) -> datetime:
    # A raw query on SQLite (the smoke test) gives naive UTC datetimes.
    if timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return timezone.localtime(value)


def _local_time(value: datetime | str | None) -> str:
    if isinstance(value, datetime):
        return _local(value).strftime("%d.%m.%Y, %H:%M:%S")
    return value or ""


@require_GET
def consultation_page(request: HttpRequest, pk: int) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute(_PAGE_QUERY, [CommentStatus.SUBMITTED.value, pk])
        rows = cursor.fetchall()
    if not rows:
        return HttpResponse(status=404)
    title = escape(rows[0][0])
    parts = [
        '<!doctype html><html lang="pl"><head><meta charset="utf-8">',
        f"<title>{title}</title></head><body><main><h1>{title}</h1><ol>",
    ]
    current_provision = None
    for (
        _title,
        provision_id,
        label,
        anchor,
        text,
        depth,
        comment_id,
        organisation,
        proposed_wording,
        justification,
        submitted_at,
    ) in rows:
        if provision_id != current_provision:
            if current_provision is not None:
                parts.append("</div></li>")
            current_provision = provision_id
            parts.append(
                f'<li id="{escape(anchor)}" class="depth-{depth}"><h2>{escape(label)}</h2>'
                f'<p>{escape(text)}</p><div class="comments">'
            )
        if comment_id is not None:
            parts.append(
                f'<article id="comment-{comment_id}"><p>{escape(organisation or "")}</p>'
                f"<p>{_local_time(submitted_at)}</p>"
                f"<blockquote>{escape(proposed_wording)}</blockquote>"
                f"<p>{escape(justification)}</p></article>"
            )
    parts.append("</div></li></ol></main></body></html>")
    return HttpResponse("".join(parts))


_LIST_QUERY = f"""
    SELECT c.id, c.consultation_id, c.status, c.revision, c.submitted_at, c.version,
           c.edited_at, c.withdrawn_at, c.hidden_at, c.hidden_reason, c.proposed_wording,
           c.justification, c.created_at, c.updated_at, p.id, p.label, p.anchor,
           o.id, o.name, COUNT(*) OVER ()
    FROM {COMMENTS} c
    LEFT JOIN {PROVISIONS} p ON p.id = c.provision_id
    LEFT JOIN {ORGANISATIONS} o ON o.id = c.organisation_id
    WHERE c.consultation_id = %s AND c.status = %s AND c.hidden_at IS NULL
    ORDER BY c.submitted_at, c.id
    LIMIT %s OFFSET %s
"""


def _page_size(request: HttpRequest) -> int:
    try:
        size = int(request.GET.get("page_size", DEFAULT_PAGE_SIZE))
    except ValueError:
        size = DEFAULT_PAGE_SIZE
    return max(1, min(size, MAX_PAGE_SIZE))


def _iso(value: datetime | str | None) -> str | None:
    """In local time, as the API shows it."""
    if isinstance(value, datetime):
        return _local(value).isoformat()
    return value


def _page_link(request: HttpRequest, page: int, size: int) -> str:
    return request.build_absolute_uri(f"{request.path}?page={page}&page_size={size}")


@require_GET
def comment_list(request: HttpRequest, pk: int) -> JsonResponse:
    """The public's page of comments, in the API's shape (fields the public does not see,
    such as tracking numbers, are null there too)."""
    size = _page_size(request)
    try:
        page = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        page = 1
    with connection.cursor() as cursor:
        cursor.execute(_LIST_QUERY, [pk, CommentStatus.SUBMITTED.value, size, (page - 1) * size])
        rows = cursor.fetchall()
    count = rows[0][-1] if rows else 0
    results = [
        {
            "id": comment_id,
            "consultation": consultation_id,
            "provision": None
            if provision_id is None
            else {"id": provision_id, "label": label, "anchor": anchor},
            "organisation": None
            if organisation_id is None
            else {"id": organisation_id, "name": organisation},
            "author": organisation,
            "drafted_by": None,
            "status": status,
            "revision": revision,
            "submitted_at": _iso(submitted_at),
            "version": version,
            "edited_at": _iso(edited_at),
            "tracking_number": None,
            "withdrawn_at": _iso(withdrawn_at),
            "is_hidden": hidden_at is not None,
            "hidden_at": _iso(hidden_at),
            "hidden_reason": hidden_reason,
            "content_visible": True,
            "proposed_wording": proposed_wording,
            "justification": justification,
            "answer": None,
            "attachments": [],
            "created_at": _iso(created_at),
            "updated_at": _iso(updated_at),
        }
        for (
            comment_id,
            consultation_id,
            status,
            revision,
            submitted_at,
            version,
            edited_at,
            withdrawn_at,
            hidden_at,
            hidden_reason,
            proposed_wording,
            justification,
            created_at,
            updated_at,
            provision_id,
            label,
            anchor,
            organisation_id,
            organisation,
            _count,
        ) in rows
    ]
    return JsonResponse(
        {
            "count": count,
            "next": _page_link(request, page + 1, size) if page * size < count else None,
            "previous": _page_link(request, page - 1, size) if page > 1 else None,
            "results": results,
        }
    )
