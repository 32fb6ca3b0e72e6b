"""Week insights (core/validation/week_insights.py): the quality report's per-week checks for one
week, green / amber / red with a sentence, and red ones as validator warnings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from core.generation.engine import OfflineEngine
from core.schemas import (
    BodyArea,
    ClientProfile,
    Equipment,
    Exercise,
    Experience,
    Goal,
    MesocycleDetailed,
    Microcycle,
    ProgramType,
    SessionType,
    WeeklyTarget,
    WorkoutBlock,
    WorkoutInstance,
)
from core.validation import validate_mesocycle
from core.validation.week_insights import (
    BALANCE,
    HARD_SETS,
    ONE_RMS,
    SESSION_TIME,
    Insight,
    at_least,
    at_most,
    week_insights,
)
from tools.quality import generate, load_profiles
from tools.quality_checks import check_balance, check_session_time, check_volume
from tools.quality_checks.program import GeneratedProgram

MONDAY = date(2027, 1, 4)


def _profile(**changes: object) -> ClientProfile:
    base: dict[str, object] = {
        "name": "Ana",
        "goal": Goal.STRENGTH,
        "experience": Experience.INTERMEDIATE,
        "days_per_week": 3,
        "minutes_per_session": 60,
        "equipment": [Equipment.BARBELL, Equipment.BENCH, Equipment.DUMBBELLS],
        "one_rep_maxes": {"Back Squat": 140.0, "Bench Press": 100.0},
    }
    base.update(changes)
    return ClientProfile.model_validate(base)


def _ex(name: str, sets: int, reps: int | None = 8, **fields: object) -> Exercise:
    fields.setdefault("rir", 2)
    fields.setdefault("rest_seconds", 90)
    return Exercise.model_validate({"name": name, "sets": sets, "reps": reps, **fields})


def _session(day: int, exercises: list[Exercise], kind: SessionType = SessionType.LIFT):
    return WorkoutInstance(
        date=MONDAY + timedelta(days=day),
        session_type=kind,
        title="Full body",
        blocks=[WorkoutBlock(label="Main lifts", exercises=exercises)],
    )


def _full_body(bench_sets: int, rows: int = 1, squat_kg: float | None = 100.0) -> list[Exercise]:
    """Per session: quads 3, glutes 6, hamstrings 4.5, back 4.5 + rows, shoulders 3 + rows / 2 +
    bench / 2, chest = bench sets; push = bench + 1, pull = 3 + rows."""
    squat = _ex("Back Squat", 3, 5, load_kg=squat_kg, pct_one_rm=None if squat_kg is None else 71.5)
    return [
        squat,
        _ex("Romanian Deadlift", 3),
        _ex("Barbell Row", 3),
        *([_ex("Chest-Supported Dumbbell Row", rows)] if rows else []),
        _ex("Bench Press", bench_sets, 8, load_kg=72.5, pct_one_rm=72.5),
        _ex("Overhead Press", 1),
    ]


def _week(
    sessions: list[list[Exercise]], deload: bool = False, number: int = 1, **kinds: SessionType
) -> Microcycle:
    workouts = [
        _session(
            day, [e for e in exercises if e is not None], kinds.get(f"d{day}", SessionType.LIFT)
        )
        for day, exercises in zip((0, 2, 4, 5, 6), sessions, strict=False)
    ]
    return Microcycle(
        week_number=number,
        start_date=MONDAY,
        end_date=MONDAY + timedelta(days=6),
        deload=deload,
        workouts=workouts,
    )


def _insight(week: Microcycle, check: str, profile: ClientProfile | None = None) -> Insight:
    return next(i for i in week_insights(week, profile or _profile()) if i.check == check)


# --- grading --------------------------------------------------------------------------------------


def test_a_figure_a_little_past_its_limit_is_amber_and_further_red() -> None:
    assert at_least(8, 8) == "green"
    assert at_least(6.5, 8) == "amber"  # within 20 %
    assert at_least(6, 8) == "red"
    assert at_most(22, 22) == "green"
    assert at_most(26, 22) == "amber"
    assert at_most(27, 22) == "red"


# --- hard sets ------------------------------------------------------------------------------------


def test_a_week_in_the_band_is_green_with_every_goal_muscle_counted() -> None:
    insight = _insight(_week([_full_body(3)] * 3), HARD_SETS)
    assert insight.level == "green"
    assert insight.sentence == (
        "Hard sets this week against 8–22: chest 9, back 16.5, quads 9, hamstrings 13.5, "
        "glutes 18, shoulders 13.5."
    )


def test_a_week_a_little_under_the_floor_is_amber_and_names_the_muscle() -> None:
    insight = _insight(_week([_full_body(3), _full_body(2), _full_body(2)]), HARD_SETS)
    assert insight.level == "amber"
    assert "chest 7 (under 8)" in insight.sentence
    assert "back 16.5," in insight.sentence  # the others are shown without a fault


def test_a_week_far_under_the_floor_is_red_and_names_the_muscle() -> None:
    insight = _insight(_week([_full_body(1)] * 3), HARD_SETS)
    assert insight.level == "red"
    assert "chest 3 (under 8)" in insight.sentence


def test_a_week_over_22_sets_is_flagged_over_the_ceiling() -> None:
    heavy = [*_full_body(3), _ex("Hip Thrust", 4)]
    insight = _insight(_week([heavy] * 3), HARD_SETS)
    assert "glutes 30 (over 22)" in insight.sentence
    assert insight.level == "red"  # 30 > 22 × 1.2


def test_a_short_week_is_held_to_what_its_lifting_minutes_hold() -> None:
    profile = _profile(days_per_week=1, minutes_per_session=45)
    insight = _insight(_week([_full_body(3)]), HARD_SETS, profile)
    # 45 minutes hold 4.5 sets for each big mover; chest 3 is under that
    assert insight.sentence.startswith("Hard sets this week against 4.5–22: chest 3 (under 4.5)")
    assert insight.sentence.endswith("The floor is what 45 minutes of working sets can hold.")
    assert insight.level == "red"


def test_a_deload_week_is_not_held_to_the_floor() -> None:
    insight = _insight(_week([_full_body(1)] * 3, deload=True), HARD_SETS)
    assert insight.level == "green"
    assert insight.sentence.startswith("A deload week cuts hard sets on purpose: chest 3,")


def test_a_runner_is_held_on_the_legs_only() -> None:
    profile = _profile(goal=Goal.ENDURANCE)
    insight = _insight(_week([_full_body(1)] * 3), HARD_SETS, profile)
    assert (
        insight.sentence == "Hard sets this week against 4–22: quads 9, hamstrings 13.5, glutes 18."
    )
    assert insight.level == "green"


# --- pull and push --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "level"),
    [(1, "green"), (0, "amber")],  # pull 12 / push 12 = 1.0; pull 9 / push 12 = 0.75
)
def test_pull_per_push_against_one_over_1_25(rows: int, level: str) -> None:
    insight = _insight(_week([_full_body(3, rows=rows)] * 3), BALANCE)
    assert insight.level == level
    pull = 9 + 3 * rows
    assert insight.sentence == (
        f"{pull} pull sets to 12 push ({pull / 12:.2f} pull per push); at least 0.80 needed."
    )


def test_far_more_push_than_pull_is_red() -> None:
    insight = _insight(_week([_full_body(6, rows=0)] * 3), BALANCE)  # 9 pull / 21 push
    assert insight.level == "red"
    assert insight.sentence.startswith("9 pull sets to 21 push (0.43 pull per push)")


def test_an_injured_shoulder_needs_as_much_pull_as_push() -> None:
    profile = _profile(injuries=[BodyArea.SHOULDER])
    insight = _insight(_week([_full_body(3, rows=0)] * 3), BALANCE, profile)
    assert insight.level == "red"  # 0.75: more than 20 % under the 1.00 needed
    assert insight.sentence.endswith("at least 1.00 needed with an injured shoulder.")


# --- session time ---------------------------------------------------------------------------------


def test_each_session_against_the_clients_minutes() -> None:
    short = [_ex("Back Squat", 2, 5, load_kg=100.0, pct_one_rm=71.5)]
    week = _week([_full_body(3), short, _full_body(3)])
    insight = _insight(week, SESSION_TIME, _profile(minutes_per_session=40))
    assert insight.level == "red"  # the Wednesday session is a tenth of the client's minutes
    assert insight.sentence == (
        "Sessions against the client's 40 minutes: Mon 38 min (94%), "
        "Wed 4 min (11%, under 70%), Fri 38 min (94%)."
    )
    over = _insight(week, SESSION_TIME, _profile(minutes_per_session=35))
    assert "Mon 38 min (107%, over 105%)" in over.sentence
    assert _insight(_week([_full_body(3)]), SESSION_TIME, _profile(minutes_per_session=40)) == (
        Insight(
            SESSION_TIME, "green", "Sessions against the client's 40 minutes: Mon 38 min (94%)."
        )
    )


def test_a_run_is_not_held_to_the_minutes() -> None:
    run = [Exercise(name="Easy Run", sets=1, distance_km=5.0)]
    week = _week([_full_body(3), run], d2=SessionType.RUN)
    assert "Wed" not in _insight(week, SESSION_TIME).sentence


# --- 1RMs -----------------------------------------------------------------------------------------


def test_the_1rms_loaded_this_week_are_named() -> None:
    insight = _insight(_week([_full_body(3)] * 3), ONE_RMS)
    assert insight == Insight(
        ONE_RMS, "green", "Loaded from the client's 1RMs: Back Squat, Bench Press."
    )


def test_a_given_1rm_left_unloaded_in_a_strength_week_is_amber() -> None:
    profile = _profile(one_rep_maxes={"Back Squat": 140.0, "Bench Press": 100.0, "Deadlift": 180.0})
    insight = _insight(_week([_full_body(3)] * 3), ONE_RMS, profile)
    assert insight.level == "amber"
    assert "Not loaded this week: Deadlift (a strength phase loads every lift given a 1RM)." in (
        insight.sentence
    )


def test_a_percent_of_a_1rm_the_client_has_not_given_is_red() -> None:
    guessed = [*_full_body(3), _ex("Hip Thrust", 3, load_kg=None, pct_one_rm=70)]
    insight = _insight(_week([guessed] * 3), ONE_RMS)
    assert insight.level == "red"
    assert insight.sentence.endswith(
        "Written as a % of a 1RM the client has not given: Hip Thrust."
    )


def test_the_transition_week_has_no_insights() -> None:
    assert week_insights(_week([_full_body(1)], number=0), _profile()) == []


# --- the validator holds every draft to them ------------------------------------------------------


def _meso(week: Microcycle) -> MesocycleDetailed:
    target = WeeklyTarget(
        week_offset=0, split="Full-Rest-Full-Rest-Full-Rest-Rest", avg_intensity_pct_1rm=72
    )
    return MesocycleDetailed(
        id="meso-1", phase="Strength", weeks=1, weekly_targets=[target], microcycles=[week]
    )


def test_red_insights_are_validator_warnings_and_amber_ones_are_not() -> None:
    week = _week([_full_body(6, rows=0)] * 2 + [_full_body(3, rows=0)])
    problems = validate_mesocycle(_meso(week), _profile(), ProgramType.STRENGTH, MONDAY)
    balance = [p for p in problems if p.path == "week 1 › pull:push"]
    assert [(p.severity, p.message) for p in balance] == [
        ("warning", _insight(week, BALANCE).sentence)
    ]
    assert _insight(week, BALANCE).level == "red"
    fine = validate_mesocycle(
        _meso(_week([_full_body(3, rows=0)] * 3)), _profile(), ProgramType.STRENGTH, MONDAY
    )
    assert not [p for p in fine if p.path == "week 1 › pull:push"], "amber is no warning"


# --- the report and the insights agree ------------------------------------------------------------

PROFILES = Path(__file__).resolve().parents[2] / "tools" / "profiles"


def _cut_to_one_lift_a_session(program: GeneratedProgram) -> GeneratedProgram:
    """The program as a coach's edit might leave it: the first week of its first phase keeps only
    each session's first main lift (the rest of the work deleted)."""
    (start, first), *rest = program.phases
    week, *weeks = first.microcycles
    workouts = [
        workout.model_copy(
            update={
                "blocks": [
                    block.model_copy(update={"exercises": block.exercises[:1]})
                    for block in workout.blocks
                    if block.label == "Main lifts"
                ]
            }
        )
        for workout in week.workouts
    ]
    edited = first.model_copy(
        update={"microcycles": [week.model_copy(update={"workouts": workouts}), *weeks]}
    )
    return replace(program, phases=((start, edited), *rest))


def test_a_report_check_passes_exactly_when_every_weeks_insight_is_green() -> None:
    """Over the report's own profiles (12 weeks from a Monday), as generated and with a week cut
    down to one lift a session: the same verdict, and some of them fail, so the agreement is on
    both sides."""
    checks = {HARD_SETS: check_volume, BALANCE: check_balance, SESSION_TIME: check_session_time}
    verdicts = []
    for name, profile in load_profiles(PROFILES):
        generated = generate(OfflineEngine(), profile, 12, MONDAY)
        for program in (generated, _cut_to_one_lift_a_session(generated)):
            for check, run in checks.items():
                levels = [
                    insight.level
                    for _meso, micro in program.full_weeks()
                    for insight in week_insights(micro, profile)
                    if insight.check == check
                ]
                passed = run(program).passed
                assert passed == all(level == "green" for level in levels), (name, check)
                verdicts.append(passed)
    assert True in verdicts and False in verdicts
