"""Addresses on the wire: the fast path for plain ones gives what Django's
``sanitize_address`` gives, and everything else still goes through it."""

from __future__ import annotations

import pytest
from django.core.mail import BadHeaderError
from django.core.mail.message import sanitize_address
from hypothesis import given
from hypothesis import strategies as st

from notifications import mime

ATEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-"
atom = st.text(alphabet=ATEXT, min_size=1, max_size=12)
label = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=63)
plain_addresses = st.builds(
    lambda local, domain: f"{'.'.join(local)}@{'.'.join(domain)}",
    st.lists(atom, min_size=1, max_size=3),
    st.lists(label, min_size=1, max_size=3),
)


@given(plain_addresses)
def test_a_plain_address_is_what_django_would_write(value):
    assert mime.address(value) == sanitize_address(value, "utf-8")


@pytest.mark.parametrize(
    "value",
    [
        "Zażółć Gęślą <jazn@example.org>",
        "użytkownik@przykład.pl",
        '"quoted local"@example.org',
        "a..b@example.org",
        ".a@example.org",
        "Rada <rada@example.org>",
    ],
)
def test_anything_else_goes_through_django(value):
    assert mime.address(value) == sanitize_address(value, "utf-8")


def test_a_domain_label_over_63_characters_is_refused_as_django_refuses_it():
    value = f"jan@{'a' * 64}.example.org"
    with pytest.raises(UnicodeError):
        sanitize_address(value, "utf-8")
    with pytest.raises(UnicodeError):
        mime.address(value)


def test_a_new_line_is_refused():
    with pytest.raises(BadHeaderError):
        mime.address("a@example.org\nBcc: b@example.org")
