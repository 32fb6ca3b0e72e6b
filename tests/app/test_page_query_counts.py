"""A page interaction runs as many SQL statements for a client with a year of logs as with two weeks.

Two fresh SQLite files, one client each, built through the service
(``core.demo.client_with_history``): two weeks of logged sessions, or a year (two programs, every
set logged). On each, Workouts, Load, Progress and Overview run under AppTest: the first run (caches
empty), a rerun (caches warm), a rerun after a session was logged elsewhere (the client's data
version moved), and on Workouts "Done as planned" clicked. Every statement sent is counted
(``test_log_queries.counted``); the two histories must cost the same number of statements
(beside the one read of the shown session's sets where it is logged, which the draw decides).
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
from core.plan_changes import Author
from core.proposals import NewProposal
from core.read_models import ClientRecord
from core.schemas import WorkoutStatus
from db.accounts import local_coach
from tests.app.conftest import ROOT, TIMEOUT
from tests.integration.test_log_queries import counted

WEEK_KEY = "_workouts_week"  # pages/workouts.py: the week shown
PAGES = ("workouts", "load", "progress", "overview")
TWO_WEEKS, ONE_YEAR = 2, 52
# Equal for both histories, and few: a warm rerun reads the coach's clients and the client's
# data version (Overview: its two aggregates); after a log, only what that log changed (on
# Workouts: this week's proposal and the week shown). Lower these when a statement is cut, never
# raise them; before 1 December 2026: Workouts 17 · 2 · 8, Load and Progress 11 · 2 · 5, Done
# as planned 18; Progress 10 · 2 · 4 until its fitness chart (the one read of the workouts there)
# waited for its toggle.
EXPECTED = {
    "workouts: first run": 12,  # + one when the session shown (the week's first) is logged
    "workouts: rerun": 2,
    "workouts: rerun after a log": 4,
    "load: first run": 10,
    "load: rerun": 2,
    "load: rerun after a log": 4,
    "progress: first run": 9,
    "progress: rerun": 2,
    "progress: rerun after a log": 3,
    "overview: first run": 9,
    "overview: rerun": 3,
    "overview: rerun after a log": 3,
    "workouts: Done as planned": 14,
}


def _clear_caches() -> None:
    st.cache_resource.clear()
    st.cache_data.clear()


def _run(at: AppTest) -> int:
    with counted() as seen:
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return len(seen)


def page_counts(
    weeks: int, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[dict[str, int], int]:
    """Statements per interaction for a client with ``weeks`` weeks of history, on its own file,
    and whether this week's first session, the one Workouts shows first, was already logged (its
    sets are read on the first run: one statement more, whatever the history)."""
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
    week = sorted(
        (w for w in history if w.date >= monday_of(today) and w.session_type != "rest"),
        key=lambda w: w.date,
    )
    first_logged = int(bool(week) and week[0].logged_by is not None)
    _decide_this_weeks_proposal(app, client, today)
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
    return counts, first_logged


def _decide_this_weeks_proposal(app: Workspace, client: ClientRecord, today: date) -> None:
    """This week's autoregulation proposal made and dismissed, for either history. Whether the
    random logs call for changes depends on the draw, not on the history's length, and decides
    what the Workouts page reads: one statement once the week's proposal was decided, three while
    none was or it is pending. Made (empty when the draw proposed nothing) and dismissed, both
    histories read one."""
    monday = monday_of(today)
    proposal = app.service.proposals.current(client)
    if proposal is None:
        assert not app.storage.client_proposals(client.id), "a fresh client: nothing decided yet"
        week = app.storage.workouts_for_client(client.id, monday, monday + timedelta(days=6))
        proposal = app.storage.save_proposal(
            NewProposal(client.id, week[0].microcycle_id, monday, [])
        )
    app.service.proposals.dismiss(proposal.id, Author(app.coach.id, app.coach.display_name))
    assert app.service.proposals.current(client) is None


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
    # The week shown is week 3 of the short history's program and week 9 of the year's, and the
    # logs are drawn (a session may be missed): whether the week's first session is logged yet
    # can differ between them, so each is held to the same counts plus its own read of it.
    for weeks, folder in ((TWO_WEEKS, "two-weeks"), (ONE_YEAR, "one-year")):
        counts, logged = page_counts(weeks, tmp_path / folder, monkeypatch)
        first = EXPECTED["workouts: first run"] + logged
        assert counts == {**EXPECTED, "workouts: first run": first}, (weeks, logged, counts)
