"""Scale benchmark on PostgreSQL: 2,000 clients × a year, the main queries, two pages, query plans.

    .venv/bin/python bench/bench_scale.py [--clients 2000] [--skip-seed] [--repeats 40] [--reruns 10]

Creates the database (default ``periodize_scale`` on 127.0.0.1) if it is missing, migrates it and,
unless ``--skip-seed`` or it already holds clients, fills it with ``tools.seed_scale``. Then, median and
p95 over sample clients and coaches of:

(a) a client's week: ``SqlStorage.workouts_for_client`` for Monday–Sunday (target ≤ 10 ms);
(b) a client's weekly-load series: a year of workouts → ``core.load`` weekly tonnage, sRPE and
    compliance (target ≤ 50 ms);
(c) a coach's compliance overview across all their clients: ``db.overview.coach_overview`` and the
    attention rules (target ≤ 200 ms);
(d) the Workouts and Overview pages rerun under AppTest against that database, signed in as a seeded
    coach (``coach_id`` in the session state, single-coach mode off);

and ``EXPLAIN (ANALYZE, FORMAT JSON)`` of every statement those send: the scan nodes are printed and a
sequential scan of workout_instances, microcycles or mesocycles is reported as a WARN line.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import Engine, event, func, select
from sqlalchemy.engine import make_url

from core import load
from core.attention import needing_attention
from db.engine import make_engine
from db.migrate import upgrade_to_head
from db.models import ClientDB, CoachDB
from db.overview import coach_overview
from db.settings import normalize_url
from db.storage import SqlStorage
from tools.query_plans import Captured, capture, explain, seq_scans, summary
from tools.seed_scale import seed_scale, table_counts

ROOT = Path(__file__).resolve().parents[1]

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/periodize_scale"
TARGETS_MS = {"client week": 10.0, "weekly-load series": 50.0, "coach overview": 200.0}


def ensure_database(url: str) -> None:
    """CREATE DATABASE when it does not exist (through the server's maintenance database)."""
    parsed = make_url(url)
    admin = parsed.set(drivername="postgresql", database="postgres").render_as_string(
        hide_password=False
    )
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (parsed.database,)
        ).fetchone()
        if not exists:
            connection.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(parsed.database))
            )
            print(f"created database {parsed.database}")


