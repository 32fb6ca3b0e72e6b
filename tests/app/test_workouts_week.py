"""The Workouts page shows the saved plan: the week day by day and the chosen session's exercises."""

from __future__ import annotations

import re

from core.dates import WEEKDAY_NAMES, monday_of
from core.demo import load_demo_data
from core.schemas import Units
from ui.blocks import block_markdown, stored_blocks
from ui.calendar_view import default_week, week_end
from ui.shell import client_today

DAY_HEADING = re.compile(rf"^\*\*({'|'.join(WEEKDAY_NAMES)}) \d\d( · today)?\*\*")
"""The start of a day column's markdown (its sessions, or a dash, follow the heading)."""


def test_the_week_and_the_sessions_prescription_are_shown(page, wiring) -> None:  # type: ignore[no-untyped-def]
    client_id = load_demo_data(wiring.storage, wiring.service)[0]
    client = wiring.storage.get_client(client_id)
    at = page("workouts", client_id=str(client_id))
    assert not at.exception and not at.error

    mondays = sorted({monday_of(w.date) for w in wiring.storage.workouts_for_client(client_id)})
    monday = default_week(mondays, client_today(client))
    assert monday is not None
    first = wiring.storage.workouts_for_client(client_id, monday, week_end(monday))[0]
    texts = [element.value for element in at.markdown]
    days = [match.group(1) for text in texts if (match := DAY_HEADING.match(text))]
    assert days == list(WEEKDAY_NAMES)
    shown = [block_markdown(b, Units()) for b in stored_blocks(first) if b.exercises]
    assert shown and "\n\n".join(shown) in texts  # the session's blocks, one markdown
