"""Overview: the coach's clients needing attention (compliance dropping, nothing logged, phase ending).

The all-clients grid colours each compliance cell (red under 60 %, amber under 80 %, else green)
so the struggling client shows at once; a week with nothing due stays blank; the clients needing
attention come first with the reason in words. Columns stay numbers, so clicking a header sorts.
"""

from __future__ import annotations

import statistics

import streamlit as st

from core.attention import ClientOverview, needing_attention, percent
from ui import shell
from ui.overview_view import AMBER_BELOW, RED_BELOW, all_clients, pct, reasons_text, week_labels

PICK_KEY = "_overview_client"


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
                    "Reasons": reasons_text([reason.text for reason in item.reasons]),
                    "Last logged": item.client.last_logged,
                    "Compliance 4 wk": pct(item.client.compliance_4_weeks),
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
    percent_columns = [*week_labels(clients), "4 wk"]
    styled = all_clients(str(app.coach.id), clients, flagged, today)
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
