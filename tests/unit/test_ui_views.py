"""Screen shaping in ui/, pure (no Streamlit run): the Workouts calendar, the Load charts, the
profile form, the program timeline."""

from __future__ import annotations

import copy
import uuid
from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from core.errors import InvalidPlan
from core.generation.engine import OfflineEngine
from core.load.compliance import week_counts
from core.read_models import ClientRecord, MesocycleSummary, ProgramRecord, WorkoutRecord
from core.schemas import Goal, WorkoutStatus
from core.service import PhaseSlot
from tests.factories import make_plan, make_profile
from ui.calendar_view import (
    MISSED_LABEL,
    calendar_weeks,
    default_week,
    in_week,
    week_end,
    week_label,
    week_table,
    workout_label,
)
from ui.load_view import CHART_KEYS, CHART_TITLES, build_chart, load_charts, workouts_frame
from ui.profile_form import (
    format_one_rep_maxes,
    parse_one_rep_maxes,
    profile_from_form,
    roster_frame,
)
from ui.program_view import (
    phases_frame,
    program_label,
    renamed_for_goal,
    targets_frame,
    timeline,
)

TODAY = date(2026, 11, 25)  # a Wednesday


def _workout(day: date, status: str = "scheduled", kind: str = "lift", **extra) -> WorkoutRecord:
    values = {
        "id": uuid.uuid4(),
        "microcycle_id": uuid.uuid4(),
        "date": day,
        "day_slot": 0,
        "session_type": kind,
        "title": f"Session {day:%a}",
        "blocks": [],
        "planned_minutes": 60,
        "target_rpe": 7.0,
        "notes": None,
        "status": WorkoutStatus(status),
        "completed_at": datetime(2026, 11, 24) if status == "completed" else None,
        "session_rpe": None,
        "actual_minutes": None,
    }
    values.update(extra)
    return WorkoutRecord(**values)


WORKOUTS = [
    _workout(date(2026, 11, 16), "completed", session_rpe=8, actual_minutes=55),
    _workout(date(2026, 11, 23), "completed", session_rpe=7.5, actual_minutes=62),
    _workout(date(2026, 11, 24), "skipped"),
    _workout(date(2026, 11, 24), kind="rest", title="Rest"),
    _workout(date(2026, 11, 22)),  # Sunday of the previous week, never logged: missed
    _workout(date(2026, 11, 26)),
    _workout(date(2026, 12, 1)),
]


def test_weeks_and_the_default_week():
    weeks = calendar_weeks(WORKOUTS)
    assert weeks == [date(2026, 11, 16), date(2026, 11, 23), date(2026, 11, 30)]
    assert default_week(weeks, TODAY) == date(2026, 11, 23)
    assert default_week(weeks, date(2027, 1, 1)) == date(2026, 11, 30)
    assert default_week(weeks, date(2026, 1, 1)) == date(2026, 11, 16)
    assert default_week([], TODAY) is None
    assert week_label(date(2026, 11, 23), TODAY) == "Week of Mon 23 Nov 2026 (this week)"
    assert week_label(date(2026, 11, 16), TODAY).endswith("(last week)")


def test_week_table_and_counts():
    week = in_week(WORKOUTS, date(2026, 11, 23))
    table = week_table(week, TODAY).to_pandas()
    assert list(table["Date"]) == ["Mon 23 Nov", "Tue 24 Nov", "Tue 24 Nov", "Thu 26 Nov"]
    assert list(table["Status"])[:2] == ["✓ completed", "✗ skipped"]
    assert table.loc[0, "Session RPE"] == 7.5
    counts = week_counts(date(2026, 11, 23), week, TODAY)
    assert (counts.completed, counts.skipped, counts.missed, counts.upcoming) == (1, 1, 0, 1)
    assert counts.compliance == pytest.approx(0.5)
    previous = in_week(WORKOUTS, date(2026, 11, 16))
    assert MISSED_LABEL in week_table(previous, TODAY).column("Status").to_pylist()
    assert week_counts(date(2026, 11, 16), previous, TODAY).missed == 1
    assert workout_label(WORKOUTS[0]) == "Mon 16 Nov · Session Mon (lift)"


