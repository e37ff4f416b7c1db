"""Checking an uploaded PDF against the documents issued here.

The answer is one of three: the very file issued here, with its signature intact
("unchanged and validly signed"); a file carrying the value of a signature made here but
different bytes ("changed after signing": bytes appended or altered); or neither ("not
issued here"). A document is recognised by the SHA-256 stored when it was signed, and a
changed copy by the SHA-256 of its signature's value, found through the signature's byte
range without parsing (so a copy too damaged to parse is still recognised). Neither depends
on the current signing key, so documents signed before a key rotation stay verifiable.

What cannot be checked is refused with a message saying why: not a PDF, a damaged PDF,
an encrypted one, one over the size limit (``core.uploads``).
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy

from core.exceptions import UnsupportedFileType
from core.uploads import PDF_DAMAGED, is_structured_pdf, read_upload
from documents.models import Document, DocumentStatus
from documents.signing import outside_any_event_loop, signature_value_hash

logger = logging.getLogger(__name__)

NOT_A_PDF = gettext_lazy(
    "The file is not a PDF document. Upload the PDF file of the document as you received it."
)
ENCRYPTED = gettext_lazy(
    "The PDF is encrypted (protected with a password), so it cannot be checked. Upload the "
    "document as you received it, without a password."
)


class Outcome(StrEnum):
    VALID = "valid"
    CHANGED = "changed"
    NOT_ISSUED = "not_issued"


@dataclass(frozen=True)
class Verification:
    outcome: Outcome
    document: Document | None
    sha256: str


def _refuse(message: Any) -> UnsupportedFileType:
    text = str(message)
    return UnsupportedFileType(text, extra={"fields": {"file": [text]}})


def _signature_intact(data: bytes) -> bool:
    """Whether the file's last signature is intact, cryptographically valid and covers the
    whole file (pyHanko; trust in the signer is not asked: the file is recognised by its
    hash)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
        if not signatures:
            return False
        signature = signatures[-1]
        # Trust is not what is asked (the file is recognised by its hash): the signer's own
        # certificate is the root, so only the integrity and the cryptography are checked.
        status = outside_any_event_loop(
            validate_pdf_signature,
            signature,
            ValidationContext(trust_roots=[signature.signer_cert], allow_fetching=False),
        )
    except Exception:
        logger.exception("An issued document's signature could not be validated")
        return False
    return bool(
        status.intact and status.valid and status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    )


def _check_readable(data: bytes) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    if not is_structured_pdf(data):
        raise _refuse(PDF_DAMAGED)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        encrypted = reader.encrypted
    except Exception as error:
        raise _refuse(PDF_DAMAGED) from error
    if encrypted:
        raise _refuse(ENCRYPTED)


def verify_pdf(data: bytes) -> Verification:
    """What ``data`` is, among the documents issued here (see the module's docstring)."""
    if not data.startswith(b"%PDF-"):
        raise _refuse(NOT_A_PDF)
    digest = hashlib.sha256(data).hexdigest()
    ready = Document.objects.filter(status=DocumentStatus.READY)
    document = ready.filter(sha256=digest).first()
    if document is not None:
        outcome = Outcome.VALID if _signature_intact(data) else Outcome.CHANGED
        return Verification(outcome=outcome, document=document, sha256=digest)
    signature = signature_value_hash(data)
    if signature:
        document = ready.filter(signature_sha256=signature).first()
        if document is not None:
            return Verification(outcome=Outcome.CHANGED, document=document, sha256=digest)
    _check_readable(data)
    return Verification(outcome=Outcome.NOT_ISSUED, document=None, sha256=digest)


def verify_upload(uploaded_file: Any) -> Verification:
    """Read an uploaded file within the upload limit and verify it."""
    return verify_pdf(read_upload(uploaded_file))
