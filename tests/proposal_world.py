"""Test data for autoregulation proposals: a saved phase whose first week was logged easier than
prescribed (every set of the main lift 3 RIR above target), seen on the Monday after it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from core.generation.engine import OfflineEngine
from core.plan_changes import blocks_of
from core.ports import Storage
from core.read_models import ClientRecord, WorkoutRecord
from core.schemas import WorkoutStatus
from core.service import MesocycleGenerationService
from core.session_log import SessionLog, SetResult
from tests.factories import make_profile, preview_phase

START = date(2026, 11, 2)  # a Monday
TODAY = START + timedelta(days=7)  # the Monday after the logged week
MORNING = datetime(TODAY.year, TODAY.month, TODAY.day, 8, 0, tzinfo=UTC)


@dataclass(frozen=True)
class LoggedWeek:
    client: ClientRecord
    logged: list[WorkoutRecord]
    coming: list[WorkoutRecord]
    """This week's sessions with a prescribed load and RIR (what a proposal can change)."""


def _loaded(workout: WorkoutRecord) -> list[tuple[int, str, int, float, float]]:
    exercises = [e for b in blocks_of({"blocks": workout.blocks}) for e in b.exercises]
    return [
        (index, e.name, e.reps or 5, e.load_kg, e.rir)
        for index, e in enumerate(exercises)
        if e.load_kg and e.rir is not None
    ]


def log_easier(storage: Storage, workout: WorkoutRecord, extra_rir: float = 3) -> None:
    """Log ``workout`` completed, every loaded set ``extra_rir`` above its prescribed RIR."""
    sets = [
        SetResult(
            exercise_index=index,
            exercise=exercise,
            set_number=1,
            reps=reps,
            load_kg=load,
            rir=min(10.0, rir + extra_rir),
        )
        for index, exercise, reps, load, rir in _loaded(workout)
    ]
    storage.log_workout(
        workout.id,
        SessionLog(status=WorkoutStatus.COMPLETED, session_rpe=6, minutes=50, sets=sets),
        "coach",
    )


def logged_week(
    storage: Storage, service: MesocycleGenerationService, name: str = "Sam Lifter"
) -> LoggedWeek:
    """Call inside ``frozen_clock(MORNING)``."""
    profile = make_profile(name=name, timezone="UTC")
    client = ClientRecord(storage.create_client(profile), profile)
    program = storage.get_program(service.create_program(client, 8, START))
    service.save(preview_phase(service, client, program, 0, OfflineEngine()))
    workouts = storage.workouts_for_client(client.id)
    week = [w for w in workouts if START <= w.date < TODAY]
    for workout in week:
        log_easier(storage, workout)
    coming = [w for w in workouts if TODAY <= w.date < TODAY + timedelta(days=7) and _loaded(w)]
    return LoggedWeek(client, [storage.get_workout(w.id) for w in week], coming)
