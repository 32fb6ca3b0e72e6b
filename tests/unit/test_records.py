"""build_mesocycle_rows: the spec's "add DB fields" step, pure and checked before any INSERT."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from core.errors import InvalidPlan
from core.records import assign_ids, build_mesocycle_rows
from core.schemas import KeyValuePair, SessionType, WorkoutInstance
from tests.factories import make_mesocycle, make_workout

PROGRAM = uuid.UUID("11111111-1111-4111-8111-111111111111")
CLIENT = uuid.UUID("22222222-2222-4222-8222-222222222222")
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
WEDNESDAY = date(2026, 12, 2)
MONDAY = date(2026, 11, 30)


def _build(mesocycle, start: date = WEDNESDAY, order_index: int = 2):  # type: ignore[no-untyped-def]
    return build_mesocycle_rows(mesocycle, PROGRAM, "macro-1", CLIENT, order_index, start, NOW)


def test_mesocycle_row_fields() -> None:
    mesocycle = assign_ids(make_mesocycle(WEDNESDAY, weeks=3))
    rows = _build(mesocycle)
    assert rows.mesocycle_id == mesocycle.mesocycle_id
    meso = rows.mesocycle
    assert meso["id"] == mesocycle.mesocycle_id
    assert meso["fitness_program_id"] == PROGRAM
    assert meso["client_id"] == CLIENT
    assert meso["macrocycle_id"] == "macro-1"
    assert meso["order_index"] == 2
    assert (meso["phase"], meso["weeks"]) == ("Strength", 3)
    assert meso["start_date"] == WEDNESDAY
    assert meso["end_date"] == date(2026, 12, 27)
    assert meso["created_at"] == meso["updated_at"] == NOW
    assert meso["weekly_targets"][0] == {
        "weekOffset": 0,
        "split": "Upper-Lower-Rest-Upper-Lower-Rest-Rest",
        "totalMileage": None,
        "longRunMileage": None,
        "avgIntensityPct1rm": 70.0,
        "totalSetsMainLifts": 12,
        "deload": False,
    }
    assert [t["deload"] for t in meso["weekly_targets"]] == [False, False, True]


def test_microcycle_rows_take_dates_from_the_rule_not_from_the_plan() -> None:
    mesocycle = make_mesocycle(WEDNESDAY, weeks=2)
    mesocycle.microcycles[0].metrics.append(KeyValuePair(key="plannedSets", value=14))
    # stale dates on the plan are ignored: rows use the one date rule
    mesocycle.microcycles[1] = mesocycle.microcycles[1].model_copy(
        update={"start_date": None, "end_date": None}
    )
    rows = _build(mesocycle)
    assert [
        (m["week_number"], m["start_date"], m["end_date"], m["deload"]) for m in rows.microcycles
    ] == [
        (0, date(2026, 12, 2), date(2026, 12, 6), False),
        (1, date(2026, 12, 7), date(2026, 12, 13), False),
        (2, date(2026, 12, 14), date(2026, 12, 20), True),
    ]
    assert rows.microcycles[0]["metrics"] == {"plannedSets": 14}
    assert rows.microcycles[1]["metrics"] == {}
    assert all(m["mesocycle_id"] == rows.mesocycle_id for m in rows.microcycles)
    assert all(m["client_id"] == CLIENT and m["generated_by"] == "test" for m in rows.microcycles)
    assert len({m["id"] for m in rows.microcycles}) == 3


def test_workout_rows() -> None:
    mesocycle = assign_ids(make_mesocycle(MONDAY, weeks=1))
    rows = _build(mesocycle, MONDAY)
    assert len(rows.workouts) == 4
    first = rows.workouts[0]
    week = rows.microcycles[0]
    assert first["id"] == mesocycle.microcycles[0].workouts[0].id
    assert first["microcycle_id"] == week["id"]
    assert first["client_id"] == CLIENT
    assert first["date"] == MONDAY
    assert first["day_slot"] == 0
    assert first["session_type"] == "lift"
    assert first["title"] == "Session 1"
    assert first["status"] == "scheduled"
    assert (first["planned_minutes"], first["target_rpe"], first["notes"]) == (60, 7, None)
    assert first["targets"] == {}
    assert first["blocks"] == [
        {
            "label": "Main",
            "exercises": [
                {
                    "name": f"Lift {i}",
                    "sets": 4,
                    "reps": 6,
                    "repsMax": None,
                    "loadKg": None,
                    "pctOneRm": 75.0,
                    "rpe": None,
                    "rir": 2.0,
                    "restSeconds": 180,
                    "durationMinutes": None,
                    "distanceKm": None,
                    "notes": None,
                    "rationale": None,
                }
                for i in range(2)
            ],
            "activities": [
                "Lift 0: 4x6 @ 75% 1RM, RIR 2, 180s rest",
                "Lift 1: 4x6 @ 75% 1RM, RIR 2, 180s rest",
            ],
        }
    ]
    assert [w["date"] for w in rows.workouts] == [
        date(2026, 11, 30),
        date(2026, 12, 1),
        date(2026, 12, 3),
        date(2026, 12, 4),
    ]


def test_two_sessions_on_one_day_get_slots_0_and_1() -> None:
    mesocycle = make_mesocycle(MONDAY, weeks=1)
    week = mesocycle.microcycles[0]
    am = make_workout(MONDAY, "AM Lift")
    pm = WorkoutInstance(date=MONDAY, session_type=SessionType.RUN, title="PM Run")
    tuesday = week.workouts[1]
    mesocycle.microcycles[0] = week.model_copy(update={"workouts": [am, tuesday, pm]})
    rows = _build(mesocycle, MONDAY)
    assert [(w["title"], w["date"], w["day_slot"]) for w in rows.workouts] == [
        ("AM Lift", MONDAY, 0),
        ("Session 2", date(2026, 12, 1), 0),
        ("PM Run", MONDAY, 1),
    ]
    assert rows.workouts[2]["blocks"] == []


def test_a_workout_outside_its_week_is_invalid() -> None:
    mesocycle = make_mesocycle(MONDAY, weeks=2)
    week = mesocycle.microcycles[0]
    stray = make_workout(date(2026, 12, 8), "Stray")  # Tuesday of week 2
    # model_copy skips validation, like a plan edited after it was checked
    mesocycle.microcycles[0] = week.model_copy(update={"workouts": [*week.workouts, stray]})
    with pytest.raises(InvalidPlan) as caught:
        _build(mesocycle, MONDAY)
    assert str(caught.value) == (
        "Week 1: 'Stray' is dated Tue 08 Dec, outside that week (30 Nov – 06 Dec)."
    )


def test_weeks_that_do_not_fit_the_start_date_are_invalid() -> None:
    """A plan built for a Monday start has no week 0; saving it from a Wednesday is refused."""
    mesocycle = make_mesocycle(MONDAY, weeks=2)
    with pytest.raises(InvalidPlan) as caught:
        _build(mesocycle, WEDNESDAY)
    assert str(caught.value) == (
        "Phase 'Strength' starting Wed 02 Dec 2026 needs weeks [0, 1, 2], "
        "but the plan has weeks [1, 2]."
    )
    with pytest.raises(
        InvalidPlan, match=r"needs weeks \[1, 2\], but the plan has weeks \[0, 1, 2\]"
    ):
        _build(make_mesocycle(WEDNESDAY, weeks=2), MONDAY)


def test_ids_are_assigned_when_missing_and_kept_when_present() -> None:
    bare = make_mesocycle(MONDAY, weeks=1)
    first, second = _build(bare, MONDAY), _build(bare, MONDAY)
    assert first.mesocycle_id != second.mesocycle_id
    kept = assign_ids(bare)
    a, b = _build(kept, MONDAY), _build(kept, MONDAY)
    assert a.mesocycle_id == b.mesocycle_id == kept.mesocycle_id
    assert [w["id"] for w in a.workouts] == [w["id"] for w in b.workouts]
    assert all(isinstance(w["id"], uuid.UUID) for w in a.workouts)
