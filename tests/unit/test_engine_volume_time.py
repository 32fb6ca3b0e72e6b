"""The engine's volume and session-time rules: the shared hard-set floor, sets spread over the
week, rests that use spare minutes, overrun trims and honest supersets."""

from __future__ import annotations

from datetime import date

import pytest

from core.exercises.library import UPPER_BODY_PATTERNS, find_exercise
from core.generation.engine import OfflineEngine
from core.generation.engine.breakdown import _lone_ceilings
from core.generation.engine.floor_fill import reach_floor
from core.generation.engine.pairing import pair_main_lifts, pairs_accessories, short_week
from core.generation.engine.rests import (
    MAX_REST_FACTOR,
    fit_minutes,
    stretch_rests,
)
from core.generation.engine.sessions import Item, Session, Skeleton
from core.generation.engine.timing import session_seconds
from core.schemas import (
    Exercise,
    Goal,
    SessionType,
    WorkoutBlock,
    WorkoutInstance,
)
from core.validation.volume_floor import (
    LEVEL_FLOOR,
    SET_CEILING,
    floor_muscles,
    hard_set_floor,
    lifting_minutes,
    time_floor,
)
from core.validation.week_insights import hard_sets, push_pull_sets
from tests.factories import make_profile
from tools.quality import generate
from tools.quality_checks import check_session_time, check_volume

MONDAY = date(2027, 1, 4)
ENGINE = OfflineEngine()


def _blocks(main_rest: int, other_rest: int, sets: int = 3) -> list[WorkoutBlock]:
    return [
        WorkoutBlock(
            label="Main lifts",
            exercises=[Exercise(name="Back Squat", sets=sets, reps=5, rest_seconds=main_rest)],
        ),
        WorkoutBlock(
            label="Accessories",
            exercises=[
                Exercise(name="Dumbbell Curl", sets=sets, reps=10, rest_seconds=0),
                Exercise(name="Dumbbell Row", sets=sets, reps=10, rest_seconds=other_rest),
            ],
        ),
    ]


def _seconds(blocks: list[WorkoutBlock]) -> float:
    workout = WorkoutInstance(date=MONDAY, session_type=SessionType.LIFT, title="t", blocks=blocks)
    return session_seconds(workout)


# --- the floor ------------------------------------------------------------------------------------


def test_the_floor_is_the_levels_unless_the_weeks_lifting_minutes_hold_less():
    beginner = make_profile(experience="beginner")
    assert hard_set_floor(beginner, 3 * 60) == LEVEL_FLOOR[beginner.experience] == 6
    # one 30-minute session a week holds about 3 sets for each big mover, not 6
    assert time_floor(30) == 3.0
    assert hard_set_floor(beginner, 30) == 3.0
    assert hard_set_floor(make_profile(experience="advanced"), 90) == 9.0


def _session(warmup_minutes: float, ramp: str | None) -> WorkoutInstance:
    blocks = [
        WorkoutBlock(
            label="Warm-up", exercises=[Exercise(name="Cat-Cow", sets=1, duration_minutes=2.5)]
        )
    ] * round(warmup_minutes / 2.5)
    squat = Exercise(name="Back Squat", sets=3, reps=5, rest_seconds=120, notes=ramp)
    blocks.append(WorkoutBlock(label="Main lifts", exercises=[squat]))
    return WorkoutInstance(date=MONDAY, session_type=SessionType.LIFT, title="Full", blocks=blocks)


def test_the_floors_minutes_leave_out_the_warm_up_and_ramp_up_sets_up_to_a_quarter():
    profile = make_profile(minutes_per_session=60)
    assert lifting_minutes(profile, [_session(0, None)]) == 60
    # 5 minutes of warm-up and 3 ramp-up sets (5, 3, 1 reps: 36 s of work, 3 × 80 s of rest and
    # set-up) are no time for hard sets
    ramp = "ramp-up: 5 × 60 kg, 3 × 80 kg, 1 × 100 kg"
    assert lifting_minutes(profile, [_session(5, ramp)]) == pytest.approx(60 - 5 - 4.6)
    # a 20-minute warm-up takes off a quarter of the session, no more
    assert lifting_minutes(profile, [_session(20, ramp)]) == 45
    run = WorkoutInstance(date=MONDAY, session_type=SessionType.RUN, title="Run", blocks=[])
    assert lifting_minutes(profile, [run]) == 0


