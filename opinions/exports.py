"""The position as a DOCX to edit (``documents.exports``): the same content as its signed
PDF (``templates/pdf/position.html``), from the same data, in Polish."""

from __future__ import annotations

from typing import Any

from core.dates import day_text
from documents.exports import docx_bytes, new_docx
from opinions.selectors import PositionDocument


def position_docx(data: PositionDocument, *, title: str, code: str) -> bytes:
    document: Any = new_docx(title=title, code=code)
    letterhead = document.add_paragraph()
    letterhead.add_run(data.council_name).bold = True
    for line in data.letterhead:
        document.add_paragraph(line)
    heading = f"Uchwała nr {data.number_label}" if data.number_label else "Projekt stanowiska"
    document.add_heading(heading, level=1)
    dated = f" z dnia {day_text(data.date)}" if data.date else ""
    document.add_paragraph(f"{data.council_name}{dated}")
    document.add_paragraph(f"w sprawie: {data.subject}")
    kind = f"Rodzaj: {data.kind_label}"
    if data.consultation_title:
        kind += f"; konsultacje: „{data.consultation_title}”"
    if data.subject_organisation:
        kind += f"; dotyczy: {data.subject_organisation}"
    document.add_paragraph(kind)

    document.add_heading("Podstawa prawna", level=2)
    document.add_paragraph(
        "Na podstawie art. 41g ust. 1 ustawy z dnia 24 kwietnia 2003 r. o działalności "
        f"pożytku publicznego i o wolontariacie {data.council_name} uchwala, co następuje:"
    )
    document.add_heading("Treść stanowiska", level=2)
    for item in data.items:
        head = f"§ {item.order}"
        if item.provision_label:
            head += f" — dotyczy: {item.provision_label}"
        if item.source_numbers:
            head += f" — na podstawie uwag nr {', '.join(item.source_numbers)}"
        document.add_paragraph().add_run(head).bold = True
        document.add_paragraph(item.text)
    if not data.items:
        document.add_paragraph("Stanowisko nie zawiera punktów.")

    if data.justification:
        document.add_heading("Uzasadnienie", level=2)
        for paragraph in data.justification.splitlines():
            if paragraph.strip():
                document.add_paragraph(paragraph)

    document.add_heading("Głosowanie", level=2)
    tally = data.tally
    if tally is None:
        document.add_paragraph("Stanowisko nie zostało jeszcze poddane pod głosowanie.")
    else:
        table = document.add_table(rows=0, cols=2)
        turnout = f" ({round(tally.turnout * 100)}%)" if tally.turnout is not None else ""
        for label, value in (
            ("Za", tally.votes_for),
            ("Przeciw", tally.votes_against),
            ("Wstrzymało się", tally.abstentions),
            ("Uprawnionych", tally.eligible),
            ("Głosowało", f"{tally.participated}{turnout}"),
            ("Wyłączonych", tally.recused),
        ):
            cells = table.add_row().cells
            cells[0].text = label
            cells[1].text = str(value)
        document.add_paragraph(
            f"Tryb: {tally.mode_label}. Zasada: {tally.rule_description}. "
            f"Wynik: {tally.outcome_label}."
        )
        for choice, label in (("for", "Za"), ("against", "Przeciw"), ("abstain", "Wstrzymali się")):
            if data.voters.get(choice):
                document.add_paragraph(f"{label}: {', '.join(data.voters[choice])}")
        if data.recused:
            recused = "; ".join(
                f"{name} ({reason})" if reason else name for name, reason in data.recused
            )
            document.add_paragraph(f"Wyłączeni z głosowania: {recused}")

    for person in data.signatories:
        lines = [person.name, person.office_label, person.organisation]
        document.add_paragraph("\n".join(line for line in lines if line))
    return docx_bytes(document)
