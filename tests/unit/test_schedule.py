"""Training days, days off and away dates: the profile's rules, the engine's placement and dating,
the validator's warnings, the LLM prompt and the edit grid."""

from __future__ import annotations

import json
from datetime import date, time, timedelta
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from core.dates import microcycle_date_ranges
from core.generation.engine import OfflineEngine, program_type_for, training_days
from core.generation.engine.schedule import (
    clash,
    place_split,
    schedule_note,
    schedule_week,
)
from core.generation.llm.convert import outline_problems
from core.generation.llm.prompt_values import breakdown_values, outline_values
from core.schemas import (
    ClientProfile,
    Goal,
    MesocycleDetailed,
    UnavailableDates,
    Weekday,
    describe_validation_error,
)
from core.validation import has_errors, is_rest_label, validate_mesocycle
from tests.factories import make_profile
from ui.editing import apply_week_edits, week_frames

ENGINE = OfflineEngine()
DAYS = list(Weekday)
HOLIDAY = UnavailableDates(start=date(2026, 12, 24), end=date(2027, 1, 2), label="holiday")


def _profile(**changes: object) -> ClientProfile:
    values: dict[str, object] = {
        "goal": "strength",
        "days_per_week": 3,
        "training_days": ["tuesday", "thursday", "saturday"],
        "one_rep_maxes": {"Back Squat": 120, "Bench Press": 90},
    }
    values.update(changes)
    return make_profile(**values)


def _first_phase(profile: ClientProfile, start: date, weeks: int = 12) -> MesocycleDetailed:
    program = ENGINE.outline(profile, weeks, start)
    plan = program.macrocycles[0].mesocycles[0]
    return ENGINE.breakdown(plan, profile, program.program_type, start)


def _phases(profile: ClientProfile, start: date, weeks: int = 12) -> list[MesocycleDetailed]:
    program = ENGINE.outline(profile, weeks, start)
    phases, phase_start = [], start
    for _macro, _index, plan in program.all_phases():
        meso = ENGINE.breakdown(plan, profile, program.program_type, phase_start)
        phases.append(meso)
        assert meso.end_date is not None
        phase_start = meso.end_date + timedelta(days=1)
    return phases


# --- the profile ----------------------------------------------------------------------------------


def test_a_profile_stored_before_training_days_still_loads_with_defaults() -> None:
    stored = json.loads(make_profile().model_dump_json())
    for key in ("trainingDays", "sessionTime", "unavailable", "daysOff"):
        stored.pop(key)
    profile = ClientProfile.model_validate(stored)
    assert profile.training_days == [] and profile.days_off == [] and profile.unavailable == []
    assert profile.session_time is None
    assert profile.days_per_week == 4


def test_the_new_fields_round_trip_through_json() -> None:
    profile = _profile(session_time="18:30", unavailable=[HOLIDAY], days_off=["sunday"])
    again = ClientProfile.model_validate_json(profile.model_dump_json())
    assert again == profile
    assert again.session_time == time(18, 30)
    assert again.training_days == [Weekday.TUESDAY, Weekday.THURSDAY, Weekday.SATURDAY]


