"""What the consultation pages share: one moment and the viewer per request, the
consultation or comment a page is about, and the message of a closed consultation."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.viewer import Viewer, request_viewer
from consultations import permissions, selectors
from consultations.models import Comment, Consultation, ConsultationPhase
from consultations.selectors import pages as page_selectors
from core.dates import day_text, local_time


class ClockMixin:
    """``self.now``: one moment for the whole request, so every check agrees; and
    ``self.viewer``, the request's viewer, for the permission predicates."""

    request: HttpRequest

    @cached_property
    def now(self) -> dt.datetime:
        return timezone.now()

    @cached_property
    def viewer(self) -> Viewer:
        return request_viewer(self.request)


class ConsultationMixin(ClockMixin):
    """Loads ``self.consultation`` for the viewer (Http404 when not visible)."""

    request: HttpRequest
    kwargs: dict[str, Any]

    # The detail page shows the meetings, attachments and extensions too.
    with_related = False

    @cached_property
    def consultation(self) -> Consultation:
        return page_selectors.consultation_for_page(
            viewer=self.request.user, pk=self.kwargs["pk"], with_related=self.with_related
        )

    @cached_property
    def phase(self) -> str:
        return self.consultation.phase_at(self.now)

    def detail_url(self, anchor: str = "") -> str:
        url = reverse("consultations:detail", kwargs={"pk": self.consultation.pk})
        return f"{url}#{anchor}" if anchor else url


class ManageMixin(LoginRequiredMixin, ConsultationMixin):
    """Pages of the consultation's officials (its act's department) and administrators."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_manage_consultation(
            self.viewer, self.consultation
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class CommentMixin(ClockMixin):
    """Loads ``self.comment`` for the viewer (Http404 when not visible)."""

    request: HttpRequest
    kwargs: dict[str, Any]

    @cached_property
    def comment(self) -> Comment:
        return selectors.comment_get_for(viewer=self.request.user, pk=self.kwargs["pk"])

    @cached_property
    def consultation(self) -> Consultation:
        return self.comment.consultation

    @cached_property
    def phase(self) -> str:
        return self.consultation.phase_at(self.now)

    def works_on_comment(self) -> bool:
        """The author, or a member of the comment's organisation: whether they may still
        change it is the services' question (the clock, the status)."""
        return permissions.is_own_comment(self.viewer, self.comment)

    def detail_url(self, anchor: str = "") -> str:
        url = reverse("consultations:detail", kwargs={"pk": self.consultation.pk})
        return f"{url}#{anchor}" if anchor else url


def comment_anchor(comment: Comment) -> str:
    return f"comment-{comment.pk}"


def closed_message(consultation: Consultation, phase: str) -> str:
    if phase == ConsultationPhase.SCHEDULED:
        return _("The consultation has not started yet.")
    if phase == ConsultationPhase.CANCELLED:
        return _("The consultation was cancelled.")
    return _(
        "The consultation closed on %(date)s at %(time)s (Warsaw time); comments are no "
        "longer accepted."
    ) % {"date": day_text(consultation.ends_at), "time": local_time(consultation.ends_at)}
