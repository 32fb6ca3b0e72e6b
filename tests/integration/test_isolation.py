"""Coach isolation, on SQLite and PostgreSQL: every repository and storage method, both ways.

Two coaches, A and B, each with clients, a program, a saved mesocycle and its workouts. For every
public method of the six repositories and of SqlStorage there is one check (the CHECKS mappings
below; a method without one fails ``test_every_public_method_has_an_isolation_check``). Each check
runs the method as coach B against A's ids and asserts "not found" (None, [], 0 or NotFound), and
runs it as A to show A still sees (or may change) the same rows, so the check can fail both ways.
Afterwards every row of A's data must be exactly as before B's attempt.
"""

from __future__ import annotations

import inspect
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import replace as replaced
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from core.errors import Conflict, NotFound
from core.plan_changes import Author, ChangeKind, PlanChange
from core.proposals import NewProposal, ProposalStatus, ProposedWorkout
from core.records import build_mesocycle_rows
from core.schemas import FitnessProgram, KeyValuePair, ProgramType, Units, WorkoutStatus
from core.session_log import SessionLog, SetResult
from core.templates import Template, template_from_mesocycle
from core.units import DistanceUnit, LoadUnit
from db.accounts import create_coach
from db.client_links import ClientLinkRepository
from db.mesocycle_store import create_mesocycle_with_details
from db.models import (
    ClientDB,
    ClientLinkDB,
    FitnessProgramDB,
    MesocycleDB,
    MicrocycleDB,
    WorkoutInstanceDB,
)
from db.proposals import ProposalRepository
from db.repositories import (
    ClientRepository,
    FitnessProgramRepository,
    MesocycleRepository,
    MicrocycleRepository,
    WorkoutInstanceRepository,
)
from db.storage import SqlStorage
from db.templates import TemplateRepository
from db.unit_of_work import SqlUnitOfWork
from tests.conftest import MACROCYCLE_ID, store_client_and_program
from tests.factories import make_mesocycle, make_plan, make_profile

MONDAY = date(2026, 11, 30)
NOW = datetime(2025, 1, 6, 12, 0, tzinfo=UTC)
TABLES = (ClientDB, FitnessProgramDB, MesocycleDB, MicrocycleDB, WorkoutInstanceDB, ClientLinkDB)


@dataclass(frozen=True)
class Side:
    """One coach's stored data."""

    coach_id: uuid.UUID
    client_id: uuid.UUID
    client_name: str
    program_id: uuid.UUID
    mesocycle_id: uuid.UUID
    microcycle_id: uuid.UUID
    workout_id: uuid.UUID
    logged_workout_id: uuid.UUID
    """A completed workout, so count_logged_workouts has something to count."""
    link_id: uuid.UUID
    """A client link of the client."""


@dataclass(frozen=True)
class World:
    engine: Engine
    a: Side
    b: Side

    @contextmanager
    def uow(self, side: Side) -> Iterator[SqlUnitOfWork]:
        """A unit of work of that coach, committed afterwards even when the body raised.

        Committing after a refusal proves the refusal changed nothing: a method that wrote first
        and raised NotFound afterwards would leave its change in the database.
        """
        with SqlUnitOfWork(self.engine, side.coach_id) as uow:
            try:
                yield uow
            finally:
                uow.commit()

    def storage(self, side: Side) -> SqlStorage:
        return SqlStorage(self.engine, side.coach_id)


def _seed(engine: Engine, username: str, client_name: str) -> Side:
    coach_id = create_coach(engine, username, "correct horse battery", username.title())
    client_id, program_id = store_client_and_program(engine, client_name, MONDAY, coach_id)
    mesocycle_id = create_mesocycle_with_details(
        make_mesocycle(MONDAY, weeks=2, phase="Hypertrophy"),
        program_id,
        MACROCYCLE_ID,
        client_id,
        0,
        MONDAY,
        engine=engine,
        coach_id=coach_id,
    )
    with SqlUnitOfWork(engine, coach_id) as uow:
        micro = uow.microcycles.get_microcycles_by_mesocycle_id(mesocycle_id)[1]
        workouts = uow.workouts.get_workouts_by_microcycle_id(micro.id)
        logged, scheduled = workouts[0].id, workouts[1].id
        uow.workouts.update_workout_status(logged, WorkoutStatus.COMPLETED, 7.5, 55)
        link = uow.links.create(client_id, "Phone", "client", uuid.uuid4().hex * 2, None)
        uow.commit()
    return Side(
        coach_id,
        client_id,
        client_name,
        program_id,
        mesocycle_id,
        micro.id,
        scheduled,
        logged,
        link.id,
    )


@pytest.fixture
def world(engine: Engine) -> World:
    a = _seed(engine, "coach-a", "Alice Avery")
    store_client_and_program(engine, "Anna Second", MONDAY, a.coach_id)  # A has two clients
    b = _seed(engine, "coach-b", "Bruno Baker")
    return World(engine, a, b)


def _a_rows(world: World) -> dict[str, list[tuple[Any, ...]]]:
    """Every column of every row of coach A's data, in a stable order."""
    mine = select(ClientDB.id).where(ClientDB.coach_id == world.a.coach_id)
    snapshot: dict[str, list[tuple[Any, ...]]] = {}
    with world.engine.connect() as connection:
        for model in TABLES:
            mine_only = (
                ClientDB.coach_id == world.a.coach_id
                if model is ClientDB
                else model.client_id.in_(mine)
            )
            rows = connection.execute(select(model.__table__).where(mine_only).order_by(model.id))
            snapshot[model.__tablename__] = [tuple(row) for row in rows]
    return snapshot


def _counts(world: World) -> dict[str, int]:
    with world.engine.connect() as connection:
        return {
            model.__tablename__: connection.execute(
                select(func.count()).select_from(model)
            ).scalar_one()
            for model in TABLES
        }


def _new_program(client_id: uuid.UUID) -> FitnessProgramDB:
    return FitnessProgramDB(
        client_id=client_id,
        program_type="hybrid",
        overview="B's attempt",
        start_date=MONDAY,
        weeks=4,
        macrocycles=[],
        generated_by="test",
    )


def _rows(program_id: uuid.UUID, client_id: uuid.UUID, order_index: int = 1):  # type: ignore[no-untyped-def]
    start = MONDAY + timedelta(weeks=4)
    return build_mesocycle_rows(
        make_mesocycle(start, weeks=2, phase="Strength"),
        program_id,
        MACROCYCLE_ID,
        client_id,
        order_index,
        start,
        NOW,
    )


def _microcycle_row(client_id: uuid.UUID, mesocycle_id: uuid.UUID) -> MicrocycleDB:
    return MicrocycleDB(
        id=uuid.uuid4(),
        client_id=client_id,
        mesocycle_id=mesocycle_id,
        week_number=9,
        start_date=MONDAY + timedelta(weeks=9),
        end_date=MONDAY + timedelta(weeks=9, days=6),
    )


