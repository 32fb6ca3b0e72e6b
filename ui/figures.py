"""Plotly figures for the Load and Program pages, one builder per chart, fed by ``core.load`` frames.

Pure functions: a frame in, a ``plotly.graph_objects.Figure`` out, with named traces (the hard-sets
heatmap, planned and done, is ``ui.hard_sets_figure``, on this module's axis and palette). A frame with
nothing to draw gives a figure carrying an explanatory annotation instead of raising. The ACWR chart
is a descriptive trend with no injury-risk zones (Impellizzeri et al. 2020: the ratio does not predict
injury).

Every chart over time shares one axis rule, ``TimeAxis``: weeks start on Monday (a thin line at each
Monday), each week's label sits under the middle of its week, a dashed "today" line, and the weeks
ahead shaded. Colours come from one palette (Okabe & Ito 2008), readable by colour-blind coaches and
on Streamlit's light and dark themes; a colour never carries meaning alone (cells carry numbers,
traces carry names).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.dates import monday_of
from core.load import ACUTE_DAYS, CHRONIC_DAYS
from core.units import LoadUnit, load_from_kg


class DrawnFigure(go.Figure):
    """A finished figure that is drawn on many reruns and never changed (a cached one): its dict,
    which ``st.plotly_chart`` builds on every run (``Figure.to_dict`` deep-copies every trace:
    0.4–0.6 ms for a year of weeks, as much as the rest of a Load rerun), is built once."""

    _drawn: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        if self._drawn is None:
            self._drawn = super().to_dict()
        return self._drawn


def drawn(figure: go.Figure) -> DrawnFigure:
    """``figure`` as a ``DrawnFigure`` (its traces taken as they are, not validated again)."""
    frozen = DrawnFigure(figure.to_dict(), skip_invalid=False, _validate=False)
    frozen.to_dict()
    return frozen


NO_WORKOUTS = "No workouts yet"
NO_COMPLETED = "No completed workouts yet"
NO_TONNAGE = "No loaded sets yet: prescribe kg, or %1RM with the client's 1RM on file"
NO_HARD_SETS = "No sets of library exercises yet"
NO_SRPE = "No session RPE planned or recorded yet"
NO_DUE = "No workouts due yet"

# The palette, in one place: Okabe & Ito's colour-blind safe set. Mid-tones only (no black, no
# yellow) so every colour reads on a white and on a dark background.
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#999999"

PLANNED_COLOUR = SKY_BLUE
DONE_COLOUR = BLUE
ACCENT_COLOUR = ORANGE
RATIO_COLOUR = REDDISH_PURPLE
TODAY_COLOUR = VERMILLION
UNDER_COLOUR = ORANGE
IN_BAND_COLOUR = BLUISH_GREEN
OVER_COLOUR = REDDISH_PURPLE
BAND_COLOURS = (UNDER_COLOUR, IN_BAND_COLOUR, OVER_COLOUR)
"""Hard sets below, inside and above the client's band."""

WEEK_AXIS = "Week starting Monday"
DAY_MS = 86_400_000
WEEK_MS = 7 * DAY_MS
MAX_WEEK_LABELS = 14
"""More weeks than this label every 2nd, 4th… Monday (always counted from one fixed Monday, so two
charts over the same weeks label the same Mondays)."""
_LABEL_STEPS = (1, 2, 4, 8, 13, 26)
_EPOCH_MONDAY = date(2001, 1, 1)
LEGEND_ABOVE = {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0}
"""Legends sit above the plot, outside it, so they never cover data or the date labels."""
_LEGEND_ROW_PX = 40
_TOP_MARGIN = 116


