"""The Overview page's all-clients grid: compliance per week as numbers, each cell coloured (red
under 60 %, amber under 80 %, else green), blank where nothing was due; the clients needing
attention first with the reason in words.

The grid is built once per content of the coach's overview (``all_clients``); the Styler over it
is made on every run (cheap, and Streamlit changes it as it serialises it).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from core.attention import LOW_COMPLIANCE, Attention, ClientOverview

AMBER_BELOW = 80
RED_BELOW = round(LOW_COMPLIANCE * 100)
# Okabe–Ito vermillion, orange and bluish green as light tints, with dark text: the number in the
# cell carries the meaning too, so a coach who cannot tell the tints apart still reads it.
CELL_STYLES = {
    "red": "background-color: #f6c8a8; color: #1c2733",
    "amber": "background-color: #f8e0a0; color: #1c2733",
    "green": "background-color: #b3e0d0; color: #1c2733",
}
CACHE_TTL_S = 3600


def pct(value: float | None) -> float | None:
    """A compliance (0–1) in whole percent; None (a blank cell) when nothing was due."""
    return None if value is None else round(value * 100)


def compliance_style(value: object) -> str:
    """The cell style of a compliance in percent; none for a blank (nothing was due)."""
    if not isinstance(value, int | float) or pd.isna(value):
        return ""
    if value < RED_BELOW:
        return CELL_STYLES["red"]
    return CELL_STYLES["amber"] if value < AMBER_BELOW else CELL_STYLES["green"]


def reasons_text(texts: list[str]) -> str:
    """'No workout logged yet; compliance 0 % over the last 4 weeks'."""
    joined = "; ".join(texts)
    return joined[:1].upper() + joined[1:]


def week_labels(clients: Sequence[ClientOverview]) -> list[str]:
    """The grid's week columns, oldest first; the last one is the week under way."""
    labels = [f"{week.week_start:%d %b}" for week in clients[0].weeks]
    labels[-1] = "This week"
    return labels


def grid_frame(clients: Sequence[ClientOverview], flagged: Sequence[Attention]) -> pd.DataFrame:
    """One row per client: the clients needing attention first (in ``flagged``'s order), then
    everyone else by name; compliance in percent per week and over four weeks."""
    labels = week_labels(clients)
    why = {item.client.client_id: item.reasons for item in flagged}
    rank = {item.client.client_id: position for position, item in enumerate(flagged)}
    ordered = sorted(clients, key=lambda c: (rank.get(c.client_id, len(rank)), c.name.lower()))
    rows = []
    for client in ordered:
        row: dict[str, object] = {"Client": client.name}
        if flagged:  # the column only when someone needs attention: else it is blank throughout
            row["Needs attention"] = reasons_text([r.text for r in why.get(client.client_id, [])])
        for label, week in zip(labels, client.weeks, strict=True):
            row[label] = pct(week.compliance)
        row["4 wk"] = pct(client.compliance_4_weeks)
        row["Last logged"] = client.last_logged
        row["Phase"] = client.phase
        row["Phase ends"] = client.phase_end
        rows.append(row)
    return pd.DataFrame(rows)


def all_clients(
    coach_id: str, clients: Sequence[ClientOverview], flagged: Sequence[Attention], today: date
) -> Styler:
    """The grid with its compliance cells coloured. The frame is built once per content of the
    overview; the Styler, which Streamlit changes as it serialises it, is made on every run."""
    grid = _grid(coach_id, repr(list(clients)), today.isoformat(), clients, flagged)
    percent_columns = [*week_labels(clients), "4 wk"]
    return grid.style.map(compliance_style, subset=pd.Index(percent_columns))


# cache_resource: one frame shared by the coach's runs, never changed (a Styler only reads it).
@st.cache_resource(max_entries=32, ttl=CACHE_TTL_S, show_spinner=False)
def _grid(
    coach_id: str,
    content: str,
    today: str,
    _clients: Sequence[ClientOverview],
    _flagged: Sequence[Attention],
) -> pd.DataFrame:
    # ``content`` (the overview's repr) and ``today`` decide ``_flagged`` too (needing_attention).
    return grid_frame(_clients, _flagged)