def test_a_runner_is_held_to_half_the_floor_on_the_legs_and_rehab_to_none():
    runner = make_profile(goal=Goal.ENDURANCE)
    assert hard_set_floor(runner, 4 * 60) == 4.0
    assert floor_muscles(runner) == ("quads", "hamstrings", "glutes")
    assert floor_muscles(make_profile(goal=Goal.REHAB)) == ()


# --- rests and minutes ----------------------------------------------------------------------------


def test_rests_lengthen_into_spare_minutes_up_to_their_ceilings():
    blocks = _blocks(main_rest=150, other_rest=75)
    before = _seconds(blocks)
    assert stretch_rests(blocks, before + 600)
    main, (lead, row) = blocks[0].exercises[0], blocks[1].exercises
    # sets of 5 of a main lift rest up to 5 minutes, sets of 10 of a row up to 2.5
    assert 150 < (main.rest_seconds or 0) <= 300
    assert 75 < (row.rest_seconds or 0) <= min(150, 75 * MAX_REST_FACTOR)
    assert lead.rest_seconds == 0  # a superset's first exercise keeps no rest
    assert _seconds(blocks) > before


def test_band_and_bodyweight_rests_stretch_to_two_minutes_at_most():
    # a session with time to spare rests longer, but three minutes after wall push-ups is time
    # a coach gives to more work: a barbell squat stretches past two minutes, they do not
    blocks = [
        WorkoutBlock(
            label="Main lifts",
            exercises=[
                Exercise(name="Wall Push-Up", sets=3, reps=8, reps_max=15, rir=3, rest_seconds=90),
                Exercise(name="Back Squat", sets=3, reps=8, rir=3, load_kg=80, rest_seconds=90),
            ],
        )
    ]
    assert stretch_rests(blocks, 10_000)
    push_up, squat = blocks[0].exercises
    assert push_up.rest_seconds == 120
    assert (squat.rest_seconds or 0) > 120


def test_rests_stay_when_the_session_is_already_long_enough():
    blocks = _blocks(main_rest=150, other_rest=75)
    assert not stretch_rests(blocks, _seconds(blocks) - 1)
    assert blocks[0].exercises[0].rest_seconds == 150


def test_an_overrunning_session_gives_up_accessory_sets_not_main_sets():
    blocks = _blocks(main_rest=180, other_rest=90, sets=5)
    limit = _seconds(blocks) - 200
    fit_minutes(blocks, limit)
    assert _seconds(blocks) <= limit
    assert blocks[0].exercises[0].sets == 5
    assert sum(exercise.sets for exercise in blocks[1].exercises) < 10


def test_an_overrunning_session_keeps_two_sets_a_row_and_drops_its_last_accessory_instead():
    blocks = _blocks(main_rest=180, other_rest=90, sets=2)
    limit = _seconds(blocks) - 60
    fit_minutes(blocks, limit)
    assert _seconds(blocks) <= limit
    # no row cut to a token single set: the last accessory (the row) went, the rest kept two
    assert [e.name for e in blocks[1].exercises] == ["Dumbbell Curl"]
    assert [e.sets for block in blocks for e in block.exercises] == [2, 2]


def test_an_overrunning_session_keeps_the_sets_a_weekly_floor_needs():
    # a set over: the row with most sets would give it, unless the week's floor needs that
    # row's sets (breakdown.floor_needs); then another accessory gives it
    blocks = _blocks(main_rest=180, other_rest=90, sets=3)
    blocks[1].exercises[1] = blocks[1].exercises[1].model_copy(update={"sets": 4})
    limit = _seconds(blocks) - 60
    fit_minutes(blocks, limit, floor_needs=frozenset({"Dumbbell Row"}))
    assert _seconds(blocks) <= limit
    assert [e.sets for e in blocks[1].exercises] == [2, 4]
    unguarded = _blocks(main_rest=180, other_rest=90, sets=3)
    unguarded[1].exercises[1] = unguarded[1].exercises[1].model_copy(update={"sets": 4})
    fit_minutes(unguarded, limit)
    assert [e.sets for e in unguarded[1].exercises] == [3, 3]


# --- generated programs ---------------------------------------------------------------------------


def _program(**changes: object):
    return generate(ENGINE, make_profile(**changes), 12, MONDAY)


def test_an_advanced_lifter_with_long_sessions_uses_most_of_them():
    program = _program(experience="advanced", days_per_week=5, minutes_per_session=90)
    outcome = check_session_time(program)
    assert outcome.passed, outcome.examples


