"""Parsing a large act: a generated ~300-page regulation of ~15,000 units, and 2× and 4× that.

Synthetic act in the Dz. Urz. layout: title, legal basis, chapters of paragraphs (§) with
subsections (ust.), points (pkt), letters (lit.) and tirets, long provisions wrapped over
several lines as in transcripts, dates and amounts at the start of wrapped lines, page numbers
between pages, an annex with its own numbering and a justification.

    .venv/bin/python -m benchmarks.parse_large_act

Prints, for each size, the time of parse_text (best of a few runs) and the peak memory it
allocates (tracemalloc, a separate run since tracing slows Python down). Target: < 1 s at 1×;
time and memory should grow linearly with the size.
"""

from __future__ import annotations

import random
import time
import tracemalloc
from dataclasses import dataclass

from acts.parsing import parse_text

TARGET_UNITS = 15_000
SCALES = (1, 2, 4)
TIMED_RUNS = 3
SEED = 20_270_302
PARAGRAPHS_PER_CHAPTER = 12
USTEPS_PER_PARAGRAPH = 3
POINTS_PER_USTEP = 3
# Every n-th point gets letters, every n-th letter gets tirets.
POINTS_WITH_LETTERS_EVERY = 3
LETTERS_WITH_TIRETS_EVERY = 2
LINE_WIDTH = 90
LINES_PER_PAGE = 60

SAMPLE_TEXT = (
    "organizacja pozarządowa dotacja konkurs ofert zadanie publiczne miasto gmina rada "
    "prezydent uchwała program współpracy realizacja sprawozdanie termin dni ogłoszenie "
    "wniosek komisja ocena środki budżet finansowy rok kalendarzowy podmiot uprawniony "
    "działalność pożytek publiczny wolontariat stowarzyszenie fundacja członek przewodniczący "
    "posiedzenie protokół wynik jawny biuletyn informacji publicznej strona internetowa urząd "
    "wydział właściwy sprawy społeczne zdrowie kultura sport turystyka oświata ochrona "
    "środowiska przyroda bezpieczeństwo porządek mieszkańcy dzieci młodzież seniorzy osoby "
    "niepełnosprawne pomoc społeczna rodzina integracja wspieranie powierzanie wykonanie "
    "rozliczenie kontrola zwrot części niewykorzystanej żółty łąka źródło"
)
VOCABULARY = SAMPLE_TEXT.split()
# Tokens that must not be taken for markers when a line is wrapped before them.
TRAPS = ["31.12.2026 r.", "2026 roku", "15 000 zł", "§ 5 ust. 2", "art. 18 ust. 2"]


@dataclass
class GeneratedAct:
    text: str
    units: int


class ActWriter:
    """Writes the act line by line, counting units and adding page numbers as a PDF would."""

    def __init__(self, randomness: random.Random) -> None:
        self.randomness = randomness
        self.lines: list[str] = []
        self.units = 0

    def sentence(self, minimum: int, maximum: int, ending: str, *, traps: bool = True) -> str:
        words = self.randomness.choices(VOCABULARY, k=self.randomness.randint(minimum, maximum))
        if traps and self.randomness.random() < 0.2:
            words.insert(self.randomness.randint(1, len(words)), self.randomness.choice(TRAPS))
        return " ".join(words) + ending

    def unit(self, marker: str, text: str) -> None:
        self.units += 1
        self.add_wrapped(f"{marker} {text}" if marker else text)

    def add_wrapped(self, text: str) -> None:
        line: list[str] = []
        width = 0
        for word in text.split(" "):
            if line and width + len(word) + 1 > LINE_WIDTH:
                self.add_line(" ".join(line))
                line, width = [], 0
            line.append(word)
            width += len(word) + 1
        if line:
            self.add_line(" ".join(line))

    def add_line(self, line: str) -> None:
        self.lines.append(line)
        if len(self.lines) % LINES_PER_PAGE == 0:
            self.lines.append(f"\f{len(self.lines) // LINES_PER_PAGE}\f")


