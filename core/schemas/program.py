"""The spec's program hierarchy: a program's outline (macrocycles, mesocycle plans, weekly targets)
and a mesocycle's breakdown (microcycles, workouts, blocks, exercises)."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import (
    Field,
    computed_field,
    field_validator,
    model_validator,
)

from core.schemas.base import DomainModel, KeyValuePair
from core.schemas.enums import ProgramType, SessionType
from core.schemas.profile import Units
from core.units import format_distance, format_load


class WeeklyTarget(DomainModel):
    week_offset: int = Field(ge=0, le=51)
    split: str = Field(min_length=1, max_length=200)
    total_mileage: float | None = Field(default=None, ge=0, le=300)
    long_run_mileage: float | None = Field(default=None, ge=0, le=100)
    avg_intensity_pct_1rm: float | None = Field(
        default=None, ge=30, le=105, alias="avgIntensityPct1rm"
    )
    total_sets_main_lifts: int | None = Field(default=None, ge=0, le=200)
    deload: bool = False

    @field_validator("split")
    @classmethod
    def _seven_days(cls, value: str) -> str:
        days = value.split("-")
        if len(days) != 7:
            raise ValueError(
                f"the split needs 7 dash-separated days Mon–Sun (e.g. "
                f"'Upper-Lower-Rest-Upper-Lower-Rest-Rest'), got {len(days)}"
            )
        return value

    @property
    def split_days(self) -> list[str]:
        """The Mon–Sun pattern as seven labels ("Upper-Lower-Rest-…")."""
        return [part.strip() for part in self.split.split("-")]


class MesocyclePlan(DomainModel):
    """One block of a macrocycle: phase label, weeks, one weekly target per week."""

    id: str | None = Field(default=None, max_length=80, description="label only, never a key")
    phase: str = Field(min_length=1, max_length=60)
    weeks: int = Field(ge=1, le=12)
    weekly_targets: list[WeeklyTarget]

    @model_validator(mode="after")
    def _targets_match_weeks(self) -> MesocyclePlan:
        if len(self.weekly_targets) != self.weeks:
            raise ValueError(
                f"phase '{self.phase}' has {self.weeks} weeks but "
                f"{len(self.weekly_targets)} weekly targets; give one target per week"
            )
        offsets = [target.week_offset for target in self.weekly_targets]
        if offsets != list(range(self.weeks)):
            raise ValueError(
                f"phase '{self.phase}': weekly targets must be numbered 0..{self.weeks - 1} "
                f"in order, got {offsets}"
            )
        return self


class Macrocycle(DomainModel):
    id: str = Field(min_length=1, max_length=80)
    name: str = Field(min_length=1, max_length=120)
    length_weeks: int = Field(ge=1, le=104)
    mesocycles: list[MesocyclePlan] = Field(min_length=1)

    @model_validator(mode="after")
    def _weeks_add_up(self) -> Macrocycle:
        total = sum(plan.weeks for plan in self.mesocycles)
        if total != self.length_weeks:
            raise ValueError(
                f"macrocycle '{self.name}' is {self.length_weeks} weeks long but its phases "
                f"add up to {total} weeks"
            )
        return self


def program_type_target_problems(plan: MesocyclePlan, program_type: ProgramType) -> list[str]:
    """The origin's first schema rule, keyed on program type: which weekly targets are required."""
    problems: list[str] = []
    for target in plan.weekly_targets:
        week = f"phase '{plan.phase}' week {target.week_offset + 1}"
        if program_type == ProgramType.STRENGTH:
            if target.avg_intensity_pct_1rm is None:
                problems.append(f"{week}: a strength block needs an average intensity (% 1RM)")
            if target.total_sets_main_lifts is None:
                problems.append(f"{week}: a strength block needs a main-lift set target")
        if program_type == ProgramType.ENDURANCE:
            if target.total_mileage is None:
                problems.append(f"{week}: an endurance block needs a weekly mileage target")
            if target.long_run_mileage is None:
                problems.append(f"{week}: an endurance block needs a long-run mileage target")
    return problems


class FitnessProgram(DomainModel):
    program_type: ProgramType
    overview: str = Field(min_length=1, max_length=4000)
    macrocycles: list[Macrocycle] = Field(min_length=1)

    @model_validator(mode="after")
    def _targets_fit_program_type(self) -> FitnessProgram:
        problems = [
            problem
            for macrocycle in self.macrocycles
            for plan in macrocycle.mesocycles
            for problem in program_type_target_problems(plan, self.program_type)
        ]
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def all_phases(self) -> list[tuple[Macrocycle, int, MesocyclePlan]]:
        """(macrocycle, order_index, plan) for every phase, in program order."""
        return [
            (macrocycle, index, plan)
            for macrocycle in self.macrocycles
            for index, plan in enumerate(macrocycle.mesocycles)
        ]


MAX_PCT_ONE_RM = 110
"""The highest %1RM a plan stores (an overload above the 1RM is written in kg alone)."""


