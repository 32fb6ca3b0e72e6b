"""Plan to a date: the profile's event, age and sex; the outline planned back from the event;
the event week; the quality report's event check."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from core.errors import InvalidPlan
from core.events import event_week_number, plan_to_event, program_weeks, taper_share
from core.generation.engine import OfflineEngine
from core.generation.llm.prompt_values import outline_values
from core.schemas import ClientProfile, EventKind, SessionType, describe_validation_error
from tests.factories import make_profile
from tools.quality import generate
from tools.quality_checks import check_event, check_linear_progression, check_one_rm_use

MONDAY = date(2027, 1, 4)
TODAY = date(2026, 12, 1)


def runner(**overrides: object) -> ClientProfile:
    values: dict[str, object] = {
        "goal": "endurance",
        "daysPerWeek": 5,
        "minutesPerSession": 75,
        "equipment": ["treadmill", "dumbbells"],
        "oneRepMaxes": {},
        "event": {"date": "2027-04-25", "kind": "half_marathon", "label": "Spring Half"},
    }
    values.update(overrides)
    return make_profile(**values)


def lifter(**overrides: object) -> ClientProfile:
    values: dict[str, object] = {
        "daysPerWeek": 4,
        "minutesPerSession": 90,
        "experience": "advanced",
        "event": {"date": "2027-03-27", "kind": "meet"},
    }
    values.update(overrides)
    return make_profile(**values)


# --- the profile ------------------------------------------------------------------------------


def test_event_age_and_sex_round_trip_through_json() -> None:
    profile = runner(age=45, sex="female")
    again = ClientProfile.model_validate_json(profile.model_dump_json())
    assert again.event is not None and again.event.kind is EventKind.HALF_MARATHON
    assert again.event.date == date(2027, 4, 25) and again.event.label == "Spring Half"
    assert (again.age, again.sex) == (45, profile.sex)
    assert make_profile().event is None and make_profile().age is None


@pytest.mark.parametrize("age", [12, 101])
def test_age_outside_13_to_100_is_refused(age: int) -> None:
    with pytest.raises(ValidationError) as error:
        make_profile(age=age)
    assert describe_validation_error(error.value)[0].startswith("age: must be")


def _with_event(day: date) -> dict[str, object]:
    return make_profile().model_dump() | {"event": {"date": day.isoformat(), "kind": "meet"}}


def test_an_event_on_or_before_today_is_refused_in_words_where_today_is_given() -> None:
    with pytest.raises(ValidationError) as error:
        ClientProfile.model_validate(_with_event(TODAY), context={"today": TODAY})
    [line] = describe_validation_error(error.value)
    assert line == (
        "event: the event date (Tue 01 Dec 2026) must be after today; pick the next event or "
        "clear it"
    )
    # a stored profile whose event has passed still loads (no "today" given)
    assert ClientProfile.model_validate(_with_event(TODAY)).event is not None


def test_an_event_more_than_two_years_away_is_refused() -> None:
    far, near = TODAY + timedelta(days=731), TODAY + timedelta(days=730)
    with pytest.raises(ValidationError, match="more than two years away"):
        ClientProfile.model_validate(_with_event(far), context={"today": TODAY})
    assert ClientProfile.model_validate(_with_event(near), context={"today": TODAY}).event


# --- planning back from the event -------------------------------------------------------------


def test_the_event_week_is_counted_from_the_first_monday() -> None:
    assert event_week_number(MONDAY, date(2027, 1, 10)) == 1  # Sunday of week 1
    assert event_week_number(MONDAY, date(2027, 4, 25)) == 16
    assert event_week_number(date(2027, 1, 6), date(2027, 1, 9)) == 0  # transition days


def test_a_race_ends_with_a_taper_and_the_phases_fill_the_weeks_back_to_the_start() -> None:
    profile = runner()
    program = OfflineEngine().outline(profile, 12, MONDAY)  # the 12 is overruled by the event
    [macro] = program.macrocycles
    assert macro.length_weeks == 16 == program_weeks(profile, MONDAY, 12)
    phases = [(plan.phase, plan.weeks) for plan in macro.mesocycles]
    assert phases[-1] == ("Taper", 2)
    assert sum(weeks for _phase, weeks in phases) == 16
    lead, taper = macro.mesocycles[-2], macro.mesocycles[-1]
    assert not lead.weekly_targets[-1].deload  # no deload right before the taper
    peak_km = lead.weekly_targets[-1].total_mileage
    km = [target.total_mileage for target in taper.weekly_targets]
    assert peak_km and km == [
        pytest.approx(peak_km * 0.6, abs=0.1),
        pytest.approx(peak_km * 0.4, abs=0.1),
    ]
    assert not any(target.deload for target in taper.weekly_targets)  # quality runs stay
    assert (
        "Planned back from the Spring Half (half marathon) on Sun 25 Apr 2027" in program.overview
    )


def test_a_meet_ends_with_a_peak_week_and_no_program_goes_without_its_end() -> None:
    program = OfflineEngine().outline(lifter(), 12, MONDAY)
    plans = program.macrocycles[0].mesocycles
    assert [plan.phase for plan in plans][-2:] == ["Peak", "Meet week"]
    assert plans[-1].weeks == 1 and plans[-1].weekly_targets[0].deload
    without = OfflineEngine().outline(make_profile(), 12, MONDAY)
    assert all(plan.weekly_targets[-1].deload for plan in without.macrocycles[0].mesocycles)


def test_an_event_too_close_is_refused_with_a_sentence() -> None:
    profile = runner(event={"date": "2027-01-31", "kind": "half_marathon"})  # week 4
    with pytest.raises(InvalidPlan) as error:
        plan_to_event(profile, MONDAY)
    assert str(error.value) == (
        "The half marathon on Sun 31 Jan 2027 falls in week 4 of a program starting Mon 04 Jan "
        "2027 (week 1 from Mon 04 Jan); planning to it needs at least 5 weeks: 3 build weeks and "
        "a 2-week taper. Start earlier, or clear the event in the profile to plan without it."
    )


def test_an_event_too_far_or_before_the_start_is_refused_with_a_sentence() -> None:
    far = lifter(event={"date": "2028-03-25", "kind": "meet"})
    with pytest.raises(
        InvalidPlan,
        match=r"is 64 weeks away; a program covers at most 52\. "
        r"Start the program on Mon 29 Mar 2027 or later",
    ):
        OfflineEngine().outline(far, 12, MONDAY)
    with pytest.raises(InvalidPlan, match="is before the program's start"):
        plan_to_event(lifter(), date(2027, 4, 1))


def test_the_taper_cuts_40_then_60_percent() -> None:
    assert [taper_share(week, 3) for week in range(3)] == [0.6, 0.5, 0.4]
    assert taper_share(0, 1) == 0.5


def test_older_clients_deload_at_least_every_4th_week() -> None:
    young = OfflineEngine().outline(make_profile(age=40), 12, MONDAY)
    older = OfflineEngine().outline(make_profile(age=62), 12, MONDAY)
    assert max(plan.weeks for plan in older.macrocycles[0].mesocycles) <= 4
    assert "At 62 a deload comes at least every 4th week" in older.overview
    assert "deload comes" not in young.overview


def test_the_llm_prompt_gets_age_sex_and_the_event_as_facts() -> None:
    text = str(outline_values(runner(age=64, sex="female"), 16, MONDAY)["profile"])
    assert "- Age: 64 (60 or over: a deload at least every 4th week)" in text
    assert "- Sex: female" in text
    assert "- Event: the Spring Half (half marathon) on Sun 25 Apr 2027" in text
    assert "2-week taper" in text


# --- the event week ---------------------------------------------------------------------------


def _last_week(profile: ClientProfile, start: date = MONDAY):
    generated = generate(OfflineEngine(), profile, 12, start)
    return generated, generated.phases[-1][1].microcycles[-1]


def test_the_meet_week_has_openers_early_and_nothing_heavy_in_the_last_3_days() -> None:
    generated, week = _last_week(lifter())
    event = date(2027, 3, 27)
    assert all(workout.date < event for workout in week.workouts)
    openers = [
        (workout.date, exercise)
        for workout in week.workouts
        for exercise in workout.exercises
        if exercise.reps == 1 and exercise.load_kg
    ]
    assert {exercise.name for _day, exercise in openers} == {
        "Back Squat",
        "Bench Press",
        "Deadlift",
    }
    for day, exercise in openers:
        assert (event - day).days > 3
        assert exercise.sets == 2 and 87.5 <= (exercise.pct_one_rm or 0) <= 92.5
        assert "ramp-up:" in (exercise.notes or "")
    quiet = [w for w in week.workouts if (event - w.date).days <= 3]
    assert quiet and all(w.session_type == SessionType.MOBILITY for w in quiet)
    assert "Last session before the meet on Sat 27 Mar 2027." in (week.workouts[-1].notes or "")
    assert check_event(generated).passed


def test_the_race_week_is_tapered_and_nothing_follows_the_race() -> None:
    generated, week = _last_week(runner(event={"date": "2027-04-24", "kind": "half_marathon"}))
    assert all(workout.date < date(2027, 4, 24) for workout in week.workouts)
    assert not any(
        (exercise.rpe or 0) >= 7
        for workout in week.workouts
        if workout.date >= date(2027, 4, 22)
        for exercise in workout.exercises
    )
    outcome = check_event(generated)
    assert outcome.passed, outcome.examples


def _opened(workouts) -> set[str]:
    """The lifts with openers (loaded singles) in ``workouts``."""
    return {
        exercise.name
        for workout in workouts
        for exercise in workout.exercises
        if exercise.reps == 1 and exercise.load_kg
    }


def test_a_test_day_opens_every_given_lift_even_one_whose_turn_the_week_skips() -> None:
    # three 30-minute days hold two main lifts each: four 1RMs take turns by week, and the
    # test week's turn left the row out; it gets its openers in the last session before
    profile = make_profile(
        goal="muscle_gain",
        experience="advanced",
        days_per_week=3,
        minutes_per_session=30,
        equipment=["barbell", "bench", "dumbbells", "machines", "cables", "pull_up_bar"],
        one_rep_maxes={
            "Front Squat": 90,
            "Bench Press": 87.5,
            "Barbell Row": 75,
            "Deadlift": 132.5,
        },
        event={"date": "2027-04-18", "kind": "test_day"},
    )
    generated, week = _last_week(profile)
    assert _opened(week.workouts) == {"Front Squat", "Bench Press", "Barbell Row", "Deadlift"}
    outcome = check_one_rm_use(generated)
    assert outcome.passed, outcome.examples


def test_a_monday_test_days_openers_come_in_the_week_before_its_quiet_days() -> None:
    # the test day's own week has no day before it, its quiet days are Friday to Sunday: the
    # week before opens every lift early and ends easy
    profile = make_profile(
        experience="beginner",
        days_per_week=7,
        minutes_per_session=105,
        equipment=["barbell", "bench", "pull_up_bar"],
        one_rep_maxes={"Deadlift": 125, "Bench Press": 80, "Back Squat": 97.5},
        event={"date": "2027-02-22", "kind": "test_day"},
    )
    generated = generate(OfflineEngine(), profile, 12, MONDAY)
    before = [
        workout
        for _meso, micro in generated.full_weeks()
        for workout in micro.workouts
        if date(2027, 2, 15) <= workout.date < date(2027, 2, 22)
    ]
    early = [workout for workout in before if workout.date < date(2027, 2, 19)]
    assert _opened(early) == {"Deadlift", "Bench Press", "Back Squat"}
    quiet = [w for w in before if w.date >= date(2027, 2, 19)]
    assert quiet and all(w.session_type == SessionType.MOBILITY for w in quiet)
    assert "Last session before" in (before[-1].notes or "")
    outcome = check_event(generated)
    assert outcome.passed, outcome.examples
    # the novice's linear weeks end before the openers: their singles are no stalled block
    outcome = check_linear_progression(generated)
    assert outcome.passed, outcome.examples


def test_a_rehab_blocks_lifts_dosed_by_effort_are_opened_for_a_test_day() -> None:
    # a rehab block doses its squats by effort; the client gave both squats' 1RMs and tests them
    # on a Tuesday: the week before opens them (the press and the row load the injured elbow)
    profile = make_profile(
        goal="rehab",
        days_per_week=6,
        minutes_per_session=30,
        injuries=["elbow"],
        equipment=["barbell", "bench", "dumbbells", "machines", "cables", "pull_up_bar"],
        one_rep_maxes={
            "Front Squat": 67.5,
            "Back Squat": 67.5,
            "Overhead Press": 37.5,
            "Barbell Row": 45,
        },
        event={"date": "2027-03-02", "kind": "test_day"},
    )
    generated = generate(OfflineEngine(), profile, 12, MONDAY)
    workouts = [w for _meso, micro in generated.full_weeks() for w in micro.workouts]
    before = [w for w in workouts if date(2027, 2, 22) <= w.date < date(2027, 3, 2)]
    assert _opened(before) == {"Front Squat", "Back Squat"}
    outcome = check_event(generated)
    assert outcome.passed, outcome.examples


def test_a_thursday_test_days_openers_come_in_the_week_before_its_monday_to_wednesday() -> None:
    # three quiet days before a Thursday leave its own week no day for openers: the week
    # before opens the lifts in its last sessions
    profile = make_profile(
        goal="weight_loss",
        experience="advanced",
        days_per_week=4,
        minutes_per_session=75,
        equipment=["barbell", "bench", "dumbbells", "machines", "cables", "pull_up_bar"],
        one_rep_maxes={"Barbell Row": 77.5, "Overhead Press": 45},
        event={"date": "2027-03-18", "kind": "test_day"},
    )
    generated = generate(OfflineEngine(), profile, 12, MONDAY)
    workouts = [w for _meso, micro in generated.full_weeks() for w in micro.workouts]
    before = [w for w in workouts if date(2027, 3, 8) <= w.date < date(2027, 3, 15)]
    assert _opened(before) == {"Barbell Row", "Overhead Press"}
    quiet = [w for w in workouts if date(2027, 3, 15) <= w.date < date(2027, 3, 18)]
    assert quiet and all(w.session_type == SessionType.MOBILITY for w in quiet)
    outcome = check_event(generated)
    assert outcome.passed, outcome.examples


def test_a_monday_races_quiet_days_are_the_week_befores_weekend() -> None:
    # seven 60-minute days and a 10k on a Monday: the Saturday and Sunday before it fall in the
    # week before the race's, and they are easy too; that week's other days are its build days
    profile = make_profile(
        goal="strength",
        days_per_week=7,
        minutes_per_session=60,
        equipment=["rower", "kettlebell"],
        one_rep_maxes={},
        event={"date": "2027-04-26", "kind": "10k"},
    )
    generated = generate(OfflineEngine(), profile, 12, MONDAY)
    days = {
        workout.date: workout
        for _meso, micro in generated.full_weeks()
        for workout in micro.workouts
        if date(2027, 4, 19) <= workout.date < date(2027, 4, 26)
    }
    quiet = [days[day] for day in (date(2027, 4, 24), date(2027, 4, 25)) if day in days]
    assert quiet and all(w.session_type == SessionType.MOBILITY for w in quiet), quiet
    assert any(w.session_type == SessionType.LIFT for d, w in days.items() if d.day <= 23)
    outcome = check_event(generated)
    assert outcome.passed, outcome.examples


# --- the quality check ------------------------------------------------------------------------


def test_the_event_check_fails_a_program_that_runs_past_the_event() -> None:
    profile = lifter()
    generated = generate(OfflineEngine(), profile.model_copy(update={"event": None}), 16, MONDAY)
    bad = type(generated)(profile, 16, MONDAY, generated.program, generated.phases)
    outcome = check_event(bad)
    assert not outcome.passed
    assert any("does not hold the event" in example for example in outcome.examples)
    assert any("on or after the event" in example for example in outcome.examples)


def _with_last_week(generated, week, workouts):
    meso = generated.phases[-1][1]
    micro = week.model_copy(update={"workouts": workouts})
    meso = meso.model_copy(update={"microcycles": [*meso.microcycles[:-1], micro]})
    return type(generated)(
        generated.profile,
        generated.weeks,
        generated.start,
        generated.program,
        (*generated.phases[:-1], (generated.phases[-1][0], meso)),
    )


def test_the_event_check_fails_a_meet_week_that_opens_only_some_lifts() -> None:
    generated, week = _last_week(lifter())
    no_deadlift = [
        workout.model_copy(
            update={
                "blocks": [
                    block.model_copy(
                        update={"exercises": [e for e in block.exercises if e.name != "Deadlift"]}
                    )
                    for block in workout.blocks
                ]
            }
        )
        for workout in week.workouts
    ]
    outcome = check_event(_with_last_week(generated, week, no_deadlift))
    assert not outcome.passed and "no opener for Deadlift" in outcome.examples


def test_the_event_check_fails_a_meet_week_without_openers() -> None:
    generated, week = _last_week(lifter())
    stripped = [
        workout.model_copy(
            update={"blocks": [b for b in workout.blocks if b.label != "Main lifts"]}
        )
        for workout in week.workouts
    ]
    outcome = check_event(_with_last_week(generated, week, stripped))
    assert not outcome.passed and "no openers" in outcome.examples[0]


def test_without_an_event_the_check_wants_a_closing_deload() -> None:
    generated = generate(OfflineEngine(), make_profile(), 12, MONDAY)
    assert check_event(generated).passed
    assert check_event(generated).figure == "no event; ends with a deload"


def test_a_program_document_carries_the_event_it_is_planned_to() -> None:
    from core.delivery.plan_json import program_json, read_plan

    profile = lifter()
    program = OfflineEngine().outline(profile, 12, MONDAY)
    document = read_plan(program_json(program, MONDAY, [], profile.event))
    assert getattr(document, "event", None) == profile.event
    assert getattr(read_plan(program_json(program, MONDAY, [])), "event", "x") is None