def generate_act(target_units: int, seed: int = SEED) -> GeneratedAct:
    writer = ActWriter(random.Random(seed))
    writer.lines += [
        "PROJEKT",
        "UCHWAŁA NR .../2027",
        "RADY MIASTA TESTOWO",
        "z dnia ... 2027 r.",
        "",
        "w sprawie regulaminu udzielania dotacji organizacjom pozarządowym",
        "",
        "Na podstawie art. 18 ust. 2 pkt 15 ustawy z dnia 8 marca 1990 r. o samorządzie gminnym",
        "uchwala się, co następuje:",
        "",
    ]
    writer.units += 1
    body_units = int(target_units * 0.9)
    chapter = 0
    paragraph = 0
    while writer.units < body_units:
        chapter += 1
        title = writer.sentence(2, 4, "", traps=False).capitalize()
        writer.unit(f"Rozdział {chapter}", title)
        for _ in range(PARAGRAPHS_PER_CHAPTER):
            paragraph += 1
            write_paragraph(writer, f"§ {paragraph}.")
    writer.lines += ["", "Załącznik nr 1 do uchwały nr .../2027", "Wzór sprawozdania", ""]
    writer.units += 1
    annex_paragraph = 0
    while writer.units < target_units - 1:
        annex_paragraph += 1
        write_paragraph(writer, f"§ {annex_paragraph}.")
    writer.lines += ["", "Uzasadnienie", ""]
    writer.unit("", writer.sentence(40, 80, ".").capitalize())
    return GeneratedAct(text="\n".join(writer.lines), units=writer.units)


def write_paragraph(writer: ActWriter, marker: str) -> None:
    writer.units += 1
    writer.lines.append(marker)
    for ustep in range(1, USTEPS_PER_PARAGRAPH + 1):
        writer.unit(f"{ustep}.", writer.sentence(8, 30, ":").capitalize())
        for point in range(1, POINTS_PER_USTEP + 1):
            ending = "." if point == POINTS_PER_USTEP else ";"
            if point % POINTS_WITH_LETTERS_EVERY == 0:
                writer.unit(f"{point})", writer.sentence(4, 10, ":"))
                for letter_position, letter in enumerate("ab", start=1):
                    letter_ending = ending if letter == "b" else ","
                    if letter_position % LETTERS_WITH_TIRETS_EVERY == 0:
                        writer.unit(f"{letter})", writer.sentence(4, 10, ":"))
                        writer.unit("–", writer.sentence(3, 8, ","))
                        writer.unit("–", writer.sentence(3, 8, letter_ending))
                    else:
                        writer.unit(f"{letter})", writer.sentence(4, 12, letter_ending))
            else:
                writer.unit(f"{point})", writer.sentence(6, 24, ending))


def measure(act: GeneratedAct) -> tuple[float, float, int]:
    """Best time in seconds, peak traced memory in MiB, and the number of provisions parsed."""
    best = float("inf")
    provisions = 0
    for _ in range(TIMED_RUNS):
        started = time.perf_counter()
        result = parse_text(act.text)
        best = min(best, time.perf_counter() - started)
        provisions = len(result.provisions)
        # Drop the result before the next run so it does not parse with twice the heap.
        del result
    tracemalloc.start()
    parse_text(act.text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak / (1024 * 1024), provisions


def main() -> None:
    print(f"{'size':>5} {'units':>7} {'chars':>10} {'pages':>6} {'time s':>7} {'peak MiB':>9}")
    for scale in SCALES:
        act = generate_act(TARGET_UNITS * scale)
        seconds, peak, provisions = measure(act)
        if provisions != act.units:
            raise SystemExit(f"parsed {provisions} provisions, generated {act.units}")
        pages = act.text.count("\f") // 2 + 1
        print(
            f"{scale:>4}× {provisions:>7} {len(act.text):>10} {pages:>6} "
            f"{seconds:>7.3f} {peak:>9.1f}"
        )


if __name__ == "__main__":
    main()
