"""The position as a DOCX to edit (``documents.exports``): the same content as its signed
PDF (``templates/pdf/position.html``), from the same data, in Polish."""

from __future__ import annotations

from core.dates import day_text
from documents.exports import DocxWriter
from opinions.selectors import PositionDocument


def position_docx(data: PositionDocument, *, title: str, code: str) -> bytes:
    writer = DocxWriter(title=title, code=code)
    writer.paragraph(data.council_name, bold=True)
    for line in data.letterhead:
        writer.paragraph(line)
    heading = f"Uchwała nr {data.number_label}" if data.number_label else "Projekt stanowiska"
    writer.heading(heading, level=1)
    dated = f" z dnia {day_text(data.date)}" if data.date else ""
    writer.paragraph(f"{data.council_name}{dated}")
    writer.paragraph(f"w sprawie: {data.subject}")
    kind = f"Rodzaj: {data.kind_label}"
    if data.consultation_title:
        kind += f"; konsultacje: „{data.consultation_title}”"
    if data.subject_organisation:
        kind += f"; dotyczy: {data.subject_organisation}"
    writer.paragraph(kind)

    writer.heading("Podstawa prawna", level=2)
    writer.paragraph(
        "Na podstawie art. 41g ust. 1 ustawy z dnia 24 kwietnia 2003 r. o działalności "
        f"pożytku publicznego i o wolontariacie {data.council_name} uchwala, co następuje:"
    )
    writer.heading("Treść stanowiska", level=2)
    for item in data.items:
        head = f"§ {item.order}"
        if item.provision_label:
            head += f" — dotyczy: {item.provision_label}"
        if item.source_numbers:
            head += f" — na podstawie uwag nr {', '.join(item.source_numbers)}"
        writer.paragraph(head, bold=True)
        writer.paragraph(item.text)
    if not data.items:
        writer.paragraph("Stanowisko nie zawiera punktów.")

    if data.justification:
        writer.heading("Uzasadnienie", level=2)
        for paragraph in data.justification.splitlines():
            if paragraph.strip():
                writer.paragraph(paragraph)

    writer.heading("Głosowanie", level=2)
    tally = data.tally
    if tally is None:
        writer.paragraph("Stanowisko nie zostało jeszcze poddane pod głosowanie.")
    else:
        turnout = f" ({round(tally.turnout * 100)}%)" if tally.turnout is not None else ""
        writer.table(
            [
                ("Za", str(tally.votes_for)),
                ("Przeciw", str(tally.votes_against)),
                ("Wstrzymało się", str(tally.abstentions)),
                ("Uprawnionych", str(tally.eligible)),
                ("Głosowało", f"{tally.participated}{turnout}"),
                ("Wyłączonych", str(tally.recused)),
            ]
        )
        writer.paragraph(
            f"Tryb: {tally.mode_label}. Zasada: {tally.rule_description}. "
            f"Wynik: {tally.outcome_label}."
        )
        for choice, label in (("for", "Za"), ("against", "Przeciw"), ("abstain", "Wstrzymali się")):
            if data.voters.get(choice):
                writer.paragraph(", ".join(data.voters[choice]), label=f"{label}:")
        if data.recused:
            recused = "; ".join(
                f"{name} ({reason})" if reason else name for name, reason in data.recused
            )
            writer.paragraph(recused, label="Wyłączeni z głosowania:")

    for person in data.signatories:
        lines = [person.name, person.office_label, person.organisation]
        writer.paragraph("\n".join(line for line in lines if line))
    return writer.bytes()
