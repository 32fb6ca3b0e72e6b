"""Load-page figures (ui.figures): trace names, counts and values; empty input never raises."""

from __future__ import annotations

import itertools
import math
from datetime import date, timedelta
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from core.load import (
    daily_srpe,
    ewma_acwr,
    weekly_compliance,
    weekly_hard_sets,
    weekly_srpe,
    weekly_tonnage,
    workouts_frame,
)
from ui import figures
from ui.figures import (
    acwr_figure,
    compliance_figure,
    srpe_figure,
    tonnage_figure,
)
from ui.hard_sets_figure import BOTH_TITLE, hard_sets_figure

W1, W2, W3 = date(2025, 3, 3), date(2025, 3, 10), date(2025, 3, 17)
NAN = float("nan")


def annotation_texts(figure: go.Figure) -> list[str]:
    return [annotation.text for annotation in figure.layout.annotations]


def ys(trace: Any) -> list[float | None]:
    """A trace's y values, NaN (drawn as a gap) read as None."""
    return [None if math.isnan(value) else float(value) for value in trace.y]


def names(figure: go.Figure) -> list[str]:
    return [trace.name for trace in figure.data]


def assert_empty(figure: go.Figure, message: str) -> None:
    assert isinstance(figure, go.Figure)
    assert len(figure.data) == 0
    assert annotation_texts(figure) == [message]
    figure.to_json()  # renders


# ------------------------------------------------------------------------------------------------


def test_tonnage_figure() -> None:
    tonnage = pd.DataFrame(
        {
            "week_start": [W1, W2, W3],
            "planned": [3300.0, 3300.0, 1500.0],
            "completed": [1500.0, 1800.0, NAN],
        }
    )
    figure = tonnage_figure(tonnage)
    assert names(figure) == ["Planned", "Completed"]
    assert all(trace.type == "bar" for trace in figure.data)
    assert list(figure.data[0].x) == [str(W1), str(W2), str(W3)]
    assert ys(figure.data[0]) == [3300.0, 3300.0, 1500.0]
    assert ys(figure.data[1]) == [1500.0, 1800.0, None]  # a future week: no bar, not 0
    assert figure.layout.barmode == "group"
    figure.to_json()


def test_tonnage_figure_empty_and_unloaded() -> None:
    columns: dict[str, list[float]] = {"week_start": [], "planned": [], "completed": []}
    assert_empty(tonnage_figure(pd.DataFrame(columns)), figures.NO_WORKOUTS)
    unloaded = pd.DataFrame({"week_start": [W1], "planned": [0.0], "completed": [0.0]})
    assert_empty(tonnage_figure(unloaded), figures.NO_TONNAGE)


SETS = pd.DataFrame(
    {
        "week_start": [W1, W1, W1, W2, W2, W2],
        "muscle": ["chest", "back", "quads"] * 2,
        "sets": [8.0, 12.0, 18.0, 10.0, 13.5, 0.0],
    }
)


def cell_colour(heatmap: go.Heatmap, value: float) -> str:
    """The colour the heatmap's stepped scale gives ``value`` (what the coach sees in the cell)."""
    position = (value - heatmap.zmin) / (heatmap.zmax - heatmap.zmin)
    scale = list(heatmap.colorscale)
    for (start, colour), (end, _) in itertools.pairwise(scale):
        if start <= position <= end and start != end:
            return str(colour)
    raise AssertionError(f"{value} is off the scale")


