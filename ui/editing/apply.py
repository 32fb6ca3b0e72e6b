"""Edited tables → a week of the mesocycle: rebuilt from the rows, every bad cell listed in InvalidPlan."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import pandas as pd
from pydantic import ValidationError

from core.dates import WEEKDAY_NAMES, DateRange, microcycle_date_ranges
from core.errors import InvalidPlan
from core.schemas import (
    ClientProfile,
    Exercise,
    MesocycleDetailed,
    Microcycle,
    SessionType,
    Units,
    WorkoutBlock,
    WorkoutInstance,
    describe_validation_error,
)
from core.units import distance_to_km
from ui.editing.cells import (
    cell_number,
    cell_text,
    cell_whole,
    is_blank,
    parse_effort,
    parse_load,
    parse_reps,
    parse_weekday,
)
from ui.editing.review import SEP
from ui.editing.rows import drawn_exercises, original_of, row_load
from ui.editing.tables import EXERCISE_COLUMNS, find_week, weekday_name

DEFAULT_BLOCK = "Main"


def week_range(
    mesocycle: MesocycleDetailed, micro: Microcycle, start_date: date | None
) -> DateRange:
    if micro.start_date and micro.end_date:
        return DateRange(micro.start_date, micro.end_date)
    start = start_date or mesocycle.start_date
    if start is None:
        raise InvalidPlan(f"Week {micro.week_number} has no dates; generate the phase again.")
    return microcycle_date_ranges(start, mesocycle.weeks)[micro.week_number]


def apply_week_edits(
    mesocycle: MesocycleDetailed,
    week_number: int,
    sessions: pd.DataFrame | None = None,
    exercises: pd.DataFrame | None = None,
    *,
    start_date: date | None = None,
    units: Units | None = None,
    profile: ClientProfile | None = None,
) -> MesocycleDetailed:
    """A copy of ``mesocycle`` whose week ``week_number`` is rebuilt from the edited tables.

    ``None`` for a table keeps that part of the week as it is. Loads and distances are read in
    ``units`` (metric by default) and stored in kg and km. The exercises table is read against
    the week it was drawn from (``mesocycle``'s): a row keeps its index label, so a row whose
    load is as drawn keeps its %1RM, and a new kg gets the %1RM of ``profile``'s 1RM for the lift
    (none without it; ``ui.editing.rows``). Raises ``InvalidPlan`` (its ``problems`` one line
    per bad cell) when a value cannot be used.
    """
    micro = find_week(mesocycle, week_number)
    week = week_range(mesocycle, micro, start_date)
    headers, errors = _parse_sessions(micro, week, sessions)
    blocks: list[list[WorkoutBlock | dict[str, Any]]]
    if exercises is None:
        blocks = [[block.model_dump() for block in workout.blocks] for workout in micro.workouts]
    else:
        blocks, exercise_errors = _parse_exercises(
            micro, headers, exercises, units or Units(), profile
        )
        errors.extend(exercise_errors)
    workouts: list[WorkoutInstance] = []
    for base, header, session_blocks in zip(micro.workouts, headers, blocks, strict=True):
        where = _where(week_number, header.get("date", base.date))
        try:
            workouts.append(
                WorkoutInstance.model_validate(
                    {
                        "id": base.id,
                        "date": header["date"],
                        "session_type": header["session_type"],
                        "title": header["title"],
                        "blocks": session_blocks,
                        # Plain data, not model instances: a preview kept in a Streamlit session
                        # may predate a module reload, and pydantic checks the class identity.
                        "targets": [target.model_dump() for target in base.targets],
                        "planned_minutes": header["planned_minutes"],
                        "target_rpe": header["target_rpe"],
                        "notes": header["notes"],
                    }
                )
            )
        except ValidationError as error:
            errors.extend(f"{where}: {line}" for line in _lines(error))
    if errors:
        raise InvalidPlan(_summary(week_number, errors), errors)
    workouts.sort(key=lambda workout: workout.date)  # stable: same-day sessions keep their order
    return with_week(mesocycle, micro.model_copy(update={"workouts": workouts}))


def _where(week_number: int, day: date | None, *rest: str) -> str:
    parts = [f"week {week_number}"]
    if day is not None:
        parts.append(weekday_name(day))
    parts.extend(part for part in rest if part)
    return SEP.join(parts)


def _lines(error: ValidationError) -> list[str]:
    return describe_validation_error(error)


def _summary(week_number: int, errors: Sequence[str]) -> str:
    count = len(errors)
    noun = "problem" if count == 1 else "problems"
    return (
        f"Week {week_number}: the edit has {count} {noun}: "
        + "; ".join(errors[:5])
        + (" …" if count > 5 else "")
    )


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {str(key): value for key, value in row.items()} for row in frame.to_dict(orient="records")
    ]


def _parse_sessions(
    micro: Microcycle, week: DateRange, sessions: pd.DataFrame | None
) -> tuple[list[dict[str, Any]], list[str]]:
    """One header dict per existing workout (date, type, title, minutes, RPE, notes), and one
    line per cell that could not be used (that cell keeps its previous value)."""
    errors: list[str] = []
    headers = [
        {
            "date": workout.date,
            "session_type": workout.session_type,
            "title": workout.title,
            "planned_minutes": workout.planned_minutes,
            "target_rpe": workout.target_rpe,
            "notes": workout.notes,
        }
        for workout in micro.workouts
    ]
    if sessions is None:
        return headers, errors
    rows = _records(sessions)
    if len(rows) != len(headers):
        errors.append(
            f"week {micro.week_number}: sessions cannot be added or removed here "
            f"({len(headers)} expected, {len(rows)} given); set a session's type to 'rest' instead"
        )
        return headers, errors
    monday = week.end_date - timedelta(days=6)
    for index, row in enumerate(rows):
        base = micro.workouts[index]
        header = headers[index]
        where = _where(micro.week_number, base.date)
        try:
            weekday = parse_weekday(row.get("day"))
        except ValueError as error:
            errors.append(f"{where}: {error}")
        else:
            day = monday + timedelta(days=weekday)
            if not week.start_date <= day <= week.end_date:
                errors.append(
                    f"{where}: {WEEKDAY_NAMES[weekday]} is outside week {micro.week_number} "
                    f"({week.start_date:%a %d %b} – {week.end_date:%a %d %b})"
                )
            else:
                header["date"] = day
        session_type = cell_text(row.get("session_type"))
        try:
            header["session_type"] = SessionType((session_type or "").lower())
        except ValueError:
            kinds = ", ".join(kind.value for kind in SessionType)
            errors.append(f"{where}: session type must be one of {kinds}, not '{session_type}'")
        title = cell_text(row.get("title"))
        if title is None:
            errors.append(f"{where}: the session needs a title")
        else:
            header["title"] = title
        for column, what in (("planned_minutes", "minutes"), ("target_rpe", "target RPE")):
            try:
                value = (
                    cell_whole(row.get(column), what)
                    if column == "planned_minutes"
                    else cell_number(row.get(column), what)
                )
            except ValueError as error:
                errors.append(f"{where}: {error}")
            else:
                header[column] = value
        header["notes"] = cell_text(row.get("notes"))
    return headers, errors


def _parse_exercises(
    micro: Microcycle,
    headers: list[dict[str, Any]],
    exercises: pd.DataFrame,
    units: Units,
    profile: ClientProfile | None,
) -> tuple[list[list[WorkoutBlock | dict[str, Any]]], list[str]]:
    """Each session's blocks rebuilt from the rows, in row order (blank rows are ignored), and one
    line per row or cell that could not be used."""
    errors: list[str] = []
    count = len(micro.workouts)
    grouped: list[dict[str, list[Exercise]]] = [{} for _ in range(count)]
    originals = drawn_exercises(micro)
    labelled = zip(exercises.index, _records(exercises), strict=True)
    for index, (label, row) in enumerate(labelled, start=1):
        if all(is_blank(row.get(column)) for column in EXERCISE_COLUMNS if column != "session"):
            continue  # an added row the coach left empty
        name = cell_text(row.get("exercise")) or ""
        try:
            session = cell_whole(row.get("session"), "session")
        except ValueError:
            session = None
        if session is None or not 1 <= session <= count:
            errors.append(
                f"week {micro.week_number} › row {index} ({name or 'unnamed'}): session must be "
                f"a number from 1 to {count}, not '{cell_text(row.get('session')) or ''}'"
            )
            continue
        where = _where(micro.week_number, headers[session - 1]["date"], name or f"row {index}")
        if not name:
            errors.append(f"{where}: the exercise needs a name")
            continue
        try:
            exercise = _exercise(row, name, units, original_of(label, originals), profile)
        except ValidationError as error:  # first: pydantic's error is a ValueError too
            errors.extend(f"{where}: {line}" for line in _lines(error))
            continue
        except ValueError as error:
            errors.append(f"{where}: {error}")
            continue
        block = cell_text(row.get("block")) or DEFAULT_BLOCK
        grouped[session - 1].setdefault(block, []).append(exercise)
    result: list[list[WorkoutBlock | dict[str, Any]]] = []
    for session_index, blocks in enumerate(grouped):
        where = _where(micro.week_number, headers[session_index]["date"])
        session_blocks: list[WorkoutBlock | dict[str, Any]] = []
        for label, items in blocks.items():
            try:
                session_blocks.append(WorkoutBlock(label=label, exercises=items))
            except ValidationError as error:
                errors.extend(f"{where} › {label}: {line}" for line in _lines(error))
        result.append(session_blocks)
    return result, errors


def _exercise(
    row: dict[str, Any],
    name: str,
    units: Units,
    original: Exercise | None,
    profile: ClientProfile | None,
) -> Exercise:
    sets = cell_whole(row.get("sets"), "sets")
    if sets is None:
        raise ValueError("sets are missing")
    reps, reps_max = parse_reps(row.get("reps"))
    load_kg, pct = row_load(
        row, name, parse_load(row.get("load"), units.load), original, units, profile
    )
    rpe, rir = parse_effort(row.get("effort"))
    rest = cell_whole(row.get("rest_seconds"), "rest")
    if rest is not None and rest < 0:
        raise ValueError(f"rest cannot be negative ({rest} s)")
    duration = cell_number(row.get("duration_minutes"), "minutes")
    distance = cell_number(row.get("distance"), "distance")
    if distance is not None:
        distance = distance_to_km(distance, units.distance)
    return Exercise.model_validate(
        {
            "name": name,
            "sets": sets,
            "reps": reps,
            "reps_max": reps_max,
            "load_kg": load_kg,
            "pct_one_rm": pct,
            "rpe": rpe,
            "rir": rir,
            "rest_seconds": rest,
            "duration_minutes": duration,
            "distance_km": distance,
            "notes": cell_text(row.get("notes")),
            "rationale": cell_text(row.get("rationale")),
        }
    )


def apply_all_edits(
    mesocycle: MesocycleDetailed,
    edited: Mapping[int, tuple[pd.DataFrame | None, pd.DataFrame | None]],
    *,
    start_date: date | None = None,
    last_valid: MesocycleDetailed | None = None,
    units: Units | None = None,
    profile: ClientProfile | None = None,
) -> tuple[MesocycleDetailed, dict[int, InvalidPlan]]:
    """Apply every week's edited tables; a week whose edit is unusable keeps its last valid state.

    ``last_valid`` is the result of the previous run (the coach's earlier edits); without it, an
    unusable week stays as generated. Returns the edited mesocycle and, per week, the
    ``InvalidPlan`` that kept its edit out (the page shows it next to that week and blocks Confirm
    until it is fixed). ``profile``: the client's, for the %1RM of a kg typed in the grid.
    """
    failures: dict[int, InvalidPlan] = {}
    for week_number, (sessions, exercises) in edited.items():
        try:
            mesocycle = apply_week_edits(
                mesocycle,
                week_number,
                sessions,
                exercises,
                start_date=start_date,
                units=units,
                profile=profile,
            )
        except InvalidPlan as error:
            failures[week_number] = error
            if last_valid is not None:
                mesocycle = with_week(mesocycle, find_week(last_valid, week_number))
    return mesocycle, failures


def with_week(mesocycle: MesocycleDetailed, week: Microcycle) -> MesocycleDetailed:
    """A copy of ``mesocycle`` with ``week`` in place of the week of the same number."""
    return mesocycle.model_copy(
        update={
            "microcycles": [
                week if m.week_number == week.week_number else m for m in mesocycle.microcycles
            ]
        }
    )
