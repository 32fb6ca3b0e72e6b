"""Overview: the coach's clients needing attention (compliance dropping, nothing logged, phase ending)."""

from __future__ import annotations

import statistics

import streamlit as st

from core.attention import ClientOverview, needing_attention, percent
from ui import shell

PICK_KEY = "_overview_client"


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value * 100)


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
                    "Reasons": "; ".join(reason.text for reason in item.reasons),
                    "Last logged": item.client.last_logged,
                    "Compliance 4 wk": _pct(item.client.compliance_4_weeks),
                }
                for item in flagged
            ],
            hide_index=True,
            width="stretch",
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
    rows = []
    for client in clients:
        row: dict[str, object] = {"Client": client.name}
        for label, week in zip(labels, client.weeks, strict=True):
            row[label] = _pct(week.compliance)
        row["4 wk"] = _pct(client.compliance_4_weeks)
        row["Last logged"] = client.last_logged
        row["Phase"] = client.phase or "—"
        row["Phase ends"] = client.phase_end
        rows.append(row)
    percent_column = st.column_config.NumberColumn(format="%d %%")
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={
            **{label: percent_column for label in [*labels, "4 wk"]},
            "Last logged": st.column_config.DateColumn(format="ddd DD MMM"),
            "Phase ends": st.column_config.DateColumn(format="ddd DD MMM"),
        },
    )
    overall = [c.compliance_4_weeks for c in clients if c.compliance_4_weeks is not None]
    if overall:
        st.caption(
            f"Median 4-week compliance: {percent(statistics.median(overall))}; "
            "a blank cell means nothing was due that week."
        )
