"""Server-side rerun time of the pages a coach uses most, for a client with a year of data.

Workouts, Load (each chart), Progress, Overview and Clients (editing the client).

Each page runs under ``AppTest`` (the script as the server runs it, no browser) against a SQLite file
seeded through the service: a 52-week program, every phase planned and saved, the past half logged.
Three baselines run in the same process: an empty Streamlit page (AppTest's own overhead), a page
drawing one trivial plotly chart (the floor of any page with a chart: building a small figure and
serialising it), and the shell every Periodize page runs first (sign-in, the sidebar client picker:
one SQL statement). The Load page is measured once per chart of its picker and with "All five".
The "logged" rows log a session (untimed) before every rerun, so the per-data-version caches miss
as they do after a coach's edit. The two kinds run as two passes, each with its own baselines:
a log moves the client's data version for every page, so a warm row measured among "logged"
rows would in fact be measured after a log (as this bench did until 1 December 2026: its
"Workouts" row was a first run after a log). SQL statements are counted per rerun with a
SQLAlchemy ``before_cursor_execute`` listener. "× empty" compares medians with the empty page
of the same pass, "min ×" the fastest reruns (steadier on a busy machine). Within a pass the
pages take turns, one rerun each, so a change in the machine's load over the run reaches the
baselines and the pages alike.

AppTest compiles the page again on every run (a fresh ``ScriptCache`` per run; ``streamlit run``
keeps the bytecode), so a longer page pays a little more here than under the server: the last
column prints that compile cost per rerun, and ``--keep-bytecode`` shares one cache across runs.

    .venv/bin/python bench/bench_pages.py [--reruns 15] [--keep-bytecode] [--profile "Load: ACWR"]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

ROOT = Path(__file__).resolve().parents[1]
QUERIES = [0]


@event.listens_for(Engine, "before_cursor_execute")
def _count(*_args: object) -> None:
    QUERIES[0] += 1


def seed(weeks: int = 52) -> tuple[str, int]:
    """One strength client, a year-long program half in the past, every phase saved."""
    from bootstrap import build_wiring
    from core.demo import log_history, plan_phases
    from core.generation.engine import OfflineEngine
    from core.read_models import ClientRecord
    from core.schemas import ClientProfile
    from db.accounts import local_coach

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
        wiring.storage,
        wiring.service,
        client,
        program_id,
        until=start + timedelta(weeks=weeks),
        generator=engine,
    )
    log_history(wiring.storage, wiring.service, client, today)
    count = len(wiring.storage.workouts_for_client(client.id))
    wiring.engine.dispose()
    return str(client.id), count


ONE_CHART = """\
import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2])), key="chart")
"""
# What every Periodize page runs before its own work: sign-in (single coach) and the client picker.
SHELL = """\
import streamlit as st

from ui import shell

app = shell.wiring()
st.title("Shell")
shell.choose_client(app)
"""
# Load page rows: the chart picker's value (session-state key of pages/load.py) per row.
LOAD_CHARTS = {
    "Load: tonnage": "tonnage",
    "Load: hard sets": "hard_sets",
    "Load: sRPE": "srpe",
    "Load: ACWR": "acwr",
    "Load: compl.": "compliance",
    "Load: all 5": "all",
}


def measure_interleaved(
    pages: dict[str, tuple[Any, Path | None]],
    reruns: int,
    change: Callable[[], None] | None = None,
) -> dict[str, tuple[list[float], list[int]]]:
    """Warm every page, then time ``reruns`` reruns of each, round-robin: rerun k of every page
    runs before rerun k + 1 of any. On a shared machine the load drifts over a run of the bench;
    measured one page after the other, the empty page and a page could see different loads and
    their ratio says little. ``change`` runs (untimed) before every rerun of a page whose name
    says "logged"."""
    for at, _ in pages.values():
        at.run()  # warm: caches, imports, the wiring
        if at.exception:
            raise SystemExit(f"page failed: {[e.value for e in at.exception]}")
    results: dict[str, tuple[list[float], list[int]]] = {name: ([], []) for name in pages}
    for _ in range(reruns):
        for name, (at, _) in pages.items():
            if change is not None and "logged" in name:
                change()
            QUERIES[0] = 0
            started = time.perf_counter()
            at.run()
            results[name][0].append((time.perf_counter() - started) * 1000)
            results[name][1].append(QUERIES[0])
    return results


def log_a_session(client_id: str):  # type: ignore[no-untyped-def]
    """A ``change`` that logs a past session again (another RPE each time), as a coach would."""
    import uuid

    from bootstrap import build_wiring
    from core.schemas import WorkoutStatus
    from db.accounts import local_coach

    shared = build_wiring(migrate=False)
    storage = shared.for_coach(local_coach(shared.engine)).storage
    past = next(
        w
        for w in storage.workouts_for_client(uuid.UUID(client_id))
        if w.date < date.today() and w.session_type != "rest"
    )
    rpe = [6.0]

    def change() -> None:
        rpe[0] = 13.0 - rpe[0]  # 7, 6, 7, …: the stamp moves every time
        storage.update_workout_status(past.id, WorkoutStatus.COMPLETED, rpe[0], 60)

    return change


def compile_ms(path: Path | None, repeat: int = 20) -> float:
    """What AppTest pays per run to compile the page (``streamlit run`` caches the bytecode)."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    if path is None:
        return 0.0
    started = time.perf_counter()
    for _ in range(repeat):
        ScriptCache().get_bytecode(str(path))
    return (time.perf_counter() - started) * 1000 / repeat


