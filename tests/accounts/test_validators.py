import pytest
from django.core.exceptions import ValidationError

from accounts.validators import (
    normalise_krs,
    normalise_nip,
    normalise_regon,
    validate_krs,
    validate_nip,
    validate_regon,
)

LENGTH = "length"
CHECKSUM = "checksum"


pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        ("0000123456", "0000123456"),
        ("0000 123 456", "0000123456"),
        ("0000-123-456", "0000123456"),
    ],
)
def test_a_valid_krs_number_is_accepted_in_common_spellings(value, normalised):
    validate_krs(value)
    assert normalise_krs(value) == normalised


@pytest.mark.parametrize(
    "value",
    ["000012345", "00001234567", "000012345A", "KRS0000123456", ""],
)
def test_a_krs_number_without_exactly_ten_digits_is_refused(value):
    with pytest.raises(ValidationError) as error:
        validate_krs(value)
    assert error.value.code == "invalid_krs"
    assert "10 digits" in error.value.messages[0]


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        ("5260250995", "5260250995"),
        ("526-025-09-95", "5260250995"),
        ("526 025 09 95", "5260250995"),
        ("PL5260250995", "5260250995"),
        ("PL 526-025-09-95", "5260250995"),
        ("pl5260250995", "5260250995"),
    ],
)
def test_a_valid_nip_is_accepted_in_common_spellings(value, normalised):
    validate_nip(value)
    assert normalise_nip(value) == normalised


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("5260250996", CHECKSUM),
        ("526-025-09-96", CHECKSUM),
        ("PL5260250996", CHECKSUM),
        ("526025099", LENGTH),
        ("52602509951", LENGTH),
        ("DE5260250995", LENGTH),
    ],
)
def test_an_invalid_nip_is_refused_with_the_reason(value, problem):
    with pytest.raises(ValidationError) as error:
        validate_nip(value)
    assert error.value.code == "invalid_nip"
    message = error.value.messages[0]
    if problem == LENGTH:
        assert "10 digits" in message
    elif problem == CHECKSUM:
        assert "checksum" in message


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        ("192598184", "192598184"),
        ("192 598 184", "192598184"),
        ("192-598-184", "192598184"),
        ("19259818400008", "19259818400008"),
        ("19259818400015", "19259818400015"),
    ],
)
def test_a_valid_regon_of_nine_or_fourteen_digits_is_accepted(value, normalised):
    validate_regon(value)
    assert normalise_regon(value) == normalised


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("192598185", CHECKSUM),
        ("19259818400009", CHECKSUM),
        ("19259818", LENGTH),
        ("1925981840", LENGTH),
        ("192598184000080", LENGTH),
    ],
)
def test_an_invalid_regon_is_refused_with_the_reason(value, problem):
    with pytest.raises(ValidationError) as error:
        validate_regon(value)
    assert error.value.code == "invalid_regon"
    message = error.value.messages[0]
    assert ("9 or 14 digits" in message) if problem == LENGTH else ("checksum" in message)
