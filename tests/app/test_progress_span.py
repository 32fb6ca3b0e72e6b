"""Progress draws the last 12 weeks by default and the whole history on request; the rep-max
records are all-time either way; the fitness chart is drawn once its toggle is on."""

from __future__ import annotations

import json
from datetime import date, timedelta

from core.dates import today_in
from core.demo import DEMO_CLIENTS, client_with_history


def _first_day(at, key: str) -> date:  # type: ignore[no-untyped-def]
    chart = next(c for c in at.get("plotly_chart") if c.proto.id and key in c.proto.id)
    spec = json.loads(chart.proto.spec)
    # a daily trace gives its first day (x0) and a day's step; the others every day
    days = [day for trace in spec["data"] for day in trace.get("x", [trace.get("x0")]) if day]
    return min(date.fromisoformat(day[:10]) for day in days)


def _keys(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")]


def test_recent_weeks_by_default_and_all_history_on_request(page, wiring) -> None:  # type: ignore[no-untyped-def]
    profile = DEMO_CLIENTS[0].profile
    today = today_in(profile.timezone)
    client = client_with_history(wiring.storage, wiring.service, profile, 26, today)
    at = page("progress", client_id=str(client.id))
    assert not at.exception
    since = today - timedelta(weeks=12)
    assert _first_day(at, "e1rm") >= since
    assert _keys(at) == ["e1rm"], "the fitness chart waits for its toggle"
    at.session_state["_progress_fitness"] = True
    at.run()
    assert not at.exception
    assert _keys(at) == ["e1rm", "fitness"]
    assert _first_day(at, "fitness") >= since
    records = at.dataframe[0].value
    at.session_state["_progress_span"] = "all"
    at.run()
    assert not at.exception
    assert _first_day(at, "e1rm") < since - timedelta(weeks=8), "half a year of training days"
    assert _first_day(at, "fitness") < since - timedelta(weeks=8)
    assert at.dataframe[0].value.equals(records), "records are all-time either way"
