"""The Workouts page's week: seven day columns of session cards, and one session's prescription."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from core.read_models import WorkoutRecord
from ui.calendar_view import status_label

TYPE_ICONS = {
    "lift": ":material/fitness_center:",
    "run": ":material/directions_run:",
    "metcon": ":material/bolt:",
    "mobility": ":material/self_improvement:",
    "rest": ":material/bedtime:",
    "other": ":material/sports:",
}


@dataclass(frozen=True)
class SessionCard:
    """What a day column shows of one session."""

    workout_id: str
    title: str
    session_type: str
    minutes: str
    status: str


@dataclass(frozen=True)
class DayColumn:
    day: date
    heading: str
    """'Mon 07' (and 'today' on the client's today)."""
    cards: list[SessionCard]


def week_columns(workouts: Iterable[WorkoutRecord], monday: date, today: date) -> list[DayColumn]:
    """Monday to Sunday, each day's sessions in their order of the day."""
    by_day: dict[date, list[WorkoutRecord]] = {}
    for workout in sorted(workouts, key=lambda w: (w.date, w.day_slot)):
        by_day.setdefault(workout.date, []).append(workout)
    columns = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        heading = f"{day:%a %d}" + (" · today" if day == today else "")
        cards = [
            SessionCard(
                workout_id=str(w.id),
                title=w.title,
                session_type=w.session_type,
                minutes=_minutes(w),
                status=status_label(w, today),
            )
            for w in by_day.get(day, [])
        ]
        columns.append(DayColumn(day, heading, cards))
    return columns


def _minutes(workout: WorkoutRecord) -> str:
    if workout.actual_minutes:
        return f"{workout.actual_minutes} min done"
    if workout.planned_minutes:
        return f"{workout.planned_minutes} min"
    return ""
