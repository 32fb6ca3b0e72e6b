"""Tests of the validator: a valid mesocycle passes, and each broken rule yields its Problem."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from core.generation.engine import OfflineEngine
from core.schemas import (
    BodyArea,
    ClientProfile,
    Equipment,
    Exercise,
    Goal,
    MesocycleDetailed,
    Microcycle,
    ProgramType,
    SessionType,
    UnitChoice,
    WorkoutBlock,
    WorkoutInstance,
)
from core.units import DistanceUnit, format_distance
from core.validation import (
    Problem,
    epley_reps_to_failure,
    estimate_minutes,
    has_errors,
    validate_mesocycle,
    validate_mesocycle_json,
    weekly_hard_sets,
)
from core.validation.measures import run_km
from tests.factories import make_profile

ENGINE = OfflineEngine()
MONDAY = date(2024, 3, 4)
THURSDAY = date(2024, 3, 7)


def _profile(**changes: object) -> ClientProfile:
    """The factory's client as Ana: 60-minute sessions, a gym with machines, no deadlift 1RM."""
    base: dict[str, object] = {
        "name": "Ana",
        "minutes_per_session": 60,
        "equipment": [
            Equipment.BARBELL,
            Equipment.DUMBBELLS,
            Equipment.BENCH,
            Equipment.CABLES,
            Equipment.PULL_UP_BAR,
            Equipment.MACHINES,
        ],
        "one_rep_maxes": {"Back Squat": 140.0, "Bench Press": 100.0},
    }
    return make_profile(**{**base, **changes})


PROFILE = _profile()


def _meso(start: date = MONDAY, profile: ClientProfile = PROFILE) -> MesocycleDetailed:
    program = ENGINE.outline(profile, 4, start)
    plan = program.macrocycles[0].mesocycles[0]
    return ENGINE.breakdown(plan, profile, program.program_type, start)


def _check(meso, profile=PROFILE, start=MONDAY, program_type=ProgramType.STRENGTH):
    return validate_mesocycle(meso, profile, program_type, start)


def _only(problems: list[Problem], text: str) -> list[Problem]:
    return [problem for problem in problems if text in problem.message]


def _week(meso: MesocycleDetailed, number: int):
    return next(micro for micro in meso.microcycles if micro.week_number == number)


def _find(meso: MesocycleDetailed, name: str):
    for micro in meso.microcycles:
        for workout in micro.workouts:
            for exercise in workout.exercises:
                if exercise.name == name:
                    return micro, workout, exercise
    raise AssertionError(name)


# --- valid input ----------------------------------------------------------------------------------


@pytest.mark.parametrize("start", [MONDAY, THURSDAY, date(2024, 3, 10)])
def test_engine_output_has_no_errors(start):
    problems = _check(_meso(start), start=start)
    assert not has_errors(problems), problems


def test_start_date_defaults_to_the_mesocycles_own():
    meso = _meso(THURSDAY)
    assert validate_mesocycle(meso, PROFILE, ProgramType.STRENGTH) == _check(meso, start=THURSDAY)


def test_without_any_start_date_the_dates_are_not_checked_but_said_so():
    meso = _meso()
    meso.start_date = meso.end_date = None
    problems = validate_mesocycle(meso, PROFILE, ProgramType.STRENGTH)
    [problem] = _only(problems, "no start date")
    assert problem.severity == "warning" and problem.path == "mesocycle › dates"


def test_has_errors():
    assert not has_errors([])
    assert not has_errors([Problem("warning", "x", "y")])
    assert has_errors([Problem("warning", "x", "y"), Problem("error", "x", "y")])


def test_visible_rest_days_are_accepted():
    meso = _meso()
    week = _week(meso, 1)
    week.workouts.append(
        WorkoutInstance(
            date=MONDAY + timedelta(days=2), session_type=SessionType.REST, title="Rest"
        )
    )
    assert not _only(_check(meso), "Wed")
    assert not has_errors(_check(meso))


# --- structure ------------------------------------------------------------------------------------


