"""A save stores only rows of the mesocycle being saved and of its client, and says nothing of others.

``save_mesocycle`` is handed rows prepared outside the database. Coach A's own mesocycle with a
week or workout row pointing at coach B's client, at another mesocycle or at another mesocycle's
week must be refused whole (before, the rows were stored: B's calendar showed A's workouts). An id
that clashes with another coach's row is refused in a sentence that does not tell it exists.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, func, select

from core.errors import Conflict, NotFound
from core.records import MesocycleRows, assign_ids, build_mesocycle_rows
from db.accounts import create_coach
from db.models import MesocycleDB, MicrocycleDB, WorkoutInstanceDB
from db.storage import SqlStorage
from tests.conftest import (
    MACROCYCLE_ID,
    ClientAndProgram,
    default_coach_id,
    store_client_and_program,
)
from tests.factories import make_mesocycle

MONDAY = date(2026, 11, 30)
REFUSED = (
    "Every week and workout of a plan must belong to that plan and its client; "
    "this one has rows of another phase or client, so nothing was saved."
)
CLASH = (
    "Could not save phase 'Strength': some of its ids are already taken; "
    "generate the preview again and save that."
)


@dataclass(frozen=True)
class Side:
    coach_id: uuid.UUID
    ids: ClientAndProgram
    mesocycle_id: uuid.UUID
    rows: MesocycleRows

    def storage(self, engine: Engine) -> SqlStorage:
        return SqlStorage(engine, self.coach_id)


def _rows(ids: ClientAndProgram, order_index: int = 0) -> MesocycleRows:
    return build_mesocycle_rows(
        assign_ids(make_mesocycle(MONDAY, weeks=3)),
        ids.program_id,
        MACROCYCLE_ID,
        ids.client_id,
        order_index,
        MONDAY,
        datetime.now(UTC),
    )


def _side(engine: Engine, coach_id: uuid.UUID, name: str) -> Side:
    ids = store_client_and_program(engine, name=name, coach_id=coach_id)
    rows = _rows(ids)
    SqlStorage(engine, coach_id).save_mesocycle(rows)
    return Side(coach_id, ids, rows.mesocycle_id, rows)


@pytest.fixture
def sides(engine: Engine) -> tuple[Side, Side]:
    a = _side(engine, default_coach_id(engine), "Alice A")
    b_coach = create_coach(engine, "coach-b", "correct horse battery", "Coach B")
    return a, _side(engine, b_coach, "Bob B")


def _counts(engine: Engine) -> tuple[int, int, int]:
    with engine.connect() as connection:
        return tuple(  # type: ignore[return-value]
            connection.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (MesocycleDB, MicrocycleDB, WorkoutInstanceDB)
        )


def _calendar(engine: Engine, side: Side) -> list[uuid.UUID]:
    return [w.id for w in side.storage(engine).workouts_for_client(side.ids.client_id)]


Tamper = Callable[[MesocycleRows, Side, Side], None]


def _week_of_b_client(rows: MesocycleRows, a: Side, b: Side) -> None:
    rows.microcycles[1]["client_id"] = b.ids.client_id


def _workout_of_b_client(rows: MesocycleRows, a: Side, b: Side) -> None:
    for workout in rows.workouts[:16]:
        workout["client_id"] = b.ids.client_id


def _week_in_b_mesocycle(rows: MesocycleRows, a: Side, b: Side) -> None:
    rows.microcycles[2]["mesocycle_id"] = b.mesocycle_id


def _week_in_own_other_mesocycle(rows: MesocycleRows, a: Side, b: Side) -> None:
    rows.microcycles[0]["mesocycle_id"] = a.mesocycle_id


def _workout_in_b_week(rows: MesocycleRows, a: Side, b: Side) -> None:
    rows.workouts[0]["microcycle_id"] = b.rows.microcycles[1]["id"]


def _workout_in_own_other_week(rows: MesocycleRows, a: Side, b: Side) -> None:
    rows.workouts[-1]["microcycle_id"] = a.rows.microcycles[1]["id"]


def _workout_of_no_week(rows: MesocycleRows, a: Side, b: Side) -> None:
    rows.workouts[3]["microcycle_id"] = uuid.uuid4()


@pytest.mark.parametrize(
    "tamper",
    [
        _week_of_b_client,
        _workout_of_b_client,
        _week_in_b_mesocycle,
        _week_in_own_other_mesocycle,
        _workout_in_b_week,
        _workout_in_own_other_week,
        _workout_of_no_week,
    ],
    ids=lambda f: f.__name__.strip("_"),
)
def test_rows_of_another_phase_or_client_are_refused_and_nothing_is_stored(
    engine: Engine, sides: tuple[Side, Side], tamper: Tamper
) -> None:
    a, b = sides
    rows = _rows(a.ids, order_index=1)  # A's next phase, A's own program and client
    tamper(rows, a, b)
    before, b_calendar = _counts(engine), _calendar(engine, b)

    with pytest.raises(NotFound) as caught:
        a.storage(engine).save_mesocycle(rows)

    assert str(caught.value) == REFUSED
    assert _counts(engine) == before
    assert _calendar(engine, b) == b_calendar
    assert [m.order_index for m in a.storage(engine).list_mesocycles(a.ids.program_id)] == [0]


def test_the_same_rows_untampered_are_stored(engine: Engine, sides: tuple[Side, Side]) -> None:
    a, _ = sides
    rows = _rows(a.ids, order_index=1)
    before = _counts(engine)
    assert a.storage(engine).save_mesocycle(rows) == rows.mesocycle_id
    after = _counts(engine)
    assert after == (
        before[0] + 1,
        before[1] + len(rows.microcycles),
        before[2] + len(rows.workouts),
    )


# an id another coach already uses


def _reuse(rows: MesocycleRows, which: str, taken: MesocycleRows) -> None:
    if which == "mesocycle":
        rows.mesocycle["id"] = taken.mesocycle_id
        for week in rows.microcycles:
            week["mesocycle_id"] = taken.mesocycle_id
    elif which == "week":
        old, new = rows.microcycles[1]["id"], taken.microcycles[1]["id"]
        rows.microcycles[1]["id"] = new
        for workout in rows.workouts:
            if workout["microcycle_id"] == old:
                workout["microcycle_id"] = new
    else:
        rows.workouts[2]["id"] = taken.workouts[5]["id"]


@pytest.mark.parametrize("which", ["mesocycle", "week", "workout"])
def test_an_id_of_another_coach_is_refused_without_saying_it_exists(
    engine: Engine, sides: tuple[Side, Side], which: str
) -> None:
    a, b = sides
    rows = _rows(a.ids, order_index=1)
    _reuse(rows, which, b.rows)
    before = _counts(engine)

    with pytest.raises(Conflict) as caught:
        a.storage(engine).save_mesocycle(rows)

    assert str(caught.value) == CLASH
    assert b.rows.mesocycle_id.hex not in str(caught.value)
    assert _counts(engine) == before


@pytest.mark.parametrize("which", ["week", "workout"])
def test_an_id_clashing_with_own_data_reads_the_same(
    engine: Engine, sides: tuple[Side, Side], which: str
) -> None:
    """So the words tell nothing about whose row holds the id."""
    a, _ = sides
    rows = _rows(a.ids, order_index=1)
    _reuse(rows, which, a.rows)
    with pytest.raises(Conflict) as caught:
        a.storage(engine).save_mesocycle(rows)
    assert str(caught.value) == CLASH
