"""The logging grid: sets to a table and back, every bad row named; planned against done."""

from __future__ import annotations

from core.schemas import Exercise
from core.session_log import planned_sets
from ui.log_view import SET_COLUMNS, planned_vs_done, results_from_frame, sets_frame

PLAN = [
    Exercise(name="Back Squat", sets=3, reps=5, load_kg=100, rir=2),
    Exercise(name="Plank", sets=2, duration_minutes=1.0),
]


def test_the_planned_sets_round_trip_through_the_grid() -> None:
    planned = planned_sets(PLAN)
    frame = sets_frame(planned)
    assert list(frame.columns) == SET_COLUMNS
    assert list(frame["#"]) == [1, 1, 1, 2, 2]
    results, errors = results_from_frame(frame, PLAN)
    assert errors == [] and results == planned


def test_rows_are_renumbered_extras_allowed_and_bad_rows_named() -> None:
    frame = sets_frame(planned_sets(PLAN)).astype(object)
    frame = frame.drop(index=1).reset_index(drop=True)  # one squat set fewer
    frame.loc[len(frame)] = [3, "Farmer Carry", None, None, 32, None, None, None, 0.04, ""]
    results, errors = results_from_frame(frame, PLAN)
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
    _, errors = results_from_frame(bad, PLAN)
    assert errors == [
        "row 1: reps must be a whole number, not 5.5",
        "row 2: 'Leg Press' replaces the planned 'Back Squat': say why in 'Swap reason'",
        "row 3: rpe: must be at most 10",
    ]


def test_planned_vs_done_names_what_is_missing() -> None:
    done = planned_sets(PLAN)[:2]
    table = planned_vs_done(PLAN, done)
    assert list(table["Planned"]) == [PLAN[0].activity, PLAN[1].activity]
    assert list(table["Done"]) == ["Back Squat: 5 × 100 kg RIR 2, 5 × 100 kg RIR 2", "not logged"]
