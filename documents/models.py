"""A rendered, signed document: one row per rendering of a subject's data.

A document is about a subject named by its kind and id (``position`` 12), so that this app
needs no domain model: the kinds are registered by the domain apps (``documents.registry``).
The same data (by its hash) is rendered once; changed data makes a new document and the
old one stays, because a signed file is never altered.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from documents.exports import FORMATS

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read aloud or typed from paper is not misread.
VERIFICATION_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
VERIFICATION_CODE_LENGTH = 10


def new_verification_code() -> str:
    return "".join(
        secrets.choice(VERIFICATION_ALPHABET) for _position in range(VERIFICATION_CODE_LENGTH)
    )


def normalise_code(code: str) -> str:
    """A code as typed (lower case, spaces, dashes) in its stored form."""
    return "".join(char for char in code.upper() if char.isalnum())


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RENDERING = "rendering", _("rendering")
    SIGNING = "signing", _("signing")
    READY = "ready", _("ready")
    FAILED = "failed", _("failed")


# Where a document may go from each status (the task claims each step with a conditional
# UPDATE; the sweep moves a stale rendering or signing back to queued).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    DocumentStatus.QUEUED: (DocumentStatus.RENDERING,),
    DocumentStatus.RENDERING: (
        DocumentStatus.SIGNING,
        DocumentStatus.FAILED,
        DocumentStatus.QUEUED,
    ),
    DocumentStatus.SIGNING: (DocumentStatus.READY, DocumentStatus.FAILED, DocumentStatus.QUEUED),
    DocumentStatus.FAILED: (DocumentStatus.QUEUED,),
    DocumentStatus.READY: (),
}

IN_PROGRESS = (DocumentStatus.QUEUED, DocumentStatus.RENDERING, DocumentStatus.SIGNING)


class DocumentQuerySet(models.QuerySet["Document"]):
    def of_subject(self, kind: str, subject_id: int) -> DocumentQuerySet:
        return self.filter(kind=kind, subject_id=subject_id)

    def newest_first(self) -> DocumentQuerySet:
        return self.order_by("-created_at", "-pk")


class Document(models.Model):
    kind = models.CharField(_("kind"), max_length=40)
    subject_id = models.PositiveBigIntegerField(_("subject"))
    title = models.CharField(_("title"), max_length=500)
    data_hash = models.CharField(_("hash of the data"), max_length=64)
    status = models.CharField(
        _("status"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED
    )
    error = models.TextField(_("error"), blank=True)
    # Each claim of the work counts one attempt; only the attempt that holds the claim may
    # finish it, so a sweep's retry and a slow worker never both store a file.
    attempt = models.PositiveIntegerField(default=0)
    verification_code = models.CharField(
        _("verification code"), max_length=20, unique=True, default=new_verification_code
    )
    file = models.FileField(_("file"), upload_to="documents/%Y/", blank=True)
    # The editable exports the kind offers (``documents.exports``), made with the PDF from
    # the same data; empty for a kind without them.
    docx_file = models.FileField(_("DOCX file"), upload_to="documents/%Y/", blank=True)
    xlsx_file = models.FileField(_("XLSX file"), upload_to="documents/%Y/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    # The SHA-256 of the signature's value (its /Contents): it finds the document a changed
    # copy came from, whatever was changed around the signature.
    signature_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    size = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    signer = models.CharField(_("signed by"), max_length=300, blank=True)
    test_signature = models.BooleanField(_("test signature"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_id", "data_hash"], name="document_one_per_data"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DocumentStatus.values),
                name="document_status_known",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "subject_id", "-created_at"], name="document_subject"),
            models.Index(fields=["status", "started_at"], name="document_status_started"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.verification_code})"

    @property
    def is_ready(self) -> bool:
        return self.status == DocumentStatus.READY

    @property
    def in_progress(self) -> bool:
        return self.status in IN_PROGRESS

    @property
    def filename(self) -> str:
        return self.filename_as("pdf")

    def filename_as(self, extension: str) -> str:
        return f"{self.kind}-{self.subject_id}-{self.verification_code}.{extension}"

    @property
    def formats(self) -> list[str]:
        """The formats this document's files are in (once ready): the PDF, then the
        exports it was made with."""
        if not self.is_ready:
            return []
        return [name for name, format_ in FORMATS.items() if getattr(self, format_.field)]
