"""The one date rule (docs/domain.md §2): every weekday, month/year boundaries, leap days, contiguity."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.dates import (
    DateRange,
    calculate_microcycle_dates,
    day_in_week,
    first_monday,
    mesocycle_date_range,
    microcycle_date_ranges,
    needs_transition,
    next_mesocycle_start,
    today_in,
)

# 2026-11-30 is a Monday; the following six days are Tue … Sun.
WEEK_OF = {name: date(2026, 11, 30) + timedelta(days=i) for i, name in enumerate("MTWRFSU")}


@pytest.mark.parametrize(
    ("day", "transition_days"),
    [("T", 6), ("W", 5), ("R", 4), ("F", 3), ("S", 2), ("U", 1)],
    ids=["tue", "wed", "thu", "fri", "sat", "sun"],
)
def test_a_non_monday_start_gets_a_transition_week_to_sunday(
    day: str, transition_days: int
) -> None:
    start = WEEK_OF[day]
    assert needs_transition(start)
    week0 = calculate_microcycle_dates(start, 0, True)
    assert week0 == DateRange(start, date(2026, 12, 6))
    assert week0.days == transition_days
    assert week0.end_date.weekday() == 6
    week1 = calculate_microcycle_dates(start, 1, True)
    assert week1 == DateRange(date(2026, 12, 7), date(2026, 12, 13))
    assert week1.days == 7


def test_a_monday_start_has_no_transition_week() -> None:
    monday = WEEK_OF["M"]
    assert not needs_transition(monday)
    assert first_monday(monday) == monday
    assert calculate_microcycle_dates(monday, 1, False) == DateRange(monday, date(2026, 12, 6))
    assert calculate_microcycle_dates(monday, 3, False) == DateRange(
        date(2026, 12, 14), date(2026, 12, 20)
    )
    with pytest.raises(ValueError, match="starting on a Monday has no transition week 0"):
        calculate_microcycle_dates(monday, 0, False)
    assert list(microcycle_date_ranges(monday, 3)) == [1, 2, 3]


def test_the_transition_flag_must_match_the_weekday() -> None:
    with pytest.raises(
        ValueError, match="a block starting on a Monday cannot have a transition week"
    ):
        calculate_microcycle_dates(WEEK_OF["M"], 1, True)
    with pytest.raises(ValueError, match="a block starting on a Sunday needs a transition week"):
        calculate_microcycle_dates(WEEK_OF["U"], 1, False)
    with pytest.raises(ValueError, match="week numbers start at 0"):
        calculate_microcycle_dates(WEEK_OF["W"], -1, True)


def test_the_phase_name_has_no_say_in_the_transition() -> None:
    """The origin only added a transition when the phase was called "transition"."""
    ranges = microcycle_date_ranges(WEEK_OF["R"], 2)
    assert list(ranges) == [0, 1, 2]
    assert ranges[0] == DateRange(date(2026, 12, 3), date(2026, 12, 6))


def test_a_sunday_start_does_not_overlap_week_one() -> None:
    """The origin gave a Sunday start a 7-day transition that overlapped week 1."""
    ranges = microcycle_date_ranges(date(2026, 12, 6), 2)
    assert ranges[0] == DateRange(date(2026, 12, 6), date(2026, 12, 6))
    assert ranges[1].start_date == date(2026, 12, 7)


def test_month_and_year_boundaries() -> None:
    start = date(2026, 12, 30)  # a Wednesday
    ranges = microcycle_date_ranges(start, 3)
    assert ranges == {
        0: DateRange(date(2026, 12, 30), date(2027, 1, 3)),
        1: DateRange(date(2027, 1, 4), date(2027, 1, 10)),
        2: DateRange(date(2027, 1, 11), date(2027, 1, 17)),
        3: DateRange(date(2027, 1, 18), date(2027, 1, 24)),
    }
    assert mesocycle_date_range(start, 3) == DateRange(start, date(2027, 1, 24))
    assert next_mesocycle_start(start, 3) == date(2027, 1, 25)
    # a Monday start whose first week crosses a month end
    assert microcycle_date_ranges(date(2026, 8, 31), 1) == {
        1: DateRange(date(2026, 8, 31), date(2026, 9, 6))
    }


def test_leap_day() -> None:
    start = date(2028, 2, 29)  # a Tuesday in a leap year
    ranges = microcycle_date_ranges(start, 2)
    assert ranges[0] == DateRange(date(2028, 2, 29), date(2028, 3, 5))
    assert ranges[0].days == 6
    assert ranges[1] == DateRange(date(2028, 3, 6), date(2028, 3, 12))
    # a week that contains the leap day
    assert microcycle_date_ranges(date(2028, 2, 28), 1)[1] == DateRange(
        date(2028, 2, 28), date(2028, 3, 5)
    )
    assert microcycle_date_ranges(date(2028, 2, 26), 1)[0].days == 2  # Sat 26, Sun 27


def test_next_mesocycle_start_includes_the_transition_days() -> None:
    """The origin added weeks × 7 to the start and so ignored the transition days."""
    wednesday = date(2026, 12, 2)
    assert next_mesocycle_start(wednesday, 4) == date(2027, 1, 4)
    assert next_mesocycle_start(wednesday, 4) != wednesday + timedelta(weeks=4)
    assert next_mesocycle_start(date(2026, 11, 30), 4) == date(2026, 12, 28)
    assert next_mesocycle_start(date(2026, 12, 6), 1) == date(2026, 12, 14)


def test_day_in_week() -> None:
    week = DateRange(date(2026, 12, 28), date(2027, 1, 3))
    assert [day_in_week(week, d) for d in (0, 3, 6)] == [
        date(2026, 12, 28),
        date(2026, 12, 31),
        date(2027, 1, 3),
    ]


@given(
    start=st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
    weeks=st.integers(min_value=1, max_value=52),
)
def test_weeks_are_contiguous_and_never_overlap(start: date, weeks: int) -> None:
    ranges = microcycle_date_ranges(start, weeks)
    numbers = list(ranges)
    assert numbers == ([0] if start.weekday() else []) + list(range(1, weeks + 1))
    ordered = [ranges[n] for n in numbers]
    assert ordered[0].start_date == start
    for earlier, later in itertools.pairwise(ordered):
        assert later.start_date == earlier.end_date + timedelta(days=1)
    for number, week in ranges.items():
        assert week.end_date.weekday() == 6
        if number == 0:
            assert 1 <= week.days <= 6
            assert week.days == 7 - start.weekday()
        else:
            assert week.start_date.weekday() == 0
            assert week.days == 7
    whole = mesocycle_date_range(start, weeks)
    assert whole == DateRange(start, ordered[-1].end_date)
    assert whole.days == sum(week.days for week in ordered)
    following = next_mesocycle_start(start, weeks)
    assert following.weekday() == 0
    assert following == ordered[-1].end_date + timedelta(days=1)
    # chaining: the next block has no transition and starts right after this one
    assert not needs_transition(following)


# today in a time zone


def test_today_in_resolves_the_calendar_date_across_midnight() -> None:
    moment = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)  # Monday 23:30 UTC
    assert today_in("UTC", moment) == date(2026, 11, 30)
    assert today_in("Australia/Sydney", moment) == date(2026, 12, 1)  # already Tuesday
    assert today_in("Europe/Berlin", moment) == date(2026, 12, 1)  # 00:30 CET
    assert today_in("America/Los_Angeles", moment) == date(2026, 11, 30)
    early = datetime(2027, 1, 1, 2, 0, tzinfo=UTC)  # New Year in UTC, not yet in LA
    assert today_in("America/Los_Angeles", early) == date(2026, 12, 31)
    assert today_in("Pacific/Kiritimati", datetime(2026, 12, 31, 10, 0, tzinfo=UTC)) == date(
        2027, 1, 1
    )


def test_today_in_without_a_moment_uses_now() -> None:
    before = datetime.now(UTC).date()
    result = today_in("UTC")
    assert result in {before, before + timedelta(days=1)}
