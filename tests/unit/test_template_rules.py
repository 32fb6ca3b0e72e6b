"""Templates: a block made client-free (no kg anywhere) and applied to other clients' maxes."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from core.dates import microcycle_date_ranges
from core.errors import InvalidInput
from core.generation.engine import OfflineEngine
from core.plates import round_to_plate
from core.schemas import (
    Exercise,
    MesocycleDetailed,
    ProgramType,
    SessionType,
    WorkoutBlock,
    WorkoutInstance,
)
from core.templates import (
    EFFORT_RIR,
    Template,
    TemplateExercise,
    apply_template,
    check_template_name,
    template_from_mesocycle,
)
from core.validation import profile_conflicts, validate_mesocycle
from tests.factories import make_plan, make_profile

MONDAY = date(2026, 11, 30)
JONAS = make_profile(
    name="Jonas",
    oneRepMaxes={"Back Squat": 150, "Bench Press": 105, "Deadlift": 190, "Overhead Press": 65},
)
LENA = make_profile(
    name="Lena",
    oneRepMaxes={"Back Squat": 90, "Bench Press": 55, "Deadlift": 110, "Overhead Press": 37.5},
)


@pytest.fixture(scope="module")
def block() -> MesocycleDetailed:
    """Jonas's engine-made strength block, starting on a Wednesday (so with a transition week)."""
    return OfflineEngine().breakdown(
        make_plan(4), JONAS, ProgramType.STRENGTH, MONDAY + timedelta(days=2)
    )


@pytest.fixture(scope="module")
def template(block: MesocycleDetailed) -> Template:
    return template_from_mesocycle(block, JONAS, ProgramType.STRENGTH)


def _exercises(mesocycle: MesocycleDetailed) -> list[tuple[int, int, str, Exercise]]:
    return [
        (micro.week_number, workout.date.weekday(), workout.title, exercise)
        for micro in mesocycle.microcycles
        for workout in micro.workouts
        for exercise in workout.exercises
    ]


def test_a_template_holds_no_kilograms_anywhere(block: MesocycleDetailed, template: Template):
    assert any(e.load_kg for *_, e in _exercises(block)), "the block had loads to convert"
    kept = [
        e for w in template.microcycles for s in w.sessions for b in s.blocks for e in b.exercises
    ]
    assert kept and all(e.load_kg is None for e in kept)
    assert any(e.pct_one_rm for e in kept), "the loads became percentages"
    body = template.model_dump_json(exclude_none=True)
    assert "loadKg" not in body
    assert not re.search(r"\d\s*kg\b", body, re.IGNORECASE), "no text names a client's kg"
    with pytest.raises(ValidationError, match="never kg"):
        TemplateExercise(name="Back Squat", sets=3, reps=5, load_kg=100)


def test_kg_loads_become_the_percent_of_that_clients_1rm(
    block: MesocycleDetailed, template: Template
):
    weeks = {week.week_number: week for week in template.microcycles}
    for micro in block.microcycles:
        sessions = weeks[micro.week_number].sessions
        assert [s.weekday for s in sessions] == [w.date.weekday() for w in micro.workouts]
        assert weeks[micro.week_number].deload == micro.deload
        for workout, session in zip(micro.workouts, sessions, strict=True):
            kept = [e for b in session.blocks for e in b.exercises]
            for before, after in zip(workout.exercises, kept, strict=True):
                assert (after.name, after.sets, after.reps, after.rest_seconds) == (
                    before.name,
                    before.sets,
                    before.reps,
                    before.rest_seconds,
                )
                if before.load_kg is not None and before.name == "Back Squat":
                    assert after.pct_one_rm == round(before.load_kg / 150 * 100, 1)


def test_a_kg_load_without_a_1rm_keeps_an_effort_cue():
    day = MONDAY
    workout = WorkoutInstance(
        date=day,
        session_type=SessionType.LIFT,
        title="Upper",
        blocks=[
            WorkoutBlock(
                label="Main",
                exercises=[
                    Exercise(name="Dumbbell Curl", sets=3, reps=10, load_kg=14),
                    Exercise(name="Lat Pulldown", sets=3, reps=10, load_kg=50, rpe=8),
                ],
            )
        ],
    )
    mesocycle = _one_week(workout)
    template = template_from_mesocycle(mesocycle, JONAS, ProgramType.STRENGTH)
    curl, pulldown = template.microcycles[0].sessions[0].blocks[0].exercises
    assert (curl.load_kg, curl.pct_one_rm, curl.rir) == (None, None, EFFORT_RIR)
    assert (pulldown.load_kg, pulldown.rir, pulldown.rpe) == (None, None, 8)


def _one_week(workout: WorkoutInstance) -> MesocycleDetailed:
    plan = make_plan(1)
    span = microcycle_date_ranges(MONDAY, 1)[1]
    return MesocycleDetailed.model_validate(
        {
            **plan.model_dump(),
            "microcycles": [
                {
                    "weekNumber": 1,
                    "startDate": span.start_date,
                    "endDate": span.end_date,
                    "workouts": [workout.model_dump()],
                }
            ],
        }
    )


