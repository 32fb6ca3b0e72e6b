"""The preview editor's pure helpers: week → tables → edited week, with readable refusals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import pytest

from core.errors import InvalidPlan
from core.schemas import Exercise, SessionType
from tests.factories import make_mesocycle
from ui.editing import (
    EXERCISE_COLUMNS,
    SESSION_COLUMNS,
    apply_all_edits,
    apply_week_edits,
    find_week,
    format_effort,
    format_load,
    group_problems,
    parse_effort,
    parse_load,
    parse_reps,
    path_day,
    path_week,
    session_heading,
    target_summary,
    week_frames,
)

MONDAY_START = date(2026, 11, 30)
THURSDAY_START = date(2026, 11, 26)  # week 0 = Thu 26 – Sun 29 Nov


@pytest.fixture
def mesocycle():
    return make_mesocycle(MONDAY_START, weeks=4)


def test_week_frames_have_one_row_per_session_and_exercise(mesocycle):
    frames = week_frames(mesocycle, 2)
    week = find_week(mesocycle, 2)
    assert list(frames.sessions.columns) == SESSION_COLUMNS
    assert list(frames.exercises.columns) == EXERCISE_COLUMNS
    assert len(frames.sessions) == len(week.workouts)
    assert len(frames.exercises) == sum(len(w.exercises) for w in week.workouts)
    first = frames.exercises.iloc[0]
    assert first["session"] == 1
    assert first["exercise"] == "Lift 0"
    assert first["load"] == "75% 1RM"
    assert first["effort"] == "RIR 2"
    assert frames.sessions.iloc[0]["day"] == "Mon"


def test_unchanged_tables_give_back_the_same_week(mesocycle):
    frames = week_frames(mesocycle, 1)
    result = apply_week_edits(mesocycle, 1, frames.sessions, frames.exercises)
    assert result.model_dump() == mesocycle.model_dump()


def test_sets_reps_load_rest_notes_and_rename_are_applied(mesocycle):
    frames = week_frames(mesocycle, 1)
    exercises = frames.exercises.copy()
    exercises.loc[0, ["exercise", "sets", "reps", "load", "rest_seconds", "notes"]] = [
        "Front Squat",
        5,
        "8-10",
        "82.5 kg",
        120,
        "pause at the bottom",
    ]
    result = apply_week_edits(mesocycle, 1, frames.sessions, exercises)
    edited = find_week(result, 1).workouts[0].exercises[0]
    assert edited.name == "Front Squat"
    assert (edited.sets, edited.reps, edited.reps_max) == (5, 8, 10)
    assert (edited.load_kg, edited.pct_one_rm) == (82.5, None)
    assert edited.rest_seconds == 120
    assert edited.notes == "pause at the bottom"
    # Ids survive, so confirming the edited preview is still recognised as the same plan.
    assert find_week(result, 1).workouts[0].id == find_week(mesocycle, 1).workouts[0].id
    # Other weeks are untouched.
    assert find_week(result, 2) == find_week(mesocycle, 2)


def test_added_and_removed_rows(mesocycle):
    frames = week_frames(mesocycle, 1)
    exercises = frames.exercises.drop(index=0).reset_index(drop=True)
    added = {column: None for column in EXERCISE_COLUMNS}
    added.update(session=2, block="Accessory", exercise="Face Pull", sets=3, reps="15")
    blank = dict.fromkeys(EXERCISE_COLUMNS)  # an added row left empty is ignored
    exercises = pd.concat([exercises, pd.DataFrame([added, blank])], ignore_index=True)
    result = apply_week_edits(mesocycle, 1, None, exercises)
    week = find_week(result, 1)
    assert [e.name for e in week.workouts[0].exercises] == ["Lift 1"]
    second = week.workouts[1]
    assert [b.label for b in second.blocks] == ["Main", "Accessory"]
    assert second.blocks[1].exercises[0].activity == "Face Pull: 3x15"


def test_session_day_and_type_change_moves_the_date_and_resorts(mesocycle):
    frames = week_frames(mesocycle, 1)
    sessions = frames.sessions.copy()
    sessions.loc[0, ["day", "session_type", "title"]] = ["Sat", "mobility", "Mobility flow"]
    result = apply_week_edits(mesocycle, 1, sessions, frames.exercises)
    week = find_week(result, 1)
    moved = week.workouts[-1]
    assert moved.date == date(2026, 12, 5)
    assert moved.session_type == SessionType.MOBILITY
    assert moved.title == "Mobility flow"
    assert [w.date for w in week.workouts] == sorted(w.date for w in week.workouts)
    # Its exercises went with it (they belong to session #1, wherever it now sits).
    assert moved.id == find_week(mesocycle, 1).workouts[0].id
    assert moved.exercises == find_week(mesocycle, 1).workouts[0].exercises


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("load", "-5 kg", "load cannot be negative"),
        ("load", "heavy", "load must be kg"),
        ("exercise", "  ", "needs a name"),
        ("sets", 0, "sets"),
        ("sets", None, "sets are missing"),
        ("reps", "lots", "reps must be a number or a range"),
        ("effort", "hard", "effort must look like"),
        ("rest_seconds", -30, "rest cannot be negative"),
        ("session", 9, "session must be a number from 1 to 4"),
    ],
)
def test_bad_cells_are_refused_with_a_path(mesocycle, column, value, message):
    frames = week_frames(mesocycle, 2)
    exercises = frames.exercises.astype(object)
    exercises.loc[1, column] = value
    with pytest.raises(InvalidPlan) as caught:
        apply_week_edits(mesocycle, 2, frames.sessions, exercises)
    assert message in str(caught.value)
    assert str(caught.value).startswith("Week 2")
    assert all(line.startswith("week 2 ›") for line in caught.value.problems)


def test_problem_path_names_week_day_and_exercise(mesocycle):
    frames = week_frames(mesocycle, 2)
    exercises = frames.exercises.copy()
    exercises.loc[0, "load"] = "-10"
    with pytest.raises(InvalidPlan) as caught:
        apply_week_edits(mesocycle, 2, None, exercises)
    assert caught.value.problems == ["week 2 › Mon › Lift 0: load cannot be negative ('-10')"]


def test_a_weekday_outside_a_transition_week_is_refused():
    mesocycle = make_mesocycle(THURSDAY_START, weeks=4)
    frames = week_frames(mesocycle, 0)
    sessions = frames.sessions.copy()
    sessions.loc[0, "day"] = "Mon"
    with pytest.raises(InvalidPlan) as caught:
        apply_week_edits(mesocycle, 0, sessions, None)
    assert "Mon is outside week 0 (Thu 26 Nov – Sun 29 Nov)" in str(caught.value)


def test_unknown_day_and_type_and_missing_title(mesocycle):
    frames = week_frames(mesocycle, 1)
    sessions = frames.sessions.astype(object)
    sessions.loc[0, ["day", "session_type", "title"]] = ["Funday", "yoga", ""]
    with pytest.raises(InvalidPlan) as caught:
        apply_week_edits(mesocycle, 1, sessions, None)
    text = "\n".join(caught.value.problems)
    assert "day must be one of Mon" in text
    assert "session type must be one of" in text
    assert "needs a title" in text


def test_sessions_cannot_be_added_in_the_sessions_table(mesocycle):
    frames = week_frames(mesocycle, 1)
    sessions = pd.concat([frames.sessions, frames.sessions.iloc[[0]]], ignore_index=True)
    with pytest.raises(InvalidPlan, match="cannot be added or removed"):
        apply_week_edits(mesocycle, 1, sessions, None)


def test_apply_all_edits_keeps_a_bad_week_out_and_reports_it(mesocycle):
    good = week_frames(mesocycle, 1).exercises.copy()
    good.loc[0, "sets"] = 6
    bad = week_frames(mesocycle, 2).exercises.copy()
    bad.loc[0, "load"] = "-1 kg"
    result, failures = apply_all_edits(mesocycle, {1: (None, good), 2: (None, bad)})
    assert find_week(result, 1).workouts[0].exercises[0].sets == 6
    assert find_week(result, 2) == find_week(mesocycle, 2)
    assert list(failures) == [2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (None, None)),
        ("6", (6, None)),
        ("8-12", (8, 12)),
        (" 8 – 12 ", (8, 12)),
        (5.0, (5, None)),
    ],
)
def test_parse_reps(text, expected):
    assert parse_reps(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (None, None)),
        (None, (None, None)),
        ("80", (80.0, None)),
        ("82,5 kg", (82.5, None)),
        ("75%", (None, 75.0)),
        ("72.5 % 1RM", (None, 72.5)),
    ],
)
def test_parse_load(text, expected):
    assert parse_load(text) == expected


def test_parse_effort_and_round_trip_formatting():
    assert parse_effort("RPE 8") == (8.0, None)
    assert parse_effort("RIR 2") == (None, 2.0)
    assert parse_effort("RPE 8 · RIR 2") == (8.0, 2.0)
    exercise = Exercise(name="Row", sets=3, reps=10, load_kg=60, rpe=8, rir=2)
    assert parse_load(format_load(exercise)) == (60.0, None)
    assert parse_effort(format_effort(exercise)) == (8.0, 2.0)


@dataclass
class _Problem:
    severity: str
    path: object
    message: str


def test_problems_are_grouped_by_week_and_day():
    problems = [
        _Problem("error", "week 2 › Thu › Back Squat", "too heavy"),
        _Problem("warning", ("week 2",), "volume jumps"),
        _Problem("error", "phase", "too few weeks"),
        _Problem("warning", "week 3 › Monday", "two heavy days"),
    ]
    grouped = group_problems(problems)
    assert [p.message for p in grouped.for_day(2, "Thu")] == ["too heavy"]
    assert [p.message for p in grouped.for_week(2)] == ["volume jumps"]
    assert [p.message for p in grouped.general] == ["too few weeks"]
    assert [p.message for p in grouped.for_day(3, "Mon")] == ["two heavy days"]
    assert path_week("Week 12 › Sun") == 12
    assert path_day("week 1 › Tue 01 Dec › Squat") == "Tue"


def test_review_text(mesocycle):
    workout = find_week(mesocycle, 1).workouts[0]
    assert session_heading(workout) == "Mon 30 Nov · Session 1 — lift, 60 min, RPE 7"
    assert "avg intensity 70% 1RM" in target_summary(mesocycle, 1)
    assert "deload" in target_summary(mesocycle, 4)
    assert target_summary(mesocycle, 0).startswith("Transition")


def test_workout_targets_survive_an_edit(mesocycle):
    from core.schemas import KeyValuePair

    week = find_week(mesocycle, 1)
    tagged = week.workouts[0].model_copy(update={"targets": [KeyValuePair(key="sRPE", value=420)]})
    week = week.model_copy(update={"workouts": [tagged, *week.workouts[1:]]})
    mesocycle = mesocycle.model_copy(
        update={"microcycles": [week if m.week_number == 1 else m for m in mesocycle.microcycles]}
    )
    frames = week_frames(mesocycle, 1)
    for sessions, exercises in ((frames.sessions, frames.exercises), (frames.sessions, None)):
        result = apply_week_edits(mesocycle, 1, sessions, exercises)
        assert result.model_dump() == mesocycle.model_dump()
