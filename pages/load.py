"""Load: the client's weekly training-load charts (tonnage, hard sets, sRPE, ACWR, compliance).

One chart at a time (a segmented control picks it; "All five" stacks them as before): every chart
drawn is a plotly spec serialised on each rerun. The charts come from ``page_data``, cached per
version of the client's workouts, so a rerun reads one aggregate row, not a year of workouts. They
show the last weeks and the next few by default (a year of weeks is most of what the browser
draws); "All weeks" shows every week.
"""

from __future__ import annotations

import streamlit as st

from core.schemas import with_units
from ui import page_data, shell
from ui.load_view import CHART_KEYS, CHART_TITLES, RECENT_WEEKS, WEEKS_AHEAD, recent_window

CHART_KEY = "_load_chart"
SPAN_KEY = "_load_span"
SPANS = {"recent": f"Last {RECENT_WEEKS} weeks and the next {WEEKS_AHEAD}", "all": "All weeks"}
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
    assert stamp.first is not None and stamp.last is not None  # it has sessions
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
    span = st.segmented_control(
        "Weeks",
        list(SPANS),
        default="recent",
        required=True,
        format_func=SPANS.__getitem__,
        key=SPAN_KEY,
        persist_state="session",
    )
    recent_weeks = None if span == "all" else RECENT_WEEKS
    if recent_weeks and not recent_window(stamp.first, stamp.last, today, recent_weeks):
        st.caption("No sessions in these weeks: every week is shown.")
    shown = CHART_KEYS if choice == ALL else (choice,)
    # the coach's default units filled in: the charts (and their cache key) follow them
    profile = with_units(client.profile, app.coach.units)
    if len(shown) == 1:
        others = ", ".join(CHART_TITLES[key] for key in CHART_KEYS if key not in shown)
        st.caption(f"Showing 1 of 5 charts; pick another above: {others}, or all five.")
    for key in shown:
        chart = page_data.chart(app, client.id, stamp, profile, today, key, recent_weeks)
        st.subheader(chart.title)
        st.plotly_chart(chart.figure, width="stretch", key=f"chart-{chart.key}")
        st.caption(chart.caption)
