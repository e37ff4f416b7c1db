"""Amending acts beyond parsing: what their instructions change, and the amended act's
consolidated text with those changes applied.

``instructions`` reads each amending unit into operations on addresses of the amended act
(replace, insert, repeal, words replaced, struck out or added) and the intro naming the
amended act; ``consolidation`` applies them to the amended act's provisions. Both are pure.
"""

from acts.amendments.consolidation import (
    ConsolidatedUnit,
    Consolidation,
    NotApplied,
    NotAppliedReason,
    consolidate,
)
from acts.amendments.instructions import (
    REPEALED_TEXT,
    Address,
    AmendedActReference,
    AmendingUnit,
    AmendmentPlan,
    Operation,
    OperationKind,
    Part,
    Unrecognised,
    interpret_instruction,
    interpret_units,
    parse_address,
    parse_reference,
    split_new_wording,
    split_single_change,
)

__all__ = [
    "REPEALED_TEXT",
    "Address",
    "AmendedActReference",
    "AmendingUnit",
    "AmendmentPlan",
    "ConsolidatedUnit",
    "Consolidation",
    "NotApplied",
    "NotAppliedReason",
    "Operation",
    "OperationKind",
    "Part",
    "Unrecognised",
    "consolidate",
    "interpret_instruction",
    "interpret_units",
    "parse_address",
    "parse_reference",
    "split_new_wording",
    "split_single_change",
]
