"""The browser bench's two servers: Periodize on a seeded SQLite file, and an empty three-page app.

Both run under ``python -m bench.browser_apps serve RUNS_FILE SCRIPT …``, which is ``streamlit
run`` with one addition: every script run on the server is timed (Streamlit's
``ScriptRunner._run_script``, reruns requested by ``st.rerun`` included; each execution of the
script inside it; the garbage collection Streamlit forces after each run, and with
``PERIODIZE_BENCH_GC_OBJECTS=1`` how many objects it walks; ``PERIODIZE_BENCH_GC_FREEZE=1``
freezes the heap after the first run) and written as a JSON line to ``RUNS_FILE``, with the
server's resident memory after each run. Nothing in the app itself is changed for the bench.

The data: the demo clients (``core.demo.load_demo_data``) and one client with a year of logged
sessions (``core.demo.client_with_history``: two programs, every set logged through the service),
as a coach's clicks would store them. The last phases of every program stay unplanned, so
"Confirm and save" has a phase to store.
"""

from __future__ import annotations

import cProfile
import gc
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from tools import streamlit_server

ROOT = Path(__file__).resolve().parents[1]
YEAR_CLIENT = "Year Client"
YEAR_WEEKS_LOGGED = 52
STARTUP_SECONDS = 90
COUNT_OBJECTS = "PERIODIZE_BENCH_GC_OBJECTS"
"""Set to 1: each timed collection also records how many objects the collector tracks."""
FREEZE = "PERIODIZE_BENCH_GC_FREEZE"
"""Set to 1: ``gc.freeze()`` after the first run, so later collections skip what exists by then
(the imported libraries, the wiring): what a warm server could do."""
PROFILE = "PERIODIZE_BENCH_PROFILE"
"""Set to a folder: each script execution is profiled (cProfile) into ``run-N.prof`` there, N
counting the server's executions from 1 (``python -m pstats`` reads them)."""

EMPTY_APP = """\
import streamlit as st

pages = [
    st.Page("first.py", title="First", default=True),
    st.Page("second.py", title="Second"),
    st.Page("grid.py", title="Grid"),
]
st.navigation(pages).run()
"""
EMPTY_FIRST = """\
import streamlit as st

st.title("First")
st.button("Click")
"""
EMPTY_SECOND = """\
import streamlit as st

st.title("Second")
"""
EMPTY_GRID = """\
import pandas as pd
import streamlit as st

st.title("Grid")
rows = {"Exercise": ["Back Squat", "Bench Press", "Deadlift"], "Sets": [3, 3, 1], "Notes": [""] * 3}
edited = st.data_editor(pd.DataFrame(rows), key="grid", hide_index=True)
st.caption(f"Noted: {edited['Notes'][0]}")
"""
"""The matching action of a grid edit: a small data editor, its text cell edited (Streamlit's
frontend sends an edit 150 ms after the last key, in both apps)."""