@dataclass(frozen=True)
class TimeAxis:
    """The weeks a chart spans, Monday to Monday, and the client's today (``None``: not marked)."""

    start: date
    """A Monday: the first week shown."""
    end: date
    """The Monday after the last week shown."""
    today: date | None = None

    @classmethod
    def spanning(cls, first: date, last: date, today: date | None = None) -> TimeAxis:
        """The whole weeks holding ``first`` … ``last``."""
        return cls(monday_of(first), monday_of(last) + timedelta(days=7), today)

    @property
    def weeks(self) -> int:
        return (self.end - self.start).days // 7

    def mondays(self) -> list[date]:
        return [self.start + timedelta(weeks=week) for week in range(self.weeks)]

    def label_step(self) -> int:
        """Label every Nth week so that at most ``MAX_WEEK_LABELS`` labels show."""
        return next(
            (step for step in _LABEL_STEPS if math.ceil(self.weeks / step) <= MAX_WEEK_LABELS),
            _LABEL_STEPS[-1],
        )

    def labelled_mondays(self) -> list[date]:
        step = self.label_step()
        return [
            monday for monday in self.mondays() if ((monday - _EPOCH_MONDAY).days // 7) % step == 0
        ]


def week_middle(monday: date) -> str:
    """The middle of a Monday–Sunday week (Thursday noon), where its label and bar sit."""
    return f"{monday + timedelta(days=3)}T12:00:00"


def apply_time_axis(figure: go.Figure, axis: TimeAxis, *, title: str = WEEK_AXIS) -> go.Figure:
    """The one tick rule for every chart over time (``time_axis_layout``) on every x axis of
    ``figure``, its today line and shade added to the figure's own shapes and annotations."""
    layout = time_axis_layout(axis, title=title)
    figure.update_xaxes(**layout["xaxis"])
    if layout["shapes"]:
        figure.update_layout(
            shapes=[*figure.layout.shapes, *layout["shapes"]],
            annotations=[*figure.layout.annotations, *layout["annotations"]],
        )
    return figure


def time_axis_layout(axis: TimeAxis, *, title: str = WEEK_AXIS) -> dict[str, Any]:
    """The one tick rule for every chart over time, as layout keys (``xaxis``, and the
    ``shapes`` and ``annotations`` that draw today and shade the weeks ahead): a figure built in
    one constructor takes them as they are (each ``update_*`` call re-validates the layout).

    A grid line on every Monday, a label '24 Nov' under the middle of each labelled week (the week
    it starts), the range exactly the spanned weeks. ``today`` gets a dashed line and the days after
    it a light shade, so past and future read apart at a glance.
    """
    labelled = axis.labelled_mondays()
    xaxis = {
        "type": "date",
        "range": [str(axis.start), str(axis.end)],
        "tickmode": "array",
        "tickvals": [week_middle(monday) for monday in labelled],
        "ticktext": [f"{monday:%d %b}" for monday in labelled],
        "ticks": "",
        "showgrid": False,
        "minor": {
            "tickmode": "array",
            "tickvals": [str(monday) for monday in [*axis.mondays(), axis.end]],
            "showgrid": True,
            "gridcolor": "rgba(153, 153, 153, 0.35)",
            "ticks": "",
        },
        "title": {"text": title},
    }
    today = axis.today
    if today is None or not axis.start <= today < axis.end:
        return {"xaxis": xaxis, "shapes": [], "annotations": []}
    noon = f"{today}T12:00:00"
    over_x = {"xref": "x", "yref": "paper", "y0": 0, "y1": 1}
    shapes = [
        {
            **over_x,
            "type": "rect",
            "x0": noon,
            "x1": str(axis.end),
            "fillcolor": GREY,
            "opacity": 0.12,
            "line": {"width": 0},
            "layer": "below",
        },
        {
            **over_x,
            "type": "line",
            "x0": noon,
            "x1": noon,
            "line": {"color": TODAY_COLOUR, "dash": "dash", "width": 2},
        },
    ]
    # Above the legend row (which sits just over the plot): over the plot they covered bars.
    annotations = [
        {
            "x": noon,
            "y": 1,
            "xref": "x",
            "yref": "paper",
            "text": text,
            "showarrow": False,
            "xanchor": anchor,
            "yanchor": "bottom",
            "xshift": shift,
            "yshift": _LEGEND_ROW_PX,
            "font": {"size": 11, "color": colour},
        }
        for text, anchor, shift, colour in (
            (f"today {today:%d %b}", "right", -3, TODAY_COLOUR),
            ("ahead →", "left", 3, GREY),
        )
    ]
    return {"xaxis": xaxis, "shapes": shapes, "annotations": annotations}


def nice_axis(values: Sequence[Any] | pd.Series, *, ticks: int = 4) -> dict[str, Any]:
    """A ``[0, top]`` range and a round tick step (0.25, 0.5, 1, 2, 5 …) covering ``values``."""
    finite = [float(v) for v in values if v is not None and not pd.isna(v)]
    peak = max(finite, default=1.0) or 1.0
    raw = peak / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    top = math.ceil(peak / step) * step
    if top <= peak:
        top += step
    return {"range": [0, top], "tick0": 0, "dtick": step, "tickmode": "linear"}


PLAIN = go.layout.Template()
"""No plotly template: every colour is set here, and Streamlit's theme adds fonts, grid and
background in the browser. The default template is copied and encoded on every rerun a chart is
drawn (about 1 ms a chart, half an empty page)."""


# The margins a Load chart's axes take, in px, as Plotly lays them out in Chromium under Streamlit's
# theme (which sets the side margins to 0 and turns each axis's automargin on). Plotly draws a
# chart, measures its axis labels, widens the margins to fit them and draws the whole chart again;
# with the margins this wide up front the first draw fits and the second is skipped: one of the
# three full draws of every visit to Load (the third is Streamlit's, re-theming the figure), a
# third of the chart's time in the browser. Floors, not caps: a longer label (a six-figure
# tonnage) still widens its margin, at the cost of that second draw. The right margin stays 0:
# Plotly pads every axis's claim by the smallest margin (up to 12 px), so any side above 0 would
# widen them all. A chart needing room on the right (a second y axis, a colour bar) keeps its second
# draw.
Y_AXIS_ROOM = 61
"""Left of the plot: a titled y axis whose tick labels have up to three characters ('12k')."""
X_AXIS_ROOM = 55
"""Under the plot: the week labels and the axis title."""


def _layout(figure: go.Figure, title: str, *, left: int = 0, **more: Any) -> None:
    """The Load charts' layout; ``left``: the margin for the y axis (``Y_AXIS_ROOM``; 0: Plotly
    widens it in a second draw)."""
    figure.update_layout(
        template=PLAIN,
        title={"text": title, "y": 0.98, "yanchor": "top", "x": 0, "xanchor": "left"},
        legend=LEGEND_ABOVE,
        margin={"t": _TOP_MARGIN, "b": X_AXIS_ROOM, "l": left, "r": 0},
        **more,
    )


def axis_of(weeks: Sequence[date], axis: TimeAxis | None) -> TimeAxis:
    """The axis given, else the whole weeks of the data (no today)."""
    return axis if axis is not None else TimeAxis.spanning(min(weeks), max(weeks))


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
        template=PLAIN,
        title=title,
        xaxis={"visible": False},
        yaxis={"visible": False},
        height=320,
    )
    return figure


