"""A page interaction runs as many SQL statements for a client with a year of logs as with two weeks.

Two fresh SQLite files, one client each, built through the service
(``core.demo.client_with_history``): two weeks of logged sessions, or a year (two programs, every
set logged). On each, Workouts, Load, Progress and Overview run under AppTest: the first run (caches
empty), a rerun (caches warm), a rerun after a session was logged elsewhere (the client's data
version moved), and on Workouts "Done as planned" clicked. Every statement sent is counted
(``test_log_queries.counted``); the two histories must cost the same number of statements.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bootstrap import Workspace, build_wiring
from core.dates import monday_of, today_in
from core.demo import DEMO_CLIENTS, client_with_history
from core.schemas import WorkoutStatus
from db.accounts import local_coach
from tests.app.conftest import ROOT, TIMEOUT
from tests.integration.test_log_queries import counted

WEEK_KEY = "_workouts_week"  # pages/workouts.py: the week shown
PAGES = ("workouts", "load", "progress", "overview")
TWO_WEEKS, ONE_YEAR = 2, 52


def _clear_caches() -> None:
    st.cache_resource.clear()
    st.cache_data.clear()


def _run(at: AppTest) -> int:
    with counted() as seen:
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return len(seen)


def page_counts(weeks: int, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Statements per interaction for a client with ``weeks`` weeks of history, on its own file."""
    monkeypatch.setenv("PERIODIZE_DATA_DIR", str(data_dir))
    _clear_caches()
    shared = build_wiring()
    app = shared.for_coach(local_coach(shared.engine))
    profile = DEMO_CLIENTS[0].profile
    today = today_in(profile.timezone)
    client = client_with_history(app.storage, app.service, profile, weeks, today)
    history = app.storage.workouts_for_client(client.id, end=today)
    completed = [w for w in history if w.status == WorkoutStatus.COMPLETED]
    assert len(completed) >= weeks * 2, "the history is really there"
    past = [w for w in history if w.session_type != "rest" and w.date < today]
    # The week's autoregulation proposal is made (a one-off write per client and week, whether
    # the random logs call for changes depends on the draw, not on the history's length); from
    # then on the Workouts page reads it with the same three statements for either history.
    app.service.proposals.current(client)
    rpe = [6.0]

    def log_elsewhere() -> None:  # as another browser would: the client's data version moves
        rpe[0] = 13.0 - rpe[0]
        app.service.mark_workout(past[0].id, WorkoutStatus.COMPLETED, rpe[0], 60)

    counts: dict[str, int] = {}
    try:
        for name in PAGES:
            _clear_caches()
            at = AppTest.from_file(str(ROOT / f"pages/{name}.py"), default_timeout=TIMEOUT)
            at.session_state["client_id"] = str(client.id)
            counts[f"{name}: first run"] = _run(at)
            counts[f"{name}: rerun"] = _run(at)
            log_elsewhere()
            counts[f"{name}: rerun after a log"] = _run(at)
        counts["workouts: Done as planned"] = _done_as_planned(app, client.id, today)
    finally:
        shared.engine.dispose()
    return counts


def _done_as_planned(app: Workspace, client_id: uuid.UUID, today: date) -> int:
    """The client's last session up to today, back to scheduled, then logged in one click."""
    recent = app.storage.workouts_for_client(client_id, today - timedelta(days=14), today)
    target = [w for w in recent if w.session_type != "rest"][-1]
    app.service.mark_workout(target.id, WorkoutStatus.SCHEDULED)
    at = AppTest.from_file(str(ROOT / "pages/workouts.py"), default_timeout=TIMEOUT)
    at.session_state["client_id"] = str(client_id)
    at.session_state[WEEK_KEY] = monday_of(target.date)
    at.run()
    _select(at, "Session", str(target.id))
    done = _button(at, "Done as planned")
    with counted() as seen:
        done.click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert app.storage.get_workout(target.id).status == WorkoutStatus.COMPLETED
    return len(seen)


def _select(at: AppTest, label: str, value: str) -> None:
    box = next(box for box in at.selectbox if box.label == label)
    if box.value != value:
        box.set_value(value).run()


def _button(at: AppTest, label: str) -> Any:
    return next(button for button in at.button if button.label == label)


def test_every_interaction_costs_the_same_statements_for_a_year_as_for_two_weeks(
    app_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    short = page_counts(TWO_WEEKS, tmp_path / "two-weeks", monkeypatch)
    year = page_counts(ONE_YEAR, tmp_path / "one-year", monkeypatch)
    assert year == short
    # Equal, and few: a warm rerun reads the coach's clients and the client's data version.
    assert all(count <= 6 for key, count in year.items() if key.endswith(": rerun")), year
