"""The legal act pages: the public list and text, and the officials' version editor.

A selector reads, one service call changes. Domain errors from services are shown by
``core.views`` (at the form field, or as a message); anything the viewer may not see or
change is a 404, as in the selectors.
"""

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
from django.views.generic import FormView, ListView, TemplateView

from acts import amendment_selectors, permissions, selectors, services
from acts.exceptions import NothingToCompare
from acts.forms import (
    ActFilterForm,
    ActForm,
    ProvisionSplitForm,
    ProvisionUpdateForm,
    VersionCreateForm,
    VersionReparseForm,
)
from acts.models import ActVersion, LegalAct, Provision, ProvisionKind
from acts.redline import Redline, compute_redline
from core.forms import form_errors_as_validation_error
from core.views import ServiceActionView, ServiceFormMixin

# --- Reading ----------------------------------------------------------------------------


class ActListView(ListView):
    template_name = "acts/act_list.html"
    context_object_name = "acts"
    paginate_by = 20

    @cached_property
    def filter_form(self) -> ActFilterForm:
        return ActFilterForm(self.request.GET)

    def get_queryset(self) -> Any:
        form = self.filter_form
        form.is_valid()  # an invalid filter value is ignored, the others still apply
        return selectors.act_search(
            viewer=self.request.user, filters=getattr(form, "cleaned_data", {})
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            filter_form=self.filter_form,
            filtered=any(self.request.GET.get(name) for name in self.filter_form.fields),
            can_create=permissions.can_create_act(self.request.user),
            **kwargs,
        )


class ActMixin:
    """Loads ``self.act`` for the viewer (Http404 when not visible)."""

    request: HttpRequest
    kwargs: dict[str, Any]

    @cached_property
    def act(self) -> LegalAct:
        return selectors.act_get_for(viewer=self.request.user, pk=self.kwargs["pk"])

    def act_url(self) -> str:
        return reverse("acts:detail", kwargs={"pk": self.kwargs["pk"]})


class VersionMixin(ActMixin):
    """Loads ``self.version`` for the viewer (Http404 when not visible)."""

    @cached_property
    def version(self) -> ActVersion:
        return selectors.version_get_for(
            viewer=self.request.user, act_pk=self.kwargs["pk"], number=self.kwargs["number"]
        )

    @cached_property
    def act(self) -> LegalAct:
        return self.version.act

    def editor_url(self, anchor: str = "") -> str:
        url = reverse(
            "acts:version_edit", kwargs={"pk": self.kwargs["pk"], "number": self.kwargs["number"]}
        )
        return f"{url}#{anchor}" if anchor else url

    def version_url(self) -> str:
        return reverse(
            "acts:version", kwargs={"pk": self.kwargs["pk"], "number": self.kwargs["number"]}
        )


def _text_context(version: ActVersion | None) -> dict[str, Any]:
    provisions = list(selectors.provision_list(version=version)) if version is not None else []
    return {"provisions": provisions, "tree": selectors.provision_tree(provisions)}


def _amending_text_context(act: LegalAct, version: ActVersion | None) -> dict[str, Any]:
    """The text, and for an amending act what each of its changes changes, and where."""
    context = _text_context(version)
    amendments = amendment_selectors.version_amendments(act=act, provisions=context["provisions"])
    amendment_selectors.attach_amendment_links(context["provisions"], amendments)
    return {**context, "amendments": amendments}


class ActDetailView(ActMixin, TemplateView):
    """The act's details and the text of its newest published version."""

    template_name = "acts/act_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        act = self.act
        versions = list(selectors.version_list_for_act(viewer=self.request.user, act=act))
        published = [version for version in versions if version.is_published]
        current = published[-1] if published else None
        can_edit = permissions.can_edit_act(self.request.user, act)
        return super().get_context_data(
            act=act,
            versions=versions,
            current=current,
            draft=next((version for version in versions if not version.is_published), None),
            can_edit=can_edit,
            can_add_version=can_edit
            and act.is_open
            and all(version.is_published for version in versions),
            has_earlier=len(published) > 1,
            **_amending_text_context(act, current),
            **kwargs,
        )