def test_wrong_week_count():
    meso = _meso()
    meso.microcycles = meso.microcycles[:-1]
    [problem] = _only(_check(meso), "needs weeks")
    assert problem.severity == "error"
    assert problem.path == "mesocycle › weeks"
    assert "needs weeks 1, 2, 3, 4, but has weeks 1, 2, 3" in problem.message
    assert "starts on a Monday" in problem.message


def test_missing_transition_week_on_a_thursday_start():
    meso = _meso(THURSDAY)
    meso.microcycles = meso.microcycles[1:]
    [problem] = _only(_check(meso, start=THURSDAY), "needs weeks")
    assert problem.severity == "error"
    assert "starts on a Thursday, so it opens with transition week 0" in problem.message
    assert "needs weeks 0, 1, 2, 3, 4" in problem.message


def test_transition_week_on_a_monday_start():
    meso = _meso(THURSDAY)
    problems = _check(meso, start=THURSDAY + timedelta(days=4))
    [problem] = _only(problems, "needs weeks")
    assert "no transition week 0" in problem.message


def test_microcycle_dates_must_follow_the_date_rule():
    meso = _meso()
    week = _week(meso, 2)
    week.start_date += timedelta(days=1)
    week.end_date += timedelta(days=1)
    [problem] = _only(_check(meso), "should run from")
    assert problem.severity == "error"
    assert problem.path == "week 2 › dates"
    assert "Week 2 should run from Mon 2024-03-11 to Sun 2024-03-17" in problem.message


def test_mesocycle_end_date_must_be_the_last_sunday():
    meso = _meso()
    meso.end_date = date(2024, 4, 1)
    [problem] = _only(_check(meso), "should end on Sunday")
    assert problem.severity == "error"
    assert "2024-03-31" in problem.message


def test_workout_outside_its_week():
    meso = _meso()
    workout = _week(meso, 1).workouts[0]
    workout.date = workout.date + timedelta(days=7)
    [problem] = _only(_check(meso), "outside week 1")
    assert problem.severity == "error"
    assert problem.path == "week 1 › Mon"
    assert "2024-03-04 to 2024-03-10" in problem.message


def test_missing_workout_breaks_the_split():
    meso = _meso()
    _week(meso, 2).workouts.pop()
    [problem] = _only(_check(meso), "training sessions")
    assert problem.severity == "error"
    assert problem.path == "week 2 › sessions"
    assert "Week 2 has 3 training sessions" in problem.message
    assert "4 training days" in problem.message


def test_transition_week_may_not_exceed_the_split_days_it_covers():
    meso = _meso(THURSDAY)
    transition = _week(meso, 0)
    extra = transition.workouts[0].model_copy(update={"date": date(2024, 3, 9)})  # a Saturday
    transition.workouts.append(extra)
    problems = _check(meso, start=THURSDAY)
    [problem] = _only(problems, "transition week has")
    assert problem.severity == "error"
    assert "3 sessions, but the split trains only 2 of its days" in problem.message
    [rest_day] = _only(problems, "a rest day in the split")
    assert rest_day.severity == "warning" and rest_day.path == "week 0 › Sat"


def test_two_sessions_on_one_day_is_a_warning():
    meso = _meso()
    week = _week(meso, 1)
    week.workouts[1].date = week.workouts[0].date
    [problem] = _only(_check(meso), "sessions are planned on")
    assert problem.severity == "warning"
    assert problem.path == "week 1 › Mon"
    assert "2 sessions are planned on Mon 2024-03-04" in problem.message


def test_duplicate_ids():
    meso = _meso()
    shared = uuid.uuid4()
    _week(meso, 1).workouts[0].id = shared
    _week(meso, 2).workouts[0].id = shared
    [problem] = _only(_check(meso), "already used")
    assert problem.severity == "error"
    assert problem.path == "week 2 › Mon"
    assert str(shared) in problem.message and "week 1 › Mon" in problem.message


def test_split_must_list_seven_days():
    meso = _meso()
    meso.weekly_targets[0].split = "Upper-Lower"
    problems = _check(meso)
    [problem] = _only(problems, "lists 2 days")
    assert problem.severity == "warning" and problem.path == "week 1 › split"


