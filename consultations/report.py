"""The consultation report's data (sprawozdanie z konsultacji), as open data and for print.

``report_data`` gathers everything the report says into plain dataclasses, so the JSON and
CSV exports and a PDF template read the same figures. Labels are translated into the active
language when the data is gathered.

Organisations (and the NGO council, for its submission) are named as they were called
when they submitted (``Comment.organisation_name``); a resident is named
only as "a resident": the report is published
as open data, and residents' names are personal data the report does not need. A hidden
comment is listed with the reason it was hidden, without its text.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.models import (
    Comment,
    CommentStatus,
    Consultation,
    ConsultationExtension,
    Disposition,
    Meeting,
)
from core.dates import in_warsaw

AUTHOR_ORGANISATION = "organisation"
AUTHOR_RESIDENT = "resident"
AUTHOR_COUNCIL = "council"
UNANSWERED = "unanswered"

# A cell a spreadsheet would run as a formula starts with one of these; such a cell gets a
# leading apostrophe in the CSV.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


@dataclass(frozen=True)
class ReportMeeting:
    starts_at: dt.datetime
    place: str
    notes: str


@dataclass(frozen=True)
class ReportExtension:
    previous_ends_at: dt.datetime
    new_ends_at: dt.datetime
    reason: str
    extended_at: dt.datetime


@dataclass(frozen=True)
class DispositionCount:
    disposition: str
    label: str
    count: int


@dataclass(frozen=True)
class ProvisionCount:
    """The comments on one provision (``label`` of the act as a whole when it has none)."""

    provision_id: int | None
    label: str
    anchor: str
    total: int
    by_disposition: dict[str, int]


@dataclass(frozen=True)
class ReportComment:
    number: int
    tracking_number: str
    submitted_at: dt.datetime | None
    author: str
    author_kind: str
    provision_id: int | None
    provision_label: str
    provision_anchor: str
    proposed_wording: str
    justification: str
    hidden: bool
    hidden_reason: str
    disposition: str
    disposition_label: str
    answer: str
    answered_at: dt.datetime | None
    # The wording reported is the final one (its version); ``edited_at`` says when it was
    # last changed after submission (empty: as submitted).
    version: int = 1
    edited_at: dt.datetime | None = None


@dataclass(frozen=True)
class ReportData:
    consultation_id: int
    title: str
    act_id: int
    act_title: str
    subject: str
    act_type: str
    act_type_label: str
    issuing_authority: str
    authority: str
    department: str
    legal_basis: str
    version_number: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    extensions: list[ReportExtension]
    forms: list[str]
    meetings: list[ReportMeeting]
    audience: str
    audience_label: str
    participants: list[str]
    organisation_count: int
    resident_count: int
    comment_count: int
    hidden_count: int
    answered_count: int
    counts_by_disposition: list[DispositionCount]
    counts_by_provision: list[ProvisionCount]
    comments: list[ReportComment] = field(default_factory=list)
    published: bool = False
    published_at: dt.datetime | None = None
    generated_at: dt.datetime = field(default_factory=timezone.now)

    @property
    def council_comments(self) -> list[ReportComment]:
        """The council's submission, reported apart from the other comments (a property,
        not a field: derived, it is no part of the data a document's hash is taken of)."""
        return [comment for comment in self.comments if comment.author_kind == AUTHOR_COUNCIL]


def _report_comments(consultation: Consultation) -> list[Comment]:
    return list(
        Comment.objects.filter(consultation=consultation, status=CommentStatus.SUBMITTED)
        .select_related("organisation", "provision", "answer", "council_submission")
        .order_by("provision__order", "submitted_at", "id")
    )