def test_hard_sets_heatmap_muscles_by_week_coloured_against_the_band() -> None:
    figure = hard_sets_figure(SETS, (10, 16), figures.TimeAxis.spanning(W1, W2, W2))
    (heatmap,) = figure.data
    assert heatmap.type == "heatmap"
    assert list(heatmap.y) == ["chest", "back", "quads"]  # rows: muscles, in the frame's order
    assert list(heatmap.x) == [str(W1), str(W2)]  # columns: Monday weeks
    assert [list(row) for row in heatmap.z] == [[8.0, 10.0], [12.0, 13.5], [18.0, 0.0]]
    assert heatmap.texttemplate == "%{text}"  # every cell shows its sets: 8, 13.5
    assert [list(row) for row in heatmap.text] == [["8", "10"], ["12", "13.5"], ["18", "0"]]
    under, inside, over = figures.BAND_COLOURS
    assert [[cell_colour(heatmap, v) for v in row] for row in heatmap.z] == [
        [under, inside],
        [inside, inside],
        [over, under],
    ]
    assert list(heatmap.colorbar.ticktext) == ["under 10", "in band 10–16", "over 16"]
    assert [cell_colour(heatmap, v) for v in heatmap.colorbar.tickvals] == [under, inside, over]
    assert "planned" in figure.layout.title.text.lower()
    outline = [s for s in figure.layout.shapes if s.type == "rect"]
    assert [(s.x0, s.x1) for s in outline] == [(str(W2), str(W2 + timedelta(days=7)))]
    assert "this week" in annotation_texts(figure)
    figure.to_json()


def test_hard_sets_heatmap_band_ends_are_inside() -> None:
    sets = pd.DataFrame(
        {"week_start": [W1] * 4, "muscle": ["a", "b", "c", "d"], "sets": [9.5, 10.0, 16.0, 16.5]}
    )
    (heatmap,) = hard_sets_figure(sets, (10, 16)).data
    under, inside, over = figures.BAND_COLOURS
    assert [cell_colour(heatmap, row[0]) for row in heatmap.z] == [under, inside, inside, over]
    # all under the band: the scale still reaches past it, so the three colours keep their meaning
    low = pd.DataFrame({"week_start": [W1], "muscle": ["a"], "sets": [2.0]})
    (few,) = hard_sets_figure(low, (10, 16)).data
    assert cell_colour(few, 2.0) == under and cell_colour(few, 17.0) == over


def test_hard_sets_heatmap_empty_and_no_done_panel_without_logged_sets() -> None:
    empty = pd.DataFrame({"week_start": [], "muscle": [], "sets": []})
    assert_empty(hard_sets_figure(empty, (8, 10)), figures.NO_HARD_SETS)
    none_logged = SETS.assign(sets=0.0).iloc[:0]
    assert len(hard_sets_figure(SETS, (10, 16), done=none_logged).data) == 1


DONE = pd.DataFrame({"week_start": [W1, W1], "muscle": ["back", "biceps"], "sets": [11.0, 3.5]})


def test_hard_sets_done_panel_beside_the_plan_on_the_same_rows_and_weeks() -> None:
    axis = figures.TimeAxis.spanning(W1, W2, W1 + timedelta(days=2))  # today: Wednesday of W1
    figure = hard_sets_figure(SETS, (10, 16), axis, done=DONE)
    planned, done = figure.data
    assert (planned.name, done.name) == ("Planned hard sets", "Done hard sets")
    assert (planned.xaxis, done.xaxis) == ("x", "x2")
    assert figure.layout.yaxis2.matches == "y"  # one row per muscle across both panels
    assert figure.layout.yaxis.autorange == figure.layout.yaxis2.autorange == "reversed"
    # biceps was only done, not planned: a row of its own, 0 planned
    assert list(planned.y) == list(done.y) == ["chest", "back", "quads", "biceps"]
    assert list(done.x) == [str(W1), str(W2)]
    rows = [[None if math.isnan(v) else v for v in row] for row in done.z]
    assert rows == [[0.0, None], [11.0, None], [0.0, None], [3.5, None]]  # W2 is ahead: blank
    assert [list(row) for row in done.text] == [["0", ""], ["11", ""], ["0", ""], ["3.5", ""]]
    assert [row[0] for row in planned.z] == [8.0, 12.0, 18.0, 0.0]
    under, inside, _ = figures.BAND_COLOURS
    assert cell_colour(done, 11.0) == inside and cell_colour(done, 3.5) == under
    assert (planned.zmin, planned.zmax) == (done.zmin, done.zmax)  # one scale for both panels
    assert planned.showscale is not False and done.showscale is False
    assert figure.layout.title.text == BOTH_TITLE
    assert figure.layout.xaxis.title.text.startswith("Planned")
    assert figure.layout.xaxis2.title.text.startswith("Done")
    outlines = [(s.xref, s.x0) for s in figure.layout.shapes if s.type == "rect"]
    assert outlines == [("x", str(W1)), ("x2", str(W1))]  # this week outlined in both
    figure.to_json()