class Exercise(DomainModel):
    """One structured prescription inside a block; the seed's activity string is derived from it."""

    name: str = Field(min_length=1, max_length=120)
    sets: int = Field(ge=1, le=20)
    reps: int | None = Field(default=None, ge=1, le=100, description="reps, or a range's low end")
    reps_max: int | None = Field(default=None, ge=1, le=100)
    load_kg: float | None = Field(default=None, ge=0, le=600)
    pct_one_rm: float | None = Field(default=None, gt=0, le=MAX_PCT_ONE_RM)
    rpe: float | None = Field(default=None, ge=1, le=10)
    rir: float | None = Field(default=None, ge=0, le=10)
    rest_seconds: int | None = Field(default=None, ge=0, le=900)
    duration_minutes: float | None = Field(default=None, gt=0, le=600)
    distance_km: float | None = Field(
        default=None, gt=0, le=250, description="per set (e.g. 6 × 0.8 km intervals)"
    )
    notes: str | None = Field(default=None, max_length=500)
    rationale: str | None = Field(default=None, max_length=300)

    @model_validator(mode="after")
    def _has_a_dose(self) -> Exercise:
        if self.reps is None and self.duration_minutes is None and self.distance_km is None:
            raise ValueError(f"'{self.name}' needs reps, a duration or a distance")
        if self.reps_max is not None and (self.reps is None or self.reps_max < self.reps):
            raise ValueError(f"'{self.name}': the rep range's top must not be below its bottom")
        return self

    @property
    def activity(self) -> str:
        """The seed's free-text form, e.g. "Back Squat: 4x6 @ 75% 1RM, 180s rest" (kg, km)."""
        return self.describe(Units())

    def describe(self, units: Units) -> str:
        """``activity`` with loads and distances in ``units``: "Back Squat: 3x5 @ 185 lb"."""
        load, distance = units.load, units.distance
        dose = f"{self.sets}x"
        if self.reps is not None:
            dose += f"{self.reps}" + (f"-{self.reps_max}" if self.reps_max else "")
        elif self.duration_minutes is not None:
            dose += f"{_number(self.duration_minutes)} min"
        else:
            dose += format_distance(self.distance_km or 0, distance)
        extras = []
        if self.reps is not None and self.duration_minutes is not None:
            extras.append(f"{_number(self.duration_minutes)} min")
        if self.distance_km is not None and (
            self.reps is not None or self.duration_minutes is not None
        ):
            extras.append(format_distance(self.distance_km, distance))  # not already the dose
        if self.load_kg is not None:
            dose += f" @ {format_load(self.load_kg, load)}"
        elif self.pct_one_rm is not None:
            dose += f" @ {_number(self.pct_one_rm)}% 1RM"
        if self.rir is not None:
            extras.append(f"RIR {_number(self.rir)}")
        elif self.rpe is not None:
            extras.append(f"RPE {_number(self.rpe)}")
        if self.rest_seconds:
            extras.append(f"{self.rest_seconds}s rest")
        return f"{self.name}: " + ", ".join([dose, *extras])


def _number(value: float) -> str:
    return f"{value:g}"


class WorkoutBlock(DomainModel):
    label: str = Field(min_length=1, max_length=60)
    exercises: list[Exercise] = Field(default_factory=list, max_length=30)

    @model_validator(mode="before")
    @classmethod
    def _drop_derived_activities(cls, data: object) -> object:
        # ``activities`` is derived output; accept it back (round trips) but never trust it.
        if isinstance(data, dict) and "activities" in data:
            data = {key: value for key, value in data.items() if key != "activities"}
        return data

    # mypy rejects any decorator over @property; pydantic documents computed_field this way.
    @computed_field  # type: ignore[prop-decorator]
    @property
    def activities(self) -> list[str]:
        return [exercise.activity for exercise in self.exercises]


class WorkoutInstance(DomainModel):
    """One dated session. ``id`` is assigned in code (UUID) before storage."""

    id: uuid.UUID | None = None
    date: date
    session_type: SessionType
    title: str = Field(min_length=1, max_length=120)
    blocks: list[WorkoutBlock] = Field(default_factory=list, max_length=12)
    targets: list[KeyValuePair] = Field(default_factory=list, max_length=30)
    planned_minutes: int | None = Field(default=None, ge=0, le=600)
    target_rpe: float | None = Field(default=None, ge=1, le=10)
    notes: str | None = Field(default=None, max_length=1000)

    @property
    def exercises(self) -> list[Exercise]:
        return [exercise for block in self.blocks for exercise in block.exercises]


class Microcycle(DomainModel):
    """One Monday–Sunday week; week 0 is the transition week before the first Monday."""

    id: uuid.UUID | None = None
    week_number: int = Field(ge=0, le=52)
    start_date: date | None = None
    end_date: date | None = None
    deload: bool = False
    generated_by: str | None = Field(default=None, max_length=40)
    metrics: list[KeyValuePair] = Field(default_factory=list, max_length=30)
    workouts: list[WorkoutInstance] = Field(default_factory=list, max_length=21)

    @property
    def is_transition(self) -> bool:
        return self.week_number == 0

    @model_validator(mode="after")
    def _workouts_inside_week(self) -> Microcycle:
        if self.start_date and self.end_date:
            if self.end_date < self.start_date:
                raise ValueError(f"week {self.week_number} ends before it starts")
            for workout in self.workouts:
                if not self.start_date <= workout.date <= self.end_date:
                    raise ValueError(
                        f"week {self.week_number}: workout '{workout.title}' on {workout.date} is "
                        f"outside the week ({self.start_date} to {self.end_date})"
                    )
        return self


class MesocycleDetailed(MesocyclePlan):
    """The plan plus its microcycles: what the breakdown produces."""

    mesocycle_id: uuid.UUID | None = Field(default=None, alias="mesocycleId")
    start_date: date | None = None
    end_date: date | None = None
    microcycles: list[Microcycle]

    @model_validator(mode="after")
    def _weeks_are_contiguous(self) -> MesocycleDetailed:
        numbers = [micro.week_number for micro in self.microcycles]
        expected = list(range(1, self.weeks + 1))
        if numbers and numbers[0] == 0:
            expected = [0, *expected]
        if numbers != expected:
            raise ValueError(
                f"phase '{self.phase}': weeks must be numbered {expected} in order "
                f"(0 is the transition week), got {numbers}"
            )
        return self

    def workouts(self) -> list[WorkoutInstance]:
        return [workout for micro in self.microcycles for workout in micro.workouts]
