"""The Progress page's shapes: the e1RM trend per lift and the rep-max records, from logged sets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

# pyarrow comes with Streamlit (its tables travel as Arrow) and ships no type information.
import pyarrow as pa  # type: ignore[import-untyped]

from core.load.e1rm import DatedSet, LiftBest, daily_best, rep_records
from core.units import LoadUnit, load_from_kg
from ui.figures import (
    BLUE,
    BLUISH_GREEN,
    DAY_MS,
    LEGEND_ABOVE,
    ORANGE,
    PLAIN,
    REDDISH_PURPLE,
    SKY_BLUE,
    VERMILLION,
    X_AXIS_ROOM,
    Y_AXIS_ROOM,
    TimeAxis,
    apply_time_axis,
    time_axis_layout,
)
from ui.markdown import plot_text

NO_LOGGED_SETS = "No logged sets with a load yet: log a session set by set on the Workouts page"
CHART_MARGIN = {"l": Y_AXIS_ROOM, "r": 0, "t": 40, "b": X_AXIS_ROOM}
"""Both charts' axes and one legend row above, laid out up front: Plotly draws the chart once
instead of drawing it, widening its margins and drawing it again (``ui.figures.Y_AXIS_ROOM``;
switching to Progress for a client with a year of logs, 244 → 143 ms in Chromium)."""
# The charts' one palette (Okabe–Ito, ui.figures), one colour per lift.
LIFT_COLOURS = (BLUE, ORANGE, BLUISH_GREEN, REDDISH_PURPLE, SKY_BLUE, VERMILLION)


def main_lifts(bests: Sequence[LiftBest], limit: int = 6) -> list[str]:
    """The lifts logged most often with a load (the ones worth a trend), most frequent first."""
    counts: dict[str, int] = {}
    for best in bests:
        counts[best.lift] = counts.get(best.lift, 0) + 1
    return sorted(counts, key=lambda lift: (-counts[lift], lift))[:limit]


def e1rm_figure(
    sets: Sequence[DatedSet], today: date | None = None, unit: LoadUnit = LoadUnit.KG
) -> go.Figure:
    """One line per main lift: the best estimated 1RM of each day it was trained, in ``unit``."""
    bests = daily_best(sets)
    figure = go.Figure()
    if not bests:
        figure.add_annotation(
            text=NO_LOGGED_SETS, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper"
        )
        figure.update_xaxes(visible=False)
        figure.update_yaxes(visible=False)
        figure.update_layout(
            template=PLAIN, height=260, margin={"l": 10, "r": 10, "t": 20, "b": 10}
        )
        return figure
    traces = []
    for colour, lift in zip(LIFT_COLOURS, main_lifts(bests), strict=False):
        points = [best for best in bests if best.lift == lift]
        traces.append(
            {
                "type": "scatter",
                "name": plot_text(lift),
                "x": [str(point.day) for point in points],
                "y": [round(load_from_kg(point.e1rm, unit), 1) for point in points],
                "mode": "lines+markers",
                "line": {"color": colour},
                "hovertemplate": f"%{{x}}: e1RM %{{y:.1f}} {unit}<extra>"
                + plot_text(lift)
                + "</extra>",
            }
        )
    days = [best.day for best in bests]
    # One constructor, the time axis as layout keys: each update_* call validates the layout
    # again (two thirds of the figure's 35 ms for a year of logs).
    return go.Figure(
        data=traces,
        layout={
            "template": PLAIN,  # no plotly template: 3.7 KB of its defaults sent with every figure
            "height": 380,
            "yaxis": {"title": {"text": f"Estimated 1RM ({unit})"}, "rangemode": "tozero"},
            "legend": LEGEND_ABOVE,
            "margin": CHART_MARGIN,
            **time_axis_layout(_axis(min(days), max(days), today)),
        },
    )


def _axis(first: date, last: date, today: date | None) -> TimeAxis:
    """The Monday weeks from the first point to the last, or to today when that is later."""
    end = max(last, today) if today is not None else last
    return TimeAxis.spanning(first, end, today)


def records_frame(sets: Sequence[DatedSet], unit: LoadUnit = LoadUnit.KG) -> pd.DataFrame:
    """The heaviest set per lift and rep count (rep-max records), and when it was first lifted;
    the load column in ``unit`` ('Kg' or 'Lb', to 2 decimals: a 185 lb set reads 185)."""
    column = unit.value.capitalize()
    rows = [
        {
            "Lift": r.lift,
            "Reps": r.reps,
            column: round(load_from_kg(r.load_kg, unit), 2),
            "Date": r.day,
        }
        for r in rep_records(sets)
    ]
    return pd.DataFrame(rows, columns=["Lift", "Reps", column, "Date"])


def fitness_figure(frame: pd.DataFrame, today: date | None = None) -> go.Figure:
    """Fitness (42-day) and fatigue (7-day) load, and form, day by day: a description, not a
    forecast."""
    figure = go.Figure()
    if frame.empty or not frame["load"].any():
        figure.add_annotation(
            text="No completed sessions with a session RPE yet",
            showarrow=False,
            x=0.5,
            y=0.5,
            xref="paper",
            yref="paper",
        )
        figure.update_xaxes(visible=False)
        figure.update_yaxes(visible=False)
        figure.update_layout(
            template=PLAIN, height=260, margin={"l": 10, "r": 10, "t": 20, "b": 10}
        )
        return figure
    first = frame["date"].iloc[0]
    for column, name, colour, dash in (
        ("fitness", "Fitness (42 days)", LIFT_COLOURS[0], "solid"),
        ("fatigue", "Fatigue (7 days)", LIFT_COLOURS[5], "solid"),
        ("form", "Form (yesterday's fitness − fatigue)", LIFT_COLOURS[2], "dot"),
    ):
        figure.add_trace(
            go.Scatter(
                name=name,
                # one value a calendar day (fitness_fatigue fills every day): the first day and a
                # day's step, not a date string per point and trace
                x0=str(first),
                dx=DAY_MS,
                xhoverformat="%a %d %b %Y",
                y=frame[column].round(1).tolist(),
                mode="lines",
                line={"color": colour, "dash": dash},
            )
        )
    figure.update_layout(
        template=PLAIN,
        height=360,
        xaxis={"type": "date"},
        yaxis={"title": "sRPE load (AU per day)"},
        legend=LEGEND_ABOVE,
        margin=CHART_MARGIN,
    )
    return apply_time_axis(figure, _axis(first, frame["date"].iloc[-1], today))


@dataclass(frozen=True)
class ProgressCharts:
    """What the Progress page always draws for one span: built once per version of the client's
    data (``ui.page_data.progress``), since a plotly figure of a year of days costs more to build
    than the page's whole rerun otherwise. The fitness chart is drawn on request
    (``fitness_chart``, over the same ``since``)."""

    e1rm: go.Figure
    records: pa.Table
    """``records_frame`` as Arrow: st.dataframe sends it as it is (a pandas frame is converted on
    every run)."""
    since: date | None
    """The first day shown; ``None``: the whole history."""
    whole_history: bool
    """Nothing was logged in the recent weeks asked for, so the whole history is drawn."""


def progress_charts(
    sets: Sequence[DatedSet], today: date, unit: LoadUnit, recent_weeks: int | None
) -> ProgressCharts:
    """The e1RM trend of the last ``recent_weeks`` (every day with ``None``, or when nothing was
    logged in those weeks), and the all-time records."""
    since = None if recent_weeks is None else today - timedelta(weeks=recent_weeks)
    shown = list(sets) if since is None else [logged for logged in sets if logged.day >= since]
    whole_history = bool(sets) and not shown
    if whole_history:
        shown, since = list(sets), None
    records = pa.Table.from_pandas(records_frame(sets, unit), preserve_index=False)
    return ProgressCharts(
        e1rm=e1rm_figure(shown, today, unit),
        records=records,
        since=since,
        whole_history=whole_history,
    )


def fitness_chart(load: pd.DataFrame, since: date | None, today: date) -> go.Figure:
    """The fitness chart from ``since`` (``ProgressCharts.since``; ``None``: every day).

    ``load`` is the fitness frame of the whole history (a 42-day average needs its past)."""
    if since is not None:
        load = load[load["date"] >= since]
    return fitness_figure(load, today)
