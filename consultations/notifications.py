"""What the consultations tell people (``notifications.registry``): a consultation opened,
extended, closing, closed, its report published; a comment's receipt, its answers, its
hiding and showing again.

Who is told is decided here, by the ``*_recipients`` selectors, and nowhere else. Each
``notify_*`` is called inside the transaction of the service that changes the state (the
outbox); what the clock decides (opened, closing in 3 days, the last day, closed) is
recorded by the beat tasks in ``consultations.tasks``, with keys that make a second run add
nothing.

Followers of a department, a topic, an act or a consultation, and the e-mail subscribers,
are the following part of ``notifications`` (``notifications.following``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from functools import reduce
from operator import or_
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, User
from consultations.models import (
    Answer,
    Comment,
    CommentStatus,
    Consultation,
    ConsultationExtension,
)
from core.dates import local_day
from notifications import categories, following, selectors
from notifications.recipients import Address
from notifications.registry import EventType, register
from notifications.services import record

CONSULTATION_OPENED = "consultation.opened"
CONSULTATION_EXTENDED = "consultation.extended"
CONSULTATION_CLOSING_SOON = "consultation.closing_soon"
CONSULTATION_LAST_DAY = "consultation.last_day"
CONSULTATION_CLOSED = "consultation.closed"
REPORT_PUBLISHED = "consultation.report_published"
COMMENT_SUBMITTED = "comment.submitted"
COMMENT_ANSWERED = "comment.answered"
COMMENT_HIDDEN = "comment.hidden"
COMMENT_UNHIDDEN = "comment.unhidden"

# The reminders before the end: days before the last day, counted in Warsaw days.
CLOSING_SOON_DAYS = 3
# The beat announces an opening (or a closing) it finds within this long after it happened;
# older ones were announced, or are no news any more.
ANNOUNCE_WITHIN = dt.timedelta(days=1)

EVENT_TYPES = (
    EventType(
        CONSULTATION_OPENED,
        categories.CONSULTATIONS,
        _("A consultation opened"),
        "consultation_opened",
    ),
    EventType(
        CONSULTATION_EXTENDED,
        categories.CONSULTATIONS,
        _("A consultation was extended"),
        "consultation_extended",
    ),
    EventType(
        CONSULTATION_CLOSING_SOON,
        categories.CONSULTATIONS,
        _("A consultation closes in 3 days"),
        "consultation_closing_soon",
    ),
    EventType(
        CONSULTATION_LAST_DAY,
        categories.CONSULTATIONS,
        _("The last day of a consultation"),
        "consultation_last_day",
    ),
    EventType(
        CONSULTATION_CLOSED,
        categories.CONSULTATIONS,
        _("A consultation closed"),
        "consultation_closed",
    ),
    EventType(
        REPORT_PUBLISHED,
        categories.CONSULTATIONS,
        _("A consultation report was published"),
        "consultation_report_published",
    ),
    # The receipt: proof of what was submitted and when; always sent.
    EventType(
        COMMENT_SUBMITTED,
        categories.MY_COMMENTS,
        _("Receipt of a submitted comment"),
        "comment_submitted",
        essential=True,
    ),
    EventType(
        COMMENT_ANSWERED,
        categories.MY_COMMENTS,
        _("Your comments were answered"),
        "comment_answered",
    ),
    EventType(
        COMMENT_HIDDEN,
        categories.MY_COMMENTS,
        _("Your comment was hidden"),
        "comment_hidden",
    ),
    EventType(
        COMMENT_UNHIDDEN,
        categories.MY_COMMENTS,
        _("Your comment is shown again"),
        "comment_unhidden",
    ),
)


def register_event_types() -> None:
    for event_type in EVENT_TYPES:
        register(event_type)


# --- Who is told ------------------------------------------------------------------------


def _active(users: QuerySet[User]) -> QuerySet[User]:
    return users.filter(is_active=True)


def _users(ids: Iterable[int | None]) -> QuerySet[User]:
    return _active(User.objects.filter(pk__in={pk for pk in ids if pk is not None}))


def union(*groups: QuerySet[User]) -> QuerySet[User]:
    """The active users in any of ``groups``, each once (by subqueries, so groups built
    with ``distinct`` or by another app combine)."""
    if not groups:
        return User.objects.none()
    return _active(
        User.objects.filter(reduce(or_, (Q(pk__in=group.values("pk")) for group in groups)))
    )


def _topic_ids(consultation: Consultation) -> list[int]:
    return list(consultation.version.act.topics.values_list("pk", flat=True))


def followers_of_consultation(consultation: Consultation) -> QuerySet[User]:
    """Those who follow the consultation itself."""
    return union(following.followers_of(following.CONSULTATION, consultation.pk))


def commenters(comments: QuerySet[Comment]) -> QuerySet[User]:
    """Everyone who wrote or submitted one of ``comments``."""
    return _active(
        User.objects.filter(
            Q(pk__in=comments.values("author_id")) | Q(pk__in=comments.values("submitted_by_id"))
        )
    )


def _submitted(consultation_ids: Any) -> QuerySet[Comment]:
    return Comment.objects.filter(
        consultation_id__in=consultation_ids, status=CommentStatus.SUBMITTED
    )


def opened_recipients(consultation: Consultation) -> QuerySet[User]:
    """Opened: the users who follow its department, one of its act's topics or its act,
    and everyone who commented on an earlier version of the act."""
    act = consultation.version.act
    earlier = Consultation.objects.filter(
        version__act_id=act.pk, version__number__lt=consultation.version.number
    ).values("pk")
    return union(
        following.followers_of(following.DEPARTMENT, act.department_id),
        following.followers_of(following.ACT, act.pk),
        *(following.followers_of(following.TOPIC, pk) for pk in _topic_ids(consultation)),
        commenters(_submitted(earlier)),
    )


def opened_addresses(consultation: Consultation) -> list[Address]:
    """Opened: the e-mail subscribers (without an account) to all new consultations or to
    its department or one of its act's topics, confirmed."""
    return following.subscribers_for(
        topic_ids=_topic_ids(consultation),
        department_ids=[consultation.version.act.department_id],
    )


