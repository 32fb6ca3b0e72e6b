"""The Workouts page's shapes: a client's stored workouts grouped by Monday–Sunday week, as tables.

Pure: takes ``WorkoutRecord``s (core.read_models) and the client's "today", returns weeks, labels and
the week's table; the page only renders them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

# pyarrow comes with Streamlit (its tables travel as Arrow) and ships no type information.
import pyarrow as pa  # type: ignore[import-untyped]

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
WEEK_SCHEMA = pa.schema(
    [(name, pa.string() if name in _TEXT_COLUMNS else pa.float64()) for name in WEEK_COLUMNS]
)
"""Text columns as text, numbers as float64 with nulls (nothing planned or logged: a blank)."""


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
    """'Thu 26 Nov · Lower A (lift)': how the logging form names a workout; a second session
    that day says which ('Thu 26 Nov #2 · …'), so two copies never read alike."""
    slot = f" #{workout.day_slot + 1}" if workout.day_slot else ""
    return f"{workout.date:%a %d %b}{slot} · {workout.title} ({workout.session_type})"


def week_table(workouts: Iterable[WorkoutRecord], today: date) -> pa.Table:
    """One row per workout of a week: date, session, type, targets, status and what was logged.

    An Arrow table, which st.dataframe sends as it is: a pandas frame would be built and then
    converted to Arrow on every rerun of the Workouts page (about 1 ms of a page whose whole budget
    is three empty pages). ``.to_pandas()`` gives the frame, with NaN where nothing is set.
    """
    week = sorted(workouts, key=lambda w: (w.date, w.day_slot))
    columns = [
        [f"{WEEKDAY_NAMES[w.date.weekday()]} {w.date:%d %b}" for w in week],
        [w.title for w in week],
        [str(w.session_type) for w in week],
        [w.planned_minutes for w in week],
        [w.target_rpe for w in week],
        [status_label(w, today) for w in week],
        [w.session_rpe for w in week],
        [w.actual_minutes for w in week],
    ]
    return pa.Table.from_arrays(
        [
            pa.array(values, type=field.type)
            for values, field in zip(columns, WEEK_SCHEMA, strict=True)
        ],
        schema=WEEK_SCHEMA,
    )
