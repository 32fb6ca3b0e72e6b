"""Demo data through the service: three realistic clients with programs, saved phases and history.

Deterministic for a given ``today``: a strength, an endurance and a rehab client; their programs
started weeks ago, so past weeks are history (most sessions completed with an RPE and minutes, some
skipped, a few left missed) and later weeks are still scheduled. Everything goes through
``MesocycleGenerationService`` with the offline engine, exactly as a coach's clicks would.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, time, timedelta

from core.dates import monday_of, today_in
from core.generation.base import MesocycleGenerator
from core.ports import Storage
from core.read_models import ClientRecord, WorkoutRecord
from core.schemas import (
    ClientProfile,
    SessionType,
    UnavailableDates,
    WorkoutBlock,
    WorkoutStatus,
)
from core.service import MesocycleGenerationService
from core.session_log import SessionLog, SetResult, planned_sets


@dataclass(frozen=True)
class DemoClient:
    profile: ClientProfile
    weeks_ago: int
    """The program started on the Monday this many weeks before today's week …"""
    start_weekday: int
    """… shifted to this weekday (0 = Monday; another day gives a transition week 0)."""
    program_weeks: int
    completion: float
    skip: float
    away: tuple[int, int] | None = None
    """Unavailable dates (a holiday): (first day, last day) in days after today's Monday."""

    def profile_for(self, today: date) -> ClientProfile:
        """The profile, its holiday dated relative to ``today`` so it is always ahead."""
        if self.away is None:
            return self.profile
        monday = monday_of(today)
        holiday = UnavailableDates(
            start=monday + timedelta(days=self.away[0]),
            end=monday + timedelta(days=self.away[1]),
            label="holiday",
        )
        return self.profile.model_copy(update={"unavailable": [holiday]})


DEMO_CLIENTS = (
    DemoClient(
        ClientProfile(
            name="Jonas Weber",
            goal="strength",
            experience="intermediate",
            days_per_week=4,
            minutes_per_session=75,
            training_days=["tuesday", "wednesday", "friday", "saturday"],
            session_time=time(18, 30),
            equipment=["barbell", "dumbbells", "bench", "pull_up_bar", "cables", "machines"],
            injuries=[],
            one_rep_maxes={
                "Back Squat": 150,
                "Bench Press": 105,
                "Deadlift": 190,
                "Overhead Press": 65,
            },
            bodyweight_kg=84,
            timezone="Europe/Berlin",
        ),
        weeks_ago=6,
        start_weekday=0,
        program_weeks=16,
        completion=0.85,
        skip=0.1,
        away=(16, 22),
    ),
    DemoClient(
        ClientProfile(
            name="Amara Okafor",
            goal="endurance",
            experience="advanced",
            days_per_week=5,
            minutes_per_session=60,
            days_off=["friday"],
            equipment=["treadmill", "bike", "dumbbells", "kettlebell", "bands"],
            injuries=[],
            one_rep_maxes={},
            bodyweight_kg=58,
            timezone="America/New_York",
        ),
        weeks_ago=4,
        start_weekday=2,
        program_weeks=12,
        completion=0.8,
        skip=0.12,
    ),
    DemoClient(
        ClientProfile(
            name="Tom Becker",
            goal="rehab",
            experience="beginner",
            days_per_week=3,
            minutes_per_session=45,
            equipment=["dumbbells", "bands", "machines", "bike"],
            injuries=["knee"],
            one_rep_maxes={},
            bodyweight_kg=91,
            timezone="Europe/London",
        ),
        weeks_ago=3,
        start_weekday=0,
        program_weeks=8,
        completion=0.7,
        skip=0.2,
    ),
)


def load_demo_data(
    storage: Storage,
    service: MesocycleGenerationService,
    today: date | None = None,
    generator: MesocycleGenerator | None = None,
) -> list[uuid.UUID]:
    """Create the demo clients (once: an existing client of the same name is reused)."""
    if generator is None:
        from core.generation.engine import OfflineEngine

        generator = OfflineEngine()
    today = today or today_in("UTC")
    ids = []
    for demo in DEMO_CLIENTS:
        existing = storage.find_client_by_name(demo.profile.name)
        if existing is not None:
            ids.append(existing.id)
            continue
        profile = demo.profile_for(today)
        client_id = storage.create_client(profile)
        client = ClientRecord(client_id, profile)
        monday = monday_of(today)
        start = monday - timedelta(weeks=demo.weeks_ago) + timedelta(days=demo.start_weekday)
        program_id = service.create_program(client, demo.program_weeks, start, generator)
        # The phases that have begun, plus the next one, are planned and saved.
        plan_phases(
            storage,
            service,
            client,
            program_id,
            until=today + timedelta(weeks=4),
            generator=generator,
        )
        log_history(storage, service, client, today, demo.completion, demo.skip)
        ids.append(client_id)
    return ids


