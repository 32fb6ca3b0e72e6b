"""Which weekday and date each session of a split gets: the client's training days, days off and away dates.

Two steps, both shared by the offline engine and the LLM path:
- ``place_split`` moves a template split (Mon–Sun labels) onto the client's training days, or off
  their days off, keeping heavy sessions for the same muscles off consecutive days where the days
  allow (the NSCA's 48-hour rule for a muscle group; docs/engine.md "Training days");
- ``schedule_week`` dates one week: a session falling on unavailable dates moves to a free day of
  its week, else the week's lowest-priority session is dropped, and the week says so in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from itertools import combinations, permutations

from core.dates import DateRange
from core.generation.engine.sessions import session_kind
from core.schemas import ClientProfile, KeyValuePair, Weekday

REST = "Rest"
SCHEDULE_NOTE = "schedule"
"""The week metric holding, in words, what the client's away dates changed in that week."""
HEAVY = frozenset({"push", "pull", "legs", "rehab", "hard run"})
_REGIONS: dict[str, frozenset[str]] = {
    "upper": frozenset({"push", "pull"}),
    "push": frozenset({"push"}),
    "pull": frozenset({"pull"}),
    "lower": frozenset({"legs"}),
    "legs": frozenset({"legs"}),
    "full": frozenset({"push", "pull", "legs"}),
    "strength": frozenset({"push", "pull", "legs"}),
    "rehab": frozenset({"rehab"}),
}
_PRIORITY = {"mobility": 0, "metcon": 1, "easy": 2, "lift": 4, "quality": 5, "long": 6}
"""Which session goes first when a week has too few days: recovery work, then conditioning, then
an easy run; the lifting sessions, the quality run and the long run are kept longest."""


def regions(label: str) -> frozenset[str]:
    """What a session loads hard: muscle groups for lifting, "hard run" for a long or quality run."""
    kind, variant = session_kind(label)
    if kind == "lift":
        return _REGIONS.get(variant, frozenset())
    if kind == "run" and variant in ("long", "quality"):
        return frozenset({"hard run"})
    if kind == "metcon":
        return frozenset({"metcon"})
    return frozenset()


def priority(label: str) -> int:
    kind, variant = session_kind(label)
    if kind == "lift" and variant == "strength":
        return 3  # an endurance client's strength session gives way before their runs
    return _PRIORITY.get(variant if kind == "run" else kind, 3)


def clash(before: str, after: str) -> int:
    """How bad it is to train ``before`` the day before ``after`` (0: fine)."""
    first, second = regions(before), regions(after)
    cost = 10 * len(first & second & HEAVY)
    if "legs" in first and "hard run" in second:
        cost += 10  # heavy legs the day before the long run or a quality run
    if "metcon" in first & second:
        cost += 3
    return cost


def _cost(days: dict[int, str]) -> float:
    """Clashes between neighbouring days (Sunday → next Monday too: the pattern repeats), then
    long runs of training days in a row."""
    cost = 0.0
    for weekday, label in days.items():
        after = days.get((weekday + 1) % 7)
        if after is not None:
            cost += clash(label, after)
        if all((weekday - back) % 7 in days for back in (1, 2)):
            cost += 1  # a third training day in a row
    return cost


def _labels(split: str) -> list[str]:
    return [label.strip() for label in split.split("-")]


def _split_text(days: dict[int, str]) -> str:
    return "-".join(days.get(weekday, REST) for weekday in range(7))


@lru_cache(maxsize=512)
def _placed(split: str, allowed: tuple[int, ...], exact: bool) -> str:
    labels = _labels(split)
    own = {day: label for day, label in enumerate(labels) if session_kind(label)[0] != "rest"}
    sessions = list(own.values())
    if len(sessions) > len(allowed):
        return split  # more sessions than days: the validator names it
    best: tuple[float, str] | None = None
    subsets = [allowed] if exact and len(sessions) == len(allowed) else None
    for days in subsets or combinations(allowed, len(sessions)):
        for order in set(permutations(sessions)):
            placed = dict(zip(days, order, strict=True))
            # the template's own order and days break ties, so little moves without a reason
            drift = sum(a != b for a, b in zip(order, sessions, strict=True)) * 0.1
            drift += sum(abs(a - b) for a, b in zip(days, own, strict=True)) * 0.01
            score = _cost(placed) + drift
            if best is None or score < best[0]:
                best = (score, _split_text(placed))
    return best[1] if best else split


