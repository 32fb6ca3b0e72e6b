"""The Progress page's e1RM trend and rep records from logged sets."""

from __future__ import annotations

from datetime import date

import pandas as pd

from core.load.e1rm import DatedSet, daily_best
from core.load.fitness import fitness_fatigue
from core.session_log import SetResult
from ui.figures import DAY_MS, X_AXIS_ROOM, Y_AXIS_ROOM
from ui.progress_view import (
    NO_LOGGED_SETS,
    e1rm_figure,
    fitness_figure,
    main_lifts,
    records_frame,
)


def _set(lift: str, day: int, kg: float, reps: int = 5) -> DatedSet:
    return DatedSet(
        date(2026, 12, day),
        SetResult(exercise_index=0, exercise=lift, set_number=1, reps=reps, load_kg=kg, rir=1),
    )


def test_one_line_per_lift_with_each_days_best() -> None:
    sets = [_set("Back Squat", 7, 100), _set("Back Squat", 10, 105), _set("Bench Press", 8, 70)]
    figure = e1rm_figure(sets)
    assert [trace.name for trace in figure.data] == ["Back Squat", "Bench Press"]
    squat = figure.data[0]
    assert list(squat.x) == ["2026-12-07", "2026-12-10"]
    assert list(squat.y) == [120.0, 126.0]
    assert main_lifts(daily_best(sets)) == ["Back Squat", "Bench Press"]


def test_no_loaded_sets_say_so_and_records_list_the_heaviest() -> None:
    assert NO_LOGGED_SETS in e1rm_figure([]).layout.annotations[0].text
    records = records_frame([_set("Deadlift", 7, 140, 3), _set("Deadlift", 9, 150, 3)])
    assert records.to_dict("records") == [
        {"Lift": "Deadlift", "Reps": 3, "Kg": 150, "Date": date(2026, 12, 9)}
    ]


def test_the_fitness_chart_draws_three_lines_or_says_why_not() -> None:
    frame = fitness_fatigue(
        pd.Series([300.0, 0.0, 450.0], index=pd.date_range("2026-12-07", periods=3, freq="D"))
    )
    figure = fitness_figure(frame)
    assert [trace.name for trace in figure.data] == [
        "Fitness (42 days)",
        "Fatigue (7 days)",
        "Form (yesterday's fitness − fatigue)",
    ]
    fitness = figure.data[0]  # one value a day: the first day and a day's step
    assert (fitness.x0, fitness.dx, list(fitness.y)) == ("2026-12-07", DAY_MS, [7.1, 7.0, 17.5])
    empty = fitness_figure(fitness_fatigue(pd.Series([], dtype="float64")))
    assert "No completed sessions" in empty.layout.annotations[0].text


def test_the_progress_charts_use_the_monday_week_axis_and_mark_today() -> None:
    figure = e1rm_figure(
        [_set("Back Squat", 2, 100), _set("Back Squat", 16, 105)], date(2026, 12, 18)
    )
    mondays = [date.fromisoformat(day[:10]) for day in figure.layout.xaxis.minor.tickvals]
    assert mondays[0] == date(2026, 11, 30) and all(day.weekday() == 0 for day in mondays)
    assert mondays[-1] == date(2026, 12, 21)  # the week holding today is shown whole
    assert any(shape.type == "line" for shape in figure.layout.shapes)  # today's line


def test_both_progress_charts_leave_their_axes_room_up_front_and_no_right_margin() -> None:
    """So that Plotly's first layout pass fits and it draws the chart once (ui.figures.Y_AXIS_ROOM);
    a right margin above 0 would pad every axis's claim on the margins."""
    e1rm = e1rm_figure([_set("Back Squat", 2, 100), _set("Back Squat", 16, 105)])
    fitness = fitness_figure(
        fitness_fatigue(pd.Series([300.0], index=pd.date_range("2026-12-07", periods=1)))
    )
    for figure in (e1rm, fitness):
        margin = figure.layout.margin
        assert (margin.l, margin.r, margin.b) == (Y_AXIS_ROOM, 0, X_AXIS_ROOM)
