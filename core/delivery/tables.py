"""CSV files: a block with one row per prescribed set group, a client's logs with one row per set.

Loads appear twice: in the client's unit (the ``load`` and ``unit`` columns, what the client reads)
and in kg (``load_kg``, what a spreadsheet sums). Every text cell is guarded against formula
injection: a spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a
formula, so such a cell gets a leading apostrophe (OWASP, "CSV Injection").
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from core.delivery.prescription import effort_text, reps_text
from core.load.e1rm import DatedSet
from core.schemas import MesocycleDetailed, Units
from core.units import distance_from_km, load_from_kg

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

PLAN_COLUMNS = (
    "date",
    "week",
    "session",
    "block",
    "exercise",
    "sets",
    "reps",
    "load",
    "unit",
    "load_kg",
    "pct_1rm",
    "effort",
    "rest_s",
    "duration_min",
    "distance",
    "distance_unit",
    "notes",
)
LOG_COLUMNS = (
    "date",
    "session",
    "exercise",
    "set",
    "reps",
    "load",
    "unit",
    "load_kg",
    "rir",
    "rpe",
    "duration_min",
    "distance",
    "distance_unit",
    "swap_reason",
)


def safe_cell(value: object) -> str:
    """The cell's text, with a leading apostrophe when a spreadsheet would run it as a formula."""
    if value is None:
        return ""
    text = f"{round(value, 2):g}" if isinstance(value, float) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    # UTF-8 with a byte-order mark: Excel otherwise reads a UTF-8 file as the local code page.
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def plan_csv(mesocycle: MesocycleDetailed, units: Units) -> bytes:
    """One row per prescribed exercise (a set group) of every session, in calendar order."""
    rows = []
    for micro in mesocycle.microcycles:
        for workout in micro.workouts:
            for block in workout.blocks:
                for exercise in block.exercises:
                    load = exercise.load_kg
                    distance = exercise.distance_km
                    rows.append(
                        (
                            workout.date.isoformat(),
                            micro.week_number,
                            workout.title,
                            block.label,
                            exercise.name,
                            exercise.sets,
                            reps_text(exercise),
                            _number(None if load is None else load_from_kg(load, units.load)),
                            units.load.value if load is not None else "",
                            load,
                            exercise.pct_one_rm,
                            effort_text(exercise),
                            exercise.rest_seconds,
                            exercise.duration_minutes,
                            _number(
                                None
                                if distance is None
                                else distance_from_km(distance, units.distance)
                            ),
                            units.distance.value if distance is not None else "",
                            exercise.notes,
                        )
                    )
    return _csv(PLAN_COLUMNS, rows)


def logs_csv(sets: Iterable[DatedSet], titles: Mapping[uuid.UUID, str], units: Units) -> bytes:
    """One row per logged set, oldest first; ``titles`` (by workout id) name each set's session."""
    ordered = sorted(
        sets, key=lambda s: (s.day, str(s.workout_id), s.result.exercise_index, s.result.set_number)
    )
    rows = []
    for dated in ordered:
        result = dated.result
        day: date = dated.day
        rows.append(
            (
                day.isoformat(),
                titles.get(dated.workout_id, "") if dated.workout_id else "",
                result.exercise,
                result.set_number,
                result.reps,
                _number(
                    None if result.load_kg is None else load_from_kg(result.load_kg, units.load)
                ),
                units.load.value if result.load_kg is not None else "",
                result.load_kg,
                result.rir,
                result.rpe,
                result.duration_minutes,
                _number(
                    None
                    if result.distance_km is None
                    else distance_from_km(result.distance_km, units.distance)
                ),
                units.distance.value if result.distance_km is not None else "",
                result.swap_reason,
            )
        )
    return _csv(LOG_COLUMNS, rows)
