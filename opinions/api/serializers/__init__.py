"""Input serializers check the shape of a request; output serializers render the result.

Input serializers never save: views pass their ``validated_data`` to a service, which owns
the rules (who may, the state of the position or vote, stale revisions, deadlines).
Output serializers expect the prefetches of the selectors named in their docstrings.

One module per part of the council, as in ``opinions.api.views``; every serializer is
re-exported here.
"""

from opinions.api.serializers.amendments import (
    AmendmentOutputSerializer,
    AmendmentProposeInputSerializer,
)
from opinions.api.serializers.positions import (
    ItemAddInputSerializer,
    ItemMoveInputSerializer,
    ItemOutputSerializer,
    ItemRevisionOutputSerializer,
    ItemsFromCommentsInputSerializer,
    ItemSourceOutputSerializer,
    ItemUpdateInputSerializer,
    NoteOutputSerializer,
    PickerCommentOutputSerializer,
    PositionCreateInputSerializer,
    PositionDetailOutputSerializer,
    PositionListOutputSerializer,
    PositionUpdateInputSerializer,
    TextInputSerializer,
    WithdrawInputSerializer,
)
from opinions.api.serializers.requests import (
    AttachmentOutputSerializer,
    RequestDeclineInputSerializer,
    RequestDetailOutputSerializer,
    RequestInputSerializer,
    RequestOutputSerializer,
    RequestPositionOutputSerializer,
)
from opinions.api.serializers.shared import (
    OrganisationRefOutputSerializer,
    PersonOutputSerializer,
    ProvisionRefOutputSerializer,
    ReferenceOutputSerializer,
)
from opinions.api.serializers.terms import (
    MemberAddInputSerializer,
    MemberEndInputSerializer,
    MemberOfficeInputSerializer,
    TermInputSerializer,
    TermMemberOutputSerializer,
    TermOutputSerializer,
)
from opinions.api.serializers.votes import (
    AttendanceInputSerializer,
    BallotInputSerializer,
    BallotRecordInputSerializer,
    RecusalInputSerializer,
    RecusalOutputSerializer,
    RollEntryOutputSerializer,
    VoteDetailOutputSerializer,
    VoteOpenInputSerializer,
    VotersOutputSerializer,
    VoteSummaryOutputSerializer,
    VoteWithPositionOutputSerializer,
)
from opinions.api.serializers.workspace import (
    WorkspaceOutputSerializer,
    WorkspacePositionsOutputSerializer,
)

__all__ = [
    "AmendmentOutputSerializer",
    "AmendmentProposeInputSerializer",
    "AttachmentOutputSerializer",
    "AttendanceInputSerializer",
    "BallotInputSerializer",
    "BallotRecordInputSerializer",
    "ItemAddInputSerializer",
    "ItemMoveInputSerializer",
    "ItemOutputSerializer",
    "ItemRevisionOutputSerializer",
    "ItemSourceOutputSerializer",
    "ItemUpdateInputSerializer",
    "ItemsFromCommentsInputSerializer",
    "MemberAddInputSerializer",
    "MemberEndInputSerializer",
    "MemberOfficeInputSerializer",
    "NoteOutputSerializer",
    "OrganisationRefOutputSerializer",
    "PersonOutputSerializer",
    "PickerCommentOutputSerializer",
    "PositionCreateInputSerializer",
    "PositionDetailOutputSerializer",
    "PositionListOutputSerializer",
    "PositionUpdateInputSerializer",
    "ProvisionRefOutputSerializer",
    "RecusalInputSerializer",
    "RecusalOutputSerializer",
    "ReferenceOutputSerializer",
    "RequestDeclineInputSerializer",
    "RequestDetailOutputSerializer",
    "RequestInputSerializer",
    "RequestOutputSerializer",
    "RequestPositionOutputSerializer",
    "RollEntryOutputSerializer",
    "TermInputSerializer",
    "TermMemberOutputSerializer",
    "TermOutputSerializer",
    "TextInputSerializer",
    "VoteDetailOutputSerializer",
    "VoteOpenInputSerializer",
    "VoteSummaryOutputSerializer",
    "VoteWithPositionOutputSerializer",
    "VotersOutputSerializer",
    "WithdrawInputSerializer",
    "WorkspaceOutputSerializer",
    "WorkspacePositionsOutputSerializer",
]
