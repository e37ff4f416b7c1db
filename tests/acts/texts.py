"""Act texts and files for the legal act tests."""

from __future__ import annotations

import io

import docx

SAMPLE_ACT = """PROJEKT

UCHWAŁA NR .../2027
RADY MIASTA SOPOTU
z dnia 2 marca 2027 r.

w sprawie programu współpracy z organizacjami pozarządowymi

Na podstawie art. 18 ust. 2 pkt 15 ustawy o samorządzie gminnym Rada Miasta uchwala, co następuje:

§ 1. 1. Przyjmuje się program współpracy na rok 2028.
2. Program obejmuje:
1) konsultacje aktów prawa miejscowego;
2) wspólne zespoły doradcze.

§ 2. Wykonanie uchwały powierza się Prezydentowi Miasta.

§ 3. Uchwała wchodzi w życie z dniem podjęcia.

Uzasadnienie

Program jest przyjmowany co roku.
"""

# The second version: § 2 reworded, a new § 3 inserted (old § 3 becomes § 4).
SAMPLE_ACT_V2 = SAMPLE_ACT.replace(
    "§ 2. Wykonanie uchwały powierza się Prezydentowi Miasta.",
    "§ 2. Wykonanie uchwały powierza się Prezydentowi Miasta Sopotu.\n\n"
    "§ 3. Program ocenia się po roku.",
).replace("§ 3. Uchwała wchodzi", "§ 4. Uchwała wchodzi")

# Two provisions run together on one line: a unit the official splits.
RUN_TOGETHER_ACT = """UCHWAŁA NR 1/2027 RADY MIASTA SOPOTU
w sprawie testu

§ 1. Pierwszy przepis. Drugi przepis wpisany w tej samej linii.

§ 2. Uchwała wchodzi w życie z dniem podjęcia.
"""


def act_text(units: int) -> str:
    """A resolution of about ``units`` units: paragraphs (§) with subsections and points,
    nested three deep."""
    lines = [
        "UCHWAŁA NR 1/2027 RADY MIASTA TESTOWEGO",
        "w sprawie testu wydajności",
        "Na podstawie art. 18 ustawy Rada uchwala, co następuje:",
    ]
    paragraph = count = 0
    while count < units - 1:
        paragraph += 1
        lines.append(f"§ {paragraph}. 1. Przepis {paragraph} ustęp pierwszy.")
        count += 2
        for subsection in range(2, 5):
            if count >= units - 1:
                break
            lines.append(f"{subsection}. Przepis {paragraph} ustęp {subsection}:")
            count += 1
            for point in range(1, 3):
                if count >= units - 1:
                    break
                ending = "." if point == 2 else ";"
                lines.append(f"{point}) punkt {point} ustępu {subsection}{ending}")
                count += 1
    return "\n".join(lines)


def docx_bytes(text: str) -> bytes:
    """A .docx with one paragraph per line of ``text``, as Word would save it."""
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