def test_strength_block_needs_intensity_and_main_lift_sets():
    meso = _meso()
    meso.weekly_targets[1].avg_intensity_pct_1rm = None
    [problem] = _only(_check(meso), "average intensity")
    assert problem.severity == "error"
    assert problem.path == f"{meso.phase} › weekly targets"
    assert "week 2" in problem.message


def test_empty_session_is_a_warning():
    meso = _meso()
    _week(meso, 1).workouts[0].blocks = []
    [problem] = _only(_check(meso), "has no exercises")
    assert problem.severity == "warning"


# --- the client's profile -------------------------------------------------------------------------


def test_missing_equipment():
    meso = _meso()
    no_barbell = _profile(equipment=[Equipment.DUMBBELLS, Equipment.BENCH])
    problems = _only(_check(meso, profile=no_barbell), "Bench Press needs")
    assert problems
    problem = problems[0]
    assert problem.severity == "error"
    assert problem.path == "week 1 › Mon › Bench Press"
    assert problem.message == "Bench Press needs barbell, which Ana does not have."


def test_injured_area():
    meso = _meso()
    knee = _profile(injuries=[BodyArea.KNEE])
    problems = _only(_check(meso, profile=knee), "Back Squat loads")
    assert problems and all(problem.severity == "error" for problem in problems)
    assert problems[0].path == "week 1 › Tue › Back Squat"
    assert "Back Squat loads the knee" in problems[0].message
    assert "which Ana has injured" in problems[0].message


@pytest.mark.parametrize(
    ("area", "step", "heavy"),
    [
        (BodyArea.KNEE, "Spanish Squat", "Hack Squat"),
        (BodyArea.KNEE, "Wall Sit", "Back Squat"),
        (BodyArea.SHOULDER, "Isometric Wall Press", "Overhead Press"),
        (BodyArea.ELBOW, "Hammer Curl", "Barbell Curl"),
    ],
)
def test_graded_exposure_steps_are_allowed_heavy_loads_are_not(
    area: BodyArea, step: str, heavy: str
):
    # the same slot holds a graded-exposure step for the injured area, then a heavy load of it
    injured = _profile(injuries=[area])
    meso = _meso()
    _micro, _workout, squat = _find(meso, "Back Squat")
    squat.name, squat.load_kg, squat.pct_one_rm = step, None, None
    assert _only(_check(meso, profile=injured), f"{step} loads") == []
    if heavy != "Back Squat":
        squat.name = heavy
    [problem] = _only(_check(meso, profile=injured), f"{heavy} loads")[:1]
    assert problem.severity == "error"
    assert f"{heavy} loads the {area.value}, which Ana has injured" in problem.message
    assert "graded-exposure step" in problem.message


def test_too_many_days():
    meso = _meso()
    three = _profile(days_per_week=3)
    problems = _check(meso, profile=three)
    weeks = _only(problems, "trains on 4 days")
    assert weeks and all(problem.severity == "error" for problem in weeks)
    assert "Week 1 trains on 4 days, but Ana is available 3 days a week." in [
        problem.message for problem in weeks
    ]
    assert _only(problems, "trains 4 days")[0].path == "week 1 › split"


def test_session_slightly_too_long_is_a_warning_far_too_long_an_error():
    meso = _meso()
    week = _week(meso, 1)
    week.workouts[0].planned_minutes = 64
    week.workouts[1].planned_minutes = 90
    problems = _only(_check(meso), "longer than the client's 60 min")
    assert [(p.severity, p.path) for p in problems] == [
        ("warning", "week 1 › Mon"),
        ("error", "week 1 › Tue"),
    ]
    assert "is planned at 64 min" in problems[0].message


def test_sets_that_cannot_fit_the_planned_minutes():
    meso = _meso()
    workout = _week(meso, 1).workouts[0]
    workout.blocks[-1].exercises[0].sets = 20
    workout.blocks[-1].exercises[0].rest_seconds = 300
    problems = _only(_check(meso), "add up to about")
    assert problems and problems[0].severity == "warning"
    assert estimate_minutes(workout) > 100