def test_week_end_and_an_empty_week_table():
    assert week_end(date(2026, 11, 23)) == date(2026, 11, 29)
    assert in_week(WORKOUTS, date(2026, 11, 23)) == [
        w for w in WORKOUTS if date(2026, 11, 23) <= w.date <= date(2026, 11, 29)
    ]
    empty = week_table([], TODAY).to_pandas()
    assert list(empty.columns) == [
        "Date",
        "Session",
        "Type",
        "Planned min",
        "Target RPE",
        "Status",
        "Session RPE",
        "Actual min",
    ]
    assert empty.empty
    assert str(empty["Planned min"].dtype) == "float64"
    schema = week_table([], TODAY).schema
    assert str(schema.field("Status").type) == "string"  # text stays text with no row to infer from


def test_week_table_numbers_are_floats_with_gaps():
    table = week_table(in_week(WORKOUTS, date(2026, 11, 23)), TODAY).to_pandas()
    assert [str(table[c].dtype) for c in ("Planned min", "Target RPE", "Actual min")] == [
        "float64"
    ] * 3
    assert list(table["Actual min"].isna()) == [False, True, True, True]
    assert list(table["Planned min"]) == [60.0] * 4


def test_load_charts_one_at_a_time_match_all_five():
    profile = make_profile()
    workouts = [w for w in WORKOUTS if w.session_type != "rest"]
    every = load_charts(workouts, profile, TODAY)
    assert [c.key for c in every] == list(CHART_KEYS)
    assert [c.title for c in every] == list(CHART_TITLES.values())
    frame = workouts_frame(workouts)
    for chart in every:
        alone = build_chart(chart.key, frame, profile, TODAY)
        assert (alone.title, alone.caption) == (chart.title, chart.caption)
        assert alone.figure.to_plotly_json() == chart.figure.to_plotly_json()
    hard_sets = next(chart for chart in every if chart.key == "hard_sets")
    assert "for an intermediate lifter is 10–16 sets a week" in hard_sets.caption
    with pytest.raises(KeyError):
        build_chart("heart_rate", frame, profile, TODAY)


def test_building_the_charts_leaves_the_frame_as_it_was():
    """page_data shares one cached frame between the charts, unpickled copies being slower."""
    workouts = [
        _workout(
            date(2026, 11, 16 + i),
            "completed" if i % 3 else "skipped",
            session_rpe=7,
            actual_minutes=50,
            blocks=[{"label": "Main", "exercises": [{"name": "Back Squat", "sets": 3, "reps": 5}]}],
        )
        for i in range(10)
    ]
    frame = workouts_frame(workouts)
    before = frame.copy(deep=True)
    blocks = copy.deepcopy(list(frame["blocks"]))
    for key in CHART_KEYS:
        build_chart(key, frame, make_profile(), TODAY)
    pd.testing.assert_frame_equal(frame, before)
    assert list(frame["blocks"]) == blocks


def test_one_rep_max_text():
    assert parse_one_rep_maxes("Back Squat: 140\nBench Press = 100 kg; Deadlift:180,5") == {
        "Back Squat": 140.0,
        "Bench Press": 100.0,
        "Deadlift": 180.5,
    }
    assert parse_one_rep_maxes("  \n") == {}
    with pytest.raises(InvalidPlan) as caught:
        parse_one_rep_maxes("squat heavy")
    assert "Back Squat: 140" in caught.value.problems[0]
    assert format_one_rep_maxes({"Back Squat": 140.0}) == "Back Squat: 140"


def test_profile_form_messages_use_the_form_labels():
    with pytest.raises(InvalidPlan) as caught:
        profile_from_form(
            {
                "name": " ",
                "goal": "strength",
                "experience": "beginner",
                "days_per_week": 9,
                "minutes_per_session": 10,
                "one_rep_maxes": "Squat: -5",
                "timezone": "Mars/Olympus",
            }
        )
    text = "\n".join(caught.value.problems)
    assert "Name:" in text
    assert "Days per week: must be at most 7" in text
    assert "Minutes per session:" in text
    assert "1RMs: write one lift per line like 'Back Squat: 140', not 'Squat: -5'" in text
    assert "Time zone: unknown time zone 'Mars/Olympus'" in text


def test_profile_form_and_roster():
    profile = profile_from_form(
        {
            "name": "Ana",
            "goal": "strength",
            "experience": "beginner",
            "days_per_week": 3,
            "minutes_per_session": 45,
            "one_rep_maxes": "Back Squat: 80",
            "bodyweight_kg": 0,
            "timezone": "UTC",
        }
    )
    assert profile.bodyweight_kg is None
    assert profile.one_rep_maxes == {"Back Squat": 80.0}
    frame = roster_frame([ClientRecord(uuid.uuid4(), make_profile())])
    assert frame.loc[0, "Name"] == "Alex Example"
    assert frame.loc[0, "Injuries"] == "—"