def test_sessions_of_the_same_kind_share_the_weeks_sets():
    program = _program(experience="advanced", days_per_week=6, minutes_per_session=120)
    for _meso, micro in program.build_weeks():
        lifts = [w for w in micro.workouts if w.session_type == SessionType.LIFT]
        counts: dict[str, list[int]] = {}
        for workout in lifts:
            sets = sum(
                exercise.sets
                for block in workout.blocks
                if "circuit" not in block.label.lower()  # a finisher's rounds are not sets
                for exercise in block.exercises
                if exercise.rest_seconds
            )
            counts.setdefault(workout.title, []).append(sets)
        for title, values in counts.items():
            if len(values) > 1:
                # the second Push day is not left bare by the first
                assert min(values) >= 0.5 * max(values), (title, values)


def test_the_big_movers_reach_the_floor_in_a_reachable_week():
    program = _program(experience="intermediate", days_per_week=3, minutes_per_session=60)
    outcome = check_volume(program)
    assert outcome.passed, outcome.examples
    for _meso, micro in program.build_weeks():
        assert hard_sets(micro.workouts)["chest"] >= 8


def test_a_superset_note_names_an_exercise_the_session_has():
    program = _program(days_per_week=4, minutes_per_session=45)
    checked = 0
    for _meso, micro in program.full_weeks():
        for workout in micro.workouts:
            names = {exercise.name for exercise in workout.exercises}
            for exercise in workout.exercises:
                note = exercise.notes or ""
                if note.startswith("superset: straight on to "):
                    partner = note.removeprefix("superset: straight on to ").split(",")[0]
                    assert partner in names, (workout.title, exercise.name, partner)
                    assert exercise.rest_seconds == 0
                    checked += 1
                elif note.startswith("superset: ") and not note.startswith(
                    "superset: straight after"
                ):
                    # "superset: a set of Nordic Hamstring Curl straight after 2 of its 3 sets"
                    partner = note.removeprefix("superset: a set of ").split(" straight after ")[0]
                    assert partner in names, (workout.title, exercise.name, partner)
                    assert exercise.rest_seconds, "the lead rests after a set its partner lacks"
                    checked += 1
    assert checked


def test_a_light_day_main_lift_dosed_by_effort_stays_a_hard_set():
    # a block that starts 4 reps from failure: the light day of a lift that is a main lift
    # twice a week used to add one more (RIR 5), so its sets stopped counting as hard sets
    from pathlib import Path

    from tools.quality import load_profiles

    profiles = dict(load_profiles(Path("tools/profiles")))
    program = generate(OfflineEngine(), profiles["strength-inter-3d-60-shoulder"], 12, MONDAY)
    light = [
        exercise
        for meso, micro in program.build_weeks()
        for workout in micro.workouts
        for block in workout.blocks
        if block.label == "Main lifts"
        for exercise in block.exercises
        if exercise.load_kg is None and "light day" in (exercise.rationale or "")
    ]
    assert light, "the profile has effort-dosed light days"
    assert max(exercise.rir or 0 for exercise in light) == 4


def test_a_light_day_too_far_from_failure_does_not_fill_the_floor():
    # a beginner's twice-a-week squat has a light day at RIR 5 early in a block: the quads'
    # floor is filled with other work instead of counting those sets
    program = _program(
        experience="beginner",
        days_per_week=3,
        minutes_per_session=60,
        equipment=["barbell", "dumbbells", "bench", "pull_up_bar", "cables", "machines"],
    )
    outcome = check_volume(program)
    assert outcome.passed, outcome.examples


def test_the_floor_pass_keeps_the_pulls_balanced():
    from tools.quality_checks import check_balance

    program = _program(goal="weight_loss", experience="advanced", days_per_week=4)
    for check in (check_volume, check_balance):
        outcome = check(program)
        assert outcome.passed, (check.__name__, outcome.examples)


def test_the_warm_up_grows_with_the_session():
    from core.generation.engine.warmups import warmup_drills

    assert [warmup_drills(m) for m in (20, 30, 45, 75, 100, 120)] == [0, 1, 2, 3, 4, 6]


def test_a_long_sessions_deload_keeps_at_least_half_the_minutes():
    from pathlib import Path

    from tools.quality import load_profiles

    profiles = dict(load_profiles(Path("tools/profiles")))
    program = generate(ENGINE, profiles["muscle-adv-4d-120-wrist"], 16, MONDAY)
    for _meso, micro in program.full_weeks():
        if not micro.deload:
            continue
        for workout in micro.workouts:
            if workout.session_type == SessionType.LIFT:
                assert session_seconds(workout) / 60 >= 0.5 * 120, workout.title


