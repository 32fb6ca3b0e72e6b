"""The Load page's five charts for one client: stored workouts → core.load frames → ui.figures.

Each chart is built on its own (``build_chart``) from the workouts frame, computing only the frames
it needs, so a page showing one chart pays for that chart only. A chart shows the weeks of its
``TimeAxis``: every week of the client's workouts, or a window round today (``time_axis``). The
weekly charts are computed from the window's workouts, the ACWR over the whole history (a 28-day
average needs its past) and drawn for the window, so a year of weeks is not sent to the browser
to show four months.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from core import load
from core.dates import monday_of
from core.load.e1rm import DatedSet
from core.read_models import WorkoutRecord
from core.schemas import ClientProfile, effective_units
from core.validation.measures import HARD_SET_MAX_RIR, HARD_SET_MIN_RPE
from ui import figures
from ui.hard_sets_figure import hard_sets_figure


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    figure: go.Figure
    caption: str


# key → the title the coach sees (the page's chart picker and the chart's subheader), in page order.
CHART_TITLES: dict[str, str] = {
    "tonnage": "Tonnage",
    "hard_sets": "Hard sets per muscle",
    "srpe": "Session-RPE load",
    "acwr": "Acute:chronic workload",
    "compliance": "Compliance",
}
CHART_KEYS: tuple[str, ...] = tuple(CHART_TITLES)
RECENT_WEEKS = 12
"""The Load page's default window: this many weeks up to the current one (with it) …"""
WEEKS_AHEAD = 4
"""… and this many after it (the plan coming up)."""
Axis = figures.TimeAxis


def workouts_frame(workouts: Iterable[WorkoutRecord]) -> pd.DataFrame:
    """The ``core.load`` workouts frame of stored workouts."""
    return load.workouts_frame(workout.as_row() for workout in workouts)


def build_chart(
    key: str,
    frame: pd.DataFrame,
    profile: ClientProfile,
    today: date,
    done_sets: pd.DataFrame | None = None,
    recent_weeks: int | None = None,
) -> Chart:
    """One of the five charts (``CHART_KEYS``) from the workouts frame; ``KeyError`` for another.

    ``done_sets`` (``core.load.weekly_done_hard_sets`` of the sets logged) is read by the hard-sets
    chart only, which draws it beside the plan's. ``recent_weeks``: the window ``time_axis`` draws
    (``None``: every week)."""
    builder = _BUILDERS[key]
    axis = time_axis(frame, today, recent_weeks)
    # Every figure but the ACWR's (whose 28-day average remembers the weeks before) is week by
    # week: computed from the window's workouts only.
    shown = frame if key == "acwr" or recent_weeks is None else _within(frame, axis, "date")
    if key == "hard_sets":
        figure, caption = _hard_sets(shown, profile, axis, done_sets)
    else:
        figure, caption = builder(shown, profile, axis)
    return Chart(key, CHART_TITLES[key], figure, caption)


def time_axis(
    frame: pd.DataFrame, today: date, recent_weeks: int | None = None
) -> figures.TimeAxis:
    """The weeks every chart of the page spans: the client's first to last workout, and today.

    One span for all five charts, so their weeks line up and carry the same labels. With
    ``recent_weeks``, only the window of the ``recent_weeks`` up to this week and the
    ``WEEKS_AHEAD`` after it (``recent_window``), when the workouts reach into it."""
    if frame.empty:
        return figures.TimeAxis.spanning(today, today, today)
    days = pd.to_datetime(frame["date"])
    first, last = days.min().date(), days.max().date()
    start, end = min(first, today), max(last, today)
    window = recent_window(first, last, today, recent_weeks)
    if window is not None:
        start, end = max(start, window[0]), min(end, window[1] - timedelta(days=1))
    return figures.TimeAxis.spanning(start, end, today)


def recent_window(
    first: date, last: date, today: date, recent_weeks: int | None
) -> tuple[date, date] | None:
    """The first Monday and the Monday after the last week of the window round ``today``;
    ``None`` for every week: none asked for, or the workouts (``first`` … ``last``) all before or
    after it."""
    if recent_weeks is None:
        return None
    this_week = monday_of(today)
    window = (
        this_week - timedelta(weeks=recent_weeks - 1),
        this_week + timedelta(weeks=WEEKS_AHEAD + 1),
    )
    return window if first < window[1] and last >= window[0] else None


def _dates(column: pd.Series) -> list[date]:
    return [day if isinstance(day, date) else pd.Timestamp(day).date() for day in column]


