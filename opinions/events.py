"""What the opinions services record in the audit log (see ``core.events``)."""

from __future__ import annotations

from core.events import AuditVerb


class OpinionVerb(AuditVerb):
    """The council, its terms and members, positions, amendments, votes and requests."""

    COUNCIL_CREATED = "council.created"
    TERM_CREATED = "term.created"
    TERM_UPDATED = "term.updated"
    TERM_MEMBER_ADDED = "term_member.added"
    TERM_MEMBER_OFFICE_CHANGED = "term_member.office_changed"
    TERM_MEMBER_ENDED = "term_member.ended"
    POSITION_CREATED = "position.created"
    POSITION_UPDATED = "position.updated"
    POSITION_ADOPTED = "position.adopted"
    POSITION_WITHDRAWN = "position.withdrawn"
    POSITION_DELETED = "position.deleted"  # a draft, by its drafter or an officer
    POSITION_ITEM_ADDED = "position_item.added"
    POSITION_ITEM_UPDATED = "position_item.updated"
    POSITION_ITEM_MOVED = "position_item.moved"
    POSITION_ITEM_DELETED = "position_item.deleted"
    POSITION_ITEM_PULLED_FROM_COMMENTS = "position_item.pulled_from_comments"
    ITEM_NOTE_ADDED = "item_note.added"
    AMENDMENT_PROPOSED = "amendment.proposed"
    AMENDMENT_ACCEPTED = "amendment.accepted"
    AMENDMENT_REJECTED = "amendment.rejected"
    VOTE_OPENED = "vote.opened"
    VOTE_CLOSED = "vote.closed"
    VOTE_ATTENDANCE_RECORDED = "vote.attendance_recorded"
    VOTE_RECUSAL_DECLARED = "vote.recusal_declared"
    BALLOT_CAST = "ballot.cast"
    BALLOT_CHANGED = "ballot.changed"
    BALLOT_RECORDED = "ballot.recorded"
    COUNCIL_REQUEST_SUBMITTED = "council_request.submitted"
    COUNCIL_REQUEST_ACCEPTED = "council_request.accepted"
    COUNCIL_REQUEST_DECLINED = "council_request.declined"