def timed(action: Callable[[], Any]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def stats(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def sample(
    engine: Engine, clients: int, seed: int
) -> tuple[list[tuple[uuid.UUID, uuid.UUID]], list]:
    """(client id, coach id) pairs spread over every coach, and every coach with clients."""
    with engine.connect() as connection:
        pairs = connection.execute(select(ClientDB.id, ClientDB.coach_id)).all()
        coaches = connection.execute(
            select(CoachDB.id, CoachDB.username, func.count(ClientDB.id))
            .join(ClientDB, ClientDB.coach_id == CoachDB.id)
            .group_by(CoachDB.id, CoachDB.username)
            .order_by(CoachDB.username)
        ).all()
    rng = random.Random(seed)
    return rng.sample([(c, k) for c, k in pairs], min(clients, len(pairs))), coaches


def load_series(storage: SqlStorage, client_id: uuid.UUID, today: date) -> None:
    """What the Load page computes for its weekly charts, from a year of the client's workouts."""
    client = storage.get_client(client_id)
    workouts = storage.workouts_for_client(
        client_id, today - timedelta(days=182), today + timedelta(days=182)
    )
    frame = load.workouts_frame(w.as_row() for w in workouts)
    load.weekly_tonnage(frame, client.profile.one_rep_maxes, today)
    load.weekly_srpe(frame)
    load.weekly_compliance(frame, today)


def measure_queries(
    engine: Engine, pairs: list, coaches: list, repeats: int, today: date
) -> dict[str, list[float]]:
    monday = today - timedelta(days=today.weekday())
    results: dict[str, list[float]] = {name: [] for name in TARGETS_MS}
    results["overview SQL only"] = []
    for round_ in range(repeats + 1):
        client_id, coach_id = pairs[round_ % len(pairs)]
        storage = SqlStorage(engine, coach_id)
        coach = coaches[round_ % len(coaches)][0]
        week = timed(
            lambda s=storage, c=client_id: s.workouts_for_client(c, monday, monday + timedelta(6))
        )
        series = timed(lambda s=storage, c=client_id: load_series(s, c, today))
        sql_only = timed(lambda k=coach: coach_overview(engine, k, today))
        overview = timed(lambda k=coach: needing_attention(coach_overview(engine, k, today), today))
        if round_ == 0:
            continue  # warm-up
        results["client week"].append(week)
        results["weekly-load series"].append(series)
        results["coach overview"].append(overview)
        results["overview SQL only"].append(sql_only)
    return results


QUERIES = [0]


def _count(*_args: object) -> None:
    QUERIES[0] += 1


def measure_pages(
    url: str, coach_id: uuid.UUID, client_id: uuid.UUID, reruns: int
) -> tuple[dict[str, tuple[list[float], list[int]]], dict[str, Any]]:
    """Warm reruns of the Workouts and Overview pages as the seeded coach; each page's AppTest."""
    os.environ["DATABASE_URL"] = url
    os.environ.pop("PERIODIZE_SINGLE_COACH", None)  # sign in as a seeded coach, not 'local'
    for key in [k for k in os.environ if k.startswith("OPENAI_")]:
        os.environ.pop(key)
    from streamlit.testing.v1 import AppTest

    event.listen(Engine, "before_cursor_execute", _count)
    results, apps = {}, {}
    for name in ("workouts", "overview"):
        at = AppTest.from_file(str(ROOT / f"pages/{name}.py"), default_timeout=120)
        at.session_state["coach_id"] = str(coach_id)
        at.session_state["client_id"] = str(client_id)
        at.run()
        if at.exception:
            raise SystemExit(f"{name} page failed: {[e.value for e in at.exception]}")
        times, queries = [], []
        for _ in range(reruns):
            QUERIES[0] = 0
            times.append(timed(at.run))
            queries.append(QUERIES[0])
        results[name] = (times, queries)
        apps[name] = at
    event.remove(Engine, "before_cursor_execute", _count)
    return results, apps


def page_statements(engine_url: str, at: Any) -> list[Captured]:
    """The SELECTs one rerun of a page sends (captured on every engine of the process)."""
    seen: list[Captured] = []

    def listen(_conn, _cursor, statement, parameters, _context, executemany) -> None:  # type: ignore[no-untyped-def]
        if not executemany and statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append(Captured(statement, parameters))

    event.listen(Engine, "before_cursor_execute", listen)
    try:
        at.run()
    finally:
        event.remove(Engine, "before_cursor_execute", listen)
    return seen


def report_plans(engine: Engine, named: dict[str, list[Captured]]) -> int:
    """Print each statement's scan nodes (EXPLAIN ANALYZE); return the number of WARN lines."""
    warnings = 0
    print("\nEXPLAIN (ANALYZE, FORMAT JSON): scan nodes [execution time]")
    for name, statements in named.items():
        for number, captured in enumerate(statements, 1):
            if "pg_catalog" in captured.statement or "alembic_version" in captured.statement:
                continue
            plan = explain(engine, captured, analyze=True)
            print(f"  {name} #{number}: {summary(plan)}")
            for table in seq_scans(plan):
                warnings += 1
                print(f"  WARN: {name} #{number} scans {table} sequentially")
    return warnings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--coaches", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-seed", action="store_true")
    parser.add_argument("--repeats", type=int, default=40, help="timed calls per query")
    parser.add_argument("--reruns", type=int, default=10, help="timed reruns per page")
    args = parser.parse_args()

    url = normalize_url(args.database_url)
    ensure_database(url)
    engine = make_engine(url)
    upgrade_to_head(engine)
    with engine.connect() as connection:
        existing = connection.execute(select(func.count()).select_from(ClientDB)).scalar_one()
    if not args.skip_seed and existing == 0:
        report = seed_scale(
            engine, clients=args.clients, weeks=args.weeks, coaches=args.coaches, seed=args.seed
        )
        print(f"seeded {report.summary()}")
    elif existing:
        print(f"using the {existing} clients already stored (no seeding)")
    with engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
    counts = table_counts(engine)
    print("rows: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))

    today = date.today()
    pairs, coaches = sample(engine, 50, args.seed)
    if not pairs:
        raise SystemExit("no clients: run without --skip-seed")
    print(f"{len(coaches)} coaches, {coaches[0][2]} clients for {coaches[0][1]}; today {today}")

    results = measure_queries(engine, pairs, coaches, args.repeats, today)
    coach_id = coaches[0][0]
    with engine.connect() as connection:
        client_id = connection.execute(
            select(ClientDB.id).where(ClientDB.coach_id == coach_id).order_by(ClientDB.name)
        ).first()[0]  # type: ignore[index]
    pages, apps = measure_pages(url, coach_id, client_id, args.reruns)

    print(
        f"\n{args.repeats} calls per query (sample clients and coaches), {args.reruns} page reruns\n"
    )
    header = f"{'measure':<28} {'median ms':>10} {'p95 ms':>8} {'target':>8} {'SQL':>5}"
    print(header)
    print("-" * len(header))
    for name, times in results.items():
        median, p95 = stats(times)
        target = TARGETS_MS.get(name)
        verdict = "" if target is None else ("ok" if median <= target else "MISS")
        label = f"≤ {target:g}" if target else ""
        print(f"{name:<28} {median:>10.1f} {p95:>8.1f} {label:>8} {'':>5} {verdict}")
    for name, (times, queries) in pages.items():
        median, p95 = stats(times)
        print(
            f"{name.title() + ' page rerun':<28} {median:>10.1f} {p95:>8.1f} {'':>8} "
            f"{statistics.median(queries):>5.0f}"
        )

    storage = SqlStorage(engine, pairs[0][1])
    client, monday = pairs[0][0], today - timedelta(days=today.weekday())
    named = {
        "client week": capture(
            engine, lambda: storage.workouts_for_client(client, monday, monday + timedelta(6))
        ),
        "client year": capture(
            engine,
            lambda: storage.workouts_for_client(
                client, today - timedelta(days=182), today + timedelta(days=182)
            ),
        ),
        "coach overview": capture(engine, lambda: coach_overview(engine, coach_id, today)),
    }
    for name, at in apps.items():
        named[f"{name} page"] = page_statements(url, at)
    warnings = report_plans(engine, named)
    print(
        "\nquery plans: "
        + (
            "no sequential scan of workout_instances, microcycles or mesocycles"
            if not warnings
            else f"{warnings} WARN line(s) above"
        )
    )
    engine.dispose()


if __name__ == "__main__":
    main()
