"""Load: the client's weekly training-load charts (tonnage, hard sets, sRPE, ACWR, compliance).

One chart at a time (a segmented control picks it; "All five" stacks them as before): every chart
drawn is a plotly spec serialised on each rerun. The charts come from ``page_data``, cached per
version of the client's workouts, so a rerun reads one aggregate row, not a year of workouts.
"""

from __future__ import annotations

import streamlit as st

from core.schemas import with_units
from ui import page_data, shell
from ui.load_view import CHART_KEYS, CHART_TITLES

CHART_KEY = "_load_chart"
ALL = "all"
PICKER_LABELS = {
    "tonnage": "Tonnage",
    "hard_sets": "Hard sets",
    "srpe": "Session RPE",
    "acwr": "ACWR",
    "compliance": "Compliance",
    ALL: "All five",
}

app, client = shell.client_page("Training load")

with shell.page_edge():
    today = shell.client_today(client)
    stamp = app.storage.workouts_stamp(client.id)
    if not stamp.count:
        st.info(
            f"{shell.md_escape(client.name)} has no saved sessions yet: the charts appear once a phase is saved."
        )
        st.stop()
    st.caption(
        f"{stamp.count} sessions from {stamp.first:%d %b %Y} to {stamp.last:%d %b %Y};"
        f" today is {today:%a %d %b %Y} in {client.profile.timezone}."
    )
    choice = st.segmented_control(
        "Chart",
        [*CHART_KEYS, ALL],
        default=CHART_KEYS[0],
        required=True,
        format_func=PICKER_LABELS.__getitem__,
        key=CHART_KEY,
        persist_state="session",  # the coach's pick survives a visit to another page
        help="One chart at a time, or all five stacked.",
    )
    shown = CHART_KEYS if choice == ALL else (choice,)
    # the coach's default units filled in: the charts (and their cache key) follow them
    profile = with_units(client.profile, app.coach.units)
    if len(shown) == 1:
        others = ", ".join(CHART_TITLES[key] for key in CHART_KEYS if key not in shown)
        st.caption(f"Showing 1 of 5 charts; pick another above: {others}, or all five.")
    for key in shown:
        chart = page_data.chart(app, client.id, stamp, profile, today, key)
        st.subheader(chart.title)
        st.plotly_chart(chart.figure, width="stretch", key=f"chart-{chart.key}")
        st.caption(chart.caption)
