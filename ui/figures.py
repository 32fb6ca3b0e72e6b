"""Plotly figures for the Load page, one builder per chart, fed by the frames of ``core.load``.

Pure functions: a frame in, a ``plotly.graph_objects.Figure`` out, with named traces. A frame with
nothing to draw gives a figure carrying an explanatory annotation instead of raising. The ACWR chart
is a descriptive trend with no injury-risk zones (Impellizzeri et al. 2020: the ratio does not predict
injury).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.load import ACUTE_DAYS, CHRONIC_DAYS

NO_WORKOUTS = "No workouts yet"
NO_COMPLETED = "No completed workouts yet"
NO_TONNAGE = "No loaded sets yet: prescribe kg, or %1RM with the client's 1RM on file"
NO_HARD_SETS = "No sets of library exercises yet"
NO_SRPE = "No session RPE planned or recorded yet"
NO_DUE = "No workouts due yet"

PLANNED_COLOUR = "#9db4d0"
DONE_COLOUR = "#1f5fa8"
ACCENT_COLOUR = "#d9822b"
BAND_COLOUR = "#3a9d5d"
GREY = "#9a9a9a"
WEEK_AXIS = "Week starting"


def empty_figure(message: str = NO_COMPLETED, title: str | None = None) -> go.Figure:
    """A blank figure whose only content is ``message``, centred (hidden axes)."""
    figure = go.Figure()
    figure.add_annotation(
        text=message,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 15, "color": GREY},
    )
    figure.update_layout(
        title=title,
        xaxis={"visible": False},
        yaxis={"visible": False},
        height=320,
    )
    return figure


def _values(series: pd.Series) -> list[Any]:
    """Plain Python values for a trace; NaN becomes None (a gap, not a zero)."""
    return [None if pd.isna(value) else value for value in series.tolist()]


def _weeks(frame: pd.DataFrame, column: str = "week_start") -> list[date]:
    return list(frame[column])


def _bar(name: str, x: list[Any], values: pd.Series, colour: str, hover: str) -> go.Bar:
    """A bar trace of ``values`` (NaN → no bar) in one colour."""
    return go.Bar(name=name, x=x, y=_values(values), marker_color=colour, hovertemplate=hover)


def _line(
    name: str, x: list[Any], values: pd.Series, line: dict[str, str], hover: str, mode: str
) -> go.Scatter:
    """A line trace of ``values`` (NaN → a gap) styled by ``line``."""
    return go.Scatter(name=name, x=x, y=_values(values), mode=mode, line=line, hovertemplate=hover)


def _all_missing_or_zero(*columns: pd.Series) -> bool:
    return all(column.fillna(0).eq(0).all() for column in columns)


def tonnage_figure(tonnage: pd.DataFrame) -> go.Figure:
    """Weekly tonnage: planned vs completed bars (``core.load.weekly_tonnage``)."""
    title = "Weekly tonnage (volume load)"
    if tonnage.empty:
        return empty_figure(NO_WORKOUTS, title)
    if _all_missing_or_zero(tonnage["planned"], tonnage["completed"]):
        return empty_figure(NO_TONNAGE, title)
    weeks = _weeks(tonnage)
    figure = go.Figure(
        [
            _bar(
                "Planned",
                weeks,
                tonnage["planned"],
                PLANNED_COLOUR,
                "Week of %{x|%d %b %Y}<br>Planned: %{y:,.0f} kg<extra></extra>",
            ),
            _bar(
                "Completed",
                weeks,
                tonnage["completed"],
                DONE_COLOUR,
                "Week of %{x|%d %b %Y}<br>Completed: %{y:,.0f} kg<extra></extra>",
            ),
        ]
    )
    figure.update_layout(
        title=title,
        barmode="group",
        xaxis_title=WEEK_AXIS,
        yaxis_title="Σ reps × kg",
        legend={"orientation": "h", "y": -0.2},
    )
    return figure


def hard_sets_figure(
    sets_frame: pd.DataFrame,
    band: tuple[float, float] | None,
    *,
    week_start: date | None = None,
) -> go.Figure:
    """Weekly hard sets per muscle (``core.load.weekly_hard_sets``) against the target ``band``.

    Without ``week_start``: one line per muscle across the weeks. With it: one bar per muscle for
    that week, coloured below/inside/above the band. The band (``core.load.set_band``) is a shaded
    horizontal region in both forms.
    """
    title = "Weekly hard sets per muscle"
    if week_start is not None:
        sets_frame = sets_frame[sets_frame["week_start"] == week_start]
        title += f" — week of {week_start:%d %b %Y}"
    if sets_frame.empty or _all_missing_or_zero(sets_frame["sets"]):
        figure = empty_figure(NO_HARD_SETS, title)
        return figure
    figure = go.Figure()
    if week_start is not None:
        sets = sets_frame["sets"].to_numpy(dtype="float64")
        figure.add_trace(
            go.Bar(
                name="Hard sets",
                x=list(sets_frame["muscle"]),
                y=sets.tolist(),
                marker_color=_band_colours(sets, band),
                hovertemplate="%{x}: %{y:g} sets<extra></extra>",
            )
        )
        figure.update_layout(xaxis_title="Muscle")
    else:
        for muscle, rows in sets_frame.groupby("muscle", sort=False):
            figure.add_trace(
                go.Scatter(
                    name=str(muscle),
                    x=_weeks(rows),
                    y=rows["sets"].tolist(),
                    mode="lines+markers",
                    hovertemplate=f"{muscle}: " + "%{y:g} sets<extra>%{x|%d %b}</extra>",
                )
            )
        figure.update_layout(xaxis_title=WEEK_AXIS)
    if band is not None:
        low, high = band
        figure.add_hrect(
            y0=low,
            y1=high,
            fillcolor=BAND_COLOUR,
            opacity=0.15,
            line_width=0,
            annotation_text=f"target {low:g}–{high:g} sets",
            annotation_position="top left",
        )
    figure.update_layout(
        title=title,
        yaxis_title="Hard sets (prime mover 1, synergist ½)",
        yaxis_rangemode="tozero",
    )
    return figure


def _band_colours(sets: np.ndarray, band: tuple[float, float] | None) -> list[str]:
    if band is None:
        return [DONE_COLOUR] * len(sets)
    low, high = band
    return [
        GREY if value < low else ACCENT_COLOUR if value > high else BAND_COLOUR for value in sets
    ]


def srpe_figure(weekly: pd.DataFrame) -> go.Figure:
    """Weekly session-RPE load (``core.load.weekly_srpe``): planned and actual load as bars, strain
    as a line on the same axis (it is load × monotony, in the same arbitrary units) and monotony, a
    unitless ratio, on the secondary axis.
    """
    title = "Weekly session-RPE load"
    if weekly.empty:
        return empty_figure(NO_WORKOUTS, title)
    if _all_missing_or_zero(weekly["planned_load"], weekly["actual_load"]):
        return empty_figure(NO_SRPE, title)
    weeks = _weeks(weekly)
    figure = make_subplots(specs=[[{"secondary_y": True}]])
    traces = [
        _bar(
            "Planned load",
            weeks,
            weekly["planned_load"],
            PLANNED_COLOUR,
            "Planned: %{y:,.0f} AU<extra>%{x|%d %b}</extra>",
        ),
        _bar(
            "Actual load",
            weeks,
            weekly["actual_load"],
            DONE_COLOUR,
            "Actual: %{y:,.0f} AU<extra>%{x|%d %b}</extra>",
        ),
        _line(
            "Strain",
            weeks,
            weekly["strain"],
            {"color": ACCENT_COLOUR},
            "Strain: %{y:,.0f} AU<extra>%{x|%d %b}</extra>",
            "lines+markers",
        ),
    ]
    for trace in traces:
        figure.add_trace(trace, secondary_y=False)
    figure.add_trace(
        _line(
            "Monotony",
            weeks,
            weekly["monotony"],
            {"color": GREY, "dash": "dash"},
            "Monotony: %{y:.2f}<extra>%{x|%d %b}</extra>",
            "lines+markers",
        ),
        secondary_y=True,
    )
    figure.update_layout(
        title=title, barmode="group", xaxis_title=WEEK_AXIS, legend={"orientation": "h", "y": -0.2}
    )
    figure.update_yaxes(title_text="Load, strain (RPE × min, AU)", secondary_y=False)
    figure.update_yaxes(
        title_text="Monotony (mean ÷ sd)", secondary_y=True, rangemode="tozero", showgrid=False
    )
    return figure


def acwr_figure(
    acwr: pd.DataFrame, *, acute: int = ACUTE_DAYS, chronic: int = CHRONIC_DAYS
) -> go.Figure:
    """Acute and chronic EWMA load and their ratio (``core.load.ewma_acwr``).

    Days flagged not ``reliable`` (the first ``chronic`` days) are greyed: a shaded region, and the
    ratio drawn grey and dotted as "not yet meaningful". No risk zones or badges: the ratio is a
    descriptive trend (Impellizzeri et al. 2020).
    """
    title = "Acute:chronic workload (EWMA) — descriptive trend, not an injury predictor"
    if acwr.empty or _all_missing_or_zero(acwr["acute"], acwr["chronic"]):
        return empty_figure(NO_COMPLETED, title)
    days = list(acwr["date"])
    reliable = acwr["reliable"].to_numpy(dtype=bool)
    figure = make_subplots(specs=[[{"secondary_y": True}]])
    for name, column, colour, hover in (
        (f"Acute load ({acute}-day EWMA)", "acute", ACCENT_COLOUR, "Acute"),
        (f"Chronic load ({chronic}-day EWMA)", "chronic", DONE_COLOUR, "Chronic"),
    ):
        figure.add_trace(
            _line(
                name,
                days,
                acwr[column],
                {"color": colour},
                hover + ": %{y:.0f} AU/day<extra>%{x|%d %b}</extra>",
                "lines",
            ),
            secondary_y=False,
        )
    early = np.flatnonzero(~reliable)
    if len(early):
        # The dotted part runs into the first reliable day so the two ratio lines join.
        end = min(int(early[-1]) + 2, len(acwr))
        figure.add_trace(
            _line(
                "ACWR (not yet meaningful)",
                days[:end],
                acwr["acwr"].iloc[:end],
                {"color": GREY, "dash": "dot"},
                "ACWR %{y:.2f} (not yet meaningful)<extra>%{x|%d %b}</extra>",
                "lines",
            ),
            secondary_y=True,
        )
        figure.add_vrect(
            x0=days[0],
            x1=days[int(early[-1])],
            fillcolor=GREY,
            opacity=0.12,
            line_width=0,
            annotation_text=f"first {chronic} days: not yet meaningful",
            annotation_position="top left",
        )
    if reliable.any():
        figure.add_trace(
            _line(
                "ACWR",
                [day for day, keep in zip(days, reliable, strict=True) if keep],
                acwr["acwr"][reliable],
                {"color": "#333333"},
                "ACWR %{y:.2f}<extra>%{x|%d %b}</extra>",
                "lines",
            ),
            secondary_y=True,
        )
    figure.update_layout(title=title, xaxis_title="Date", legend={"orientation": "h", "y": -0.2})
    figure.update_yaxes(title_text="Load (AU per day)", secondary_y=False, rangemode="tozero")
    figure.update_yaxes(
        title_text="Acute ÷ chronic", secondary_y=True, rangemode="tozero", showgrid=False
    )
    return figure


def compliance_figure(compliance: pd.DataFrame) -> go.Figure:
    """Weekly compliance in percent (``core.load.weekly_compliance``); weeks with nothing due stay
    blank."""
    title = "Weekly compliance"
    if compliance.empty or compliance["compliance"].isna().all():
        return empty_figure(NO_DUE, title)
    percent = compliance["compliance"] * 100
    due = compliance["completed"] + compliance["skipped"] + compliance["missed"]
    figure = go.Figure(
        go.Bar(
            name="Compliance",
            x=_weeks(compliance),
            y=_values(percent),
            text=[None if pd.isna(value) else f"{value:.0f} %" for value in percent],
            textposition="outside",
            customdata=_hover_counts(compliance, due),
            marker_color=DONE_COLOUR,
            hovertemplate=(
                "Week of %{x|%d %b %Y}<br>%{y:.0f} %: %{customdata[0]} of %{customdata[1]} done"
                "<br>%{customdata[2]} skipped, %{customdata[3]} missed<extra></extra>"
            ),
        )
    )
    figure.update_layout(
        title=title,
        xaxis_title=WEEK_AXIS,
        yaxis={"title": "Completed of due (%)", "range": [0, 110]},
    )
    return figure


def _hover_counts(compliance: pd.DataFrame, due: pd.Series) -> list[Sequence[int]]:
    return [
        [int(done), int(total), int(skipped), int(missed)]
        for done, total, skipped, missed in zip(
            compliance["completed"], due, compliance["skipped"], compliance["missed"], strict=True
        )
    ]
