"""The Workouts page's shapes: a client's stored workouts grouped by Monday–Sunday week, as tables.

Pure: takes ``WorkoutRecord``s (core.read_models) and the client's "today", returns weeks, labels and
pandas frames; the page only renders them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

import numpy as np
import pandas as pd

from core.dates import WEEKDAY_NAMES, monday_of
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
_TEXT_COLUMNS = ("Date", "Session", "Type", "Status")


def week_end(monday: date) -> date:
    """The Sunday closing the week that starts on ``monday``."""
    return monday + timedelta(days=6)


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
    sunday = week_end(monday)
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


def week_table(workouts: Iterable[WorkoutRecord], today: date) -> pd.DataFrame:
    """One row per workout of a week: date, session, type, targets, status and what was logged."""
    week = sorted(workouts, key=lambda w: (w.date, w.day_slot))
    # Column by column, numbers straight into float64 (None → NaN): a week is a handful of rows,
    # where building row dicts and casting each column afterwards cost more than the data.
    columns: dict[str, object] = {
        "Date": [f"{WEEKDAY_NAMES[w.date.weekday()]} {w.date:%d %b}" for w in week],
        "Session": [w.title for w in week],
        "Type": [w.session_type for w in week],
        "Planned min": _floats(w.planned_minutes for w in week),
        "Target RPE": _floats(w.target_rpe for w in week),
        "Status": [status_label(w, today) for w in week],
        "Session RPE": _floats(w.session_rpe for w in week),
        "Actual min": _floats(w.actual_minutes for w in week),
    }
    frame = pd.DataFrame(columns, columns=WEEK_COLUMNS)
    if not week:  # no rows to infer from: text columns stay object, as for any empty table
        frame = frame.astype({name: "object" for name in _TEXT_COLUMNS})
    return frame


def _floats(values: Iterable[float | int | None]) -> np.ndarray:
    return np.array([math.nan if v is None else float(v) for v in values], dtype="float64")
