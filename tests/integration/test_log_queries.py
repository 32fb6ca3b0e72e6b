"""Logging a session costs the same few statements however long the client's history is."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import Engine, event

from core.generation.engine import OfflineEngine
from core.schemas import WorkoutStatus
from core.service import MesocycleGenerationService
from core.session_log import SessionLog, SetResult
from db.storage import SqlStorage
from tests.conftest import default_coach_id
from tests.factories import make_profile

MONDAY = date(2026, 11, 30)


@contextmanager
def counted(engine: Engine | type[Engine] = Engine) -> Iterator[list[str]]:
    """The statements ``engine`` (every engine, by default: a page builds its own) sends inside
    the block; transaction control (the explicit BEGIN of the SQLite engine) is not counted."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.strip().upper() not in {"BEGIN", "BEGIN IMMEDIATE"}:
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _log(sets: int) -> SessionLog:
    return SessionLog(
        status=WorkoutStatus.COMPLETED,
        session_rpe=7,
        minutes=50,
        sets=[
            SetResult(exercise_index=i // 4, exercise="Back Squat", set_number=i % 4 + 1, reps=5)
            for i in range(sets)
        ],
    )


def test_logging_one_session_does_not_grow_with_history(engine: Engine) -> None:
    storage = SqlStorage(engine, default_coach_id(engine))
    service = MesocycleGenerationService(storage, OfflineEngine())
    client = storage.get_client(storage.create_client(make_profile()))
    program = storage.get_program(service.create_program(client, 12, MONDAY))
    for slot in service.phases(program)[:2]:
        service.save(
            service.preview(
                client,
                slot.plan,
                program.id,
                slot.macrocycle_id,
                slot.start_date,
                program.program.program_type,
            )
        )
    sessions = [w for w in storage.workouts_for_client(client.id) if w.session_type != "rest"]
    assert len(sessions) > 20

    counts = []
    for index, workout in enumerate(sessions[:20]):
        with counted(engine) as seen:
            storage.log_workout(workout.id, _log(12), "coach")
        counts.append(len(seen))
        if index == 0:
            first = list(seen)
    assert len(set(counts)) == 1, counts  # the 20th log costs what the first did
    assert counts[0] <= 6, first


def test_a_preview_reads_the_coachs_units_once(engine: Engine) -> None:
    # generating a phase's preview resolves the client's units (one read of the coach's
    # defaults) and finds the phase's place in its program: the check of the draft reads nothing
    storage = SqlStorage(engine, default_coach_id(engine))
    service = MesocycleGenerationService(storage, OfflineEngine())
    client = storage.get_client(storage.create_client(make_profile()))
    program = storage.get_program(service.create_program(client, 12, MONDAY))
    slot = service.phases(program)[0]
    with counted(engine) as seen:
        preview = service.preview_slot(client, program, slot)
    assert preview.mesocycle.microcycles
    units = [statement for statement in seen if "from coaches" in statement.lower()]
    assert len(units) == 1, seen
    assert len(seen) <= 2, seen
