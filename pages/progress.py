"""Progress: what the logged sets say — the e1RM trend per lift and the rep-max records.

The two figures show the last weeks by default (a year of training days is the page's largest
payload); "All history" draws every day. Records are all-time either way.
"""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from ui import page_data, shell
from ui.progress_view import e1rm_figure, fitness_figure, records_frame

RECENT_WEEKS = 12
SPANS = {"recent": f"Last {RECENT_WEEKS} weeks", "all": "All history"}

app, client = shell.client_page("Progress")

with shell.page_edge():
    stamp = app.storage.workouts_stamp(client.id)
    today = shell.client_today(client)
    sets = page_data.logged_sets(app, client.id, stamp)
    unit = shell.client_units(app, client).load
    span = st.segmented_control(
        "Show",
        list(SPANS),
        default="recent",
        required=True,
        format_func=SPANS.__getitem__,
        key="_progress_span",
        persist_state="session",  # the coach's pick survives a visit to another page
    )
    since = None if span == "all" else today - timedelta(weeks=RECENT_WEEKS)
    shown = sets if since is None else [logged for logged in sets if logged.day >= since]
    if sets and not shown:
        st.caption(f"Nothing logged in the last {RECENT_WEEKS} weeks: the whole history is shown.")
        shown, since = sets, None
    st.subheader("Estimated 1RM per lift")
    st.caption(
        "Best estimate of each training day: load × (1 + (reps + reps in reserve) / 30) "
        "(Epley on reps to failure; an RPE counts as 10 − RPE in reserve; sets past 12 reps to "
        "failure give no estimate)."
    )
    st.plotly_chart(e1rm_figure(shown, today, unit), width="stretch", key="e1rm")
    st.subheader("Rep-max records")
    records = records_frame(sets, unit)
    if records.empty:
        st.caption("No loaded sets logged yet.")
    else:
        st.dataframe(records, hide_index=True, width="stretch")
    st.subheader("Fitness, fatigue and form")
    st.caption(
        "From the daily session-RPE load of completed sessions: fitness and fatigue are its 42- and "
        "7-day exponentially weighted averages, form is yesterday's fitness minus fatigue "
        "(positive: fresher). A description of the load, not a prediction."
    )
    # Computed over the whole history (a 42-day average needs its past), then the span shown.
    load = page_data.fitness(app, client.id, stamp, today)
    if since is not None:
        load = load[load["date"] >= since]
    st.plotly_chart(
        fitness_figure(load, today),
        width="stretch",
        key="fitness",
    )
