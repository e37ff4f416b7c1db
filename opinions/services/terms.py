"""Councils, their terms, and the members of each term with their offices."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts import permissions as account_permissions
from accounts.models import Organisation
from accounts.titles import role_title
from core.dates import local_day
from core.exceptions import InvalidTransition, NotAllowed
from core.services import audit_log
from opinions import permissions
from opinions.events import OpinionVerb
from opinions.exceptions import AlreadyMember, OfficeTaken, OverlappingTerm
from opinions.models import (
    DEFAULT_NUMBERING_SCHEME,
    SINGLE_OFFICES,
    Council,
    MajorityRule,
    Office,
    QuorumRule,
    Term,
    TermMember,
)
from opinions.services.common import now

TERM_FIELDS = ("name", "starts_on", "ends_on", "quorum_rule", "majority_rule")


def _check_numbering_scheme(scheme: str) -> None:
    try:
        scheme.format(n=1, year=2000)
    except (KeyError, IndexError, ValueError):
        raise ValidationError(
            {"numbering_scheme": _("Use {n} for the number and {year} for the year, nothing else.")}
        ) from None
    if "{n}" not in scheme:
        raise ValidationError({"numbering_scheme": _("The scheme must contain {n}.")})


@transaction.atomic
def council_create(
    *,
    actor: Any,
    name: str,
    short_name: str = "",
    numbering_scheme: str = DEFAULT_NUMBERING_SCHEME,
    letterhead: str = "",
) -> Council:
    """Register a council (administrators). Audited."""
    if not account_permissions.is_administrator(actor):
        raise NotAllowed(_("Only an administrator can register a council."))
    _check_numbering_scheme(numbering_scheme)
    council = Council(
        name=name.strip(),
        short_name=short_name.strip(),
        numbering_scheme=numbering_scheme.strip(),
        letterhead=letterhead.strip(),
    )
    council.full_clean()
    council.save()
    audit_log(actor=actor, verb=OpinionVerb.COUNCIL_CREATED, target=council)
    return council


def _check_term(term: Term) -> None:
    term.name = term.name.strip()
    term.full_clean(exclude=["council"])
    if term.ends_on < term.starts_on:
        raise ValidationError({"ends_on": _("A term ends after it starts.")})
    overlapping = Term.objects.filter(
        council_id=term.council_id, starts_on__lte=term.ends_on, ends_on__gte=term.starts_on
    ).exclude(pk=term.pk)
    if overlapping.exists():
        raise OverlappingTerm()


@transaction.atomic
def term_create(
    *,
    council: Council,
    actor: Any,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    quorum_rule: str = QuorumRule.HALF_OF_MEMBERS,
    majority_rule: str = MajorityRule.SIMPLE,
) -> Term:
    """Open a term of the council with its voting rules. Administrators and the officers
    of the current term. Terms of one council never overlap. Audited."""
    if not permissions.can_create_term(actor, council):
        raise NotAllowed(
            _("Only an administrator or an officer of the current term can set up a term.")
        )
    Council.objects.select_for_update().get(pk=council.pk)  # terms of a council queue here
    term = Term(
        council=council,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        quorum_rule=quorum_rule,
        majority_rule=majority_rule,
    )
    _check_term(term)
    term.save()
    audit_log(
        actor=actor,
        verb=OpinionVerb.TERM_CREATED,
        target=term,
        data={"starts_on": starts_on, "ends_on": ends_on, "majority_rule": majority_rule},
    )
    return term


@transaction.atomic
def term_update(*, term: Term, actor: Any, **fields: Any) -> Term:
    """Change a term's name, dates or rules. New rules apply to votes opened afterwards;
    a vote keeps the rules it opened with. Audited with the changes."""
    if not permissions.can_manage_term(actor, term):
        raise NotAllowed(_("Only an administrator or an officer of the term can change it."))
    term = Term.objects.select_for_update().select_related("council").get(pk=term.pk)
    Council.objects.select_for_update().get(pk=term.council_id)
    changed: dict[str, Any] = {}
    for field, value in fields.items():
        if field not in TERM_FIELDS:
            raise TypeError(f"Unknown term field: {field}")
        if getattr(term, field) != value:
            changed[field] = {"from": getattr(term, field), "to": value}
            setattr(term, field, value)
    if not changed:
        return term
    _check_term(term)
    term.save()
    audit_log(actor=actor, verb=OpinionVerb.TERM_UPDATED, target=term, data=changed)
    return term


def _locked_term(term: Term) -> Term:
    return Term.objects.select_for_update().select_related("council").get(pk=term.pk)


def _check_single_office(term: Term, office: str, *, except_member: TermMember | None) -> None:
    if office not in SINGLE_OFFICES:
        return
    holders = TermMember.objects.filter(term=term, office=office, left_on__isnull=True)
    if except_member is not None:
        holders = holders.exclude(pk=except_member.pk)
    holder = holders.select_related("user").first()
    if holder is not None:
        raise OfficeTaken(
            _("%(name)s is already the %(office)s. Change their office first, then try again.")
            % {"name": holder.user, "office": role_title(office, holder.user)},
            extra={"holder": holder.pk},
        )


@transaction.atomic
def member_add(
    *,
    term: Term,
    actor: Any,
    user: Any,
    organisation: Organisation | None = None,
    office: str = Office.MEMBER,
    joined_on: dt.date | None = None,
    co_opted: bool = False,
) -> TermMember:
    """Seat a person in the term, representing ``organisation`` (of which they must be a
    member). By default they join today, or on the term's first day if it has not started.
    Administrators and the term's officers. Audited."""
    if not permissions.can_manage_term(actor, term):
        raise NotAllowed(_("Only an administrator or an officer of the term can add members."))
    term = _locked_term(term)
    if joined_on is None:
        joined_on = max(local_day(now()), term.starts_on)
    if not term.starts_on <= joined_on <= term.ends_on:
        raise ValidationError({"joined_on": _("Choose a day within the term.")})
    if office not in Office.values:
        raise ValidationError({"office": _("Choose one of the offices listed.")})
    if organisation is not None and not account_permissions.is_member_of(user, organisation):
        raise ValidationError(
            {"organisation": _("The person must be a member of the organisation they represent.")}
        )
    if TermMember.objects.filter(term=term, user=user).exists():
        raise AlreadyMember()
    _check_single_office(term, office, except_member=None)
    try:
        with transaction.atomic():
            member = TermMember.objects.create(
                term=term,
                user=user,
                organisation=organisation,
                office=office,
                joined_on=joined_on,
                co_opted=co_opted,
            )
    except IntegrityError:
        raise AlreadyMember() from None
    audit_log(
        actor=actor,
        verb=OpinionVerb.TERM_MEMBER_ADDED,
        target=member,
        data={
            "term": term.pk,
            "user": user.pk,
            "organisation": getattr(organisation, "pk", None),
            "office": office,
            "joined_on": joined_on,
            "co_opted": co_opted,
        },
    )
    return member


