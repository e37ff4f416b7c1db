"""The public pages: adopted resolutions and a term's members, attendance and turnout."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.http import Http404
from django.utils import timezone
from django.views.generic import ListView, TemplateView

from accounts.viewer import request_viewer
from opinions import permissions, selectors
from opinions.forms import AdoptedFilterForm
from opinions.models import TermMember
from opinions.views.shared import vote_result_context


class AdoptedListView(ListView):
    template_name = "opinions/adopted_list.html"
    context_object_name = "positions"
    paginate_by = 20

    @cached_property
    def filter_form(self) -> AdoptedFilterForm:
        return AdoptedFilterForm(self.request.GET, years=selectors.adopted_years())

    def get_queryset(self) -> Any:
        form = self.filter_form
        form.is_valid()  # an invalid filter value is ignored, the others still apply
        return selectors.adopted_list(filters=getattr(form, "cleaned_data", {}))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            filter_form=self.filter_form,
            filtered=any(self.request.GET.get(name) for name in self.filter_form.fields),
            term=selectors.term_current(),
            **kwargs,
        )


class ResolutionDetailView(TemplateView):
    """A decided position as the public reads it: its text, the vote and the voters."""

    template_name = "opinions/resolution_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        position = selectors.position_get_for(viewer=user, pk=self.kwargs["pk"])
        if not position.is_public:
            raise Http404
        vote = next((vote for vote in position.votes.all() if not vote.is_open), None)
        context: dict[str, Any] = {
            "position": position,
            "items": list(position.items.all()),
            "vote": None,
            "can_view_drafting": permissions.can_edit_position(
                request_viewer(self.request), position
            ),
        }
        if vote is not None:
            context["vote"] = selectors.vote_get_for(viewer=user, pk=vote.pk)
            context.update(vote_result_context(context["vote"]))
        return super().get_context_data(**context, **kwargs)


class TermDetailView(TemplateView):
    """A term: its members (and former members) with organisations and offices, what it
    adopted, and each member's attendance and turnout (the term report's data)."""

    template_name = "opinions/term_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        term = selectors.term_get_for(viewer=self.request.user, pk=self.kwargs["pk"])
        report = selectors.term_report_data(term=term)
        today = timezone.localdate()
        return super().get_context_data(
            term=term,
            report=report,
            average_turnout=None
            if report.average_turnout is None
            else round(report.average_turnout * 100),
            current_members=[row for row in report.members if not _has_left(row.member, today)],
            former_members=[row for row in report.members if _has_left(row.member, today)],
            **kwargs,
        )


def _has_left(member: TermMember, day: Any) -> bool:
    return member.left_on is not None and member.left_on < day
