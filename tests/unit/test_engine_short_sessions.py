"""Short sessions' time rules: a superset's second station costs no changeover, band and
bodyweight compounds rest a minute in every phase (and at most 90 s in longer sessions), a
session under 40 minutes has at most two main lifts, no back-off row copies another day, and
an injured area's step goes to the day that trains its movement."""

from __future__ import annotations

from datetime import date

from core.exercises.library import find_exercise
from core.generation.engine import OfflineEngine
from core.generation.engine.dosing import UNLOADED_MAIN_REST, rest_for
from core.generation.engine.phases import phase_style
from core.generation.engine.repeats import distinct_main_lifts
from core.generation.engine.sessions import Ctx
from core.generation.engine.timing import CHANGEOVER_SECONDS, blocks_seconds, is_partner
from core.schemas import Exercise, ProgramType, SessionType, WorkoutBlock, WorkoutInstance
from tests.factories import make_plan, make_profile
from tests.program_rows import exercises, main_lifts
from tools.quality import generate
from tools.quality_checks import check_set_counts

MONDAY = date(2027, 1, 4)
ENGINE = OfflineEngine()


def _superset(note: str | None) -> list[WorkoutBlock]:
    return [
        WorkoutBlock(
            label="Accessories",
            exercises=[
                Exercise(name="Band Row", sets=2, reps=10, rest_seconds=0),
                Exercise(name="Band Overhead Press", sets=2, reps=10, rest_seconds=60, notes=note),
            ],
        )
    ]


def test_a_supersets_second_exercise_has_no_changeover():
    paired = _superset("superset: straight after each Band Row set, then rest")
    alone = _superset(None)
    assert is_partner(paired[0].exercises[1]) and not is_partner(alone[0].exercises[1])
    assert blocks_seconds(alone) - blocks_seconds(paired) == CHANGEOVER_SECONDS


def _main_rests(program, phase: str) -> set[int]:
    return {
        row.rest_seconds or 0
        for _start, meso in program.phases
        if meso.phase == phase
        for micro in meso.microcycles
        for workout in micro.workouts
        for block in workout.blocks
        if block.label == "Main lifts"
        for row in block.exercises
    }


def test_a_band_main_lift_rests_a_minute_in_every_phase_of_short_sessions():
    bands = make_profile(
        goal="general_fitness",
        experience="beginner",
        days_per_week=2,
        minutes_per_session=30,
        equipment=["bands"],
        one_rep_maxes={},
    )
    program = generate(ENGINE, bands, 12, MONDAY)
    phases = [meso.phase for _start, meso in program.phases]
    assert {"Foundation", "Build"} <= set(phases), phases
    for phase in phases:
        rests = _main_rests(program, phase)
        # a minute as written; rests.py lengthens a session's rests only where it has time over
        assert not rests or min(rests) == 60, (phase, rests)
    barbell = make_profile(
        goal="general_fitness",
        experience="beginner",
        days_per_week=2,
        minutes_per_session=30,
        equipment=["barbell", "bench"],
        one_rep_maxes={},
    )
    assert min(_main_rests(generate(ENGINE, barbell, 12, MONDAY), "Foundation")) >= 90


def _workout(rows: list[Exercise], day: int) -> WorkoutInstance:
    return WorkoutInstance(
        date=date(2027, 1, 4 + day),
        session_type=SessionType.LIFT,
        title="Full",
        blocks=[WorkoutBlock(label="Main lifts", exercises=rows)],
    )


def test_a_back_off_row_that_copies_another_days_sets_takes_a_rep_more():
    heavy = [
        Exercise(name="Banded Squat", sets=1, reps=7, rir=1),
        Exercise(name="Banded Squat", sets=4, reps=9, rir=2),
    ]
    light = [Exercise(name="Banded Squat", sets=4, reps=9, rir=2)]
    first, second = distinct_main_lifts([_workout(heavy, 0), _workout(light, 2)])
    assert [row.reps for row in first.blocks[0].exercises] == [7, 10]
    assert second.blocks[0].exercises == light  # the lighter day's sets are as written
    untouched = distinct_main_lifts([_workout(light, 0), _workout(heavy[1:], 2)])
    assert [w.blocks[0].exercises[0].reps for w in untouched] == [9, 9]  # no back-off row