def participants(consultation: Consultation) -> QuerySet[User]:
    """Those who follow the consultation and those who wrote or submitted a comment in it
    (a draft, too): told when it is extended."""
    live = Comment.objects.filter(
        consultation=consultation, status__in=[CommentStatus.DRAFT, CommentStatus.SUBMITTED]
    )
    return union(followers_of_consultation(consultation), commenters(live))


def extended_recipients(consultation: Consultation) -> QuerySet[User]:
    return participants(consultation)


def closed_recipients(consultation: Consultation) -> QuerySet[User]:
    """Closed, and the report published: those who follow it and everyone who commented."""
    return union(followers_of_consultation(consultation), commenters(_submitted([consultation.pk])))


def report_recipients(consultation: Consultation) -> QuerySet[User]:
    return closed_recipients(consultation)


def receipt_recipients(comment: Comment) -> QuerySet[User]:
    """A comment's receipt: who submitted it, and its organisation's representatives (of
    that organisation only)."""
    submitter = Q(pk=comment.submitted_by_id)
    if comment.organisation_id is None:  # a resident's
        return _active(User.objects.filter(submitter))
    representatives = Membership.objects.representatives().filter(
        organisation_id=comment.organisation_id
    )
    return _active(User.objects.filter(submitter | Q(pk__in=representatives.values("user_id"))))


def author_recipients(comment: Comment) -> QuerySet[User]:
    """Answered, hidden or shown again: the comment's author."""
    return _users([comment.author_id])


