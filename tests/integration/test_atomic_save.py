"""db.mesocycle_store.create_mesocycle_with_details on SQLite and PostgreSQL: atomic, idempotent, retried."""

from __future__ import annotations

import functools
import itertools
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any, NamedTuple

import psycopg
import pytest
from sqlalchemy import Engine, event, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

import db.mesocycle_store
from core.dates import mesocycle_date_range, microcycle_date_ranges
from core.errors import Conflict, NotFound, StorageUnavailable
from core.records import assign_ids
from core.schemas import MesocycleDetailed
from db.engine import make_engine
from db.mesocycle_store import create_mesocycle_with_details
from db.models import MesocycleDB, MicrocycleDB, WorkoutInstanceDB
from db.retry import is_transient, with_retry
from db.unit_of_work import SqlUnitOfWork
from tests.conftest import (
    MACROCYCLE_ID,
    ClientAndProgram,
    default_coach_id,
    store_client_and_program,
)
from tests.factories import make_mesocycle

MONDAY = date(2026, 11, 30)
SUNDAY = date(2026, 12, 6)
WEDNESDAY = date(2026, 12, 2)


def _save(
    engine: Engine,
    ids: ClientAndProgram,
    mesocycle: MesocycleDetailed,
    start: date,
    order_index: int = 0,
    **kwargs: Any,
) -> uuid.UUID:
    return create_mesocycle_with_details(
        mesocycle,
        ids.program_id,
        MACROCYCLE_ID,
        ids.client_id,
        order_index,
        start,
        engine=engine,
        coach_id=default_coach_id(engine),
        **kwargs,
    )


def _fresh(start: date = MONDAY, weeks: int = 3) -> MesocycleDetailed:
    """A mesocycle with every id assigned up front, so the test knows what to look for."""
    return assign_ids(make_mesocycle(start, weeks=weeks))


def _stored(engine: Engine, mesocycle: MesocycleDetailed) -> tuple[int, int, int]:
    """Rows of this mesocycle in (mesocycles, microcycles, workout_instances)."""
    workout_ids = [w.id for w in mesocycle.workouts()]
    with engine.connect() as connection:

        def count(model: Any, *where: Any) -> int:
            return connection.execute(
                select(func.count()).select_from(model).where(*where)
            ).scalar_one()

        return (
            count(MesocycleDB, MesocycleDB.id == mesocycle.mesocycle_id),
            count(MicrocycleDB, MicrocycleDB.mesocycle_id == mesocycle.mesocycle_id),
            count(WorkoutInstanceDB, WorkoutInstanceDB.id.in_(workout_ids)),
        )


def _totals(engine: Engine) -> tuple[int, int, int]:
    with engine.connect() as connection:
        return tuple(  # type: ignore[return-value]
            connection.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (MesocycleDB, MicrocycleDB, WorkoutInstanceDB)
        )