def _within(frame: pd.DataFrame, axis: Axis, column: str = "week_start") -> pd.DataFrame:
    """The rows of the weeks (or days) ``axis`` spans: the window drawn."""
    if frame.empty:
        return frame
    keep = [axis.start <= day < axis.end for day in _dates(frame[column])]
    return frame[keep]


def load_charts(
    workouts: Iterable[WorkoutRecord],
    profile: ClientProfile,
    today: date,
    logged: Iterable[DatedSet] = (),
) -> list[Chart]:
    """Tonnage, hard sets per muscle (planned and, from the ``logged`` sets, done), sRPE
    (monotony/strain), EWMA ACWR, compliance."""
    frame = workouts_frame(workouts)
    done = load.weekly_done_hard_sets(logged)
    return [build_chart(key, frame, profile, today, done) for key in CHART_KEYS]


def _tonnage(frame: pd.DataFrame, profile: ClientProfile, axis: Axis) -> tuple[go.Figure, str]:
    today = _today(axis)
    unit = effective_units(profile).load  # the page passes the profile with its units filled in
    return (
        figures.tonnage_figure(
            _within(load.weekly_tonnage(frame, profile.one_rep_maxes, today), axis), axis, unit
        ),
        f"Volume load Σ reps × {unit} per week: planned vs completed (the sets logged, or the "
        "prescription of a session logged without sets; %1RM uses the client's 1RMs).",
    )


def _hard_sets(
    frame: pd.DataFrame, profile: ClientProfile, axis: Axis, done: pd.DataFrame | None = None
) -> tuple[go.Figure, str]:
    low, high = load.set_band(profile.experience)
    done = _within(done, axis) if done is not None else None
    planned = _within(load.weekly_hard_sets(frame), axis)
    figure = hard_sets_figure(planned, (low, high), axis, done=done)
    logged = done is not None and bool(done["sets"].fillna(0).gt(0).any())
    counted = "prime mover 1 set, synergist ½"
    if logged:
        sets = (
            f"Left, the sets as planned (skipped sessions left out); right, the sets logged at "
            f"RIR {HARD_SET_MAX_RIR:g} or less, or RPE {HARD_SET_MIN_RPE:g} or more (a set logged "
            f"without effort counts), blank for the weeks ahead; {counted}."
        )
    else:
        sets = f"Sets as planned (skipped sessions left out): {counted}."
    return (
        figure,
        f"{sets} The band for {_a(profile.experience.value)} lifter is {low}–{high} sets a week: "
        "orange cells are under it, green in it, purple over it. The outlined column is this week.",
    )


def _srpe(frame: pd.DataFrame, profile: ClientProfile, axis: Axis) -> tuple[go.Figure, str]:
    return (
        figures.srpe_figure(_within(load.weekly_srpe(frame), axis), axis),
        "Session RPE × minutes (Foster 2001), with weekly monotony and strain (Foster 1998).",
    )


def _acwr(frame: pd.DataFrame, profile: ClientProfile, axis: Axis) -> tuple[go.Figure, str]:
    today = _today(axis)
    daily = load.daily_srpe(frame, planned=False, end=today) if not frame.empty else None
    acwr = load.ewma_acwr(daily) if daily is not None and len(daily) else _no_acwr()
    return (
        figures.acwr_figure(_within(acwr, axis, "date"), axis),
        "EWMA 7/28 days (Williams 2017) of recorded sRPE. Greyed for the first 28 days, when "
        "the chronic average is not yet meaningful. A descriptive trend only: it does not "
        "predict injury (Impellizzeri 2020).",
    )


def _compliance(frame: pd.DataFrame, profile: ClientProfile, axis: Axis) -> tuple[go.Figure, str]:
    return (
        figures.compliance_figure(_within(load.weekly_compliance(frame, _today(axis)), axis), axis),
        "Completed ÷ (completed + skipped + missed) per week; sessions still ahead don't count.",
    )


def _a(word: str) -> str:
    """'a beginner', 'an intermediate'."""
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def _today(axis: Axis) -> date:
    assert axis.today is not None  # time_axis always sets it
    return axis.today


# the hard-sets chart also takes the sets done (build_chart passes them)
_BUILDERS: dict[str, Callable[[pd.DataFrame, ClientProfile, Axis], tuple[go.Figure, str]]] = {
    "tonnage": _tonnage,
    "hard_sets": _hard_sets,
    "srpe": _srpe,
    "acwr": _acwr,
    "compliance": _compliance,
}


def _no_acwr() -> pd.DataFrame:
    return load.ewma_acwr(pd.Series([], index=pd.DatetimeIndex([], name="date"), dtype="float64"))