def plan_phases(
    storage: Storage,
    service: MesocycleGenerationService,
    client: ClientRecord,
    program_id: uuid.UUID,
    *,
    until: date,
    generator: MesocycleGenerator | None = None,
) -> list[uuid.UUID]:
    """Preview and save every phase of the program that starts on or before ``until``."""
    program = storage.get_program(program_id)
    saved = []
    for slot in service.phases(program):
        if slot.start_date > until:
            break
        saved.append(service.save(service.preview_slot(client, program, slot, generator)))
    return saved


def log_history(
    storage: Storage,
    service: MesocycleGenerationService,
    client: ClientRecord,
    today: date,
    completion: float = 0.85,
    skip: float = 0.1,
) -> int:
    """Mark the client's past training sessions: completed (RPE, minutes), skipped, or left missed.

    Seeded by the client's name, so the same history comes back for the same ``today``.
    """
    rng = random.Random(client.name)
    logged = 0
    for workout in storage.workouts_for_client(client.id, end=today - timedelta(days=1)):
        if workout.session_type == SessionType.REST:
            continue
        roll = rng.random()
        if roll < completion:
            target = workout.target_rpe or 6.0
            rpe = min(10.0, max(1.0, round((target + rng.choice((-1, -0.5, 0, 0.5, 1))) * 2) / 2))
            planned = workout.planned_minutes or 45
            minutes = max(10, planned + rng.choice((-10, -5, 0, 0, 5, 10)))
            log = SessionLog(
                status=WorkoutStatus.COMPLETED,
                session_rpe=rpe,
                minutes=minutes,
                sets=_sets_done(workout, rng),
            )
            service.log_session(workout.id, log)
            logged += 1
        elif roll < completion + skip:
            service.mark_workout(workout.id, WorkoutStatus.SKIPPED)
            logged += 1
    return logged


def _sets_done(workout: WorkoutRecord, rng: random.Random) -> list[SetResult]:
    """The prescribed sets with a plausible day's variation: a rep more or less, effort around
    its target."""
    exercises = [
        exercise
        for block in workout.blocks
        for exercise in WorkoutBlock.model_validate(block).exercises
    ]
    done = []
    for result in planned_sets(exercises):
        reps = None if result.reps is None else max(1, result.reps + rng.choice((-1, 0, 0, 0, 1)))
        rir = (
            None if result.rir is None else max(0.0, result.rir + rng.choice((-1.0, 0.0, 0.0, 1.0)))
        )
        done.append(result.model_copy(update={"reps": reps, "rir": rir}))
    return done


CURRENT_PROGRAM_WEEKS = 16
CURRENT_PROGRAM_AGO = 8
"""A history client's current program began this many weeks ago (or when its history begins)."""


def client_with_history(
    storage: Storage,
    service: MesocycleGenerationService,
    profile: ClientProfile,
    weeks: int,
    today: date,
    generator: MesocycleGenerator | None = None,
) -> ClientRecord:
    """A new client whose last ``weeks`` weeks were planned and logged, as a coach would have.

    The current program (16 weeks) began ``min(weeks, 8)`` weeks before this Monday; the weeks
    before it are one earlier program (a program covers at most 52 weeks). Every phase that has
    begun by next week is saved, and every past session is logged through ``log_history``; the
    later phases stay unplanned.
    """
    if generator is None:
        from core.generation.engine import OfflineEngine

        generator = OfflineEngine()
    client = ClientRecord(storage.create_client(profile), profile)
    monday = monday_of(today)
    current_ago = min(weeks, CURRENT_PROGRAM_AGO)
    programs = [(current_ago, CURRENT_PROGRAM_WEEKS)]
    if weeks > current_ago:
        programs.insert(0, (weeks, weeks - current_ago))
    for weeks_ago, length in programs:
        start = monday - timedelta(weeks=weeks_ago)
        program_id = service.create_program(client, length, start, generator)
        plan_phases(
            storage,
            service,
            client,
            program_id,
            until=today + timedelta(weeks=1),
            generator=generator,
        )
    log_history(storage, service, client, today)
    return client
