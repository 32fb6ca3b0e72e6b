"""Preview editing: one week of a mesocycle as two tables for ``st.data_editor``, and back.

A week becomes a *sessions* table (one row per workout: day, type, title, minutes, target RPE, notes)
and an *exercises* table (one row per exercise, tied to its session by the session number ``#``).
``apply_week_edits`` rebuilds that week of a ``MesocycleDetailed`` from the edited tables: every
exercise is rebuilt from its row (so renames, added and deleted rows need no diffing), workouts keep
their ids (a re-confirm is still recognised), and bad input raises ``InvalidPlan`` listing every bad
cell with a path a coach can read ("week 2 › Thu › Back Squat: …").

Pure: no Streamlit, no database.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd
from pydantic import ValidationError

from core.dates import WEEKDAY_NAMES, DateRange, microcycle_date_ranges
from core.errors import InvalidPlan
from core.schemas import (
    Exercise,
    MesocycleDetailed,
    Microcycle,
    SessionType,
    WorkoutBlock,
    WorkoutInstance,
    describe_validation_error,
)

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
DEFAULT_BLOCK = "Main"
_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SEP = " › "

_RANGE = re.compile(r"^\s*(\d+)\s*(?:[-–—]|to)\s*(\d+)\s*$")
_KG = re.compile(r"^\s*([-+]?\d+(?:[.,]\d+)?)\s*(?:kg|kgs)?\s*$", re.IGNORECASE)
_PCT = re.compile(r"^\s*([-+]?\d+(?:[.,]\d+)?)\s*%\s*(?:1\s*rm)?\s*$", re.IGNORECASE)
_EFFORT = re.compile(r"(rpe|rir)\s*@?\s*([-+]?\d+(?:[.,]\d+)?)", re.IGNORECASE)


@dataclass(frozen=True)
class WeekFrames:
    sessions: pd.DataFrame
    exercises: pd.DataFrame


# --- formatting: model → cells --------------------------------------------------------------------


def _g(value: float) -> str:
    return f"{value:g}"


def format_reps(exercise: Exercise) -> str:
    if exercise.reps is None:
        return ""
    return f"{exercise.reps}" + (f"-{exercise.reps_max}" if exercise.reps_max else "")


def format_load(exercise: Exercise) -> str:
    if exercise.load_kg is not None:
        return f"{_g(exercise.load_kg)} kg"
    if exercise.pct_one_rm is not None:
        return f"{_g(exercise.pct_one_rm)}% 1RM"
    return ""


def format_effort(exercise: Exercise) -> str:
    parts = []
    if exercise.rpe is not None:
        parts.append(f"RPE {_g(exercise.rpe)}")
    if exercise.rir is not None:
        parts.append(f"RIR {_g(exercise.rir)}")
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


# --- parsing: cells → model fields ----------------------------------------------------------------


def _blank(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _text(value: Any) -> str | None:
    return None if _blank(value) else str(value).strip()


def _number(value: Any, what: str) -> float | None:
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(f"{what} must be a number, not {value!r}")
    try:
        number = float(str(value).replace(",", ".")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a number, not '{value}'") from None
    if math.isnan(number) or math.isinf(number):
        raise ValueError(f"{what} must be a number, not '{value}'")
    return number


def _whole(value: Any, what: str) -> int | None:
    number = _number(value, what)
    if number is None:
        return None
    if number != int(number):
        raise ValueError(f"{what} must be a whole number, not {_g(number)}")
    return int(number)


def parse_reps(value: Any) -> tuple[int | None, int | None]:
    """'' → none, '6' → (6, None), '6-8' → (6, 8)."""
    text = _text(value)
    if text is None:
        return None, None
    match = _RANGE.match(text)
    if match:
        return int(match.group(1)), int(match.group(2))
    try:
        reps = _whole(text, "reps")
    except ValueError:
        raise ValueError(f"reps must be a number or a range like 6-8, not '{text}'") from None
    return reps, None


def parse_load(value: Any) -> tuple[float | None, float | None]:
    """(load_kg, pct_one_rm) from '100 kg', '100', '75%' or '75% 1RM'; blank → no load."""
    text = _text(value)
    if text is None:
        return None, None
    if match := _PCT.match(text):
        pct = float(match.group(1).replace(",", "."))
        if pct <= 0:
            raise ValueError(f"load must be above 0% 1RM, not '{text}'")
        return None, pct
    if match := _KG.match(text):
        kg = float(match.group(1).replace(",", "."))
        if kg < 0:
            raise ValueError(f"load cannot be negative ('{text}')")
        return kg, None
    raise ValueError(f"load must be kg like '80 kg' or a percentage like '75% 1RM', not '{text}'")


def parse_effort(value: Any) -> tuple[float | None, float | None]:
    """(rpe, rir) from 'RPE 8', 'RIR 2' or 'RPE 8 · RIR 2'; blank → neither."""
    text = _text(value)
    if text is None:
        return None, None
    found = {
        kind.lower(): float(number.replace(",", ".")) for kind, number in _EFFORT.findall(text)
    }
    leftover = _EFFORT.sub("", text).strip(" ·,;/")
    if not found or leftover:
        raise ValueError(f"effort must look like 'RPE 8' or 'RIR 2', not '{text}'")
    return found.get("rpe"), found.get("rir")


def parse_weekday(value: Any) -> int:
    text = _text(value)
    if text is not None:
        key = text[:3].lower()
        for index, name in enumerate(WEEKDAY_NAMES):
            if name.lower() == key:
                return index
    raise ValueError(f"day must be one of {', '.join(WEEKDAY_NAMES)}, not '{text or ''}'")


# --- applying the edited tables -------------------------------------------------------------------


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
) -> MesocycleDetailed:
    """A copy of ``mesocycle`` whose week ``week_number`` is rebuilt from the edited tables.

    ``None`` for a table keeps that part of the week as it is. Raises ``InvalidPlan`` (its
    ``problems`` one line per bad cell) when a value cannot be used.
    """
    micro = find_week(mesocycle, week_number)
    week = week_range(mesocycle, micro, start_date)
    errors: list[str] = []
    headers = _apply_sessions(micro, week, sessions, errors)
    if exercises is None:
        blocks = [[block.model_dump() for block in workout.blocks] for workout in micro.workouts]
    else:
        blocks = _apply_exercises(micro, headers, exercises, errors)
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
    new_micro = micro.model_copy(update={"workouts": workouts})
    return mesocycle.model_copy(
        update={
            "microcycles": [
                new_micro if m.week_number == week_number else m for m in mesocycle.microcycles
            ]
        }
    )


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
    return [dict(row) for row in frame.to_dict(orient="records")]


def _apply_sessions(
    micro: Microcycle, week: DateRange, sessions: pd.DataFrame | None, errors: list[str]
) -> list[dict[str, Any]]:
    """One header dict per existing workout (date, type, title, minutes, RPE, notes)."""
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
        return headers
    rows = _records(sessions)
    if len(rows) != len(headers):
        errors.append(
            f"week {micro.week_number}: sessions cannot be added or removed here "
            f"({len(headers)} expected, {len(rows)} given); set a session's type to 'rest' instead"
        )
        return headers
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
        session_type = _text(row.get("session_type"))
        try:
            header["session_type"] = SessionType((session_type or "").lower())
        except ValueError:
            kinds = ", ".join(kind.value for kind in SessionType)
            errors.append(f"{where}: session type must be one of {kinds}, not '{session_type}'")
        title = _text(row.get("title"))
        if title is None:
            errors.append(f"{where}: the session needs a title")
        else:
            header["title"] = title
        for column, what in (("planned_minutes", "minutes"), ("target_rpe", "target RPE")):
            try:
                value = (
                    _whole(row.get(column), what)
                    if column == "planned_minutes"
                    else _number(row.get(column), what)
                )
            except ValueError as error:
                errors.append(f"{where}: {error}")
            else:
                header[column] = value
        header["notes"] = _text(row.get("notes"))
    return headers


def _apply_exercises(
    micro: Microcycle,
    headers: list[dict[str, Any]],
    exercises: pd.DataFrame,
    errors: list[str],
) -> list[list[WorkoutBlock | dict[str, Any]]]:
    """Each session's blocks rebuilt from the rows, in row order; blank rows are ignored."""
    count = len(micro.workouts)
    grouped: list[dict[str, list[Exercise]]] = [{} for _ in range(count)]
    for index, row in enumerate(_records(exercises), start=1):
        if all(_blank(row.get(column)) for column in EXERCISE_COLUMNS if column != "session"):
            continue  # an added row the coach left empty
        name = _text(row.get("exercise")) or ""
        try:
            session = _whole(row.get("session"), "session")
        except ValueError:
            session = None
        if session is None or not 1 <= session <= count:
            errors.append(
                f"week {micro.week_number} › row {index} ({name or 'unnamed'}): session must be "
                f"a number from 1 to {count}, not '{_text(row.get('session')) or ''}'"
            )
            continue
        where = _where(micro.week_number, headers[session - 1]["date"], name or f"row {index}")
        if not name:
            errors.append(f"{where}: the exercise needs a name")
            continue
        try:
            exercise = _exercise(row, name)
        except ValueError as error:
            errors.append(f"{where}: {error}")
            continue
        except ValidationError as error:
            errors.extend(f"{where}: {line}" for line in _lines(error))
            continue
        block = _text(row.get("block")) or DEFAULT_BLOCK
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
    return result