def test_unknown_exercise_is_a_warning_once():
    meso = _meso()
    for micro in meso.microcycles:
        micro.workouts[0].blocks[-1].exercises[0].name = "Zercher Moonwalk"
    problems = _only(_check(meso), "not in the exercise library")
    assert len(problems) == 1
    assert problems[0].severity == "warning"
    assert problems[0].path == "week 1 › Mon › Zercher Moonwalk"
    assert not has_errors(_check(meso))


# --- coaching rules -------------------------------------------------------------------------------


def _add(workout: WorkoutInstance, exercise: Exercise) -> None:
    workout.blocks.append(WorkoutBlock(label="Extra", exercises=[exercise]))


def test_hard_sets_above_the_band_warn_and_far_above_is_an_error():
    meso = _meso()
    week = _week(meso, 1)
    base = weekly_hard_sets(week.workouts)["biceps"]
    _add(week.workouts[0], Exercise(name="Dumbbell Curl", sets=int(17 - base) + 1, reps=10))
    [warning] = _only(_check(meso), "gives biceps")
    assert warning.severity == "warning"
    assert warning.path == "week 1 › biceps"
    assert "above the intermediate band of 10–16" in warning.message
    _add(week.workouts[2], Exercise(name="Hammer Curl", sets=10, reps=10))
    [error] = _only(_check(meso), "gives biceps")
    assert error.severity == "error"
    assert "far above the intermediate band" in error.message


def test_a_big_mover_warns_only_past_the_22_the_floor_pass_may_reach():
    meso = _meso()
    week = _week(meso, 1)
    base = weekly_hard_sets(week.workouts)["chest"]
    _add(week.workouts[0], Exercise(name="Dumbbell Bench Press", sets=int(20 - base), reps=10))
    assert not _only(_check(meso), "gives chest")  # above the band's 16, within 22
    _add(week.workouts[2], Exercise(name="Dumbbell Bench Press", sets=4, reps=12))
    [warning] = _only(_check(meso), "gives chest")
    assert warning.severity == "warning"
    assert (
        "above the intermediate band of 10–16 and the 22 any lifter is held to" in warning.message
    )


def test_hard_sets_below_the_floor_warn_except_in_a_deload():
    meso = _meso()
    for micro in meso.microcycles:
        for workout in micro.workouts:
            workout.blocks = [block for block in workout.blocks if block.label == "Main lifts"]
    problems = _only(_check(meso), "hard sets a week for")
    assert {problem.path for problem in problems} == {
        "week 1 › hard sets",
        "week 2 › hard sets",
        "week 3 › hard sets",
    }
    assert all(problem.severity == "warning" for problem in problems)
    # the report's rule: the six big movers against the intermediate floor of 8 (not arms/calves)
    assert "below the intermediate floor of 8" in problems[0].message
    assert "calves" not in problems[0].message


def test_the_floor_scales_down_to_what_the_weeks_lifting_minutes_hold():
    profile = _profile(days_per_week=1, minutes_per_session=30)
    meso = _meso(profile=profile)
    for micro in meso.microcycles:
        for workout in micro.workouts:
            mains = [block for block in workout.blocks if block.label == "Main lifts"]
            for block in mains:  # no warm-up, no ramp-up sets: all 30 minutes are for sets
                block.exercises = [
                    row.model_copy(update={"notes": None}) for row in block.exercises
                ]
            workout.blocks = mains
    problems = _only(_check(meso, profile), "hard sets a week for")
    assert problems
    # one 30-minute session holds about 3 sets for each big mover, not the level's 8
    assert "below the 3 that 30 minutes of working sets can hold" in problems[0].message


def test_a_runner_is_held_to_half_the_floor_on_the_legs_only():
    profile = _profile(goal=Goal.ENDURANCE)
    meso = _meso()
    for micro in meso.microcycles:
        for workout in micro.workouts:
            workout.blocks = workout.blocks[:1]
    problems = _only(_check(meso, profile, program_type=ProgramType.ENDURANCE), "a week for")
    assert problems and "floor of 4 " in problems[0].message
    assert "chest" not in problems[0].message and "quads" in problems[0].message