def _full(mesocycle: MesocycleDetailed) -> tuple[int, int, int]:
    return (1, len(mesocycle.microcycles), len(mesocycle.workouts()))


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the retry back-off instead of sleeping."""
    recorded: list[float] = []
    monkeypatch.setattr(
        db.mesocycle_store, "with_retry", functools.partial(with_retry, sleep=recorded.append)
    )
    return recorded


@pytest.fixture
def insert_hook(engine: Engine) -> Iterator[Callable[[Callable[[int], None]], None]]:
    """``insert_hook(on_insert)``: call ``on_insert(n)`` before the n-th INSERT statement (1-based).

    Installing a new callback replaces the previous one and restarts the count.
    """
    current: list[Callable[[int], None]] = [lambda n: None]
    seen = [0]

    def before(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("INSERT"):
            seen[0] += 1
            current[0](seen[0])

    def install(on_insert: Callable[[int], None]) -> None:
        current[0] = on_insert
        seen[0] = 0

    event.listen(engine, "before_cursor_execute", before)
    yield install
    event.remove(engine, "before_cursor_execute", before)


def _transient_error(engine: Engine) -> Exception:
    if engine.dialect.name == "sqlite":
        return sqlite3.OperationalError("database is locked")
    return psycopg.errors.SerializationFailure(
        "could not serialize access due to concurrent update"
    )


# what is stored


@pytest.mark.parametrize("start", [MONDAY, SUNDAY], ids=["monday", "sunday"])
def test_save_stores_one_mesocycle_its_weeks_and_every_workout_with_rule_dates(
    engine: Engine, client_and_program: ClientAndProgram, start: date
) -> None:
    ids = client_and_program
    mesocycle = make_mesocycle(start, weeks=4)
    meso_id = _save(engine, ids, mesocycle, start)
    assert isinstance(meso_id, uuid.UUID)
    expected_weeks = microcycle_date_ranges(start, 4)
    whole = mesocycle_date_range(start, 4)
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        row = uow.mesocycles.get_mesocycle_by_id(meso_id)
        assert row is not None
        assert (row.start_date, row.end_date) == (whole.start_date, whole.end_date)
        assert (row.client_id, row.fitness_program_id) == (ids.client_id, ids.program_id)
        assert (row.macrocycle_id, row.order_index, row.phase, row.weeks) == (
            MACROCYCLE_ID,
            0,
            "Strength",
            4,
        )
        weeks = uow.microcycles.get_microcycles_by_mesocycle_id(meso_id)
        assert {w.week_number: (w.start_date, w.end_date) for w in weeks} == {
            n: (r.start_date, r.end_date) for n, r in expected_weeks.items()
        }
        stored_workouts = 0
        for week in weeks:
            workouts = uow.workouts.get_workouts_by_microcycle_id(week.id)
            stored_workouts += len(workouts)
            for workout in workouts:
                assert week.start_date <= workout.date <= week.end_date
                assert workout.client_id == ids.client_id
                assert (workout.status, workout.day_slot) == ("scheduled", 0)
        assert stored_workouts == len(mesocycle.workouts())
    if start == SUNDAY:
        # the origin's defect: a Sunday start got a 7-day transition overlapping week 1
        assert expected_weeks[0].start_date == expected_weeks[0].end_date == SUNDAY
        assert expected_weeks[1].start_date == date(2026, 12, 7)
        assert whole.end_date == date(2027, 1, 3)
        assert len(weeks) == 5
    else:
        assert 0 not in expected_weeks
        assert whole.end_date == date(2026, 12, 27)
        assert len(weeks) == 4
    assert _totals(engine) == (1, len(weeks), len(mesocycle.workouts()))


def test_saving_the_same_preview_twice_stores_it_once(
    engine: Engine, client_and_program: ClientAndProgram
) -> None:
    mesocycle = _fresh()
    first = _save(engine, client_and_program, mesocycle, MONDAY)
    assert first == mesocycle.mesocycle_id
    second = _save(engine, client_and_program, mesocycle, MONDAY)
    replaced = _save(engine, client_and_program, mesocycle, MONDAY, replace_existing=True)
    assert second == replaced == first
    assert _stored(engine, mesocycle) == _full(mesocycle) == _totals(engine)


def test_two_different_previews_of_one_phase_are_not_both_stored(
    engine: Engine, client_and_program: ClientAndProgram
) -> None:
    """Without kept ids every save is a new mesocycle; the phase slot then refuses the second."""
    unassigned = make_mesocycle(MONDAY, weeks=3)
    first = _save(engine, client_and_program, unassigned, MONDAY)
    with pytest.raises(Conflict, match="already has a saved plan"):
        _save(engine, client_and_program, unassigned, MONDAY)
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        assert [
            m.id for m in uow.mesocycles.get_mesocycles_by_program_id(client_and_program.program_id)
        ] == [first]


# references


def test_a_missing_program_is_not_found_and_nothing_is_stored(
    engine: Engine, client_and_program: ClientAndProgram
) -> None:
    mesocycle = _fresh()
    missing = ClientAndProgram(client_and_program.client_id, uuid.uuid4())
    with pytest.raises(NotFound, match="program no longer exists; nothing was saved"):
        _save(engine, missing, mesocycle, MONDAY)
    gone_client = ClientAndProgram(uuid.uuid4(), client_and_program.program_id)
    with pytest.raises(NotFound, match="client no longer exists; nothing was saved"):
        _save(engine, gone_client, mesocycle, MONDAY)
    assert _totals(engine) == (0, 0, 0)


def test_a_program_of_another_client_is_not_found(
    engine: Engine, client_and_program: ClientAndProgram
) -> None:
    other = store_client_and_program(engine, "Other Client")
    crossed = ClientAndProgram(client_and_program.client_id, other.program_id)
    with pytest.raises(NotFound, match="belongs to another client"):
        _save(engine, crossed, _fresh(), MONDAY)
    assert _totals(engine) == (0, 0, 0)


# one mesocycle per phase


def test_a_second_mesocycle_for_a_phase_conflicts_and_replace_swaps_it(
    engine: Engine, client_and_program: ClientAndProgram
) -> None:
    ids = client_and_program
    old = _fresh(MONDAY, weeks=3)
    neighbour = _fresh(date(2026, 12, 21), weeks=2)
    _save(engine, ids, old, MONDAY)
    _save(engine, ids, neighbour, date(2026, 12, 21), order_index=1)
    new = _fresh(WEDNESDAY, weeks=4)
    with pytest.raises(Conflict, match=r"Phase 'Strength' already has a saved plan \(30 Nov 2026"):
        _save(engine, ids, new, WEDNESDAY)
    assert _stored(engine, new) == (0, 0, 0)
    assert _stored(engine, old) == _full(old)

    assert _save(engine, ids, new, WEDNESDAY, replace_existing=True) == new.mesocycle_id
    assert _stored(engine, old) == (0, 0, 0)
    assert _stored(engine, new) == _full(new)
    assert _stored(engine, neighbour) == _full(neighbour)
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        phase = uow.mesocycles.get_mesocycle_for_phase(ids.program_id, MACROCYCLE_ID, 0)
        assert phase is not None and phase.id == new.mesocycle_id
        assert phase.start_date == WEDNESDAY


@pytest.mark.parametrize("logged_status", ["completed", "skipped"])
def test_replace_is_refused_once_a_workout_is_logged(
    engine: Engine, client_and_program: ClientAndProgram, logged_status: str
) -> None:
    ids = client_and_program
    old = _fresh()
    _save(engine, ids, old, MONDAY)
    logged = old.microcycles[1].workouts[2]
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        uow.workouts.update_workout_status(logged.id, logged_status, 8, 55)
        uow.commit()
    new = _fresh()
    with pytest.raises(Conflict, match=r"already has 1 logged workout\(s\).*never replaced"):
        _save(engine, ids, new, MONDAY, replace_existing=True)
    assert _stored(engine, new) == (0, 0, 0)
    assert _stored(engine, old) == _full(old)
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        survivor = uow.workouts.get_workout(logged.id)
        assert survivor is not None
        assert survivor.status == logged_status
        if logged_status == "completed":
            assert (survivor.session_rpe, survivor.actual_minutes) == (8, 55)


# atomicity under injected faults


def _count_inserts(engine: Engine, insert_hook: Any, ids: ClientAndProgram) -> int:
    counted: list[int] = []
    insert_hook(counted.append)
    probe = _fresh(WEDNESDAY, weeks=3)
    _save(engine, ids, probe, WEDNESDAY, order_index=9)
    return len(counted)


def test_a_save_is_a_handful_of_batched_inserts(
    engine: Engine, client_and_program: ClientAndProgram, insert_hook: Any
) -> None:
    inserts = _count_inserts(engine, insert_hook, client_and_program)
    probe = _fresh(WEDNESDAY, weeks=3)
    rows = 1 + len(probe.microcycles) + len(probe.workouts())
    assert inserts == 3, f"{inserts} INSERT statements for {rows} rows"


@pytest.mark.parametrize("kind", ["python", "dbapi"])
def test_a_fault_at_any_insert_leaves_nothing_behind(
    engine: Engine, client_and_program: ClientAndProgram, insert_hook: Any, kind: str
) -> None:
    ids = client_and_program
    total = _count_inserts(engine, insert_hook, ids)
    assert total >= 3
    before = _totals(engine)
    for k in range(1, total + 1):
        mesocycle = _fresh()

        def fail_at_k(n: int, k: int = k) -> None:
            if n == k:
                if kind == "python":
                    raise RuntimeError(f"injected fault at INSERT {k}")
                if engine.dialect.name == "sqlite":
                    raise sqlite3.DatabaseError(f"injected fault at INSERT {k}")
                raise psycopg.errors.DataCorrupted(f"injected fault at INSERT {k}")

        insert_hook(fail_at_k)
        expected: type[Exception] = RuntimeError if kind == "python" else DBAPIError
        with pytest.raises(expected, match=f"injected fault at INSERT {k}") as caught:
            _save(engine, ids, mesocycle, MONDAY)
        if kind == "dbapi":
            assert not is_transient(caught.value)  # so it was not retried
        assert _stored(engine, mesocycle) == (0, 0, 0), f"rows left after a fault at INSERT {k}"
        assert _totals(engine) == before
    insert_hook(lambda n: None)
    # the engine is healthy afterwards: nothing is left locked or half-open
    healthy = _fresh()
    _save(engine, ids, healthy, MONDAY)
    assert _stored(engine, healthy) == _full(healthy)


# races: another save commits between our checks and our INSERTs (PostgreSQL), or waits for our
# commit because the save holds SQLite's write lock from its BEGIN IMMEDIATE


class _OtherTab:
    """Another tab's save started from inside ours, on its own thread (bounded)."""

    def __init__(self, action: Callable[[], Any]) -> None:
        self.result: Any = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(action,), daemon=True)

    def _run(self, action: Callable[[], Any]) -> None:
        try:
            self.result = action()
        except BaseException as error:  # inspected by the test
            self.error = error

    def start_and_check_it_waits(self) -> None:
        self.thread.start()
        self.thread.join(0.3)
        assert self.thread.is_alive(), "the other save did not wait for our write lock"

    def finish(self) -> None:
        self.thread.join(JOIN_TIMEOUT_SECONDS)
        assert not self.thread.is_alive()


