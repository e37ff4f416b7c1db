"""Warnings about transcript damage, with translatable messages.

Messages are lazy (gettext_lazy + format_lazy) so a parse made in one request can be shown in the
reader's language later; callers render them with str() at output time.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class WarningCode(StrEnum):
    EMPTY_TEXT = "empty_text"
    NUMBERING_GAP = "numbering_gap"
    NUMBERING_DUPLICATE = "numbering_duplicate"
    NUMBERING_OUT_OF_ORDER = "numbering_out_of_order"
    LIST_ITEM_UNPUNCTUATED = "list_item_unpunctuated"
    LIST_NOT_CLOSED = "list_not_closed"
    UNSTRUCTURED_TEXT = "unstructured_text"
    MARKERS_INFERRED = "markers_inferred"
    ANNEX_HEADER_REPEATED = "annex_header_repeated"
    QUOTATION_NOT_CLOSED = "quotation_not_closed"
    FOOTERS_DROPPED = "footers_dropped"


@dataclass(frozen=True)
class ParseWarning:
    code: WarningCode
    message: StrOrPromise
    label: str | None

    def as_dict(self) -> dict[str, str | None]:
        return {"code": str(self.code), "message": str(self.message), "label": self.label}


def empty_text_message() -> StrOrPromise:
    return _("The text is empty: paste the act or upload a file with its text.")


def numbering_gap_message(previous: str, current: str) -> StrOrPromise:
    return format_lazy(
        _("Numbering jumps from {previous} to {current}: a unit may be missing from the text."),
        previous=previous,
        current=current,
    )


def numbering_start_message(current: str) -> StrOrPromise:
    return format_lazy(
        _("Numbering starts at {current}: the units before it may be missing from the text."),
        current=current,
    )


def numbering_duplicate_message(current: str) -> StrOrPromise:
    return format_lazy(
        _("Number {current} is used twice: check the numbering of the source text."),
        current=current,
    )


def numbering_out_of_order_message(previous: str, current: str) -> StrOrPromise:
    return format_lazy(
        _("Number {current} follows {previous}: check the numbering of the source text."),
        previous=previous,
        current=current,
    )


def list_item_unpunctuated_message() -> StrOrPromise:
    return _(
        "This list item does not end with punctuation: part of its text may be missing "
        "or the next item may have lost its marker."
    )


def list_not_closed_message() -> StrOrPromise:
    return _(
        "The list ends without a full stop: its last items or its closing part may be missing."
    )


def unstructured_text_message() -> StrOrPromise:
    return _(
        "This text has no provision markers (§, Art., 1., 1), a)), so it was kept as one unit. "
        "Check the source or correct the structure before publishing."
    )


def markers_inferred_message(count: int) -> StrOrPromise:
    return format_lazy(
        _(
            "The body had no provision markers; each of its {count} sentences was taken as "
            "a separate paragraph (§). Check the numbering against the original."
        ),
        count=count,
    )


def annex_header_repeated_message() -> StrOrPromise:
    return _("The annex heading appears twice in a row; the repetition was ignored.")


def quotation_not_closed_message(line_number: int) -> StrOrPromise:
    return format_lazy(
        _(
            "The quotation mark opened in line {line} is never closed, so the text after it was "
            "read as the act's own units, not as quoted wording. Check the quotation marks."
        ),
        line=line_number,
    )


# A long act repeats its footer on every page; the warning names this many and counts the rest.
LISTED_FOOTERS = 5


def footers_dropped_message(footers: list[str]) -> StrOrPromise:
    listed = "; ".join(f"„{footer}”" for footer in footers[:LISTED_FOOTERS])
    if len(footers) > LISTED_FOOTERS:
        return format_lazy(
            _(
                "{count} page footers and page numbers were dropped as not part of any unit "
                "(the units' text is joined across them): {listed} and {more} more."
            ),
            count=len(footers),
            listed=listed,
            more=len(footers) - LISTED_FOOTERS,
        )
    return format_lazy(
        _(
            "{count} page footers and page numbers were dropped as not part of any unit "
            "(the units' text is joined across them): {listed}."
        ),
        count=len(footers),
        listed=listed,
    )
