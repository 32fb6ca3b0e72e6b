"""Fill a database with many coaches, clients and a year of workouts, through the bulk save path.

    python -m tools.seed_scale --clients 2000 --weeks 52 [--coaches 20] [--database-url URL] [--seed 1]

Coaches ``coach-01`` … ``coach-NN`` (password printed once) get the clients round-robin. Every client
has a program from ``OfflineEngine.outline`` starting about half a year ago (a few weeks either way,
some on a Wednesday so they have a transition week 0), and every phase broken down with
``OfflineEngine.breakdown``, turned into rows by ``core.records.build_mesocycle_rows`` and stored with
``db.mesocycle_store.store_mesocycle_data`` (many mesocycles per transaction).

Speed: the engine is deterministic and its sessions depend on the profile's shape and the start's
weekday, not on the name or the week, so each phase's rows are built once per (archetype, weekday,
phase) and copied per client with fresh ids and dates shifted by whole weeks; only the outline (its
overview names the client and the start) is generated per client.

Past sessions get a deterministic status mix (seeded by ``--seed`` and the client's number): most
completed with a session RPE and minutes, some skipped, some left scheduled (missed). Client
"personas" make the coach overview interesting: steady, inconsistent, dropping off in the last
weeks, and lapsed (nothing logged for one to three weeks).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from typing import Any

from sqlalchemy import Engine, func, insert, select
from sqlmodel import Session, col

from core.dates import monday_of, today_in
from core.generation.engine import OfflineEngine
from core.records import MesocycleRows, build_mesocycle_rows
from core.schemas import ClientProfile, FitnessProgram, SessionType
from core.service import phase_slots
from db.accounts import coach_by_username, create_coach
from db.engine import make_engine
from db.mesocycle_store import store_mesocycle_data
from db.migrate import upgrade_to_head
from db.models import ClientDB, CoachDB, FitnessProgramDB, WorkoutInstanceDB, utc_now
from db.settings import database_url, describe_url

COACH_PASSWORD = "periodize-scale-1"
"""Every seeded coach's password (a test fixture, printed once; change it with ``cli.py coach``)."""
REFERENCE_MONDAY = date(2024, 1, 1)
"""Templates are generated for programs starting in this week, then shifted by whole weeks."""
START_WEEKDAYS = (0, 0, 0, 2)
"""Most programs start on a Monday; a quarter on a Wednesday (transition week 0)."""
START_JITTER_WEEKS = 4
TIMEZONES = ("UTC", "Europe/Berlin", "Europe/London", "America/New_York", "Australia/Sydney")
FIRST = ("Alex", "Sam", "Jo", "Kim", "Ari", "Noa", "Lee", "Max", "Rio", "Eli", "Ada", "Ira")
LAST = ("Weber", "Okafor", "Becker", "Silva", "Tanaka", "Novak", "Haddad", "Moreau", "Berg")

_BARBELL = ["barbell", "dumbbells", "bench", "pull_up_bar", "cables", "machines"]
ARCHETYPES: tuple[dict[str, Any], ...] = (
    {
        "goal": "strength",
        "experience": "intermediate",
        "daysPerWeek": 4,
        "minutesPerSession": 75,
        "equipment": _BARBELL,
        "oneRepMaxes": {"Back Squat": 150, "Bench Press": 105, "Deadlift": 190},
        "bodyweightKg": 84,
    },
    {
        "goal": "muscle_gain",
        "experience": "advanced",
        "daysPerWeek": 5,
        "minutesPerSession": 70,
        "equipment": _BARBELL,
        "oneRepMaxes": {"Back Squat": 170, "Bench Press": 120, "Deadlift": 210},
        "bodyweightKg": 90,
    },
    {
        "goal": "endurance",
        "experience": "advanced",
        "daysPerWeek": 6,
        "minutesPerSession": 60,
        "equipment": ["treadmill", "bike", "dumbbells", "kettlebell", "bands"],
        "bodyweightKg": 58,
    },
    {
        "goal": "endurance",
        "experience": "intermediate",
        "daysPerWeek": 5,
        "minutesPerSession": 50,
        "equipment": ["treadmill", "dumbbells", "bands"],
        "bodyweightKg": 66,
    },
    {
        "goal": "weight_loss",
        "experience": "beginner",
        "daysPerWeek": 5,
        "minutesPerSession": 45,
        "equipment": ["dumbbells", "kettlebell", "bands", "bike"],
        "bodyweightKg": 96,
    },
    {
        "goal": "general_fitness",
        "experience": "intermediate",
        "daysPerWeek": 5,
        "minutesPerSession": 60,
        "equipment": [*_BARBELL, "kettlebell"],
        "oneRepMaxes": {"Back Squat": 100, "Bench Press": 70},
        "bodyweightKg": 72,
    },
    {
        "goal": "rehab",
        "experience": "beginner",
        "daysPerWeek": 3,
        "minutesPerSession": 45,
        "equipment": ["dumbbells", "bands", "machines", "bike"],
        "injuries": ["knee"],
        "bodyweightKg": 91,
    },
    {
        "goal": "strength",
        "experience": "beginner",
        "daysPerWeek": 3,
        "minutesPerSession": 60,
        "equipment": _BARBELL,
        "oneRepMaxes": {"Back Squat": 90, "Bench Press": 60, "Deadlift": 110},
        "bodyweightKg": 75,
    },
)


