"""Autoregulation's rules: load ±2.5/5 % on an RIR miss of ≥ 2, a set cut after a skip or a hard
session, a reactive deload after two missed weeks; each a diff with the rule in words."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from core.autoregulation import propose
from core.load.e1rm import DatedSet
from core.read_models import WorkoutRecord
from core.schemas import WorkoutStatus
from core.session_log import SetResult

MONDAY = date(2026, 11, 2)


def _workout(
    day: int, status: WorkoutStatus = WorkoutStatus.SCHEDULED, **extra: Any
) -> WorkoutRecord:
    blocks = [
        {
            "label": "Main lifts",
            "exercises": [
                {"name": "Back Squat", "sets": 4, "reps": 5, "loadKg": 100.0, "rir": 2},
                {"name": "Leg Press", "sets": 3, "reps": 10, "loadKg": 150.0, "rir": 2},
            ],
        }
    ]
    values: dict[str, Any] = {
        "id": uuid.uuid4(),
        "microcycle_id": uuid.uuid4(),
        "date": MONDAY + timedelta(days=day),
        "day_slot": 0,
        "session_type": "lift",
        "title": "Lower",
        "blocks": blocks,
        "planned_minutes": 60,
        "target_rpe": 7.0,
        "notes": None,
        "status": status,
        "completed_at": None,
        "session_rpe": None,
        "actual_minutes": None,
    }
    return WorkoutRecord(**{**values, **extra})


def _sets(workout: WorkoutRecord, rir: float) -> list[DatedSet]:
    return [
        DatedSet(
            workout.date,
            SetResult(
                exercise_index=0, exercise="Back Squat", set_number=n, reps=5, load_kg=100, rir=rir
            ),
            workout.id,
        )
        for n in (1, 2, 3, 4)
    ]


def _exercises(change_fields: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["name"]: e for b in change_fields["blocks"] for e in b["exercises"]}


def test_sets_easier_than_prescribed_raise_the_load() -> None:
    done = _workout(0, WorkoutStatus.COMPLETED, session_rpe=7.0)
    coming = _workout(7)
    proposal = propose([done], _sets(done, rir=5), [coming])  # 3 reps easier than RIR 2
    [adjustment] = proposal.adjustments
    assert (adjustment.before, adjustment.after) == (
        "Back Squat: 4x5 @ 100 kg, RIR 2",
        "Back Squat: 4x5 @ 105 kg, RIR 2",
    )
    assert adjustment.rule == "logged RIR was 3 easier than prescribed: load +5 %"
    [change] = proposal.changes
    assert change.workout_id == coming.id
    assert _exercises(change.fields)["Back Squat"]["loadKg"] == 105.0
    assert _exercises(change.fields)["Leg Press"]["loadKg"] == 150.0


def test_sets_harder_by_two_lower_the_load_by_2_5_percent() -> None:
    done = _workout(0, WorkoutStatus.COMPLETED, session_rpe=7.0)
    [adjustment] = propose([done], _sets(done, rir=0), [_workout(7)]).adjustments
    assert adjustment.after == "Back Squat: 4x5 @ 97.5 kg, RIR 2"
    assert "harder" in adjustment.rule and "−2.5 %" in adjustment.rule


def test_an_rir_off_by_less_than_two_changes_nothing() -> None:
    done = _workout(0, WorkoutStatus.COMPLETED, session_rpe=7.0)
    proposal = propose([done], _sets(done, rir=3), [_workout(7)])
    assert (proposal.adjustments, proposal.changes, proposal.missed) == ([], [], False)


def test_a_skipped_or_too_hard_session_cuts_a_set_for_its_muscles() -> None:
    skipped = _workout(0, WorkoutStatus.SKIPPED)
    hard = _workout(2, WorkoutStatus.COMPLETED, session_rpe=9.0)  # target 7: 2 above
    for week in ([skipped], [hard]):
        proposal = propose(week, [], [_workout(7)])
        sets = {a.exercise: (a.before, a.after) for a in proposal.adjustments}
        assert sets["Back Squat"] == (
            "Back Squat: 4x5 @ 100 kg, RIR 2",
            "Back Squat: 3x5 @ 100 kg, RIR 2",
        )
        assert sets["Leg Press"][1].startswith("Leg Press: 2x10")
        assert proposal.missed
    [rule] = {
        a.rule
        for a in propose([skipped], [], [_workout(7)]).adjustments
        if a.exercise == "Back Squat"
    }
    assert "was skipped" in rule and rule.startswith("one set fewer for")


def test_two_missed_weeks_in_a_row_propose_a_deload() -> None:
    skipped = _workout(0, WorkoutStatus.SKIPPED)
    proposal = propose([skipped], [], [_workout(7)], missed_before=True)
    after = {a.exercise: a.after for a in proposal.adjustments}
    assert after == {
        "Back Squat": "Back Squat: 2x5 @ 90 kg, RIR 2",
        "Leg Press": "Leg Press: 2x10 @ 135 kg, RIR 2",
    }
    assert all(a.rule.startswith("reactive deload") for a in proposal.adjustments)


def test_logged_coming_workouts_are_never_proposed_changes() -> None:
    done = _workout(0, WorkoutStatus.COMPLETED, session_rpe=7.0)
    already = _workout(7, WorkoutStatus.COMPLETED)
    assert propose([done], _sets(done, rir=5), [already]).changes == []


def test_a_changed_load_keeps_its_percent_of_the_same_one_rep_max() -> None:
    # the squat's 100 kg is 80 % of a 125 kg 1RM: 105 kg is 84 %, a deload's 90 kg 72 %
    with_pct = _workout(7)
    with_pct.blocks[0]["exercises"][0]["pctOneRm"] = 80.0
    done = _workout(0, WorkoutStatus.COMPLETED, session_rpe=7.0)
    [change] = propose([done], _sets(done, rir=5), [with_pct]).changes
    squat = _exercises(change.fields)["Back Squat"]
    assert (squat["loadKg"], squat["pctOneRm"]) == (105.0, 84.0)
    skipped = _workout(0, WorkoutStatus.SKIPPED)
    [change] = propose([skipped], [], [with_pct], missed_before=True).changes
    squat = _exercises(change.fields)["Back Squat"]
    assert (squat["loadKg"], squat["pctOneRm"]) == (90.0, 72.0)
    assert _exercises(change.fields)["Leg Press"].get("pctOneRm") is None
