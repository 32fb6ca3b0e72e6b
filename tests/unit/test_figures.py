"""Load-page figures (ui.figures): trace names, counts and values; empty input never raises."""

from __future__ import annotations

import math
from datetime import date, timedelta

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
    hard_sets_figure,
    srpe_figure,
    tonnage_figure,
)

W1, W2, W3 = date(2025, 3, 3), date(2025, 3, 10), date(2025, 3, 17)
NAN = float("nan")


def annotation_texts(figure: go.Figure) -> list[str]:
    return [annotation.text for annotation in figure.layout.annotations]


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
    assert list(figure.data[0].x) == [W1, W2, W3]
    assert list(figure.data[0].y) == [3300.0, 3300.0, 1500.0]
    assert list(figure.data[1].y) == [1500.0, 1800.0, None]  # a future week: no bar, not 0
    assert figure.layout.barmode == "group"
    figure.to_json()


def test_tonnage_figure_empty_and_unloaded() -> None:
    columns = {"week_start": [], "planned": [], "completed": []}
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


def test_hard_sets_figure_lines_per_muscle_with_band() -> None:
    figure = hard_sets_figure(SETS, (10, 16))
    assert names(figure) == ["chest", "back", "quads"]
    assert [list(trace.y) for trace in figure.data] == [[8.0, 10.0], [12.0, 13.5], [18.0, 0.0]]
    assert list(figure.data[0].x) == [W1, W2]
    (band,) = figure.layout.shapes
    assert (band.y0, band.y1) == (10, 16)
    assert "target 10–16 sets" in annotation_texts(figure)
    figure.to_json()


def test_hard_sets_figure_one_week_as_bars() -> None:
    figure = hard_sets_figure(SETS, (10, 16), week_start=W1)
    assert names(figure) == ["Hard sets"]
    assert list(figure.data[0].x) == ["chest", "back", "quads"]
    assert list(figure.data[0].y) == [8.0, 12.0, 18.0]
    below, inside, above = figure.data[0].marker.color
    assert (below, inside, above) == (figures.GREY, figures.BAND_COLOUR, figures.ACCENT_COLOUR)
    assert len(figure.layout.shapes) == 1


def test_hard_sets_figure_without_band_and_empty() -> None:
    assert len(hard_sets_figure(SETS, None).layout.shapes) == 0
    empty = pd.DataFrame({"week_start": [], "muscle": [], "sets": []})
    assert_empty(hard_sets_figure(empty, (8, 10)), figures.NO_HARD_SETS)
    assert_empty(hard_sets_figure(SETS, (8, 10), week_start=date(2024, 1, 1)), figures.NO_HARD_SETS)


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
    assert list(figure.data[0].y) == [1500.0, 1600.0]
    assert list(figure.data[1].y) == [1400.0, 0.0]
    assert list(figure.data[2].y) == [1345.0, None]
    assert list(figure.data[3].y) == [0.96, None]  # sd 0 → NaN → a gap
    assert figure.layout.yaxis2.overlaying == "y"
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
    assert list(acute.y) == pytest.approx([300.0] * 30)
    assert len(acute.x) == len(chronic.x) == 30
    # Dotted grey for the 28 unreliable days, joined to the first reliable one.
    assert len(early.x) == 29 and early.line.dash == "dot" and early.line.color == figures.GREY
    assert list(early.y) == pytest.approx([1.0] * 29)
    assert list(ratio.x) == [W1 + timedelta(days=28), W1 + timedelta(days=29)]
    assert list(ratio.y) == pytest.approx([1.0, 1.0])
    (shade,) = figure.layout.shapes  # the greyed window, and nothing else: no risk zones
    assert (shade.x0, shade.x1) == (W1, W1 + timedelta(days=27))
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
    assert list(figure.data[3].y) == pytest.approx([1.0, 1.0])
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
    assert list(bars.x) == [W1, W2, W3]
    assert list(bars.y) == [50.0, 100.0, None]  # nothing due: blank, not 0 %
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
    assert list(tonnage.data[0].y) == [1500.0, 1500.0]
    assert list(tonnage.data[1].y) == [1500.0, 0.0]
    srpe = srpe_figure(weekly_srpe(frame))
    assert list(srpe.data[0].y) == [420.0, 420.0]
    assert list(srpe.data[1].y) == [400.0, 0.0]
    assert srpe.data[3].y[0] == pytest.approx(
        (400 / 7) / math.sqrt((6 * (400 / 7) ** 2 + (400 - 400 / 7) ** 2) / 6)
    )
    compliance = compliance_figure(weekly_compliance(frame, today))
    assert list(compliance.data[0].y) == [100.0, None]
    muscles = {"Back Squat": (("quads",), ("glutes",))}
    sets = hard_sets_figure(weekly_hard_sets(frame, muscles.get), (10, 16))
    assert names(sets) == ["quads", "glutes"]
    assert list(sets.data[1].y) == [1.5, 1.5]
