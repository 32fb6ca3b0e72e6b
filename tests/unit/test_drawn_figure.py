"""A cached chart is sent as it was drawn: ``figures.drawn`` keeps the figure's spec, built once."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go
import plotly.io
import plotly.tools

from ui.figures import DrawnFigure, drawn


def _sent(figure: go.Figure) -> str:
    """The spec ``st.plotly_chart`` sends for ``figure`` (its own two steps)."""
    spec = plotly.tools.return_figure_from_figure_or_data(figure, validate_figure=True)
    return str(plotly.io.to_json(spec, validate=False))


def _figure() -> go.Figure:
    weeks = [date(2026, 1, 5) + timedelta(weeks=n) for n in range(52)]
    figure = go.Figure(go.Bar(x=weeks, y=pd.Series(range(52)) * 1.5, name="Tonnage"))
    figure.add_scatter(x=weeks, y=list(range(52)), name="Planned", mode="lines")
    figure.update_layout(title="Tonnage", yaxis_title="kg")
    return figure


def test_a_drawn_figure_sends_the_same_spec_as_the_figure_it_was_made_from() -> None:
    figure = _figure()
    frozen = drawn(figure)
    assert isinstance(frozen, DrawnFigure) and isinstance(frozen, go.Figure)
    assert _sent(frozen) == _sent(figure)
    assert [trace.name for trace in frozen.data] == ["Tonnage", "Planned"]


def test_a_drawn_figures_spec_is_built_once_and_reused_on_every_draw() -> None:
    frozen = drawn(_figure())
    assert frozen.to_dict() is frozen.to_dict()
    assert _sent(frozen) == _sent(frozen)
