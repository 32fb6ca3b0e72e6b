"""The Load charts' window: the last weeks to this one and the next few drawn, computed over the
whole history; every week when asked, or when the workouts all lie outside the window."""

from __future__ import annotations

import math
import uuid
from datetime import date, timedelta

from core.dates import monday_of
from core.read_models import WorkoutRecord
from core.schemas import WorkoutStatus
from tests.factories import make_profile
from ui.load_view import CHART_KEYS, WEEKS_AHEAD, build_chart, recent_window, workouts_frame

TODAY = date(2026, 11, 25)  # a Wednesday
THIS_WEEK = monday_of(TODAY)
SQUATS = [
    {"label": "Main", "exercises": [{"name": "Back Squat", "sets": 3, "reps": 5, "loadKg": 100}]}
]


def _workout(day: date) -> WorkoutRecord:
    past = day <= TODAY
    return WorkoutRecord(
        id=uuid.uuid4(),
        microcycle_id=uuid.uuid4(),
        date=day,
        day_slot=0,
        session_type="lift",
        title=f"Session {day:%a}",
        blocks=SQUATS,
        planned_minutes=60,
        target_rpe=7.0,
        notes=None,
        status=WorkoutStatus.COMPLETED if past else WorkoutStatus.SCHEDULED,
        completed_at=None,
        session_rpe=7.0 if past else None,
        actual_minutes=55 if past else None,
    )


def _year() -> list[WorkoutRecord]:
    """Two sessions a week from 44 weeks ago to 8 weeks ahead."""
    first = THIS_WEEK - timedelta(weeks=44)
    return [
        _workout(first + timedelta(weeks=week, days=day)) for week in range(53) for day in (0, 3)
    ]


def _weeks_drawn(chart_key: str, recent_weeks: int | None) -> set[date]:
    frame = workouts_frame(_year())
    chart = build_chart(chart_key, frame, make_profile(), TODAY, recent_weeks=recent_weeks)
    days = {
        date.fromisoformat(str(day)[:10]) for trace in chart.figure.data for day in trace.x or ()
    }
    return {monday_of(day) for day in days}


def test_a_window_draws_its_weeks_only_and_all_weeks_draws_every_one() -> None:
    window = {THIS_WEEK + timedelta(weeks=week) for week in range(-11, WEEKS_AHEAD + 1)}
    for key in CHART_KEYS:
        # the ACWR is of the load recorded, up to today
        expected = {week for week in window if week <= THIS_WEEK} if key == "acwr" else window
        assert _weeks_drawn(key, 12) == expected, key
    assert min(_weeks_drawn("tonnage", None)) == THIS_WEEK - timedelta(weeks=44)
    assert max(_weeks_drawn("tonnage", None)) == THIS_WEEK + timedelta(weeks=8)


def test_the_window_is_computed_over_the_whole_history() -> None:
    """The ACWR's 28-day average in the window's first week is the one of the whole history: the
    window clips what is drawn, not what the average remembers."""
    frame = workouts_frame(_year())
    profile = make_profile()
    recent = build_chart("acwr", frame, profile, TODAY, recent_weeks=12).figure
    every = build_chart("acwr", frame, profile, TODAY).figure

    def chronic(figure):  # type: ignore[no-untyped-def]
        trace = next(t for t in figure.data if t.name.startswith("Chronic"))
        return dict(zip(trace.x, trace.y, strict=True))

    window_values = chronic(recent)
    assert window_values and all(
        chronic(every)[day] == value for day, value in window_values.items()
    )
    assert not any("not yet meaningful" in (t.name or "") for t in recent.data), "past day 28"


def test_no_window_when_every_workout_is_outside_it() -> None:
    long_ago = (date(2024, 1, 1), date(2024, 6, 30))
    assert recent_window(*long_ago, TODAY, 12) is None
    assert recent_window(date(2026, 1, 1), date(2027, 1, 1), TODAY, None) is None
    start, end = recent_window(date(2026, 1, 1), date(2027, 1, 1), TODAY, 12) or (None, None)
    assert (start, end) == (
        THIS_WEEK - timedelta(weeks=11),
        THIS_WEEK + timedelta(weeks=WEEKS_AHEAD + 1),
    )


def _points(figure) -> dict[tuple[str, str, str], float]:  # type: ignore[no-untyped-def]
    """Every drawn value by trace, x and (for a heatmap) row."""
    points: dict[tuple[str, str, str], float] = {}
    for trace in figure.data:
        if trace.type == "heatmap":
            for row, values in zip(trace.y, trace.z, strict=True):
                for day, value in zip(trace.x, values, strict=True):
                    points[(trace.name, str(day), str(row))] = float(value)
        else:
            for day, value in zip(trace.x, trace.y, strict=True):
                points[(trace.name, str(day), "")] = float(value)
    return points


def test_the_window_draws_the_values_every_week_has_for_its_weeks() -> None:
    """The weekly charts are computed from the window's workouts alone: the same numbers as the
    whole history's for those weeks."""
    frame = workouts_frame(_year())
    profile = make_profile()
    for key in CHART_KEYS:
        recent = _points(build_chart(key, frame, profile, TODAY, recent_weeks=12).figure)
        every = _points(build_chart(key, frame, profile, TODAY).figure)
        assert recent, key
        for point, value in recent.items():
            same = every[point] == value or (math.isnan(value) and math.isnan(every[point]))
            assert same, (key, point)
