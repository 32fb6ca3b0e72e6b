"""MesocycleGenerationService against the in-memory storage: preview, save, idempotency, refusals."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta

import pytest

from core.dates import frozen_clock, microcycle_date_ranges
from core.errors import Conflict, InvalidInput, InvalidPlan, NotFound
from core.generation.engine import OfflineEngine
from core.schemas import WorkoutStatus
from core.service import MesocycleGenerationService, phase_slots
from tests.factories import make_profile, preview_phase
from tests.fakes import InMemoryStorage

START = date(2026, 12, 2)  # a Wednesday: phase 1 gets a transition week


@pytest.fixture
def storage() -> InMemoryStorage:
    return InMemoryStorage()


@pytest.fixture
def service(storage: InMemoryStorage) -> MesocycleGenerationService:
    return MesocycleGenerationService(storage, OfflineEngine())


def _client_and_program(service, storage, weeks=12):  # type: ignore[no-untyped-def]
    client_id = storage.create_client(make_profile())
    client = storage.get_client(client_id)
    program_id = service.create_program(client, weeks, START)
    return client, storage.get_program(program_id)


def _preview(service, storage, phase=0):  # type: ignore[no-untyped-def]
    client, program = _client_and_program(service, storage)
    return preview_phase(service, client, program, phase)


def test_create_program_stores_the_outline_with_its_generator(service, storage) -> None:
    client, program = _client_and_program(service, storage, weeks=12)
    assert program.generated_by == "offline"
    assert program.weeks == 12
    assert sum(plan.weeks for _, _, plan in program.program.all_phases()) == 12
    assert storage.list_programs(client.id) == [program]


def test_phase_slots_chain_start_dates_by_the_date_rule() -> None:
    program = OfflineEngine().outline(make_profile(), 12, START)
    slots = phase_slots(program, START)
    assert slots[0].start_date == START
    for previous, following in itertools.pairwise(slots):
        last_week = microcycle_date_ranges(previous.start_date, previous.plan.weeks)
        assert following.start_date.weekday() == 0
        assert (following.start_date - max(r.end_date for r in last_week.values())).days == 1


def test_preview_has_ids_dates_and_no_errors_without_touching_storage(service, storage) -> None:
    preview = _preview(service, storage)
    assert storage.save_calls == 0 and storage.mesocycles == {}
    assert preview.mesocycle_id is not None
    assert preview.mesocycle.microcycles[0].week_number == 0  # Wednesday start → transition
    ids = [w.id for w in preview.mesocycle.workouts()]
    assert all(ids) and len(set(ids)) == len(ids)
    assert not preview.has_errors, preview.problems
    assert set(preview.week_sources().values()) == {"offline"}


def test_save_stores_every_workout_and_a_second_save_stores_nothing_new(service, storage) -> None:
    preview = _preview(service, storage)
    first = service.save(preview)
    second = service.save(preview)
    assert first == second == preview.mesocycle_id
    assert len(storage.mesocycles) == 1
    assert len(storage.workouts) == len(preview.mesocycle.workouts())


def test_save_refuses_a_preview_with_errors(service, storage) -> None:
    preview = _preview(service, storage)
    week = preview.mesocycle.microcycles[1]
    crowded = week.model_copy(update={"workouts": week.workouts * 3})
    edited = preview.mesocycle.model_copy(
        update={
            "microcycles": [
                preview.mesocycle.microcycles[0],
                crowded,
                *preview.mesocycle.microcycles[2:],
            ]
        }
    )
    broken = service.revalidate(preview, edited)
    assert broken.has_errors
    with pytest.raises(InvalidPlan, match="error"):
        service.save(broken)
    assert storage.mesocycles == {}


def test_revalidate_keeps_the_mesocycle_id(service, storage) -> None:
    preview = _preview(service, storage)
    again = service.revalidate(preview, preview.mesocycle)
    assert again.mesocycle_id == preview.mesocycle_id
    assert [w.id for w in again.mesocycle.workouts()] == [
        w.id for w in preview.mesocycle.workouts()
    ]


def test_replanning_a_saved_phase_asks_first(service, storage) -> None:
    client, program = _client_and_program(service, storage)
    slot = service.phases(program)[0]
    args = (
        client,
        slot.plan,
        program.id,
        slot.macrocycle_id,
        slot.start_date,
        program.program.program_type,
    )
    service.save(service.preview(*args))
    replacement = service.preview(*args)
    with pytest.raises(Conflict):
        service.save(replacement)
    assert service.save(replacement, replace_existing=True) == replacement.mesocycle_id
    assert list(storage.mesocycles) == [replacement.mesocycle_id]


def test_generate_and_store_returns_the_stored_id(service, storage) -> None:
    client, program = _client_and_program(service, storage)
    slot = service.phases(program)[1]
    mesocycle_id = service.generate_and_store_mesocycle(
        client,
        slot.plan,
        program.id,
        slot.macrocycle_id,
        slot.start_date,
        program.program.program_type,
    )
    assert list(storage.mesocycles) == [mesocycle_id]
    assert storage.mesocycles[mesocycle_id].mesocycle["order_index"] == 1


def test_preview_of_a_plan_outside_the_program_is_not_found(service, storage) -> None:
    client, program = _client_and_program(service, storage)
    slot = service.phases(program)[0]
    other = slot.plan.model_copy(update={"phase": "Something else"})
    with pytest.raises(NotFound):
        service.preview(
            client,
            other,
            program.id,
            slot.macrocycle_id,
            slot.start_date,
            program.program.program_type,
        )


def test_mark_workout_records_rpe_and_minutes_and_checks_them(service, storage) -> None:
    preview = _preview(service, storage)
    service.save(preview)
    workout = preview.mesocycle.workouts()[0]
    workout_id = workout.id
    with pytest.raises(InvalidInput, match="from that day on"), _on(workout.date - timedelta(1)):
        service.mark_workout(workout_id, "completed", session_rpe=7, actual_minutes=55)
    assert storage.workouts[workout_id].status == WorkoutStatus.SCHEDULED
    with _on(workout.date):
        service.mark_workout(workout_id, "completed", session_rpe=7, actual_minutes=55)
        stored = storage.workouts[workout_id]
        assert (stored.status, stored.session_rpe, stored.actual_minutes) == (
            WorkoutStatus.COMPLETED,
            7,
            55,
        )
        with pytest.raises(InvalidPlan, match="session_rpe: must be at most 10"):
            service.mark_workout(workout_id, "completed", session_rpe=11, actual_minutes=50)
        with pytest.raises(InvalidPlan, match="minutes: must be at least 0"):
            service.mark_workout(workout_id, "completed", session_rpe=5, actual_minutes=-3)
        with pytest.raises(InvalidInput, match="needs its minutes"):
            service.mark_workout(workout_id, "completed", session_rpe=5)
        assert storage.workouts[workout_id].session_rpe == 7
        service.mark_workout(workout_id, "skipped")
        assert storage.workouts[workout_id].session_rpe is None
        service.mark_workout(workout_id, "scheduled")
        assert storage.workouts[workout_id].status == WorkoutStatus.SCHEDULED
    assert [r.log.status for r in storage.log_revisions(workout_id)] == [
        WorkoutStatus.COMPLETED,
        WorkoutStatus.SKIPPED,
    ]


def _on(day: date):  # type: ignore[no-untyped-def]
    """The clock at noon UTC on ``day``: the same day for the factory's client in Berlin."""
    return frozen_clock(datetime.combine(day, time(12), tzinfo=UTC))