def _workout_row(client_id: uuid.UUID, microcycle_id: uuid.UUID) -> WorkoutInstanceDB:
    return WorkoutInstanceDB(
        id=uuid.uuid4(),
        microcycle_id=microcycle_id,
        client_id=client_id,
        date=MONDAY + timedelta(days=2),
        day_slot=3,
        session_type="lift",
        title="B's injected session",
        blocks=[],
    )


# ClientRepository


def check_create_client(w: World) -> None:
    with w.uow(w.b) as uow:
        new_id = uow.clients.create_client(
            w.a.client_name, make_profile(name=w.a.client_name).model_dump(mode="json")
        )
    with w.uow(w.a) as uow:
        assert uow.clients.get_client(new_id) is None
        assert uow.clients.count_clients() == 2
    with w.uow(w.b) as uow:
        row = uow.clients.get_client(new_id)
        assert row is not None and row.coach_id == w.b.coach_id


def check_get_client(w: World) -> None:
    with w.uow(w.b) as uow:
        assert uow.clients.get_client(w.a.client_id) is None
    with w.uow(w.a) as uow:
        row = uow.clients.get_client(w.a.client_id)
        assert row is not None and row.name == w.a.client_name


def check_client_profile(w: World) -> None:
    with w.uow(w.b) as uow:
        assert uow.clients.client_profile(w.a.client_id) is None
    with w.uow(w.a) as uow:
        profile = uow.clients.client_profile(w.a.client_id)
        assert profile is not None and profile["name"] == w.a.client_name


def check_find_client_by_name(w: World) -> None:
    with w.uow(w.b) as uow:
        assert uow.clients.find_client_by_name(w.a.client_name) is None
        assert uow.clients.find_client_by_name(w.a.client_name.upper()) is None
    with w.uow(w.a) as uow:
        found = uow.clients.find_client_by_name(w.a.client_name)
        assert found is not None and found.id == w.a.client_id


def check_list_clients(w: World) -> None:
    with w.uow(w.b) as uow:
        assert [row.name for row in uow.clients.list_clients()] == [w.b.client_name]
        assert uow.clients.list_clients("Alice") == []
        assert uow.clients.list_clients("a") == [uow.clients.get_client(w.b.client_id)]
    with w.uow(w.a) as uow:
        assert [row.name for row in uow.clients.list_clients()] == ["Alice Avery", "Anna Second"]
        assert [row.id for row in uow.clients.list_clients("Alice")] == [w.a.client_id]


def check_update_client(w: World) -> None:
    profile = make_profile(name="Hijacked").model_dump(mode="json")
    with w.uow(w.b) as uow, pytest.raises(NotFound):
        uow.clients.update_client(w.a.client_id, "Hijacked", profile)
    assert _a_rows(w)["clients"] == BEFORE[w.engine.url]["clients"]
    with w.uow(w.a) as uow:
        uow.clients.update_client(w.a.client_id, "Alice Renamed", profile)
    with w.uow(w.a) as uow:
        row = uow.clients.get_client(w.a.client_id)
        assert row is not None and row.name == "Alice Renamed"


def check_count_clients(w: World) -> None:
    with w.uow(w.b) as uow:
        assert uow.clients.count_clients() == 1
    with w.uow(w.a) as uow:
        assert uow.clients.count_clients() == 2


# FitnessProgramRepository


def check_create_program(w: World) -> None:
    counts = _counts(w)
    with w.uow(w.b) as uow, pytest.raises(NotFound):
        uow.programs.create_program(_new_program(w.a.client_id))
    assert _counts(w) == counts
    with w.uow(w.a) as uow:
        new_id = uow.programs.create_program(_new_program(w.a.client_id))
    with w.uow(w.a) as uow:
        assert uow.programs.get_program(new_id) is not None


def check_add_program(w: World) -> None:
    counts = _counts(w)
    values = _new_program(w.a.client_id).model_dump(exclude={"id", "created_at", "updated_at"})
    with w.uow(w.b) as uow, pytest.raises(NotFound):
        uow.programs.add_program(values)
    assert _counts(w) == counts
    with w.uow(w.a) as uow:
        new_id = uow.programs.add_program(values)
    with w.uow(w.a) as uow:
        row = uow.programs.get_program(new_id)
        assert row is not None and row.client_id == w.a.client_id


def check_get_program(w: World) -> None:
    with w.uow(w.b) as uow:
        assert uow.programs.get_program(w.a.program_id) is None
    with w.uow(w.a) as uow:
        row = uow.programs.get_program(w.a.program_id)
        assert row is not None and row.client_id == w.a.client_id


def check_get_programs_by_client_id(w: World) -> None:
    with w.uow(w.b) as uow:
        assert uow.programs.get_programs_by_client_id(w.a.client_id) == []
    with w.uow(w.a) as uow:
        assert [p.id for p in uow.programs.get_programs_by_client_id(w.a.client_id)] == [
            w.a.program_id
        ]


# MesocycleRepository


def check_create_mesocycle(w: World) -> None:
    counts = _counts(w)
    # A's client in A's program; B's own client in A's program; A's client in B's program.
    for program_id, client_id in (
        (w.a.program_id, w.a.client_id),
        (w.a.program_id, w.b.client_id),
        (w.b.program_id, w.a.client_id),
    ):
        with w.uow(w.b) as uow, pytest.raises(NotFound):
            uow.mesocycles.create_mesocycle(MesocycleDB(**_rows(program_id, client_id).mesocycle))
    assert _counts(w) == counts
    rows = _rows(w.a.program_id, w.a.client_id)
    with w.uow(w.a) as uow:
        assert uow.mesocycles.create_mesocycle(MesocycleDB(**rows.mesocycle)) == rows.mesocycle_id


def check_get_mesocycle_by_id(w: World) -> None:
    with w.uow(w.b) as uow:
        assert uow.mesocycles.get_mesocycle_by_id(w.a.mesocycle_id) is None
    with w.uow(w.a) as uow:
        row = uow.mesocycles.get_mesocycle_by_id(w.a.mesocycle_id)
        assert row is not None and row.phase == "Hypertrophy"


def check_get_mesocycles_by_program_id(w: World) -> None:
    with w.uow(w.b) as uow:
        assert uow.mesocycles.get_mesocycles_by_program_id(w.a.program_id) == []
    with w.uow(w.a) as uow:
        assert [m.id for m in uow.mesocycles.get_mesocycles_by_program_id(w.a.program_id)] == [
            w.a.mesocycle_id
        ]


def check_get_mesocycles_by_macrocycle_id(w: World) -> None:
    # Both coaches' programs use the macrocycle id "macro-1": each sees only its own mesocycle.
    with w.uow(w.b) as uow:
        assert [m.id for m in uow.mesocycles.get_mesocycles_by_macrocycle_id(MACROCYCLE_ID)] == [
            w.b.mesocycle_id
        ]
    with w.uow(w.a) as uow:
        assert [m.id for m in uow.mesocycles.get_mesocycles_by_macrocycle_id(MACROCYCLE_ID)] == [
            w.a.mesocycle_id
        ]


