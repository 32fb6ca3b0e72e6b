"""Training maxes for the next phase: from the logs (90 % of e1RM, capped, lowered by misses and
drift) or the planned progression; and the engine loading main lifts from the ones given."""

from __future__ import annotations

from datetime import date, timedelta

from core.generation.engine import OfflineEngine
from core.load.e1rm import DatedSet
from core.schemas import ProgramType
from core.session_log import SetResult
from core.training_max import as_input, propose_training_maxes
from tests.factories import make_plan, make_profile

MONDAY = date(2026, 11, 2)


def _squat(day: int, kg: float, reps: int, rir: float | None) -> DatedSet:
    result = SetResult(
        exercise_index=0, exercise="Back Squat", set_number=1, reps=reps, load_kg=kg, rir=rir
    )
    return DatedSet(MONDAY + timedelta(days=day), result)


def _by_lift(sets: list[DatedSet], phase: int = 1) -> dict[str, tuple[float, float, str]]:
    proposals = propose_training_maxes(make_profile(), phase, sets)
    return {p.lift: (p.planned, p.proposed, p.why) for p in proposals}


def test_nothing_logged_gives_the_planned_progression() -> None:
    maxes = _by_lift([], phase=2)
    assert maxes["Back Squat"][:2] == (150.0, 150.0)  # 140 + 2 phases × 5 kg (a lower lift)
    assert maxes["Bench Press"][:2] == (105.0, 105.0)  # 100 + 2 × 2.5 kg
    assert "nothing logged" in maxes["Back Squat"][2]


def test_the_planned_progression_stops_three_steps_above_the_tested_1rm() -> None:
    # a year planned ahead without a logged set: +3 steps, not +10 (a bench dosed at 125 kg for
    # a 105 kg 1RM); logged sets can still raise it (at most two steps past the plan)
    assert _by_lift([], phase=3)["Back Squat"][:2] == (155.0, 155.0)  # 140 + 3 × 5 kg
    assert _by_lift([], phase=10)["Back Squat"][:2] == (155.0, 155.0)
    assert _by_lift([], phase=10)["Bench Press"][:2] == (107.5, 107.5)  # 100 + 3 × 2.5 kg
    strong = [_squat(0, 200, 5, 2), _squat(2, 200, 5, 2)]
    assert _by_lift(strong, phase=10)["Back Squat"][1] == 165.0  # 155 + 2 steps


def test_the_tm_is_90_percent_of_the_best_recent_e1rm() -> None:
    # 130 kg × (5 reps + 2 RIR): e1RM = 130 × (1 + 7/30) = 160.3 → 90 % = 144.3 → 145 kg
    maxes = _by_lift([_squat(0, 120, 5, 2), _squat(7, 130, 5, 2)])
    planned, proposed, why = maxes["Back Squat"]
    assert (planned, proposed) == (145.0, 145.0)
    assert "160.3" in why
    assert maxes["Bench Press"][1] == maxes["Bench Press"][0]  # no bench logged: as planned


def test_a_big_jump_is_capped_at_two_steps() -> None:
    # e1RM 200 × (1 + 7/30) = 246.7 → 90 % ≈ 222 kg, far above the planned 145: capped at +10
    planned, proposed, why = _by_lift([_squat(0, 200, 5, 2), _squat(2, 200, 5, 2)])["Back Squat"]
    assert (planned, proposed) == (145.0, 155.0)
    assert "capped" in why


def test_sets_to_failure_and_rpe_drift_lower_it() -> None:
    steady = [_squat(0, 130, 5, 2), _squat(7, 130, 5, 2)]
    drifting = [_squat(0, 130, 5, 3), _squat(7, 130, 5, 0)]  # same work, 3 RIR → 0 RIR
    base = _by_lift(steady)["Back Squat"][1]
    _, lowered, why = _by_lift(drifting)["Back Squat"]
    # drifting: best e1RM 130 × (1 + 8/30) = 164.7 → 148.2 → 147.5; one set to failure −5,
    # the drift −5: 137.5
    assert (base, lowered) == (145.0, 137.5)
    assert "to failure" in why and "felt harder" in why


def test_the_engine_loads_main_lifts_from_the_training_maxes_given() -> None:
    profile = make_profile()
    plan = make_plan(4)
    engine = OfflineEngine()
    planned = engine.breakdown(plan, profile, ProgramType.STRENGTH, MONDAY)
    heavier = engine.breakdown(
        plan, profile, ProgramType.STRENGTH, MONDAY, as_input(_proposals(160.0))
    )

    def squat_loads(meso) -> list[float]:  # type: ignore[no-untyped-def]
        return [
            e.load_kg
            for w in meso.workouts()
            for e in w.exercises
            if e.name == "Back Squat" and e.load_kg
        ]

    assert squat_loads(planned) and squat_loads(heavier)
    assert max(squat_loads(heavier)) > max(squat_loads(planned))
    assert any(
        "160 kg training max" in (e.rationale or "")
        for w in heavier.workouts()
        for e in w.exercises
    )


def _proposals(squat_tm: float):  # type: ignore[no-untyped-def]
    proposals = propose_training_maxes(make_profile(), 0, [])
    return [
        p if p.lift != "Back Squat" else type(p)(p.lift, p.planned, squat_tm, "coach")
        for p in proposals
    ]