class VersionDetailView(VersionMixin, TemplateView):
    template_name = "acts/version_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        version = self.version
        return super().get_context_data(
            act=self.act,
            version=version,
            can_edit=not version.is_published
            and permissions.can_edit_version(self.request.user, version),
            previous=selectors.version_previous_published(version=version),
            **_amending_text_context(self.act, version),
            **kwargs,
        )


class ConsolidatedView(VersionMixin, TemplateView):
    """The act an amending version amends, as it would read with the changes applied:
    informative, not legally binding. Visible to whoever may see the version."""

    template_name = "acts/consolidated.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        version = self.version
        preview = amendment_selectors.consolidated_preview(version=version)
        amended = preview.amendments.amended_version
        return super().get_context_data(
            act=self.act,
            version=version,
            preview=preview,
            amendments=preview.amendments,
            redline=preview.redline,
            provision_link_base=reverse(
                "acts:version", kwargs={"pk": amended.act_id, "number": amended.number}
            )
            if amended is not None
            else "",
            **kwargs,
        )


class RedlineView(VersionMixin, TemplateView):
    """What changed between two versions, unit by unit; by default against the previous
    published one."""

    template_name = "acts/redline.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        version = self.version
        user = self.request.user
        others = [
            other
            for other in selectors.version_list_for_act(viewer=user, act=self.act)
            if other.pk != version.pk
        ]
        against: ActVersion | None = None
        redline: Redline | None = None
        nothing = ""
        try:
            against = selectors.version_against_for(
                viewer=user, version=version, against=self.request.GET.get("against")
            )
        except NothingToCompare as error:
            nothing = str(error.message)
        else:
            redline = compute_redline(
                list(selectors.provision_list(version=against)),
                list(selectors.provision_list(version=version)),
            )
        return super().get_context_data(
            act=self.act,
            version=version,
            against=against,
            others=others,
            redline=redline,
            # The units' anchors live on the version's page, not on the redline page.
            provision_link_base=reverse(
                "acts:version", kwargs={"pk": self.act.pk, "number": version.number}
            ),
            nothing_to_compare=nothing,
            **kwargs,
        )


# --- Acts -------------------------------------------------------------------------------


class ActCreateView(LoginRequiredMixin, ServiceFormMixin, FormView):
    template_name = "acts/act_form.html"
    form_class = ActForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_create_act(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form: ActForm) -> HttpResponse:
        data = dict(form.cleaned_data)
        act = services.act_create(actor=self.request.user, **data)
        messages.success(self.request, _("The act has been created. Now add its text."))
        return redirect("acts:version_create", pk=act.pk)


class ActEditView(LoginRequiredMixin, ActMixin, ServiceFormMixin, FormView):
    template_name = "acts/act_form.html"
    form_class = ActForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_edit_act(request.user, self.act):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user, "act": self.act}

    def get_initial(self) -> dict[str, Any]:
        return ActForm.initial_from(self.act)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            act=self.act,
            amends_suggestion=amendment_selectors.amended_act_suggestion(
                viewer=self.request.user, act=self.act
            ),
            **kwargs,
        )

    def perform(self, form: ActForm) -> HttpResponse:
        services.act_update(act=self.act, actor=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("The act's details have been saved."))
        return redirect(self.act_url())


# --- Versions ---------------------------------------------------------------------------


class VersionCreateView(LoginRequiredMixin, ActMixin, ServiceFormMixin, FormView):
    template_name = "acts/version_form.html"
    form_class = VersionCreateForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_edit_act(request.user, self.act):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            act=self.act, draft=selectors.version_draft(act=self.act), **kwargs
        )

    def perform(self, form: VersionCreateForm) -> HttpResponse:
        file = form.cleaned_data.get("file")
        version = services.version_create(
            act=self.act,
            actor=self.request.user,
            text=None if file else form.cleaned_data["text"],
            file=file or None,
            change_note=form.cleaned_data["change_note"],
        )
        messages.success(
            self.request,
            _("Version %(number)s has been read. Check the units and the warnings, then publish.")
            % {"number": version.number},
        )
        return redirect("acts:version_edit", pk=self.act.pk, number=version.number)


