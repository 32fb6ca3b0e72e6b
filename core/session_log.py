"""What a client actually did in a workout: per-set results and the session's numbers, and the rules
a log must meet before it is stored (never before the workout's day, minutes that make sense)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Self

from pydantic import Field, model_validator

from core.errors import InvalidInput
from core.schemas import DomainModel, Exercise, WorkoutStatus

MAX_SETS_LOGGED = 200
"""Sets in one session's log (a long session has ~40)."""
MINUTES_OVER_PLAN = 3
"""A completed session may last at most this many times its planned minutes."""
MAX_SESSION_MINUTES = 360
NOTE_CHARS = 1000
"""A log's note (the Workouts page's box takes as much)."""


class SetResult(DomainModel):
    """One set as done: which exercise (and, when it replaced the planned one, why), reps, load
    and effort. ``exercise_index`` is the prescription's position in the workout (0-based, blocks
    in order), so a set stays tied to what was planned even when its exercise was swapped."""

    exercise_index: int = Field(ge=0, le=400)
    exercise: str = Field(min_length=1, max_length=120)
    set_number: int = Field(ge=1, le=50)
    reps: int | None = Field(default=None, ge=0, le=200)
    load_kg: float | None = Field(default=None, ge=0, le=600)
    rir: float | None = Field(default=None, ge=0, le=10)
    rpe: float | None = Field(default=None, ge=1, le=10)
    duration_minutes: float | None = Field(default=None, ge=0, le=600)
    distance_km: float | None = Field(default=None, ge=0, le=250)
    swap_reason: str | None = Field(default=None, max_length=200)
    """Set when the exercise done is not the one prescribed."""

    @model_validator(mode="after")
    def _one_effort_scale(self) -> Self:
        if self.rir is not None and self.rpe is not None:
            raise ValueError(f"'{self.exercise}' set {self.set_number}: give RIR or RPE, not both")
        return self


class SessionLog(DomainModel):
    """A workout marked completed (with its sets, session RPE and minutes) or skipped."""

    status: WorkoutStatus
    session_rpe: float | None = Field(default=None, ge=1, le=10)
    minutes: int | None = Field(default=None, ge=0, le=MAX_SESSION_MINUTES)
    note: str | None = Field(default=None, max_length=NOTE_CHARS)
    sets: list[SetResult] = Field(default_factory=list, max_length=MAX_SETS_LOGGED)

    @model_validator(mode="after")
    def _a_log_is_completed_or_skipped(self) -> Self:
        if self.status == WorkoutStatus.SCHEDULED:
            raise ValueError("a log is of a completed or a skipped session")
        if self.status == WorkoutStatus.SKIPPED and self.sets:
            raise ValueError("a skipped session has no sets; mark it completed to log them")
        return self


def check_log(
    log: SessionLog, workout_date: date, planned_minutes: int | None, today: date
) -> None:
    """The rules a log meets before it is stored; ``InvalidInput`` with one sentence otherwise.

    ``today`` is the client's (their time zone): a session can be completed or skipped on its day
    or later, never ahead of it.
    """
    if workout_date > today:
        raise InvalidInput(
            f"This session is on {workout_date:%a %d %b}; it can be marked {log.status.value} "
            f"from that day on (today is {today:%a %d %b} for the client)."
        )
    if log.status != WorkoutStatus.COMPLETED:
        return
    if not log.minutes:
        raise InvalidInput("A completed session needs its minutes (more than 0).")
    if planned_minutes and log.minutes > MINUTES_OVER_PLAN * planned_minutes:
        raise InvalidInput(
            f"{log.minutes} minutes is more than {MINUTES_OVER_PLAN}× the {planned_minutes} "
            "planned; check the number (a longer session is logged with its real minutes up to "
            f"{MINUTES_OVER_PLAN * planned_minutes})."
        )


def planned_sets(exercises: list[Exercise]) -> list[SetResult]:
    """'Done as planned': one result per prescribed set, prefilled from the prescription.

    Loads given as %1RM have no kg until the coach or client types them; reps take the range's
    low end; RIR/RPE the prescribed target.
    """
    results = []
    for index, exercise in enumerate(exercises):
        for number in range(1, exercise.sets + 1):
            results.append(
                SetResult(
                    exercise_index=index,
                    exercise=exercise.name,
                    set_number=number,
                    reps=exercise.reps,
                    load_kg=exercise.load_kg,
                    rir=exercise.rir,
                    rpe=exercise.rpe if exercise.rir is None else None,
                    duration_minutes=exercise.duration_minutes,
                    distance_km=exercise.distance_km,
                )
            )
    return results


@dataclass(frozen=True)
class LogRevision:
    """One saved version of a workout's log: who saved it, when, and what it said."""

    created_at: datetime
    logged_by: str
    log: SessionLog