JOIN_TIMEOUT_SECONDS = 30.0


def test_a_concurrent_confirm_of_the_same_preview_is_success(
    engine: Engine, client_and_program: ClientAndProgram, insert_hook: Any
) -> None:
    mesocycle = _fresh()
    if engine.dialect.name == "sqlite":
        other = _OtherTab(lambda: _save(engine, client_and_program, mesocycle, MONDAY))
        insert_hook(lambda n: other.start_and_check_it_waits() if n == 1 else None)
        assert _save(engine, client_and_program, mesocycle, MONDAY) == mesocycle.mesocycle_id
        other.finish()
        assert (other.error, other.result) == (None, mesocycle.mesocycle_id)
        assert _stored(engine, mesocycle) == _full(mesocycle) == _totals(engine)
        return
    raced = [False]

    def other_tab_saves_first(n: int) -> None:
        if n == 1 and not raced[0]:
            raced[0] = True
            _save(engine, client_and_program, mesocycle, MONDAY)  # commits on its own connection

    insert_hook(other_tab_saves_first)
    assert _save(engine, client_and_program, mesocycle, MONDAY) == mesocycle.mesocycle_id
    assert raced[0]
    assert _stored(engine, mesocycle) == _full(mesocycle) == _totals(engine)


def test_a_concurrent_save_of_another_plan_for_the_phase_is_a_conflict(
    engine: Engine, client_and_program: ClientAndProgram, insert_hook: Any
) -> None:
    ours, theirs = _fresh(), _fresh()
    if engine.dialect.name == "sqlite":  # theirs waits for ours, then finds the phase planned
        other = _OtherTab(lambda: _save(engine, client_and_program, theirs, MONDAY))
        insert_hook(lambda n: other.start_and_check_it_waits() if n == 1 else None)
        assert _save(engine, client_and_program, ours, MONDAY) == ours.mesocycle_id
        other.finish()
        assert isinstance(other.error, Conflict), repr(other.error)
        assert str(other.error).startswith("Phase 'Strength' already has a saved plan (")
        assert _stored(engine, theirs) == (0, 0, 0)
        assert _stored(engine, ours) == _full(ours) == _totals(engine)
        return
    raced = [False]

    def someone_else_saves_first(n: int) -> None:
        if n == 1 and not raced[0]:
            raced[0] = True
            _save(engine, client_and_program, theirs, MONDAY)

    insert_hook(someone_else_saves_first)
    with pytest.raises(Conflict, match="Phase 'Strength' was saved by someone else a moment ago"):
        _save(engine, client_and_program, ours, MONDAY)
    assert _stored(engine, ours) == (0, 0, 0)
    assert _stored(engine, theirs) == _full(theirs) == _totals(engine)


