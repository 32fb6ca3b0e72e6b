"""Per-set logs: their shape, the rules before storing, 'done as planned', e1RM and rep records."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from core.errors import InvalidInput
from core.load.e1rm import (
    DatedSet,
    daily_best,
    estimate_one_rep_max,
    rep_records,
    reps_in_reserve,
    set_e1rm,
    tonnage_by_workout,
)
from core.schemas import Exercise, WorkoutStatus
from core.session_log import SessionLog, SetResult, check_log, planned_sets

DAY = date(2026, 12, 7)


def _set(reps: int, kg: float, *, n: int = 1, rir: float | None = None, rpe: float | None = None):  # type: ignore[no-untyped-def]
    return SetResult(
        exercise_index=0,
        exercise="Back Squat",
        set_number=n,
        reps=reps,
        load_kg=kg,
        rir=rir,
        rpe=rpe,
    )


def test_a_completed_log_needs_its_day_and_sensible_minutes() -> None:
    done = SessionLog(status=WorkoutStatus.COMPLETED, session_rpe=7, minutes=50)
    check_log(done, DAY, 45, today=DAY)  # on the day: fine
    with pytest.raises(InvalidInput, match="from that day on"):
        check_log(done, DAY, 45, today=date(2026, 12, 6))
    with pytest.raises(InvalidInput, match="needs its minutes"):
        check_log(done.model_copy(update={"minutes": 0}), DAY, 45, today=DAY)
    with pytest.raises(InvalidInput, match="more than 3× the 43 planned"):
        check_log(done.model_copy(update={"minutes": 600 // 2}), DAY, 43, today=DAY)
    skipped = SessionLog(status=WorkoutStatus.SKIPPED)
    check_log(skipped, DAY, 45, today=date(2026, 12, 9))
    with pytest.raises(InvalidInput, match="can be marked skipped from that day on"):
        check_log(skipped, DAY, 45, today=date(2026, 12, 1))


def test_a_log_is_completed_or_skipped_and_a_skip_has_no_sets() -> None:
    with pytest.raises(ValidationError, match="completed or a skipped"):
        SessionLog(status=WorkoutStatus.SCHEDULED)
    with pytest.raises(ValidationError, match="has no sets"):
        SessionLog(status=WorkoutStatus.SKIPPED, sets=[_set(5, 100)])
    with pytest.raises(ValidationError, match="RIR or RPE, not both"):
        _set(5, 100, rir=2, rpe=8)


def test_done_as_planned_prefills_one_result_per_set() -> None:
    squat = Exercise(name="Back Squat", sets=3, reps=5, reps_max=6, load_kg=120, rir=2)
    run = Exercise(name="Easy run", sets=1, distance_km=5.0)
    results = planned_sets([squat, run])
    assert [(r.exercise_index, r.exercise, r.set_number) for r in results] == [
        (0, "Back Squat", 1),
        (0, "Back Squat", 2),
        (0, "Back Squat", 3),
        (1, "Easy run", 1),
    ]
    assert (results[0].reps, results[0].load_kg, results[0].rir, results[0].rpe) == (
        5,
        120,
        2,
        None,
    )
    assert (results[3].distance_km, results[3].reps) == (5.0, None)


def test_e1rm_is_epley_on_reps_to_failure() -> None:
    assert estimate_one_rep_max(100, 5) == pytest.approx(116.7)
    assert estimate_one_rep_max(100, 5, rir=2) == pytest.approx(123.3)  # 7 reps to failure
    assert estimate_one_rep_max(100, 1) == pytest.approx(103.3)
    assert estimate_one_rep_max(100, 10, rir=3) is None  # 13 to failure: no estimate
    assert estimate_one_rep_max(0, 5) is None
    assert reps_in_reserve(None, 8) == 2 and reps_in_reserve(1, None) == 1
    assert reps_in_reserve(None, None) == 0
    assert set_e1rm(_set(5, 100, rpe=8)) == pytest.approx(123.3)


def test_daily_best_and_rep_records() -> None:
    sets = [
        DatedSet(DAY, _set(5, 100, rir=2)),
        DatedSet(DAY, _set(5, 105, n=2, rir=1)),
        DatedSet(date(2026, 12, 10), _set(3, 115, rir=1)),
        DatedSet(date(2026, 12, 10), _set(5, 105, n=2, rir=0)),
    ]
    best = daily_best(sets)
    assert [(b.day, b.e1rm) for b in best] == [(DAY, 126.0), (date(2026, 12, 10), 130.3)]
    records = rep_records(sets)
    assert [(r.reps, r.load_kg, r.day) for r in records] == [
        (3, 115, date(2026, 12, 10)),
        (5, 105, DAY),  # first reached on the 7th; equalled later, not beaten
    ]


def test_tonnage_by_workout_sums_the_loaded_sets_of_each_workout() -> None:
    import uuid

    first, second = uuid.uuid4(), uuid.uuid4()
    sets = [
        DatedSet(DAY, _set(5, 100), first),
        DatedSet(DAY, _set(5, 105, n=2), first),
        DatedSet(
            DAY,
            SetResult(exercise_index=1, exercise="Plank", set_number=1, duration_minutes=1),
            first,
        ),
        DatedSet(DAY, _set(3, 120), second),
        DatedSet(DAY, _set(3, 120)),  # no workout: not counted
    ]
    assert tonnage_by_workout(sets) == {str(first): 1025.0, str(second): 360.0}
