"""The workouts frame: one row per workout, built from stored rows, and its Monday-week arithmetic.

Weeks start on Monday (``week_start = date − weekday``); the helpers here give every week from the
frame's first to its last workout, contiguously, so the weekly results of one client line up.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from core.schemas import SessionType, WorkoutStatus

COLUMNS: tuple[str, ...] = (
    "workout_id",
    "date",
    "status",
    "session_type",
    "title",
    "planned_minutes",
    "target_rpe",
    "session_rpe",
    "actual_minutes",
    "logged_tonnage",
    "blocks",
)
_FLOAT_COLUMNS = (
    "planned_minutes",
    "target_rpe",
    "session_rpe",
    "actual_minutes",
    "logged_tonnage",
)
"""``logged_tonnage``: Σ reps × kg of the sets logged for the workout; NaN when none were."""
_STATUSES = frozenset(member.value for member in WorkoutStatus)
_SESSION_TYPES = frozenset(member.value for member in SessionType)


def empty_workouts_frame() -> pd.DataFrame:
    """A workouts frame with no rows and the contract's columns and dtypes."""
    return workouts_frame([])


def workouts_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Build the workouts frame (one row per workout, sorted by date) from stored rows.

    ``date`` holds ``datetime.date`` (ISO strings and datetimes are accepted), text columns are
    ``str``, the four numeric columns ``float64`` (None → NaN) and ``blocks`` a list of block dicts
    (None → [], a JSON string is decoded). Unknown statuses or session types raise ``ValueError``.
    """
    records = [_normalise_row(row) for row in rows]
    data: dict[str, Any] = {}
    for column in COLUMNS:
        values = [record[column] for record in records]
        if column in _FLOAT_COLUMNS:
            data[column] = pd.Series(values, dtype="float64")
        elif column in ("date", "blocks"):
            data[column] = pd.Series(values, dtype="object")
        else:
            data[column] = pd.Series(values, dtype="str")
    frame = pd.DataFrame(data, columns=list(COLUMNS))
    if len(frame):
        frame = frame.sort_values("date", kind="stable").reset_index(drop=True)
    return frame


def _normalise_row(row: Mapping[str, Any]) -> dict[str, Any]:
    status = str(row.get("status") or WorkoutStatus.SCHEDULED)
    session_type = str(row.get("session_type") or SessionType.OTHER)
    if status not in _STATUSES:
        raise ValueError(f"workout {row.get('workout_id')}: unknown status '{status}'")
    if session_type not in _SESSION_TYPES:
        raise ValueError(f"workout {row.get('workout_id')}: unknown session type '{session_type}'")
    blocks = row.get("blocks")
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    record: dict[str, Any] = {
        "workout_id": str(row.get("workout_id", "")),
        "date": _as_date(row.get("date")),
        "status": status,
        "session_type": session_type,
        "title": str(row.get("title") or ""),
        "blocks": list(blocks or []),
    }
    for column in _FLOAT_COLUMNS:
        record[column] = number_or_none(row.get(column))
    return record


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):  # also pd.Timestamp; check before date (datetime is a date)
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    raise ValueError(f"a workout needs a date, got {value!r}")


def number_or_none(value: Any) -> float | None:
    """A float, or None for missing/NaN/non-numeric values."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def workout_days(frame: pd.DataFrame) -> np.ndarray:
    """The workouts' dates as ``datetime64[D]``."""
    return np.array(frame["date"].tolist(), dtype="datetime64[D]")


def _mondays(days: np.ndarray) -> np.ndarray:
    """Monday of each day's week (week_start = date − weekday); 1970-01-01 was a Thursday."""
    numbers = days.astype("int64")
    return (numbers - (numbers + 3) % 7).astype("datetime64[D]")


def week_positions(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(every Monday from the first workout's week to the last one's, each workout's week position).

    Positions index the Mondays, ready for ``np.bincount``; the frame must not be empty.
    """
    mondays = _mondays(workout_days(frame))
    first = mondays.min()
    positions = ((mondays - first).astype("int64") // 7).astype("intp")
    return first + np.arange(positions.max() + 1) * 7, positions


def as_dates(days: np.ndarray) -> np.ndarray:
    """``datetime64`` values as an object array of ``datetime.date``."""
    return days.astype("datetime64[D]").astype(object)


def per_week(positions: np.ndarray, weights: np.ndarray, weeks: int) -> np.ndarray:
    return np.bincount(positions, weights=weights, minlength=weeks)


def empty_frame(columns: list[str], default: str, **dtypes: str) -> pd.DataFrame:
    """No rows; ``week_start``/``date`` columns hold dates (object), the others ``default``."""
    return pd.DataFrame(
        {
            column: pd.Series(
                [],
                dtype=dtypes.get(column, "object" if column in ("week_start", "date") else default),
            )
            for column in columns
        }
    )
