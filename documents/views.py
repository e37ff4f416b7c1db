"""The documents' pages: the public verification (by code, by upload), downloads, and
asking for a subject's document."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from core.exceptions import InvalidInput, NotFound
from core.views import SERVICE_ERRORS, error_messages
from documents import selectors, services
from documents.downloads import serve_document, serve_file
from documents.forms import RequestDocumentForm, VerifyCodeForm, VerifyUploadForm
from documents.models import Document
from documents.verification import verify_upload


def _issued(document: Document | None) -> Document | None:
    return document if document is not None and document.is_ready else None


class VerifyView(View):
    """``/documents/verify/``: look a document up by its code, or upload a PDF to learn
    whether it was issued here and is unchanged."""

    template_name = "documents/verify.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        code = request.GET.get("code", "").strip()
        if code:
            document = _issued(selectors.document_by_code(code))
            if document is not None:
                return redirect("documents:verify_code", code=document.verification_code)
            return self._page(request, code_error=_("No document has this verification code."))
        return self._page(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = VerifyUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._page(request, upload_form=form, status=400)
        try:
            verification = verify_upload(form.cleaned_data["file"])
        except SERVICE_ERRORS as error:
            for message in error_messages(error):
                form.add_error("file", message)
            return self._page(request, upload_form=form, status=400)
        return self._page(request, verification=verification)

    def _page(self, request: HttpRequest, *, status: int = 200, **context: Any) -> HttpResponse:
        context.setdefault("upload_form", VerifyUploadForm())
        context.setdefault("code_form", VerifyCodeForm(initial={"code": request.GET.get("code")}))
        return render(request, self.template_name, context, status=status)


def verify_code(request: HttpRequest, code: str) -> HttpResponse:
    """``/documents/verify/<code>/``: what the document is, who issued and signed it, when,
    its SHA-256 and a download of the original. Public: the code is printed on the
    document, so whoever holds it may read it."""
    document = _issued(selectors.document_by_code(code))
    if document is None:
        raise Http404
    return render(request, "documents/verify_code.html", {"document": document})


def download_by_code(request: HttpRequest, code: str) -> HttpResponseBase:
    """The original file of a verified document (the code is the permission)."""
    document = _issued(selectors.document_by_code(code))
    if document is None:
        raise Http404
    return serve_file(request, document.file, document.filename)


def download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A document's file for whoever may see its subject: the PDF, or ``?format=`` one of
    the exports its kind offers (another format is a 400 naming those it does)."""
    try:
        document = selectors.document_get_for(viewer=request.user, pk=pk)
    except SERVICE_ERRORS as error:
        raise Http404 from error
    if not document.is_ready:
        raise Http404
    try:
        return serve_document(request, document, request.GET.get("format"))
    except InvalidInput as error:
        return HttpResponseBadRequest(str(error.message), content_type="text/plain; charset=utf-8")
    except NotFound as error:
        raise Http404 from error


def _next_url(request: HttpRequest, url: str) -> str:
    if url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("home")


class RequestDocumentView(LoginRequiredMixin, View):
    """The button under a subject's documents: render the document of its current data
    (for signed-in users, as in the API: rendering costs the worker's time)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        form = RequestDocumentForm(request.POST)
        if not form.is_valid():
            raise Http404
        back = _next_url(request, form.cleaned_data["next"] or "")
        try:
            _document, created = services.document_request(
                kind=form.cleaned_data["kind"],
                subject_id=form.cleaned_data["subject"],
                viewer=request.user,
                actor=request.user,
            )
        except SERVICE_ERRORS as error:
            for message in error_messages(error):
                messages.error(request, message)
            return HttpResponseRedirect(back)
        if created:
            messages.success(request, _("The document is being prepared. It appears below."))
        else:
            messages.info(request, _("The document of the current data already exists."))
        return HttpResponseRedirect(back)
