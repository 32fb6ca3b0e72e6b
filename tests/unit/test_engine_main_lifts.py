"""Main lifts on short days and light lifts: a once-a-week day presses and pulls every week, a
session under an hour ramps up to three main lifts in turns, a novice's later blocks read their
reps against the max each phase assumes, and a barbell lift the empty bar is too heavy for is
trained with dumbbells."""

from __future__ import annotations

from datetime import date

from core.exercises.library import find_exercise
from core.generation.engine import OfflineEngine
from core.generation.engine.linear import linear_plan
from core.plates import LoadStep
from core.schemas import Goal
from core.training_max import block_maxes
from core.units import LoadUnit
from core.validation.week_insights import push_pull_sets
from tests.factories import make_profile
from tests.program_rows import MAIN_BLOCK, main_lifts
from tools.quality import generate
from tools.quality_checks import check_balance, check_one_rm_use

MONDAY = date(2027, 1, 4)
ENGINE = OfflineEngine()


ONCE_A_WEEK_NOVICE = {
    "goal": "muscle_gain",
    "experience": "beginner",
    "days_per_week": 1,
    "minutes_per_session": 30,
    "equipment": ["barbell", "bench", "dumbbells", "machines", "cables", "pull_up_bar"],
    "one_rep_maxes": {
        "Barbell Row": 37.5,
        "Back Squat": 65,
        "Overhead Press": 32.5,
        "Deadlift": 75,
    },
    "bodyweight_kg": 65,
}


def test_a_once_a_week_day_presses_and_pulls_every_week_whichever_lower_lift_it_has():
    # 30 minutes once a week, four 1RMs: a week whose turn is the deadlift used to keep it
    # alone, because the budget had been cut by the ramp-up sets of all four main lifts; the
    # lifts left out give that time back, so a press and a pull come every week
    program = generate(ENGINE, make_profile(**ONCE_A_WEEK_NOVICE), 16, MONDAY)
    for meso, micro in program.build_weeks():
        push, pull = push_pull_sets(micro.workouts)
        assert push > 0 and pull > 0, (meso.phase, micro.week_number, push, pull)


def test_a_novices_later_blocks_read_their_reps_against_the_max_they_assume():
    # a 37.5 kg row: each block's top is a plate over the last's, so read against the tested
    # 1RM alone the fourth block's rows were two singles at RIR 4; read against the training
    # max each phase assumes they stay sets of a novice's reps
    program = generate(ENGINE, make_profile(**ONCE_A_WEEK_NOVICE), 16, MONDAY)
    rows = [
        row
        for _meso, micro in program.build_weeks()
        for workout in micro.workouts
        for block in workout.blocks
        if block.label == MAIN_BLOCK
        for row in block.exercises
        if row.load_kg is not None
    ]
    assert rows
    assert min(row.reps or 0 for row in rows) >= 5, sorted({(r.name, r.reps) for r in rows})


def test_a_novices_block_maxes_rise_a_step_a_phase_to_its_own():
    # the phases before read the planned progression's max, this one its own training max
    row = find_exercise("Barbell Row")
    maxes = block_maxes(37.5, row, 3, 47.5)
    assert maxes == (37.5, 40.0, 42.5, 47.5)
    barbell = LoadStep(2.5, LoadUnit.KG, "barbell")
    grown = linear_plan(maxes, Goal.MUSCLE_GAIN, barbell, 2.5, 3)
    flat = linear_plan((37.5,) * 4, Goal.MUSCLE_GAIN, barbell, 2.5, 3)
    assert flat.reps == 1  # the fourth block's top, a plate a block, read against 37.5 kg
    assert grown.reps >= 6 and grown.top >= flat.top


def test_an_overhead_press_the_empty_bar_is_too_heavy_for_is_pressed_with_dumbbells():
    # a 22.5 kg overhead press: its working sets (about 70 %) are under the 20 kg bar, which
    # was written as 12.5 kg barbell presses after a "5 × 20 kg" ramp-up; the week presses
    # overhead with dumbbells instead, and no barbell load is lighter than the bar
    client = make_profile(
        goal="strength",
        experience="beginner",
        days_per_week=5,
        minutes_per_session=105,
        equipment=["barbell", "bench", "dumbbells", "machines", "cables", "pull_up_bar"],
        one_rep_maxes={
            "Deadlift": 75,
            "Front Squat": 45,
            "Bench Press": 40,
            "Overhead Press": 22.5,
        },
        bodyweight_kg=52,
    )
    program = generate(ENGINE, client, 12, MONDAY)
    mains: set[str] = set()
    for _meso, micro in program.full_weeks():
        for workout in micro.workouts:
            mains |= set(main_lifts(workout))
            for exercise in workout.exercises:
                entry = find_exercise(exercise.name)
                if exercise.load_kg is not None and entry and "barbell" in entry.equipment:
                    assert exercise.load_kg >= 20.0, (exercise.name, exercise.load_kg)
    assert "Overhead Press" not in mains
    patterns = {entry.pattern for name in mains if (entry := find_exercise(name)) is not None}
    assert "vertical_push" in patterns
    outcome = check_one_rm_use(program)
    assert outcome.passed, outcome.examples


def test_a_session_under_an_hour_ramps_up_to_three_main_lifts_at_most_in_turns():
    # once a week for 40 minutes with four given lifts: the day had a squat, deadlift, bench,
    # row and press, two sets each after ramp-ups, and one pull against two presses; it keeps
    # three a week, the lifts taking turns so each comes in every phase
    client = make_profile(
        goal="weight_loss",
        experience="intermediate",
        days_per_week=1,
        minutes_per_session=40,
        equipment=["barbell", "bench", "pull_up_bar"],
        one_rep_maxes={
            "Barbell Row": 97.5,
            "Overhead Press": 70,
            "Deadlift": 207.5,
            "Bench Press": 115,
        },
    )
    program = generate(ENGINE, client, 12, MONDAY)
    for _meso, micro in program.build_weeks():
        for workout in micro.workouts:
            assert len(main_lifts(workout)) <= 3, main_lifts(workout)
    for check in (check_one_rm_use, check_balance):
        outcome = check(program)
        assert outcome.passed, outcome.examples
