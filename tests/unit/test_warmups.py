"""Warm-ups matched to the session (core.validation.warmups, core.generation.engine.warmups)."""

from __future__ import annotations

from datetime import date

import pytest

from core.exercises.library import find_exercise, load_library
from core.generation.engine import OfflineEngine
from core.generation.engine.warmups import pick_warmup
from core.schemas import BodyArea, Equipment, Experience, Goal
from core.validation.warmups import session_warmup_faults
from tests.factories import make_profile
from tools.quality import generate

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
