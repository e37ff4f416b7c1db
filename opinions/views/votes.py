"""Votes: opening one, its page, ballots and recusals, a meeting's attendance and votes,
closing it."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts.viewer import request_viewer
from core.forms import form_errors_as_validation_error
from core.views import SERVICE_ERRORS, ServiceActionView, ServiceFormMixin, form_add_service_error
from opinions import permissions, selectors, services
from opinions.exceptions import NotEligible
from opinions.forms import AttendanceForm, BallotForm, BallotRecordForm, RecusalForm, VoteOpenForm
from opinions.models import BallotChoice, Position, TermMember, Vote, VoteMode, VoteOutcome
from opinions.presenters import ITEM_WITHHELD
from opinions.views.shared import PositionMixin, items_marked_withheld, vote_result_context


class VoteOpenView(LoginRequiredMixin, PositionMixin, ServiceFormMixin, FormView):
    template_name = "opinions/vote_open.html"
    form_class = VoteOpenForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_open_vote(
            request_viewer(request), self.position
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        position = self.position
        return super().get_context_data(
            position=position, term=position.term, item_count=len(self.items), **kwargs
        )

    def perform(self, form: VoteOpenForm) -> HttpResponse:
        vote = services.vote_open(
            position=self.position,
            actor=self.request.user,
            mode=form.cleaned_data["mode"],
            deadline=form.cleaned_data.get("deadline"),
        )
        messages.success(self.request, _("The vote is open."))
        return redirect("council:vote_detail", pk=vote.pk)


class VoteMixin:
    """Loads ``self.vote`` (Http404 when its position is not visible) and the members
    entitled to it."""

    request: HttpRequest
    kwargs: dict[str, Any]

    @cached_property
    def vote(self) -> Vote:
        return selectors.vote_get_for(viewer=self.request.user, pk=self.kwargs["pk"])

    @cached_property
    def roll(self) -> list[selectors.VoterStatus]:
        return selectors.vote_roll(vote=self.vote)

    @cached_property
    def seat(self) -> TermMember | None:
        """The viewer's seat among the members entitled to this vote."""
        seat = permissions.council_seat(request_viewer(self.request), self.vote.position.term)
        if seat is None:
            return None
        return next((row.member for row in self.roll if row.member.pk == seat.pk), None)

    def vote_url(self) -> str:
        return reverse("council:vote_detail", kwargs={"pk": self.kwargs["pk"]})

    def vote_context(
        self, *, ballot_form: BallotForm | None = None, recusal_form: RecusalForm | None = None
    ) -> dict[str, Any]:
        user = self.request.user
        viewer = request_viewer(self.request)
        vote = self.vote
        position = vote.position
        moment = timezone.now()
        seat = self.seat
        my_ballot = selectors.my_ballot(vote=vote, user=user) if seat is not None else None
        recusals = {recusal.member_id: recusal for recusal in vote.recusals.all()}
        my_recusal = recusals.get(seat.pk) if seat is not None else None
        if ballot_form is None:
            initial = {"choice": my_ballot.choice} if my_ballot is not None else None
            ballot_form = BallotForm(initial=initial)
        can_record = (
            vote.is_open
            and vote.mode == VoteMode.MEETING
            and permissions.can_record_meeting(viewer, vote)
        )
        context: dict[str, Any] = {
            "vote": vote,
            "position": position,
            "items": items_marked_withheld(viewer, position),
            "item_withheld_notice": ITEM_WITHHELD,
            "deadline_passed": vote.deadline_passed_at(moment),
            "ballot_count": len(vote.ballots.all()),
            # Only an open vote counts who may still vote (a closed one stored its counts).
            "eligible_count": sum(1 for row in self.roll if not row.recused)
            if vote.is_open
            else vote.eligible,
            "my_member": seat,
            "my_ballot": my_ballot,
            "my_recusal": my_recusal,
            "can_cast": seat is not None
            and my_recusal is None
            and vote.is_circulation
            and vote.accepts_ballots_at(moment)
            and permissions.can_cast_ballot(viewer, vote),
            "ballot_form": ballot_form,
            "ballot_legend": _("My vote on: %(subject)s") % {"subject": position.subject},
            "can_recuse": vote.is_open
            and seat is not None
            and my_recusal is None
            and permissions.can_declare_recusal(viewer, vote, seat),
            "recusal_form": recusal_form or RecusalForm(),
            "can_close": vote.is_open and permissions.can_close_vote(viewer, vote),
            "can_record": can_record,
        }
        if context["can_close"] and vote.is_circulation:
            # Officers see who has not voted yet (not how anyone voted) to decide on closing.
            context["not_voted"] = [
                row.member for row in self.roll if row.choice is None and not row.recused
            ]
        if can_record:
            ballots = {ballot.member_id: ballot for ballot in vote.ballots.all()}
            context["attendance_form"] = AttendanceForm(
                members=[row.member for row in self.roll],
                initial={"present": [row.member.pk for row in self.roll if row.present]},
            )
            context["record_rows"] = [
                {
                    "member": row.member,
                    "ballot": ballots.get(row.member.pk),
                    "present": bool(row.present),
                    "recused": row.recused,
                }
                for row in self.roll
            ]
            context["choices"] = BallotChoice.choices
        if not vote.is_open:
            context.update(vote_result_context(vote))
        return context