def test_an_injured_hips_step_goes_to_the_lower_day_not_a_token_set_on_an_upper_day():
    profile = make_profile(
        goal="general_fitness",
        experience="intermediate",
        days_per_week=6,
        minutes_per_session=20,
        equipment=["kettlebell"],
        injuries=["hip"],
        one_rep_maxes={},
    )
    outcome = check_set_counts(generate(ENGINE, profile, 12, MONDAY))
    assert outcome.passed, outcome.examples


def _ctx(minutes: int, phase: str) -> Ctx:
    profile = make_profile(minutes_per_session=minutes)
    return Ctx(
        profile=profile,
        program_type=ProgramType.STRENGTH,
        plan=make_plan(phase=phase),
        style=phase_style(phase),
        equipment=frozenset({"bands", "barbell"}),
        injuries=frozenset(),
        variation=0,
        budget_seconds=minutes * 60,
        builds=3,
    )


def test_a_band_main_lift_rests_at_most_90_seconds_where_a_barbell_rests_the_phases_rest():
    band, barbell = find_exercise("Banded Squat"), find_exercise("Back Squat")
    assert band is not None and barbell is not None
    strength = _ctx(75, "Strength")
    assert strength.style.main_rest > UNLOADED_MAIN_REST
    assert rest_for(strength, "main", barbell) == strength.style.main_rest
    assert rest_for(strength, "main", band) == UNLOADED_MAIN_REST
    assert rest_for(strength, "secondary", band) == UNLOADED_MAIN_REST
    assert rest_for(_ctx(40, "Strength"), "main", band) == 60  # a short session: a minute


def test_a_35_minute_session_has_at_most_two_main_lifts_but_every_given_lift_is_one():
    full_gym = ["barbell", "bench", "dumbbells", "machines", "cables", "pull_up_bar"]
    client = make_profile(
        goal="muscle_gain",
        days_per_week=1,
        minutes_per_session=35,
        equipment=full_gym,
        one_rep_maxes={"Overhead Press": 60},
    )
    program = generate(ENGINE, client, 12, MONDAY)
    lifting = [w for _m, micro in program.full_weeks() for w in micro.workouts if main_lifts(w)]
    assert lifting
    for workout in lifting:
        assert len(set(main_lifts(workout))) <= 2, (workout.date, main_lifts(workout))
        assert "Overhead Press" in main_lifts(workout) or workout.title.endswith("(deload)")
    four = client.model_copy(
        update={
            "one_rep_maxes": {
                "Back Squat": 100.0,
                "Bench Press": 80.0,
                "Deadlift": 120.0,
                "Overhead Press": 50.0,
            }
        }
    )
    lifts = {
        name
        for _meso, micro in generate(ENGINE, four, 12, MONDAY).full_weeks()
        for workout in micro.workouts
        for name in main_lifts(workout)
    }
    assert {"Back Squat", "Bench Press", "Deadlift", "Overhead Press"} <= lifts


def test_a_week_too_short_for_the_floor_trains_the_shoulders_with_a_pull_too():
    # four 20-minute days, two of them runs: a rowing accessory whose back work the week has
    # elsewhere becomes a pull that trains the shoulders (a shoulder set that brings its own
    # pull set, where a press's set needs a pulling partner the minutes seldom hold)
    client = make_profile(
        goal="general_fitness",
        days_per_week=4,
        minutes_per_session=20,
        equipment=["barbell", "bench"],
        one_rep_maxes={"Front Squat": 85, "Barbell Row": 85, "Bench Press": 92.5},
    )
    program = generate(ENGINE, client, 12, MONDAY)
    pulls = {
        exercise.name
        for exercise in exercises(program, "build")
        if (entry := find_exercise(exercise.name)) is not None
        and entry.pattern in ("horizontal_pull", "vertical_pull")
        and "shoulders" in entry.primary
    }
    assert pulls, "no pull trains the shoulders"
    # a long week keeps its rows: the rule is for weeks the minutes cannot fill
    long = client.model_copy(update={"minutes_per_session": 75})
    rows = {exercise.name for exercise in exercises(generate(ENGINE, long, 12, MONDAY), "build")}
    assert "T-Bar Row" in rows or "Barbell Row" in rows