def profile(at, reruns: int, change: Callable[[], None] | None, top: int = 35) -> None:  # type: ignore[no-untyped-def]
    """cProfile of the script thread (AppTest runs the page off the main thread) over the reruns;
    ``change`` (a "logged" page's) runs unprofiled before each."""
    import cProfile
    import pstats

    from streamlit.runtime.scriptrunner import script_runner

    profiler = cProfile.Profile()
    original = script_runner.ScriptRunner._run_script

    def profiled(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        profiler.enable()
        try:
            return original(self, *args, **kwargs)
        finally:
            profiler.disable()

    at.run()
    script_runner.ScriptRunner._run_script = profiled  # type: ignore[method-assign]
    try:
        for _ in range(reruns):
            if change is not None:
                change()
            at.run()
    finally:
        script_runner.ScriptRunner._run_script = original  # type: ignore[method-assign]
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


def keep_bytecode() -> None:
    """Share one ScriptCache across AppTest runs, as ``streamlit run`` does (no compile per rerun)."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    app_test.ScriptCache = lambda: shared  # type: ignore[assignment,misc]
    local_script_runner.ScriptCache = lambda: shared  # type: ignore[assignment,misc]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=15)
    parser.add_argument("--profile", metavar="PAGE", help="profile one page's reruns instead")
    parser.add_argument(
        "--keep-bytecode",
        action="store_true",
        help="compile each page once, as the server does (AppTest recompiles on every run)",
    )
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

        if args.keep_bytecode:
            keep_bytecode()

        def from_file(name: str, **state: str):  # type: ignore[no-untyped-def]
            at = AppTest.from_file(str(ROOT / "pages" / name), default_timeout=120)
            for key, value in state.items():
                at.session_state[key] = value
            return at

        def baselines():  # type: ignore[no-untyped-def]
            return {
                "empty page": (
                    AppTest.from_string("import streamlit as st\n", default_timeout=120),
                    None,
                ),
                "1 plotly chart": (AppTest.from_string(ONE_CHART, default_timeout=120), None),
                "page shell": (AppTest.from_string(SHELL, default_timeout=120), None),
            }

        warm = {
            **baselines(),
            "Workouts": (from_file("workouts.py"), ROOT / "pages/workouts.py"),
            **{
                name: (from_file("load.py", _load_chart=chart), ROOT / "pages/load.py")
                for name, chart in LOAD_CHARTS.items()
            },
            "Progress": (from_file("progress.py"), ROOT / "pages/progress.py"),
            "Overview": (from_file("overview.py"), ROOT / "pages/overview.py"),
            "Clients (edit)": (from_file("clients.py"), ROOT / "pages/clients.py"),
        }
        # A session logged before every rerun: every cache keyed on the client's data version
        # misses (the Workouts page's week and proposal, the Load page's frame and charts).
        logged = {
            **baselines(),
            "Workouts, logged": (from_file("workouts.py"), ROOT / "pages/workouts.py"),
            "Load: ton., logged": (
                from_file("load.py", _load_chart="tonnage"),
                ROOT / "pages/load.py",
            ),
            "Load: all, logged": (from_file("load.py", _load_chart="all"), ROOT / "pages/load.py"),
        }
        change = log_a_session(client_id)
        for at, _ in [*warm.values(), *logged.values()]:
            at.session_state["client_id"] = client_id
        if args.profile:
            pages = {**warm, **logged}
            profile(
                pages[args.profile][0], args.reruns, change if "logged" in args.profile else None
            )
            return
        compiled = "bytecode kept, as the server does" if args.keep_bytecode else "AppTest compiles"
        print(
            f"\n{args.reruns} warm reruns each, one client, {workouts} workouts (one year);"
            f" {compiled}\n"
        )
        header = (
            f"{'page':<18} {'median ms':>10} {'p90 ms':>8} {'min ms':>8} {'× empty':>8} {'min ×':>6} "
            f"{'SQL/rerun':>10} {'compile ms':>11}"
        )
        print(header)
        for title, pages in (
            ("no change between reruns", warm),
            ("a log before every rerun", logged),
        ):
            print(f"-- {title} " + "-" * (len(header) - len(title) - 4))
            measured = measure_interleaved(pages, args.reruns, change)
            rows = []
            for name, (_at, path) in pages.items():
                times, queries = measured[name]
                rows.append(
                    (
                        name,
                        statistics.median(times),
                        sorted(times)[int(0.9 * (len(times) - 1))],
                        min(times),
                        statistics.median(queries),
                        compile_ms(path),
                    )
                )
            baseline, baseline_min = rows[0][1], rows[0][3]
            for name, median, p90, low, queries, compile_cost in rows:
                print(
                    f"{name:<18} {median:>10.1f} {p90:>8.1f} {low:>8.1f} {median / baseline:>8.1f} "
                    f"{low / baseline_min:>6.1f} "
                    f"{queries:>10.0f} {compile_cost:>11.1f}"
                )


if __name__ == "__main__":
    main()