# ------------------------------------------------------------------------------------------------
# The one time axis


def _tick_mondays(figure: go.Figure) -> list[date]:
    """The Monday each x label names (labels sit mid-week, Thursday noon)."""
    return [
        date.fromisoformat(value[:10]) - timedelta(days=3) for value in figure.layout.xaxis.tickvals
    ]


def test_time_axis_labels_mondays_and_is_shared_by_every_chart() -> None:
    axis = figures.TimeAxis.spanning(date(2025, 3, 5), date(2025, 3, 20), date(2025, 3, 12))
    assert (axis.start, axis.end, axis.weeks) == (W1, W3 + timedelta(days=7), 3)
    tonnage = tonnage_figure(
        pd.DataFrame({"week_start": [W1, W2], "planned": [1.0, 2.0], "completed": [1.0, NAN]}),
        axis,
    )
    compliance = compliance_figure(
        pd.DataFrame(
            {
                "week_start": [W1],
                "completed": [1],
                "skipped": [0],
                "missed": [0],
                "compliance": [1.0],
            }
        ),
        axis,
    )
    acwr = acwr_figure(_acwr(10), axis)
    for figure in (tonnage, compliance, acwr):
        assert _tick_mondays(figure) == [W1, W2, W3]
        assert all(monday.weekday() == 0 for monday in _tick_mondays(figure))
        assert list(figure.layout.xaxis.ticktext) == ["03 Mar", "10 Mar", "17 Mar"]
        assert list(figure.layout.xaxis.minor.tickvals) == [
            str(W1 + timedelta(weeks=k)) for k in range(4)
        ]
        assert tuple(figure.layout.xaxis.range) == (str(W1), str(W3 + timedelta(days=7)))
        assert figure.layout.legend.y > 1  # above the plot, never over the data
    assert tonnage.data[0].xperiodalignment == "middle"  # a week's bar spans its week


def test_single_axis_charts_leave_their_axes_room_up_front_and_no_right_margin() -> None:
    """So that Plotly's first layout pass fits and it does not draw the chart twice; a right
    margin above 0 would pad every axis's claim on the margins (ui.figures.Y_AXIS_ROOM)."""
    tonnage = tonnage_figure(
        pd.DataFrame({"week_start": [W1, W2], "planned": [1.0, 2.0], "completed": [1.0, NAN]})
    )
    compliance = compliance_figure(
        pd.DataFrame(
            {"week_start": [W1], "completed": [1], "skipped": [0], "missed": [0], "compliance": [1]}
        )
    )
    sets = pd.DataFrame({"week_start": [W1], "muscle": ["quads"], "sets": [12.0]})
    two_axes = [
        srpe_figure(
            pd.DataFrame(
                {
                    "week_start": [W1],
                    "planned_load": [1500.0],
                    "actual_load": [1400.0],
                    "monotony": [0.9],
                    "strain": [1300.0],
                }
            )
        ),
        acwr_figure(_acwr(30)),
        hard_sets_figure(sets, (10, 16), done=sets),
    ]
    for figure in (tonnage, compliance):
        assert (figure.layout.margin.l, figure.layout.margin.r) == (figures.Y_AXIS_ROOM, 0)
    for figure in two_axes:  # room on the right too: left to Plotly (a side above 0 pads them all)
        assert (figure.layout.margin.l, figure.layout.margin.r) == (0, 0)
    for figure in (tonnage, compliance, *two_axes):
        assert figure.layout.margin.b == figures.X_AXIS_ROOM