def check_get_mesocycle_for_phase(w: World) -> None:
    with w.uow(w.b) as uow:
        assert uow.mesocycles.get_mesocycle_for_phase(w.a.program_id, MACROCYCLE_ID, 0) is None
    with w.uow(w.a) as uow:
        row = uow.mesocycles.get_mesocycle_for_phase(w.a.program_id, MACROCYCLE_ID, 0)
        assert row is not None and row.id == w.a.mesocycle_id


def check_get_save_checks(w: World) -> None:
    a, b = w.a, w.b
    with w.uow(b) as uow:
        checks = uow.mesocycles.get_save_checks
        assert checks(uuid.uuid4(), a.client_id, a.program_id, MACROCYCLE_ID, 0) is None
        assert checks(uuid.uuid4(), b.client_id, a.program_id, MACROCYCLE_ID, 0) is None
        into_own = checks(uuid.uuid4(), a.client_id, b.program_id, MACROCYCLE_ID, 1)
        assert into_own is not None and not into_own.client_exists
        # A's mesocycle id is not "already stored" for B: B's save must not report success.
        reused = checks(a.mesocycle_id, b.client_id, b.program_id, MACROCYCLE_ID, 1)
        assert reused is not None and not reused.already_stored
        own = checks(uuid.uuid4(), b.client_id, b.program_id, MACROCYCLE_ID, 0)
        assert own is not None and own.phase_mesocycle_id == b.mesocycle_id
    with w.uow(a) as uow:
        mine = uow.mesocycles.get_save_checks(
            a.mesocycle_id, a.client_id, a.program_id, MACROCYCLE_ID, 0
        )
        assert mine is not None
        assert (mine.program_client_id, mine.client_exists, mine.already_stored) == (
            a.client_id,
            True,
            True,
        )
        assert mine.phase_mesocycle_id == a.mesocycle_id


def check_delete_mesocycle(w: World) -> None:
    with w.uow(w.b) as uow:
        uow.mesocycles.delete_mesocycle(w.a.mesocycle_id)
    assert _a_rows(w) == BEFORE[w.engine.url]
    with w.uow(w.a) as uow:
        uow.mesocycles.delete_mesocycle(w.a.mesocycle_id)
    with w.uow(w.a) as uow:
        assert uow.mesocycles.get_mesocycle_by_id(w.a.mesocycle_id) is None


def check_lock_for_replace(w: World) -> None:
    with w.uow(w.b) as uow:
        assert uow.mesocycles.lock_for_replace(w.a.mesocycle_id) == 0
    with w.uow(w.a) as uow:
        assert uow.mesocycles.lock_for_replace(w.a.mesocycle_id) == 1  # A's logged workout


def check_delete_unlogged_mesocycle(w: World) -> None:
    # A's phase has a logged workout: neither coach can delete it, and B's attempt touches nothing.
    for side in (w.b, w.a):
        with w.uow(side) as uow:
            assert uow.mesocycles.delete_unlogged_mesocycle(w.a.mesocycle_id) is False
            uow.rollback()
    assert _a_rows(w) == BEFORE[w.engine.url]
    with w.uow(w.b) as uow:
        assert uow.mesocycles.delete_unlogged_mesocycle(w.a.mesocycle_id) is False
    assert _a_rows(w) == BEFORE[w.engine.url]  # committed this time: still nothing of A's gone


# MicrocycleRepository


def check_create_microcycle(w: World) -> None:
    counts = _counts(w)
    for client_id, mesocycle_id in (
        (w.a.client_id, w.a.mesocycle_id),
        (w.b.client_id, w.a.mesocycle_id),
        (w.a.client_id, w.b.mesocycle_id),
    ):
        with w.uow(w.b) as uow, pytest.raises(NotFound):
            uow.microcycles.create_microcycle(_microcycle_row(client_id, mesocycle_id))
    assert _counts(w) == counts
    with w.uow(w.a) as uow:
        uow.microcycles.create_microcycle(_microcycle_row(w.a.client_id, w.a.mesocycle_id))
    assert _counts(w)["microcycles"] == counts["microcycles"] + 1


def check_get_microcycles_by_mesocycle_id(w: World) -> None:
    with w.uow(w.b) as uow:
        assert uow.microcycles.get_microcycles_by_mesocycle_id(w.a.mesocycle_id) == []
    with w.uow(w.a) as uow:
        weeks = uow.microcycles.get_microcycles_by_mesocycle_id(w.a.mesocycle_id)
        assert w.a.microcycle_id in [m.id for m in weeks]


def check_update_microcycle_metrics(w: World) -> None:
    metrics = [KeyValuePair(key="tonnage", value="1")]
    with w.uow(w.b) as uow, pytest.raises(NotFound):
        uow.microcycles.update_microcycle_metrics(w.a.microcycle_id, metrics)
    assert _a_rows(w) == BEFORE[w.engine.url]
    with w.uow(w.a) as uow:
        uow.microcycles.update_microcycle_metrics(w.a.microcycle_id, metrics)
    with w.uow(w.a) as uow:
        weeks = uow.microcycles.get_microcycles_by_mesocycle_id(w.a.mesocycle_id)
        assert next(m for m in weeks if m.id == w.a.microcycle_id).metrics == {"tonnage": "1"}


# WorkoutInstanceRepository


def check_create_workout_instance(w: World) -> None:
    counts = _counts(w)
    for client_id, microcycle_id in (
        (w.a.client_id, w.a.microcycle_id),
        (w.b.client_id, w.a.microcycle_id),
        (w.a.client_id, w.b.microcycle_id),
    ):
        with w.uow(w.b) as uow, pytest.raises(NotFound):
            uow.workouts.create_workout_instance(_workout_row(client_id, microcycle_id))
    assert _counts(w) == counts
    with w.uow(w.a) as uow:
        uow.workouts.create_workout_instance(_workout_row(w.a.client_id, w.a.microcycle_id))
    assert _counts(w)["workout_instances"] == counts["workout_instances"] + 1


def check_get_workout(w: World) -> None:
    with w.uow(w.b) as uow:
        assert uow.workouts.get_workout(w.a.workout_id) is None
    with w.uow(w.a) as uow:
        row = uow.workouts.get_workout(w.a.workout_id)
        assert row is not None and row.client_id == w.a.client_id


def check_get_workouts_by_microcycle_id(w: World) -> None:
    with w.uow(w.b) as uow:
        assert uow.workouts.get_workouts_by_microcycle_id(w.a.microcycle_id) == []
    with w.uow(w.a) as uow:
        ids = [row.id for row in uow.workouts.get_workouts_by_microcycle_id(w.a.microcycle_id)]
        assert {w.a.workout_id, w.a.logged_workout_id} <= set(ids)


def check_get_workouts_by_mesocycle_id(w: World) -> None:
    with w.uow(w.b) as uow:
        assert uow.workouts.get_workouts_by_mesocycle_id(w.a.mesocycle_id) == []
    with w.uow(w.a) as uow:
        ids = [row.id for row in uow.workouts.get_workouts_by_mesocycle_id(w.a.mesocycle_id)]
        assert {w.a.workout_id, w.a.logged_workout_id} <= set(ids)