# transient faults


def test_transient_faults_are_retried_then_the_save_succeeds(
    engine: Engine, client_and_program: ClientAndProgram, insert_hook: Any, sleeps: list[float]
) -> None:
    failures = [0]

    def flaky(n: int) -> None:
        if n <= 2:  # the first INSERT of attempt 1, then the first INSERT of attempt 2
            failures[0] += 1
            raise _transient_error(engine)

    insert_hook(flaky)
    mesocycle = _fresh()
    assert _save(engine, client_and_program, mesocycle, MONDAY) == mesocycle.mesocycle_id
    assert failures[0] == 2
    assert sleeps == [0.05, 0.1]
    assert _stored(engine, mesocycle) == _full(mesocycle) == _totals(engine)


def test_a_fault_in_the_last_insert_is_retried_from_scratch(
    engine: Engine, client_and_program: ClientAndProgram, insert_hook: Any, sleeps: list[float]
) -> None:
    """The retry re-runs the whole transaction: the first attempt's earlier INSERTs are gone."""
    tripped = [False]

    def once_at_third(n: int) -> None:
        if n == 3 and not tripped[0]:
            tripped[0] = True
            raise _transient_error(engine)

    insert_hook(once_at_third)
    mesocycle = _fresh()
    assert _save(engine, client_and_program, mesocycle, MONDAY) == mesocycle.mesocycle_id
    assert sleeps == [0.05]
    assert _stored(engine, mesocycle) == _full(mesocycle) == _totals(engine)


