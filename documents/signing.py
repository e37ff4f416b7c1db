"""Signing PDFs (PAdES, pyHanko) with a visible stamp in Polish.

The key and certificate come from the PKCS#12 file named by ``DOCUMENTS_SIGNING_P12``
(with ``DOCUMENTS_SIGNING_PASSWORD``). Without it, on the embedded default, a development
authority and signer are created on first use under ``VAR_DIR/documents/`` and the stamp
says the signature is a test one. Verification does not depend on the current key (a
document is recognised by its stored hashes), so rotating the key keeps old documents
verifiable.

pyHanko's default stamp font garbles Polish letters, and with DejaVu (2048 units per em) it
spaces glyphs about twice too wide: the stamp uses DejaVu Sans rescaled to 1000 units per
em, made once under ``VAR_DIR``.

Speed (``benchmarks/documents.py``; a 100-page report): what does not change between
signatures is made once per process (the signer read from the PKCS#12, the stamp font on
disk, cut down and without layout tables, which pyHanko's per-signature subsetting would
otherwise decompile every time), and the PDF is read with ``_indexed_reader``, which
indexes each object stream once. Nothing of the signature itself is cached or skipped.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import hashlib
import io
import os
import re
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.utils.translation import gettext as _

STAMP_FONT_SOURCE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FIELD_NAME = "Podpis"
# The stamp sits in the bottom right margin of the last page, which the page layout keeps
# free (templates/pdf/base.html): x1, y1, x2, y2 in points from the bottom left of A4.
STAMP_BOX = (318, 14, 568, 92)
DEVELOPMENT_PASSWORD = b"development-only"
_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")


@dataclass(frozen=True)
class SignedPdf:
    data: bytes
    signer: str
    test_signature: bool
    signature_sha256: str


def _directory() -> Path:
    directory = Path(settings.VAR_DIR) / "documents"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _write_atomically(path: Path, data: bytes) -> None:
    # Two workers making the file at once: each writes its own and one replaces the other.
    handle, temporary = tempfile.mkstemp(dir=path.parent)
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    os.replace(temporary, path)


def development_p12() -> Path:
    """The development authority's signer (PKCS#12), created on first use."""
    path = _directory() / "development-signer.p12"
    if path.exists():
        return path
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = dt.datetime.now(dt.UTC)

    def name(common: str) -> x509.Name:
        return x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "PL"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Konsultacje (test)"),
                x509.NameAttribute(NameOID.COMMON_NAME, common),
            ]
        )

    authority_key = ec.generate_private_key(ec.SECP256R1())
    authority_name = name("Konsultacje – testowy urząd certyfikacji")
    authority = (
        x509.CertificateBuilder()
        .subject_name(authority_name)
        .issuer_name(authority_name)
        .public_key(authority_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(authority_key, hashes.SHA256())
    )
    signer_key = ec.generate_private_key(ec.SECP256R1())
    signer = (
        x509.CertificateBuilder()
        .subject_name(name("Konsultacje – podpis testowy"))
        .issuer_name(authority_name)
        .public_key(signer_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .sign(authority_key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        b"konsultacje",
        signer_key,
        signer,
        [authority],
        serialization.BestAvailableEncryption(DEVELOPMENT_PASSWORD),
    )
    _write_atomically(path, data)
    _write_atomically(
        _directory() / "development-authority.pem",
        authority.public_bytes(serialization.Encoding.PEM),
    )
    return path


# What the stamp writes: Latin with the Polish letters, digits, punctuation and dashes. The
# font is cut down to these, so each signature reads a small font instead of all of DejaVu.
STAMP_CHARACTERS = [
    *range(0x20, 0x7F),
    *range(0xA0, 0x180),
    *range(0x2010, 0x2028),
    *range(0x2030, 0x203B),
    0x20AC,
    0x2116,
]


def stamp_font() -> Path:
    """DejaVu Sans at 1000 units per em, cut down to ``STAMP_CHARACTERS`` and without
    layout tables (GSUB, GPOS, GDEF: the stamp's short lines need no kerning or
    ligatures, and pyHanko, which subsets the font again for every signature, spent most
    of that time decompiling them), made on first use."""
    path = _directory() / "DejaVuSans-stamp-1000upem-v2.ttf"
    if path.exists():
        return path
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(str(STAMP_FONT_SOURCE))
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=STAMP_CHARACTERS)
    subsetter.subset(font)
    scale_upem(font, 1000)
    buffer = io.BytesIO()
    font.save(buffer)
    _write_atomically(path, buffer.getvalue())
    return path


def signing_key() -> tuple[Path, bytes, bool]:
    """The PKCS#12 file, its password and whether it is the development one."""
    configured = getattr(settings, "DOCUMENTS_SIGNING_P12", "")
    if configured:
        password = getattr(settings, "DOCUMENTS_SIGNING_PASSWORD", "")
        return Path(configured), password.encode(), False
    return development_p12(), DEVELOPMENT_PASSWORD, True


@functools.lru_cache(maxsize=4)
def _load_signer(path: str, modified: float, password: bytes) -> object:
    from pyhanko.sign import signers

    signer = signers.SimpleSigner.load_pkcs12(path, passphrase=password)
    if signer is None:
        raise RuntimeError(f"The signing key {path} cannot be read (wrong password?).")
    return signer


# An object stream's data, where its objects start, and each object's (start, end).
_Indexed = tuple[bytes, int, dict[int, tuple[int, int]]]
# A page object's own type, not "/Pages" (a node of the tree).
_A_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z0-9#])")


@functools.cache
def _indexed_reader() -> type:
    """pyHanko's PDF reader, except that it indexes each object stream once. pyHanko finds
    an object of an object stream by scanning the stream's header from its start, for
    every object; WeasyPrint puts nearly every object of a PDF into one stream, so
    finding the last page of a 100-page document (where the stamp goes) scanned it
    hundreds of times. Anything unusual (a damaged stream, an object not in its index) is
    left to pyHanko's own reading, with its errors."""
    from pyhanko.pdf_utils import generic, misc
    from pyhanko.pdf_utils.decode_limits import DecodePurpose
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.xref import ObjStreamRef

    class IndexedObjectStreamReader(PdfFileReader):
        _object_streams: dict[int, _Indexed | None]

        def _object_stream(
            self, number: int
        ) -> tuple[bytes, int, dict[int, tuple[int, int]]] | None:
            if not hasattr(self, "_object_streams"):
                self._object_streams = {}
            if number not in self._object_streams:
                self._object_streams[number] = self._index(number)
            return self._object_streams[number]

        def _index(self, number: int) -> _Indexed | None:
            try:
                stream = generic.Reference(number, 0, self).get_object()
                if not isinstance(stream, generic.StreamObject) or (
                    stream.get("/Type") != "/ObjStm"
                ):
                    return None
                data = stream.read_data(DecodePurpose.OBJECT_STREAM)
                first, count = int(stream["/First"]), int(stream["/N"])
                # The header: N pairs of integers (object number, offset), separated by
                # white space (ISO 32000, 7.5.7); read at once, not number by number.
                numbers = [int(value) for value in data[:first].split()[: 2 * count]]
                if len(numbers) != 2 * count:
                    return None
                starts = sorted(numbers[1::2])
                ends = dict(zip(starts, [*starts[1:], len(data) - first], strict=True))
                spans = {
                    number: (start, ends[start])
                    for number, start in zip(numbers[::2], numbers[1::2], strict=True)
                }
                return data, first, spans
            except (ValueError, KeyError, misc.PdfReadError):
                return None

        def _raw_object(self, idnum: int) -> bytes | None:
            """The bytes of an object held in an object stream, or None."""
            marker = self.xrefs[generic.Reference(idnum, 0, self)]
            if not isinstance(marker, ObjStreamRef):
                return None
            indexed = self._object_stream(marker.obj_stream_id)
            if indexed is None or idnum not in indexed[2]:
                return None
            data, first, spans = indexed
            start, end = spans[idnum]
            return data[first + start : first + end]

        def _flat_page(self, page_ix: int) -> tuple[Any, Any] | None:
            """The page at ``page_ix`` of a page tree of one level (what WeasyPrint
            writes) and its resources, by parsing that page alone; None for any other
            tree. One level is known from each kid's own bytes, only searched, not
            parsed: every kid of the root says ``/Type /Page``."""
            try:
                root = self.root.raw_get("/Pages").get_object()
                kids = root["/Kids"]
                if int(root["/Count"]) != len(kids):
                    return None
                index = page_ix + len(kids) if page_ix < 0 else page_ix
                if not 0 <= index < len(kids):
                    return None
                for kid in kids:
                    if not isinstance(kid, generic.IndirectObject):
                        return None
                    raw = self._raw_object(kid.idnum)
                    if raw is None or not _A_PAGE.search(raw):
                        return None
                page_ref = kids.raw_get(index)
                page = page_ref.get_object()
                if page.get("/Type") != "/Page":
                    return None
                resources = page.raw_get("/Resources") if "/Resources" in page else None
                if resources is None:
                    resources = root.raw_get("/Resources") if "/Resources" in root else None
                return (page_ref, resources) if resources is not None else None
            except (KeyError, ValueError, TypeError, misc.PdfReadError):
                return None

        def _get_object_from_stream(self, idnum: int, stmnum: int, idx: int) -> object:
            indexed = self._object_stream(stmnum)
            span = indexed[2].get(idnum) if indexed is not None else None
            if indexed is None or span is None:
                return super()._get_object_from_stream(idnum, stmnum, idx)
            data, first, _spans = indexed
            reading = io.BytesIO(data)
            reading.seek(first + span[0])
            try:
                found = generic.read_object(reading, generic.Reference(idnum, 0, self))
            except (misc.PdfStreamError, misc.PdfReadError):
                found = None
            if found is None or isinstance(found, generic.StreamObject | generic.IndirectObject):
                return super()._get_object_from_stream(idnum, stmnum, idx)
            return found

    return IndexedObjectStreamReader


@functools.cache
def _page_finding_writer() -> type:
    """pyHanko's incremental writer, except that it finds the page for the stamp (the last)
    by parsing that page alone when the page tree has one level: pyHanko reads every
    page before it to count them, a quarter of signing a 100-page document. Once the
    tree or a page was changed in this update, or for any other tree, pyHanko walks it."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    class PageFindingWriter(IncrementalPdfFileWriter):
        def _walk_page_tree(self, page_ix: int, retrieve_parent: bool) -> Any:
            flat_page = getattr(self.prev, "_flat_page", None)
            if flat_page is not None and not retrieve_parent and not self.objects:
                found = flat_page(page_ix)
                if found is not None:
                    return found
            return super()._walk_page_tree(page_ix, retrieve_parent)

    return PageFindingWriter


def _signer() -> tuple[object, bool]:
    path, password, test = signing_key()
    return _load_signer(str(path), path.stat().st_mtime, password), test


def signer_name(signer: object) -> str:
    certificate = signer.signing_cert  # type: ignore[attr-defined]
    return str(certificate.subject.native.get("common_name", "")) or str(
        certificate.subject.human_friendly
    )


def signature_value_hash(data: bytes) -> str:
    """The SHA-256 of the value (/Contents) of the last signature whose byte range fits in
    ``data``, found by the byte range alone (no parsing, so a damaged copy still shows it),
    or "" when there is none."""
    found = ""
    for match in _BYTE_RANGE.finditer(data):
        start, first_length, second_start, _second_length = (int(g) for g in match.groups())
        value_start, value_end = start + first_length, second_start
        if 0 <= value_start < value_end <= len(data):
            found = hashlib.sha256(data[value_start:value_end]).hexdigest()
    return found


# The room left in the PDF for the signature's value (CMS), per signing certificate.
# pyHanko sizes it by making a whole trial signature first, every time; the size depends
# only on the key, its certificates and the attributes signed, so the room its first
# signature with a key left (pyHanko's estimate with its margin) is reused. A setting
# of one dict entry: two threads at once both measure and write the same number.
_reserved_bytes: dict[bytes, int] = {}


def _space_reserved(data: bytes) -> int | None:
    """The size of the hex /Contents of the last signature (between its byte ranges,
    less the angle brackets)."""
    found = None
    for match in _BYTE_RANGE.finditer(data):
        start, first_length, second_start, _second_length = (int(g) for g in match.groups())
        found = second_start - (start + first_length) - 2
    return found


T = TypeVar("T")


def outside_any_event_loop(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call ``function``, which runs its own event loop (pyHanko's signing and validation
    do ``asyncio.run``), in a thread of its own when this thread already runs one (an
    asynchronous server or worker pool, or a browser driver in the same process), where
    ``asyncio.run`` would refuse."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def sign_pdf(pdf: bytes, *, number: str, code: str) -> SignedPdf:
    """Sign ``pdf`` (PAdES) with a visible stamp on its last page naming the signer, the
    moment, the document's number and its verification code."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigFieldSpec, SigSeedSubFilter
    from pyhanko.stamp import TextStampStyle

    signer, test = _signer()
    name = signer_name(signer)
    # The stamp's text keeps its placeholders: pyHanko fills them (``ts`` is the moment).
    lines = [
        _("Signed electronically (PAdES)"),
        _("Signed by: %(signer)s"),
        _("Date: %(ts)s"),
        _("Document: %(number)s"),
        _("Verification code: %(code)s"),
    ]
    if test:
        lines.insert(0, _("TEST SIGNATURE – not legally binding"))
    style = TextStampStyle(
        stamp_text="\n".join(lines),
        timestamp_format="%Y-%m-%d %H:%M:%S %Z",
        border_width=1,
        text_box_style=TextBoxStyle(
            font=GlyphAccumulatorFactory(str(stamp_font()), font_size=7), font_size=7
        ),
    )
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=_("Issued by the platform; verification code %(code)s") % {"code": code},
    )
    pdf_signer = signers.PdfSigner(
        metadata,
        signer=signer,  # type: ignore[arg-type]
        stamp_style=style,
        new_field_spec=SigFieldSpec(sig_field_name=FIELD_NAME, on_page=-1, box=STAMP_BOX),
    )
    original = io.BytesIO(pdf)
    output = io.BytesIO()
    certificate = signer.signing_cert.sha256  # type: ignore[attr-defined]
    outside_any_event_loop(
        pdf_signer.sign_pdf,
        _page_finding_writer()(original, prev=_indexed_reader()(original, strict=True)),
        output=output,
        appearance_text_params={"signer": name, "number": number, "code": code},
        bytes_reserved=_reserved_bytes.get(certificate),
    )
    data = output.getvalue()
    reserved = _space_reserved(data)
    if certificate not in _reserved_bytes and reserved is not None:
        _reserved_bytes[certificate] = reserved
    return SignedPdf(
        data=data,
        signer=name,
        test_signature=test,
        signature_sha256=signature_value_hash(data),
    )
