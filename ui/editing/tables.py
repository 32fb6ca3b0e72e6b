"""One week of a mesocycle as the editor's two tables: sessions and exercises, formatted for editing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from core.dates import WEEKDAY_NAMES
from core.errors import InvalidPlan
from core.schemas import Exercise, MesocycleDetailed, Microcycle

SESSION_COLUMNS = [
    "session",
    "day",
    "session_type",
    "title",
    "planned_minutes",
    "target_rpe",
    "notes",
]
EXERCISE_COLUMNS = [
    "session",
    "block",
    "exercise",
    "sets",
    "reps",
    "load",
    "effort",
    "rest_seconds",
    "duration_minutes",
    "distance_km",
    "notes",
    "rationale",
]


@dataclass(frozen=True)
class WeekFrames:
    sessions: pd.DataFrame
    exercises: pd.DataFrame


# --- formatting: model → cells --------------------------------------------------------------------


def number_text(value: float) -> str:
    return f"{value:g}"


def format_reps(exercise: Exercise) -> str:
    if exercise.reps is None:
        return ""
    return f"{exercise.reps}" + (f"-{exercise.reps_max}" if exercise.reps_max else "")


def format_load(exercise: Exercise) -> str:
    if exercise.load_kg is not None:
        return f"{number_text(exercise.load_kg)} kg"
    if exercise.pct_one_rm is not None:
        return f"{number_text(exercise.pct_one_rm)}% 1RM"
    return ""


def format_effort(exercise: Exercise) -> str:
    parts = []
    if exercise.rpe is not None:
        parts.append(f"RPE {number_text(exercise.rpe)}")
    if exercise.rir is not None:
        parts.append(f"RIR {number_text(exercise.rir)}")
    return " · ".join(parts)


def weekday_name(day: date) -> str:
    return WEEKDAY_NAMES[day.weekday()]


def find_week(mesocycle: MesocycleDetailed, week_number: int) -> Microcycle:
    for micro in mesocycle.microcycles:
        if micro.week_number == week_number:
            return micro
    raise InvalidPlan(f"Phase '{mesocycle.phase}' has no week {week_number}.")


def week_frames(mesocycle: MesocycleDetailed, week_number: int) -> WeekFrames:
    micro = find_week(mesocycle, week_number)
    return WeekFrames(sessions_frame(micro), exercises_frame(micro))


def sessions_frame(micro: Microcycle) -> pd.DataFrame:
    rows = [
        {
            "session": number,
            "day": weekday_name(workout.date),
            "session_type": workout.session_type.value,
            "title": workout.title,
            "planned_minutes": workout.planned_minutes,
            "target_rpe": workout.target_rpe,
            "notes": workout.notes or "",
        }
        for number, workout in enumerate(micro.workouts, start=1)
    ]
    frame = pd.DataFrame(rows, columns=SESSION_COLUMNS)
    return frame.astype(
        {
            "session": "int64",
            "day": "str",
            "session_type": "str",
            "title": "str",
            "planned_minutes": "Int64",
            "target_rpe": "float64",
            "notes": "str",
        }
    )


def exercises_frame(micro: Microcycle) -> pd.DataFrame:
    rows = [
        {
            "session": number,
            "block": block.label,
            "exercise": exercise.name,
            "sets": exercise.sets,
            "reps": format_reps(exercise),
            "load": format_load(exercise),
            "effort": format_effort(exercise),
            "rest_seconds": exercise.rest_seconds,
            "duration_minutes": exercise.duration_minutes,
            "distance_km": exercise.distance_km,
            "notes": exercise.notes or "",
            "rationale": exercise.rationale or "",
        }
        for number, workout in enumerate(micro.workouts, start=1)
        for block in workout.blocks
        for exercise in block.exercises
    ]
    frame = pd.DataFrame(rows, columns=EXERCISE_COLUMNS)
    return frame.astype(
        {
            "session": "int64",
            "block": "str",
            "exercise": "str",
            "sets": "Int64",
            "reps": "str",
            "load": "str",
            "effort": "str",
            "rest_seconds": "Int64",
            "duration_minutes": "float64",
            "distance_km": "float64",
            "notes": "str",
            "rationale": "str",
        }
    )
