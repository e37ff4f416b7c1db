"""The council's pages: the workspace, positions and their drafting, amendments, votes,
requests from organisations, and the public resolutions and terms.

A selector reads, one service call changes. Domain errors from services are shown by
``core.views`` (at the form field, or as a message); anything the viewer may not see is a
404, as in the selectors. ``opinions.permissions`` is asked only to decide which buttons to
show: each service checks again.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from accounts import selectors as account_selectors
from acts import selectors as act_selectors
from consultations.selectors.council import consultations_for_council
from core.exceptions import ApplicationError
from core.forms import form_errors_as_validation_error
from core.views import SERVICE_ERRORS, ServiceActionView, ServiceFormMixin, form_add_service_error
from opinions import page_selectors, permissions, selectors, services
from opinions.exceptions import NotEligible
from opinions.forms import (
    AdoptedFilterForm,
    AmendmentForm,
    AttendanceForm,
    BallotForm,
    BallotRecordForm,
    CommentFilterForm,
    CommentPickForm,
    ItemAddForm,
    ItemForm,
    ItemMoveForm,
    NoteForm,
    PositionCreateForm,
    PositionUpdateForm,
    RecusalForm,
    RequestDeclineForm,
    RequestForm,
    VoteOpenForm,
)
from opinions.models import (
    Amendment,
    BallotChoice,
    CouncilRequest,
    Position,
    PositionItem,
    PositionStatus,
    RequestStatus,
    Term,
    TermMember,
    Vote,
    VoteMode,
    VoteOutcome,
)

# --- Shared -----------------------------------------------------------------------------


class PositionMixin:
    """Loads ``self.position`` for the viewer, with its items, amendments, notes and votes
    (Http404 when not visible)."""

    request: HttpRequest
    kwargs: dict[str, Any]

    @cached_property
    def position(self) -> Position:
        return selectors.position_get_for(viewer=self.request.user, pk=self.kwargs["pk"])

    @cached_property
    def items(self) -> list[PositionItem]:
        return list(self.position.items.all())

    def item_by_id(self, pk: int) -> PositionItem:
        for item in self.items:
            if item.pk == pk:
                return item
        raise Http404

    def position_url(self, anchor: str = "") -> str:
        url = reverse("council:position_detail", kwargs={"pk": self.kwargs["pk"]})
        return f"{url}#{anchor}" if anchor else url

    def editor_url(self, anchor: str = "") -> str:
        url = reverse("council:position_edit", kwargs={"pk": self.kwargs["pk"]})
        return f"{url}#{anchor}" if anchor else url


class EditorMixin(LoginRequiredMixin, PositionMixin):
    """Pages and buttons that change a position's text: members of the council in its term
    (anyone else gets a 404, as if the page did not exist)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_edit_position(
            request.user, self.position
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def _latest_vote(position: Position) -> Vote | None:
    votes = list(position.votes.all())  # prefetched, newest first
    return votes[0] if votes else None


def vote_result_context(vote: Vote) -> dict[str, Any]:
    """Who voted how in a closed vote, who was present at its meeting and who was recused
    (ballots, attendance and recusals prefetched)."""
    names = selectors.voters_by_choice(vote=vote)
    return {
        "names_by_choice": [(label, names[choice]) for choice, label in BallotChoice.choices],
        "present": sorted(str(row.member.user) for row in vote.attendance.all() if row.present),
        "recusals": list(vote.recusals.all()),
    }


# --- Workspace --------------------------------------------------------------------------


class WorkspaceView(LoginRequiredMixin, TemplateView):
    """What a council member has to do: votes waiting for their ballot, positions by
    status, requests from organisations. Anyone else sees their organisations' requests."""

    template_name = "opinions/workspace.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        workspace = selectors.workspace_for(user=user)
        term = workspace.term
        groups: list[dict[str, Any]] = [
            {
                "status": status,
                "label": PositionStatus(status).label,
                "positions": workspace.positions_by_status.get(status, []),
            }
            for status in (PositionStatus.DRAFT, PositionStatus.VOTING)
        ]
        if workspace.is_member:
            groups.append(
                {
                    "status": "decided",
                    "label": _("recently decided"),
                    "positions": workspace.recently_decided,
                }
            )
        represented = {
            organisation.pk
            for organisation in account_selectors.organisations_represented_by(user=user)
        }
        return super().get_context_data(
            workspace=workspace,
            term=term,
            my_member=workspace.seat,
            is_officer=workspace.is_officer,
            waiting_votes=workspace.votes_awaiting_ballot,
            other_open_votes=[
                vote for vote in workspace.open_votes if vote not in workspace.votes_awaiting_ballot
            ],
            amendments_to_decide=workspace.amendments_to_decide,
            position_groups=groups,
            council_requests=workspace.requests if workspace.is_member else None,
            # A member may also represent an organisation: its own requests are listed apart.
            my_requests=[
                council_request
                for council_request in workspace.requests
                if council_request.requested_by_id == user.pk
                or council_request.organisation_id in represented
            ]
            if workspace.is_member
            else workspace.requests,
            can_request=bool(represented),
            can_create_position=workspace.is_member,
            **kwargs,
        )


# --- Positions --------------------------------------------------------------------------


class PositionCreateView(LoginRequiredMixin, ServiceFormMixin, FormView):
    template_name = "opinions/position_form.html"
    form_class = PositionCreateForm

    @cached_property
    def term(self) -> Term | None:
        return selectors.term_current()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and (
            self.term is None or not permissions.can_create_position(request.user, self.term)
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "consultations": consultations_for_council(),
            "organisations": account_selectors.organisation_list(viewer=self.request.user),
        }

    def get_initial(self) -> dict[str, Any]:
        # "Give the council's opinion" links from a consultation preselect it.
        return {
            field: self.request.GET[field]
            for field in ("kind", "consultation")
            if self.request.GET.get(field)
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(term=self.term, **kwargs)

    def perform(self, form: PositionCreateForm) -> HttpResponse:
        assert self.term is not None
        position = services.position_create(
            term=self.term, actor=self.request.user, **form.cleaned_data
        )
        messages.success(
            self.request,
            _("The draft has been created. Add its items: pull in NGO comments or write them."),
        )
        return redirect("council:position_edit", pk=position.pk)


class PositionDetailView(PositionMixin, TemplateView):
    template_name = "opinions/position_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        position = self.position
        vote = _latest_vote(position)
        is_member = permissions.can_edit_position(user, position)
        drafting = position.is_draft and is_member
        context: dict[str, Any] = {
            "position": position,
            "items": self.items,
            "vote": vote,
            "can_edit": drafting,
            "can_propose": drafting and permissions.can_propose_amendment(user, position),
            "decidable": {
                amendment.pk
                for item in self.items
                for amendment in item.amendments.all()
                if drafting
                and amendment.is_pending
                and permissions.can_decide_amendment(user, amendment)
            },
            "can_note": is_member
            and position.status in (PositionStatus.DRAFT, PositionStatus.VOTING),
            "can_open_vote": position.is_draft and permissions.can_open_vote(user, position),
            "pending_count": sum(
                1
                for item in self.items
                for amendment in item.amendments.all()
                if amendment.is_pending
            ),
            "can_withdraw": position.is_draft and permissions.can_withdraw_position(user, position),
            "can_vote": vote is not None and vote.is_open and is_member,
        }
        if vote is not None and not vote.is_open:
            vote = selectors.vote_get_for(viewer=user, pk=vote.pk)
            context["vote"] = vote
            context.update(vote_result_context(vote))
        return super().get_context_data(**context, **kwargs)


def _provisions_for(position: Position) -> Any:
    """The provisions an item may be about: those of the consulted act version."""
    if position.consultation is None:
        return None
    return act_selectors.provision_list(version=position.consultation.version)


def editor_context(
    position: Position,
    items: list[PositionItem],
    *,
    position_form: PositionUpdateForm | None = None,
    position_current: dict[str, Any] | None = None,
    item_form: ItemForm | None = None,
    refused_item: PositionItem | None = None,
    current_text: str = "",
    add_form: ItemAddForm | None = None,
) -> dict[str, Any]:
    """What the editor shows. A refused part comes back with its bound form (the user's
    text kept) and, for a stale edit, the text saved in the meantime."""
    rows = []
    for item in items:
        if refused_item is not None and item.pk == refused_item.pk and item_form is not None:
            rows.append({"item": item, "form": item_form, "current_text": current_text})
            continue
        form = ItemForm(
            prefix=f"item-{item.pk}", initial={"text": item.text, "revision": item.revision}
        )
        rows.append({"item": item, "form": form, "current_text": ""})
    if position_form is None:
        position_form = PositionUpdateForm(
            initial={
                "subject": position.subject,
                "justification": position.justification,
                "revision": position.revision,
            }
        )
    if add_form is None:
        add_form = ItemAddForm(prefix="new", provisions=_provisions_for(position))
    return {
        "position": position,
        "position_form": position_form,
        "position_current": position_current,
        "rows": rows,
        "add_form": add_form,
        "has_errors": bool(
            position_form.errors or add_form.errors or (item_form and item_form.errors)
        ),
    }


class PositionEditView(EditorMixin, ServiceFormMixin, FormView):
    """The editor: the subject and justification (this page's own form), each item's text,
    their order, a new item. Each part posts to its own address and returns here; a
    refused part is shown here again with the user's text kept."""

    template_name = "opinions/position_edit.html"
    form_class = PositionUpdateForm
    position_current: dict[str, Any] | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if (
            request.user.is_authenticated
            and not self.position.is_draft
            and permissions.can_edit_position(request.user, self.position)
        ):
            messages.info(request, _("This position is no longer a draft, so it cannot change."))
            return redirect(self.position_url())
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        position = self.position
        return {
            "subject": position.subject,
            "justification": position.justification,
            "revision": position.revision,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = kwargs.pop("form", None)
        return super().get_context_data(
            **editor_context(
                self.position,
                self.items,
                position_form=form,
                position_current=self.position_current,
            ),
            **kwargs,
        )

    def form_valid(self, form: PositionUpdateForm) -> HttpResponse:
        try:
            return self.perform(form)
        except SERVICE_ERRORS as error:
            if isinstance(error, ApplicationError) and "current" in error.extra:
                current = error.extra["current"]
                self.position_current = current
                # The next save is made on top of what is shown as saved.
                data = self.request.POST.copy()
                data["revision"] = str(current.get("revision", form.cleaned_data["revision"]))
                form = PositionUpdateForm(data)
                form.is_valid()
            form_add_service_error(form, error)
            return self.form_invalid(form)

    def perform(self, form: PositionUpdateForm) -> HttpResponse:
        data = dict(form.cleaned_data)
        services.position_update(
            position=self.position,
            actor=self.request.user,
            expected_revision=data.pop("revision"),
            **data,
        )
        messages.success(self.request, _("The subject and justification have been saved."))
        return redirect(self.editor_url())


class EditorPartView(EditorMixin, View):
    """A part of the editor posted on its own. Saved: back to the editor at that part.
    Refused: the editor again, with this part's form, the user's text and the error."""

    http_method_names = ["post"]

    def render_editor(self, **parts: Any) -> HttpResponse:
        context = editor_context(self.position, self.items, **parts)
        return render(self.request, "opinions/position_edit.html", context)


class ItemUpdateView(EditorPartView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        item = self.item_by_id(kwargs["item_id"])
        prefix = f"item-{item.pk}"
        form = ItemForm(request.POST, prefix=prefix)
        if not form.is_valid():
            return self.render_editor(item_form=form, refused_item=item)
        try:
            services.item_update(
                item=item,
                actor=request.user,
                expected_revision=form.cleaned_data["revision"],
                text=form.cleaned_data["text"],
            )
        except SERVICE_ERRORS as error:
            current_text = ""
            if isinstance(error, ApplicationError) and "current_revision" in error.extra:
                current_text = error.extra.get("current_text", "")
                # Keep the user's text; a second save applies it on top of the current one.
                data = request.POST.copy()
                data[f"{prefix}-revision"] = str(error.extra["current_revision"])
                form = ItemForm(data, prefix=prefix)
                form.is_valid()
            form_add_service_error(form, error)
            return self.render_editor(item_form=form, refused_item=item, current_text=current_text)
        messages.success(request, _("The item has been saved."))
        return redirect(self.editor_url(f"item-{item.pk}"))


class ItemAddView(EditorPartView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        position = self.position
        form = ItemAddForm(request.POST, prefix="new", provisions=_provisions_for(position))
        if form.is_valid():
            try:
                item = services.item_add(
                    position=position,
                    actor=request.user,
                    text=form.cleaned_data["text"],
                    provision=form.cleaned_data.get("provision"),
                )
            except SERVICE_ERRORS as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("The item has been added."))
                return redirect(self.editor_url(f"item-{item.pk}"))
        return self.render_editor(add_form=form)


class ItemActionView(EditorMixin, ServiceActionView):
    """A button on one item of the editor; the user returns to the editor at the item."""

    @cached_property
    def item(self) -> PositionItem:
        return self.item_by_id(self.kwargs["item_id"])

    def get_success_url(self) -> str:
        return self.editor_url(f"item-{self.item.pk}")


class ItemMoveView(ItemActionView):
    success_message = gettext_lazy("The item has been moved.")

    def perform(self) -> None:
        form = ItemMoveForm(self.request.POST)
        if not form.is_valid():
            raise form_errors_as_validation_error(form)
        step = -1 if form.cleaned_data["direction"] == "up" else 1
        services.item_move(item=self.item, actor=self.request.user, order=self.item.order + step)


class ItemDeleteView(ItemActionView):
    success_message = gettext_lazy("The item has been deleted.")

    def perform(self) -> None:
        services.item_delete(item=self.item, actor=self.request.user)

    def get_success_url(self) -> str:
        return self.editor_url("items-heading")


class NoteAddView(ItemActionView):
    """A note in the margin, from the position's page (while drafted or voted on)."""

    success_message = gettext_lazy("Your note has been added.")

    def perform(self) -> None:
        form = NoteForm(self.request.POST)
        if not form.is_valid():
            raise form_errors_as_validation_error(form)
        services.note_add(item=self.item, actor=self.request.user, text=form.cleaned_data["text"])

    def get_success_url(self) -> str:
        return self.position_url(f"item-{self.item.pk}")


class PositionWithdrawView(LoginRequiredMixin, PositionMixin, ServiceActionView):
    success_message = gettext_lazy("The position has been withdrawn. It stays in the record.")

    def perform(self) -> None:
        services.position_withdraw(position=self.position, actor=self.request.user)

    def get_success_url(self) -> str:
        return self.position_url()


# --- Pulling NGO comments in ------------------------------------------------------------


class CommentPickerView(EditorMixin, ServiceFormMixin, FormView):
    """The consultation's submitted comments, filtered by provision and organisation;
    the chosen ones become items (one each, or merged), keeping their provenance."""

    template_name = "opinions/comment_picker.html"
    form_class = CommentPickForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and self.position.consultation_id is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def filter_form(self) -> CommentFilterForm:
        provisions, organisations = selectors.comment_picker_choices(position=self.position)
        return CommentFilterForm(
            self.request.GET, provisions=provisions, organisations=organisations
        )

    @cached_property
    def comments(self) -> list[Any]:
        form = self.filter_form
        form.is_valid()  # an invalid filter value is ignored, the others still apply
        filters = {key: value for key, value in getattr(form, "cleaned_data", {}).items() if value}
        return list(selectors.comment_picker(position=self.position, filters=filters))

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "comment_ids": [c.pk for c in self.comments]}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = kwargs.get("form")
        selected: set[int] = set()
        if form is not None and form.is_bound:
            selected = {int(pk) for pk in form.data.getlist("comments") if str(pk).isdigit()}
        return super().get_context_data(
            position=self.position,
            comments=self.comments,
            used={comment.pk for comment in self.comments if comment.taken_count},
            selected=selected,
            filter_form=self.filter_form,
            filtered=any(self.request.GET.get(name) for name in self.filter_form.fields),
            **kwargs,
        )

    def perform(self, form: CommentPickForm) -> HttpResponse:
        chosen = set(form.cleaned_data["comments"])
        items = services.items_from_comments(
            position=self.position,
            actor=self.request.user,
            comments=[comment for comment in self.comments if comment.pk in chosen],
            merge=form.cleaned_data["mode"] == CommentPickForm.MERGE,
        )
        messages.success(
            self.request,
            _("Added to the position: %(count)s item(s) from the comments.")
            % {"count": len(items)},
        )
        return redirect(self.editor_url(f"item-{items[0].pk}" if items else "items-heading"))


# --- Amendments -------------------------------------------------------------------------


class AmendmentProposeView(LoginRequiredMixin, PositionMixin, ServiceFormMixin, FormView):
    template_name = "opinions/amendment_form.html"
    form_class = AmendmentForm

    @cached_property
    def item(self) -> PositionItem:
        return self.item_by_id(self.kwargs["item_id"])

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_propose_amendment(
            request.user, self.position
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        return {"text": self.item.text}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            position=self.position,
            item=self.item,
            item_number=self.items.index(self.item) + 1,
            **kwargs,
        )

    def perform(self, form: AmendmentForm) -> HttpResponse:
        services.amendment_propose(item=self.item, actor=self.request.user, **form.cleaned_data)
        messages.success(
            self.request,
            _("Your amendment has been proposed. The drafter or the chair will decide on it."),
        )
        return redirect(self.position_url(f"item-{self.item.pk}"))


class AmendmentActionView(LoginRequiredMixin, ServiceActionView):
    @cached_property
    def amendment(self) -> Amendment:
        return selectors.amendment_get_for(viewer=self.request.user, pk=self.kwargs["pk"])

    def get_success_url(self) -> str:
        amendment = self.amendment
        url = reverse("council:position_detail", kwargs={"pk": amendment.item.position_id})
        return f"{url}#item-{amendment.item_id}"


class AmendmentAcceptView(AmendmentActionView):
    success_message = gettext_lazy("The amendment has been accepted: the item has its text now.")

    def perform(self) -> None:
        services.amendment_accept(amendment=self.amendment, actor=self.request.user)


class AmendmentRejectView(AmendmentActionView):
    success_message = gettext_lazy("The amendment has been rejected.")

    def perform(self) -> None:
        services.amendment_reject(amendment=self.amendment, actor=self.request.user)


# --- Votes ------------------------------------------------------------------------------


class VoteOpenView(LoginRequiredMixin, PositionMixin, ServiceFormMixin, FormView):
    template_name = "opinions/vote_open.html"
    form_class = VoteOpenForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_open_vote(
            request.user, self.position
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
        seat = permissions.council_seat(self.request.user, self.vote.position.term)
        if seat is None:
            return None
        return next((row.member for row in self.roll if row.member.pk == seat.pk), None)

    def vote_url(self) -> str:
        return reverse("council:vote_detail", kwargs={"pk": self.kwargs["pk"]})

    def vote_context(
        self, *, ballot_form: BallotForm | None = None, recusal_form: RecusalForm | None = None
    ) -> dict[str, Any]:
        user = self.request.user
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
            and permissions.can_record_meeting(user, vote)
        )
        context: dict[str, Any] = {
            "vote": vote,
            "position": position,
            "items": list(page_selectors.item_list(position=position)),
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
            and permissions.can_cast_ballot(user, vote),
            "ballot_form": ballot_form,
            "ballot_legend": _("My vote on: %(subject)s") % {"subject": position.subject},
            "can_recuse": vote.is_open
            and seat is not None
            and my_recusal is None
            and permissions.can_declare_recusal(user, vote, seat),
            "recusal_form": recusal_form or RecusalForm(),
            "can_close": vote.is_open and permissions.can_close_vote(user, vote),
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


# --- Requests from organisations --------------------------------------------------------


class RequestCreateView(LoginRequiredMixin, ServiceFormMixin, FormView):
    template_name = "opinions/request_form.html"
    form_class = RequestForm

    @cached_property
    def organisations(self) -> Any:
        return account_selectors.organisations_represented_by(user=self.request.user)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not self.organisations.exists():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "organisations": self.organisations}

    def get_initial(self) -> dict[str, Any]:
        organisations = list(self.organisations[:2])
        return {"organisation": organisations[0].pk} if len(organisations) == 1 else {}

    def perform(self, form: RequestForm) -> HttpResponse:
        data = dict(form.cleaned_data)
        council_request = services.request_submit(
            organisation=data.pop("organisation"),
            actor=self.request.user,
            attachments=data.pop("attachments"),
            **data,
        )
        messages.success(
            self.request,
            _("Your request has been sent to the council. Follow its progress on this page."),
        )
        return redirect("council:request_detail", pk=council_request.pk)


class RequestMixin(LoginRequiredMixin):
    request: HttpRequest
    kwargs: dict[str, Any]

    @cached_property
    def council_request(self) -> CouncilRequest:
        return selectors.request_get_for(viewer=self.request.user, pk=self.kwargs["pk"])


class RequestDetailView(RequestMixin, TemplateView):
    """The requester follows their request: the position's status, its vote, its number."""

    template_name = "opinions/request_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        council_request = self.council_request
        position = getattr(council_request, "position", None)
        vote = None
        if position is not None:
            vote = selectors.vote_list(viewer=user, filters={"position": position.pk}).first()
        return super().get_context_data(
            council_request=council_request,
            position=position,
            vote=vote,
            can_view_position=position is not None
            and permissions.can_view_position(user, position),
            can_decide=council_request.status == RequestStatus.SUBMITTED
            and permissions.can_decide_request(user, council_request),
            decline_form=RequestDeclineForm(),
            **kwargs,
        )


class RequestDecisionView(RequestMixin, ServiceActionView):
    """The chair or the secretary accepts or declines a request (POST from its page).
    Those who may not see the request get a 404, those who see it but may not decide a
    403; the service checks again."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_decide_request(
            request.user, self.council_request
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self) -> str:
        return reverse("council:request_detail", kwargs={"pk": self.council_request.pk})


class RequestAcceptView(RequestDecisionView):
    success_message = gettext_lazy(
        "The request has been accepted. The council works on its draft position."
    )

    def perform(self) -> None:
        services.request_accept(request=self.council_request, actor=self.request.user)


class RequestDeclineView(RequestDecisionView):
    success_message = gettext_lazy("The request has been declined. The organisation sees why.")

    def perform(self) -> None:
        form = RequestDeclineForm(self.request.POST)
        if not form.is_valid():
            raise form_errors_as_validation_error(form)
        services.request_decline(
            request=self.council_request,
            actor=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class RequestAttachmentView(RequestMixin, View):
    """An attachment of a request, for those who may see the request."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        for attachment in self.council_request.attachments.all():
            if attachment.pk == kwargs["attachment_id"]:
                return FileResponse(
                    attachment.file.open("rb"),
                    as_attachment=True,
                    filename=attachment.name,
                    content_type=attachment.content_type,
                )
        raise Http404


# --- Public: resolutions and terms ------------------------------------------------------


class AdoptedListView(ListView):
    template_name = "opinions/adopted_list.html"
    context_object_name = "positions"
    paginate_by = 20

    @cached_property
    def filter_form(self) -> AdoptedFilterForm:
        return AdoptedFilterForm(self.request.GET, years=page_selectors.adopted_years())

    def get_queryset(self) -> Any:
        form = self.filter_form
        form.is_valid()  # an invalid filter value is ignored, the others still apply
        return page_selectors.adopted_list(filters=getattr(form, "cleaned_data", {}))

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
            "can_view_drafting": permissions.can_edit_position(user, position),
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
