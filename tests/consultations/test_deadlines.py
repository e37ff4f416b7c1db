import datetime as dt

import pytest

from consultations.deadlines import add_working_days, is_working_day, working_days_between

LITERAL_DATES = "calendar arithmetic on given days; nothing here reads the clock"


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (dt.date(2026, 11, 11), False),  # Independence Day
        (dt.date(2026, 11, 14), False),  # Saturday
        (dt.date(2026, 11, 12), True),
        (dt.date(2026, 12, 24), False),  # Christmas Eve, a holiday from 2025
        (dt.date(2026, 6, 4), False),  # Corpus Christi, movable
    ],
)
def test_working_days_skip_weekends_and_polish_holidays(day, working):
    assert is_working_day(day) is working


def test_seven_working_days_over_christmas_skip_the_holidays():
    # From Monday 21 December 2026 the working days are 22, 23, 28, 29, 30 and 31 December
    # (24-26 are holidays, 27 a Sunday); 1 January is a holiday and 2-3 January a weekend,
    # so the seventh is Monday 4 January 2027.
    assert add_working_days(dt.date(2026, 12, 21), 7) == dt.date(2027, 1, 4)


def test_working_days_between_counts_what_add_working_days_added():
    start = dt.date(2026, 4, 1)
    end = add_working_days(start, 14)
    assert working_days_between(start, end) == 14


def test_zero_working_days_is_the_start_itself():
    assert add_working_days(dt.date(2026, 4, 1), 0) == dt.date(2026, 4, 1)