def test_applied_to_another_client_loads_come_from_their_maxes_on_plates(template: Template):
    start = date(2027, 1, 4)  # a Monday: no transition week
    applied = apply_template(template, LENA, start, program_type=ProgramType.STRENGTH)
    squats = [
        e for *_, e in _exercises(applied) if e.name == "Back Squat" and e.load_kg is not None
    ]
    assert squats
    source = {
        (w.week_number, s.weekday, e.name, e.sets, e.reps): e.pct_one_rm
        for w in template.microcycles
        for s in w.sessions
        for b in s.blocks
        for e in b.exercises
    }
    for week, weekday, _, exercise in _exercises(applied):
        if exercise.name != "Back Squat" or exercise.load_kg is None:
            continue
        pct = source[(week, weekday, exercise.name, exercise.sets, exercise.reps)]
        assert pct is not None
        assert exercise.load_kg == max(2.5, round_to_plate(90 * pct / 100))
        assert exercise.load_kg % 2.5 == 0
        assert exercise.pct_one_rm == round(exercise.load_kg / 90 * 100, 1)
        assert "90 kg 1RM" in (exercise.rationale or "")
    problems = validate_mesocycle(applied, LENA, ProgramType.STRENGTH, start)
    assert [p for p in problems if p.severity == "error"] == []


def test_dates_follow_the_one_date_rule_for_any_start(template: Template):
    for offset in range(7):
        start = date(2027, 1, 4) + timedelta(days=offset)
        applied = apply_template(template, LENA, start)
        ranges = microcycle_date_ranges(start, template.weeks)
        assert [m.week_number for m in applied.microcycles] == list(ranges)
        for micro in applied.microcycles:
            span = ranges[micro.week_number]
            assert (micro.start_date, micro.end_date) == (span.start_date, span.end_date)
            assert all(span.start_date <= w.date <= span.end_date for w in micro.workouts)
        week_one = next(m for m in applied.microcycles if m.week_number == 1)
        template_week = next(w for w in template.microcycles if w.week_number == 1)
        assert [w.date.weekday() for w in week_one.workouts] == [
            s.weekday for s in template_week.sessions
        ]
        week_zero = [m for m in applied.microcycles if m.week_number == 0]
        assert all(w.date >= start for m in week_zero for w in m.workouts)


def test_a_percent_without_the_clients_1rm_is_dosed_by_effort(template: Template):
    no_maxes = make_profile(name="New", oneRepMaxes={})
    applied = apply_template(template, no_maxes, date(2027, 1, 4))
    mains = [e for *_, e in _exercises(applied) if e.name == "Back Squat"]
    assert mains and all(e.load_kg is None and e.pct_one_rm is None for e in mains)
    assert all(e.rir is not None for e in mains)
    assert all("no 1RM on file" in (e.rationale or "") for e in mains)


def test_missing_program_type_targets_come_from_the_clients_phase(template: Template):
    bare = template.model_copy(
        update={
            "weekly_targets": [
                t.model_copy(update={"avg_intensity_pct_1rm": None, "total_sets_main_lifts": None})
                for t in template.weekly_targets
            ]
        }
    )
    own = make_plan(4).weekly_targets
    applied = apply_template(
        bare, LENA, date(2027, 1, 4), program_type=ProgramType.STRENGTH, phase_targets=own
    )
    assert [t.avg_intensity_pct_1rm for t in applied.weekly_targets] == [
        t.avg_intensity_pct_1rm for t in own
    ]
    assert [t.deload for t in applied.weekly_targets] == [t.deload for t in bare.weekly_targets]


def test_equipment_and_injury_conflicts_are_listed_once_each(template: Template):
    runner = make_profile(
        name="Amara", equipment=["dumbbells", "treadmill"], injuries=["shoulder"], oneRepMaxes={}
    )
    applied = apply_template(template, runner, date(2027, 1, 4))
    conflicts = profile_conflicts(applied, runner, ProgramType.STRENGTH)
    assert "Back Squat needs barbell, which Amara does not have." in conflicts
    assert any("loads the shoulder, which Amara has injured" in c for c in conflicts)
    assert len(conflicts) == len(set(conflicts))
    assert (
        profile_conflicts(
            apply_template(template, LENA, date(2027, 1, 4)), LENA, ProgramType.STRENGTH
        )
        == []
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [("  Base block  ", "Base block"), ("x" * 80, "x" * 80)],
)
def test_template_names_are_trimmed(name: str, expected: str):
    assert check_template_name(name) == expected


@pytest.mark.parametrize(
    ("name", "sentence"),
    [("   ", "Give the template a name."), ("x" * 81, "at most 80"), ("a\x00b", "control")],
)
def test_bad_template_names_get_a_sentence(name: str, sentence: str):
    with pytest.raises(InvalidInput, match=sentence):
        check_template_name(name)
