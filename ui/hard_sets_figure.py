"""The Load page's hard-sets heatmap: muscles × Monday weeks, planned and done side by side.

Fed by ``core.load.weekly_hard_sets`` (the plan) and ``core.load.weekly_done_hard_sets`` (the sets
logged), both counted by the one rule in ``core.validation.measures``; drawn on ``ui.figures``'
time axis, palette and layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.dates import monday_of
from ui.figures import (
    _EPOCH_MONDAY,
    _TOP_MARGIN,
    BAND_COLOURS,
    NO_HARD_SETS,
    TODAY_COLOUR,
    WEEK_AXIS,
    WEEK_MS,
    TimeAxis,
    _all_missing_or_zero,
    _layout,
    apply_time_axis,
    axis_of,
    empty_figure,
    iso_days,
    week_middle,
)

PLANNED_TITLE = "Planned hard sets per muscle per week"
BOTH_TITLE = "Hard sets per muscle per week: planned and done"
_PANEL_GAP = 0.04


def hard_sets_figure(
    planned: pd.DataFrame,
    band: tuple[float, float],
    axis: TimeAxis | None = None,
    *,
    done: pd.DataFrame | None = None,
) -> go.Figure:
    """Weekly hard sets per muscle as a muscle × week heatmap, coloured under / in / over ``band``.

    Rows are muscles (library order), columns Monday weeks; each cell shows its sets, a three-colour
    legend names the band, and the current week (``axis.today``'s) is outlined. ``planned`` counts
    the sets as prescribed. Once sets are logged (``done`` has any), a second panel beside it shows
    the hard sets done on the same rows and weeks: 0 where nothing hard was logged in a past week,
    blank for the weeks still ahead.
    """
    if planned.empty or _all_missing_or_zero(planned["sets"]):
        return empty_figure(NO_HARD_SETS, PLANNED_TITLE)
    grid = _grid(planned)
    with_done = done is not None and not _all_missing_or_zero(done["sets"])
    if with_done:
        assert done is not None
        done_grid = _grid(done)
        muscles = list(dict.fromkeys([*grid.index, *done_grid.index]))
        weeks = sorted({*grid.columns, *done_grid.columns})
        grid = grid.reindex(index=muscles, columns=weeks, fill_value=0.0)
        done_grid = done_grid.reindex(index=muscles, columns=weeks, fill_value=0.0)
    muscles = [str(muscle) for muscle in grid.index]
    weeks = [pd.Timestamp(week).date() for week in grid.columns]
    axis = axis_of(weeks, axis)
    planned_sets = grid.to_numpy(dtype="float64")
    done_sets = _not_ahead(done_grid.to_numpy(dtype="float64"), weeks, axis) if with_done else None
    low, high = band
    top = max(float(np.nanmax(planned_sets)), high + max(high - low, 1.0))
    if done_sets is not None and not np.isnan(done_sets).all():
        top = max(top, float(np.nanmax(done_sets)))
    scale, ticks = _band_scale(low, high, top)
    cells = {"x": iso_days(weeks), "y": muscles, "zmin": 0, "zmax": top, "colorscale": scale}
    colorbar = {
        "title": {"text": "Sets per week"},
        "tickmode": "array",
        "tickvals": ticks,
        "ticktext": [f"under {low:g}", f"in band {low:g}–{high:g}", f"over {high:g}"],
        "len": 0.9,
        "thickness": 14,
    }
    planned_trace = _heatmap("Planned hard sets", planned_sets, "planned", band, cells)
    planned_trace.update(colorbar=colorbar)
    if done_sets is None:
        figure = go.Figure(planned_trace)
        title, panels = PLANNED_TITLE, 1
    else:
        figure = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=_PANEL_GAP)
        figure.add_trace(planned_trace, row=1, col=1)
        done_trace = _heatmap("Done hard sets", done_sets, "done", band, cells)
        figure.add_trace(done_trace.update(showscale=False), row=1, col=2)
        title, panels = BOTH_TITLE, 2
    _layout(figure, title, height=_TOP_MARGIN + 70 + 24 * len(muscles))
    figure.update_yaxes(autorange="reversed", title=None)
    apply_time_axis(figure, TimeAxis(axis.start, axis.end))  # cells say past from future themselves
    if panels == 2:
        # each panel named under its weeks, where no "this week" label can cover it
        figure.update_layout(
            xaxis_title_text=f"Planned · {WEEK_AXIS.lower()}",
            xaxis2_title_text=f"Done (sets logged) · {WEEK_AXIS.lower()}",
        )
    _outline_this_week(figure, axis, panels)
    return figure


def _grid(frame: pd.DataFrame) -> pd.DataFrame:
    """Muscles × weeks of a long weekly hard-sets frame (0 where a muscle had none that week)."""
    return frame.pivot_table(
        index="muscle", columns="week_start", values="sets", aggfunc="sum", sort=False
    ).fillna(0.0)


def _not_ahead(sets: np.ndarray, weeks: Sequence[date], axis: TimeAxis) -> np.ndarray:
    """The done grid with the weeks after this one blank: nothing can be done there yet."""
    if axis.today is None:
        return sets
    this_week = monday_of(axis.today)
    ahead = np.array([week > this_week for week in weeks], dtype=bool)
    blanked = sets.copy()
    blanked[:, ahead] = np.nan
    return blanked


def _band_scale(low: float, high: float, top: float) -> tuple[list[list[object]], list[float]]:
    """A stepped colour scale with three colours whose steps are the band's ends, and where the
    colour bar's three labels sit.

    The cells hold the sets themselves, so no per-cell status arrays are copied on every rerun. Sets
    come in halves, so a step a quarter-set outside each end puts both ends inside the band."""
    steps = [0.0, (low - 0.25) / top, (high + 0.25) / top, 1.0]
    scale: list[list[object]] = []
    for position, colour in enumerate(BAND_COLOURS):
        scale += [[steps[position], colour], [steps[position + 1], colour]]
    return scale, [(steps[k] + steps[k + 1]) / 2 * top for k in range(3)]


def _heatmap(
    name: str, sets: np.ndarray, what: str, band: tuple[float, float], cells: dict[str, object]
) -> go.Heatmap:
    low, high = band
    # explicit cell texts: a blank week ahead shows nothing rather than "NaN"
    text = [["" if np.isnan(value) else f"{value:g}" for value in row] for row in sets]
    return go.Heatmap(
        name=name,
        z=sets,
        text=text,
        texttemplate="%{text}",  # 7, 13.5: no trailing zeros
        textfont={"color": "#000000", "size": 11},
        xgap=2,
        ygap=2,
        xperiod=WEEK_MS,
        xperiod0=str(_EPOCH_MONDAY),
        xperiodalignment="middle",
        hoverongaps=False,
        hovertemplate=(
            f"%{{y}}, week of %{{x|%d %b %Y}}<br>%{{z:.3~g}} {what} sets (band {low:g}–{high:g})"
            "<extra></extra>"
        ),
        **cells,
    )


def _outline_this_week(figure: go.Figure, axis: TimeAxis, panels: int) -> None:
    """A box round the current week's column in each panel, labelled once."""
    if axis.today is None or not axis.start <= axis.today < axis.end:
        return
    monday = monday_of(axis.today)
    for panel in range(1, panels + 1):
        xref = "x" if panel == 1 else f"x{panel}"
        figure.add_shape(
            type="rect",
            x0=str(monday),
            x1=str(monday + timedelta(days=7)),
            y0=0,
            y1=1,
            xref=xref,
            yref="paper",
            line={"color": TODAY_COLOUR, "width": 3},
            fillcolor="rgba(0,0,0,0)",
        )
    figure.add_annotation(
        x=week_middle(monday),
        y=1,
        xref="x",
        yref="paper",
        text="this week",
        showarrow=False,
        yanchor="bottom",
        font={"size": 11, "color": TODAY_COLOUR},
    )
