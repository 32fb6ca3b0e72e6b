"""Load metrics (core.load) against hand-computed values from docs/domain.md §5."""

from __future__ import annotations

import json
import math
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
import pytest

from core import load
from core.exercises.library import find_exercise
from core.load import (
    daily_srpe,
    empty_workouts_frame,
    ewma_acwr,
    exercise_tonnage,
    round_to_plate,
    set_band,
    weekly_compliance,
    weekly_hard_sets,
    weekly_srpe,
    weekly_tonnage,
    workout_tonnage,
    workouts_frame,
)
from core.load.e1rm import DatedSet
from core.schemas import Experience
from core.session_log import SetResult
from core.validation.measures import hard_set_muscles, is_hard_set

# A stand-in for the exercise library: (prime movers, synergists) and 1RM keys.
MUSCLES = {
    "Back Squat": (("quads", "glutes"), ("hamstrings", "core")),
    "Pause Squat": (("quads", "glutes"), ("core",)),
    "Bench Press": (("chest",), ("triceps", "shoulders")),
    "Barbell Row": (("back",), ("biceps", "back")),  # back listed twice: counts once, as prime
}
ONE_RM_KEYS = {"Pause Squat": "back_squat", "Back Squat": "back_squat"}


def muscles_of(name: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    return MUSCLES.get(name)


def one_rm_key_of(name: str) -> str | None:
    return ONE_RM_KEYS.get(name)


def no_key(name: str) -> str | None:
    return None


MON = date(2025, 3, 3)  # a Monday
TODAY = date(2025, 3, 12)  # Wednesday of the second week


def ex(name: str, sets: int = 3, reps: int | None = 5, **extra: Any) -> dict[str, Any]:
    return {"name": name, "sets": sets, "reps": reps, **extra}


def block(*exercises: dict[str, Any], label: str = "Main") -> dict[str, Any]:
    return {"label": label, "exercises": list(exercises)}


_ids = iter(range(10_000))


def workout(
    day: date,
    status: str = "completed",
    session_type: str = "lift",
    blocks: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "workout_id": f"w{next(_ids)}",
        "date": day,
        "status": status,
        "session_type": session_type,
        "title": f"{session_type} on {day}",
        "blocks": blocks or [],
        **extra,
    }


def frame(*rows: dict[str, Any]) -> pd.DataFrame:
    return workouts_frame(list(rows))


# ------------------------------------------------------------------------------------------------
# The workouts frame


def test_frame_columns_dtypes_and_order() -> None:
    rows = [
        workout(MON + timedelta(days=2), planned_minutes=60, target_rpe=7),
        workout(MON, "scheduled", "run", planned_minutes=None, session_rpe=None),
    ]
    result = workouts_frame(rows)
    assert list(result.columns) == list(load.COLUMNS)
    assert list(result["date"]) == [MON, MON + timedelta(days=2)]  # sorted by date
    assert all(type(value) is date for value in result["date"])
    for column in ("planned_minutes", "target_rpe", "session_rpe", "actual_minutes"):
        assert result[column].dtype == "float64"
    assert math.isnan(result.loc[0, "planned_minutes"])
    assert result.loc[1, "planned_minutes"] == 60.0
    assert result["status"].tolist() == ["scheduled", "completed"]
    assert result["blocks"].tolist() == [[], []]


def test_frame_accepts_iso_strings_datetimes_and_json_blocks() -> None:
    blocks = [block(ex("Back Squat", loadKg=100))]
    result = workouts_frame(
        [
            workout("2025-03-04", blocks=json.dumps(blocks)),  # type: ignore[arg-type]
            workout(datetime(2025, 3, 5, 18, 30), blocks=None),  # type: ignore[arg-type]
        ]
    )
    assert list(result["date"]) == [date(2025, 3, 4), date(2025, 3, 5)]
    assert result.loc[0, "blocks"] == blocks
    assert result.loc[1, "blocks"] == []


def test_frame_rejects_unknown_status_and_session_type() -> None:
    with pytest.raises(ValueError, match="unknown status 'done'"):
        workouts_frame([workout(MON, status="done")])
    with pytest.raises(ValueError, match="unknown session type 'swim'"):
        workouts_frame([workout(MON, session_type="swim")])


def test_empty_frame_has_the_contract_columns() -> None:
    empty = empty_workouts_frame()
    assert empty.empty
    assert list(empty.columns) == list(load.COLUMNS)
    assert empty["planned_minutes"].dtype == "float64"


# ------------------------------------------------------------------------------------------------
# Tonnage


def test_tonnage_fixed_load() -> None:
    assert exercise_tonnage(ex("Back Squat", 3, 5, loadKg=100), {}, one_rm_key_of=no_key) == 1500


def test_tonnage_percent_of_one_rep_max_by_name() -> None:
    # 75 % of 140 = 105 kg (already on the 2.5 kg grid): 4 × 6 × 105 = 2520.
    exercise = ex("Back Squat", 4, 6, pctOneRm=75)
    assert exercise_tonnage(exercise, {"back squat": 140}, one_rm_key_of=no_key) == 2520


def test_tonnage_percent_rounds_to_plate_increment() -> None:
    # 75 % of 137 = 102.75 kg → 102.5 kg: 3 × 5 × 102.5 = 1537.5.
    exercise = ex("Bench Press", 3, 5, pctOneRm=75)
    assert exercise_tonnage(exercise, {"Bench_Press": 137}, one_rm_key_of=no_key) == 1537.5


def test_tonnage_uses_library_one_rm_key_before_name() -> None:
    # A pause squat is prescribed from the back squat: 80 % of 140 = 112 → 112.5 kg; 3 × 3 × 112.5.
    exercise = ex("Pause Squat", 3, 3, pctOneRm=80)
    maxes = {"Back Squat": 140, "pause squat": 100}
    assert exercise_tonnage(exercise, maxes, one_rm_key_of=one_rm_key_of) == 1012.5
    assert exercise_tonnage(exercise, maxes, one_rm_key_of=no_key) == 3 * 3 * 80  # by its own name


def test_tonnage_rep_range_counts_midpoint_and_kg_beats_percent() -> None:
    assert exercise_tonnage(ex("Row", 3, 8, repsMax=12, loadKg=50), {}, one_rm_key_of=no_key) == (
        3 * 10 * 50
    )
    both = ex("Back Squat", 2, 5, loadKg=100, pctOneRm=50)
    assert exercise_tonnage(both, {"back_squat": 200}, one_rm_key_of=no_key) == 1000


@pytest.mark.parametrize(
    "exercise",
    [
        ex("Push-up", 3, 15),  # bodyweight: no load
        ex("Back Squat", 3, 5, rpe=8),  # RPE only
        ex("Deadlift", 3, 5, pctOneRm=80),  # no 1RM on file
        ex("Easy run", 1, None, durationMinutes=30),  # timed work
        {"name": "Back Squat", "reps": 5, "loadKg": 100},  # no sets
        ex("Back Squat", 3, 5, loadKg=float("nan")),  # NaN is missing
    ],
)
def test_tonnage_without_a_known_load_is_zero(exercise: dict[str, Any]) -> None:
    assert exercise_tonnage(exercise, {"back_squat": 140}, one_rm_key_of=no_key) == 0.0


def test_round_to_plate() -> None:
    assert round_to_plate(102.75) == 102.5
    assert round_to_plate(101.25) == 102.5  # halves round up
    assert round_to_plate(103.74) == 102.5
    assert round_to_plate(103.75) == 105.0


def test_workout_tonnage_skips_warm_up_and_cool_down_blocks() -> None:
    blocks = [
        block(ex("Back Squat", 2, 5, loadKg=40), label="Warm-up"),
        block(ex("Back Squat", 3, 5, loadKg=100)),
        block(ex("Bench Press", 1, 10, loadKg=20), label="Cool down"),
    ]
    assert workout_tonnage(blocks, {}, one_rm_key_of=no_key) == 1500


def test_weekly_tonnage_planned_completed_and_future_weeks() -> None:
    squat = [block(ex("Back Squat", 3, 5, loadKg=100))]  # 1500 kg
    bench = [block(ex("Bench Press", 4, 6, pctOneRm=75))]  # 4 × 6 × 75 = 1800 kg with 1RM 100
    result = weekly_tonnage(
        frame(
            workout(MON, "completed", blocks=squat),
            workout(MON + timedelta(days=6), "skipped", blocks=bench),  # Sunday: same week
            workout(MON + timedelta(days=7), "completed", blocks=bench),  # Monday: next week
            workout(MON + timedelta(days=8), "scheduled", blocks=squat),
            workout(MON + timedelta(days=9), "completed", "rest", blocks=squat),  # rest: ignored
            workout(MON + timedelta(days=21), "scheduled", blocks=squat),  # week 4, future
        ),
        {"bench press": 100},
        TODAY,
        one_rm_key_of=no_key,
    )
    assert list(result.columns) == ["week_start", "planned", "completed"]
    assert list(result["week_start"]) == [MON + timedelta(weeks=n) for n in range(4)]
    assert result["planned"].tolist() == [3300.0, 3300.0, 0.0, 1500.0]
    completed = result["completed"].tolist()
    assert completed[:2] == [1500.0, 1800.0]
    assert all(math.isnan(value) for value in completed[2:])  # weeks after today: no bar


def test_completed_tonnage_is_what_was_logged_where_sets_were_logged() -> None:
    squat = [block(ex("Back Squat", 3, 5, loadKg=100))]  # 1500 kg prescribed
    result = weekly_tonnage(
        frame(
            workout(MON, "completed", blocks=squat, logged_tonnage=1625.0),  # heavier than planned
            workout(MON + timedelta(days=2), "completed", blocks=squat),  # no sets: prescription
            workout(MON + timedelta(days=4), "skipped", blocks=squat, logged_tonnage=900.0),
        ),
        {},
        TODAY,
        one_rm_key_of=no_key,
    )
    assert result["planned"].tolist() == [4500.0]
    assert result["completed"].tolist() == [1625.0 + 1500.0]  # a skipped session adds nothing


def test_weekly_tonnage_empty_and_year_boundary() -> None:
    empty = weekly_tonnage(empty_workouts_frame(), {}, TODAY, one_rm_key_of=no_key)
    assert empty.empty and list(empty.columns) == ["week_start", "planned", "completed"]
    new_year = weekly_tonnage(
        frame(workout(date(2025, 1, 1), blocks=[block(ex("Back Squat", 1, 1, loadKg=100))])),
        {},
        date(2025, 1, 2),
        one_rm_key_of=no_key,
    )
    assert list(new_year["week_start"]) == [date(2024, 12, 30)]  # Monday of that week
    assert new_year["completed"].tolist() == [100.0]


# ------------------------------------------------------------------------------------------------
# Hard sets


def test_set_band() -> None:
    assert set_band("beginner") == (8, 10)
    assert set_band("intermediate") == (10, 16)
    assert set_band(Experience.ADVANCED) == (12, 20)
    with pytest.raises(ValueError, match="unknown experience level"):
        set_band("elite")


def _logged(day: date, exercise: str, rir: float | None = None, rpe: float | None = None):  # type: ignore[no-untyped-def]
    result = SetResult(exercise_index=0, exercise=exercise, set_number=1, reps=5, rir=rir, rpe=rpe)
    return DatedSet(day, result)


def test_weekly_done_hard_sets_count_the_hard_sets_logged_as_the_plan_counts_its_sets() -> None:
    sets = [
        _logged(MON, "Bench Press", rir=2),
        _logged(MON + timedelta(days=2), "Bench Press", rir=4),  # RIR 4: still hard
        _logged(MON + timedelta(days=2), "Bench Press", rir=5),  # RIR 5: not hard
        _logged(MON + timedelta(days=3), "Barbell Row", rpe=6),  # RPE 6: hard
        _logged(MON + timedelta(days=3), "Barbell Row", rpe=5.5),  # not hard
        _logged(MON + timedelta(days=4), "Barbell Row"),  # no effort written: counted
        _logged(MON + timedelta(days=4), "Mystery Move", rir=1),  # unknown: not counted
        _logged(MON + timedelta(days=9), "Back Squat", rir=3),
    ]
    result = load.weekly_done_hard_sets(sets, muscles_of)
    assert list(result.columns) == ["week_start", "muscle", "sets"]
    table = result.pivot(index="week_start", columns="muscle", values="sets")
    assert table.loc[MON].to_dict() == {
        "chest": 2.0,
        "back": 2.0,  # prime mover once, not 2 + 1
        "shoulders": 1.0,
        "biceps": 1.0,
        "triceps": 1.0,
        "quads": 0.0,
        "hamstrings": 0.0,
        "glutes": 0.0,
        "core": 0.0,
    }
    week2 = table.loc[MON + timedelta(days=7)]
    assert (week2["quads"], week2["core"], week2["chest"]) == (1.0, 0.5, 0.0)
    assert load.weekly_done_hard_sets([]).empty


def test_one_hard_set_rule_for_the_logs_and_the_library() -> None:
    assert [is_hard_set(rir, None) for rir in (0, 4, 4.5)] == [True, True, False]
    assert [is_hard_set(None, rpe) for rpe in (10, 6, 5.5)] == [True, True, False]
    # running and mobility carry no hard sets for the plan, the validator or the logs
    for drill in ("Easy Run", "Cat-Cow"):  # in the library, with muscles, but no hard sets
        assert find_exercise(drill) is not None and find_exercise(drill).primary  # type: ignore[union-attr]
        assert hard_set_muscles(drill) is None and load.library_muscles(drill) is None
    bench = hard_set_muscles("Bench Press")
    assert bench is not None and ("chest", 1.0) in bench
    assert all(weight in (1.0, 0.5) for _muscle, weight in bench)


def test_weekly_hard_sets_prime_and_synergist() -> None:
    week1 = [
        block(ex("Bench Press", 4), ex("Barbell Row", 3), ex("Mystery Move", 5)),
        block(ex("Back Squat", 2), label="Warm up"),
    ]
    week2 = [block(ex("Back Squat", 3))]
    result = weekly_hard_sets(
        frame(
            workout(MON, "completed", blocks=week1),
            workout(MON + timedelta(days=1), "skipped", blocks=week2),  # skipped: not counted
            workout(MON + timedelta(days=8), "scheduled", blocks=week2),
        ),
        muscles_of,
    )
    assert list(result.columns) == ["week_start", "muscle", "sets"]
    table = result.pivot(index="week_start", columns="muscle", values="sets")
    # Library order: chest, back, shoulders, biceps, triceps, quads, hamstrings, glutes, core.
    muscles = ["chest", "back", "shoulders", "biceps", "triceps", "quads", "hamstrings"]
    muscles += ["glutes", "core"]
    assert result["muscle"].tolist()[:9] == muscles
    assert table.loc[MON].to_dict() == {
        "chest": 4.0,
        "triceps": 2.0,
        "shoulders": 2.0,
        "back": 3.0,  # prime mover once, not 3 + 1.5
        "biceps": 1.5,
        "quads": 0.0,  # only in the warm-up: not counted
        "glutes": 0.0,
        "hamstrings": 0.0,
        "core": 0.0,
    }
    week2_sets = table.loc[MON + timedelta(days=7)]
    assert week2_sets["quads"] == 3.0
    assert week2_sets["glutes"] == 3.0
    assert week2_sets["hamstrings"] == 1.5
    assert week2_sets["core"] == 1.5
    assert week2_sets["chest"] == 0.0


def test_weekly_hard_sets_completed_only_and_empty() -> None:
    rows = frame(
        workout(MON, "completed", blocks=[block(ex("Bench Press", 2))]),
        workout(MON + timedelta(days=2), "scheduled", blocks=[block(ex("Bench Press", 3))]),
    )
    chest = weekly_hard_sets(rows, muscles_of, completed_only=True).set_index("muscle")["sets"]
    assert chest["chest"] == 2.0
    assert weekly_hard_sets(rows, muscles_of).set_index("muscle").loc["chest", "sets"] == 5.0
    for empty in (
        weekly_hard_sets(empty_workouts_frame(), muscles_of),
        weekly_hard_sets(frame(workout(MON, session_type="rest")), muscles_of),
        weekly_hard_sets(rows, lambda name: None),
    ):
        assert empty.empty and list(empty.columns) == ["week_start", "muscle", "sets"]


# ------------------------------------------------------------------------------------------------
# Session-RPE load


def test_daily_srpe_planned_and_actual() -> None:
    rows = frame(
        workout(
            MON, "completed", planned_minutes=60, target_rpe=7, session_rpe=8, actual_minutes=50
        ),
        workout(MON, "completed", "run", planned_minutes=30, target_rpe=4, session_rpe=5),
        workout(MON + timedelta(days=2), "skipped", planned_minutes=45, target_rpe=6),
        workout(MON + timedelta(days=3), "completed", "rest", session_rpe=1, actual_minutes=10),
        workout(MON + timedelta(days=4), "scheduled", planned_minutes=40, target_rpe=5),
    )
    planned = daily_srpe(rows, planned=True)
    actual = daily_srpe(rows, planned=False)
    days = pd.date_range(MON, MON + timedelta(days=4), freq="D")
    assert planned.index.equals(pd.DatetimeIndex(days, name="date"))
    assert actual.index.equals(planned.index)
    # 7×60 + 4×30 = 540 on Monday; rest day and empty days 0.
    assert planned.tolist() == [540.0, 0.0, 270.0, 0.0, 200.0]
    # 8×50 + 5×30 (no actual minutes recorded: the planned 30 stand in) = 550.
    assert actual.tolist() == [550.0, 0.0, 0.0, 0.0, 0.0]


def test_daily_srpe_range_and_empty() -> None:
    rows = frame(workout(MON, planned_minutes=60, target_rpe=5))
    series = daily_srpe(rows, True, start=MON - timedelta(days=2), end=MON + timedelta(days=1))
    assert series.tolist() == [0.0, 0.0, 300.0, 0.0]
    assert (
        daily_srpe(rows, True, start=MON + timedelta(days=1), end=MON + timedelta(days=2)).sum()
        == 0
    )
    empty = daily_srpe(empty_workouts_frame(), planned=False)
    assert empty.empty and isinstance(empty.index, pd.DatetimeIndex)


def _week_of_loads(loads: list[tuple[float, float]]) -> pd.DataFrame:
    """One completed workout per (RPE, minutes) pair, Monday onwards; (0, 0) is a rest day."""
    return frame(
        *(
            workout(MON + timedelta(days=i), "completed", session_rpe=rpe, actual_minutes=minutes)
            if rpe
            else workout(MON + timedelta(days=i), "completed", "rest")
            for i, (rpe, minutes) in enumerate(loads)
        )
    )


def test_weekly_srpe_monotony_and_strain_on_a_known_week() -> None:
    # Daily loads 300, 0, 400, 0, 500, 0, 200 → total 1400, mean 200.
    # Deviations 100, −200, 200, −200, 300, −200, 0 → Σ squares 260 000; sample sd √(260 000 / 6).
    rows = _week_of_loads([(5, 60), (0, 0), (8, 50), (0, 0), (10, 50), (0, 0), (4, 50)])
    result = weekly_srpe(rows)
    assert list(result.columns) == [
        "week_start",
        "planned_load",
        "actual_load",
        "monotony",
        "strain",
    ]
    assert list(result["week_start"]) == [MON]
    sd = math.sqrt(260_000 / 6)
    assert result.loc[0, "actual_load"] == 1400.0
    assert result.loc[0, "planned_load"] == 0.0
    assert result.loc[0, "monotony"] == pytest.approx(200 / sd)  # 0.9608
    assert result.loc[0, "strain"] == pytest.approx(1400 * 200 / sd)  # 1345.1


def test_weekly_srpe_partial_week_counts_missing_days_as_zero() -> None:
    # A Wednesday-only week: loads 0, 0, 420, 0, 0, 0, 0 → mean 60, sd √((6·60² + 360²)/6).
    result = weekly_srpe(frame(workout(MON + timedelta(days=2), session_rpe=7, actual_minutes=60)))
    sd = math.sqrt((6 * 60**2 + 360**2) / 6)
    assert result.loc[0, "monotony"] == pytest.approx(60 / sd)


def test_weekly_srpe_sd_zero_gives_nan_not_inf() -> None:
    same_every_day = _week_of_loads([(5, 60)] * 7)
    flat = weekly_srpe(same_every_day)
    assert flat.loc[0, "actual_load"] == 2100.0
    assert math.isnan(flat.loc[0, "monotony"]) and math.isnan(flat.loc[0, "strain"])
    nothing_done = weekly_srpe(frame(workout(MON, "scheduled", planned_minutes=60, target_rpe=6)))
    assert nothing_done.loc[0, "planned_load"] == 360.0
    assert math.isnan(nothing_done.loc[0, "monotony"])
    assert not np.isinf(weekly_srpe(same_every_day)[["monotony", "strain"]].to_numpy()).any()


def test_weekly_srpe_all_rest_and_empty() -> None:
    all_rest = weekly_srpe(
        frame(*(workout(MON + timedelta(days=i), session_type="rest") for i in range(3)))
    )
    assert all_rest[["planned_load", "actual_load"]].to_numpy().tolist() == [[0.0, 0.0]]
    assert all_rest["monotony"].isna().all()
    empty = weekly_srpe(empty_workouts_frame())
    assert empty.empty and "monotony" in empty.columns


def test_weekly_srpe_spans_contiguous_weeks() -> None:
    result = weekly_srpe(
        frame(
            workout(MON, session_rpe=5, actual_minutes=60),
            workout(MON + timedelta(days=20), session_rpe=5, actual_minutes=60),
        )
    )
    assert list(result["week_start"]) == [MON, MON + timedelta(7), MON + timedelta(14)]
    assert result["actual_load"].tolist() == [300.0, 0.0, 300.0]


# ------------------------------------------------------------------------------------------------
# EWMA ACWR


def test_ewma_by_hand() -> None:
    # λ_acute = 2/8 = 0.25, λ_chronic = 2/29; EWMA_0 = L_0.
    loads = pd.Series(
        [100.0, 0.0, 200.0], index=pd.date_range(MON, periods=3, freq="D", name="date")
    )
    result = ewma_acwr(loads)
    assert list(result.columns) == ["date", "acute", "chronic", "acwr", "reliable"]
    assert list(result["date"]) == [MON, MON + timedelta(1), MON + timedelta(2)]
    # acute: 100; 0.25·0 + 0.75·100 = 75; 0.25·200 + 0.75·75 = 106.25
    assert result["acute"].tolist() == pytest.approx([100.0, 75.0, 106.25])
    # chronic: 100; 27/29·100 = 2700/29; 2/29·200 + 27/29·2700/29 = 84 500/841
    assert result["chronic"].tolist() == pytest.approx([100.0, 2700 / 29, 84_500 / 841])
    assert result["acwr"].tolist() == pytest.approx(
        [1.0, 75 / (2700 / 29), 106.25 / (84_500 / 841)]
    )
    assert not result["reliable"].any()


def test_ewma_reliable_after_the_chronic_window() -> None:
    loads = pd.Series(300.0, index=pd.date_range(MON, periods=30, freq="D"))
    result = ewma_acwr(loads)
    assert result["reliable"].tolist() == [False] * 28 + [True] * 2
    assert result["acwr"].tolist() == pytest.approx([1.0] * 30)  # constant load: ratio 1


def test_ewma_custom_windows_gaps_and_zero_chronic() -> None:
    loads = pd.Series(
        [0.0, 0.0, 90.0], index=pd.to_datetime([MON, MON + timedelta(1), MON + timedelta(3)])
    )
    result = ewma_acwr(loads, acute=1, chronic=3)  # λ = 1 (today only) and 0.5
    assert len(result) == 4  # the missing day is filled with 0
    assert result["acute"].tolist() == [0.0, 0.0, 0.0, 90.0]
    assert result["chronic"].tolist() == [0.0, 0.0, 0.0, 45.0]
    assert result["acwr"].isna().tolist() == [True, True, True, False]  # chronic 0 → NaN
    assert result["acwr"].iloc[-1] == 2.0
    assert result["reliable"].tolist() == [False, False, False, True]


def test_ewma_empty_and_bad_windows() -> None:
    empty = ewma_acwr(pd.Series([], dtype="float64"))
    assert empty.empty and list(empty.columns) == ["date", "acute", "chronic", "acwr", "reliable"]
    with pytest.raises(ValueError):
        ewma_acwr(pd.Series([1.0]), acute=0)


def test_ewma_from_daily_srpe() -> None:
    rows = frame(
        workout(MON, session_rpe=5, actual_minutes=60),
        workout(MON + timedelta(days=2), session_rpe=5, actual_minutes=60),
    )
    result = ewma_acwr(daily_srpe(rows, planned=False))
    assert result["acute"].tolist() == pytest.approx([300.0, 225.0, 0.25 * 300 + 0.75 * 225])


# ------------------------------------------------------------------------------------------------
# Compliance


def test_weekly_compliance_past_and_future_scheduled() -> None:
    rows = frame(
        # Week 1 (all past): 2 completed, 1 skipped, 1 still scheduled (missed), 1 rest.
        workout(MON, "completed"),
        workout(MON + timedelta(days=1), "completed", "run"),
        workout(MON + timedelta(days=2), "skipped"),
        workout(MON + timedelta(days=3), "scheduled"),
        workout(MON + timedelta(days=4), "scheduled", "rest"),
        # Week 2, today is Wednesday: Monday missed, Tuesday done, today's and Friday's not due yet.
        workout(MON + timedelta(days=7), "scheduled"),
        workout(MON + timedelta(days=8), "completed"),
        workout(TODAY, "scheduled"),
        workout(MON + timedelta(days=11), "scheduled"),
        # Week 4: future only.
        workout(MON + timedelta(days=22), "scheduled"),
    )
    result = weekly_compliance(rows, TODAY)
    assert list(result.columns) == ["week_start", "completed", "skipped", "missed", "compliance"]
    assert list(result["week_start"]) == [MON + timedelta(weeks=n) for n in range(4)]
    assert result["completed"].tolist() == [2, 1, 0, 0]
    assert result["skipped"].tolist() == [1, 0, 0, 0]
    assert result["missed"].tolist() == [1, 1, 0, 0]
    compliance = result["compliance"].tolist()
    assert compliance[:2] == [0.5, 0.5]  # 2 of 4, 1 of 2
    assert math.isnan(compliance[2]) and math.isnan(compliance[3])  # nothing due


def test_weekly_compliance_edge_cases() -> None:
    empty = weekly_compliance(empty_workouts_frame(), TODAY)
    assert empty.empty and "compliance" in empty.columns
    rest_only = weekly_compliance(frame(workout(MON, "completed", "rest")), TODAY)
    assert rest_only["completed"].tolist() == [0]
    assert rest_only["compliance"].isna().all()
    early = weekly_compliance(frame(workout(TODAY + timedelta(days=2), "completed")), TODAY)
    assert early["compliance"].tolist() == [1.0]  # done ahead of schedule still counts


# ------------------------------------------------------------------------------------------------
# Defaults and speed


def test_default_library_lookups() -> None:
    pytest.importorskip("core.exercises.library")
    assert load.library_muscles("no such exercise, surely") is None
    assert load.library_one_rm_key("no such exercise, surely") is None


def _year_of_workouts() -> pd.DataFrame:
    rows = []
    for i in range(365):
        day = date(2025, 1, 1) + timedelta(days=i)
        if i % 7 in (2, 6):
            continue
        blocks = [
            block(ex("Back Squat", 2, 5, loadKg=40), label="Warm-up"),
            block(
                ex("Back Squat", 4, 6, pctOneRm=75),
                ex("Bench Press", 4, 8, repsMax=10, loadKg=80),
                ex("Barbell Row", 3, 10, loadKg=60),
                ex("Pause Squat", 3, 3, pctOneRm=70),
            ),
        ]
        status = "completed" if i < 270 else "scheduled"
        rows.append(
            workout(
                day,
                status,
                blocks=blocks,
                planned_minutes=60,
                target_rpe=7,
                session_rpe=7.5 if status == "completed" else None,
                actual_minutes=55 if status == "completed" else None,
            )
        )
    return workouts_frame(rows)


def test_a_year_of_workouts_gives_one_row_per_week_for_every_series() -> None:
    # Speed on this year of data is measured in bench/, not asserted here.
    year = _year_of_workouts()
    assert len(year) == 261
    today = date(2025, 9, 28)
    tonnage = weekly_tonnage(year, {"back_squat": 140}, today, one_rm_key_of=one_rm_key_of)
    weeks = len(tonnage)
    assert weeks >= 52
    assert len(weekly_srpe(year)) == weeks
    assert len(weekly_compliance(year, today)) == weeks
    assert weekly_hard_sets(year, muscles_of)["week_start"].nunique() == weeks
    assert len(ewma_acwr(daily_srpe(year, planned=False))) >= 7 * (weeks - 1)
    assert tonnage["planned"].iloc[1] == pytest.approx(
        5 * (4 * 6 * 105 + 4 * 9 * 80 + 3 * 10 * 60 + 3 * 3 * 97.5)
    )
