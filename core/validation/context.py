"""What every rule reads and returns: the validation context, a Problem and the paths it names."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Literal

from core.dates import (
    WEEKDAY_NAMES,
    DateRange,
    microcycle_date_ranges,
)
from core.schemas import (
    ClientProfile,
    Exercise,
    MesocycleDetailed,
    Microcycle,
    ProgramType,
    WeeklyTarget,
    WorkoutInstance,
    effective_units,
)
from core.units import format_distance
from core.validation.measures import is_rest, is_rest_label

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    severity: Severity
    path: str
    """Where it is, e.g. "week 2 › Thu › Back Squat"."""
    message: str
    """A sentence a coach understands."""


def has_errors(problems: list[Problem]) -> bool:
    return any(problem.severity == "error" for problem in problems)


def fmt(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def day_name(day: date) -> str:
    return WEEKDAY_NAMES[day.weekday()]


def week_label(micro: Microcycle) -> str:
    return f"week {micro.week_number}"


def workout_path(micro: Microcycle, workout: WorkoutInstance) -> str:
    return f"{week_label(micro)} › {day_name(workout.date)}"


def exercise_path(micro: Microcycle, workout: WorkoutInstance, exercise: Exercise) -> str:
    return f"{workout_path(micro, workout)} › {exercise.name}"


@dataclass(frozen=True)
class Context:
    mesocycle: MesocycleDetailed
    profile: ClientProfile
    program_type: ProgramType
    start_date: date | None
    equipment: frozenset[str]
    injuries: frozenset[str]

    @cached_property
    def ranges(self) -> dict[int, DateRange]:
        if self.start_date is None:
            return {}
        return microcycle_date_ranges(self.start_date, self.mesocycle.weeks)

    def target(self, micro: Microcycle) -> WeeklyTarget | None:
        """The weekly target of a week (the transition week borrows week 1's split)."""
        index = max(micro.week_number - 1, 0)
        targets = self.mesocycle.weekly_targets
        return targets[index] if index < len(targets) else None

    def is_deload(self, micro: Microcycle) -> bool:
        target = self.target(micro)
        return micro.deload or bool(target and target.deload and not micro.is_transition)

    def days_of(self, micro: Microcycle) -> list[date]:
        """The week's dates, as planned (else as the week says; none when unknown)."""
        week = self.ranges.get(micro.week_number)
        if week is None and micro.start_date and micro.end_date:
            week = DateRange(micro.start_date, micro.end_date)
        if week is None:
            return []
        return [week.start_date + timedelta(days=offset) for offset in range(week.days)]

    def away_in(self, micro: Microcycle) -> bool:
        """The client is away some day of the week: its sessions may move or be dropped."""
        return any(self.profile.unavailable_on(day) is not None for day in self.days_of(micro))

    def cut_short(self, micro: Microcycle) -> bool:
        """Away dates took sessions out of the week (fewer than its split's training days)."""
        target = self.target(micro)
        if target is None or not self.away_in(micro):
            return False
        planned = sum(not is_rest_label(label) for label in target.split_days)
        return len(training_workouts(micro)) < planned

    def distance(self, km: float) -> str:
        """A distance as the client reads it: '12.4 km' or '7.7 mi'."""
        return format_distance(km, effective_units(self.profile).distance)

    def full_weeks(self) -> list[Microcycle]:
        return [micro for micro in self.mesocycle.microcycles if not micro.is_transition]

    def exercises(self) -> Iterator[tuple[Microcycle, WorkoutInstance, Exercise]]:
        for micro in self.mesocycle.microcycles:
            for workout in micro.workouts:
                for exercise in workout.exercises:
                    yield micro, workout, exercise


Rule = Callable[[Context], Iterable[Problem]]
"""A rule: every problem of one kind in a mesocycle."""


def training_workouts(micro: Microcycle) -> list[WorkoutInstance]:
    return [workout for workout in micro.workouts if not is_rest(workout)]
