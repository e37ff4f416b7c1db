"""Positions and their drafting: creating a draft, its page, the editor (subject,
justification, items) and withdrawing it."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts import selectors as account_selectors
from accounts.viewer import request_viewer
from acts import selectors as act_selectors
from consultations.selectors.council import consultations_for_council
from core.forms import form_errors_as_validation_error
from core.views import SERVICE_ERRORS, ServiceActionView, ServiceFormMixin, form_add_service_error
from opinions import permissions, selectors, services
from opinions.exceptions import StaleItem, StalePosition
from opinions.forms import (
    ItemAddForm,
    ItemForm,
    ItemMoveForm,
    NoteForm,
    PositionCreateForm,
    PositionUpdateForm,
)
from opinions.models import Position, PositionItem, PositionStatus, Term
from opinions.presenters import ITEM_WITHHELD
from opinions.views.shared import EditorMixin, PositionMixin, latest_vote, vote_result_context


class PositionCreateView(LoginRequiredMixin, ServiceFormMixin, FormView):
    template_name = "opinions/position_form.html"
    form_class = PositionCreateForm

    @cached_property
    def term(self) -> Term | None:
        return selectors.term_current()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and (
            self.term is None
            or not permissions.can_create_position(request_viewer(request), self.term)
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
        viewer = request_viewer(self.request)
        position = self.position
        vote = latest_vote(position)
        is_member = permissions.can_edit_position(viewer, position)
        drafting = position.is_draft and is_member
        context: dict[str, Any] = {
            "position": position,
            "items": self.items,
            "item_withheld_notice": ITEM_WITHHELD,
            "vote": vote,
            "can_edit": drafting,
            "can_propose": drafting and permissions.can_propose_amendment(viewer, position),
            "decidable": {
                amendment.pk
                for item in self.items
                for amendment in item.amendments.all()
                if drafting
                and amendment.is_pending
                and permissions.can_decide_amendment(viewer, amendment)
            },
            "can_note": is_member
            and position.status in (PositionStatus.DRAFT, PositionStatus.VOTING),
            "can_open_vote": position.is_draft and permissions.can_open_vote(viewer, position),
            "pending_count": sum(
                1
                for item in self.items
                for amendment in item.amendments.all()
                if amendment.is_pending
            ),
            "can_withdraw": position.is_draft
            and permissions.can_withdraw_position(viewer, position),
            "can_delete": permissions.can_delete_position(viewer, position),
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
        # A withheld text (opinions.presenters) is not put in the field either.
        text = "" if getattr(item, "text_withheld", False) else item.text
        form = ItemForm(prefix=f"item-{item.pk}", initial={"text": text, "revision": item.revision})
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
        "item_withheld_notice": ITEM_WITHHELD,
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
            and permissions.can_edit_position(request_viewer(request), self.position)
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
        except StalePosition as error:
            self.position_current = error.current
            # The next save is made on top of what is shown as saved.
            data = self.request.POST.copy()
            data["revision"] = str(error.current["revision"])
            form = PositionUpdateForm(data)
            form.is_valid()
            form_add_service_error(form, error)
            return self.form_invalid(form)
        except SERVICE_ERRORS as error:
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
        except StaleItem as error:
            # Keep the user's text; a second save applies it on top of the current one.
            data = request.POST.copy()
            data[f"{prefix}-revision"] = str(error.current_revision)
            form = ItemForm(data, prefix=prefix)
            form.is_valid()
            form_add_service_error(form, error)
            return self.render_editor(
                item_form=form, refused_item=item, current_text=error.current_text
            )
        except SERVICE_ERRORS as error:
            form_add_service_error(form, error)
            return self.render_editor(item_form=form, refused_item=item)
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


class PositionDeleteView(LoginRequiredMixin, PositionMixin, ServiceActionView):
    """GET asks for confirmation; POST deletes the draft (its drafter or an officer)."""

    http_method_names = ["get", "post"]
    success_message = gettext_lazy("The draft has been deleted.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_delete_position(
            request_viewer(request), self.position
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        context = {"position": self.position, "items": self.items}
        return render(request, "opinions/position_delete.html", context)

    def perform(self) -> None:
        services.position_delete(position=self.position, actor=self.request.user)

    def get_success_url(self) -> str:
        return reverse("council:workspace")

    def get_error_url(self) -> str:
        return self.position_url()


class PositionWithdrawView(LoginRequiredMixin, PositionMixin, ServiceActionView):
    success_message = gettext_lazy("The position has been withdrawn. It stays in the record.")

    def perform(self) -> None:
        services.position_withdraw(position=self.position, actor=self.request.user)

    def get_success_url(self) -> str:
        return self.position_url()
