"""A prescription in words and in the client's own units (kg or lb, km or mi), for every export."""

from __future__ import annotations

from core.schemas import Exercise, Units
from core.units import format_distance, format_load


def _number(value: float) -> str:
    return f"{value:g}"


def reps_text(exercise: Exercise) -> str:
    """'6', '8-10', or '' for timed or distance work."""
    if exercise.reps is None:
        return ""
    return f"{exercise.reps}" + (f"-{exercise.reps_max}" if exercise.reps_max else "")


def load_text(exercise: Exercise, units: Units) -> str:
    """'185 lb', '82.5 kg', '75% 1RM' or ''."""
    if exercise.load_kg is not None:
        return format_load(exercise.load_kg, units.load)
    if exercise.pct_one_rm is not None:
        return f"{_number(exercise.pct_one_rm)}% 1RM"
    return ""


def effort_text(exercise: Exercise) -> str:
    """'RIR 2', 'RPE 8' or ''."""
    if exercise.rir is not None:
        return f"RIR {_number(exercise.rir)}"
    if exercise.rpe is not None:
        return f"RPE {_number(exercise.rpe)}"
    return ""


def distance_text(exercise: Exercise, units: Units) -> str:
    return (
        ""
        if exercise.distance_km is None
        else format_distance(exercise.distance_km, units.distance)
    )


def activity_text(exercise: Exercise, units: Units) -> str:
    """``Exercise.activity`` in the client's units: "Back Squat: 4x6 @ 185 lb, RIR 2, 180s rest".

    For a metric client it is exactly ``Exercise.activity`` (a test holds the two together).
    """
    dose = f"{exercise.sets}x"
    if exercise.reps is not None:
        dose += reps_text(exercise)
    elif exercise.duration_minutes is not None:
        dose += f"{_number(exercise.duration_minutes)} min"
    else:
        dose += distance_text(exercise, units)
    extras = []
    if exercise.reps is not None and exercise.duration_minutes is not None:
        extras.append(f"{_number(exercise.duration_minutes)} min")
    if exercise.distance_km is not None and (
        exercise.reps is not None or exercise.duration_minutes is not None
    ):
        extras.append(distance_text(exercise, units))
    if load := load_text(exercise, units):
        dose += f" @ {load}"
    if effort := effort_text(exercise):
        extras.append(effort)
    if exercise.rest_seconds:
        extras.append(f"{exercise.rest_seconds}s rest")
    return f"{exercise.name}: " + ", ".join([dose, *extras])
