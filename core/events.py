"""Planning to a date: how many weeks a program to the client's event has, and how it ends.

The one place for the event rules (docs/engine.md, "Plan to a date"):
- The program's last week holds the event; the phases before it fill the weeks back to the start.
- A race ends with a taper of 1–3 weeks (longer for longer races): volume down 40–60 %, intensity
  and frequency kept (Mujika & Padilla 2003; Bosquet et al. 2007, meta-analysis: about 2 weeks,
  −41–60 % volume, intensity maintained).
- A meet or a test day ends with one peak week: openers (singles at about 90 %) early in the week,
  nothing heavy in the last 3 days before the event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core.dates import first_monday, monday_of
from core.errors import InvalidPlan
from core.schemas import ClientProfile, Event, EventKind, Microcycle

MAX_PROGRAM_WEEKS = 52
MIN_LEAD_WEEKS = 3
"""Build weeks needed before the taper or the peak week (one block: builds then its deload)."""

TAPER_WEEKS: dict[EventKind, int] = {
    EventKind.RACE_5K: 1,
    EventKind.RACE_10K: 1,
    EventKind.HALF_MARATHON: 2,
    EventKind.MARATHON: 3,
    EventKind.MEET: 1,
    EventKind.TEST_DAY: 1,
}
TAPER_CUT = (0.40, 0.60)
"""Weekly volume of the taper weeks below the last build week: −40 % in the first, −60 % in the
event week (a progressive taper)."""
OPENER_PCT = 90.0
OPENER_SETS = 2
QUIET_DAYS: dict[bool, int] = {True: 2, False: 3}
"""Days before the event with nothing hard: 2 before a race, 3 before a meet or test day."""
OLDER_AGE = 60
OLDER_MAX_BLOCK = 4
"""From 60, a deload at least every 4th week (3 build weeks, then one easier): recovery from hard
training is slower with age (Fell & Williams 2008) and the ACSM advises progressing older adults
gradually (Chodzko-Zajko et al. 2009)."""


def taper_weeks(event: Event) -> int:
    return TAPER_WEEKS[event.kind]


def final_phase(event: Event) -> str:
    """The label of the event's phase: "Taper" before a race, "Meet week" or "Test week"."""
    if event.kind.is_race:
        return "Taper"
    return "Meet week" if event.kind == EventKind.MEET else "Test week"


def quiet_days(event: Event) -> int:
    return QUIET_DAYS[event.kind.is_race]


def in_event_window(event: Event, start: date, end: date) -> bool:
    """The days ``start``–``end`` hold the event or its quiet days (a Monday race's Saturday
    and Sunday are the week before's last days), or are the week before a meet or test day whose
    own week has no day before its quiet days (a Thursday test day's Monday to Wednesday are
    quiet: the week before opens the lifts)."""
    reach = quiet_days(event) + (0 if event.kind.is_race else 1)
    return start <= event.date <= end + timedelta(days=reach)


def holds_event(micro: Microcycle, profile: ClientProfile) -> bool:
    """The week holding the client's event or its quiet days: it ends easy and is judged by the
    taper or peak rules, not by a build week's volume, balance and session time."""
    event = profile.event
    return bool(
        event
        and micro.start_date
        and micro.end_date
        and in_event_window(event, micro.start_date, micro.end_date)
    )


def event_week_number(start_date: date, event_date: date) -> int:
    """The program week (1 = the week of the first Monday) that holds the event; 0 or less when
    the event falls before week 1."""
    return (monday_of(event_date) - first_monday(start_date)).days // 7 + 1


@dataclass(frozen=True)
class EventPlan:
    """A program planned to an event: its length, the weeks before the event's phase, that phase."""

    event: Event
    weeks: int
    lead_weeks: int
    final_weeks: int
    final_phase: str

    @property
    def last_day(self) -> date:
        return self.event.date


def plan_to_event(profile: ClientProfile, start_date: date) -> EventPlan | None:
    """The program's shape when the profile has an event; None without one.

    Raises InvalidPlan (a sentence for the coach) when the event is before the start, too close
    for build weeks and a taper, or more than a program's 52 weeks away.
    """
    event = profile.event
    if event is None:
        return None
    what = event.words
    if event.date < start_date:
        raise InvalidPlan(
            f"{_capital(what)} is before the program's start ({start_date:%a %d %b %Y}): "
            "update the event in the client's profile or clear it."
        )
    weeks = event_week_number(start_date, event.date)
    final = taper_weeks(event)
    needed = MIN_LEAD_WEEKS + final
    if weeks < needed:
        first = first_monday(start_date)
        ending = "taper" if event.kind.is_race else "peak week"
        shown = "the transition days" if weeks <= 0 else f"week {weeks}"
        raise InvalidPlan(
            f"{_capital(what)} falls in {shown} of a program starting {start_date:%a %d %b %Y} "
            f"(week 1 from {first:%a %d %b}); planning to it needs at least {needed} weeks: "
            f"{MIN_LEAD_WEEKS} build weeks and a {final}-week {ending}. Start earlier, or clear "
            "the event in the profile to plan without it."
        )
    if weeks > MAX_PROGRAM_WEEKS:
        latest = first_monday(start_date) + timedelta(weeks=weeks - MAX_PROGRAM_WEEKS)
        raise InvalidPlan(
            f"{_capital(what)} is {weeks} weeks away; a program covers at most "
            f"{MAX_PROGRAM_WEEKS}. Start the program on {latest:%a %d %b %Y} or later, or clear "
            "the event to plan a shorter program without it."
        )
    return EventPlan(event, weeks, weeks - final, final, final_phase(event))


def program_weeks(profile: ClientProfile, start_date: date, requested: int) -> int:
    """The program's length: the weeks to the event when there is one, else ``requested``."""
    plan = plan_to_event(profile, start_date)
    return plan.weeks if plan else requested


def taper_share(week: int, weeks: int) -> float:
    """Share of the last build week's volume kept in taper week ``week`` (0-based) of ``weeks``:
    0.6 → 0.4 from the first to the event week (a single taper week keeps 0.5)."""
    low, high = TAPER_CUT
    if weeks == 1:
        return round(1 - (low + high) / 2, 2)
    return round(1 - (low + (high - low) * week / (weeks - 1)), 2)


def is_older(profile: ClientProfile) -> bool:
    return profile.age is not None and profile.age >= OLDER_AGE


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