def check_get_workouts_for_client(w: World) -> None:
    end = MONDAY + timedelta(weeks=8)
    with w.uow(w.b) as uow:
        assert uow.workouts.get_workouts_for_client(w.a.client_id) == []
        assert uow.workouts.get_workouts_for_client(w.a.client_id, MONDAY, end) == []
    with w.uow(w.a) as uow:
        assert len(uow.workouts.get_workouts_for_client(w.a.client_id)) > 2
        assert len(uow.workouts.get_workouts_for_client(w.a.client_id, MONDAY, end)) > 2


def check_workouts_stamp(w: World) -> None:
    with w.uow(w.b) as uow:
        assert uow.workouts.workouts_stamp(w.a.client_id) == (0, None, None, None, None)
    with w.uow(w.a) as uow:
        count, first, last, created, updated = uow.workouts.workouts_stamp(w.a.client_id)
        assert count > 2 and first == MONDAY and last is not None and created and updated


def check_count_logged_workouts(w: World) -> None:
    with w.uow(w.b) as uow:
        assert uow.workouts.count_logged_workouts(w.a.mesocycle_id) == 0
        assert uow.workouts.count_logged_workouts(w.b.mesocycle_id) == 1
    with w.uow(w.a) as uow:
        assert uow.workouts.count_logged_workouts(w.a.mesocycle_id) == 1


def check_update_workout_status(w: World) -> None:
    for workout_id in (w.a.workout_id, w.a.logged_workout_id):
        with w.uow(w.b) as uow, pytest.raises(NotFound):
            uow.workouts.update_workout_status(workout_id, WorkoutStatus.SKIPPED)
    assert _a_rows(w) == BEFORE[w.engine.url]
    with w.uow(w.a) as uow:
        uow.workouts.update_workout_status(w.a.workout_id, WorkoutStatus.SKIPPED)
    with w.uow(w.a) as uow:
        row = uow.workouts.get_workout(w.a.workout_id)
        assert row is not None and row.status == WorkoutStatus.SKIPPED.value


# SqlStorage


def check_storage_count_clients(w: World) -> None:
    assert w.storage(w.b).count_clients() == 1
    assert w.storage(w.a).count_clients() == 2
    w.storage(w.a).set_client_archived(w.a.client_id, True)
    assert w.storage(w.b).count_clients(archived=True) == 0
    assert w.storage(w.b).count_clients() == 1
    assert (w.storage(w.a).count_clients(), w.storage(w.a).count_clients(archived=True)) == (1, 1)


def check_client_profiles(w: World) -> None:
    with w.uow(w.b) as uow:
        assert [client_id for client_id, _ in uow.clients.client_profiles()] == [w.b.client_id]
        assert uow.clients.client_profiles(archived=True) == []
    with w.uow(w.a) as uow:
        assert w.a.client_id in [client_id for client_id, _ in uow.clients.client_profiles()]
        assert w.b.client_id not in [client_id for client_id, _ in uow.clients.client_profiles()]


def check_storage_list_clients(w: World) -> None:
    assert [c.name for c in w.storage(w.b).list_clients()] == [w.b.client_name]
    assert w.storage(w.b).list_clients("Alice") == []
    assert [c.id for c in w.storage(w.a).list_clients("Alice")] == [w.a.client_id]


def check_storage_get_client(w: World) -> None:
    with pytest.raises(NotFound):
        w.storage(w.b).get_client(w.a.client_id)
    assert w.storage(w.a).get_client(w.a.client_id).name == w.a.client_name


def check_storage_find_client_by_name(w: World) -> None:
    assert w.storage(w.b).find_client_by_name(w.a.client_name) is None
    found = w.storage(w.a).find_client_by_name(w.a.client_name)
    assert found is not None and found.id == w.a.client_id


def check_storage_create_client(w: World) -> None:
    new_id = w.storage(w.b).create_client(make_profile(name=w.a.client_name))
    with pytest.raises(NotFound):
        w.storage(w.a).get_client(new_id)
    assert w.storage(w.a).count_clients() == 2
    assert w.storage(w.b).get_client(new_id).name == w.a.client_name


def check_storage_update_client(w: World) -> None:
    with pytest.raises(NotFound):
        w.storage(w.b).update_client(w.a.client_id, make_profile(name="Hijacked"))
    assert _a_rows(w) == BEFORE[w.engine.url]
    w.storage(w.a).update_client(w.a.client_id, make_profile(name="Alice Renamed"))
    assert w.storage(w.a).get_client(w.a.client_id).name == "Alice Renamed"


def check_set_archived(w: World) -> None:
    with w.uow(w.b) as uow, pytest.raises(NotFound):
        uow.clients.set_archived(w.a.client_id, True)
    assert _a_rows(w) == BEFORE[w.engine.url]
    with w.uow(w.a) as uow:
        uow.clients.set_archived(w.a.client_id, True)
    with w.uow(w.a) as uow:
        assert [row.name for row in uow.clients.list_clients()] == ["Anna Second"]


def check_delete_client(w: World) -> None:
    with w.uow(w.b) as uow, pytest.raises(NotFound):
        uow.clients.delete_client(w.a.client_id)
    assert _a_rows(w) == BEFORE[w.engine.url]
    with w.uow(w.a) as uow:
        uow.clients.delete_client(w.a.client_id)
    with w.uow(w.a) as uow:
        assert uow.clients.get_client(w.a.client_id) is None


def check_storage_set_client_archived(w: World) -> None:
    with pytest.raises(NotFound):
        w.storage(w.b).set_client_archived(w.a.client_id, True)
    assert _a_rows(w) == BEFORE[w.engine.url]
    w.storage(w.a).set_client_archived(w.a.client_id, True)
    assert [c.id for c in w.storage(w.a).list_clients(archived=True)] == [w.a.client_id]


def check_storage_delete_client(w: World) -> None:
    with pytest.raises(NotFound):
        w.storage(w.b).delete_client(w.a.client_id)
    assert _a_rows(w) == BEFORE[w.engine.url]
    w.storage(w.a).delete_client(w.a.client_id)
    with pytest.raises(NotFound):
        w.storage(w.a).get_client(w.a.client_id)


def _program() -> FitnessProgram:
    return FitnessProgram.model_validate(
        {
            "programType": "strength",
            "overview": "B's outline",
            "macrocycles": [
                {
                    "id": MACROCYCLE_ID,
                    "name": "Block",
                    "lengthWeeks": 4,
                    "mesocycles": [make_plan(4).model_dump(mode="json")],
                }
            ],
        }
    )


def check_storage_create_program(w: World) -> None:
    counts = _counts(w)
    with pytest.raises(NotFound):
        w.storage(w.b).create_program(w.a.client_id, _program(), MONDAY, 4, "test")
    assert _counts(w) == counts
    new_id = w.storage(w.a).create_program(w.a.client_id, _program(), MONDAY, 4, "test")
    assert w.storage(w.a).get_program(new_id).client_id == w.a.client_id


