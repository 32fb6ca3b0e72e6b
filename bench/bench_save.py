"""Benchmark: saving one 6-week mesocycle (1 + 7 + 42 rows) on SQLite and PostgreSQL.

Methods, interleaved round-robin so database growth and cache warmth hit all of them alike:

  (1)  ours     db.mesocycle_store.create_mesocycle_with_details, end to end (row building from
                the pydantic model, reference checks, three batched INSERTs, one transaction)
  (1s) store    db.mesocycle_store.save_mesocycle_rows on prebuilt rows (ours minus row building)
  (a)  raw      the same rows through the raw driver (sqlite3 / psycopg), executemany per table
                in one transaction, JSON serialized by hand, no ORM, no checks
  (b)  rowbyrow the spec's loop: one ORM add + flush per row (the repositories' create_* methods)

Each save uses fresh ids and a fresh phase slot (order_index) of one program. Row building for
(1s), (a) and (b) happens outside the timed region.

    python -m bench.bench_save                    # 200 saves per method on SQLite and PostgreSQL
    python -m bench.bench_save --sqlite-only --repeat 50
    python -m bench.bench_save --database-url postgresql://postgres@127.0.0.1:5432/postgres

``--database-url`` names the PostgreSQL server (and a maintenance database there); the bench
creates its own database on it and drops it at the end. The SQLite file lives in a temp folder.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.types.json import Json
from sqlalchemy import Engine, func, select
from sqlalchemy.engine import make_url

from core.dates import microcycle_date_ranges
from core.records import MesocycleRows, build_mesocycle_rows
from core.schemas import (
    Exercise,
    MesocycleDetailed,
    Microcycle,
    SessionType,
    WeeklyTarget,
    WorkoutBlock,
    WorkoutInstance,
)
from db.accounts import local_coach
from db.engine import make_engine
from db.mesocycle_store import create_mesocycle_with_details, save_mesocycle_rows
from db.migrate import upgrade_to_head
from db.models import (
    ClientDB,
    FitnessProgramDB,
    MesocycleDB,
    MicrocycleDB,
    WorkoutInstanceDB,
    utc_now,
)
from db.settings import normalize_url
from db.unit_of_work import SqlUnitOfWork

START = date(2026, 12, 2)  # a Wednesday: transition week 0 (5 days) + 6 full weeks
WEEKS = 6
MACROCYCLE_ID = "bench-macro"
DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
WARMUP = 5

SESSIONS = [  # Mon–Sun: 7 sessions a week
    (SessionType.LIFT, "Lower Strength"),
    (SessionType.LIFT, "Upper Strength"),
    (SessionType.RUN, "Easy Run"),
    (SessionType.LIFT, "Lower Hypertrophy"),
    (SessionType.LIFT, "Upper Hypertrophy"),
    (SessionType.METCON, "Conditioning"),
    (SessionType.MOBILITY, "Mobility"),
]


def make_bench_mesocycle() -> MesocycleDetailed:
    """6 weeks from a Wednesday: 7 microcycles, 42 workouts of 2 blocks / 5 exercises each."""
    targets = [
        WeeklyTarget(
            week_offset=i,
            split="Lower-Upper-Run-Lower-Upper-Metcon-Mobility",
            avg_intensity_pct_1rm=70 + 2 * i,
            total_sets_main_lifts=12 + i,
            deload=i == WEEKS - 1,
        )
        for i in range(WEEKS)
    ]
    microcycles = []
    for number, week in microcycle_date_ranges(START, WEEKS).items():
        workouts = []
        if number > 0:
            for weekday, (session_type, title) in enumerate(SESSIONS):
                main = [
                    Exercise(
                        name="Back Squat", sets=4, reps=6, pct_one_rm=75, rir=2, rest_seconds=180
                    ),
                    Exercise(
                        name="Romanian Deadlift",
                        sets=3,
                        reps=8,
                        load_kg=100,
                        rir=2,
                        rest_seconds=120,
                    ),
                    Exercise(
                        name="Bench Press", sets=4, reps=5, pct_one_rm=80, rpe=8, rest_seconds=180
                    ),
                ]
                accessory = [
                    Exercise(
                        name="DB Row", sets=3, reps=10, reps_max=12, load_kg=32, rest_seconds=90
                    ),
                    Exercise(name="Bike", sets=1, duration_minutes=10, rationale="flush"),
                ]
                workouts.append(
                    WorkoutInstance(
                        date=week.start_date + timedelta(days=weekday),
                        session_type=session_type,
                        title=title,
                        blocks=[
                            WorkoutBlock(label="Main", exercises=main),
                            WorkoutBlock(label="Accessory", exercises=accessory),
                        ],
                        targets=[],
                        planned_minutes=60,
                        target_rpe=7,
                        notes="Keep 2 reps in reserve on the main lifts.",
                    )
                )
        microcycles.append(
            Microcycle(
                week_number=number,
                start_date=week.start_date,
                end_date=week.end_date,
                deload=number == WEEKS,
                generated_by="bench",
                workouts=workouts,
            )
        )
    mesocycle = MesocycleDetailed(
        phase="Strength", weeks=WEEKS, weekly_targets=targets, microcycles=microcycles
    )
    assert len(mesocycle.microcycles) == 7 and len(mesocycle.workouts()) == 42
    return mesocycle


# raw-driver inserts


def _sqlite_value(value: Any) -> Any:
    """What SQLAlchemy would store on SQLite: hex UUIDs, ISO dates, JSON text, 0/1."""
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    if isinstance(value, bool):
        return int(value)
    return value


def _pg_value(value: Any) -> Any:
    return Json(value) if isinstance(value, (dict, list)) else value


TABLES = (
    ("mesocycles", "mesocycle"),
    ("microcycles", "microcycles"),
    ("workout_instances", "workouts"),
)


def _statements(rows: MesocycleRows, style: str) -> list[tuple[str, list[tuple[Any, ...]]]]:
    out = []
    for table, attr in TABLES:
        batch = getattr(rows, attr)
        batch = batch if isinstance(batch, list) else [batch]
        columns = list(batch[0])
        marks = ", ".join(["?" if style == "qmark" else "%s"] * len(columns))
        convert = _sqlite_value if style == "qmark" else _pg_value
        statement = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        out.append((statement, [tuple(convert(row[c]) for c in columns) for row in batch]))
    return out


def raw_sqlite_saver(path: str) -> tuple[Callable[[MesocycleRows], None], Callable[[], None]]:
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in (
        "foreign_keys=ON",
        "journal_mode=WAL",
        "busy_timeout=5000",
        "synchronous=NORMAL",
    ):
        connection.execute(f"PRAGMA {pragma}")

    def save(rows: MesocycleRows) -> None:
        connection.execute("BEGIN")
        try:
            for statement, params in _statements(rows, "qmark"):
                connection.executemany(statement, params)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise

    return save, connection.close


def raw_pg_saver(libpq_url: str) -> tuple[Callable[[MesocycleRows], None], Callable[[], None]]:
    connection = psycopg.connect(libpq_url)

    def save(rows: MesocycleRows) -> None:
        with connection.transaction(), connection.cursor() as cursor:
            for statement, params in _statements(rows, "format"):
                cursor.executemany(statement, params)

    return save, connection.close


# the spec's row-by-row loop


def rowbyrow_save(engine: Engine, rows: MesocycleRows, coach_id: uuid.UUID) -> None:
    with SqlUnitOfWork(engine, coach_id) as uow:
        uow.mesocycles.create_mesocycle(MesocycleDB(**rows.mesocycle))
        for micro in rows.microcycles:
            uow.microcycles.create_microcycle(MicrocycleDB(**micro))
        for workout in rows.workouts:
            uow.workouts.create_workout_instance(WorkoutInstanceDB(**workout))
        uow.commit()


# running


def seed_client_and_program(engine: Engine, coach_id: uuid.UUID) -> tuple[uuid.UUID, uuid.UUID]:
    with SqlUnitOfWork(engine, coach_id) as uow:
        client_id = uow.clients.create_client("Bench Client", {"name": "Bench Client"})
        program_id = uow.programs.create_program(
            FitnessProgramDB(
                client_id=client_id,
                program_type="strength",
                overview="bench",
                start_date=START,
                weeks=WEEKS,
                macrocycles=[],
                generated_by="bench",
            )
        )
        uow.commit()
    return client_id, program_id


def run_backend(
    name: str, engine: Engine, raw: Callable[[MesocycleRows], None], repeat: int
) -> dict[str, list[float]]:
    upgrade_to_head(engine)
    coach_id = local_coach(engine).id
    client_id, program_id = seed_client_and_program(engine, coach_id)
    mesocycle = make_bench_mesocycle()
    slot = iter(range(10**9))

    def rows() -> MesocycleRows:
        return build_mesocycle_rows(
            mesocycle, program_id, MACROCYCLE_ID, client_id, next(slot), START, utc_now()
        )

    def ours() -> Callable[[], Any]:
        index = next(slot)
        return lambda: create_mesocycle_with_details(
            mesocycle,
            program_id,
            MACROCYCLE_ID,
            client_id,
            index,
            START,
            engine=engine,
            coach_id=coach_id,
        )

    def prepared(action: Callable[[MesocycleRows], Any]) -> Callable[[], Callable[[], Any]]:
        def make() -> Callable[[], Any]:
            built = rows()
            return lambda: action(built)

        return make

    methods: dict[str, Callable[[], Callable[[], Any]]] = {
        "ours": ours,
        "store": prepared(lambda r: save_mesocycle_rows(engine, r, coach_id=coach_id)),
        "raw": prepared(raw),
        "rowbyrow": prepared(lambda r: rowbyrow_save(engine, r, coach_id)),
    }
    timings: dict[str, list[float]] = {key: [] for key in methods}
    build_ms: list[float] = []
    for i in range(WARMUP + repeat):
        for key, make in methods.items():
            call = make()
            began = time.perf_counter()
            call()
            elapsed = (time.perf_counter() - began) * 1000
            if i >= WARMUP:
                timings[key].append(elapsed)
        began = time.perf_counter()
        rows()
        if i >= WARMUP:
            build_ms.append((time.perf_counter() - began) * 1000)
    timings["build"] = build_ms
    saves = (WARMUP + repeat) * len(methods)
    with engine.connect() as connection:
        counts = [
            connection.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (MesocycleDB, MicrocycleDB, WorkoutInstanceDB, ClientDB)
        ]
    assert counts[:3] == [saves, saves * 7, saves * 42], f"{name}: unexpected row counts {counts}"
    return timings


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


LABELS = {
    "ours": "(1)  create_mesocycle_with_details",
    "store": "(1s) save_mesocycle_rows, rows prebuilt",
    "raw": "(a)  raw driver executemany, 1 tx",
    "rowbyrow": "(b)  ORM row by row, flush per row",
    "build": "     build_mesocycle_rows alone",
}


def print_table(results: dict[str, dict[str, list[float]]], repeat: int) -> None:
    print(
        f"\nSaving a 6-week mesocycle (7 microcycles, 42 workouts, 50 rows); {repeat} saves each\n"
    )
    header = f"{'backend':<9} {'method':<42} {'median ms':>10} {'p95 ms':>9}"
    print(header)
    print("-" * len(header))
    for backend, timings in results.items():
        for key in ("ours", "store", "raw", "rowbyrow", "build"):
            values = timings[key]
            print(
                f"{backend:<9} {LABELS[key]:<42} {statistics.median(values):>10.2f} "
                f"{percentile(values, 95):>9.2f}"
            )
        med = {key: statistics.median(v) for key, v in timings.items()}
        print(
            f"{backend:<9} {'ratios (medians)':<42} ours/raw {med['ours'] / med['raw']:.2f}×, "
            f"store/raw {med['store'] / med['raw']:.2f}×, "
            f"rowbyrow/ours {med['rowbyrow'] / med['ours']:.2f}×"
        )
        print("-" * len(header))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL")
    parser.add_argument(
        "--repeat", type=int, default=200, help="timed saves per method (default 200)"
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("PERIODIZE_TEST_PG_URL") or DEFAULT_PG_URL,
        help="PostgreSQL server to create the bench database on (default %(default)s)",
    )
    args = parser.parse_args(argv)
    results: dict[str, dict[str, list[float]]] = {}

    with tempfile.TemporaryDirectory(prefix="periodize-bench-") as folder:
        path = str(Path(folder) / "bench.db")
        engine = make_engine(f"sqlite:///{path}")
        upgrade_to_head(engine)
        raw, close = raw_sqlite_saver(path)
        try:
            results["sqlite"] = run_backend("sqlite", engine, raw, args.repeat)
        finally:
            close()
            engine.dispose()

    if not args.sqlite_only:
        server = make_url(normalize_url(args.database_url))
        admin = server.set(drivername="postgresql", database=server.database or "postgres")
        admin_url = admin.render_as_string(hide_password=False)
        name = f"periodize_bench_{uuid.uuid4().hex[:12]}"
        try:
            with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as connection:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.OperationalError as error:
            where = admin.render_as_string(hide_password=True)
            print(f"PostgreSQL at {where} is not reachable ({error}); PostgreSQL skipped.")
        else:
            try:
                target = server.set(drivername="postgresql+psycopg", database=name)
                engine = make_engine(target.render_as_string(hide_password=False))
                raw, close = raw_pg_saver(
                    admin.set(database=name).render_as_string(hide_password=False)
                )
                try:
                    results["postgres"] = run_backend("postgres", engine, raw, args.repeat)
                finally:
                    close()
                    engine.dispose()
            finally:
                with psycopg.connect(admin_url, autocommit=True) as connection:
                    connection.execute(
                        sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                            sql.Identifier(name)
                        )
                    )

    print_table(results, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