def _exercise(row: dict[str, Any], name: str) -> Exercise:
    sets = _whole(row.get("sets"), "sets")
    if sets is None:
        raise ValueError("sets are missing")
    reps, reps_max = parse_reps(row.get("reps"))
    load_kg, pct = parse_load(row.get("load"))
    rpe, rir = parse_effort(row.get("effort"))
    rest = _whole(row.get("rest_seconds"), "rest")
    if rest is not None and rest < 0:
        raise ValueError(f"rest cannot be negative ({rest} s)")
    duration = _number(row.get("duration_minutes"), "minutes")
    distance = _number(row.get("distance_km"), "distance")
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
            "notes": _text(row.get("notes")),
            "rationale": _text(row.get("rationale")),
        }
    )


# --- review helpers -------------------------------------------------------------------------------


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
        details.append(f"RPE {_g(workout.target_rpe)}")
    return f"{workout.date:%a %d %b} · {workout.title} — " + ", ".join(details)


def target_summary(mesocycle: MesocycleDetailed, week_number: int) -> str:
    """The weekly target of a week as one line; week 0 (transition) has none."""
    if week_number < 1 or week_number > len(mesocycle.weekly_targets):
        return "Transition week: settles the client in before week 1."
    target = mesocycle.weekly_targets[week_number - 1]
    parts = [f"split {target.split}"]
    if target.avg_intensity_pct_1rm is not None:
        parts.append(f"avg intensity {_g(target.avg_intensity_pct_1rm)}% 1RM")
    if target.total_sets_main_lifts is not None:
        parts.append(f"{target.total_sets_main_lifts} main-lift sets")
    if target.total_mileage is not None:
        parts.append(f"{_g(target.total_mileage)} km total")
    if target.long_run_mileage is not None:
        parts.append(f"long run {_g(target.long_run_mileage)} km")
    if target.deload:
        parts.append("deload")
    return " · ".join(parts)


def apply_all_edits(
    mesocycle: MesocycleDetailed,
    edited: dict[int, tuple[pd.DataFrame | None, pd.DataFrame | None]],
    *,
    start_date: date | None = None,
) -> tuple[MesocycleDetailed, dict[int, InvalidPlan]]:
    """Apply every week's edited tables; a week whose edit is unusable stays as it was.

    Returns the edited mesocycle and, per week, the ``InvalidPlan`` that kept its edit out (the page
    shows it next to that week and blocks Confirm until it is fixed).
    """
    failures: dict[int, InvalidPlan] = {}
    for week_number, (sessions, exercises) in edited.items():
        try:
            mesocycle = apply_week_edits(
                mesocycle, week_number, sessions, exercises, start_date=start_date
            )
        except InvalidPlan as error:
            failures[week_number] = error
    return mesocycle, failures


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