def check_storage_get_program(w: World) -> None:
    with pytest.raises(NotFound):
        w.storage(w.b).get_program(w.a.program_id)
    assert w.storage(w.a).get_program(w.a.program_id).client_id == w.a.client_id


def check_storage_list_programs(w: World) -> None:
    assert w.storage(w.b).list_programs(w.a.client_id) == []
    assert [p.id for p in w.storage(w.a).list_programs(w.a.client_id)] == [w.a.program_id]


def check_storage_save_mesocycle(w: World) -> None:
    counts = _counts(w)
    for program_id, client_id in (
        (w.a.program_id, w.a.client_id),
        (w.a.program_id, w.b.client_id),
        (w.b.program_id, w.a.client_id),
    ):
        with pytest.raises(NotFound):
            w.storage(w.b).save_mesocycle(_rows(program_id, client_id))
        with pytest.raises(NotFound):  # replacing A's phase: the same refusal, nothing deleted
            w.storage(w.b).save_mesocycle(_rows(program_id, client_id, 0), replace_existing=True)
    assert _counts(w) == counts
    rows = _rows(w.a.program_id, w.a.client_id)
    assert w.storage(w.a).save_mesocycle(rows) == rows.mesocycle_id
    assert _counts(w)["mesocycles"] == counts["mesocycles"] + 1


def check_storage_list_mesocycles(w: World) -> None:
    assert w.storage(w.b).list_mesocycles(w.a.program_id) == []
    assert [m.id for m in w.storage(w.a).list_mesocycles(w.a.program_id)] == [w.a.mesocycle_id]


def check_storage_client_mesocycles(w: World) -> None:
    assert w.storage(w.b).client_mesocycles(w.a.client_id) == []
    assert [m.id for m in w.storage(w.a).client_mesocycles(w.a.client_id)] == [w.a.mesocycle_id]


def check_get_mesocycles_by_client_id(w: World) -> None:
    with w.uow(w.b) as uow:
        assert uow.mesocycles.get_mesocycles_by_client_id(w.a.client_id) == []
    with w.uow(w.a) as uow:
        rows = uow.mesocycles.get_mesocycles_by_client_id(w.a.client_id)
        assert [m.id for m in rows] == [w.a.mesocycle_id]


def check_storage_workouts_for_client(w: World) -> None:
    assert w.storage(w.b).workouts_for_client(w.a.client_id) == []
    assert w.storage(w.b).workouts_for_client(w.a.client_id, MONDAY, MONDAY + timedelta(90)) == []
    assert len(w.storage(w.a).workouts_for_client(w.a.client_id)) > 2


def check_storage_workouts_stamp(w: World) -> None:
    assert tuple(w.storage(w.b).workouts_stamp(w.a.client_id)) == (0, None, None, None, None)
    stamp = w.storage(w.a).workouts_stamp(w.a.client_id)
    assert stamp.count == len(w.storage(w.a).workouts_for_client(w.a.client_id)) > 2


def check_storage_coach_overview(w: World) -> None:
    today = MONDAY + timedelta(days=10)
    assert [row.client_id for row in w.storage(w.b).coach_overview(today)] == [w.b.client_id]
    mine = {row.client_id for row in w.storage(w.a).coach_overview(today)}
    assert w.a.client_id in mine and w.b.client_id not in mine


def _a_logs_sets(w: World) -> SessionLog:
    """Coach A logs two sets on A's completed workout (the world holds no set logs yet)."""
    log = SessionLog(
        status=WorkoutStatus.COMPLETED,
        session_rpe=7.5,
        minutes=55,
        sets=[
            SetResult(exercise_index=0, exercise="Lift 0", set_number=n, reps=5, load_kg=80)
            for n in (1, 2)
        ],
    )
    w.storage(w.a).log_workout(w.a.logged_workout_id, log, "coach-a")
    return log


def check_storage_get_workout(w: World) -> None:
    with pytest.raises(NotFound):
        w.storage(w.b).get_workout(w.a.workout_id)
    assert w.storage(w.a).get_workout(w.a.workout_id).client_id == w.a.client_id


def check_storage_log_workout(w: World) -> None:
    log = SessionLog(status=WorkoutStatus.SKIPPED)
    with pytest.raises(NotFound):
        w.storage(w.b).log_workout(w.a.workout_id, log, "coach-b")
    assert _a_rows(w) == BEFORE[w.engine.url]
    assert w.storage(w.a).log_revisions(w.a.workout_id) == []
    w.storage(w.a).log_workout(w.a.workout_id, log, "coach-a")
    assert w.storage(w.a).get_workout(w.a.workout_id).status == WorkoutStatus.SKIPPED


def check_storage_clear_log(w: World) -> None:
    _a_logs_sets(w)
    with pytest.raises(NotFound):
        w.storage(w.b).clear_log(w.a.logged_workout_id)
    assert len(w.storage(w.a).workout_sets(w.a.logged_workout_id)) == 2
    assert w.storage(w.a).get_workout(w.a.logged_workout_id).status == WorkoutStatus.COMPLETED


def check_storage_workout_sets(w: World) -> None:
    _a_logs_sets(w)
    assert w.storage(w.b).workout_sets(w.a.logged_workout_id) == []
    assert [s.set_number for s in w.storage(w.a).workout_sets(w.a.logged_workout_id)] == [1, 2]


def check_storage_client_sets(w: World) -> None:
    _a_logs_sets(w)
    assert w.storage(w.b).client_sets(w.a.client_id) == []
    assert len(w.storage(w.a).client_sets(w.a.client_id)) == 2


def check_storage_heaviest_logged_sets(w: World) -> None:
    _a_logs_sets(w)
    assert w.storage(w.b).heaviest_logged_sets(w.a.client_id) == []
    heaviest = w.storage(w.a).heaviest_logged_sets(w.a.client_id)
    assert [(d.result.reps, d.result.load_kg) for d in heaviest] == [(5, 80.0)]


def check_storage_logged_tonnage(w: World) -> None:
    _a_logs_sets(w)
    assert w.storage(w.b).logged_tonnage(w.a.client_id) == {}
    assert w.storage(w.a).logged_tonnage(w.a.client_id) == {str(w.a.logged_workout_id): 800.0}


def check_storage_log_revisions(w: World) -> None:
    log = _a_logs_sets(w)
    with pytest.raises(NotFound):
        w.storage(w.b).log_revisions(w.a.logged_workout_id)
    [revision] = w.storage(w.a).log_revisions(w.a.logged_workout_id)
    assert revision.log == log


def check_storage_update_workout_status(w: World) -> None:
    for workout_id in (w.a.workout_id, w.a.logged_workout_id):
        with pytest.raises(NotFound):
            w.storage(w.b).update_workout_status(workout_id, WorkoutStatus.SCHEDULED)
    assert _a_rows(w) == BEFORE[w.engine.url]
    w.storage(w.a).update_workout_status(w.a.workout_id, WorkoutStatus.COMPLETED, 8, 60)
    done = [r for r in w.storage(w.a).workouts_for_client(w.a.client_id) if r.id == w.a.workout_id]
    assert done[0].status == WorkoutStatus.COMPLETED and done[0].session_rpe == 8


