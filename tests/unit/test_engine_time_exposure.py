"""Long sessions, deloads, repeats in a week and graded exposure: the engine rules behind the
quality report's time, no-repeats and injuries checks."""

from __future__ import annotations

from datetime import date

from core.exercises.library import find_exercise
from core.generation.engine import OfflineEngine
from core.generation.engine.mains import bodyweight_repeat
from core.generation.engine.ramps import LONG_RAMP_UP, RAMP_UP, SHORT_RAMP_UP, ramp_up_sets
from core.generation.engine.rests import stretch_rests
from core.schemas import BodyArea, Equipment, Exercise, Goal, WorkoutBlock
from tests.factories import make_profile
from tests.program_rows import exercises, main_lifts
from tools.quality import generate
from tools.quality_checks import check_graded_exposure, check_no_repeats, check_session_time

MONDAY = date(2027, 1, 4)
ENGINE = OfflineEngine()


def test_long_sessions_ramp_up_in_more_smaller_jumps():
    assert ramp_up_sets(20) == SHORT_RAMP_UP
    assert ramp_up_sets(60) == RAMP_UP
    assert ramp_up_sets(120) == LONG_RAMP_UP
    assert len(LONG_RAMP_UP) > len(RAMP_UP)
    shares = [share for _reps, share in LONG_RAMP_UP]
    assert shares == sorted(shares) and shares[-1] < 1.0


def test_a_compound_accessory_rests_longer_than_an_isolation_one_in_spare_minutes():
    blocks = [
        WorkoutBlock(
            label="Accessories",
            exercises=[
                Exercise(name="Barbell Row", sets=3, reps=8, rest_seconds=120),
                Exercise(name="Dumbbell Curl", sets=3, reps=10, rest_seconds=90),
            ],
        )
    ]
    assert stretch_rests(blocks, 10_000)
    row, curl = blocks[0].exercises
    # core.validation.rest_periods: a row's sets of 8 rest up to 3 minutes, a curl's 2
    assert row.rest_seconds == 180
    assert curl.rest_seconds == 120


def test_a_bodyweight_exercise_never_repeats_its_prescription_in_a_week():
    push_up, nordic = find_exercise("Push-Up"), find_exercise("Nordic Hamstring Curl")
    assert push_up is not None and nordic is not None
    for entry, low, high in ((push_up, 8, 15), (nordic, 3, 6)):
        seen = {bodyweight_repeat(entry, low, high, 3, occurrence) for occurrence in range(3)}
        assert len(seen) == 3, entry.name
        # the floor of the range never falls (bodyweight work never progresses by cutting reps)
        assert all(row[0] == low for row in seen)
    assert bodyweight_repeat(nordic, 3, 6, 4, 1)[2] <= 4  # still a hard set


def _programs(profile, weeks=(12, 16)):
    return [generate(ENGINE, profile, length, MONDAY) for length in weeks]


def test_an_injured_shoulder_is_trained_by_a_step_in_every_phase_even_in_short_weeks():
    # two 45-minute full-body days, a barbell and a bench: the shoulder's only steps are planks
    # and isometric presses, which the week's sets used to leave out in the first phases
    profile = make_profile(
        goal=Goal.MUSCLE_GAIN,
        experience="beginner",
        days_per_week=2,
        minutes_per_session=45,
        equipment=[Equipment.BARBELL, Equipment.BENCH],
        injuries=[BodyArea.SHOULDER],
        one_rep_maxes={"Deadlift": 90.0},
    )
    for program in _programs(profile):
        outcome = check_graded_exposure(program)
        assert outcome.passed, outcome.examples


def test_an_injured_elbow_of_a_runner_with_bands_is_trained():
    profile = make_profile(
        goal=Goal.ENDURANCE,
        experience="advanced",
        days_per_week=7,
        minutes_per_session=45,
        equipment=[Equipment.BANDS],
        injuries=[BodyArea.ELBOW],
    )
    for program in _programs(profile, (12,)):
        outcome = check_graded_exposure(program)
        assert outcome.passed, outcome.examples


def test_the_floors_session_rebalance_never_takes_an_injured_areas_step():
    # one 20-minute day, an injured hip and shoulder: the rebalance that trades sets for the
    # floor took the shoulder's only step (a side plank) in the taper; it keeps its set now
    profile = make_profile(
        goal=Goal.GENERAL_FITNESS,
        experience="intermediate",
        days_per_week=1,
        minutes_per_session=20,
        equipment=[Equipment.ROWER, Equipment.KETTLEBELL],
        injuries=[BodyArea.HIP, BodyArea.SHOULDER],
        one_rep_maxes={},
        event={"date": "2027-02-17", "kind": "marathon"},
    )
    for program in _programs(profile, (12,)):
        outcome = check_graded_exposure(program)
        assert outcome.passed, outcome.examples


