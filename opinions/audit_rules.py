"""What readers of the audit log see of the council's events (``core.audit_visibility``),
by the predicates the council's pages and API use.

- who voted how (``ballot.*``, a recusal's removed ballot): once the vote is closed, as
  far as the reader may see the vote; while it runs, only the term's officers, who need
  to see who has not voted yet (nobody else, administrators included: the log must not
  become a way to watch an open vote);
- positions, their items, notes, amendments and votes: as far as the reader may see the
  position (a draft stays with the council, administrators and the requester);
- requests to the council: as far as the reader may see the request.

Terms, their members and the council itself are public.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType

from core import audit_visibility
from core.audit_visibility import EVERYTHING, data_pk, target_pk, withhold_unless
from core.models import AuditEvent
from opinions import permissions
from opinions.models import Amendment, CouncilRequest, Position, PositionItem, Vote

_POSITION_RELATED = ("term", "request__organisation")
_BALLOT_KEYS = frozenset({"choice", "previous", "removed_ballot"})


def may_see_ballots_in_log(reader: Any, vote: Vote) -> bool:
    if vote.is_open:
        return permissions.is_officer(reader, vote.position.term)
    return permissions.can_view_vote(reader, vote)


def _may_see_position_of(reader: Any, obj: Any) -> bool:
    return permissions.can_view_position(reader, obj.position)


def _may_see_amendment(reader: Any, amendment: Amendment) -> bool:
    return _may_see_position_of(reader, amendment.item)


def _position_of(event: AuditEvent) -> Any:
    """The position an item's event is about: named in its data, or its target."""
    position_id = data_pk("position")(event)
    if position_id is not None:
        return position_id
    if event.target_type_id == ContentType.objects.get_for_model(Position).pk:
        return target_pk(event)
    return None


def register() -> None:
    votes = withhold_unless(
        model=Vote,
        related=tuple(f"position__{name}" for name in _POSITION_RELATED),
        rules=[
            (may_see_ballots_in_log, _BALLOT_KEYS),
            (permissions.can_view_vote, EVERYTHING),
        ],
    )
    audit_visibility.register("ballot", votes)
    audit_visibility.register("vote", votes)
    audit_visibility.register(
        "position",
        withhold_unless(
            model=Position,
            related=_POSITION_RELATED,
            rules=[(permissions.can_view_position, EVERYTHING)],
        ),
    )
    audit_visibility.register(
        "position_item",
        withhold_unless(
            model=Position,
            related=_POSITION_RELATED,
            object_of=_position_of,
            rules=[(permissions.can_view_position, EVERYTHING)],
        ),
    )
    audit_visibility.register(
        "item_note",
        withhold_unless(
            model=PositionItem,
            related=tuple(f"position__{name}" for name in _POSITION_RELATED),
            object_of=data_pk("item"),
            rules=[(_may_see_position_of, EVERYTHING)],
        ),
    )
    audit_visibility.register(
        "amendment",
        withhold_unless(
            model=Amendment,
            related=tuple(f"item__position__{name}" for name in _POSITION_RELATED),
            rules=[(_may_see_amendment, EVERYTHING)],
        ),
    )
    audit_visibility.register(
        "council_request",
        withhold_unless(
            model=CouncilRequest,
            related=("term", "organisation"),
            rules=[(permissions.can_view_request, EVERYTHING)],
        ),
    )
    audit_visibility.register_public("council", "term", "term_member")
