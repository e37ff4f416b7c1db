"""Dates and moments in Warsaw time (``core.dates``): what a date means as a start and as
an end, summer and winter time, and how a moment is told to people."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from core.dates import (
    WARSAW,
    as_end,
    as_start,
    day_text,
    end_of_local_day,
    local_date,
    local_day,
    local_end,
    local_start,
    local_time,
    moment_text,
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
        assert local_date(moment) == "15.12.2026"  # the Polish short date (config/formats/pl)
    assert local_time(moment) == "23:59:59"


def test_a_day_in_running_text_and_a_moment_in_a_record_each_have_one_polish_form():
    moment = dt.datetime(2026, 12, 6, 13, 5, 9, tzinfo=dt.UTC)
    with translation.override("pl"):
        assert day_text(moment) == "6 grudnia 2026 r."
        assert day_text(dt.date(2026, 12, 6)) == "6 grudnia 2026 r."
        assert moment_text(moment) == "06.12.2026, 14:05:09"


def test_a_day_is_the_day_in_warsaw():
    late_evening_utc = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC)
    with translation.override("pl"):
        assert day_text(late_evening_utc) == "1 stycznia 2027 r."


def test_the_template_filters_are_the_same_helpers_in_every_template():
    moment = dt.datetime(2026, 12, 6, 13, 5, 9, tzinfo=dt.UTC)
    template = Template(
        "{{ value|day }} · {{ value|moment }} · {{ value|clock }} · {{ value|iso }} · "
        "{{ nothing|day }}{{ nothing|moment }}"
    )
    with translation.override("pl"):
        text = template.render(Context({"value": moment, "nothing": None}))
    assert text == (
        "6 grudnia 2026 r. · 06.12.2026, 14:05:09 · 14:05:09 · 2026-12-06T14:05:09+01:00 · "
    )


def test_templates_show_dates_only_through_the_helpers():
    """One format per kind of place: no template formats a date itself with |date: or
    |time:, and no Python outside core.dates picks a date format."""
    root = Path(settings.BASE_DIR)
    templates = [
        path
        for path in root.rglob("*")
        if path.suffix in {".html", ".txt"}
        and "templates" in path.parts
        and ".venv" not in path.parts
    ]
    raw = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in templates
        for match in re.finditer(r"\|(date|time):", path.read_text(encoding="utf-8"))
    ]
    sources = [
        path
        for path in root.rglob("*.py")
        if not {".venv", "tests", "benchmarks"} & set(path.parts)
        and path != root / "core" / "dates.py"
    ]
    raw += [
        f"{path.relative_to(root)}: date_format"
        for path in sources
        if "date_format(" in path.read_text(encoding="utf-8")
    ]
    assert raw == []
