"""Server-side rerun time of the Workouts and Load pages for a client with a year of data.

Each page runs under ``AppTest`` (the script as the server runs it, no browser) against a SQLite file
seeded through the service: a 52-week program, every phase planned and saved, the past half logged.
An empty Streamlit page runs in the same process as the baseline of AppTest's own overhead. SQL
statements are counted per rerun with a SQLAlchemy ``before_cursor_execute`` listener.

    .venv/bin/python bench/bench_pages.py [--reruns 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

QUERIES = [0]


@event.listens_for(Engine, "before_cursor_execute")
def _count(*_args: object) -> None:
    QUERIES[0] += 1


def seed(weeks: int = 52) -> tuple[str, int]:
    """One strength client, a year-long program half in the past, every phase saved."""
    from core.demo import log_history, plan_phases
    from core.generation.engine import OfflineEngine
    from core.read_models import ClientRecord
    from core.schemas import ClientProfile
    from db.accounts import local_coach
    from wiring import build_wiring

    shared = build_wiring()
    wiring = shared.for_coach(local_coach(shared.engine))
    profile = ClientProfile(
        name="Year Of Data",
        goal="strength",
        experience="intermediate",
        days_per_week=4,
        minutes_per_session=75,
        equipment=["barbell", "dumbbells", "bench", "pull_up_bar", "cables", "machines"],
        one_rep_maxes={"Back Squat": 150, "Bench Press": 105, "Deadlift": 190},
        bodyweight_kg=84,
        timezone="UTC",
    )
    client = ClientRecord(wiring.storage.create_client(profile), profile)
    today = date.today()
    start = today - timedelta(days=today.weekday(), weeks=weeks // 2)
    engine = OfflineEngine()
    program_id = wiring.service.create_program(client, weeks, start, engine)
    plan_phases(
        wiring.service, client, program_id, until=start + timedelta(weeks=weeks), generator=engine
    )
    log_history(wiring.service, client, today)
    count = len(wiring.storage.workouts_for_client(client.id))
    wiring.engine.dispose()
    return str(client.id), count


def measure(at, reruns: int) -> tuple[list[float], list[int]]:  # type: ignore[no-untyped-def]
    at.run()  # warm: caches, imports, the wiring
    if at.exception:
        raise SystemExit(f"page failed: {[e.value for e in at.exception]}")
    times, queries = [], []
    for _ in range(reruns):
        QUERIES[0] = 0
        started = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - started) * 1000)
        queries.append(QUERIES[0])
    return times, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=15)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="periodize-bench-") as data_dir:
        os.environ.pop("DATABASE_URL", None)
        os.environ["PERIODIZE_DATA_DIR"] = data_dir
        os.environ["PERIODIZE_SINGLE_COACH"] = "1"  # the bench acts as the local coach
        for key in [k for k in os.environ if k.startswith("OPENAI_")]:
            os.environ.pop(key)
        started = time.perf_counter()
        client_id, workouts = seed()
        print(f"seeded {workouts} workouts in {time.perf_counter() - started:.1f} s")

        from streamlit.testing.v1 import AppTest

        pages = {
            "empty page": AppTest.from_string("import streamlit as st\n", default_timeout=120),
            "Workouts": AppTest.from_file(str(ROOT / "pages/workouts.py"), default_timeout=120),
            "Load": AppTest.from_file(str(ROOT / "pages/load.py"), default_timeout=120),
        }
        rows = []
        for name, at in pages.items():
            at.session_state["client_id"] = client_id
            times, queries = measure(at, args.reruns)
            rows.append(
                (
                    name,
                    statistics.median(times),
                    sorted(times)[int(0.9 * (len(times) - 1))],
                    min(times),
                    statistics.median(queries),
                )
            )
        baseline = rows[0][1]
        print(f"\n{args.reruns} warm reruns each, one client, {workouts} workouts (one year)\n")
        header = f"{'page':<12} {'median ms':>10} {'p90 ms':>8} {'min ms':>8} {'− empty':>9} {'SQL/rerun':>10}"
        print(header)
        print("-" * len(header))
        for name, median, p90, low, queries in rows:
            print(
                f"{name:<12} {median:>10.1f} {p90:>8.1f} {low:>8.1f} {median - baseline:>9.1f} "
                f"{queries:>10.0f}"
            )


if __name__ == "__main__":
    main()