def check_storage_get_mesocycle(w: World) -> None:
    with pytest.raises(NotFound):
        w.storage(w.b).get_mesocycle(w.a.mesocycle_id)
    assert w.storage(w.a).get_mesocycle(w.a.mesocycle_id).mesocycle_id == w.a.mesocycle_id


# templates: the coach's own rows (no client behind them)


def _template() -> Template:
    profile = make_profile()
    return template_from_mesocycle(make_mesocycle(MONDAY, weeks=2), profile, ProgramType.STRENGTH)


def _a_template(w: World) -> uuid.UUID:
    return w.storage(w.a).create_template("A's block", _template())


def check_storage_set_coach_units(w: World) -> None:
    w.storage(w.a).set_coach_units(Units(load=LoadUnit.LB, distance=DistanceUnit.MI))
    assert w.storage(w.b).coach_units() == Units()  # B's default stays metric
    assert w.storage(w.a).coach_units() == Units(load=LoadUnit.LB, distance=DistanceUnit.MI)


def check_storage_coach_units(w: World) -> None:
    w.storage(w.b).set_coach_units(Units(load=LoadUnit.LB))
    assert w.storage(w.a).coach_units() == Units()
    assert w.storage(w.b).coach_units().load is LoadUnit.LB


def check_storage_create_template(w: World) -> None:
    mine = _a_template(w)
    theirs = w.storage(w.b).create_template("A's block", _template())  # the name is free for B
    assert [t.id for t in w.storage(w.a).list_templates()] == [mine]
    assert [t.id for t in w.storage(w.b).list_templates()] == [theirs]


def check_storage_list_templates(w: World) -> None:
    mine = _a_template(w)
    assert w.storage(w.b).list_templates() == []
    assert [t.id for t in w.storage(w.a).list_templates()] == [mine]


def check_storage_get_template(w: World) -> None:
    mine = _a_template(w)
    with pytest.raises(NotFound):
        w.storage(w.b).get_template(mine)
    assert w.storage(w.a).get_template(mine).name == "A's block"


def check_storage_delete_template(w: World) -> None:
    mine = _a_template(w)
    with pytest.raises(NotFound):
        w.storage(w.b).delete_template(mine)
    assert [t.id for t in w.storage(w.a).list_templates()] == [mine]
    w.storage(w.a).delete_template(mine)
    assert w.storage(w.a).list_templates() == []


def check_create_template(w: World) -> None:
    body = _template().model_dump(mode="json")
    with w.uow(w.b) as uow:
        theirs = uow.templates.create_template("Block", "strength", "Strength", body)
    with w.uow(w.a) as uow:
        assert uow.templates.get_template(theirs) is None
        assert uow.templates.create_template("Block", "strength", "Strength", body) != theirs


def check_list_templates(w: World) -> None:
    mine = _a_template(w)
    with w.uow(w.b) as uow:
        assert uow.templates.list_templates() == []
    with w.uow(w.a) as uow:
        assert [row.id for row in uow.templates.list_templates()] == [mine]


def check_get_template(w: World) -> None:
    mine = _a_template(w)
    with w.uow(w.b) as uow:
        assert uow.templates.get_template(mine) is None
    with w.uow(w.a) as uow:
        assert uow.templates.get_template(mine) is not None


def check_delete_template(w: World) -> None:
    mine = _a_template(w)
    with w.uow(w.b) as uow, pytest.raises(NotFound):
        uow.templates.delete_template(mine)
    with w.uow(w.a) as uow:
        uow.templates.delete_template(mine)
        assert uow.templates.get_template(mine) is None


# client links


def check_links_create(w: World) -> None:
    with w.uow(w.b) as uow, pytest.raises(NotFound):
        uow.links.create(w.a.client_id, "Mine now", "client", "e" * 64, None)
    assert _a_rows(w) == BEFORE[w.engine.url]
    with w.uow(w.a) as uow:
        uow.links.create(w.a.client_id, "Laptop", "client", "f" * 64, None)
    assert len(w.storage(w.a).list_client_links(w.a.client_id)) == 2


def check_links_for_client(w: World) -> None:
    with w.uow(w.b) as uow:
        assert uow.links.for_client(w.a.client_id) == []
    with w.uow(w.a) as uow:
        assert [row.id for row in uow.links.for_client(w.a.client_id)] == [w.a.link_id]


def check_links_revoke(w: World) -> None:
    with w.uow(w.b) as uow, pytest.raises(NotFound):
        uow.links.revoke(w.a.link_id)
    assert _a_rows(w) == BEFORE[w.engine.url]
    with w.uow(w.a) as uow:
        uow.links.revoke(w.a.link_id)
    [link] = w.storage(w.a).list_client_links(w.a.client_id)
    assert link.revoked_at is not None


def check_storage_create_client_link(w: World) -> None:
    with pytest.raises(NotFound):
        w.storage(w.b).create_client_link(w.a.client_id, "Mine now", "client", "e" * 64, None)
    assert _a_rows(w) == BEFORE[w.engine.url]
    made = w.storage(w.a).create_client_link(w.a.client_id, "Laptop", "calendar", "f" * 64, None)
    assert made.id in {link.id for link in w.storage(w.a).list_client_links(w.a.client_id)}


def check_storage_list_client_links(w: World) -> None:
    assert w.storage(w.b).list_client_links(w.a.client_id) == []
    assert [link.id for link in w.storage(w.a).list_client_links(w.a.client_id)] == [w.a.link_id]


def check_storage_revoke_client_link(w: World) -> None:
    with pytest.raises(NotFound):
        w.storage(w.b).revoke_client_link(w.a.link_id)
    assert _a_rows(w) == BEFORE[w.engine.url]
    w.storage(w.a).revoke_client_link(w.a.link_id)
    [link] = w.storage(w.a).list_client_links(w.a.client_id)
    assert link.revoked_at is not None


Check = Callable[[World], None]


def check_storage_workout_mesocycle(w: World) -> None:
    with pytest.raises(NotFound):
        w.storage(w.b).workout_mesocycle(w.a.workout_id)
    assert w.storage(w.a).workout_mesocycle(w.a.workout_id).id == w.a.mesocycle_id


def _retitle(workout_id: uuid.UUID) -> list[PlanChange]:
    return [PlanChange(ChangeKind.EDIT, workout_id, "retitled", fields={"title": "Hijacked"})]


def check_storage_change_plan(w: World) -> None:
    coach = Author(None, "B")
    for mesocycle_id in (w.a.mesocycle_id, w.b.mesocycle_id):
        with pytest.raises(NotFound):
            w.storage(w.b).change_plan(mesocycle_id, _retitle(w.a.workout_id), coach)
    assert _a_rows(w) == BEFORE[w.engine.url]
    w.storage(w.a).change_plan(w.a.mesocycle_id, _retitle(w.a.workout_id), Author(None, "A"))
    assert w.storage(w.a).get_workout(w.a.workout_id).title == "Hijacked"


