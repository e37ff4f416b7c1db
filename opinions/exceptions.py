"""The council's domain errors. Each tells the user what to do next."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from core.exceptions import Conflict, InvalidInput, InvalidTransition, NotAllowed


class NoCurrentTerm(InvalidTransition):
    default_code = "no_current_term"
    default_message = _(
        "The council has no current term. An administrator must set up the term and its "
        "members first."
    )


class TermNotCurrent(InvalidTransition):
    default_code = "term_not_current"
    default_message = _(
        "This term has ended (or not started yet), so its positions can no longer change."
    )


class OverlappingTerm(InvalidInput):
    default_code = "overlapping_term"
    default_message = _("The dates overlap another term of this council. Correct the dates.")


class AlreadyMember(Conflict):
    default_code = "already_member"
    default_message = _("This person is already a member in this term.")


class OfficeTaken(Conflict):
    default_code = "office_taken"
    default_message = _(
        "Another member already holds this office. Change their office first, then try again."
    )


class NotCouncilMember(NotAllowed):
    default_code = "not_council_member"
    default_message = _("Only members of the council in its current term can do this.")


class PositionNotEditable(InvalidTransition):
    default_code = "position_not_editable"
    default_message = _(
        "This position is no longer a draft, so it cannot be changed. Only drafts can be "
        "edited or amended."
    )


class StaleEdit(Conflict):
    """Someone saved a change after the user loaded the text; ``extra`` carries the
    current text and revision so the user can redo the change on top of it."""

    default_code = "stale_edit"
    default_message = _(
        "Someone changed this in the meantime. Reload the current text and make your change again."
    )


class StalePosition(StaleEdit):
    """A position's subject or justification changed since the user loaded them:
    ``current`` holds the saved values and revision (``extra["current"]`` in the API)."""

    def __init__(self, message: Any = None, *, current: dict[str, Any]) -> None:
        super().__init__(message, extra={"current": current})
        self.current = current


class StaleItem(StaleEdit):
    """An item's text changed since the user loaded it: ``current_text`` and
    ``current_revision`` are the saved ones (``extra`` in the API)."""

    def __init__(self, message: Any = None, *, current_text: str, current_revision: int) -> None:
        super().__init__(
            message, extra={"current_text": current_text, "current_revision": current_revision}
        )
        self.current_text = current_text
        self.current_revision = current_revision


class AmendmentDecided(InvalidTransition):
    default_code = "amendment_decided"
    default_message = _("This amendment has already been accepted or rejected.")


class PendingAmendments(InvalidTransition):
    default_code = "pending_amendments"
    default_message = _(
        "Some amendments are still waiting for a decision. Accept or reject them before the vote."
    )


class EmptyPosition(InvalidTransition):
    default_code = "empty_position"
    default_message = _("The position has no items yet. Add at least one item before the vote.")


class VoteClosed(InvalidTransition):
    default_code = "vote_closed"
    default_message = _("This vote is closed; its result is final and no vote can be changed.")


class VotingEnded(InvalidTransition):
    default_code = "voting_ended"
    default_message = _(
        "The deadline of this vote has passed, so votes are no longer accepted. The secretary "
        "will close it."
    )


class VoteStillRunning(InvalidTransition):
    default_code = "vote_still_running"
    default_message = _(
        "The vote cannot be closed yet: not every member has voted and the deadline has not "
        "passed. Wait for the deadline or for the missing votes."
    )


class WrongVoteMode(InvalidTransition):
    default_code = "wrong_vote_mode"
    default_message = _("This is not possible in this kind of vote.")


class NotEligible(NotAllowed):
    default_code = "not_eligible"
    default_message = _(
        "You are not among the members who vote on this: only members of the council on the "
        "day the vote opened can vote."
    )


class MemberRecused(NotAllowed):
    default_code = "member_recused"
    default_message = _(
        "This member is recused from this vote (conflict of interest), so cannot vote on it."
    )


class AlreadyRecused(Conflict):
    default_code = "already_recused"
    default_message = _("This member is already recused from this vote.")


class AttendanceMissing(InvalidTransition):
    default_code = "attendance_missing"
    default_message = _(
        "Record who is present at the meeting first, then each present member's vote."
    )


class MeetingIncomplete(InvalidTransition):
    default_code = "meeting_incomplete"
    default_message = _(
        "Record the vote of every present member (abstentions too) before closing the vote."
    )


class InvalidDeadline(InvalidInput):
    default_code = "invalid_deadline"
    default_message = _("Set a deadline in the future for a vote by circulation.")


class WrongConsultation(InvalidInput):
    default_code = "wrong_consultation"
    default_message = _("Pick comments and provisions of the consultation this position is about.")


class RequestDecided(InvalidTransition):
    default_code = "request_decided"
    default_message = _("This request has already been taken up or declined.")


class InvalidAttachment(InvalidInput):
    default_code = "invalid_attachment"
    default_message = _(
        "The attachment is not accepted. Attach PDF, DOCX, ODT, images or plain text files "
        "within the size limit."
    )
