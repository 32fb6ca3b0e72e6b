"""Warm-ups matched to the session (core.validation.warmups, core.generation.engine.warmups) and
who jumps (core.validation.impact)."""

from __future__ import annotations

from datetime import date

import pytest

from core.exercises.library import find_exercise, load_library
from core.generation.engine import OfflineEngine
from core.generation.engine.warmups import pick_warmup
from core.schemas import BodyArea, Equipment, Experience, Goal
from core.validation.impact import impact_faults, jumping_suits
from core.validation.warmups import session_warmup_faults
from tests.factories import make_profile
from tools.quality import generate
from tools.quality_checks import check_impact

MOBILITY = tuple(entry for entry in load_library() if entry.pattern == "mobility")


def test_drills_follow_the_sessions_needs_in_order_and_skip_held_stretches():
    legs, chest = ("quads", "glutes"), ("chest",)
    drills = pick_warmup(MOBILITY, [legs, chest], 2, offset=0)
    assert len(drills) == 2
    assert set(drills[0].primary + drills[0].secondary) & set(legs)
    assert set(drills[1].primary + drills[1].secondary) & set(chest)
    many = pick_warmup(MOBILITY, [legs], 6, offset=3)
    assert len(set(many)) == 6 and not any(drill.static for drill in many)


def test_the_week_rotates_among_the_drills_that_fit():
    legs = [("quads", "glutes")]
    firsts = {pick_warmup(MOBILITY, legs, 1, offset)[0].name for offset in range(4)}
    assert len(firsts) > 1


def test_no_moving_drill_left_gives_no_warm_up():
    stretches = tuple(entry for entry in MOBILITY if entry.static)
    assert stretches and pick_warmup(stretches, [("quads",)], 2, 0) == ()


@pytest.mark.parametrize(
    "profile",
    [
        make_profile(experience=Experience.BEGINNER, days_per_week=3, minutes_per_session=60),
        make_profile(goal=Goal.MUSCLE_GAIN, days_per_week=5, minutes_per_session=90),
        make_profile(injuries=[BodyArea.WRIST, BodyArea.SHOULDER], minutes_per_session=75),
        make_profile(
            goal=Goal.WEIGHT_LOSS, equipment=[Equipment.KETTLEBELL], minutes_per_session=45
        ),
    ],
)
def test_every_engine_session_warms_up_with_moving_drills_for_its_first_lift(profile):
    program = generate(OfflineEngine(), profile, 12, date(2027, 1, 4))
    sessions = [w for _start, meso in program.phases for w in meso.workouts()]
    warmed = [w for w in sessions if any("warm" in b.label.lower() for b in w.blocks)]
    assert warmed
    for workout in warmed:
        assert session_warmup_faults(workout) == [], (workout.date, workout.title)
        for block in workout.blocks:
            if "warm" in block.label.lower():
                for exercise in block.exercises:
                    entry = find_exercise(exercise.name)
                    assert entry is not None and not entry.static


def test_jumping_suits_neither_a_beginner_nor_a_heavy_or_older_client():
    assert jumping_suits(make_profile(experience=Experience.INTERMEDIATE, bodyweight_kg=80))
    assert not jumping_suits(make_profile(experience=Experience.BEGINNER, bodyweight_kg=70))
    assert not jumping_suits(make_profile(experience=Experience.ADVANCED, bodyweight_kg=105))
    assert not jumping_suits(make_profile(experience=Experience.ADVANCED, age=64))


@pytest.mark.parametrize(
    "profile",
    [
        make_profile(goal=Goal.WEIGHT_LOSS, experience=Experience.BEGINNER, bodyweight_kg=105),
        make_profile(goal=Goal.GENERAL_FITNESS, experience=Experience.ADVANCED, days_per_week=5),
        make_profile(goal=Goal.STRENGTH, experience=Experience.ADVANCED, minutes_per_session=120),
    ],
)
def test_no_jumping_for_a_client_it_does_not_suit_nor_after_lifting(profile):
    program = generate(OfflineEngine(), profile, 12, date(2027, 1, 4))
    outcome = check_impact(program)
    assert outcome.passed, outcome.examples
    jumping = [
        exercise.name
        for _start, meso in program.phases
        for workout in meso.workouts()
        for exercise in workout.exercises
        if (entry := find_exercise(exercise.name)) is not None and entry.impact
    ]
    if not jumping_suits(profile):
        assert jumping == []


def test_impact_check_names_the_fault():
    from core.schemas import Exercise, SessionType, WorkoutBlock, WorkoutInstance

    jump = Exercise(name="Squat Jump", sets=6, duration_minutes=0.75, rpe=7)
    circuit = WorkoutBlock(label="Conditioning circuit", exercises=[jump])
    lift = WorkoutInstance(
        date=date(2027, 1, 4), session_type=SessionType.LIFT, title="Push", blocks=[circuit]
    )
    assert impact_faults(lift, make_profile()) == ["Squat Jump: jumping after the lifting"]
    beginner = make_profile(experience=Experience.BEGINNER)
    metcon = lift.model_copy(update={"session_type": SessionType.METCON})
    assert impact_faults(metcon, beginner) == [
        "Squat Jump: jumping for this client (low-impact instead)"
    ]