def test_a_persistent_fault_reports_storage_unavailable_and_stores_nothing(
    engine: Engine, client_and_program: ClientAndProgram, insert_hook: Any, sleeps: list[float]
) -> None:
    def always(n: int) -> None:
        raise _transient_error(engine)

    insert_hook(always)
    mesocycle = _fresh()
    with pytest.raises(StorageUnavailable) as caught:
        _save(engine, client_and_program, mesocycle, MONDAY)
    message = str(caught.value)
    assert "save phase 'Strength'" in message
    assert "(4 attempts)" in message
    assert "Nothing was saved; please try again." in message
    assert isinstance(caught.value.__cause__, OperationalError)
    assert sleeps == [0.05, 0.1, 0.2]
    assert _totals(engine) == (0, 0, 0)


# a real lock on the SQLite file


@pytest.fixture
def quick_sqlite(migrated_sqlite_url: str) -> Iterator[Engine]:
    """A migrated SQLite engine whose busy timeout is 50 ms instead of 5 s."""
    created = make_engine(migrated_sqlite_url)

    @event.listens_for(created, "connect")
    def _short_busy_timeout(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA busy_timeout=50")

    yield created
    created.dispose()


class LockedFile(NamedTuple):
    engine: Engine
    ids: ClientAndProgram
    holder: sqlite3.Connection


@pytest.fixture
def locked_sqlite(sqlite_url: str, quick_sqlite: Engine) -> Iterator[LockedFile]:
    """A client and program stored, then a second connection takes the write lock on the file."""
    ids = store_client_and_program(quick_sqlite)
    path = make_url(sqlite_url).database
    assert path is not None
    holder = sqlite3.connect(path, isolation_level=None, timeout=0.05)
    holder.execute("BEGIN IMMEDIATE")
    yield LockedFile(quick_sqlite, ids, holder)
    if holder.in_transaction:
        holder.execute("ROLLBACK")
    holder.close()


def test_a_real_sqlite_lock_is_waited_out(
    locked_sqlite: LockedFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine, ids, holder = locked_sqlite
    sleeps: list[float] = []

    def sleep_then_release(seconds: float) -> None:
        sleeps.append(seconds)
        if len(sleeps) == 2:
            holder.execute("ROLLBACK")  # the other writer finishes during the second wait

    monkeypatch.setattr(
        db.mesocycle_store, "with_retry", functools.partial(with_retry, sleep=sleep_then_release)
    )
    mesocycle = _fresh()
    assert _save(engine, ids, mesocycle, MONDAY) == mesocycle.mesocycle_id
    assert sleeps == [0.05, 0.1]
    assert _stored(engine, mesocycle) == _full(mesocycle)


def test_a_real_sqlite_lock_that_never_ends_is_storage_unavailable(
    locked_sqlite: LockedFile, sleeps: list[float]
) -> None:
    engine, ids, holder = locked_sqlite
    mesocycle = _fresh()
    with pytest.raises(StorageUnavailable, match="stayed busy or unreachable") as caught:
        _save(engine, ids, mesocycle, MONDAY)
    assert "database is locked" in str(caught.value.__cause__)
    assert sleeps == [0.05, 0.1, 0.2]
    holder.execute("ROLLBACK")
    assert _stored(engine, mesocycle) == (0, 0, 0)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM mesocycles")).scalar_one() == 0


# the classification itself


def _wrapped(
    orig: BaseException, cls: type[DBAPIError] = OperationalError, **kwargs: Any
) -> DBAPIError:
    return cls("INSERT INTO mesocycles ...", {}, orig, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (_wrapped(psycopg.errors.SerializationFailure("could not serialize access")), True),
        (_wrapped(psycopg.errors.DeadlockDetected("deadlock detected")), True),
        (_wrapped(psycopg.errors.LockNotAvailable("could not obtain lock")), True),
        (_wrapped(psycopg.errors.AdminShutdown("terminating connection")), True),
        (_wrapped(psycopg.OperationalError("server closed the connection unexpectedly")), True),
        (_wrapped(psycopg.errors.QueryCanceled("canceling statement due to timeout")), False),
        (_wrapped(sqlite3.OperationalError("database is locked")), True),
        (_wrapped(sqlite3.OperationalError("database table is locked: mesocycles")), True),
        (_wrapped(sqlite3.OperationalError("database is busy")), True),
        (_wrapped(sqlite3.OperationalError("no such table: mesocycles")), False),
        (
            _wrapped(
                sqlite3.IntegrityError("UNIQUE constraint failed: mesocycles.id"), IntegrityError
            ),
            False,
        ),
        (
            _wrapped(
                psycopg.errors.UniqueViolation("duplicate key value violates unique constraint"),
                IntegrityError,
            ),
            False,
        ),
        (_wrapped(sqlite3.OperationalError("whatever"), connection_invalidated=True), True),
        (sqlite3.OperationalError("database is locked"), False),  # not wrapped by SQLAlchemy
        (RuntimeError("database is locked"), False),
    ],
    ids=[
        "pg-serialization",
        "pg-deadlock",
        "pg-lock-not-available",
        "pg-admin-shutdown",
        "pg-connection-dropped",
        "pg-query-canceled",
        "sqlite-locked",
        "sqlite-table-locked",
        "sqlite-busy",
        "sqlite-no-such-table",
        "sqlite-integrity",
        "pg-integrity",
        "invalidated-connection",
        "raw-driver-error",
        "not-a-database-error",
    ],
)
def test_is_transient_classification(error: BaseException, transient: bool) -> None:
    assert is_transient(error) is transient


def test_with_retry_raises_a_non_transient_error_at_once() -> None:
    calls: list[int] = []
    sleeps: list[float] = []
    integrity = _wrapped(sqlite3.IntegrityError("UNIQUE constraint failed"), IntegrityError)

    def action() -> None:
        calls.append(1)
        raise integrity

    with pytest.raises(IntegrityError):
        with_retry(action, what="save", sleep=sleeps.append)
    assert (len(calls), sleeps) == (1, [])


def test_with_retry_backs_off_exponentially_within_its_attempts() -> None:
    outcomes: list[Any] = [_wrapped(sqlite3.OperationalError("database is locked"))] * 2 + ["ok"]
    sleeps: list[float] = []

    def action() -> str:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    assert with_retry(action, what="x", attempts=3, base_delay=1.0, sleep=sleeps.append) == "ok"
    assert sleeps == [1.0, 2.0]

    def locked() -> str:
        raise _wrapped(sqlite3.OperationalError("database is locked"))

    with pytest.raises(StorageUnavailable, match=r"while trying to load \(2 attempts\)"):
        with_retry(locked, what="load", attempts=2, sleep=sleeps.append)
    assert sleeps == [1.0, 2.0, 0.05]


def test_microcycle_weeks_follow_the_date_rule_after_a_retry(
    engine: Engine, client_and_program: ClientAndProgram, insert_hook: Any, sleeps: list[float]
) -> None:
    """A retried Wednesday start still has its 5-day transition week and contiguous weeks."""
    tripped = [False]

    def once(n: int) -> None:
        if not tripped[0]:
            tripped[0] = True
            raise _transient_error(engine)

    insert_hook(once)
    mesocycle = _fresh(WEDNESDAY, weeks=3)
    _save(engine, client_and_program, mesocycle, WEDNESDAY)
    with SqlUnitOfWork(engine, default_coach_id(engine)) as uow:
        weeks = uow.microcycles.get_microcycles_by_mesocycle_id(mesocycle.mesocycle_id)  # type: ignore[arg-type]
    assert [(w.week_number, w.start_date, w.end_date) for w in weeks] == [
        (0, WEDNESDAY, date(2026, 12, 6)),
        (1, date(2026, 12, 7), date(2026, 12, 13)),
        (2, date(2026, 12, 14), date(2026, 12, 20)),
        (3, date(2026, 12, 21), date(2026, 12, 27)),
    ]
    for earlier, later in itertools.pairwise(weeks):
        assert later.start_date == earlier.end_date + timedelta(days=1)