def test_training_days_are_kept_in_week_order() -> None:
    profile = _profile(training_days=["saturday", "tuesday", "thursday"])
    assert [day.number for day in profile.training_days] == [1, 3, 5]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"days_per_week": 4},
            "3 training days are picked (Tue, Thu, Sat) but days per week is 4; pick 4 days or "
            "set days per week to 3",
        ),
        ({"training_days": ["tuesday", "tuesday", "friday"]}, "Tuesday is listed twice"),
        ({"days_off": ["thursday"]}, "Thursday is both a training day and a day off"),
        (
            {"training_days": [], "days_per_week": 6, "days_off": ["saturday", "sunday"]},
            "with 2 days off a week only 5 training days fit, but days per week is 6",
        ),
        (
            {"unavailable": [{"start": "2027-01-02", "end": "2026-12-24"}]},
            "the unavailable dates end (2026-12-24) before they start (2027-01-02)",
        ),
    ],
)
def test_bad_days_are_refused_with_one_clear_sentence(changes: dict, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _profile(**changes)
    assert any(line.endswith(message) for line in describe_validation_error(caught.value))


def test_unavailable_dates_are_capped() -> None:
    many = [{"start": date(2027, 1, 1) + timedelta(days=2 * i)} for i in range(31)]
    with pytest.raises(ValidationError, match="at most 30"):
        _profile(unavailable=[{**item, "end": item["start"]} for item in many])


def test_unavailable_words_name_the_dates_and_label() -> None:
    assert HOLIDAY.words == "Away 24 Dec – 2 Jan (holiday)"
    one = UnavailableDates(start=date(2026, 12, 25), end=date(2026, 12, 25))
    assert one.words == "Away 25 Dec"


# --- placing the split ----------------------------------------------------------------------------


def test_without_training_days_or_days_off_the_template_is_kept() -> None:
    split = "Upper-Lower-Rest-Upper-Lower-Rest-Rest"
    assert place_split(split, make_profile()) == split


def test_full_body_days_on_tue_thu_sat() -> None:
    split = place_split("Full-Rest-Full-Rest-Full-Rest-Rest", _profile())
    assert split == "Rest-Full-Rest-Full-Rest-Full-Rest"


def test_upper_lower_on_four_days_keeps_the_same_muscles_apart() -> None:
    profile = _profile(days_per_week=4, training_days=["monday", "tuesday", "thursday", "friday"])
    assert place_split("Upper-Lower-Rest-Upper-Lower-Rest-Rest", profile) == (
        "Upper-Lower-Rest-Upper-Lower-Rest-Rest"
    )
    profile = _profile(days_per_week=4, training_days=["monday", "wednesday", "thursday", "sunday"])
    labels = place_split("Upper-Lower-Rest-Upper-Lower-Rest-Rest", profile).split("-")
    trained = [day for day in range(7) if labels[day] != "Rest"]
    assert trained == [0, 2, 3, 6]
    assert all(clash(labels[d], labels[(d + 1) % 7]) == 0 for d in trained), labels


def test_days_off_move_sessions_and_keep_heavy_legs_off_the_day_before_the_long_run() -> None:
    profile = make_profile(goal="endurance", days_per_week=4, days_off=["thursday", "friday"])
    template = "Rest-Easy Run-Rest-Tempo Run-Easy Run-Rest-Long Run"
    labels = place_split(template, profile).split("-")
    assert labels[3] == labels[4] == "Rest"
    assert sorted(label for label in labels if label != "Rest") == sorted(
        label for label in template.split("-") if label != "Rest"
    )
    hybrid = make_profile(goal="general_fitness", days_per_week=5, days_off=["monday", "tuesday"])
    labels = place_split("Upper-Lower-Run-Rest-Full-Long Run-Rest", hybrid).split("-")
    long_run = labels.index("Long Run")
    assert labels[(long_run - 1) % 7] not in ("Lower", "Full"), labels


def _subsets() -> list[tuple[int, ...]]:
    return [combo for size in range(1, 8) for combo in combinations(range(7), size)]


def test_there_are_127_weekday_patterns() -> None:
    assert len(_subsets()) == 127


@pytest.mark.parametrize("pattern", _subsets(), ids=lambda p: "".join(DAYS[d].label[:2] for d in p))
def test_every_weekday_pattern_trains_on_its_days_only(pattern: tuple[int, ...]) -> None:
    """For each of the 127 non-empty patterns, two goals (every goal over the set): each session
    on a given day, each full week the engine's count of days, no errors."""
    goals = list(Goal)
    index = _subsets().index(pattern)
    for goal in (goals[index % len(goals)], goals[(index + 3) % len(goals)]):
        profile = make_profile(
            goal=goal.value,
            days_per_week=len(pattern),
            training_days=[DAYS[day].value for day in pattern],
        )
        meso = _first_phase(profile, date(2027, 3, 3), weeks=8)  # a Wednesday: week 0 too
        wanted = training_days(program_type_for(goal), profile)
        for micro in meso.microcycles:
            assert all(workout.date.weekday() in pattern for workout in micro.workouts), goal
            if micro.week_number:
                assert len({workout.date for workout in micro.workouts}) == wanted, goal
        problems = validate_mesocycle(meso, profile, program_type_for(goal))
        assert not has_errors(problems), (goal, [p for p in problems if p.severity == "error"])


# --- away dates -----------------------------------------------------------------------------------


def test_the_christmas_holiday() -> None:
    """Tue / Thu / Sat, away 24 Dec – 2 Jan: nothing on those dates; what moved and what was
    dropped is said in the week's note and on the moved session."""
    profile = _profile(unavailable=[HOLIDAY])
    meso = _first_phase(profile, date(2026, 12, 7))
    weeks = {micro.week_number: micro for micro in meso.microcycles}
    for micro in meso.microcycles:
        assert not any(HOLIDAY.covers(workout.date) for workout in micro.workouts)
    # week 3 (21–27 Dec): Mon–Wed free, so Thursday's and Saturday's sessions move there
    assert [w.date for w in weeks[3].workouts] == [date(2026, 12, d) for d in (21, 22, 23)]
    assert schedule_note(weeks[3].metrics) == (
        "Away 24 Dec – 2 Jan (holiday): Thursday's Full session moved to Wednesday; "
        "Saturday's Full session moved to Monday."
    )
    moved = next(w for w in weeks[3].workouts if w.date == date(2026, 12, 23))
    assert moved.notes and moved.notes.startswith(
        "Moved from Thursday: away 24 Dec – 2 Jan (holiday)."
    )
    # week 4 (28 Dec – 3 Jan): only Sunday is free: one session moves, two are dropped
    assert [w.date for w in weeks[4].workouts] == [date(2027, 1, 3)]
    assert schedule_note(weeks[4].metrics) == (
        "Away 24 Dec – 2 Jan (holiday): Thursday's Full session dropped; Saturday's Full "
        "session dropped; Tuesday's Full session moved to Sunday."
    )
    assert schedule_note(weeks[2].metrics) == ""
    problems = validate_mesocycle(meso, profile, program_type_for(profile.goal))
    assert not has_errors(problems)
    assert not [p for p in problems if "away" in p.message or "rest day" in p.message]


def test_a_whole_week_away_has_no_sessions_and_says_so() -> None:
    away = UnavailableDates(start=date(2027, 1, 11), end=date(2027, 1, 17), label="work trip")
    profile = _profile(unavailable=[away])
    meso = _first_phase(profile, date(2027, 1, 4))
    week = next(micro for micro in meso.microcycles if micro.week_number == 2)
    assert week.workouts == []
    assert schedule_note(week.metrics) == "Away 11 Jan – 17 Jan (work trip): no sessions this week."
    assert not has_errors(validate_mesocycle(meso, profile, program_type_for(profile.goal)))


def test_the_lowest_priority_session_goes_first() -> None:
    """A hybrid week with one day too few keeps its lifting and its long run, drops the easy run."""
    profile = make_profile(goal="general_fitness", days_per_week=4)
    split = "Full-Run-Rest-Full-Rest-Long Run-Rest"
    week = microcycle_date_ranges(date(2027, 1, 4), 1)[1]
    away = UnavailableDates(start=date(2027, 1, 5), end=date(2027, 1, 9))
    plan = schedule_week(split, week, profile.model_copy(update={"unavailable": [away]}))
    # free: Mon 4, Sun 10; four sessions → two dropped: the easy run first, then a lift
    assert plan.dropped == [1, 3]
    assert sorted(plan.dates) == [0, 5]
    assert plan.dates[5] == date(2027, 1, 10)
    assert "Tuesday's Run session dropped" in plan.note


settings_fast = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
weekday_sets = st.lists(st.sampled_from(DAYS), unique=True, min_size=1, max_size=7)


@st.composite
def _clients(draw: st.DrawFn) -> tuple[ClientProfile, date]:
    start = draw(st.dates(min_value=date(2026, 1, 1), max_value=date(2028, 12, 31)))
    goal = draw(st.sampled_from(list(Goal)))
    changes: dict[str, object] = {"goal": goal.value}
    if draw(st.booleans()):
        days = draw(weekday_sets)
        changes |= {"days_per_week": len(days), "training_days": [d.value for d in days]}
    else:
        off = draw(st.lists(st.sampled_from(DAYS), unique=True, max_size=6))
        changes |= {
            "days_off": [d.value for d in off],
            "days_per_week": draw(st.integers(1, 7 - len(off))),
        }
    ranges = []
    for _ in range(draw(st.integers(0, 3))):
        first = start + timedelta(days=draw(st.integers(0, 60)))
        ranges.append({"start": first, "end": first + timedelta(days=draw(st.integers(0, 12)))})
    changes["unavailable"] = ranges
    return make_profile(**changes), start


@settings_fast
@given(_clients())
def test_sessions_land_only_on_days_the_client_can_train(
    client: tuple[ClientProfile, date],
) -> None:
    """Every session on an allowed day, none on away dates or days off; a full week holds
    min(split sessions, free days) sessions; each dropped one is named in the week's note."""
    profile, start = client
    for meso in _phases(profile, start, weeks=8):
        targets = meso.weekly_targets
        for micro in meso.microcycles:
            assert all(profile.can_train_on(workout.date) for workout in micro.workouts)
            if profile.training_days and not any(
                profile.unavailable_on(micro.start_date + timedelta(days=i))  # type: ignore[operator]
                for i in range(7)
            ):
                days = {day.number for day in profile.training_days}
                assert all(workout.date.weekday() in days for workout in micro.workouts)
            if micro.week_number == 0:
                continue
            labels = targets[micro.week_number - 1].split_days
            sessions = sum(not is_rest_label(label) for label in labels)
            assert micro.start_date is not None
            week = [micro.start_date + timedelta(days=i) for i in range(7)]
            free = sum(profile.can_train_on(day) for day in week)
            assert len(micro.workouts) == min(sessions, free)
            note = schedule_note(micro.metrics)
            assert note.count("dropped") + ("no sessions" in note) * sessions == sessions - min(
                sessions, free
            )
        problems = validate_mesocycle(meso, profile, program_type_for(profile.goal))
        assert not has_errors(problems), [p for p in problems if p.severity == "error"]


# --- the validator and the edit grid --------------------------------------------------------------


def test_a_session_edited_onto_an_away_date_or_day_off_is_a_warning_naming_it() -> None:
    profile = _profile(days_off=["monday"], unavailable=[HOLIDAY])
    meso = _first_phase(profile, date(2026, 12, 7))
    sessions = week_frames(meso, 1).sessions.copy()
    sessions.loc[0, "day"] = "Mon"  # Tue 8 Dec → Mon 7 Dec, a day off
    edited = apply_week_edits(meso, 1, sessions, start_date=date(2026, 12, 7))
    week3 = week_frames(edited, 3).sessions.copy()
    week3.loc[0, "day"] = "Thu"  # into the holiday
    edited = apply_week_edits(edited, 3, week3, start_date=date(2026, 12, 7))
    warnings = [
        p
        for p in validate_mesocycle(edited, profile, program_type_for(profile.goal))
        if "away" in p.message or "days off" in p.message
    ]
    assert [(p.severity, p.path, p.message) for p in warnings] == [
        (
            "warning",
            "week 1 › Mon",
            "'Full' is on Mon 7 Dec 2026, but Monday is one of Alex Example's days off.",
        ),
        (
            "warning",
            "week 3 › Thu",
            "'Full' is on Thu 24 Dec 2026, but Alex Example is away 24 Dec – 2 Jan (holiday).",
        ),
    ]


def test_fewer_sessions_than_the_split_is_still_an_error_without_away_dates() -> None:
    profile = _profile()
    meso = _first_phase(profile, date(2027, 1, 4))
    week = meso.microcycles[0]
    shorter = week.model_copy(update={"workouts": week.workouts[:-1]})
    broken = meso.model_copy(update={"microcycles": [shorter, *meso.microcycles[1:]]})
    problems = validate_mesocycle(broken, profile, program_type_for(profile.goal))
    assert any(p.path == "week 1 › sessions" and p.severity == "error" for p in problems)


# --- the LLM path ---------------------------------------------------------------------------------


def test_the_prompt_names_the_days_and_the_away_dates() -> None:
    profile = _profile(days_off=["monday"], unavailable=[HOLIDAY])
    text = str(outline_values(profile, 12, date(2026, 12, 7))["profile"])
    assert (
        "- Training days (put the split's sessions on these weekdays): Tuesday, Thursday, "
        "Saturday" in text
    )
    assert "- Days off (never a session): Monday" in text
    assert (
        "- Unavailable dates (no session on them): Thu 24 Dec 2026 to Sat 02 Jan 2027 "
        "(holiday)" in text
    )
    program = ENGINE.outline(profile, 12, date(2026, 12, 7))
    plan = program.macrocycles[0].mesocycles[0]
    week4 = microcycle_date_ranges(date(2026, 12, 7), plan.weeks)[4]
    values = breakdown_values(plan, profile, program.program_type, 4, week4, "")
    assert values["training_days"] == (
        "- Sun: Full (Moved from Tuesday: away 24 Dec – 2 Jan (holiday).)\n"
        "- (The client is away this week. Away 24 Dec – 2 Jan (holiday): Thursday's Full "
        "session dropped; Saturday's Full session dropped; Tuesday's Full session moved to "
        "Sunday.)"
    )


def test_an_outline_training_on_a_day_off_goes_back_for_repair() -> None:
    profile = _profile(days_off=["monday"])
    program = ENGINE.outline(make_profile(days_per_week=3), 4, date(2027, 1, 4))
    problems = outline_problems(program, 4, profile)
    assert any("trains on Monday, one of the client's days off" in line for line in problems)
    assert any("put its sessions on the client's training days" in line for line in problems)
    assert outline_problems(ENGINE.outline(profile, 4, date(2027, 1, 4)), 4, profile) == []
