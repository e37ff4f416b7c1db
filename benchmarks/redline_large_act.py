"""The redline of a large act: two versions of ~15,000 units, a few per cent of them edited.

Synthetic regulation: 600 paragraphs (containers without own text), each with 4 subsections
(ust.) of 5 points (pkt). The second version edits ~2% of the units, inserts ~1% (new points
and subsections, which renumber their following siblings) and removes ~1%.

    .venv/bin/python -m benchmarks.redline_large_act

Prints the time of compute_redline (best of a few runs), the peak memory it allocates
(tracemalloc, a separate run since tracing slows Python down) and the summary. Target: < 2 s.
"""

from __future__ import annotations

import copy
import random
import time
import tracemalloc
from dataclasses import dataclass, field

from acts.redline import compute_redline

PARAGRAPHS = 600
SUBSECTIONS_PER_PARAGRAPH = 4
POINTS_PER_SUBSECTION = 5
EDITED_SHARE = 0.02
INSERTED_SHARE = 0.01
REMOVED_SHARE = 0.01
TIMED_RUNS = 3
SEED = 20_240_611

# A sample of the words of local regulations, diacritics included.
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


@dataclass(frozen=True, slots=True)
class Unit:
    label: str
    kind: str
    text: str
    anchor: str
    order: int


@dataclass
class Node:
    text: str
    children: list[Node] = field(default_factory=list)


def sentence(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(VOCABULARY, k=rng.randint(low, high))
    return " ".join(words).capitalize()


def point(rng: random.Random) -> Node:
    return Node(sentence(rng, 6, 18) + ";")


def subsection(rng: random.Random) -> Node:
    return Node(sentence(rng, 8, 20) + ":", [point(rng) for _ in range(POINTS_PER_SUBSECTION)])


def build_act(rng: random.Random) -> list[Node]:
    return [
        Node("", [subsection(rng) for _ in range(SUBSECTIONS_PER_PARAGRAPH)])
        for _ in range(PARAGRAPHS)
    ]


def flatten(paragraphs: list[Node]) -> list[Unit]:
    """Labels and anchors from positions, as the parser would number them."""
    units: list[Unit] = []

    def add(label: str, kind: str, text: str, anchor: str) -> None:
        units.append(Unit(label=label, kind=kind, text=text, anchor=anchor, order=len(units)))

    for p_number, paragraph in enumerate(paragraphs, start=1):
        add(f"§ {p_number}", "paragraph", paragraph.text, f"par-{p_number}")
        for u_number, ustep in enumerate(paragraph.children, start=1):
            u_label = f"§ {p_number} ust. {u_number}"
            u_anchor = f"par-{p_number}-ust-{u_number}"
            add(u_label, "ustep", ustep.text, u_anchor)
            for k_number, pkt in enumerate(ustep.children, start=1):
                add(f"{u_label} pkt {k_number}", "point", pkt.text, f"{u_anchor}-pkt-{k_number}")
    return units


def edit(rng: random.Random, text: str) -> str:
    words = text.split()
    for _ in range(rng.randint(1, 3)):
        words[rng.randrange(len(words))] = rng.choice(VOCABULARY)
    return " ".join(words)


def revise(rng: random.Random, paragraphs: list[Node], unit_count: int) -> list[Node]:
    revised = copy.deepcopy(paragraphs)
    subsections = [ustep for paragraph in revised for ustep in paragraph.children]
    leaves = subsections + [pkt for ustep in subsections for pkt in ustep.children]

    for node in rng.sample(leaves, round(unit_count * EDITED_SHARE)):
        node.text = edit(rng, node.text)
    for _ in range(round(unit_count * REMOVED_SHARE)):
        ustep = rng.choice(subsections)
        if ustep.children:
            ustep.children.pop(rng.randrange(len(ustep.children)))
    for _ in range(round(unit_count * INSERTED_SHARE)):
        if rng.random() < 0.9:
            ustep = rng.choice(subsections)
            ustep.children.insert(rng.randint(0, len(ustep.children)), point(rng))
        else:
            paragraph = rng.choice(revised)
            paragraph.children.insert(
                rng.randint(0, len(paragraph.children)), Node(sentence(rng, 8, 20) + ".")
            )
    return revised


def main() -> None:
    rng = random.Random(SEED)
    first = build_act(rng)
    old = flatten(first)
    new = flatten(revise(rng, first, len(old)))
    print(f"units: {len(old):,} old, {len(new):,} new")

    timings = []
    for _ in range(TIMED_RUNS):
        started = time.perf_counter()
        redline = compute_redline(old, new)
        timings.append(time.perf_counter() - started)
    print(f"compute_redline: best {min(timings):.3f} s, worst {max(timings):.3f} s (target < 2 s)")

    tracemalloc.start()
    compute_redline(old, new)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak memory allocated during compute_redline: {peak / 2**20:.1f} MiB")
    print("summary:", ", ".join(f"{change} {count}" for change, count in redline.summary.items()))


if __name__ == "__main__":
    main()
