"""A logged workout is never lost: replacing a phase's plan races a coach logging one of its workouts.

Two real threads on one engine, on SQLite and PostgreSQL. Whatever the interleaving, exactly one of
the two wins: either the log is kept (with its status, RPE and minutes) and the replace is refused,
or the replace happens first and the log is refused with a sentence saying the plan was replaced.
Two interleavings are forced with statement hooks (the log lands between the replace's check and
its delete; the replace checks while the log is written but not committed), and a free race runs
many times. Every wait is bounded.
"""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, event, select

from core.errors import Conflict, NotFound
from core.records import assign_ids
from core.schemas import MesocycleDetailed, WorkoutStatus
from db.mesocycle_store import create_mesocycle_with_details
from db.models import MesocycleDB, WorkoutInstanceDB
from db.storage import SqlStorage
from db.unit_of_work import SqlUnitOfWork
from tests.conftest import (
    MACROCYCLE_ID,
    ClientAndProgram,
    default_coach_id,
    store_client_and_program,
)
from tests.factories import make_mesocycle

MONDAY = date(2026, 11, 30)
FREE_RACES = 40
JOIN_TIMEOUT_SECONDS = 30.0
WAIT_SECONDS = 10.0
WINDOW_SECONDS = 0.5  # how long a forced interleaving holds one side open for the other
RPE, MINUTES = 8.0, 55
LOGGED_AGAIN = "was replaced by a new plan"


@dataclass
class Outcome:
    result: Any = None
    error: BaseException | None = None


def _run_together(named: dict[str, Callable[[], Any]]) -> dict[str, Outcome]:
    """Each action on its own named thread, released together; joined within a bound."""
    start = threading.Barrier(len(named), timeout=WAIT_SECONDS)
    outcomes = {name: Outcome() for name in named}

    def run(action: Callable[[], Any], outcome: Outcome) -> None:
        try:
            start.wait()
            outcome.result = action()
        except BaseException as error:  # reported by the test, never swallowed
            outcome.error = error

    threads = [
        threading.Thread(target=run, args=(action, outcomes[name]), name=name, daemon=True)
        for name, action in named.items()
    ]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + JOIN_TIMEOUT_SECONDS
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    stuck = [thread.name for thread in threads if thread.is_alive()]
    assert not stuck, f"threads still running after {JOIN_TIMEOUT_SECONDS:.0f} s: {stuck}"
    return outcomes


def _fresh() -> MesocycleDetailed:
    return assign_ids(make_mesocycle(MONDAY, weeks=3))


def _save(engine: Engine, ids: ClientAndProgram, mesocycle: MesocycleDetailed, **kw: Any) -> Any:
    return create_mesocycle_with_details(
        mesocycle,
        ids.program_id,
        MACROCYCLE_ID,
        ids.client_id,
        0,
        MONDAY,
        engine=engine,
        coach_id=default_coach_id(engine),
        **kw,
    )


def _log(engine: Engine, workout_id: uuid.UUID) -> None:
    storage = SqlStorage(engine, default_coach_id(engine))
    storage.update_workout_status(workout_id, WorkoutStatus.COMPLETED, RPE, MINUTES)


def _workout_state(engine: Engine, workout_id: uuid.UUID) -> tuple[Any, ...] | None:
    statement = select(
        WorkoutInstanceDB.status, WorkoutInstanceDB.session_rpe, WorkoutInstanceDB.actual_minutes
    ).where(WorkoutInstanceDB.id == workout_id)
    with engine.connect() as connection:
        row = connection.execute(statement).first()
    return None if row is None else tuple(row)


def _phase_mesocycle(engine: Engine, ids: ClientAndProgram) -> uuid.UUID:
    statement = select(MesocycleDB.id).where(MesocycleDB.fitness_program_id == ids.program_id)
    with engine.connect() as connection:
        return connection.execute(statement).scalar_one()


@dataclass(frozen=True)
class Race:
    ids: ClientAndProgram
    old: MesocycleDetailed
    new: MesocycleDetailed
    logged: uuid.UUID


def _race_setup(engine: Engine, name: str, rng: random.Random) -> Race:
    ids = store_client_and_program(engine, name=name)
    old = _fresh()
    _save(engine, ids, old)
    logged = rng.choice(old.workouts()).id
    return Race(ids, old, _fresh(), logged)


def _assert_one_winner(engine: Engine, race: Race, outcomes: dict[str, Outcome]) -> str:
    """Exactly one side won and the database agrees; returns which ("log" or "replace")."""
    replace, log = outcomes["replacer"], outcomes["logger"]
    state = _workout_state(engine, race.logged)
    if log.error is None:
        assert state == ("completed", RPE, MINUTES), (
            f"the log succeeded but the workout is {state} (replace: {replace.error!r})"
        )
        assert isinstance(replace.error, Conflict), repr(replace.error)
        assert "1 logged workout(s)" in str(replace.error)
        assert _phase_mesocycle(engine, race.ids) == race.old.mesocycle_id
        return "log"
    assert replace.error is None, f"both failed: {replace.error!r} / {log.error!r}"
    assert replace.result == race.new.mesocycle_id
    assert _phase_mesocycle(engine, race.ids) == race.new.mesocycle_id
    assert state is None
    assert isinstance(log.error, NotFound), repr(log.error)
    assert LOGGED_AGAIN in str(log.error)
    return "replace"


def _race(engine: Engine, race: Race) -> dict[str, Outcome]:
    return _run_together(
        {
            "replacer": lambda: _save(engine, race.ids, race.new, replace_existing=True),
            "logger": lambda: _log(engine, race.logged),
        }
    )


