"""The one date rule (docs/domain.md §2): Monday–Sunday microcycles, a transition week 0 before a non-Monday.

Dates are calendar dates; no time-zone arithmetic happens here. "Today" for a coach is resolved by
``today_in`` with the client's time zone, from the one clock (``now``) that tests can set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

MONDAY = 0


def _system_clock() -> datetime:
    return datetime.now(tz=UTC)


_clock: list[Callable[[], datetime]] = [_system_clock]


def now() -> datetime:
    """The current moment (aware, UTC): the only place the app reads the system clock."""
    return _clock[0]()


@contextmanager
def frozen_clock(moment: datetime) -> Iterator[None]:
    """Tests: ``now()`` (and so every "today") returns ``moment`` inside the block."""
    if moment.tzinfo is None:
        raise ValueError("frozen_clock needs an aware datetime")
    previous = _clock[0]
    _clock[0] = lambda: moment
    try:
        yield
    finally:
        _clock[0] = previous


@dataclass(frozen=True)
class DateRange:
    start_date: date
    end_date: date

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1


def needs_transition(start_date: date) -> bool:
    """A block that does not start on a Monday gets a transition week 0 up to the next Sunday."""
    return start_date.weekday() != MONDAY


def monday_of(day: date) -> date:
    """The Monday that starts the week holding ``day``."""
    return day - timedelta(days=day.weekday())


def first_monday(start_date: date) -> date:
    """The Monday that starts week 1: the start itself, or the next Monday."""
    return start_date + timedelta(days=(7 - start_date.weekday()) % 7)


def calculate_microcycle_dates(
    start_date: date, week_number: int, needs_transition: bool
) -> DateRange:
    """Start and end of microcycle ``week_number`` of a block starting on ``start_date``.

    Week 0 (transition) runs from the start date through the following Sunday (Tue 6 days … Sun 1).
    Week n ≥ 1 covers Monday(week 1) + 7(n−1) … + 6. The origin's defects are avoided on purpose: a
    Sunday start gets a 1-day transition (not 7 overlapping days), and the transition depends on the
    weekday alone, never on the phase name.
    """
    if week_number < 0:
        raise ValueError("week numbers start at 0 (the transition week)")
    if needs_transition != (start_date.weekday() != MONDAY):
        day = start_date.strftime("%A")
        raise ValueError(
            f"a block starting on a {day} "
            + ("needs" if start_date.weekday() != MONDAY else "cannot have")
            + " a transition week"
        )
    monday = first_monday(start_date)
    if week_number == 0:
        if not needs_transition:
            raise ValueError("a block starting on a Monday has no transition week 0")
        return DateRange(start_date, monday - timedelta(days=1))
    week_start = monday + timedelta(weeks=week_number - 1)
    return DateRange(week_start, week_start + timedelta(days=6))


def microcycle_date_ranges(start_date: date, weeks: int) -> dict[int, DateRange]:
    """Every microcycle of a ``weeks``-week block: {week_number: range}, week 0 when needed."""
    transition = needs_transition(start_date)
    numbers = ([0] if transition else []) + list(range(1, weeks + 1))
    return {n: calculate_microcycle_dates(start_date, n, transition) for n in numbers}


def mesocycle_date_range(start_date: date, weeks: int) -> DateRange:
    """From the start date (transition days included) to the Sunday ending the last week."""
    last = calculate_microcycle_dates(start_date, weeks, needs_transition(start_date))
    return DateRange(start_date, last.end_date)


def next_mesocycle_start(start_date: date, weeks: int) -> date:
    """The Monday after the last week of a block (the origin forgot the transition days here)."""
    return mesocycle_date_range(start_date, weeks).end_date + timedelta(days=1)


def day_in_week(week: DateRange, weekday: int) -> date:
    """The date of ``weekday`` (0 = Monday) inside a Monday–Sunday week."""
    monday = week.end_date - timedelta(days=6)
    return monday + timedelta(days=weekday)


def today_in(timezone: str, moment: datetime | None = None) -> date:
    """The calendar date in the client's time zone (a coach in Sydney and one in LA differ)."""
    return (moment or now()).astimezone(ZoneInfo(timezone)).date()


WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def phase_start_dates(program_start: date, phase_weeks: list[int]) -> list[date]:
    """Start of each phase in order: the first on the program start, each next one on the Monday
    after the previous phase's last week (transition days counted)."""
    starts: list[date] = []
    start = program_start
    for weeks in phase_weeks:
        starts.append(start)
        start = next_mesocycle_start(start, weeks)
    return starts
