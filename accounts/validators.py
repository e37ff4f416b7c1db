"""Polish registry identifiers, checked with python-stdnum.

Each validator accepts common spellings (spaces, dashes, a ``PL`` prefix for NIP), raises a
translated ValidationError and returns nothing; ``normalise_*`` gives the stored form.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.pl import nip, regon


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isalnum()).upper()


def normalise_krs(value: str) -> str:
    return _digits(value)


def validate_krs(value: str) -> None:
    digits = normalise_krs(value)
    if not (digits.isdigit() and len(digits) == 10):
        raise ValidationError(
            _("A KRS number has exactly 10 digits, e.g. 0000123456."), code="invalid_krs"
        )


def normalise_nip(value: str) -> str:
    digits = _digits(value)
    return digits[2:] if digits.startswith("PL") else digits


def validate_nip(value: str) -> None:
    if not normalise_nip(value).isdigit():
        raise ValidationError(
            _("A NIP number has exactly 10 digits (an optional PL prefix is allowed)."),
            code="invalid_nip",
        )
    try:
        nip.validate(normalise_nip(value))
    except stdnum_exceptions.InvalidLength:
        raise ValidationError(
            _("A NIP number has exactly 10 digits."), code="invalid_nip"
        ) from None
    except stdnum_exceptions.ValidationError:
        raise ValidationError(
            _("This NIP number is not valid: check the digits, its checksum does not match."),
            code="invalid_nip",
        ) from None


def normalise_regon(value: str) -> str:
    return _digits(value)


def validate_regon(value: str) -> None:
    try:
        regon.validate(normalise_regon(value))
    except stdnum_exceptions.InvalidLength:
        raise ValidationError(
            _("A REGON number has 9 or 14 digits."), code="invalid_regon"
        ) from None
    except stdnum_exceptions.ValidationError:
        raise ValidationError(
            _("This REGON number is not valid: check the digits, its checksum does not match."),
            code="invalid_regon",
        ) from None
