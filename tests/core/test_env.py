import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), ("Yes", True), ("on", True), ("0", False), ("off", False)],
)
def test_booleans_are_read_in_their_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env_bool("SOME_FLAG") is expected


def test_a_misspelt_boolean_stops_start_up_naming_the_variable(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "ture")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG")


def test_a_non_numeric_integer_stops_start_up_naming_the_variable(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER"):
        env_int("SOME_NUMBER", 1)


def test_absent_values_take_their_defaults(monkeypatch):
    monkeypatch.delenv("ABSENT_VALUE", raising=False)
    assert env_int("ABSENT_VALUE", 7) == 7
    assert env_bool("ABSENT_VALUE", True) is True
    assert env_list("ABSENT_VALUE", ["a"]) == ["a"]
    assert env_str("ABSENT_VALUE", "x") == "x"


def test_a_required_string_must_be_set(monkeypatch):
    monkeypatch.delenv("ABSENT_VALUE", raising=False)
    with pytest.raises(ImproperlyConfigured, match="ABSENT_VALUE"):
        env_str("ABSENT_VALUE", required=True)


def test_lists_are_comma_separated_and_trimmed(monkeypatch):
    monkeypatch.setenv("SOME_HOSTS", " a.example.org, b.example.org ,,")
    assert env_list("SOME_HOSTS") == ["a.example.org", "b.example.org"]