def test_a_bodyweight_lifter_training_a_lift_twice_a_week_never_repeats_a_prescription():
    profile = make_profile(
        goal=Goal.GENERAL_FITNESS,
        experience="advanced",
        days_per_week=5,
        minutes_per_session=60,
        equipment=[Equipment.BANDS, Equipment.PULL_UP_BAR],
    )
    for program in _programs(profile, (12,)):
        outcome = check_no_repeats(program)
        assert outcome.passed, outcome.examples


def test_a_lifts_light_and_medium_days_at_the_hard_set_reserve_differ():
    # a kettlebell lifter's squat twice a week in a block that starts at RIR 4: both lighter
    # days are high-rep days, the light one a rep longer than the medium one
    profile = make_profile(
        goal=Goal.GENERAL_FITNESS,
        experience="advanced",
        days_per_week=5,
        minutes_per_session=45,
        equipment=[Equipment.ROWER, Equipment.KETTLEBELL],
        injuries=[BodyArea.WRIST],
        one_rep_maxes={},
    )
    for program in _programs(profile, (12, 16)):
        outcome = check_no_repeats(program)
        assert outcome.passed, outcome.examples


def test_an_advanced_lifters_two_hour_sessions_fill_their_time_with_work():
    profile = make_profile(
        goal=Goal.STRENGTH,
        experience="advanced",
        days_per_week=6,
        minutes_per_session=120,
        equipment=["barbell", "dumbbells", "bench", "cables", "pull_up_bar", "machines"],
        one_rep_maxes={
            "Back Squat": 180.0,
            "Bench Press": 125.0,
            "Deadlift": 220.0,
            "Overhead Press": 80.0,
            "Barbell Row": 110.0,
        },
    )
    for program in _programs(profile):
        outcome = check_session_time(program)
        assert outcome.passed, outcome.examples


def test_the_pain_rule_note_goes_on_the_exercises_that_load_the_injured_area():
    client = make_profile(
        goal="rehab",
        experience="beginner",
        days_per_week=3,
        minutes_per_session=45,
        equipment=["dumbbells", "machines", "bench", "bands"],
        injuries=[BodyArea.KNEE],
        one_rep_maxes={},
    )
    program = generate(ENGINE, client, 12, MONDAY)
    noted, plain = set(), set()
    for _start, meso in program.phases:
        for workout in meso.workouts():
            for block in workout.blocks:
                for exercise in block.exercises:
                    entry = find_exercise(exercise.name)
                    if entry is None or block.label in ("Warm-up", "Cool-down"):
                        continue
                    loads_knee = "knee" in entry.loads or entry.exposure_stage({"knee"})
                    has_note = bool(exercise.notes and "pain-free range" in exercise.notes)
                    assert has_note == bool(loads_knee), (exercise.name, exercise.notes)
                    (noted if has_note else plain).add(exercise.name)
    assert noted and plain  # knee work is noted, a chest press is not


def _timed_accessories(client) -> set[str]:
    program = generate(ENGINE, client, 12, MONDAY)
    return {
        exercise.name
        for exercise in exercises(program, "full", "Accessories")
        if (entry := find_exercise(exercise.name)) is not None
        and entry.timed
        and entry.pattern not in ("core", "carry")
    }


def test_a_trained_lifters_hip_is_no_reason_for_chest_or_biceps_holds():
    # an advanced lifter with a kettlebell and an injured hip: the accessory slots take
    # exercises that move; a hold comes only as the hip's own step
    client = make_profile(
        goal="strength",
        experience="advanced",
        days_per_week=5,
        minutes_per_session=30,
        equipment=["kettlebell", "rower"],
        injuries=[BodyArea.HIP],
        one_rep_maxes={},
    )
    holds = _timed_accessories(client)
    assert all(find_exercise(name).exposure_stage({"hip"}) for name in holds), holds


def test_an_easier_variation_is_no_main_lift_where_a_loadable_step_is_left():
    # a beginner's injured shoulder and elbow with dumbbells and a bench: the press slot took a
    # wall push-up as the main lift (rested like a barbell lift) over the shoulder's dumbbell
    # floor press step; the step is the press now, dosed as rehab work
    profile = make_profile(
        goal="strength",
        experience="beginner",
        days_per_week=6,
        minutes_per_session=75,
        equipment=["dumbbells", "bench"],
        injuries=["shoulder", "elbow"],
    )
    program = generate(ENGINE, profile, 12, MONDAY)
    # the first phase's shoulder step is below the floor press: a wall push-up is its only press
    for _start, meso in program.phases[1:]:
        workouts = list(meso.workouts())
        mains = {name for workout in workouts for name in main_lifts(workout)}
        assert "Wall Push-Up" not in mains, (meso.phase, mains)
        names = {row.name for workout in workouts for row in workout.exercises}
        assert "Dumbbell Floor Press" in names, meso.phase
    assert check_graded_exposure(program).passed, check_graded_exposure(program).examples
