"""The consultation report's editable exports (``documents.exports``), from the same data
as its signed PDF (``templates/pdf/consultation_report.html``), in Polish: the report as a
DOCX, and its comment table (the CSV's columns) as an XLSX."""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from typing import Any

from consultations.report import (
    AUTHOR_COUNCIL,
    ReportComment,
    ReportData,
    report_table_headings,
    report_table_rows,
)
from core.dates import day_text, in_warsaw, moment_text
from documents.exports import DocxWriter, xlsx_table

SHEET_TITLE = "Uwagi"
# Said where the council's submission would be, so the section is never left empty.
NO_COUNCIL_SUBMISSION = (
    "Rada organizacji pozarządowych nie złożyła stanowiska w tych konsultacjach."
)


def _comment(writer: DocxWriter, comment: ReportComment) -> None:
    head = f"Uwaga nr {comment.tracking_number or comment.number} — {comment.author}"
    if comment.submitted_at:
        head += f", złożona {moment_text(comment.submitted_at)}"
    if comment.author_kind == AUTHOR_COUNCIL:
        head += f" — {comment.provision_label}"
    writer.paragraph(head, bold=True)
    if comment.hidden:
        writer.paragraph(comment.hidden_reason, label="Uwaga ukryta:")
        return
    if comment.proposed_wording:
        writer.paragraph(comment.proposed_wording, label="Proponowane brzmienie:")
    if comment.justification:
        writer.paragraph(comment.justification, label="Uzasadnienie:")
    writer.paragraph(comment.answer or "—", label=f"Odpowiedź ({comment.disposition_label}):")


def report_docx(data: ReportData, *, title: str, code: str) -> bytes:
    writer = DocxWriter(title=title, code=code)
    writer.paragraph(data.authority, bold=True)
    writer.paragraph(data.department)
    writer.heading(f"Sprawozdanie z konsultacji: {data.title}", level=1)
    writer.paragraph(
        f"Projekt: {data.act_type_label} {data.issuing_authority} — {data.act_title} "
        f"(wersja {data.version_number})"
    )
    if data.published_at:
        writer.paragraph(f"Opublikowano: {day_text(data.published_at)}")

    writer.heading("Przedmiot i przebieg konsultacji", level=2)
    if data.subject:
        writer.paragraph(f"Przedmiot: {data.subject}")
    if data.legal_basis:
        writer.paragraph(f"Podstawa prawna projektu: {data.legal_basis}")
    writer.paragraph(f"Termin: od {moment_text(data.starts_at)} do {moment_text(data.ends_at)}.")
    for extension in data.extensions:
        writer.paragraph(
            f"Przedłużono z {moment_text(extension.previous_ends_at)} do "
            f"{moment_text(extension.new_ends_at)}: {extension.reason}"
        )
    writer.paragraph(f"Adresaci: {data.audience_label}. Formy: {'; '.join(data.forms)}.")
    for meeting in data.meetings:
        notes = f": {meeting.notes}" if meeting.notes else ""
        writer.paragraph(f"Spotkanie {moment_text(meeting.starts_at)}, {meeting.place}{notes}")
    if data.participants:
        writer.paragraph(f"Uczestnicy: {', '.join(data.participants)}.")

    writer.heading("Podsumowanie: pytaliśmy, odpowiedzieliście, zrobiliśmy", level=2)
    writer.paragraph(
        f"Wpłynęło uwag: {data.comment_count} (organizacje: {data.organisation_count}, "
        f"mieszkańcy: {data.resident_count}); ukrytych: {data.hidden_count}; "
        f"z odpowiedzią: {data.answered_count}."
    )
    writer.table(
        [(row.label, str(row.count)) for row in data.counts_by_disposition],
        header=("Rozstrzygnięcie", "Liczba uwag"),
    )

    writer.heading("Uwagi i odpowiedzi", level=2)
    for label, group in groupby(data.comments, key=lambda comment: comment.provision_label):
        writer.heading(label, level=3)
        for comment in group:
            if comment.author_kind != AUTHOR_COUNCIL:
                _comment(writer, comment)
    writer.heading("Stanowisko rady organizacji pozarządowych", level=2)
    council_comments = data.council_comments
    for comment in council_comments:
        _comment(writer, comment)
    if not council_comments:
        writer.paragraph(NO_COUNCIL_SUBMISSION)
    return writer.bytes()


def _cell(value: Any) -> Any:
    # A spreadsheet keeps no time zone: a moment is written as Warsaw's wall clock.
    if isinstance(value, dt.datetime):
        return in_warsaw(value).replace(tzinfo=None)
    return value


def report_xlsx(data: ReportData, *, title: str, code: str) -> bytes:
    """The comment table: one row per comment, the CSV's columns."""
    return xlsx_table(
        title=SHEET_TITLE,
        headings=report_table_headings(),
        rows=([_cell(value) for value in row] for row in report_table_rows(data)),
    )