@dataclass(frozen=True)
class Persona:
    """How a client logs: completion and skip rates, and what happens in the last weeks."""

    name: str
    completion: float
    skip: float
    weight: int
    recent_completion: float | None = None
    """Completion over the last ``recent_days`` (a client dropping off), if different."""
    recent_days: int = 21
    lapsed_days: tuple[int, int] | None = None
    """Nothing logged for this many days before today (min, max)."""


PERSONAS = (
    Persona("steady", 0.88, 0.07, 60),
    Persona("inconsistent", 0.6, 0.2, 15),
    Persona("dropping", 0.9, 0.05, 15, recent_completion=0.35),
    Persona("lapsed", 0.85, 0.1, 10, lapsed_days=(8, 24)),
)


@dataclass
class SeedReport:
    coaches: int = 0
    clients: int = 0
    programs: int = 0
    mesocycles: int = 0
    microcycles: int = 0
    workouts: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    """Workout statuses; ``missed`` counts scheduled training sessions dated before today."""
    personas: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def summary(self) -> str:
        mix = ", ".join(f"{k} {v}" for k, v in sorted(self.statuses.items()))
        rate = self.workouts / self.seconds if self.seconds else 0.0
        return (
            f"{self.coaches} coaches, {self.clients} clients, {self.programs} programs, "
            f"{self.mesocycles} mesocycles, {self.microcycles} microcycles, {self.workouts} "
            f"workouts ({mix}) in {self.seconds:.1f} s ({rate:,.0f} workouts/s)"
        )


@dataclass(frozen=True)
class _Template:
    """One archetype's program at the reference start: the outline and each phase's rows."""

    program: FitnessProgram
    start: date
    phases: list[tuple[date, MesocycleRows]]


class _Templates:
    def __init__(self, weeks: int) -> None:
        self.weeks = weeks
        self.engine = OfflineEngine()
        self._cache: dict[tuple[int, int], _Template] = {}

    def get(self, archetype: int, weekday: int) -> _Template:
        key = (archetype, weekday)
        if key not in self._cache:
            self._cache[key] = self._build(archetype, weekday)
        return self._cache[key]

    def _build(self, archetype: int, weekday: int) -> _Template:
        profile = _profile(archetype, "Template Client", "UTC")
        start = REFERENCE_MONDAY + timedelta(days=weekday)
        program = self.engine.outline(profile, self.weeks, start)
        phases = []
        for slot in phase_slots(program, start):
            detailed = self.engine.breakdown(
                slot.plan, profile, program.program_type, slot.start_date
            )
            rows = build_mesocycle_rows(
                detailed,
                uuid.UUID(int=0),
                slot.macrocycle_id,
                uuid.UUID(int=0),
                slot.order_index,
                slot.start_date,
                utc_now(),
            )
            phases.append((slot.start_date, rows))
        return _Template(program, start, phases)


def _profile(archetype: int, name: str, timezone: str) -> ClientProfile:
    return ClientProfile.model_validate(
        {**ARCHETYPES[archetype], "name": name, "timezone": timezone}
    )


