"""Pulling a consultation's NGO comments into a position as its items."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from core.views import ServiceFormMixin
from opinions import selectors, services
from opinions.forms import CommentFilterForm, CommentPickForm
from opinions.views.shared import EditorMixin


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