def test_a_short_week_pairs_each_main_lift_with_upper_body_work():
    # two 45-minute sessions cannot hold an intermediate's floor at straight sets
    program = _program(
        days_per_week=2, minutes_per_session=45, equipment=["barbell", "bench", "pull_up_bar"]
    )
    paired = 0
    for _meso, micro in program.build_weeks():
        for workout in micro.workouts:
            rows = {exercise.name: exercise for exercise in workout.exercises}
            for exercise in workout.exercises:
                note = exercise.notes or ""
                if "paired set: a set of " not in note:
                    continue
                partner = rows[note.split("paired set: a set of ")[1].split(" straight after")[0]]
                entry = find_exercise(partner.name)
                assert entry is not None and entry.pattern in UPPER_BODY_PATTERNS
                # the pair's rest is written on the main lift (at least the 2 minutes a short
                # session's main lift rests); the partner goes straight back to the main lift
                assert exercise.rest_seconds and exercise.rest_seconds >= 120
                assert partner.rest_seconds == 0
                paired += 1
    assert paired


def _items(*rows: tuple[str, str]) -> list[Item]:
    items = []
    for name, role in rows:
        entry = find_exercise(name)
        assert entry is not None, name
        contributions = tuple((m, 1.0) for m in entry.primary) + tuple(
            (m, 0.5) for m in entry.secondary
        )
        items.append(Item(entry, role, 0, contributions, tuple(entry.primary)))
    return items


def test_a_squats_paired_set_is_the_sessions_only_work_for_a_big_mover():
    # a 30-minute band day: the push-up takes the row; the squat's partner was the next pull (a
    # second back exercise), which left the band press's shoulder sets at their full price
    items = _items(
        ("Banded Squat", "main"),
        ("Push-Up", "main"),
        ("Band Row", "secondary"),
        ("Band Straight-Arm Pulldown", "accessory"),
        ("Band Overhead Press", "accessory"),
    )
    session = Session(0, "Full", "lift", "full", items=list(range(len(items))))
    pair_main_lifts([session], items)
    assert items[1].partner == "Band Row"
    assert items[0].partner == "Band Overhead Press"
    assert items[4].between_main and not items[3].between_main


def test_a_long_week_keeps_straight_main_lifts():
    program = _program(days_per_week=4, minutes_per_session=75)
    for _meso, micro in program.full_weeks():
        for workout in micro.workouts:
            assert not any("paired set" in (e.notes or "") for e in workout.exercises)


def test_short_week_rule_follows_the_floor_pace():
    intermediate = make_profile(days_per_week=2, minutes_per_session=45)
    assert short_week(intermediate, 2)  # 90 minutes at straight sets hold 6 of the 8 sets
    assert not short_week(make_profile(days_per_week=4, minutes_per_session=60), 4)
    # three 50-minute days hold an advanced lifter's 10 sets only once their warm-ups are
    # left out of the count: the week is short, its main lifts go in paired sets
    advanced = make_profile(experience="advanced", days_per_week=3, minutes_per_session=50)
    assert short_week(advanced, 3)
    assert not short_week(make_profile(experience="advanced", minutes_per_session=60), 4)
    assert pairs_accessories(make_profile(minutes_per_session=90), 1)
    assert not pairs_accessories(make_profile(minutes_per_session=90), 4)


def test_a_carry_gives_way_to_a_leg_curl_when_no_hinge_slot_trains_the_hamstrings():
    # an injured hip leaves the hinge slots to hip thrusts and bridges (glutes only): with no
    # hinge accessory to turn into a leg curl, a core carry the week has other core work for
    # becomes one, so the hamstrings get direct work
    program = _program(
        goal="general_fitness",
        experience="advanced",
        days_per_week=5,
        minutes_per_session=45,
        equipment=["barbell", "bench", "dumbbells", "machines", "cables", "pull_up_bar"],
        injuries=["hip"],
        one_rep_maxes={"Deadlift": 150, "Bench Press": 107.5},
        event={"date": "2027-04-21", "kind": "5k"},
    )
    for meso, micro in program.build_weeks():
        if program.is_event_week(micro):
            continue
        direct = [
            exercise.sets
            for workout in micro.workouts
            for exercise in workout.exercises
            if (entry := find_exercise(exercise.name)) and "hamstrings" in entry.primary
        ]
        assert sum(direct) >= 2, (meso.phase, micro.week_number)
    assert check_volume(program).passed, check_volume(program).examples


