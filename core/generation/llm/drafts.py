"""The content-only drafts the model answers with: strict structured-output pydantic schemas."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from core.schemas import FiniteFloat

# --- content-only drafts (strict structured-output schemas) -------------------------------------
# Strict mode: every field required (optional = ``T | None``), no defaults, no extra keys. No ids
# and no dates: code assigns both.

Weekday = Literal["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


class _Draft(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DraftKeyValue(_Draft):
    key: str
    value: FiniteFloat | str


class DraftExercise(_Draft):
    name: str
    sets: int
    reps: int | None = Field(description="reps, or the low end of a rep range")
    reps_max: int | None = Field(description="top of the rep range, or null")
    load_kg: float | None
    pct_one_rm: float | None
    rpe: float | None
    rir: float | None
    rest_seconds: int | None
    duration_minutes: float | None
    distance_km: float | None
    notes: str | None
    rationale: str | None = Field(description="one short sentence: why this exercise and dose")


class DraftBlock(_Draft):
    label: str
    exercises: list[DraftExercise]


class DraftWorkout(_Draft):
    weekday: Weekday
    session_type: Literal["run", "lift", "metcon", "mobility", "rest", "other"]
    title: str
    blocks: list[DraftBlock]
    targets: list[DraftKeyValue]
    planned_minutes: int | None
    target_rpe: float | None
    notes: str | None


class DraftWeek(_Draft):
    week_number: int
    metrics: list[DraftKeyValue]
    workouts: list[DraftWorkout]


class DraftWeeklyTarget(_Draft):
    week_offset: int
    split: str = Field(description="seven Mon–Sun day labels joined by '-', 'Rest' for rest days")
    total_mileage: float | None
    long_run_mileage: float | None
    avg_intensity_pct_1rm: float | None
    total_sets_main_lifts: int | None
    deload: bool


class DraftPhase(_Draft):
    phase: str
    weeks: int
    weekly_targets: list[DraftWeeklyTarget]


class DraftMacrocycle(_Draft):
    name: str
    length_weeks: int
    mesocycles: list[DraftPhase]


class DraftOutline(_Draft):
    program_type: Literal["endurance", "strength", "shred", "hybrid", "rehab", "other"]
    overview: str
    macrocycles: list[DraftMacrocycle]