def test_rehab_has_no_floor():
    profile = _profile(goal=Goal.REHAB)
    meso = _meso()
    for micro in meso.microcycles:
        for workout in micro.workouts:
            workout.blocks = workout.blocks[:1]
    problems = validate_mesocycle(meso, profile, ProgramType.REHAB, MONDAY)
    assert not _only(problems, "hard sets a week for")


def test_hard_sets_weigh_prime_movers_one_and_synergists_half():
    workout = WorkoutInstance(
        date=MONDAY,
        session_type=SessionType.LIFT,
        title="Test",
        blocks=[WorkoutBlock(label="A", exercises=[Exercise(name="Bench Press", sets=4, reps=5)])],
    )
    totals = weekly_hard_sets([workout])
    assert totals["chest"] == 4 and totals["triceps"] == 2 and totals["shoulders"] == 2
    assert totals["quads"] == 0


def _make_deload_heavy(meso: MesocycleDetailed) -> None:
    build = _week(meso, 3)
    deload = _week(meso, 4)
    for source, target in zip(build.workouts, deload.workouts, strict=True):
        target.blocks = [block.model_copy(deep=True) for block in source.blocks]


def test_deload_heavier_than_the_build_weeks():
    meso = _meso()
    _make_deload_heavy(meso)
    problems = _only(_check(meso), "is a deload but")
    assert {problem.severity for problem in problems} == {"error"}
    assert {problem.path for problem in problems} == {"week 4 › deload"}
    volume = _only(problems, "hard sets, not fewer than the build weeks' average")
    intensity = _only(problems, "not less intense")
    assert volume and intensity
    assert "% 1RM" in intensity[0].message


def test_a_deload_left_with_its_lifting_days_is_measured_against_lifting_days():
    # away dates took the deload's easy mobility day: its lifting days at RPE 5 are lighter than
    # the build weeks' at 6, though the build weeks' mean with their RPE 2 mobility day is 4.7
    lift = Exercise(name="Goblet Squat", sets=2, reps=10, rir=3)
    mobility = Exercise(name="Cat-Cow", sets=1, duration_minutes=10)

    def day(micro: Microcycle, offset: int, kind: SessionType, rpe: float) -> WorkoutInstance:
        assert micro.start_date is not None
        return WorkoutInstance(
            date=micro.start_date + timedelta(days=offset),
            session_type=kind,
            title=kind.value,
            target_rpe=rpe,
            blocks=[WorkoutBlock(label="A", exercises=[lift if rpe > 2 else mobility])],
        )

    def with_days(deload_rpe: float) -> MesocycleDetailed:
        meso = _meso()
        for micro in meso.microcycles:
            if micro.week_number == 4:
                micro.workouts = [day(micro, i, SessionType.LIFT, deload_rpe) for i in (0, 2)]
            elif micro.week_number:
                micro.workouts = [day(micro, i, SessionType.LIFT, 6) for i in (0, 2)]
                micro.workouts.append(day(micro, 4, SessionType.MOBILITY, 2))
        return meso

    assert not _only(_check(with_days(5)), "not less intense")
    [problem] = _only(_check(with_days(6)), "not less intense")
    assert "session RPE 6 vs 6" in problem.message


def test_deload_flag_mismatch_is_a_warning():
    meso = _meso()
    _week(meso, 4).deload = False
    [problem] = _only(_check(meso), "marked as one")
    assert problem.severity == "warning"
    assert problem.message == ("Week 4 is a deload in the plan, but the week is not marked as one.")


def test_percent_above_a_true_maximum():
    meso = _meso()
    _micro, _workout, squat = _find(meso, "Back Squat")
    squat.pct_one_rm = 105
    squat.load_kg = None
    [problem] = _only(_check(meso), "above a true maximum")
    assert problem.severity == "error"
    assert problem.path == "week 1 › Tue › Back Squat"


def test_more_reps_than_epley_allows():
    meso = _meso()
    _micro, _workout, squat = _find(meso, "Back Squat")
    squat.reps = 12
    squat.rir = 2
    [problem] = _only(_check(meso), "Epley allows")
    assert problem.severity == "warning"
    assert f"about {epley_reps_to_failure(squat.pct_one_rm):.0f} reps" in problem.message