@pytest.fixture
def statement_hook(engine: Engine) -> Iterator[Callable[[str, Callable[..., None]], None]]:
    """``hook(when, fn)``: call ``fn(thread_name, statement)`` before or after each statement."""
    installed: list[tuple[str, Any]] = []

    def hook(when: str, fn: Callable[..., None]) -> None:
        def listener(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
            fn(threading.current_thread().name, statement.lstrip().upper())

        event.listen(engine, f"{when}_cursor_execute", listener)
        installed.append((f"{when}_cursor_execute", listener))

    yield hook
    for name, listener in installed:
        event.remove(engine, name, listener)


def test_a_log_between_the_replace_check_and_its_delete_is_never_lost(
    engine: Engine, statement_hook: Callable[..., None]
) -> None:
    """The replace has read the phase (nothing logged yet) and is about to delete it: the log
    comes now. Before the fix both succeeded and the completed workout was deleted."""
    race = _race_setup(engine, "Window Between", random.Random(1))
    window_open, logged = threading.Event(), threading.Event()

    def hold_the_delete(thread: str, statement: str) -> None:
        if thread == "replacer" and statement.startswith("DELETE") and not window_open.is_set():
            window_open.set()
            logged.wait(WINDOW_SECONDS)  # the log gets this long to slip in

    statement_hook("before", hold_the_delete)

    def log_in_the_window() -> None:
        assert window_open.wait(WAIT_SECONDS), "the replace never reached its delete"
        try:
            _log(engine, race.logged)
        finally:
            logged.set()

    outcomes = _run_together(
        {
            "replacer": lambda: _save(engine, race.ids, race.new, replace_existing=True),
            "logger": log_in_the_window,
        }
    )

    assert window_open.is_set()
    assert _assert_one_winner(engine, race, outcomes) in {"log", "replace"}


def test_a_replace_that_checks_while_a_log_is_being_written_keeps_the_log(
    engine: Engine, statement_hook: Callable[..., None]
) -> None:
    """The log's UPDATE has run but not committed when the replace starts its checks: the
    replace must see the log once it commits and refuse. Before the fix it deleted it."""
    race = _race_setup(engine, "Window Before", random.Random(2))
    written, replace_started = threading.Event(), threading.Event()

    def hold_the_commit(thread: str, statement: str) -> None:
        if thread == "logger" and statement.startswith("UPDATE WORKOUT_INSTANCES"):
            written.set()
            replace_started.wait(WAIT_SECONDS)
            time.sleep(WINDOW_SECONDS / 5)  # the replace's check runs meanwhile

    def note_the_replace(_connection: Any) -> None:  # as its transaction begins
        if threading.current_thread().name == "replacer":
            replace_started.set()

    statement_hook("after", hold_the_commit)
    event.listen(engine, "begin", note_the_replace)

    def replace_after_the_write() -> Any:
        assert written.wait(WAIT_SECONDS), "the log never wrote"
        return _save(engine, race.ids, race.new, replace_existing=True)

    try:
        outcomes = _run_together(
            {"replacer": replace_after_the_write, "logger": lambda: _log(engine, race.logged)}
        )
    finally:
        event.remove(engine, "begin", note_the_replace)

    assert replace_started.is_set()
    assert _assert_one_winner(engine, race, outcomes) == "log"


def test_free_races_of_replace_and_log_never_lose_a_logged_workout(engine: Engine) -> None:
    rng = random.Random(12)
    winners = []
    for attempt in range(FREE_RACES):
        race = _race_setup(engine, f"Racer {attempt}", rng)
        winners.append(_assert_one_winner(engine, race, _race(engine, race)))
    assert len(winners) == FREE_RACES
    assert set(winners) <= {"log", "replace"}


def test_logging_a_workout_of_a_replaced_plan_says_so(engine: Engine) -> None:
    race = _race_setup(engine, "Too Late", random.Random(3))
    assert _save(engine, race.ids, race.new, replace_existing=True) == race.new.mesocycle_id

    with pytest.raises(NotFound) as caught:
        _log(engine, race.logged)

    assert str(caught.value) == (
        "That workout no longer exists: its phase was replaced by a new plan, or it was "
        "removed. Reload to see the current workouts; nothing was logged."
    )
    assert _workout_state(engine, race.logged) is None


def test_the_delete_itself_keeps_a_plan_with_a_logged_workout(engine: Engine) -> None:
    """Even called without the check before it, the replace's delete leaves a logged plan whole."""
    race = _race_setup(engine, "Guarded Delete", random.Random(4))
    _log(engine, race.logged)
    with SqlUnitOfWork(engine, default_coach_id(engine), write=True) as uow:
        assert uow.mesocycles.delete_unlogged_mesocycle(race.old.mesocycle_id) is False
        uow.rollback()
    assert _phase_mesocycle(engine, race.ids) == race.old.mesocycle_id
    assert _workout_state(engine, race.logged) == ("completed", RPE, MINUTES)
    with engine.connect() as connection:
        ids = {w.id for w in race.old.workouts()}
        stored = connection.execute(
            select(WorkoutInstanceDB.id).where(WorkoutInstanceDB.id.in_(ids))
        ).scalars()
        assert set(stored) == ids


def test_the_delete_takes_a_plan_with_nothing_logged(engine: Engine) -> None:
    race = _race_setup(engine, "Plain Delete", random.Random(5))
    with SqlUnitOfWork(engine, default_coach_id(engine), write=True) as uow:
        assert uow.mesocycles.delete_unlogged_mesocycle(race.old.mesocycle_id) is True
        uow.commit()
    with engine.connect() as connection:
        left = connection.execute(
            select(MesocycleDB.id).where(MesocycleDB.fitness_program_id == race.ids.program_id)
        ).all()
    assert left == []
    assert _workout_state(engine, race.logged) is None
