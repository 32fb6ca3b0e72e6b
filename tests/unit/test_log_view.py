"""The logging grid: sets to a table and back, every bad row named; planned against done."""

from __future__ import annotations

import pytest

from core.schemas import Exercise, Units
from core.session_log import planned_sets
from core.units import DistanceUnit, LoadUnit
from ui.log_view import SET_COLUMNS, planned_vs_done, results_from_frame, sets_frame

METRIC = Units()
PLAN = [
    Exercise(name="Back Squat", sets=3, reps=5, load_kg=100, rir=2),
    Exercise(name="Plank", sets=2, duration_minutes=1.0),
]


def test_the_planned_sets_round_trip_through_the_grid() -> None:
    planned = planned_sets(PLAN)
    frame = sets_frame(planned, METRIC)
    assert list(frame.columns) == SET_COLUMNS
    assert list(frame["#"]) == [1, 1, 1, 2, 2]
    results, errors = results_from_frame(frame, PLAN, METRIC)
    assert errors == [] and results == planned


def test_rows_are_renumbered_extras_allowed_and_bad_rows_named() -> None:
    frame = sets_frame(planned_sets(PLAN), METRIC).astype(object)
    frame = frame.drop(index=1).reset_index(drop=True)  # one squat set fewer
    frame.loc[len(frame)] = [3, "Farmer Carry", None, None, 32, None, None, None, 0.04, ""]
    results, errors = results_from_frame(frame, PLAN, METRIC)
    assert errors == []
    assert [(r.exercise_index, r.set_number) for r in results] == [
        (0, 1),
        (0, 2),
        (1, 1),
        (1, 2),
        (2, 1),
    ]
    bad = frame.copy()
    bad.loc[0, "Reps"] = 5.5
    bad.loc[1, "Exercise"] = "Leg Press"
    bad.loc[2, "RPE"] = 14
    _, errors = results_from_frame(bad, PLAN, METRIC)
    assert errors == [
        "row 1: reps must be a whole number, not 5.5",
        "row 2: 'Leg Press' replaces the planned 'Back Squat': say why in 'Swap reason'",
        "row 3: rpe: must be at most 10",
    ]


def test_planned_vs_done_names_what_is_missing() -> None:
    done = planned_sets(PLAN)[:2]
    table = planned_vs_done(PLAN, done, METRIC)
    assert list(table["Planned"]) == [PLAN[0].activity, PLAN[1].activity]
    assert list(table["Done"]) == ["Back Squat: 5 × 100 kg RIR 2, 5 × 100 kg RIR 2", "not logged"]


RUN = Exercise(name="Easy run", sets=1, distance_km=5.0)
POUNDS = Units(load=LoadUnit.LB, distance=DistanceUnit.MI)


def test_a_set_typed_in_pounds_is_stored_in_kg_and_reads_back_in_pounds() -> None:
    planned = [Exercise(name="Back Squat", sets=1, reps=5, load_kg=100), RUN]
    frame = sets_frame(planned_sets(planned), POUNDS)
    assert {"Lb", "Mi"} <= set(frame.columns) and "Kg" not in frame.columns
    assert frame.loc[0, "Lb"] == 220.46 and frame.loc[1, "Mi"] == 3.11
    frame.loc[0, "Lb"] = 185.0
    frame.loc[1, "Mi"] = 3.0
    results, errors = results_from_frame(frame, planned, POUNDS)
    assert errors == []
    assert results[0].load_kg == pytest.approx(185 * 0.45359237)
    assert results[1].distance_km == pytest.approx(3 * 1.609344)
    again = sets_frame(results, POUNDS)
    assert (again.loc[0, "Lb"], again.loc[1, "Mi"]) == (185.0, 3.0)
    table = planned_vs_done(planned, results, POUNDS)
    assert table.loc[0, "Done"] == "Back Squat: 5 × 185 lb"
    assert table.loc[0, "Planned"] == "Back Squat: 1x5 @ 220.46 lb"
    assert table.loc[1, "Done"] == "Easy run: 3 mi"