class VersionEditView(LoginRequiredMixin, VersionMixin, TemplateView):
    """The editor: the parsed tree with a correction form per unit, beside the source text."""

    template_name = "acts/version_edit.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            if not permissions.can_edit_version(request.user, self.version):
                raise Http404
            if self.version.is_published:
                messages.info(
                    request, _("This version is published; add a new version to change the text.")
                )
                return redirect(self.version_url())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        version = self.version
        context = _text_context(version)
        return super().get_context_data(
            act=self.act,
            version=version,
            warnings=selectors.version_warnings(version=version, provisions=context["provisions"]),
            kind_choices=ProvisionKind.choices,
            reparse_form=VersionReparseForm(initial={"text": version.source_text}),
            previous=selectors.version_previous_published(version=version),
            editing=True,
            **context,
            **kwargs,
        )


class VersionActionView(LoginRequiredMixin, VersionMixin, ServiceActionView):
    """A change to a draft version, made from the editor; the user returns there."""

    anchor = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_edit_version(
            request.user, self.version
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self) -> str:
        return self.editor_url(self.anchor)


class VersionReparseView(VersionActionView):
    success_message = gettext_lazy("The text has been parsed again.")

    def perform(self) -> None:
        form = VersionReparseForm(self.request.POST)
        if not form.is_valid():
            raise form_errors_as_validation_error(form)
        services.version_reparse(
            version=self.version, actor=self.request.user, text=form.cleaned_data["text"]
        )


class VersionPublishView(VersionActionView):
    """GET asks for confirmation (no script needed); POST publishes."""

    http_method_names = ["get", "post"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        version = self.version
        if version.is_published:
            return redirect(self.version_url())
        provisions = list(selectors.provision_list(version=version))
        context = {
            "act": self.act,
            "version": version,
            "unit_count": len(provisions),
            "warnings": selectors.version_warnings(version=version, provisions=provisions),
        }
        return render(request, "acts/version_publish.html", context)

    def perform(self) -> None:
        version = services.version_publish(version=self.version, actor=self.request.user)
        messages.success(
            self.request,
            _("Version %(number)s is published. Everyone can read it now.")
            % {"number": version.number},
        )

    def get_success_url(self) -> str:
        return self.version_url()

    def get_error_url(self) -> str:
        return self.editor_url()


# --- Corrections to one provision -------------------------------------------------------


class ProvisionActionView(VersionActionView):
    @cached_property
    def provision(self) -> Provision:
        return selectors.provision_get_for(
            viewer=self.request.user, version=self.version, pk=self.kwargs["provision_id"]
        )

    def get_error_url(self) -> str:
        return self.editor_url(self.provision.anchor)


class ProvisionUpdateView(ProvisionActionView):
    success_message = gettext_lazy("The unit has been corrected.")

    def perform(self) -> None:
        form = ProvisionUpdateForm(self.request.POST)
        if not form.is_valid():
            raise form_errors_as_validation_error(form)
        provision = services.provision_update(
            provision=self.provision, actor=self.request.user, **form.cleaned_data
        )
        self.anchor = provision.anchor


class ProvisionSplitView(ProvisionActionView):
    success_message = gettext_lazy("The unit has been split in two. Check the second part.")

    def perform(self) -> None:
        form = ProvisionSplitForm(self.request.POST)
        if not form.is_valid():
            raise form_errors_as_validation_error(form)
        _first, second = services.provision_split(
            provision=self.provision, actor=self.request.user, **form.cleaned_data
        )
        self.anchor = second.anchor


class ProvisionMergeView(ProvisionActionView):
    success_message = gettext_lazy("The unit has been merged into the previous one.")

    def perform(self) -> None:
        merged_into = services.provision_merge(provision=self.provision, actor=self.request.user)
        self.anchor = merged_into.anchor


class ProvisionDeleteView(ProvisionActionView):
    success_message = gettext_lazy("The unit has been removed.")

    def perform(self) -> None:
        services.provision_delete(provision=self.provision, actor=self.request.user)
