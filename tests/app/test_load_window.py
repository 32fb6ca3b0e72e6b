"""Load draws the last 12 weeks and the next 4 by default and every week on request."""

from __future__ import annotations

import json
from datetime import date, timedelta

from core.dates import monday_of, today_in
from core.demo import DEMO_CLIENTS, client_with_history
from ui.load_view import RECENT_WEEKS

SPAN_KEY = "_load_span"  # pages/load.py: the weeks shown


def _first_week(at) -> date:  # type: ignore[no-untyped-def]
    [chart] = at.get("plotly_chart")
    spec = json.loads(chart.proto.spec)
    return monday_of(min(date.fromisoformat(day[:10]) for day in spec["data"][0]["x"]))


def test_recent_weeks_by_default_and_every_week_on_request(page, wiring) -> None:  # type: ignore[no-untyped-def]
    profile = DEMO_CLIENTS[0].profile
    today = today_in(profile.timezone)
    client = client_with_history(wiring.storage, wiring.service, profile, 26, today)
    at = page("load", client_id=str(client.id))
    assert not at.exception
    window_start = monday_of(today) - timedelta(weeks=RECENT_WEEKS - 1)
    assert _first_week(at) == window_start
    at.session_state[SPAN_KEY] = "all"
    at.run()
    assert not at.exception
    assert _first_week(at) < window_start - timedelta(weeks=8), "half a year of weeks"