def report_data(*, consultation: Consultation) -> ReportData:
    """Everything the report says about ``consultation`` (loaded with its act, department
    and authority, as ``consultation_get_for`` gives it): four queries."""
    consultation = (
        Consultation.objects.select_related("version__act__department__authority")
        .prefetch_related(
            Prefetch("meetings", queryset=Meeting.objects.order_by("starts_at")),
            Prefetch("extensions", queryset=ConsultationExtension.objects.order_by("extended_at")),
        )
        .get(pk=consultation.pk)
    )
    act = consultation.version.act
    whole_act = _("The act as a whole")
    resident = _("A resident")
    comments = _report_comments(consultation)

    rows: list[ReportComment] = []
    dispositions: Counter[str] = Counter()
    per_provision: dict[int | None, dict[str, Any]] = {}
    organisations: dict[int, str] = {}
    residents: set[int] = set()
    councils: set[str] = set()
    for number, comment in enumerate(comments, start=1):
        answer = getattr(comment, "answer", None)
        disposition = answer.disposition if answer is not None else UNANSWERED
        if comment.organisation_id is not None and comment.organisation is not None:
            # As the organisation was called when it submitted, whatever it is called now.
            organisations.setdefault(comment.organisation_id, comment.organisation_label)
            author, author_kind = comment.organisation_label, AUTHOR_ORGANISATION
        elif comment.council_submission is not None:
            councils.add(comment.council_submission.council_name)
            author, author_kind = comment.council_submission.council_name, AUTHOR_COUNCIL
        else:
            residents.add(comment.author_id)
            author, author_kind = resident, AUTHOR_RESIDENT
        provision = comment.provision
        label = provision.label if provision is not None else whole_act
        anchor = provision.anchor if provision is not None else ""
        hidden = comment.is_hidden
        if not hidden:
            dispositions[disposition] += 1
            row = per_provision.setdefault(
                comment.provision_id,
                {"label": label, "anchor": anchor, "total": 0, "by": Counter()},
            )
            row["total"] += 1
            row["by"][disposition] += 1
        rows.append(
            ReportComment(
                number=number,
                tracking_number=comment.tracking_number or "",
                submitted_at=comment.submitted_at,
                author=author,
                author_kind=author_kind,
                provision_id=comment.provision_id,
                provision_label=label,
                provision_anchor=anchor,
                proposed_wording="" if hidden else comment.proposed_wording,
                justification="" if hidden else comment.justification,
                hidden=hidden,
                hidden_reason=comment.hidden_reason if hidden else "",
                disposition=disposition,
                disposition_label=_disposition_label(disposition),
                answer=answer.justification if answer is not None else "",
                answered_at=answer.answered_at if answer is not None else None,
                version=comment.version,
                edited_at=comment.edited_at,
            )
        )
    meetings = [
        ReportMeeting(starts_at=meeting.starts_at, place=meeting.place, notes=meeting.notes)
        for meeting in consultation.meetings.all()
    ]
    forms = [_("Comments submitted online")]
    if meetings:
        forms.append(_("Consultation meetings"))
    visible = sum(dispositions.values())
    return ReportData(
        consultation_id=consultation.pk,
        title=consultation.title,
        act_id=act.pk,
        act_title=act.title,
        subject=act.subject,
        act_type=act.act_type,
        act_type_label=str(act.get_act_type_display()),
        issuing_authority=act.issuing_authority,
        authority=act.department.authority.name,
        department=act.department.name,
        legal_basis=act.legal_basis,
        version_number=consultation.version.number,
        starts_at=consultation.opened_at,  # the real opening, never a backdated start
        ends_at=consultation.ends_at,  # the real closing, after every extension
        extensions=[
            ReportExtension(
                previous_ends_at=extension.previous_ends_at,
                new_ends_at=extension.new_ends_at,
                reason=extension.reason,
                extended_at=extension.extended_at,
            )
            for extension in consultation.extensions.all()
        ],
        forms=forms,
        meetings=meetings,
        audience=consultation.audience,
        audience_label=str(consultation.get_audience_display()),
        participants=sorted(organisations.values()) + sorted(councils),
        organisation_count=len(organisations),
        resident_count=len(residents),
        comment_count=len(rows),
        hidden_count=sum(1 for row in rows if row.hidden),
        answered_count=visible - dispositions[UNANSWERED],
        counts_by_disposition=[
            DispositionCount(value, _disposition_label(value), dispositions[value])
            for value in [*Disposition.values, UNANSWERED]
            if value != UNANSWERED or dispositions[UNANSWERED]
        ],
        counts_by_provision=[
            ProvisionCount(
                provision_id=provision_id,
                label=row["label"],
                anchor=row["anchor"],
                total=row["total"],
                by_disposition=dict(row["by"]),
            )
            for provision_id, row in per_provision.items()
        ],
        comments=rows,
        published=consultation.report_published_at is not None,
        published_at=consultation.report_published_at,
    )


def _disposition_label(value: str) -> str:
    if value == UNANSWERED:
        return _("not answered yet")
    return str(Disposition(value).label)


# --- Open data --------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    return value


def report_json(data: ReportData) -> dict[str, Any]:
    """The report as JSON-ready data: the dataclass's fields, moments in ISO 8601."""
    return _jsonable(dataclasses.asdict(data))


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return in_warsaw(value).isoformat()
    text = str(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def report_table_headings() -> list[str]:
    """The headings of the comment table (CSV, XLSX), in the active language."""
    return [
        _("No."),
        _("Tracking number"),
        _("Submitted at"),
        _("Author"),
        _("Provision"),
        _("Proposed wording"),
        _("Justification"),
        _("Hidden because"),
        _("Disposition"),
        _("Answer"),
    ]


def report_table_rows(data: ReportData) -> Iterator[list[Any]]:
    """One row per comment, as plain values (moments aware), under
    ``report_table_headings``."""
    for comment in data.comments:
        yield [
            comment.number,
            comment.tracking_number,
            comment.submitted_at,
            comment.author,
            comment.provision_label,
            comment.proposed_wording,
            comment.justification,
            comment.hidden_reason,
            comment.disposition_label,
            comment.answer,
        ]


def report_csv(data: ReportData) -> str:
    """One row per comment, UTF-8 with a byte order mark (so spreadsheets read Polish
    letters), headings in the active language."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(report_table_headings())
    for row in report_table_rows(data):
        writer.writerow([_csv_cell(value) for value in row])
    return BOM + buffer.getvalue()