class VoteDetailView(VoteMixin, TemplateView):
    template_name = "opinions/vote_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**self.vote_context(), **kwargs)


class VoteFormView(LoginRequiredMixin, VoteMixin, View):
    """A form of the vote page posted on its own. Refused, the vote page is shown again
    with the error at the form."""

    http_method_names = ["post"]

    def render_vote(self, **forms: Any) -> HttpResponse:
        return render(self.request, "opinions/vote_detail.html", self.vote_context(**forms))


class BallotCastView(VoteFormView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = BallotForm(request.POST)
        if form.is_valid():
            try:
                ballot = services.ballot_cast(
                    vote=self.vote, actor=request.user, choice=form.cleaned_data["choice"]
                )
            except SERVICE_ERRORS as error:
                form_add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Your vote has been recorded: %(choice)s. You can change it until the "
                        "deadline."
                    )
                    % {"choice": ballot.get_choice_display()},
                )
                return redirect(self.vote_url())
        return self.render_vote(ballot_form=form)


class RecusalDeclareView(VoteFormView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = RecusalForm(request.POST)
        if form.is_valid():
            try:
                if self.seat is None:
                    raise NotEligible()
                services.recusal_declare(
                    vote=self.vote,
                    member=self.seat,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except SERVICE_ERRORS as error:
                form_add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("Your conflict of interest is recorded. You do not vote on this position."),
                )
                return redirect(self.vote_url())
        return self.render_vote(recusal_form=form)


class VoteActionView(LoginRequiredMixin, VoteMixin, ServiceActionView):
    def get_success_url(self) -> str:
        return self.vote_url()


class AttendanceRecordView(VoteActionView):
    success_message = gettext_lazy("The attendance has been saved.")

    def perform(self) -> None:
        form = AttendanceForm(self.request.POST, members=[row.member for row in self.roll])
        if not form.is_valid():
            raise form_errors_as_validation_error(form)
        services.attendance_record(
            vote=self.vote,
            actor=self.request.user,
            present_member_ids=form.cleaned_data["present"],
        )


class BallotRecordView(VoteActionView):
    def perform(self) -> None:
        form = BallotRecordForm(self.request.POST)
        if not form.is_valid():
            raise form_errors_as_validation_error(form)
        member = next(
            (row.member for row in self.roll if row.member.pk == form.cleaned_data["member"]),
            None,
        )
        if member is None:
            raise Http404
        ballot = services.ballot_record(
            vote=self.vote,
            actor=self.request.user,
            member=member,
            choice=form.cleaned_data["choice"],
        )
        messages.success(
            self.request,
            _("Recorded: %(name)s, %(choice)s.")
            % {"name": member.user, "choice": ballot.get_choice_display()},
        )


class VoteCloseView(VoteActionView):
    def perform(self) -> None:
        vote = services.vote_close(vote=self.vote, actor=self.request.user)
        if vote.outcome == VoteOutcome.ADOPTED:
            position = Position.objects.select_related("council").get(pk=vote.position_id)
            message = _("The vote is closed. The position is adopted as %(title)s.") % {
                "title": position.title
            }
        else:
            message = _("The vote is closed. The position is not adopted.")
        messages.success(self.request, message)
