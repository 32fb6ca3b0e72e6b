"""Coach isolation on every page: coach B, signed in with a password, never sees coach A's data.

A's data is seeded (two clients, a program with a distinctive overview, a saved phase whose
workouts carry a distinctive title). Every page is run as B, with B's own client and without any,
and with A's client, program and phase ids injected into the session: no A client name, overview,
workout title or id appears anywhere in the rendered elements. The same collector run as A finds
A's data, so the test can fail both ways.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from google.protobuf import text_format
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from bootstrap import Workspace, build_wiring
from core.generation.engine import OfflineEngine
from core.read_models import ClientRecord
from db.accounts import coach_by_id, create_coach
from db.models import FitnessProgramDB, WorkoutInstanceDB
from tests.factories import make_profile, preview_phase
from ui import login, shell
from ui.login import COACH_KEY, SINGLE_COACH
from ui.navigation import PAGE_KEYS

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60
PASSWORD = "correct horse battery"
PAGES = ["app", *PAGE_KEYS]
CLIENT_PAGES = [name for name in PAGES if name != "settings"]

A_NAMES = ("Alice Avery", "Anna Quill")
A_OVERVIEW = "Zanzibar overview for Alice only"
A_TITLE = "Quokka private session"
B_NAME = "Bruno Baker"


def rendered_texts(at: AppTest) -> list[str]:
    """Every piece of text the run rendered: each element's proto (labels, bodies, options, chart
    specs), its value, and every cell and column name of its tables."""
    texts: list[str] = []
    for node in at._tree:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "DESCRIPTOR"):
            texts.append(text_format.MessageToString(proto, as_utf8=True))
        for attribute in ("label", "options", "placeholder", "help"):
            try:
                found = getattr(node, attribute, None)
            except Exception:  # a proto without that field
                continue
            texts.extend(str(item) for item in (found if isinstance(found, list) else [found]))
        try:
            value = node.value
        except Exception:  # a block, or a widget without a value yet
            continue
        texts.extend(value_texts(value))
    return texts


def value_texts(value: Any) -> list[str]:
    if isinstance(value, pd.DataFrame):
        cells = [str(cell) for column in value.columns for cell in value[column].tolist()]
        return [*map(str, value.columns), *cells, value.to_csv()]
    if isinstance(value, dict | list | tuple):
        return [str(value)]
    return [] if value is None else [str(value)]


def all_text(at: AppTest) -> str:
    return "\n".join(rendered_texts(at))


@dataclass(frozen=True)
class Coach:
    id: uuid.UUID
    workspace: Workspace
    client_ids: list[uuid.UUID]
    program_id: uuid.UUID | None
    mesocycle_id: uuid.UUID | None


@dataclass(frozen=True)
class TwoCoaches:
    a: Coach
    b: Coach

    def secrets(self) -> list[str]:
        """What of A's must never reach B's pages."""
        ids = [*self.a.client_ids, self.a.program_id, self.a.mesocycle_id]
        return [*A_NAMES, A_OVERVIEW, A_TITLE, *(str(i) for i in ids)]


def _seed(workspace: Workspace, names: tuple[str, ...], secret: bool) -> Coach:
    storage, service = workspace.storage, workspace.service
    ids, program_id, mesocycle_id = [], None, None
    start = date.today() - timedelta(days=date.today().weekday())
    for index, name in enumerate(names):
        profile = make_profile(name=name, timezone="UTC")
        client = ClientRecord(storage.create_client(profile), profile)
        ids.append(client.id)
        if index:
            continue
        program_id = service.create_program(client, 8, start, OfflineEngine())
        preview = preview_phase(
            service, client, storage.get_program(program_id), 0, OfflineEngine()
        )
        mesocycle_id = service.save(preview)
    if secret:  # distinctive text the offline engine would never write
        with workspace.engine.begin() as connection:
            connection.execute(
                update(FitnessProgramDB)
                .where(FitnessProgramDB.id == program_id)
                .values(overview=A_OVERVIEW)
            )
            connection.execute(
                update(WorkoutInstanceDB)
                .where(WorkoutInstanceDB.client_id == ids[0])
                .values(title=A_TITLE)
            )
    return Coach(workspace.coach.id, workspace, ids, program_id, mesocycle_id)


@pytest.fixture
def password_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SINGLE_COACH, raising=False)
    monkeypatch.setattr(login, "_secrets", lambda: {})


@pytest.fixture
def two_coaches(app_env: Path, password_mode: None) -> Iterator[Callable[[bool], TwoCoaches]]:
    """``two_coaches(b_has_a_client)``: A with data, B with one client or none."""
    built = build_wiring()

    def make(b_has_a_client: bool) -> TwoCoaches:
        workspaces = []
        for username in ("coach-a", "coach-b"):
            coach = coach_by_id(built.engine, create_coach(built.engine, username, PASSWORD))
            assert coach is not None
            workspaces.append(built.for_coach(coach))
        a = _seed(workspaces[0], A_NAMES, secret=True)
        b = _seed(workspaces[1], (B_NAME,) if b_has_a_client else (), secret=False)
        return TwoCoaches(a, b)

    yield make
    built.engine.dispose()


def run_as(coach: Coach, name: str, **session: object) -> AppTest:
    path = ROOT / ("app.py" if name == "app" else f"pages/{name}.py")
    at = AppTest.from_file(str(path), default_timeout=TIMEOUT)
    at.session_state[COACH_KEY] = str(coach.id)
    for key, value in session.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _a_ids(world: TwoCoaches) -> dict[str, object]:
    return {
        shell.CLIENT_KEY: str(world.a.client_ids[0]),
        shell.PROGRAM_KEY: str(world.a.program_id),
        shell.PHASE_KEY: 0,
    }


def assert_nothing_of_a(at: AppTest, world: TwoCoaches) -> None:
    text = all_text(at)
    leaked = [secret for secret in world.secrets() if secret in text]
    assert not leaked, f"coach A's data on coach B's page: {leaked}"
    assert not at.get("login"), "B is signed in: no sign-in form"


@pytest.mark.parametrize("b_has_a_client", [True, False], ids=["b-with-client", "b-empty"])
@pytest.mark.parametrize("name", PAGES)
def test_coach_b_sees_nothing_of_coach_a(two_coaches, name: str, b_has_a_client: bool) -> None:
    world = two_coaches(b_has_a_client)
    at = run_as(world.b, name)
    assert_nothing_of_a(at, world)
    assert "Sign in" not in all_text(at), "the page ran for B, not the sign-in form"
    if b_has_a_client and name in CLIENT_PAGES:
        assert B_NAME in all_text(at), "B's own client is shown (the collector sees names)"


@pytest.mark.parametrize("b_has_a_client", [True, False], ids=["b-with-client", "b-empty"])
@pytest.mark.parametrize("name", PAGES)
def test_injected_ids_of_coach_a_show_nothing(two_coaches, name: str, b_has_a_client: bool) -> None:
    world = two_coaches(b_has_a_client)
    at = run_as(world.b, name, **_a_ids(world))
    assert_nothing_of_a(at, world)
    if b_has_a_client and name in CLIENT_PAGES:
        assert B_NAME in all_text(at)
    # The injected client id was not adopted as B's choice of client.
    if b_has_a_client and name in ("program", "plan", "workouts", "load"):
        assert at.session_state[shell.CLIENT_KEY] == str(world.b.client_ids[0])


@pytest.mark.parametrize("name", ["program", "plan", "workouts", "load"])
def test_coach_a_sees_its_own_data_on_the_same_pages(two_coaches, name: str) -> None:
    """The control: the collector finds A's data when A is signed in."""
    world = two_coaches(True)
    at = run_as(world.a, name, **_a_ids(world))
    text = all_text(at)
    assert A_NAMES[0] in text
    assert B_NAME not in text
    expected = {"program": A_OVERVIEW, "workouts": A_TITLE}.get(name)
    if expected:
        assert expected in text


