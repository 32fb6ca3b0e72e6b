"""The rest and single-joint rep rules (core.validation.rest_periods, isolation_reps) and the
engine writing to them: rests sized to the set's effort, single-joint work at 8 reps or more,
multi-joint main lifts (never a beginner's Nordic curl), a main lift's paired set resting on the
main lift."""

from __future__ import annotations

from datetime import date

import pytest

from core.exercises.library import find_exercise
from core.generation.engine import OfflineEngine
from core.schemas import BodyArea, Exercise, Experience, Goal
from core.validation.isolation_reps import heavy_isolation, isolation_rep_range
from core.validation.rest_periods import load_rm, long_rests, rest_ceiling
from tests.factories import make_profile
from tests.program_rows import MAIN_BLOCK, exercises
from tools.quality import generate
from tools.quality_checks import check_dosing, check_rests

MONDAY = date(2027, 1, 4)
ENGINE = OfflineEngine()


@pytest.mark.parametrize(
    ("name", "reps", "rir", "main", "ceiling"),
    [
        ("Back Squat", 3, 2, True, 300),  # a 5RM load
        ("Back Squat", 5, 2, True, 240),  # 7RM
        ("Back Squat", 8, 3, True, 180),  # 11RM
        ("Back Squat", 12, 3, True, 150),  # 15RM
        ("Barbell Row", 5, 1, False, 240),
        ("Barbell Row", 10, 2, False, 150),
        ("Dumbbell Curl", 6, 0, False, 120),
        ("Leg Extension", 12, 2, False, 90),  # a squat pattern, but single-joint
        ("Plank", None, None, False, 90),
    ],
)
def test_rest_ceiling_follows_the_loads_rm_and_the_kind_of_lift(name, reps, rir, main, ceiling):
    assert rest_ceiling(name, load_rm(reps, rir), main) == ceiling


def test_a_sets_load_is_its_reps_plus_its_reserve():
    assert load_rm(8, 2) == 10
    assert load_rm(5, None, rpe=8) == 7
    assert load_rm(6, None) == 6
    assert load_rm(None, 2) is None


def test_the_library_tells_single_joint_work_from_multi_joint_lifts():
    for name in ("Leg Extension", "Lying Leg Curl", "Pec Deck", "Cable Lateral Raise", "Face Pull"):
        entry = find_exercise(name)
        assert entry is not None and entry.isolation and not entry.multi_joint, name
    for name in ("Back Squat", "Romanian Deadlift", "Machine Chest Press", "Lat Pulldown"):
        entry = find_exercise(name)
        assert entry is not None and entry.multi_joint and not entry.isolation, name
    plank = find_exercise("Plank")
    assert plank is not None and not plank.multi_joint  # a hold is not a lift


def test_single_joint_ranges_start_at_eight_reps():
    assert isolation_rep_range(5, 8) == (8, 12)
    assert isolation_rep_range(10, 15) == (10, 15)
    assert heavy_isolation(Exercise(name="Barbell Curl", sets=3, reps=6, rir=2))
    assert not heavy_isolation(Exercise(name="Barbell Curl", sets=3, reps=8, rir=2))
    assert not heavy_isolation(Exercise(name="Back Squat", sets=3, reps=3, rir=2))


def _program(**profile: object):
    return generate(ENGINE, make_profile(**profile), 12, MONDAY)


def test_a_novice_with_spare_minutes_rests_to_the_sets_effort_not_to_the_clock():
    # three hours a week and a beginner's volume: the spare minutes used to become 5-minute rests
    # between easy sets of 10
    program = _program(experience=Experience.BEGINNER, days_per_week=3, minutes_per_session=60)
    outcome = check_rests(program)
    assert outcome.passed, outcome.examples
    rests = [
        exercise.rest_seconds or 0
        for _start, meso in program.phases
        for workout in meso.workouts()
        for exercise in workout.exercises
        if (load_rm(exercise.reps, exercise.rir) or 0) >= 10
    ]
    assert rests and max(rests) <= 180


def test_an_advanced_peak_block_keeps_its_single_joint_work_at_eight_reps_or_more():
    program = _program(experience=Experience.ADVANCED, days_per_week=4, minutes_per_session=90)
    assert check_dosing(program).passed
    isolation = [
        exercise
        for _start, meso in program.phases
        for workout in meso.workouts()
        for exercise in workout.exercises
        if (entry := find_exercise(exercise.name)) is not None and entry.isolation
    ]
    assert isolation and min(exercise.reps or 0 for exercise in isolation) >= 8


def _main_lift_names(program) -> set[str]:
    return {exercise.name for exercise in exercises(program, "all", MAIN_BLOCK)}


def test_an_injured_elbows_main_lifts_are_multi_joint_never_a_fly():
    program = _program(
        goal=Goal.MUSCLE_GAIN, experience=Experience.ADVANCED, injuries=[BodyArea.ELBOW]
    )
    mains = _main_lift_names(program)
    assert mains
    for name in mains:
        entry = find_exercise(name)
        assert entry is not None and entry.multi_joint, name


def test_a_bodyweight_beginners_main_lifts_are_never_nordic_curls():
    # a Nordic curl is a beginner's accessory to build up to, not the day's main lift; a
    # trained lifter's bodyweight hinge may be one
    def program(level: str):
        client = make_profile(
            goal="weight_loss",
            experience=level,
            days_per_week=3,
            minutes_per_session=45,
            equipment=[],
            one_rep_maxes={},
        )
        return generate(ENGINE, client, 12, MONDAY)

    beginner = program("beginner")
    names = _main_lift_names(beginner)
    assert names and "Nordic Hamstring Curl" not in names
    hinges = {name for name in names if find_exercise(name).pattern == "hinge"}
    assert hinges, names  # the hinge is still trained as a main lift, by another exercise
    nordics = [e for e in exercises(beginner, "all") if e.name == "Nordic Hamstring Curl"]
    assert all(exercise.reps is not None and exercise.reps <= 6 for exercise in nordics)
    assert "Nordic Hamstring Curl" in _main_lift_names(program("advanced"))


def test_a_main_lifts_paired_set_rests_on_the_main_lift():
    # a short week pairs each main lift with an exercise for other muscles
    program = _program(days_per_week=2, minutes_per_session=45)
    paired = [
        (workout, exercise)
        for _start, meso in program.phases
        for workout in meso.workouts()
        for exercise in workout.exercises
        if exercise.notes and "paired set: straight after" in exercise.notes
    ]
    assert paired
    for workout, partner in paired:
        assert partner.rest_seconds == 0
        assert not list(long_rests(workout))