def test_every_floor_muscle_gets_direct_work_with_a_lower_back_injury():
    program = _program(
        experience="advanced",
        minutes_per_session=90,
        injuries=["lower_back"],
        equipment=["barbell", "dumbbells", "bench", "pull_up_bar", "cables", "machines"],
    )
    for _meso, micro in program.build_weeks():
        primary = {
            muscle
            for workout in micro.workouts
            for exercise in workout.exercises
            if (entry := find_exercise(exercise.name)) is not None and entry.counts_as_hard_sets
            for muscle in entry.primary
        }
        assert "hamstrings" in primary
    assert check_volume(program).passed, check_volume(program).examples


def test_an_advanced_split_keeps_pull_with_push_under_the_ceiling():
    program = _program(experience="advanced", days_per_week=5, minutes_per_session=90)
    for _meso, micro in program.build_weeks():
        totals = hard_sets(micro.workouts)
        assert totals["back"] <= SET_CEILING
        push, pull = push_pull_sets(micro.workouts)
        assert pull >= push * 0.8 - 1e-9


def _item(name: str, role: str = "accessory") -> Item:
    entry = find_exercise(name)
    assert entry is not None
    contributions = tuple((m, 1.0) for m in entry.primary) + tuple(
        (m, 0.5) for m in entry.secondary
    )
    return Item(entry, role, 0, contributions, tuple(entry.primary))


def test_a_full_session_trades_a_squat_set_for_the_hip_thrusts_the_hamstrings_lack():
    items = [_item("Back Squat", "main"), _item("Barbell Hip Thrust")]
    skeleton = Skeleton([Session(0, "Full", "lift", "", items=[0, 1])], items, 0)
    sets, seconds = [3, 0], [150.0, 45.0]
    budgets = [3 * 150.0 + 60]  # three squat sets fill the session
    reach_floor(skeleton, sets, seconds, budgets, 10, [6, 5], 2.0, ("quads", "hamstrings"))
    # one squat set for another alone leaves the hamstrings at 1.5; a squat set's minutes for
    # two hip thrust sets brings them to 2 and keeps the quads at 2
    assert sets == [2, 2]


def test_the_rebalance_keeps_pull_with_push():
    items = [_item("Chest-Supported Dumbbell Row"), _item("Dumbbell Bench Press")]
    skeleton = Skeleton([Session(0, "Full", "lift", "", items=[0, 1])], items, 0)
    sets, seconds = [3, 0], [180.0, 60.0]
    reach_floor(skeleton, sets, seconds, [3 * 180.0 + 60], 10, [5, 5], 2.0, ("back", "chest"))
    # two presses for one row would leave pull 2 under push 2 / 1.25: the rows stay
    assert sets[0] >= 0.8 * sets[1]


def test_the_weeks_only_exercise_for_a_floor_muscle_may_take_five_sets_in_the_floor_pass():
    def ceilings(*names: str) -> list[int]:
        items = [_item(name) for name in names]
        skeleton = Skeleton([Session(0, "Full", "lift", "", items=[0, 1])], items, 0)
        return _lone_ceilings(skeleton, [4] * len(items), ("hamstrings", "chest"))

    # the leg curl is the week's only hamstring exercise; the two presses share the chest
    assert ceilings("Lying Leg Curl", "Dumbbell Bench Press", "Bench Press") == [5, 4, 4]
    # an eccentric-heavy Nordic curl keeps its ceiling (sets of 3–6 reps, not five sets)
    assert ceilings("Nordic Hamstring Curl", "Dumbbell Bench Press") == [4, 5]


def test_a_short_split_week_trains_every_big_mover_on_every_lifting_day():
    # four 20-minute upper / lower days: two upper days cannot hold the chest's, back's and
    # shoulders' floor, so the lower days press and pull too, and the week reaches the floor
    program = _program(
        goal="general_fitness",
        days_per_week=6,
        minutes_per_session=20,
        equipment=["kettlebell"],
        injuries=["hip"],
        oneRepMaxes={},
    )
    pressed_on_lower_days = 0
    for _meso, micro in program.measured_weeks():
        totals = hard_sets(micro.workouts)
        for muscle in ("chest", "back", "shoulders"):
            assert totals.get(muscle, 0.0) >= 8, (micro.week_number, muscle)
        for workout in micro.workouts:
            if "lower" not in workout.title.lower():  # "Lower" or "Full Body (lower focus)"
                continue
            patterns = {
                entry.pattern
                for exercise in workout.exercises
                if (entry := find_exercise(exercise.name)) is not None
            }
            pressed_on_lower_days += bool(patterns & {"horizontal_push", "vertical_push"})
    assert pressed_on_lower_days


