"""Overview: the coach's clients needing attention (compliance dropping, nothing logged, phase ending).

The all-clients grid colours each compliance cell (red under 60 %, amber under 80 %, else green)
so the struggling client shows at once; a week with nothing due stays blank; the clients needing
attention come first with the reason in words. Columns stay numbers, so clicking a header sorts.
"""

from __future__ import annotations

import statistics

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from core.attention import LOW_COMPLIANCE, ClientOverview, needing_attention, percent
from ui import shell

PICK_KEY = "_overview_client"
AMBER_BELOW = 80
RED_BELOW = round(LOW_COMPLIANCE * 100)
# Okabe–Ito vermillion, orange and bluish green as light tints, with dark text: the number in the
# cell carries the meaning too, so a coach who cannot tell the tints apart still reads it.
CELL_STYLES = {
    "red": "background-color: #f6c8a8; color: #1c2733",
    "amber": "background-color: #f8e0a0; color: #1c2733",
    "green": "background-color: #b3e0d0; color: #1c2733",
}


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value * 100)


def compliance_style(value: object) -> str:
    """The cell style of a compliance in percent; none for a blank (nothing was due)."""
    if not isinstance(value, int | float) or pd.isna(value):
        return ""
    if value < RED_BELOW:
        return CELL_STYLES["red"]
    return CELL_STYLES["amber"] if value < AMBER_BELOW else CELL_STYLES["green"]


def _reasons_text(texts: list[str]) -> str:
    """'No workout logged yet; compliance 0 % over the last 4 weeks'."""
    joined = "; ".join(texts)
    return joined[:1].upper() + joined[1:]


def _open(client: ClientOverview, page: str) -> None:
    """Make this client the shared picker's choice, then go to the page."""
    st.session_state[shell.CLIENT_KEY] = str(client.client_id)
    st.session_state.pop(shell.PROGRAM_KEY, None)
    st.session_state.pop(shell.PHASE_KEY, None)
    shell.go(page)


app = shell.wiring()
st.title("Overview")

with shell.page_edge():
    today = shell.coach_today()
    clients = app.storage.coach_overview(today)
    if not clients:
        st.info("No clients yet: add one on the Clients page.")
        shell.link("clients", "Clients →", ":material/group:")
        st.stop()

    flagged = needing_attention(clients, today)
    st.caption(
        f"{len(clients)} clients · as of {today:%a %d %b %Y} · compliance = completed ÷ "
        "(completed + skipped + missed) over training sessions"
    )
    st.subheader(f"Needs attention ({len(flagged)})")
    if not flagged:
        st.success("Every client is on track: nothing dropped, nothing missed, no phase ending.")
    else:
        st.dataframe(
            [
                {
                    "Client": item.client.name,
                    "Reasons": _reasons_text([reason.text for reason in item.reasons]),
                    "Last logged": item.client.last_logged,
                    "Compliance 4 wk": _pct(item.client.compliance_4_weeks),
                }
                for item in flagged
            ],
            hide_index=True,
            width="stretch",
            placeholder="",
            column_config={
                "Last logged": st.column_config.DateColumn(format="ddd DD MMM"),
                "Compliance 4 wk": st.column_config.NumberColumn(format="%d %%"),
            },
        )
        by_id = {str(item.client.client_id): item for item in flagged}
        chosen = st.selectbox(
            "Open a client",
            list(by_id),
            format_func=lambda value: by_id[value].client.name,
            key=PICK_KEY,
        )
        left, right, _ = st.columns([1, 1, 3])
        if left.button("Workouts →", icon=":material/event_available:"):
            _open(by_id[chosen].client, "workouts")
        if right.button("Load →", icon=":material/monitoring:"):
            _open(by_id[chosen].client, "load")

    st.subheader("All clients")
    labels = [f"{week.week_start:%d %b}" for week in clients[0].weeks]
    labels[-1] = "This week"
    why = {item.client.client_id: item.reasons for item in flagged}
    # Clients needing attention first, in the order above; then everyone else by name.
    rank = {item.client.client_id: position for position, item in enumerate(flagged)}
    ordered = sorted(clients, key=lambda c: (rank.get(c.client_id, len(rank)), c.name.lower()))
    rows = []
    for client in ordered:
        row: dict[str, object] = {"Client": client.name}
        if flagged:  # the column only when someone needs attention: else it is blank throughout
            row["Needs attention"] = _reasons_text([r.text for r in why.get(client.client_id, [])])
        for label, week in zip(labels, client.weeks, strict=True):
            row[label] = _pct(week.compliance)
        row["4 wk"] = _pct(client.compliance_4_weeks)
        row["Last logged"] = client.last_logged
        row["Phase"] = client.phase
        row["Phase ends"] = client.phase_end
        rows.append(row)
    percent_columns = [*labels, "4 wk"]
    grid = pd.DataFrame(rows)
    styled: Styler = grid.style.map(compliance_style, subset=pd.Index(percent_columns))
    percent_column = st.column_config.NumberColumn(format="%d %%")
    st.dataframe(
        styled,
        hide_index=True,
        width="stretch",
        placeholder="",  # a blank cell: nothing was due, nothing logged, no phase
        column_config={
            "Needs attention": st.column_config.TextColumn(width="medium"),
            **{label: percent_column for label in percent_columns},
            "Last logged": st.column_config.DateColumn(format="ddd DD MMM"),
            "Phase ends": st.column_config.DateColumn(format="ddd DD MMM"),
        },
    )
    st.caption(
        f"Compliance cells: red under {RED_BELOW} %, amber under {AMBER_BELOW} %, green from "
        f"{AMBER_BELOW} %. Click a column header to sort."
    )
    overall = [c.compliance_4_weeks for c in clients if c.compliance_4_weeks is not None]
    if overall:
        st.caption(
            f"Median 4-week compliance: {percent(statistics.median(overall))}; "
            "a blank cell means nothing was due that week."
        )