def test_time_axis_marks_today_and_shades_the_weeks_ahead() -> None:
    today = date(2025, 3, 12)
    axis = figures.TimeAxis.spanning(W1, W3, today)
    figure = figures.apply_time_axis(go.Figure(), axis)
    (shade,) = [s for s in figure.layout.shapes if s.type == "rect"]
    (line,) = [s for s in figure.layout.shapes if s.type == "line"]
    assert line.x0 == line.x1 == "2025-03-12T12:00:00"
    assert (shade.x0, shade.x1) == ("2025-03-12T12:00:00", str(W3 + timedelta(days=7)))
    assert "today 12 Mar" in annotation_texts(figure)
    past = figures.apply_time_axis(go.Figure(), figures.TimeAxis.spanning(W1, W2, date(2026, 1, 1)))
    assert len(past.layout.shapes) == 0  # today outside the weeks shown: nothing to mark


def test_a_long_axis_labels_fewer_mondays_the_same_on_every_chart() -> None:
    year = figures.TimeAxis.spanning(date(2025, 1, 6), date(2025, 12, 28))
    assert year.weeks == 51
    step = year.label_step()
    assert step == 4
    labelled = year.labelled_mondays()
    assert len(labelled) <= figures.MAX_WEEK_LABELS
    assert all((b - a).days == 7 * step for a, b in itertools.pairwise(labelled))
    later = figures.TimeAxis.spanning(date(2025, 1, 13), date(2025, 12, 28))
    assert set(later.labelled_mondays()) == set(labelled) - {date(2025, 1, 6)}


@pytest.mark.parametrize(
    ("values", "dtick", "top"),
    [
        ([0.297, 0.594, 1.1], 0.5, 1.5),
        ([0.96, 1.3], 0.5, 1.5),
        ([2.4, 3.1], 1, 4),
        ([NAN], 0.25, 1.25),
    ],
)
def test_secondary_axes_get_round_ticks(values: list[float], dtick: float, top: float) -> None:
    axis = figures.nice_axis(pd.Series(values))
    assert axis["dtick"] == pytest.approx(dtick)
    assert axis["range"] == [0, pytest.approx(top)]


def test_srpe_figure() -> None:
    weekly = pd.DataFrame(
        {
            "week_start": [W1, W2],
            "planned_load": [1500.0, 1600.0],
            "actual_load": [1400.0, 0.0],
            "monotony": [0.96, NAN],
            "strain": [1345.0, NAN],
        }
    )
    figure = srpe_figure(weekly)
    assert names(figure) == ["Planned load", "Actual load", "Strain", "Monotony"]
    assert [trace.type for trace in figure.data] == ["bar", "bar", "scatter", "scatter"]
    assert [trace.yaxis for trace in figure.data] == ["y", "y", "y", "y2"]  # monotony: secondary
    assert ys(figure.data[0]) == [1500.0, 1600.0]
    assert ys(figure.data[1]) == [1400.0, 0.0]
    assert ys(figure.data[2]) == [1345.0, None]
    assert ys(figure.data[3]) == [0.96, None]  # sd 0 → NaN → a gap
    assert figure.layout.yaxis2.overlaying == "y"
    assert (figure.layout.yaxis2.dtick, tuple(figure.layout.yaxis2.range)) == (0.25, (0, 1.0))
    figure.to_json()


def test_srpe_figure_empty_and_all_zero() -> None:
    columns = ["week_start", "planned_load", "actual_load", "monotony", "strain"]
    assert_empty(srpe_figure(pd.DataFrame(columns=columns)), figures.NO_WORKOUTS)
    zeros = pd.DataFrame(
        {
            "week_start": [W1],
            "planned_load": [0.0],
            "actual_load": [0.0],
            "monotony": [NAN],
            "strain": [NAN],
        }
    )
    assert_empty(srpe_figure(zeros), figures.NO_SRPE)


def _acwr(days: int) -> pd.DataFrame:
    loads = pd.Series(300.0, index=pd.date_range(W1, periods=days, freq="D"))
    return ewma_acwr(loads)