def test_clients_page_as_a_lists_both_of_a_clients(two_coaches) -> None:
    world = two_coaches(True)
    text = all_text(run_as(world.a, "clients"))
    assert all(name in text for name in A_NAMES)
    assert B_NAME not in text


def test_workouts_page_cannot_log_a_workout_of_a(two_coaches) -> None:
    """B's logging form only offers B's own sessions, even with A's ids in the session."""
    world = two_coaches(True)
    at = run_as(world.b, "workouts", **_a_ids(world))
    a_workouts = {
        str(w.id) for w in world.a.workspace.storage.workouts_for_client(world.a.client_ids[0])
    }
    b_workouts = {
        str(w.id) for w in world.b.workspace.storage.workouts_for_client(world.b.client_ids[0])
    }
    offered = {value for box in at.selectbox if box.label == "Session" for value in [box.value]}
    assert offered and offered <= b_workouts
    assert not offered & a_workouts


def test_a_stale_coach_id_in_the_session_shows_the_sign_in_form(two_coaches) -> None:
    """A session naming a coach that does not exist gets the sign-in form, no data."""
    world = two_coaches(True)
    ghost = Coach(uuid.uuid4(), world.b.workspace, [], None, None)
    at = run_as(ghost, "clients", **_a_ids(world))
    assert_nothing_of_a(at, world)
    assert B_NAME not in all_text(at)
    assert "Sign in" in [b.label for b in at.get("form_submit_button")]
    assert COACH_KEY not in at.session_state
