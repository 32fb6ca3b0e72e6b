"""generate_database_ids: one UUID per entity, existing ids kept, maps keyed by week and slot."""

from __future__ import annotations

import uuid
from datetime import date

from core.ids import generate_database_ids, workout_key
from core.records import assign_ids
from core.schemas import MesocycleDetailed
from tests.factories import make_mesocycle

WEDNESDAY = date(2026, 12, 2)


def test_every_entity_gets_a_distinct_uuid4() -> None:
    mesocycle = make_mesocycle(WEDNESDAY, weeks=4)
    ids = generate_database_ids(mesocycle.microcycles)
    assert set(ids.microcycle_ids) == {0, 1, 2, 3, 4}
    expected_keys = {
        workout_key(micro.week_number, i)
        for micro in mesocycle.microcycles
        for i in range(len(micro.workouts))
    }
    assert set(ids.workout_ids) == expected_keys
    assert len(ids.workout_ids) == len(mesocycle.workouts()) == 2 + 4 * 4  # Thu, Fri + 4 a week
    everything = [ids.mesocycle_id, *ids.microcycle_ids.values(), *ids.workout_ids.values()]
    assert len(set(everything)) == len(everything)
    assert all(isinstance(i, uuid.UUID) and i.version == 4 for i in everything)


def test_workout_keys_are_week_and_position() -> None:
    assert workout_key(0, 0) == "0:0"
    assert workout_key(3, 2) == "3:2"
    ids = generate_database_ids(make_mesocycle(WEDNESDAY, weeks=1).microcycles)
    assert sorted(ids.workout_ids) == ["0:0", "0:1", "1:0", "1:1", "1:2", "1:3"]


def test_existing_ids_are_kept() -> None:
    mesocycle = make_mesocycle(weeks=2)
    week_id = uuid.uuid4()
    workout_id = uuid.uuid4()
    week = mesocycle.microcycles[1]
    workouts = list(week.workouts)
    workouts[2] = workouts[2].model_copy(update={"id": workout_id})
    mesocycle.microcycles[1] = week.model_copy(update={"id": week_id, "workouts": workouts})
    ids = generate_database_ids(mesocycle.microcycles)
    assert ids.microcycle_ids[2] == week_id
    assert ids.workout_ids["2:2"] == workout_id
    assert ids.microcycle_ids[1] != week_id
    assert workout_id not in {v for k, v in ids.workout_ids.items() if k != "2:2"}


def test_two_calls_on_a_plan_without_ids_differ() -> None:
    microcycles = make_mesocycle(weeks=1).microcycles
    first, second = generate_database_ids(microcycles), generate_database_ids(microcycles)
    assert first.mesocycle_id != second.mesocycle_id
    assert set(first.workout_ids.values()).isdisjoint(second.workout_ids.values())


def test_assign_ids_fills_a_copy_and_is_stable_once_filled() -> None:
    original = make_mesocycle(WEDNESDAY, weeks=2)
    filled = assign_ids(original)
    assert original.mesocycle_id is None
    assert all(m.id is None for m in original.microcycles)
    assert filled.mesocycle_id is not None
    assert all(m.id is not None for m in filled.microcycles)
    assert all(w.id is not None for w in filled.workouts())
    again = assign_ids(filled)
    assert again.mesocycle_id == filled.mesocycle_id
    assert [m.id for m in again.microcycles] == [m.id for m in filled.microcycles]
    assert [w.id for w in again.workouts()] == [w.id for w in filled.workouts()]
    # everything else is unchanged
    assert [w.title for w in again.workouts()] == [w.title for w in original.workouts()]
    # and the ids survive a JSON round trip (a preview kept in the session)
    restored = MesocycleDetailed.model_validate_json(filled.model_dump_json())
    assert restored.mesocycle_id == filled.mesocycle_id
    assert [w.id for w in restored.workouts()] == [w.id for w in filled.workouts()]