def drafts_waiting(consultation: Consultation) -> dict[int, list[Comment]]:
    """The drafts not yet submitted, by who should act on them: their author, and the
    representatives of their organisation (who alone may submit a member's draft). One
    query for the drafts, one for the representatives."""
    drafts = list(
        Comment.objects.filter(consultation=consultation, status=CommentStatus.DRAFT)
        .select_related("provision", "author")
        .order_by("pk")
    )
    organisation_ids = {draft.organisation_id for draft in drafts if draft.organisation_id}
    representatives: dict[int, set[int]] = defaultdict(set)
    for user_id, organisation_id in (
        Membership.objects.representatives()
        .filter(organisation_id__in=organisation_ids, user__is_active=True)
        .values_list("user_id", "organisation_id")
    ):
        representatives[organisation_id].add(user_id)
    waiting: dict[int, list[Comment]] = defaultdict(list)
    for draft in drafts:
        if draft.author.is_active:
            waiting[draft.author_id].append(draft)
        for user_id in representatives.get(draft.organisation_id or 0, set()):
            if user_id != draft.author_id:
                waiting[user_id].append(draft)
    return dict(waiting)


def reminder_recipients(
    consultation: Consultation,
) -> tuple[QuerySet[User], dict[int, list[Comment]]]:
    """Closing soon and the last day: those who follow it and have submitted nothing in it
    (told in one event), and, each with their own event naming the drafts, those with a
    draft waiting (its author, and its organisation's representatives)."""
    waiting = drafts_waiting(consultation)
    submitted = commenters(_submitted([consultation.pk]))
    followers = (
        followers_of_consultation(consultation)
        .exclude(pk__in=submitted.values("pk"))
        .exclude(pk__in=list(waiting))
    )
    return followers, waiting


# --- Recording ----------------------------------------------------------------------------


def consultation_link(consultation: Consultation) -> str:
    return reverse("consultations:detail", kwargs={"pk": consultation.pk})


def _consultation_context(consultation: Consultation) -> dict[str, Any]:
    """What every consultation mail names, read from the consultation alone (a comment's
    mail, on the hot path of a submission, reads nothing more)."""
    return {
        "consultation_id": consultation.pk,
        "title": consultation.title,
        "starts_at": consultation.opened_at,
        "ends_at": consultation.ends_at,
    }


def _act_context(consultation: Consultation) -> dict[str, Any]:
    """The act and its department, for the mails announcing a consultation."""
    act = consultation.version.act
    return {
        **_consultation_context(consultation),
        "act_title": act.title,
        "department": act.department.name if act.department_id else "",
    }


def _opened_key(consultation: Consultation) -> str:
    return f"{CONSULTATION_OPENED}:{consultation.pk}"


def notify_opened(consultation: Consultation) -> None:
    """An opening, to its followers, earlier commenters and the subscribers. Safe to call
    again: the key is the consultation's."""
    users = list(opened_recipients(consultation))
    # A subscriber who also follows with an account is told once, as the user.
    known = {user.email.lower() for user in users}
    addresses = [
        address for address in opened_addresses(consultation) if address.email.lower() not in known
    ]
    record(
        event=CONSULTATION_OPENED,
        key=_opened_key(consultation),
        recipients=[*users, *addresses],
        context={**_act_context(consultation), "description": consultation.description},
        link=consultation_link(consultation),
    )


def notify_extended(*, consultation: Consultation, extension: ConsultationExtension) -> None:
    record(
        event=CONSULTATION_EXTENDED,
        key=f"{CONSULTATION_EXTENDED}:{extension.pk}",
        recipients=extended_recipients(consultation),
        context={
            **_consultation_context(consultation),
            "previous_ends_at": extension.previous_ends_at,
            "reason": extension.reason,
        },
        link=consultation_link(consultation),
    )


def _draft_context(draft: Comment) -> dict[str, Any]:
    return {
        "id": draft.pk,
        "provision": draft.provision.label if draft.provision is not None else "",
        "author": draft.author.full_name or draft.author.email,
        "organisation": draft.organisation_label,
        "proposed_wording": draft.proposed_wording[:200],
        "link": reverse("consultations:comment_edit", kwargs={"pk": draft.pk}),
    }