def check_storage_plan_revisions(w: World) -> None:
    w.storage(w.a).change_plan(w.a.mesocycle_id, _retitle(w.a.workout_id), Author(None, "A"))
    assert w.storage(w.b).plan_revisions(w.a.mesocycle_id) == []
    assert [r.author for r in w.storage(w.a).plan_revisions(w.a.mesocycle_id)] == ["A"]


def _proposal(w: World, side: Side) -> NewProposal:
    """A proposal for the side's scheduled workout (its blocks as they are: accepting edits
    nothing, so a check can accept it)."""
    workout = w.storage(side).get_workout(side.workout_id)
    proposed = ProposedWorkout(
        workout.id, workout.title, workout.date, "proposed", workout.blocks, workout.blocks, []
    )
    return NewProposal(side.client_id, side.microcycle_id, MONDAY, [proposed])


def _saved_proposal(w: World) -> uuid.UUID:
    return w.storage(w.a).save_proposal(_proposal(w, w.a)).id


def check_proposals_save(w: World) -> None:
    mixed = replaced(_proposal(w, w.b), microcycle_id=w.a.microcycle_id)
    for new in (_proposal(w, w.a), mixed):
        with w.uow(w.b) as uow, pytest.raises(NotFound):
            uow.proposals.save(new)
    assert w.storage(w.a).client_proposals(w.a.client_id) == []
    with w.uow(w.a) as uow:
        assert uow.proposals.save(_proposal(w, w.a)).client_id == w.a.client_id


def check_proposals_for_client(w: World) -> None:
    proposal_id = _saved_proposal(w)
    with w.uow(w.b) as uow:
        assert uow.proposals.for_client(w.a.client_id) == []
    with w.uow(w.a) as uow:
        assert [row.id for row in uow.proposals.for_client(w.a.client_id)] == [proposal_id]


def check_proposals_decide(w: World) -> None:
    proposal_id = _saved_proposal(w)
    for status in (ProposalStatus.ACCEPTED, ProposalStatus.DISMISSED):
        with w.uow(w.b) as uow, pytest.raises(NotFound):
            uow.proposals.decide(proposal_id, status, Author(None, "B"))
    [kept] = w.storage(w.a).client_proposals(w.a.client_id)
    assert kept.status == ProposalStatus.PENDING
    assert _a_rows(w) == BEFORE[w.engine.url]
    with w.uow(w.a) as uow:
        uow.proposals.decide(proposal_id, ProposalStatus.DISMISSED, Author(None, "A"))
    assert w.storage(w.a).client_proposals(w.a.client_id)[0].decided_by == "A"


def check_storage_save_proposal(w: World) -> None:
    with pytest.raises(NotFound):
        w.storage(w.b).save_proposal(_proposal(w, w.a))
    assert w.storage(w.a).client_proposals(w.a.client_id) == []
    assert w.storage(w.a).save_proposal(_proposal(w, w.a)).status == ProposalStatus.PENDING


def check_storage_client_proposals(w: World) -> None:
    proposal_id = _saved_proposal(w)
    assert w.storage(w.b).client_proposals(w.a.client_id) == []
    assert [p.id for p in w.storage(w.a).client_proposals(w.a.client_id)] == [proposal_id]


def check_storage_decide_proposal(w: World) -> None:
    proposal_id = _saved_proposal(w)
    with pytest.raises(NotFound):
        w.storage(w.b).decide_proposal(proposal_id, ProposalStatus.ACCEPTED, Author(None, "B"))
    assert w.storage(w.a).plan_revisions(w.a.mesocycle_id) == []
    assert _a_rows(w) == BEFORE[w.engine.url]
    w.storage(w.a).decide_proposal(proposal_id, ProposalStatus.ACCEPTED, Author(None, "A"))
    assert [r.author for r in w.storage(w.a).plan_revisions(w.a.mesocycle_id)] == ["A"]


def check_proposals_retire(w: World) -> None:
    proposal_id = _saved_proposal(w)
    with w.uow(w.b) as uow:
        uow.proposals.retire(proposal_id)  # not B's: left as it is
    assert [p.id for p in w.storage(w.a).client_proposals(w.a.client_id)] == [proposal_id]
    with w.uow(w.a) as uow:
        uow.proposals.retire(proposal_id)
    assert w.storage(w.a).client_proposals(w.a.client_id) == []


def check_storage_retire_proposal(w: World) -> None:
    proposal_id = _saved_proposal(w)
    w.storage(w.b).retire_proposal(proposal_id)
    assert [p.id for p in w.storage(w.a).client_proposals(w.a.client_id)] == [proposal_id]
    assert _a_rows(w) == BEFORE[w.engine.url]
    w.storage(w.a).retire_proposal(proposal_id)
    assert w.storage(w.a).client_proposals(w.a.client_id) == []