def _values(series: pd.Series) -> np.ndarray:
    """A trace's numbers as one float array; NaN stays NaN, which plotly draws as a gap (no bar, a
    break in a line), not a zero. One array, not a list, because st.plotly_chart copies and encodes
    the figure on every rerun that draws it: an array is copied at once and sent as binary."""
    return pd.to_numeric(series, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def _weeks(frame: pd.DataFrame, column: str = "week_start") -> list[date]:
    return list(frame[column])


def iso_days(days: Iterable[Any]) -> list[str]:
    """Dates as 'YYYY-MM-DD' strings for a trace: a figure is copied on every rerun that draws it
    (st.plotly_chart calls Figure.to_dict), and date objects copy ten times slower than strings."""
    return [day if isinstance(day, str) else f"{day:%Y-%m-%d}" for day in days]


def _bar(name: str, x: list[Any], values: pd.Series, colour: str, hover: str) -> go.Bar:
    """A bar trace of ``values`` (NaN → no bar) in one colour, drawn across its Monday–Sunday week."""
    return go.Bar(
        name=name,
        x=iso_days(x),
        y=_values(values),
        marker_color=colour,
        hovertemplate=hover,
        xperiod=WEEK_MS,
        xperiod0=str(_EPOCH_MONDAY),
        xperiodalignment="middle",
    )


def _line(
    name: str, x: list[Any], values: pd.Series, line: dict[str, Any], hover: str, mode: str
) -> go.Scatter:
    """A line trace of ``values`` (NaN → a gap) styled by ``line``."""
    return go.Scatter(
        name=name, x=iso_days(x), y=_values(values), mode=mode, line=line, hovertemplate=hover
    )


def _weekly_line(
    name: str, x: list[Any], values: pd.Series, line: dict[str, Any], hover: str
) -> go.Scatter:
    """A weekly line, each point in the middle of its week (over its bars)."""
    trace = _line(name, x, values, line, hover, "lines+markers")
    trace.update(xperiod=WEEK_MS, xperiod0=str(_EPOCH_MONDAY), xperiodalignment="middle")
    return trace


def _all_missing_or_zero(*columns: pd.Series) -> bool:
    return all(column.fillna(0).eq(0).all() for column in columns)


def tonnage_figure(
    tonnage: pd.DataFrame, axis: TimeAxis | None = None, unit: LoadUnit = LoadUnit.KG
) -> go.Figure:
    """Weekly tonnage: planned vs completed bars (``core.load.weekly_tonnage``, in kg), drawn
    in the client's load unit."""
    title = "Weekly tonnage (volume load)"
    if tonnage.empty:
        return empty_figure(NO_WORKOUTS, title)
    if _all_missing_or_zero(tonnage["planned"], tonnage["completed"]):
        return empty_figure(NO_TONNAGE, title)
    weeks = _weeks(tonnage)
    per_kg = load_from_kg(1.0, unit)
    figure = go.Figure(
        [
            _bar(
                "Planned",
                weeks,
                tonnage["planned"] * per_kg,
                PLANNED_COLOUR,
                f"Week of %{{x|%d %b %Y}}<br>Planned: %{{y:,.0f}} {unit}<extra></extra>",
            ),
            _bar(
                "Completed",
                weeks,
                tonnage["completed"] * per_kg,
                DONE_COLOUR,
                f"Week of %{{x|%d %b %Y}}<br>Completed: %{{y:,.0f}} {unit}<extra></extra>",
            ),
        ]
    )
    _layout(figure, title, left=Y_AXIS_ROOM, barmode="group", yaxis_title=f"Σ reps × {unit}")
    return apply_time_axis(figure, axis_of(weeks, axis))


def srpe_figure(weekly: pd.DataFrame, axis: TimeAxis | None = None) -> go.Figure:
    """Weekly session-RPE load (``core.load.weekly_srpe``): planned and actual load as bars, strain
    as a line on the same axis (it is load × monotony, in the same arbitrary units) and monotony, a
    unitless ratio, on the secondary axis with round ticks.
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
        _weekly_line(
            "Strain",
            weeks,
            weekly["strain"],
            {"color": ACCENT_COLOUR},
            "Strain: %{y:,.0f} AU<extra>%{x|%d %b}</extra>",
        ),
    ]
    for trace in traces:
        figure.add_trace(trace, secondary_y=False)
    figure.add_trace(
        _weekly_line(
            "Monotony",
            weeks,
            weekly["monotony"],
            {"color": GREY, "dash": "dash"},
            "Monotony: %{y:.2f}<extra>%{x|%d %b}</extra>",
        ),
        secondary_y=True,
    )
    _layout(figure, title, barmode="group")
    figure.update_yaxes(
        title_text="Load, strain (RPE × min, AU)", secondary_y=False, rangemode="tozero"
    )
    figure.update_yaxes(
        title_text="Monotony (mean ÷ sd)",
        secondary_y=True,
        showgrid=False,
        **nice_axis(weekly["monotony"]),
    )
    return apply_time_axis(figure, axis_of(weeks, axis))


def acwr_figure(
    acwr: pd.DataFrame,
    axis: TimeAxis | None = None,
    *,
    acute: int = ACUTE_DAYS,
    chronic: int = CHRONIC_DAYS,
) -> go.Figure:
    """Acute and chronic EWMA load and their ratio (``core.load.ewma_acwr``).

    Days flagged not ``reliable`` (the first ``chronic`` days) are greyed: a shaded region, and the
    ratio drawn grey and dotted as "not yet meaningful". No risk zones or badges: the ratio is a
    descriptive trend (Impellizzeri et al. 2020).
    """
    title = "Acute:chronic workload (EWMA) — descriptive trend, not an injury predictor"
    if acwr.empty or _all_missing_or_zero(acwr["acute"], acwr["chronic"]):
        return empty_figure(NO_COMPLETED, title)
    days = iso_days(acwr["date"])
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
            annotation_position="bottom left",
        )
    if reliable.any():
        figure.add_trace(
            _line(
                "ACWR",
                [day for day, keep in zip(days, reliable, strict=True) if keep],
                acwr["acwr"][reliable],
                {"color": RATIO_COLOUR, "width": 2.5},
                "ACWR %{y:.2f}<extra>%{x|%d %b}</extra>",
                "lines",
            ),
            secondary_y=True,
        )
    _layout(figure, title)
    figure.update_yaxes(title_text="Load (AU per day)", secondary_y=False, rangemode="tozero")
    figure.update_yaxes(
        title_text="Acute ÷ chronic", secondary_y=True, showgrid=False, **nice_axis(acwr["acwr"])
    )
    return apply_time_axis(figure, axis_of([date.fromisoformat(d) for d in days], axis))


def compliance_figure(compliance: pd.DataFrame, axis: TimeAxis | None = None) -> go.Figure:
    """Weekly compliance in percent (``core.load.weekly_compliance``); weeks with nothing due stay
    blank."""
    title = "Weekly compliance"
    if compliance.empty or compliance["compliance"].isna().all():
        return empty_figure(NO_DUE, title)
    percent = compliance["compliance"] * 100
    due = compliance["completed"] + compliance["skipped"] + compliance["missed"]
    weeks = _weeks(compliance)
    bars = _bar(
        "Compliance",
        weeks,
        percent,
        DONE_COLOUR,
        "Week of %{x|%d %b %Y}<br>%{y:.0f} %: %{customdata[0]} of %{customdata[1]} done"
        "<br>%{customdata[2]} skipped, %{customdata[3]} missed<extra></extra>",
    )
    bars.update(
        text=[None if pd.isna(value) else f"{value:.0f} %" for value in percent],
        textposition="outside",
        customdata=np.array(_hover_counts(compliance, due), dtype="int64").reshape(-1, 4),
    )
    figure = go.Figure(bars)
    _layout(
        figure,
        title,
        left=Y_AXIS_ROOM,
        showlegend=False,
        yaxis={"title": "Completed of due (%)", "range": [0, 110], "dtick": 25},
    )
    return apply_time_axis(figure, axis_of(weeks, axis))


def _hover_counts(compliance: pd.DataFrame, due: pd.Series) -> list[Sequence[int]]:
    return [
        [int(done), int(total), int(skipped), int(missed)]
        for done, total, skipped, missed in zip(
            compliance["completed"], due, compliance["skipped"], compliance["missed"], strict=True
        )
    ]