def test_a_big_mover_whose_exercises_cannot_hold_the_floor_gets_another():
    # a hip leaves an advanced lifter with no equipment two quad exercises (the hip's
    # sit-to-stand step at its four sets, another sit-to-stand at five): nine sets at most, so
    # the week gets a third exercise for the quads (a wall sit: nothing else that moves is left)
    program = _program(
        goal="strength",
        experience="advanced",
        days_per_week=4,
        minutes_per_session=50,
        equipment=["treadmill"],
        injuries=["hip"],
    )
    for meso, micro in program.build_weeks():
        assert hard_sets(micro.workouts)["quads"] >= 10, (meso.phase, micro.week_number)
    assert check_volume(program).passed, check_volume(program).examples


def test_the_floors_last_rearrangement_does_not_count_a_single_set_the_week_then_drops():
    # a general-fitness intermediate's last build week: the rearrangement closed the
    # hamstrings' gap with a single box-squat set (half a hamstring set), which the set-shape
    # pass then dropped as a token set, leaving 7.5 of 8; it now weighs the week without it
    program = generate(
        ENGINE,
        make_profile(
            goal="general_fitness",
            days_per_week=4,
            minutes_per_session=50,
            equipment=["barbell", "bench"],
            one_rep_maxes={"Bench Press": 77.5, "Back Squat": 85.0},
            bodyweight_kg=69.0,
            timezone="UTC",
            event={"date": "2027-03-19", "kind": "test_day"},
        ),
        12,
        date(2027, 1, 5),
    )
    for meso, micro in program.build_weeks():
        if not program.is_event_week(micro):
            assert hard_sets(micro.workouts)["hamstrings"] >= 8, (meso.phase, micro.week_number)
    assert check_volume(program).passed, check_volume(program).examples


def test_the_capacity_rule_adds_exercises_until_the_floor_fits():
    # a hip's box-squat step alone held four quad sets in a dumbbell week: one more exercise
    # (a wall sit, five) still left nine of ten; a second (the hip's lower step, sit-to-stand)
    # now comes too
    program = _program(
        goal="general_fitness",
        experience="advanced",
        days_per_week=3,
        minutes_per_session=105,
        equipment=["dumbbells", "bench"],
        injuries=["hip"],
        one_rep_maxes={},
    )
    for meso, micro in program.build_weeks():
        assert hard_sets(micro.workouts)["quads"] >= 10, (meso.phase, micro.week_number)
    assert check_volume(program).passed, check_volume(program).examples


def test_a_short_week_rests_as_a_short_session_does():
    # one 50-minute day a week holds 4.5 of a beginner's 6 sets; at the hypertrophy block's
    # 150 s main-lift rests and 75 s accessory rests it held 4 chest, quad and hamstring sets
    profile = make_profile(
        goal="muscle_gain",
        experience="beginner",
        days_per_week=1,
        minutes_per_session=50,
        equipment=["dumbbells", "kettlebell", "bands"],
        oneRepMaxes={},
    )
    program = generate(ENGINE, profile, 16, MONDAY)
    assert check_volume(program).passed, check_volume(program).examples
    assert check_session_time(program).passed, check_session_time(program).examples
    first = program.phases[0][1]
    assert first.phase == "Hypertrophy"
    mains = [
        exercise
        for micro in first.microcycles
        if micro.week_number == 1
        for workout in micro.workouts
        for block in workout.blocks
        if block.label == "Main lifts"
        for exercise in block.exercises
    ]
    assert mains and all(exercise.rest_seconds <= 120 for exercise in mains)


def test_the_last_rearrangement_may_take_a_full_big_mover_past_the_bands_top():
    # six 75-minute days with dumbbells and a bench: every hinge also trains the glutes, which
    # squats and bridges had at a beginner's band top of 10, so the hamstrings stayed at 5 of 6
    profile = make_profile(
        experience="beginner",
        days_per_week=6,
        minutes_per_session=75,
        equipment=["dumbbells", "bench"],
        injuries=["shoulder", "elbow"],
        oneRepMaxes={},
    )
    program = generate(ENGINE, profile, 12, MONDAY)
    assert check_volume(program).passed, check_volume(program).examples
    for _meso, micro in program.build_weeks():
        assert max(hard_sets(micro.workouts).values()) <= SET_CEILING
