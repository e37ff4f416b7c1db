"""The redline between two versions of a legal act.

Readers of a new version see, unit by unit, what was added, removed, changed (with a
word-level diff) and renumbered (old § 4 became § 5 because a new § 3 was inserted). The
functions here are pure: they take two flat, ordered lists of provisions (parser dataclasses,
``Provision`` model instances or their ``as_redline_unit()`` dicts) and touch no database.

How units are paired, in this order, each step only among units not yet paired and never
across kinds (a point is never paired with a paragraph):

1. Same label, same text: unchanged.
2. The same text found exactly once on each side: the unit moved or was renumbered.
3. Same label and similar text (or two empty containers): changed in place.
4. Similar text near the expected position: renumbered (and perhaps edited). Greedy, the
   most similar pair first, the nearer one on a tie.
5. Same label, whatever the text: rewritten in place.
6. The rest: added or removed.

Label matching is deliberately not the first word: when a new § 3 is inserted, old § 3 and
new § 3 share a label but not a text, and pairing them would report every following unit as
"changed" instead of one addition and a run of renumberings.

A container with no text of its own (``§ 1`` whose text is in its ``ust.``) is compared by
the text of the units under it, so a renumbered paragraph's container moves with its
contents; its own change type is still judged on its own (empty) text.

Limits: step 4 compares a unit only with the ``NEIGHBOUR_WINDOW`` unpaired units of its kind
on each side of where it is expected in the new version (estimated from the nearest unit
paired before it), so a unit moved further than that, past that many other unpaired units of
its kind, is reported as removed and added unless its text is unique and unchanged (step 2
finds those anywhere). The cost is at most ``2 * NEIGHBOUR_WINDOW`` cheap bounds (one set
intersection each) per unpaired unit, and difflib's ratio only for the candidates that pass.
On 15,000 units a side (``benchmarks/redline_large_act.py``): ~0.4 s with 4% of the units
edited, inserted or removed; ~2.5 s when every text was rewritten (the worst case: every
unit unpaired after step 3 and diffed word by word).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from acts.redline.entries import describe_pairs, diff_tokens
from acts.redline.pairing import NEIGHBOUR_WINDOW, SIMILARITY_THRESHOLD, pair_units
from acts.redline.results import (
    Change,
    ProvisionInput,
    ProvisionLike,
    Redline,
    RedlineEntry,
    WordChange,
    WordOp,
    to_json,
)
from acts.redline.units import prepare_units

__all__ = [
    "NEIGHBOUR_WINDOW",
    "SIMILARITY_THRESHOLD",
    "Change",
    "ProvisionInput",
    "ProvisionLike",
    "Redline",
    "RedlineEntry",
    "WordChange",
    "WordOp",
    "compute_redline",
    "diff_words",
    "to_json",
]


def compute_redline(old: Sequence[ProvisionInput], new: Sequence[ProvisionInput]) -> Redline:
    """Pair the units of ``old`` and ``new`` and describe each pair, addition and removal."""
    old_units = prepare_units(old)
    new_units = prepare_units(new)
    old_to_new = pair_units(old_units, new_units)
    entries = describe_pairs(old_units, new_units, old_to_new)
    summary = {change.value: 0 for change in Change}
    summary.update(Counter(entry.change.value for entry in entries))
    return Redline(entries=entries, summary=summary)


def diff_words(old_text: str, new_text: str) -> list[WordChange]:
    """A word-level diff; punctuation stays on its word and whitespace is normalised.

    Joining the ``equal`` and ``insert`` runs with spaces gives the new text, the ``equal``
    and ``delete`` runs the old one (each with its whitespace collapsed to single spaces).
    """
    return diff_tokens(old_text.split(), new_text.split())