def _copy_rows(
    rows: MesocycleRows,
    shift: timedelta,
    client_id: uuid.UUID,
    program_id: uuid.UUID,
    now: datetime,
) -> MesocycleRows:
    """The template's rows with fresh ids, this client and program, dates moved by ``shift``."""
    stamps = {"created_at": now, "updated_at": now}
    mesocycle_id = uuid.uuid4()
    meso = {
        **rows.mesocycle,
        "id": mesocycle_id,
        "client_id": client_id,
        "fitness_program_id": program_id,
        "start_date": rows.mesocycle["start_date"] + shift,
        "end_date": rows.mesocycle["end_date"] + shift,
        **stamps,
    }
    micro_ids: dict[uuid.UUID, uuid.UUID] = {}
    micros = []
    for micro in rows.microcycles:
        micro_ids[micro["id"]] = new_id = uuid.uuid4()
        micros.append(
            {
                **micro,
                "id": new_id,
                "client_id": client_id,
                "mesocycle_id": mesocycle_id,
                "start_date": micro["start_date"] + shift,
                "end_date": micro["end_date"] + shift,
                **stamps,
            }
        )
    workouts = [
        {
            **workout,
            "id": uuid.uuid4(),
            "client_id": client_id,
            "microcycle_id": micro_ids[workout["microcycle_id"]],
            "date": workout["date"] + shift,
            # executemany needs the same keys in every row; _log fills these for logged sessions
            "completed_at": None,
            "session_rpe": None,
            "actual_minutes": None,
            **stamps,
        }
        for workout in rows.workouts
    ]
    return MesocycleRows(meso, micros, workouts)


def _log(workouts: Iterable[dict[str, Any]], persona: Persona, rng: random.Random, today: date):
    """Give past training sessions a status, RPE and minutes, as a coach would have logged them."""
    lapse_from = None
    if persona.lapsed_days is not None:
        lapse_from = today - timedelta(days=rng.randint(*persona.lapsed_days))
    recent_from = today - timedelta(days=persona.recent_days)
    for workout in workouts:
        day = workout["date"]
        if day >= today or workout["session_type"] == SessionType.REST.value:
            continue
        if lapse_from is not None and day > lapse_from:
            continue  # stayed scheduled: missed
        completion = persona.completion
        if persona.recent_completion is not None and day >= recent_from:
            completion = persona.recent_completion
        roll = rng.random()
        if roll < completion:
            target = workout["target_rpe"] or 6.0
            rpe = min(10.0, max(1.0, round((target + rng.choice((-1, -0.5, 0, 0.5, 1))) * 2) / 2))
            planned = workout["planned_minutes"] or 45
            workout["status"] = "completed"
            workout["session_rpe"] = rpe
            workout["actual_minutes"] = max(10, planned + rng.choice((-10, -5, 0, 0, 5, 10)))
            workout["completed_at"] = datetime.combine(day, clock(18, 0), tzinfo=UTC)
        elif roll < completion + persona.skip:
            workout["status"] = "skipped"


def _print(line: str) -> None:
    print(line, flush=True)


def _coaches(engine: Engine, count: int, out: Callable[[str], None]) -> list[uuid.UUID]:
    ids = []
    created = 0
    for number in range(1, count + 1):
        username = f"coach-{number:02d}"
        existing = coach_by_username(engine, username)
        if existing is not None:
            ids.append(existing.id)
            continue
        ids.append(create_coach(engine, username, COACH_PASSWORD, f"Coach {number:02d}"))
        created += 1
    if created:
        out(f"coaches coach-01 … coach-{count:02d}, password: {COACH_PASSWORD}")
    return ids


