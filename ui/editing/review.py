"""Review helpers: problem paths read back to week and day, grouped for the page, and session headings."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from core.dates import WEEKDAY_NAMES
from core.schemas import MesocycleDetailed, Units, WorkoutInstance
from core.units import format_distance
from ui.editing.tables import number_text

SEP = " › "
_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def path_text(path: Any) -> str:
    """A problem's path as text, whether the validator gives a string or a sequence of parts."""
    if isinstance(path, str):
        return path
    if isinstance(path, Iterable):
        return SEP.join(str(part) for part in path)
    return str(path or "")


def path_week(path: Any) -> int | None:
    """The week number a problem path starts with ('week 2 › Thu › …' → 2), else None."""
    match = re.match(r"\s*week\s+(\d+)", path_text(path), re.IGNORECASE)
    return int(match.group(1)) if match else None


def path_day(path: Any) -> str | None:
    """The weekday a problem path names ('week 2 › Thu › …' or '… › Thursday › …' → 'Thu')."""
    for part in path_text(path).split(SEP.strip())[1:]:
        word = part.strip().split(" ")[0].lower()
        for index, name in enumerate(WEEKDAY_NAMES):
            if word in (name.lower(), _FULL_DAYS[index]):
                return name
    return None


def session_heading(workout: WorkoutInstance) -> str:
    """'Thu 26 Nov · Lower A — lift, 60 min, RPE 7'."""
    details = [workout.session_type.value]
    if workout.planned_minutes:
        details.append(f"{workout.planned_minutes} min")
    if workout.target_rpe is not None:
        details.append(f"RPE {number_text(workout.target_rpe)}")
    return f"{workout.date:%a %d %b} · {workout.title} — " + ", ".join(details)


def target_summary(
    mesocycle: MesocycleDetailed, week_number: int, units: Units | None = None
) -> str:
    """The weekly target of a week as one line (distances in ``units``); week 0 has none."""
    distance = (units or Units()).distance
    if week_number < 1 or week_number > len(mesocycle.weekly_targets):
        return "Transition week: settles the client in before week 1."
    target = mesocycle.weekly_targets[week_number - 1]
    parts = [f"split {target.split}"]
    if target.avg_intensity_pct_1rm is not None:
        parts.append(f"avg intensity {number_text(target.avg_intensity_pct_1rm)}% 1RM")
    if target.total_sets_main_lifts is not None:
        parts.append(f"{target.total_sets_main_lifts} main-lift sets")
    if target.total_mileage is not None:
        parts.append(f"{format_distance(target.total_mileage, distance)} total")
    if target.long_run_mileage is not None:
        parts.append(f"long run {format_distance(target.long_run_mileage, distance)}")
    if target.deload:
        parts.append("deload")
    return " · ".join(parts)


@dataclass(frozen=True)
class GroupedProblems:
    """A validator's problems sorted to where the page shows them."""

    general: list[Any]
    by_week: dict[int, list[Any]]
    by_session: dict[tuple[int, str], list[Any]]
    """(week number, weekday name) → problems of that day's session(s)."""

    def for_week(self, week_number: int) -> list[Any]:
        return self.by_week.get(week_number, [])

    def for_day(self, week_number: int, day: str) -> list[Any]:
        return self.by_session.get((week_number, day), [])


def group_problems(problems: Iterable[Any]) -> GroupedProblems:
    general: list[Any] = []
    by_week: dict[int, list[Any]] = {}
    by_session: dict[tuple[int, str], list[Any]] = {}
    for problem in problems:
        week = path_week(getattr(problem, "path", ""))
        if week is None:
            general.append(problem)
            continue
        day = path_day(getattr(problem, "path", ""))
        if day is None:
            by_week.setdefault(week, []).append(problem)
        else:
            by_session.setdefault((week, day), []).append(problem)
    return GroupedProblems(general, by_week, by_session)