def write_empty_app(folder: Path) -> Path:
    """The framework's floor: a page with one button, a second page and a page with a small data
    editor, in st.navigation."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "first.py").write_text(EMPTY_FIRST)
    (folder / "second.py").write_text(EMPTY_SECOND)
    (folder / "grid.py").write_text(EMPTY_GRID)
    script = folder / "app.py"
    script.write_text(EMPTY_APP)
    return script


def seed(data_dir: Path) -> dict[str, str]:
    """The demo data and the one-year client on the SQLite file under ``data_dir``; names by id."""
    os.environ.pop("DATABASE_URL", None)
    os.environ["PERIODIZE_DATA_DIR"] = str(data_dir)
    from bootstrap import build_wiring
    from core.demo import DEMO_CLIENTS, client_with_history, load_demo_data
    from db.accounts import local_coach

    shared = build_wiring()
    workspace = shared.for_coach(local_coach(shared.engine))
    storage, service = workspace.storage, workspace.service
    load_demo_data(storage, service)
    # The demo's strength client's profile, under another name: a year of their kind of training.
    profile = DEMO_CLIENTS[0].profile.model_copy(update={"name": YEAR_CLIENT})
    client_with_history(storage, service, profile, YEAR_WEEKS_LOGGED, date.today())
    names = {str(c.id): c.name for c in storage.list_clients()}
    shared.engine.dispose()
    return names


def pending_proposal(data_dir: Path, client_name: str) -> bool:
    """Untimed, before each timed Accept: the client's proposal for this week pending again.

    The proposal the last Accept applied is undone (the sessions' blocks as they were, which
    changes the client's workouts stamp, and the proposal row deleted), so the Workouts page
    makes the same proposal anew. When the client's
    last week proposes nothing, its logged sets are logged again 3 reps in reserve easier (through
    the service, as the client's link would), which moves every loaded lift of the coming week.
    False when the client has no coming session to change."""
    os.environ["PERIODIZE_DATA_DIR"] = str(data_dir)
    from sqlalchemy import delete, update

    from bootstrap import build_wiring
    from core.dates import monday_of, today_in
    from core.proposals import ProposalStatus
    from db.accounts import local_coach
    from db.models import PlanProposalDB, WorkoutInstanceDB

    shared = build_wiring(migrate=False)
    app = shared.for_coach(local_coach(shared.engine))
    try:
        client = next(c for c in app.storage.list_clients() if c.name == client_name)
        this_week = monday_of(today_in(client.profile.timezone))
        for made in app.storage.client_proposals(client.id):
            if made.week_start != this_week or made.status == ProposalStatus.PENDING:
                continue  # a pending one is what the page shows (and caches) already
            with shared.engine.begin() as connection:
                if made.status == ProposalStatus.ACCEPTED:
                    for proposed in made.workouts:
                        connection.execute(
                            update(WorkoutInstanceDB)
                            .where(WorkoutInstanceDB.id == proposed.workout_id)  # type: ignore[arg-type]
                            .values(blocks=proposed.blocks_before)
                        )
                connection.execute(delete(PlanProposalDB).where(PlanProposalDB.id == made.id))  # type: ignore[arg-type]
        if app.service.proposals.current(client) is None:
            _last_week_easier(app, client, this_week)
        return app.service.proposals.current(client) is not None
    finally:
        shared.engine.dispose()


def _last_week_easier(app: Any, client: Any, this_week: date) -> None:
    from datetime import timedelta

    from core.schemas import WorkoutStatus
    from core.session_log import SessionLog

    last_week = app.storage.workouts_for_client(
        client.id, this_week - timedelta(days=7), this_week - timedelta(days=1)
    )
    for workout in (w for w in last_week if w.status == WorkoutStatus.COMPLETED):
        sets = [
            s if s.rir is None else s.model_copy(update={"rir": min(10.0, s.rir + 3)})
            for s in app.storage.workout_sets(workout.id)
        ]
        log = SessionLog(
            status=WorkoutStatus.COMPLETED,
            session_rpe=workout.session_rpe,
            minutes=workout.actual_minutes,
            sets=sets,
        )
        app.service.log_session(workout.id, log, logged_by="client")


@contextmanager
def served(
    script: Path, runs_file: Path, env: dict[str, str], options: Iterable[str] = ()
) -> Iterator[str]:
    """``streamlit run script`` (timed runs, see the module docstring) until the caller is done."""
    server = streamlit_server.running(
        lambda port: [
            sys.executable,
            "-m",
            "bench.browser_apps",
            "serve",
            str(runs_file),
            str(script),
            *streamlit_server.HEADLESS_FLAGS,
            f"--server.port={port}",
            "--server.runOnSave=false",
            *(f"--{option}" for option in options),
        ],
        cwd=script.parent,
        env={**env, "PYTHONPATH": str(ROOT)},
        log_path=runs_file.with_suffix(".log"),
        startup_seconds=STARTUP_SECONDS,
    )
    try:
        with server as url:
            yield url
    except streamlit_server.ServerDidNotStart as error:
        raise SystemExit(str(error)) from error


def _rss_kb() -> int:
    """This process's resident memory in KB (Linux: /proc/self/status), 0 where unknown."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def serve(runs_file: str, streamlit_args: list[str]) -> None:
    """``streamlit run`` with every script run timed into ``runs_file`` (JSON lines)."""
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.web import cli

    count_objects = os.environ.get(COUNT_OBJECTS) == "1"
    freeze = [os.environ.get(FREEZE) == "1"]
    out = open(runs_file, "a", buffering=1)  # noqa: SIM115 - open for the server's lifetime
    run_script = script_runner.ScriptRunner._run_script
    execute = script_runner.exec_func_with_error_handling

    def timed_run(self: Any, rerun_data: Any) -> None:
        started = time.perf_counter()
        try:
            return run_script(self, rerun_data)
        finally:
            ms = (time.perf_counter() - started) * 1000
            out.write(json.dumps({"kind": "run", "ms": ms, "rss_kb": _rss_kb()}) + "\n")

    profiles = os.environ.get(PROFILE)
    executions = [0]

    def timed_exec(func: Any, ctx: Any) -> Any:
        executions[0] += 1
        profiler = cProfile.Profile() if profiles else None
        started = time.perf_counter()
        if profiler is None:
            result = execute(func, ctx)
        else:
            result = profiler.runcall(execute, func, ctx)
            profiler.dump_stats(Path(profiles) / f"run-{executions[0]}.prof")
        ms = (time.perf_counter() - started) * 1000
        out.write(json.dumps({"kind": "exec", "ms": ms, "rerun": result[2] is not None}) + "\n")
        return result

    class TimedGc:
        """The collection Streamlit forces after every run (``runner.postScriptGC``), timed."""

        def __getattr__(self, name: str) -> Any:
            return getattr(gc, name)

        def collect(self, generation: int = 2) -> int:
            started = time.perf_counter()
            found = gc.collect(generation)
            if freeze[0]:
                gc.freeze()
                freeze[0] = False
            ms = (time.perf_counter() - started) * 1000
            record: dict[str, Any] = {"kind": "gc", "ms": ms}
            if count_objects:  # what the collection walks (len() itself costs a few ms)
                record["objects"] = len(gc.get_objects())
            out.write(json.dumps(record) + "\n")
            return found

    script_runner.ScriptRunner._run_script = timed_run  # type: ignore[method-assign]
    script_runner.exec_func_with_error_handling = timed_exec
    script_runner.gc = TimedGc()  # type: ignore[assignment]
    sys.argv = ["streamlit", "run", *streamlit_args]
    cli.main()


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[1] != "serve":
        raise SystemExit("usage: python -m bench.browser_apps serve RUNS_FILE SCRIPT [ARGS…]")
    serve(sys.argv[2], sys.argv[3:])