def test_load_above_the_one_rep_max():
    meso = _meso()
    _micro, _workout, squat = _find(meso, "Back Squat")
    squat.load_kg = 150
    [problem] = _only(_check(meso), "above Ana's 140 kg 1RM")
    assert problem.severity == "error"


def test_load_that_does_not_match_the_percent():
    meso = _meso()
    _micro, _workout, squat = _find(meso, "Back Squat")
    squat.load_kg = 60
    [problem] = _only(_check(meso), "does not match")
    assert problem.severity == "warning"


def test_a_load_infeasible_at_its_reps_in_reserve_warns_without_a_percent():
    meso = _meso()
    _micro, _workout, squat = _find(meso, "Back Squat")
    squat.pct_one_rm, squat.load_kg, squat.reps, squat.reps_max, squat.rir = None, 133, 10, None, 3
    [problem] = _only(_check(meso), "Epley allows")
    assert problem.severity == "warning"
    assert problem.message.startswith(
        "133 kg is 95 % of Ana's 140 kg 1RM: Epley allows about 2 reps"
    )
    assert "13 (reps plus reps in reserve)" in problem.message
    squat.load_kg = 90  # 64 %: about 17 reps to failure, 13 asked
    assert not _only(_check(meso), "Epley allows")


def _press(meso: MesocycleDetailed, kg: float, name: str = "Barbell Floor Press") -> None:
    _add(_week(meso, 1).workouts[0], Exercise(name=name, sets=3, reps=5, load_kg=kg))


def test_a_variation_is_checked_against_its_parent_lifts_one_rep_max():
    meso = _meso()
    _press(meso, 95, "Close-Grip Bench Press")
    [problem] = _only(_check(meso), "above the")
    assert problem.severity == "error"
    assert problem.message == "95 kg is above the 90 kg est. 1RM (Bench Press 100 kg × 0.9)."


@pytest.mark.parametrize(("bodyweight", "ceiling"), [(None, 270), (80.0, 180)])
def test_a_load_beyond_any_lifter_warns_when_no_one_rep_max_is_known(bodyweight, ceiling):
    profile = _profile(one_rep_maxes={"Back Squat": 140.0}, bodyweight_kg=bodyweight)
    meso = _meso(profile=profile)
    _press(meso, 500)
    [problem] = _only(_check(meso, profile), "elite lifters")
    assert problem.severity == "warning"
    assert f"about {ceiling} kg at " in problem.message
    assert "record a 1RM" in problem.message
    meso = _meso(profile=profile)
    _press(meso, ceiling - 10)
    assert not _only(_check(meso, profile), "elite lifters")


def test_rpe_and_rir_must_agree():
    meso = _meso()
    _micro, _workout, squat = _find(meso, "Back Squat")
    squat.rpe = 9.5
    squat.rir = 4
    [problem] = _only(_check(meso), "disagree")
    assert problem.severity == "warning"


def test_heavy_main_lifts_on_consecutive_days():
    meso = _meso()
    week = _week(meso, 1)
    bench = next(e for e in week.workouts[0].exercises if e.name == "Bench Press")
    _add(week.workouts[1], bench.model_copy())
    [problem] = _only(_check(meso), "consecutive days")
    assert problem.severity == "warning"
    assert problem.path == "week 1 › Tue"
    assert "chest" in problem.message


def _endurance() -> tuple[ClientProfile, MesocycleDetailed]:
    profile = _profile(goal=Goal.ENDURANCE, days_per_week=6, minutes_per_session=120)
    return profile, _meso(MONDAY, profile)


def test_mileage_jump_of_more_than_ten_percent():
    profile, meso = _endurance()
    for workout in _week(meso, 2).workouts:
        for exercise in workout.exercises:
            if exercise.distance_km:
                exercise.distance_km = round(exercise.distance_km * 1.5, 1)
    problems = validate_mesocycle(meso, profile, ProgramType.ENDURANCE, MONDAY)
    [ramp] = _only(problems, "keep increases to 10 % a week")
    assert ramp.severity == "warning"
    assert ramp.path == "week 2 › mileage"
    [target] = _only(problems, "but its target is")
    assert target.path == "week 2 › mileage"
    assert not has_errors(problems)


