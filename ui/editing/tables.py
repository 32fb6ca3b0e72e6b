"""One week of a mesocycle as the editor's two tables: sessions and exercises, formatted for editing
(loads and distances in the client's units)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from core.dates import WEEKDAY_NAMES
from core.errors import InvalidPlan
from core.schemas import Exercise, MesocycleDetailed, Microcycle, Units
from core.units import DistanceUnit, LoadUnit, distance_from_km
from core.units import format_load as format_kg

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
    "distance",
    "notes",
    "rationale",
]
DISTANCE_DIGITS = 3
"""A distance in mi is shown to 3 decimals (5 m): enough to read back the km it was stored as."""


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


def format_load(exercise: Exercise, units: Units | None = None) -> str:
    unit = (units or Units()).load
    if exercise.load_kg is not None:
        if unit is LoadUnit.KG:  # the exact stored number: an unedited cell reads back the same
            return f"{number_text(exercise.load_kg)} kg"
        return format_kg(exercise.load_kg, unit)
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


def week_frames(
    mesocycle: MesocycleDetailed, week_number: int, units: Units | None = None
) -> WeekFrames:
    micro = find_week(mesocycle, week_number)
    return WeekFrames(sessions_frame(micro), exercises_frame(micro, units or Units()))


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


def shown_distance(km: float | None, units: Units) -> float | None:
    if km is None or units.distance is DistanceUnit.KM:
        return km  # the exact stored number in km
    return round(distance_from_km(km, units.distance), DISTANCE_DIGITS)


def exercises_frame(micro: Microcycle, units: Units | None = None) -> pd.DataFrame:
    units = units or Units()
    rows = [
        {
            "session": number,
            "block": block.label,
            "exercise": exercise.name,
            "sets": exercise.sets,
            "reps": format_reps(exercise),
            "load": format_load(exercise, units),
            "effort": format_effort(exercise),
            "rest_seconds": exercise.rest_seconds,
            "duration_minutes": exercise.duration_minutes,
            "distance": shown_distance(exercise.distance_km, units),
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
            "distance": "float64",
            "notes": "str",
            "rationale": "str",
        }
    )