def _reminder_key(consultation: Consultation, event: str) -> str:
    return f"{event}:{consultation.pk}:{local_day(consultation.ends_at).isoformat()}"


def notify_reminder(consultation: Consultation, *, event: str) -> None:
    """Closing in 3 days or the last day: one event for the followers, one for each
    person with drafts waiting, naming them. The keys carry the last day, so a second run
    adds nothing and an extension reminds again before the new end."""
    followers, waiting = reminder_recipients(consultation)
    base = _reminder_key(consultation, event)
    context = _consultation_context(consultation)
    link = consultation_link(consultation)
    record(
        event=event,
        key=base,
        recipients=followers,
        context={**context, "drafts": []},
        link=link,
    )
    users = User.objects.in_bulk(list(waiting))
    for user_id, drafts in waiting.items():
        record(
            event=event,
            key=f"{base}:{user_id}",
            recipients=[users[user_id]],
            context={**context, "drafts": [_draft_context(draft) for draft in drafts]},
            link=link,
        )


def _closed_key(consultation: Consultation) -> str:
    # With its end: extended after a closing announced (not possible today), it closes anew.
    return f"{CONSULTATION_CLOSED}:{consultation.pk}:{consultation.ends_at.isoformat()}"


def notify_closed(consultation: Consultation) -> None:
    record(
        event=CONSULTATION_CLOSED,
        key=_closed_key(consultation),
        recipients=closed_recipients(consultation),
        context={
            **_consultation_context(consultation),
            "report_due_on": consultation.report_due_on,
            "comments": _submitted([consultation.pk]).count(),
        },
        link=consultation_link(consultation),
    )


def notify_report_published(consultation: Consultation) -> None:
    """The report, to commenters and followers; and to each author, their answers (the
    answers are made public with the report, so not before). The mails link to the report's
    page, where its signed PDF appears; the templates link the PDF itself once it is ready
    when the mail is written (``documents`` template tag)."""
    report_link = reverse("consultations:report", kwargs={"pk": consultation.pk})
    context = _consultation_context(consultation)
    record(
        event=REPORT_PUBLISHED,
        key=f"{REPORT_PUBLISHED}:{consultation.pk}",
        recipients=report_recipients(consultation),
        context={**context, "report_published_at": consultation.report_published_at},
        link=report_link,
    )
    answered: dict[int, list[dict[str, Any]]] = defaultdict(list)
    answers = (
        Answer.objects.filter(
            comment__consultation=consultation, comment__status=CommentStatus.SUBMITTED
        )
        .select_related("comment__provision")
        .order_by("comment__submitted_at", "comment_id")
    )
    for answer in answers:
        comment = answer.comment
        answered[comment.author_id].append(
            {
                "tracking_number": comment.tracking_number,
                "provision": comment.provision.label if comment.provision is not None else "",
                "proposed_wording": comment.proposed_wording[:200],
                "disposition": answer.disposition,
                "answer": answer.justification,
            }
        )
    authors = _users(answered).in_bulk()
    for author_id, comments in answered.items():
        if author_id not in authors:
            continue
        record(
            event=COMMENT_ANSWERED,
            key=f"{COMMENT_ANSWERED}:{consultation.pk}:{author_id}",
            recipients=[authors[author_id]],
            context={**context, "comments": comments},
            link=report_link,
        )


def notify_submitted(comment: Comment) -> None:
    """The receipt: its number and the exact time (by the database clock)."""
    consultation = comment.consultation
    record(
        event=COMMENT_SUBMITTED,
        key=f"{COMMENT_SUBMITTED}:{comment.pk}",
        recipients=receipt_recipients(comment),
        context={
            **_consultation_context(consultation),
            "comment_id": comment.pk,
            "tracking_number": comment.tracking_number,
            "submitted_at": comment.submitted_at,
            "organisation": comment.organisation_label,
            "provision": comment.provision.label if comment.provision is not None else "",
            "proposed_wording": comment.proposed_wording,
            "justification": comment.justification,
        },
        link=reverse("consultations:comment_receipt", kwargs={"pk": comment.pk}),
    )