def place_split(split: str, profile: ClientProfile) -> str:
    """The split moved onto the client's training days (when given) and off their days off.

    Without training days or days off the template is kept as it is; a template that already
    trains on allowed days is kept too unless training days are given and it misses them.
    """
    labels = _labels(split)
    if len(labels) != 7:
        return split
    training = tuple(day for day, label in enumerate(labels) if session_kind(label)[0] != "rest")
    if profile.training_days:
        allowed = tuple(day.number for day in profile.training_days)
        if set(training) <= set(allowed):
            return split
        return _placed(split, allowed, True)
    off = {day.number for day in profile.days_off}
    if not off & set(training):
        return split
    return _placed(split, tuple(day for day in range(7) if day not in off), False)


@dataclass
class WeekSchedule:
    """Where each of a week's split sessions lands: weekday of the split → date, or dropped."""

    dates: dict[int, date] = field(default_factory=dict)
    dropped: list[int] = field(default_factory=list)
    moved: dict[int, str] = field(default_factory=dict)
    """Split weekday → the note for the session that moved ("Moved from Thursday: …")."""
    why: str = ""
    """The away dates touching the week ("Away 24 Dec – 2 Jan (holiday)")."""
    changes: list[str] = field(default_factory=list)
    """What they changed, one clause each ("Thursday's Lower session dropped")."""

    @property
    def note(self) -> str:
        """The week's note in plain words, "" when nothing changed."""
        return f"{self.why}: {'; '.join(self.changes)}." if self.changes else ""


def _day_name(weekday: int) -> str:
    return Weekday.of_index(weekday).label


def schedule_week(split: str, week: DateRange, profile: ClientProfile) -> WeekSchedule:
    """Date the split's sessions inside ``week`` (a full week or the transition week 0).

    A session on unavailable dates moves to a free day of its week (the client's training days
    first, never a day off, avoiding the day next to a heavy session for the same muscles); when
    too few days are left, the lowest-priority sessions are dropped. Nothing else moves.
    """
    labels = _labels(split)
    result = WeekSchedule()
    if len(labels) != 7:
        return result
    inside = [week.start_date + timedelta(days=offset) for offset in range(week.days)]
    weekdays = {day.weekday(): day for day in inside}
    sessions = [
        day
        for day, label in enumerate(labels)
        if session_kind(label)[0] != "rest" and day in weekdays
    ]
    free = [day.weekday() for day in inside if profile.can_train_on(day)]
    away = sorted(
        {dates.start: dates for day in inside if (dates := profile.unavailable_on(day))}.values(),
        key=lambda dates: dates.start,
    )
    why = result.why = "; ".join(dates.words for dates in away)
    if not away:
        result.dates = {day: weekdays[day] for day in sessions}
        return result
    if sessions and not free:
        result.dropped = sessions
        result.changes.append("no sessions this week")
        return result
    keep = sorted(sessions, key=lambda day: (-priority(labels[day]), day))
    result.dropped = sorted(keep[len(free) :])
    for day in result.dropped:
        result.changes.append(f"{_day_name(day)}'s {labels[day]} session dropped")
    kept = sorted(keep[: len(free)])
    stays = [day for day in kept if day in free]
    placed = {day: labels[day] for day in stays}
    preferred = {day.number for day in profile.training_days}
    # the most important displaced sessions choose their new day first
    for day in sorted(set(kept) - set(stays), key=lambda d: (-priority(labels[d]), d)):
        options = [other for other in free if other not in placed]
        target = min(
            options,
            key=lambda other: (
                _cost({**placed, other: labels[day]}) - _cost(placed),
                other not in preferred,
                abs(other - day),
                other,
            ),
        )
        placed[target] = labels[day]
        result.dates[day] = weekdays[target]
        result.moved[day] = f"Moved from {_day_name(day)}: {why[0].lower()}{why[1:]}."
        result.changes.append(
            f"{_day_name(day)}'s {labels[day]} session moved to {_day_name(target)}"
        )
    for day in stays:
        result.dates[day] = weekdays[day]
    result.dates = dict(sorted(result.dates.items()))
    return result


def schedule_note(metrics: list[KeyValuePair]) -> str:
    """A week's schedule note ("" when its away dates changed nothing or it has none)."""
    return next((str(pair.value) for pair in metrics if pair.key == SCHEDULE_NOTE), "")
