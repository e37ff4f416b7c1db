"""Dates and moments in Warsaw time (``core.dates``): what a date means as a start and as
an end, summer and winter time, and how a moment is told to people."""

import datetime as dt

import pytest
from django.utils import translation

from core.dates import (
    WARSAW,
    as_end,
    as_start,
    end_of_local_day,
    local_date,
    local_day,
    local_end,
    local_start,
    local_time,
    split_local,
)

LITERAL_DATES = "calendar arithmetic on given days; nothing here reads the clock"


def test_an_end_date_means_the_last_second_of_that_day_in_warsaw():
    end = end_of_local_day(dt.date(2026, 7, 15))
    assert end.tzinfo == WARSAW
    assert (end.hour, end.minute, end.second) == (23, 59, 59)
    # Summer time: UTC+2.
    assert end.astimezone(dt.UTC) == dt.datetime(2026, 7, 15, 21, 59, 59, tzinfo=dt.UTC)


def test_the_end_of_a_winter_day_is_an_hour_later_in_utc_than_in_summer():
    end = end_of_local_day(dt.date(2026, 12, 15))
    assert end.astimezone(dt.UTC) == dt.datetime(2026, 12, 15, 22, 59, 59, tzinfo=dt.UTC)


def test_a_date_as_a_start_is_its_midnight_and_as_an_end_its_last_second():
    day = dt.date(2026, 3, 2)
    assert as_start(day) == dt.datetime(2026, 3, 1, 23, 0, tzinfo=dt.UTC)
    assert as_end(day) == dt.datetime(2026, 3, 2, 22, 59, 59, tzinfo=dt.UTC)


def test_a_naive_moment_is_read_as_warsaw_time_and_an_aware_one_is_kept():
    naive = dt.datetime(2026, 7, 1, 12, 0)
    aware = dt.datetime(2026, 7, 1, 12, 0, tzinfo=dt.UTC)
    assert as_start(naive) == dt.datetime(2026, 7, 1, 10, 0, tzinfo=dt.UTC)
    assert as_end(aware) is aware


def test_a_day_and_a_time_from_a_form_are_warsaw_time_and_the_time_may_be_left_out():
    day, time = dt.date(2026, 1, 10), dt.time(9, 30)
    assert local_start(day, time) == dt.datetime(2026, 1, 10, 8, 30, tzinfo=dt.UTC)
    assert local_end(day, time) == local_start(day, time)
    assert local_start(day) == dt.datetime(2026, 1, 9, 23, 0, tzinfo=dt.UTC)
    assert local_end(day).time() == dt.time(23, 59, 59)


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        # 23:30 UTC is already the next day in Warsaw, in winter and in summer.
        (dt.datetime(2026, 1, 10, 23, 30, tzinfo=dt.UTC), dt.date(2026, 1, 11)),
        (dt.datetime(2026, 7, 10, 22, 30, tzinfo=dt.UTC), dt.date(2026, 7, 11)),
        (dt.datetime(2026, 7, 10, 21, 30, tzinfo=dt.UTC), dt.date(2026, 7, 10)),
    ],
)
def test_the_day_of_a_moment_is_the_day_in_warsaw(moment, day):
    assert local_day(moment) == day


def test_a_moment_splits_into_the_date_and_time_a_form_shows_and_back():
    moment = dt.datetime(2026, 7, 10, 22, 30, 15, 123456, tzinfo=dt.UTC)
    day, time = split_local(moment)
    assert (day, time) == (dt.date(2026, 7, 11), dt.time(0, 30, 15))
    assert local_start(day, time) == moment.replace(microsecond=0)
    assert split_local(None) == (None, None)


def test_a_deadline_is_told_as_a_short_date_and_a_time_to_the_second_in_warsaw():
    moment = dt.datetime(2026, 12, 15, 22, 59, 59, tzinfo=dt.UTC)
    with translation.override("pl"):
        assert local_date(moment) == "15-12-2026"  # Django's Polish short date
    assert local_time(moment) == "23:59:59"