def notify_hidden(comment: Comment) -> None:
    _notify_moderation(comment, event=COMMENT_HIDDEN, reason=comment.hidden_reason)


def notify_unhidden(comment: Comment, *, previous_reason: str) -> None:
    _notify_moderation(comment, event=COMMENT_UNHIDDEN, reason=previous_reason)


def _notify_moderation(comment: Comment, *, event: str, reason: str) -> None:
    # Hidden and shown again may repeat: each time is its own event (its revision).
    record(
        event=event,
        key=f"{event}:{comment.pk}:{comment.revision}:{comment.updated_at.isoformat()}",
        recipients=author_recipients(comment),
        context={
            **_consultation_context(comment.consultation),
            "comment_id": comment.pk,
            "tracking_number": comment.tracking_number,
            "provision": comment.provision.label if comment.provision is not None else "",
            "reason": reason,
        },
        link=consultation_link(comment.consultation),
    )


# --- What the clock decides (the beat, ``consultations.tasks``) ---------------------------


def _with_act(consultations: QuerySet[Consultation]) -> QuerySet[Consultation]:
    return consultations.select_related("version__act__department")


def _recorded(event: str, keys: Iterable[str]) -> set[str]:
    """Which of ``keys`` the event was recorded with already: the beat skips those (one
    query), rather than gathering their recipients again."""
    return set(
        selectors.events_named(event).filter(key__in=list(keys)).values_list("key", flat=True)
    )


def announce_openings(*, now: dt.datetime) -> list[int]:
    """Record the opening of every consultation that opened within the last day (by its
    real opening, ``opened_at``) and was not announced yet (as it was scheduled, say). A
    second run adds nothing."""
    announced = []
    recent = Q(starts_at__gte=now - ANNOUNCE_WITHIN) | Q(scheduled_at__gte=now - ANNOUNCE_WITHIN)
    candidates = list(_with_act(Consultation.objects.open_at(now).filter(recent)))
    done = _recorded(CONSULTATION_OPENED, (_opened_key(c) for c in candidates))
    for consultation in candidates:
        if consultation.opened_at < now - ANNOUNCE_WITHIN or _opened_key(consultation) in done:
            continue
        with transaction.atomic():
            notify_opened(consultation)
        announced.append(consultation.pk)
    return announced


def send_reminders(*, now: dt.datetime) -> list[int]:
    """Record the reminders due today: 3 days before the last day, and on the last day,
    of every open consultation. A second run the same day adds nothing."""
    today = local_day(now)
    due: list[tuple[Consultation, str]] = []
    for consultation in _with_act(Consultation.objects.open_at(now)):
        days_left = (local_day(consultation.ends_at) - today).days
        if days_left == CLOSING_SOON_DAYS:
            due.append((consultation, CONSULTATION_CLOSING_SOON))
        elif days_left == 0:
            due.append((consultation, CONSULTATION_LAST_DAY))
    done = _recorded(CONSULTATION_CLOSING_SOON, (_reminder_key(c, e) for c, e in due)) | (
        _recorded(CONSULTATION_LAST_DAY, (_reminder_key(c, e) for c, e in due))
    )
    reminded = []
    for consultation, event in due:
        if _reminder_key(consultation, event) in done:
            continue
        with transaction.atomic():
            notify_reminder(consultation, event=event)
        reminded.append(consultation.pk)
    return reminded


def announce_closings(*, now: dt.datetime) -> list[int]:
    """Record the closing of every consultation that closed within the last day."""
    announced = []
    recent = list(
        _with_act(Consultation.objects.closed_at(now).filter(ends_at__gte=now - ANNOUNCE_WITHIN))
    )
    done = _recorded(CONSULTATION_CLOSED, (_closed_key(c) for c in recent))
    for consultation in recent:
        if _closed_key(consultation) in done:
            continue
        with transaction.atomic():
            notify_closed(consultation)
        announced.append(consultation.pk)
    return announced
