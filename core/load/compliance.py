"""Weekly compliance (docs/domain.md §5): completed ÷ due workouts, where due means completed, skipped or missed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from core.load.frame import as_dates, empty_frame, week_positions, workout_days
from core.read_models import WorkoutRecord
from core.schemas import SessionType, WorkoutStatus


@dataclass(frozen=True)
class WeekCounts:
    """One Monday–Sunday week of a client's training sessions (rest days never count)."""

    week_start: date
    completed: int = 0
    skipped: int = 0
    missed: int = 0
    """Still scheduled on a day before today."""
    upcoming: int = 0
    """Scheduled today or later: not due yet."""

    @property
    def due(self) -> int:
        return self.completed + self.skipped + self.missed

    @property
    def compliance(self) -> float | None:
        """completed ÷ (completed + skipped + missed); None when nothing is due."""
        return self.completed / self.due if self.due else None


def week_counts(week_start: date, workouts: Iterable[WorkoutRecord], today: date) -> WeekCounts:
    """The counts of the week starting on Monday ``week_start``, from that week's workouts."""
    counts: Counter[str] = Counter()
    for workout in workouts:
        if workout.session_type == SessionType.REST:
            continue
        if workout.status != WorkoutStatus.SCHEDULED:
            counts[workout.status.value] += 1
        else:
            counts["missed" if workout.date < today else "upcoming"] += 1
    return WeekCounts(
        week_start=week_start,
        completed=counts[WorkoutStatus.COMPLETED.value],
        skipped=counts[WorkoutStatus.SKIPPED.value],
        missed=counts["missed"],
        upcoming=counts["upcoming"],
    )


def weekly_compliance(frame: pd.DataFrame, today: date) -> pd.DataFrame:
    """Weekly compliance: ``week_start``, ``completed``, ``skipped``, ``missed``, ``compliance``.

    compliance = completed ÷ (completed + skipped + missed) (docs/domain.md §5), where *missed* counts
    workouts still scheduled on a day before ``today``. Workouts scheduled today or later are not due
    yet and not counted; rest days never count. A fraction 0–1; NaN for a week with nothing due.
    """
    columns = ["week_start", "completed", "skipped", "missed", "compliance"]
    if frame.empty:
        return empty_frame(columns, "int64", compliance="float64")
    training = (frame["session_type"] != SessionType.REST).to_numpy()
    status = frame["status"].to_numpy()
    past = workout_days(frame) < np.datetime64(today, "D")
    mondays, positions = week_positions(frame)

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(positions[mask & training], minlength=len(mondays)).astype("int64")

    completed = count(status == WorkoutStatus.COMPLETED)
    skipped = count(status == WorkoutStatus.SKIPPED)
    missed = count((status == WorkoutStatus.SCHEDULED) & past)
    due = completed + skipped + missed
    compliance = np.divide(
        completed, due, out=np.full(len(due), np.nan), where=due > 0, dtype="float64"
    )
    return pd.DataFrame(
        {
            "week_start": as_dates(mondays),
            "completed": completed,
            "skipped": skipped,
            "missed": missed,
            "compliance": compliance,
        }
    )
