"""Test factories: valid profiles, plans and mesocycles built by hand (independent of the engine),
and ``preview_phase``, the service's preview of one phase of a stored program."""

from __future__ import annotations

from datetime import date, timedelta

from core.dates import day_in_week, microcycle_date_ranges
from core.generation.base import MesocycleGenerator
from core.read_models import ClientRecord, ProgramRecord
from core.schemas import (
    ClientProfile,
    Exercise,
    MesocycleDetailed,
    MesocyclePlan,
    Microcycle,
    SessionType,
    WeeklyTarget,
    WorkoutBlock,
    WorkoutInstance,
)
from core.service import MesocycleGenerationService, Preview

SPLIT = "Upper-Lower-Rest-Upper-Lower-Rest-Rest"
TRAINING_WEEKDAYS = (0, 1, 3, 4)


def make_profile(**overrides: object) -> ClientProfile:
    """A valid intermediate strength client; ``overrides`` by field name (``days_per_week=3``) or
    by JSON alias (``daysPerWeek=3``), each replacing the default."""
    values: dict[str, object] = {
        "name": "Alex Example",
        "goal": "strength",
        "experience": "intermediate",
        "daysPerWeek": 4,
        "minutesPerSession": 75,
        "equipment": ["barbell", "dumbbells", "bench", "pull_up_bar", "cables"],
        "injuries": [],
        "oneRepMaxes": {"Back Squat": 140, "Bench Press": 100, "Deadlift": 180},
        "bodyweightKg": 82,
        "timezone": "Europe/Berlin",
    }
    aliases = {name: field.alias or name for name, field in ClientProfile.model_fields.items()}
    values.update({aliases.get(key, key): value for key, value in overrides.items()})
    return ClientProfile.model_validate(values)


def make_plan(weeks: int = 4, phase: str = "Strength") -> MesocyclePlan:
    targets = [
        WeeklyTarget(
            week_offset=i,
            split=SPLIT,
            avg_intensity_pct_1rm=70 + 2.5 * i if i < weeks - 1 else 65,
            total_sets_main_lifts=12 + 2 * i if i < weeks - 1 else 8,
            deload=i == weeks - 1,
        )
        for i in range(weeks)
    ]
    return MesocyclePlan(phase=phase, weeks=weeks, weekly_targets=targets)


def make_exercise(name: str = "Back Squat", sets: int = 4, reps: int = 6) -> Exercise:
    return Exercise(name=name, sets=sets, reps=reps, pct_one_rm=75, rir=2, rest_seconds=180)


def make_workout(day: date, title: str = "Upper", exercises: int = 2) -> WorkoutInstance:
    block = WorkoutBlock(
        label="Main", exercises=[make_exercise(f"Lift {i}") for i in range(exercises)]
    )
    return WorkoutInstance(
        date=day,
        session_type=SessionType.LIFT,
        title=title,
        blocks=[block],
        planned_minutes=60,
        target_rpe=7,
    )


def make_mesocycle(
    start_date: date = date(2026, 11, 30), weeks: int = 4, phase: str = "Strength"
) -> MesocycleDetailed:
    """A valid mesocycle: four lift sessions per full week, one per day of a transition week."""
    plan = make_plan(weeks, phase)
    microcycles = []
    for number, week in microcycle_date_ranges(start_date, weeks).items():
        if number == 0:
            days = [week.start_date + timedelta(days=i) for i in range(week.days)]
            days = [d for d in days if d.weekday() in TRAINING_WEEKDAYS]
        else:
            days = [day_in_week(week, weekday) for weekday in TRAINING_WEEKDAYS]
        microcycles.append(
            Microcycle(
                week_number=number,
                start_date=week.start_date,
                end_date=week.end_date,
                deload=number == weeks,
                generated_by="test",
                workouts=[make_workout(d, f"Session {i + 1}") for i, d in enumerate(days)],
            )
        )
    return MesocycleDetailed(
        phase=plan.phase,
        weeks=weeks,
        weekly_targets=plan.weekly_targets,
        microcycles=microcycles,
        start_date=start_date,
    )


def preview_phase(
    service: MesocycleGenerationService,
    client: ClientRecord,
    program: ProgramRecord,
    index: int = 0,
    generator: MesocycleGenerator | None = None,
) -> Preview:
    """The service's preview of phase ``index`` of a stored program: its plan, macrocycle, start
    date and program type, drafted by ``generator`` (the service's default when None)."""
    return service.preview_slot(client, program, service.phases(program)[index], generator)