def _locked_member(member: TermMember) -> TermMember:
    _locked_term(member.term)
    return (
        TermMember.objects.select_for_update(of=("self",))
        .select_related("term__council", "user")
        .get(pk=member.pk)
    )


@transaction.atomic
def member_end(*, member: TermMember, actor: Any, left_on: dt.date) -> TermMember:
    """A member leaves the council on ``left_on`` (the last day they sit). Their votes so
    far stand; they take no part in votes opened after that day. Audited."""
    if not permissions.can_manage_term(actor, member.term):
        raise NotAllowed(_("Only an administrator or an officer of the term can end a membership."))
    member = _locked_member(member)
    if member.left_on is not None:
        raise InvalidTransition(_("This member has already left the council."))
    if left_on < member.joined_on:
        raise ValidationError({"left_on": _("A member leaves after joining.")})
    member.left_on = left_on
    member.save(update_fields=["left_on", "updated_at"])
    audit_log(
        actor=actor, verb=OpinionVerb.TERM_MEMBER_ENDED, target=member, data={"left_on": left_on}
    )
    return member


@transaction.atomic
def member_set_office(*, member: TermMember, actor: Any, office: str) -> TermMember:
    """Make a member the chair, a vice-chair, the secretary or an ordinary member. There is
    one chair and one secretary at a time. Audited."""
    if not permissions.can_manage_term(actor, member.term):
        raise NotAllowed(_("Only an administrator or an officer of the term can change offices."))
    member = _locked_member(member)
    if office not in Office.values:
        raise ValidationError({"office": _("Choose one of the offices listed.")})
    if member.left_on is not None:
        raise InvalidTransition(_("This member has left the council, so holds no office."))
    if member.office == office:
        return member
    _check_single_office(member.term, office, except_member=member)
    previous = member.office
    member.office = office
    member.save(update_fields=["office", "updated_at"])
    audit_log(
        actor=actor,
        verb=OpinionVerb.TERM_MEMBER_OFFICE_CHANGED,
        target=member,
        data={"from": previous, "to": office},
    )
    return member