def test_acwr_figure_greys_the_first_28_days() -> None:
    figure = acwr_figure(_acwr(30))
    assert names(figure) == [
        "Acute load (7-day EWMA)",
        "Chronic load (28-day EWMA)",
        "ACWR (not yet meaningful)",
        "ACWR",
    ]
    assert [trace.yaxis for trace in figure.data] == ["y", "y", "y2", "y2"]
    acute, chronic, early, ratio = figure.data
    assert ys(acute) == pytest.approx([300.0] * 30)
    assert len(acute.x) == len(chronic.x) == 30
    # Dotted grey for the 28 unreliable days, joined to the first reliable one.
    assert len(early.x) == 29 and early.line.dash == "dot" and early.line.color == figures.GREY
    assert ys(early) == pytest.approx([1.0] * 29)
    assert list(ratio.x) == [str(W1 + timedelta(days=28)), str(W1 + timedelta(days=29))]
    assert ys(ratio) == pytest.approx([1.0, 1.0])
    (shade,) = figure.layout.shapes  # the greyed window, and nothing else: no risk zones, no today
    assert (shade.x0, shade.x1) == (str(W1), str(W1 + timedelta(days=27)))
    assert shade.xref == "x"
    texts = " ".join(annotation_texts(figure)).lower()
    assert "not yet meaningful" in texts
    for word in ("risk", "danger", "sweet spot", "high", "low"):
        assert word not in texts
    figure.to_json()


def test_acwr_figure_short_history_has_no_reliable_line() -> None:
    figure = acwr_figure(_acwr(10))
    assert names(figure)[-1] == "ACWR (not yet meaningful)"
    assert len(figure.data) == 3
    assert len(figure.data[2].x) == 10


def test_acwr_figure_custom_windows_and_empty() -> None:
    loads = pd.Series(100.0, index=pd.date_range(W1, periods=5, freq="D"))
    figure = acwr_figure(ewma_acwr(loads, acute=1, chronic=3), acute=1, chronic=3)
    assert names(figure) == [
        "Acute load (1-day EWMA)",
        "Chronic load (3-day EWMA)",
        "ACWR (not yet meaningful)",
        "ACWR",
    ]
    assert ys(figure.data[3]) == pytest.approx([1.0, 1.0])
    assert_empty(acwr_figure(ewma_acwr(pd.Series([], dtype="float64"))), figures.NO_COMPLETED)
    zeros = pd.Series(0.0, index=pd.date_range(W1, periods=40, freq="D"))
    assert_empty(acwr_figure(ewma_acwr(zeros)), figures.NO_COMPLETED)


def test_compliance_figure_in_percent() -> None:
    compliance = pd.DataFrame(
        {
            "week_start": [W1, W2, W3],
            "completed": [2, 3, 0],
            "skipped": [1, 0, 0],
            "missed": [1, 0, 0],
            "compliance": [0.5, 1.0, NAN],
        }
    )
    figure = compliance_figure(compliance)
    assert names(figure) == ["Compliance"]
    (bars,) = figure.data
    assert list(bars.x) == [str(W1), str(W2), str(W3)]
    assert ys(bars) == [50.0, 100.0, None]  # nothing due: blank, not 0 %
    assert list(bars.text) == ["50 %", "100 %", None]
    assert [list(row) for row in bars.customdata] == [[2, 4, 1, 1], [3, 3, 0, 0], [0, 0, 0, 0]]
    assert tuple(figure.layout.yaxis.range) == (0, 110)
    figure.to_json()


def test_compliance_figure_nothing_due() -> None:
    columns = ["week_start", "completed", "skipped", "missed", "compliance"]
    assert_empty(compliance_figure(pd.DataFrame(columns=columns)), figures.NO_DUE)
    future = pd.DataFrame(
        {"week_start": [W3], "completed": [0], "skipped": [0], "missed": [0], "compliance": [NAN]}
    )
    assert_empty(compliance_figure(future), figures.NO_DUE)


def test_empty_figure_default_message() -> None:
    assert annotation_texts(figures.empty_figure()) == ["No completed workouts yet"]


# ------------------------------------------------------------------------------------------------
# From a workouts frame through core.load to a figure


