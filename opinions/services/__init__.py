"""Every change in the council: terms and members, positions and items, amendments,
votes and requests."""

from opinions.services.amendments import amendment_accept, amendment_propose, amendment_reject
from opinions.services.ballots import attendance_record, ballot_cast, ballot_record
from opinions.services.items import (
    item_add,
    item_delete,
    item_move,
    item_update,
    items_from_comments,
    note_add,
)
from opinions.services.positions import (
    POSITION_FIELDS,
    position_create,
    position_delete,
    position_update,
    position_withdraw,
)
from opinions.services.requests import request_accept, request_decline, request_submit
from opinions.services.terms import (
    TERM_FIELDS,
    council_create,
    member_add,
    member_end,
    member_set_office,
    term_create,
    term_update,
)
from opinions.services.vote_results import vote_close
from opinions.services.votes import recusal_declare, vote_open

__all__ = [
    "POSITION_FIELDS",
    "TERM_FIELDS",
    "amendment_accept",
    "amendment_propose",
    "amendment_reject",
    "attendance_record",
    "ballot_cast",
    "ballot_record",
    "council_create",
    "item_add",
    "item_delete",
    "item_move",
    "item_update",
    "items_from_comments",
    "member_add",
    "member_end",
    "member_set_office",
    "note_add",
    "position_create",
    "position_delete",
    "position_update",
    "position_withdraw",
    "recusal_declare",
    "request_accept",
    "request_decline",
    "request_submit",
    "term_create",
    "term_update",
    "vote_close",
    "vote_open",
]