def seed_scale(
    engine: Engine,
    clients: int = 2000,
    weeks: int = 52,
    coaches: int = 20,
    seed: int = 1,
    today: date | None = None,
    batch_clients: int = 50,
    out: Callable[[str], None] = _print,
) -> SeedReport:
    """Add ``clients`` clients (each with a ``weeks``-week program) spread over ``coaches``."""
    started = time.perf_counter()
    today = today or today_in("UTC")
    report = SeedReport()
    coach_ids = _coaches(engine, coaches, out)
    report.coaches = len(coach_ids)
    with Session(engine) as session:
        first = session.execute(select(func.count()).select_from(ClientDB)).scalar_one()
    templates = _Templates(weeks)
    this_monday = monday_of(today)
    base_monday = this_monday - timedelta(weeks=weeks // 2)
    personas = [p for p in PERSONAS for _ in range(p.weight)]
    for batch_start in range(0, clients, batch_clients):
        numbers = range(batch_start, min(clients, batch_start + batch_clients))
        client_rows, program_rows, mesocycles = [], [], []
        for number in numbers:
            index = first + number
            rng = random.Random(f"{seed}:{index}")
            archetype = rng.randrange(len(ARCHETYPES))
            weekday = rng.choice(START_WEEKDAYS)
            persona = rng.choice(personas)
            report.personas[persona.name] += 1
            template = templates.get(archetype, weekday)
            jitter = rng.randint(-START_JITTER_WEEKS, START_JITTER_WEEKS)
            start = base_monday + timedelta(weeks=jitter, days=weekday)
            shift = start - template.start
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {index + 1:04d}"
            profile = _profile(archetype, name, rng.choice(TIMEZONES))
            now = utc_now()
            client_id, program_id = uuid.uuid4(), uuid.uuid4()
            client_rows.append(
                {
                    "id": client_id,
                    "coach_id": coach_ids[index % len(coach_ids)],
                    "name": name,
                    "profile": profile.model_dump(mode="json"),
                    "created_at": now,
                    "updated_at": now,
                }
            )
            program = templates.engine.outline(profile, weeks, start)
            program_rows.append(
                {
                    "id": program_id,
                    "client_id": client_id,
                    "program_type": program.program_type.value,
                    "overview": program.overview,
                    "start_date": start,
                    "weeks": weeks,
                    "macrocycles": [m.model_dump(mode="json") for m in program.macrocycles],
                    "generated_by": templates.engine.name,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            copies = [
                _copy_rows(rows, shift, client_id, program_id, now) for _, rows in template.phases
            ]
            _log((w for rows in copies for w in rows.workouts), persona, rng, today)
            mesocycles.extend(copies)
        with Session(engine) as session:
            # SQLModel declares no ``__table__`` to type checkers; the metadata holds the tables.
            tables = ClientDB.metadata.tables
            session.execute(insert(tables[ClientDB.__tablename__]), client_rows)
            session.execute(insert(tables[FitnessProgramDB.__tablename__]), program_rows)
            for rows in mesocycles:
                store_mesocycle_data(session, rows)
            session.commit()
        report.clients += len(client_rows)
        report.programs += len(program_rows)
        report.mesocycles += len(mesocycles)
        for rows in mesocycles:
            report.microcycles += len(rows.microcycles)
            report.workouts += len(rows.workouts)
            for workout in rows.workouts:
                status = workout["status"]
                if (
                    status == "scheduled"
                    and workout["date"] < today
                    and workout["session_type"] != SessionType.REST.value
                ):
                    status = "missed"
                report.statuses[status] += 1
        elapsed = time.perf_counter() - started
        out(
            f"  {report.clients:>6}/{clients} clients, {report.workouts:>8,} workouts, "
            f"{elapsed:6.1f} s"
        )
    report.seconds = time.perf_counter() - started
    return report


def table_counts(engine: Engine) -> dict[str, int]:
    """Rows per table and workouts per status (for the report and the tests)."""
    from db.models import MesocycleDB, MicrocycleDB

    counts: dict[str, int] = {}
    with Session(engine) as session:
        for model in (CoachDB, ClientDB, FitnessProgramDB, MesocycleDB, MicrocycleDB):
            counts[model.__tablename__] = session.execute(
                select(func.count()).select_from(model)
            ).scalar_one()
        status = col(WorkoutInstanceDB.status)
        for value, number in session.execute(select(status, func.count()).group_by(status)):
            counts[f"workouts_{value}"] = number
    counts["workout_instances"] = sum(v for k, v in counts.items() if k.startswith("workouts_"))
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--coaches", type=int, default=20)
    parser.add_argument("--database-url", default=None, help="default: DATABASE_URL / data/")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD")
    parser.add_argument("--batch", type=int, default=50, help="clients per transaction")
    args = parser.parse_args(argv)
    url = args.database_url or database_url()
    engine = make_engine(url)
    try:
        print(f"database: {describe_url(url)}")
        upgrade_to_head(engine)
        report = seed_scale(
            engine,
            clients=args.clients,
            weeks=args.weeks,
            coaches=args.coaches,
            seed=args.seed,
            today=args.today,
            batch_clients=args.batch,
        )
        print(f"seeded {report.summary()}")
        print("personas: " + ", ".join(f"{k} {v}" for k, v in sorted(report.personas.items())))
        if engine.dialect.name == "postgresql":
            with engine.begin() as connection:
                connection.exec_driver_sql("ANALYZE")
            print("ANALYZE done")
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