REPOSITORY_CHECKS: dict[type, dict[str, Check]] = {
    ClientRepository: {
        "create_client": check_create_client,
        "get_client": check_get_client,
        "client_profile": check_client_profile,
        "find_client_by_name": check_find_client_by_name,
        "list_clients": check_list_clients,
        "client_profiles": check_client_profiles,
        "update_client": check_update_client,
        "set_archived": check_set_archived,
        "delete_client": check_delete_client,
        "count_clients": check_count_clients,
    },
    FitnessProgramRepository: {
        "create_program": check_create_program,
        "add_program": check_add_program,
        "get_program": check_get_program,
        "get_programs_by_client_id": check_get_programs_by_client_id,
    },
    MesocycleRepository: {
        "create_mesocycle": check_create_mesocycle,
        "get_mesocycle_by_id": check_get_mesocycle_by_id,
        "get_mesocycles_by_program_id": check_get_mesocycles_by_program_id,
        "get_mesocycles_by_client_id": check_get_mesocycles_by_client_id,
        "get_mesocycles_by_macrocycle_id": check_get_mesocycles_by_macrocycle_id,
        "get_mesocycle_for_phase": check_get_mesocycle_for_phase,
        "get_save_checks": check_get_save_checks,
        "delete_mesocycle": check_delete_mesocycle,
        "lock_for_replace": check_lock_for_replace,
        "delete_unlogged_mesocycle": check_delete_unlogged_mesocycle,
    },
    MicrocycleRepository: {
        "create_microcycle": check_create_microcycle,
        "get_microcycles_by_mesocycle_id": check_get_microcycles_by_mesocycle_id,
        "update_microcycle_metrics": check_update_microcycle_metrics,
    },
    WorkoutInstanceRepository: {
        "create_workout_instance": check_create_workout_instance,
        "get_workout": check_get_workout,
        "get_workouts_by_microcycle_id": check_get_workouts_by_microcycle_id,
        "get_workouts_by_mesocycle_id": check_get_workouts_by_mesocycle_id,
        "get_workouts_for_client": check_get_workouts_for_client,
        "count_logged_workouts": check_count_logged_workouts,
        "workouts_stamp": check_workouts_stamp,
        "update_workout_status": check_update_workout_status,
    },
    SqlStorage: {
        "count_clients": check_storage_count_clients,
        "coach_units": check_storage_coach_units,
        "set_coach_units": check_storage_set_coach_units,
        "list_clients": check_storage_list_clients,
        "get_client": check_storage_get_client,
        "find_client_by_name": check_storage_find_client_by_name,
        "create_client": check_storage_create_client,
        "update_client": check_storage_update_client,
        "set_client_archived": check_storage_set_client_archived,
        "delete_client": check_storage_delete_client,
        "create_program": check_storage_create_program,
        "get_program": check_storage_get_program,
        "list_programs": check_storage_list_programs,
        "save_mesocycle": check_storage_save_mesocycle,
        "list_mesocycles": check_storage_list_mesocycles,
        "client_mesocycles": check_storage_client_mesocycles,
        "workouts_for_client": check_storage_workouts_for_client,
        "workouts_stamp": check_storage_workouts_stamp,
        "coach_overview": check_storage_coach_overview,
        "get_workout": check_storage_get_workout,
        "log_workout": check_storage_log_workout,
        "clear_log": check_storage_clear_log,
        "workout_sets": check_storage_workout_sets,
        "client_sets": check_storage_client_sets,
        "heaviest_logged_sets": check_storage_heaviest_logged_sets,
        "logged_tonnage": check_storage_logged_tonnage,
        "log_revisions": check_storage_log_revisions,
        "update_workout_status": check_storage_update_workout_status,
        "get_mesocycle": check_storage_get_mesocycle,
        "create_template": check_storage_create_template,
        "list_templates": check_storage_list_templates,
        "get_template": check_storage_get_template,
        "delete_template": check_storage_delete_template,
        "create_client_link": check_storage_create_client_link,
        "list_client_links": check_storage_list_client_links,
        "revoke_client_link": check_storage_revoke_client_link,
        "workout_mesocycle": check_storage_workout_mesocycle,
        "change_plan": check_storage_change_plan,
        "plan_revisions": check_storage_plan_revisions,
        "save_proposal": check_storage_save_proposal,
        "client_proposals": check_storage_client_proposals,
        "decide_proposal": check_storage_decide_proposal,
        "retire_proposal": check_storage_retire_proposal,
    },
    ProposalRepository: {
        "save": check_proposals_save,
        "for_client": check_proposals_for_client,
        "decide": check_proposals_decide,
        "retire": check_proposals_retire,
    },
    TemplateRepository: {
        "create_template": check_create_template,
        "list_templates": check_list_templates,
        "get_template": check_get_template,
        "delete_template": check_delete_template,
    },
    ClientLinkRepository: {
        "create": check_links_create,
        "for_client": check_links_for_client,
        "revoke": check_links_revoke,
    },
}

CASES = [
    pytest.param(cls, name, id=f"{cls.__name__}.{name}")
    for cls, checks in REPOSITORY_CHECKS.items()
    for name in checks
]

# A's rows before the check ran, by database URL (a check reads them to compare mid-way).
BEFORE: dict[Any, dict[str, list[tuple[Any, ...]]]] = {}


def _public_methods(cls: type) -> set[str]:
    return {
        name for name, _ in inspect.getmembers(cls, inspect.isfunction) if not name.startswith("_")
    }


def test_every_public_method_has_an_isolation_check() -> None:
    for cls, checks in REPOSITORY_CHECKS.items():
        assert set(checks) == _public_methods(cls), cls.__name__


@pytest.mark.parametrize(("cls", "method"), CASES)
def test_another_coach_gets_not_found(world: World, cls: type, method: str) -> None:
    BEFORE[world.engine.url] = before = _a_rows(world)
    assert all(before.values()), "A's data must exist in every table"
    try:
        REPOSITORY_CHECKS[cls][method](world)
    finally:
        BEFORE.pop(world.engine.url, None)


def test_b_cannot_save_into_a_program_with_the_atomic_save(world: World) -> None:
    """create_mesocycle_with_details as B into A's program: NotFound, nothing stored."""
    counts, before = _counts(world), _a_rows(world)
    for program_id, client_id in (
        (world.a.program_id, world.a.client_id),
        (world.a.program_id, world.b.client_id),
        (world.b.program_id, world.a.client_id),
    ):
        for replace in (False, True):
            with pytest.raises(NotFound):
                create_mesocycle_with_details(
                    make_mesocycle(MONDAY, weeks=2),
                    program_id,
                    MACROCYCLE_ID,
                    client_id,
                    0,
                    MONDAY,
                    engine=world.engine,
                    coach_id=world.b.coach_id,
                    replace_existing=replace,
                )
    assert _counts(world) == counts
    assert _a_rows(world) == before


def test_b_cannot_claim_a_mesocycle_id_as_already_saved(world: World) -> None:
    """A save by B that reuses A's mesocycle id is not 'already stored' (idempotency is per coach)."""
    detailed = make_mesocycle(MONDAY + timedelta(weeks=4), weeks=2).model_copy(
        update={"mesocycle_id": world.a.mesocycle_id}
    )
    counts, before = _counts(world), _a_rows(world)
    with pytest.raises(Conflict) as raised:
        create_mesocycle_with_details(
            detailed,
            world.b.program_id,
            MACROCYCLE_ID,
            world.b.client_id,
            1,
            MONDAY + timedelta(weeks=4),
            engine=world.engine,
            coach_id=world.b.coach_id,
        )
    assert "Hypertrophy" not in str(raised.value)  # nothing of A's phase in the message
    assert _counts(world) == counts
    assert _a_rows(world) == before


def test_a_and_b_profiles_do_not_mix(world: World) -> None:
    """Whole-storage views: each coach's roster, programs and workouts are its own."""
    for me, other in ((world.a, world.b), (world.b, world.a)):
        storage = world.storage(me)
        assert other.client_id not in [c.id for c in storage.list_clients()]
        for client in storage.list_clients():
            for program in storage.list_programs(client.id):
                assert program.id != other.program_id
                assert other.mesocycle_id not in [m.id for m in storage.list_mesocycles(program.id)]
            ids = {r.id for r in storage.workouts_for_client(client.id)}
            assert not ids & {other.workout_id, other.logged_workout_id}


def test_storage_create_client_with_hostile_name_stays_with_its_coach(world: World) -> None:
    name = "x'); DELETE FROM clients;--"
    new_id = world.storage(world.b).create_client(make_profile(name=name))
    assert world.storage(world.b).get_client(new_id).name == name
    assert world.storage(world.a).count_clients() == 2


def test_the_coach_overview_lists_only_the_coach_own_clients(world: World) -> None:
    """db.overview.coach_overview (the Overview page's two queries) is scoped by coach too."""
    from db.overview import coach_overview

    for me, other, names in (
        (world.a, world.b, {"Alice Avery", "Anna Second"}),
        (world.b, world.a, {"Bruno Baker"}),
    ):
        rows = coach_overview(world.engine, me.coach_id, MONDAY + timedelta(days=10))
        assert {row.name for row in rows} == names
        assert other.client_id not in {row.client_id for row in rows}
