"""The Workouts page's shapes: a client's stored workouts grouped by Monday–Sunday week, as tables.

Pure: takes ``WorkoutRecord``s (core.read_models) and the client's "today", returns weeks, labels and
pandas frames; the page only renders them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from core.dates import WEEKDAY_NAMES
from core.read_models import WorkoutRecord
from core.schemas import SessionType, WorkoutStatus

STATUS_LABELS = {
    WorkoutStatus.SCHEDULED: "○ scheduled",
    WorkoutStatus.COMPLETED: "✓ completed",
    WorkoutStatus.SKIPPED: "✗ skipped",
}
MISSED_LABEL = "⚠ missed"
WEEK_COLUMNS = [
    "Date",
    "Session",
    "Type",
    "Planned min",
    "Target RPE",
    "Status",
    "Session RPE",
    "Actual min",
]


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def calendar_weeks(workouts: Iterable[WorkoutRecord]) -> list[date]:
    """The Mondays of every week holding a workout, in order."""
    return sorted({monday_of(workout.date) for workout in workouts})


def default_week(weeks: Sequence[date], today: date) -> date | None:
    """The week holding ``today``; else the next week with workouts; else the last one."""
    if not weeks:
        return None
    current = monday_of(today)
    for monday in weeks:
        if monday >= current:
            return monday
    return weeks[-1]


def week_label(monday: date, today: date | None = None) -> str:
    """'Week of Mon 23 Nov 2026 (this week)'."""
    label = f"Week of {monday:%a %d %b %Y}"
    if today is not None:
        current = monday_of(today)
        if monday == current:
            label += " (this week)"
        elif monday == current - timedelta(days=7):
            label += " (last week)"
        elif monday == current + timedelta(days=7):
            label += " (next week)"
    return label


def in_week(workouts: Iterable[WorkoutRecord], monday: date) -> list[WorkoutRecord]:
    sunday = monday + timedelta(days=6)
    return [w for w in workouts if monday <= w.date <= sunday]


def status_label(workout: WorkoutRecord, today: date) -> str:
    """The status as shown; a scheduled training session in the past reads as missed."""
    if (
        workout.status == WorkoutStatus.SCHEDULED
        and workout.date < today
        and workout.session_type != SessionType.REST
    ):
        return MISSED_LABEL
    return STATUS_LABELS[workout.status]


def workout_label(workout: WorkoutRecord) -> str:
    """'Thu 26 Nov · Lower A (lift)': how the logging form names a workout."""
    return f"{workout.date:%a %d %b} · {workout.title} ({workout.session_type})"


def _optional(value: float | int | None) -> float | None:
    return None if value is None else float(value)


def week_table(workouts: Iterable[WorkoutRecord], today: date) -> pd.DataFrame:
    """One row per workout of a week: date, session, type, targets, status and what was logged."""
    rows = [
        {
            "Date": f"{WEEKDAY_NAMES[w.date.weekday()]} {w.date:%d %b}",
            "Session": w.title,
            "Type": w.session_type,
            "Planned min": _optional(w.planned_minutes),
            "Target RPE": _optional(w.target_rpe),
            "Status": status_label(w, today),
            "Session RPE": _optional(w.session_rpe),
            "Actual min": _optional(w.actual_minutes),
        }
        for w in sorted(workouts, key=lambda w: (w.date, w.day_slot))
    ]
    frame = pd.DataFrame(rows, columns=WEEK_COLUMNS)
    for column in ("Planned min", "Target RPE", "Session RPE", "Actual min"):
        frame[column] = frame[column].astype("float64")
    return frame


@dataclass(frozen=True)
class WeekCounts:
    completed: int
    skipped: int
    missed: int
    upcoming: int

    @property
    def due(self) -> int:
        return self.completed + self.skipped + self.missed

    @property
    def compliance(self) -> float | None:
        """completed ÷ (completed + skipped + missed), DOMAIN.md §5; None when nothing is due."""
        return self.completed / self.due if self.due else None


def week_counts(workouts: Iterable[WorkoutRecord], today: date) -> WeekCounts:
    counts: Counter[str] = Counter()
    for w in workouts:
        if w.session_type == SessionType.REST:
            continue
        if w.status != WorkoutStatus.SCHEDULED:
            counts[w.status.value] += 1
        elif w.date < today:
            counts["missed"] += 1
        else:
            counts["upcoming"] += 1
    return WeekCounts(
        completed=counts[WorkoutStatus.COMPLETED.value],
        skipped=counts[WorkoutStatus.SKIPPED.value],
        missed=counts["missed"],
        upcoming=counts["upcoming"],
    )
