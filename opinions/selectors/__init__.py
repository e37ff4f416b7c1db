"""Every non-trivial read in the council."""

from opinions.report import term_report_data
from opinions.selectors.documents import (
    DocumentItem,
    PositionDocument,
    Signatory,
    VoteTally,
    position_document_data,
)
from opinions.selectors.pages import adopted_list, adopted_years, item_list
from opinions.selectors.positions import (
    amendment_get_for,
    comment_picker,
    comment_picker_choices,
    consultation_for_position,
    item_get_for,
    item_revision_list,
    item_with_details,
    pending_amendments,
    position_get_for,
    position_list,
    provenance_for_comments,
    provision_for_position,
)
from opinions.selectors.requests import (
    request_attachment_for,
    request_get_for,
    request_list,
    request_progress_for,
)
from opinions.selectors.terms import (
    council_default,
    member_get_for,
    member_list,
    seat_of,
    term_current,
    term_get_for,
    term_list,
)
from opinions.selectors.votes import (
    VoterStatus,
    my_ballot,
    term_member_of_vote,
    vote_get_for,
    vote_list,
    vote_roll,
    voters_by_choice,
)
from opinions.selectors.workspace import Workspace, workspace_for

__all__ = [
    "DocumentItem",
    "PositionDocument",
    "Signatory",
    "VoteTally",
    "VoterStatus",
    "Workspace",
    "adopted_list",
    "adopted_years",
    "amendment_get_for",
    "comment_picker",
    "comment_picker_choices",
    "consultation_for_position",
    "council_default",
    "item_get_for",
    "item_list",
    "item_revision_list",
    "item_with_details",
    "member_get_for",
    "member_list",
    "my_ballot",
    "pending_amendments",
    "position_document_data",
    "position_get_for",
    "position_list",
    "provenance_for_comments",
    "provision_for_position",
    "request_attachment_for",
    "request_get_for",
    "request_list",
    "request_progress_for",
    "seat_of",
    "term_current",
    "term_get_for",
    "term_list",
    "term_member_of_vote",
    "term_report_data",
    "vote_get_for",
    "vote_list",
    "vote_roll",
    "voters_by_choice",
    "workspace_for",
]