def test_mileage_target_ramp_of_more_than_ten_percent():
    profile, meso = _endurance()
    meso.weekly_targets[1].total_mileage = meso.weekly_targets[0].total_mileage * 1.3
    problems = validate_mesocycle(meso, profile, ProgramType.ENDURANCE, MONDAY)
    [problem] = _only(problems, "more than 10 % in a week")
    assert problem.severity == "warning" and problem.path == "week 2 › targets"


def test_mileage_messages_read_in_the_clients_miles():
    profile, meso = _endurance()
    profile = profile.model_copy(update={"units": UnitChoice(distance=DistanceUnit.MI)})
    for workout in _week(meso, 2).workouts:
        for exercise in workout.exercises:
            if exercise.distance_km:
                exercise.distance_km = round(exercise.distance_km * 1.5, 1)
    meso.weekly_targets[1].total_mileage = meso.weekly_targets[0].total_mileage * 1.3
    problems = validate_mesocycle(meso, profile, ProgramType.ENDURANCE, MONDAY)
    mileage = [p for p in problems if "mileage" in p.path or "mileage target" in p.message]
    assert len(mileage) >= 3
    week_km = run_km(_week(meso, 2).workouts)
    [ramp] = _only(problems, "keep increases to 10 % a week")
    assert f"runs {format_distance(week_km, DistanceUnit.MI)}, up" in ramp.message
    assert ramp.message.count(" mi") == 2
    for problem in mileage:
        assert " mi" in problem.message and " km" not in problem.message, problem.message


def test_endurance_engine_output_is_clean():
    profile, meso = _endurance()
    problems = validate_mesocycle(meso, profile, ProgramType.ENDURANCE, MONDAY)
    assert not has_errors(problems), problems


# --- JSON -----------------------------------------------------------------------------------------


def test_json_round_trip_validates():
    meso = _meso(THURSDAY)
    data = meso.model_dump(mode="json")
    parsed, problems = validate_mesocycle_json(data, PROFILE, ProgramType.STRENGTH, THURSDAY)
    assert parsed == meso
    assert not has_errors(problems)


def test_json_schema_failures_become_problems():
    data = _meso().model_dump(mode="json")
    data["microcycles"][1]["workouts"][0]["sessionType"] = "yoga"
    data["surprise"] = 1
    parsed, problems = validate_mesocycle_json(data, PROFILE, ProgramType.STRENGTH, MONDAY)
    assert parsed is None
    assert problems and all(problem.severity == "error" for problem in problems)
    paths = {problem.path for problem in problems}
    assert "microcycles › 1 › workouts › 0 › sessionType" in paths
    assert "surprise" in paths
    assert all(problem.message for problem in problems)


def test_a_token_single_set_in_a_build_week_is_a_warning_not_in_a_deload():
    meso = _meso()
    assert not _only(_check(meso), "at least 2"), "the engine writes no single accessory set"
    build = next(micro for micro in meso.microcycles if micro.week_number > 0 and not micro.deload)
    workout = next(w for w in build.workouts if any(b.label == "Accessories" for b in w.blocks))
    block = next(b for b in workout.blocks if b.label == "Accessories")
    block.exercises[0] = block.exercises[0].model_copy(update={"sets": 1})
    [warning] = _only(_check(meso), "at least 2")
    assert warning.severity == "warning"
    assert warning.message == f"{block.exercises[0].name}: 1 set (at least 2)."
    assert warning.path.startswith(f"week {build.week_number} › ")
    deload = next(micro for micro in meso.microcycles if micro.deload)
    for workout in deload.workouts:
        for block in workout.blocks:
            if block.label == "Accessories":
                block.exercises[0] = block.exercises[0].model_copy(update={"sets": 1})
    assert len(_only(_check(meso), "at least 2")) == 1, "a deload may cut an accessory to one set"