def test_figures_from_an_empty_workouts_frame() -> None:
    empty = workouts_frame([])
    today = date(2025, 3, 12)
    assert_empty(
        tonnage_figure(weekly_tonnage(empty, {}, today, one_rm_key_of=lambda n: None)),
        figures.NO_WORKOUTS,
    )
    assert_empty(
        hard_sets_figure(weekly_hard_sets(empty, lambda n: None), (8, 10)), figures.NO_HARD_SETS
    )
    assert_empty(srpe_figure(weekly_srpe(empty)), figures.NO_WORKOUTS)
    assert_empty(acwr_figure(ewma_acwr(daily_srpe(empty, planned=False))), figures.NO_COMPLETED)
    assert_empty(compliance_figure(weekly_compliance(empty, today)), figures.NO_DUE)


def test_figures_from_a_small_workouts_frame() -> None:
    squat = [
        {
            "label": "Main",
            "exercises": [{"name": "Back Squat", "sets": 3, "reps": 5, "loadKg": 100}],
        }
    ]
    rows = [
        {
            "workout_id": "a",
            "date": W1,
            "status": "completed",
            "session_type": "lift",
            "title": "Lower",
            "planned_minutes": 60,
            "target_rpe": 7,
            "session_rpe": 8,
            "actual_minutes": 50,
            "blocks": squat,
        },
        {
            "workout_id": "b",
            "date": W2 + timedelta(days=2),
            "status": "scheduled",
            "session_type": "lift",
            "title": "Lower",
            "planned_minutes": 60,
            "target_rpe": 7,
            "blocks": squat,
        },
    ]
    frame = workouts_frame(rows)
    today = W2
    tonnage = tonnage_figure(weekly_tonnage(frame, {}, today, one_rm_key_of=lambda n: None))
    assert ys(tonnage.data[0]) == [1500.0, 1500.0]
    assert ys(tonnage.data[1]) == [1500.0, 0.0]
    srpe = srpe_figure(weekly_srpe(frame))
    assert ys(srpe.data[0]) == [420.0, 420.0]
    assert ys(srpe.data[1]) == [400.0, 0.0]
    assert srpe.data[3].y[0] == pytest.approx(
        (400 / 7) / math.sqrt((6 * (400 / 7) ** 2 + (400 - 400 / 7) ** 2) / 6)
    )
    compliance = compliance_figure(weekly_compliance(frame, today))
    assert ys(compliance.data[0]) == [100.0, None]
    muscles = {"Back Squat": (("quads",), ("glutes",))}
    sets = hard_sets_figure(weekly_hard_sets(frame, muscles.get), (10, 16))
    assert list(sets.data[0].y) == ["quads", "glutes"]
    assert [list(row) for row in sets.data[0].z] == [[3.0, 3.0], [1.5, 1.5]]


def test_every_chart_colour_comes_from_the_colour_blind_safe_palette() -> None:
    palette = {
        figures.ORANGE,
        figures.SKY_BLUE,
        figures.BLUISH_GREEN,
        figures.BLUE,
        figures.VERMILLION,
        figures.REDDISH_PURPLE,
        figures.GREY,
    }
    axis = figures.TimeAxis.spanning(W1, W3, W2)
    weekly = pd.DataFrame(
        {
            "week_start": [W1, W2],
            "planned_load": [1500.0, 1600.0],
            "actual_load": [1400.0, 0.0],
            "monotony": [0.96, NAN],
            "strain": [1345.0, NAN],
        }
    )
    used: set[str] = set()
    for figure in (
        srpe_figure(weekly, axis),
        acwr_figure(_acwr(40), axis),
        hard_sets_figure(SETS, (10, 16), axis),
    ):
        for trace in figure.data:
            if trace.type == "heatmap":
                used |= {colour for _, colour in trace.colorscale}
            elif trace.type == "bar":
                used.add(trace.marker.color)
            else:
                used.add(trace.line.color)
        used |= {shape.line.color for shape in figure.layout.shapes if shape.line.color}
    assert used and used <= palette