def test_phases_timeline_and_targets():
    plan = make_plan(4)
    slots = [
        PhaseSlot("m1", "Base", 0, plan, date(2026, 11, 30)),
        PhaseSlot("m1", "Base", 1, make_plan(4, "Peak"), date(2026, 12, 28)),
    ]
    saved = [
        MesocycleSummary(
            uuid.uuid4(),
            uuid.uuid4(),
            "m1",
            0,
            "Strength",
            4,
            date(2026, 11, 30),
            date(2026, 12, 27),
        )
    ]
    frame = phases_frame(slots, saved)
    assert list(frame["Status"]) == ["saved plan", "outline only"]
    assert frame.loc[1, "End"] == date(2027, 1, 24)
    drawn = timeline(frame, TODAY)
    # both statuses in the legend and as the bars' colours, the dates in a tooltip, today placed
    assert ":blue-background[saved plan]" in drawn.legend
    assert ":gray-background[outline only]" in drawn.legend
    [row] = drawn.rows
    assert [bar.text.split("[")[0] for bar in row.bars] == [":blue-background", ":gray-background"]
    assert row.bars[0].help == "Strength: Mon 30 Nov 2026 – Sun 27 Dec 2026, saved plan"
    assert drawn.today.startswith(f"Today, {TODAY:%a %d %b %Y}: before the program starts")
    targets = targets_frame(plan, date(2026, 11, 26))
    assert targets.loc[0, "Starts"] == date(2026, 11, 30)
    assert "Mileage (km)" not in targets.columns
    assert targets.loc[3, "Deload"] == "yes"


def _program_for(goal: str) -> tuple[ProgramRecord, Goal]:
    profile = make_profile(goal=goal)
    program = OfflineEngine().outline(profile, 12, date(2026, 12, 7))
    record = ProgramRecord(
        uuid.uuid4(), uuid.uuid4(), program, date(2026, 12, 7), 12, "offline", datetime(2026, 12, 1)
    )
    return record, profile.goal


def test_a_program_is_named_after_the_clients_goal():
    record, goal = _program_for("muscle_gain")
    assert record.program.program_type.value == "strength"  # programmed as a strength block…
    assert program_label(record, goal) == (
        "Muscle gain · 12 weeks from 07 Dec 2026 (Offline rule engine)"
    )  # … but named for the goal
    overview = renamed_for_goal(record.program.overview, record, goal)
    assert overview.startswith("12-week muscle gain program for Alex Example")
    assert "strength program" not in overview
    macrocycle = record.program.macrocycles[0].name
    assert renamed_for_goal(macrocycle, record, goal) == "12-week muscle gain macrocycle"
    weight_loss, loss_goal = _program_for("weight_loss")
    assert program_label(weight_loss, loss_goal).startswith("Weight loss · 12 weeks")
    strength, strength_goal = _program_for("strength")
    assert program_label(strength, strength_goal).startswith("Strength · 12 weeks")
    # the goal changed since the program was made: it keeps the name of what it is
    assert program_label(record, Goal.ENDURANCE).startswith("Strength · 12 weeks")
    assert renamed_for_goal(macrocycle, record, Goal.ENDURANCE) == macrocycle


def test_the_timeline_rows_share_one_date_line_and_say_where_today_is():
    start = date(2027, 1, 4)
    frame = pd.DataFrame(
        [
            {
                "#": 1,
                "Macrocycle": "Base block",
                "Phase": "Base",
                "Weeks": 4,
                "Start": start,
                "End": start + timedelta(days=27),
                "Status": "outline only",
            },
            {
                "#": 2,
                "Macrocycle": "Race block",
                "Phase": "Build",
                "Weeks": 4,
                "Start": start + timedelta(days=28),
                "End": start + timedelta(days=55),
                "Status": "outline only",
            },
        ]
    )
    drawn = timeline(frame, start + timedelta(days=30))
    first, second = drawn.rows
    # the second macrocycle's row starts 28 days along the line; each bar is as wide as its days
    assert (first.lead_days, second.lead_days) == (0, 28)
    assert [bar.days for bar in (*first.bars, *second.bars)] == [28, 28]
    assert drawn.today == "Today, Wed 03 Feb 2027: Build, week 1 of 4."
    assert timeline(frame.iloc[0:0]).today == "No phases yet."
