"""What a check reads and returns: a generated program, an outcome, where a fault is."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from core.events import holds_event
from core.generation.engine.timing import is_warmup
from core.schemas import (
    ClientProfile,
    FitnessProgram,
    MesocycleDetailed,
    Microcycle,
    ProgramType,
    WorkoutInstance,
)


@dataclass(frozen=True)
class GeneratedProgram:
    """One program as the coach would read it: the outline and each phase's breakdown."""

    profile: ClientProfile
    weeks: int
    start: date
    program: FitnessProgram
    phases: tuple[tuple[date, MesocycleDetailed], ...]

    @property
    def program_type(self) -> ProgramType:
        return self.program.program_type

    def full_weeks(self) -> Iterator[tuple[MesocycleDetailed, Microcycle]]:
        """Every Monday–Sunday week of every phase (transition weeks left out)."""
        for _start, meso in self.phases:
            for micro in meso.microcycles:
                if micro.week_number > 0:
                    yield meso, micro

    def is_event_week(self, micro: Microcycle) -> bool:
        """The week holding the client's event: judged by the event check (it ends early)."""
        return holds_event(micro, self.profile)

    def build_weeks(self) -> Iterator[tuple[MesocycleDetailed, Microcycle]]:
        for meso, micro in self.full_weeks():
            if not micro.deload:
                yield meso, micro

    def measured_weeks(self) -> Iterator[tuple[MesocycleDetailed, Microcycle]]:
        """The build weeks a week's volume and pull:push are measured on: not a week away dates
        cut short (sessions dropped), not the event's week (it ends early by design: nothing on
        or after the event, quiet days before it; the event check judges it)."""
        for meso, micro in self.build_weeks():
            if not self.cut_short(micro) and not self.is_event_week(micro):
                yield meso, micro

    def free_days(self, micro: Microcycle) -> int | None:
        """Days of a week the client can train on when away some of it, else None (as the
        validator counts them: a week with away dates may hold fewer sessions)."""
        if micro.start_date is None or micro.end_date is None:
            return None
        days = [
            micro.start_date + timedelta(days=offset)
            for offset in range((micro.end_date - micro.start_date).days + 1)
        ]
        if all(self.profile.unavailable_on(day) is None for day in days):
            return None
        return sum(self.profile.can_train_on(day) for day in days)

    def cut_short(self, micro: Microcycle) -> bool:
        """Away dates took training days out of the week: no measure of the block's volume."""
        free = self.free_days(micro)
        low, _high = wanted_days(self.profile, self.program_type)
        return free is not None and len({w.date for w in micro.workouts}) < low


@dataclass
class Outcome:
    passed: bool
    figure: str
    examples: list[str] = field(default_factory=list)


Check = Callable[[GeneratedProgram], Outcome]
MAX_EXAMPLES = 3


def outcome(figure: str, failures: list[str]) -> Outcome:
    return Outcome(not failures, figure, failures[:MAX_EXAMPLES])


def place_of(micro: Microcycle, workout: WorkoutInstance, meso: MesocycleDetailed) -> str:
    return f"{meso.phase} wk {micro.week_number} {workout.date:%a}"


def has_warmup(workout: WorkoutInstance) -> bool:
    return any(is_warmup(block.label) and block.exercises for block in workout.blocks)


def wanted_days(profile: ClientProfile, program_type: ProgramType) -> tuple[int, int]:
    """(fewest, most) training days a week: min(days, 6); a rehab client at least min(days, 3)."""
    days = profile.days_per_week
    if program_type == ProgramType.REHAB:
        return min(days, 3), days
    return min(days, 6), min(days, 6)
