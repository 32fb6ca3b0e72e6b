"""Progress: what the logged sets say — the e1RM trend per lift and the rep-max records.

The figures show the last weeks by default (a year of training days is the page's largest
payload); "All history" draws every day. Records are all-time either way. The fitness, fatigue
and form chart is drawn once its toggle is on (each plotly chart is most of a page switch's time
in the browser); the toggle stays as the coach left it for the session.
"""

from __future__ import annotations

import streamlit as st

from ui import page_data, shell

RECENT_WEEKS = 12
FITNESS_KEY = "_progress_fitness"
SPANS = {"recent": f"Last {RECENT_WEEKS} weeks", "all": "All history"}

app, client = shell.client_page("Progress")

with shell.page_edge():
    stamp = app.storage.workouts_stamp(client.id)
    today = shell.client_today(client)
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
    # Built once per version of the client's data, day, unit and span (page_data.progress).
    charts = page_data.progress(
        app, client.id, stamp, today, unit, None if span == "all" else RECENT_WEEKS
    )
    if charts.whole_history:
        st.caption(f"Nothing logged in the last {RECENT_WEEKS} weeks: the whole history is shown.")
    st.subheader("Estimated 1RM per lift")
    st.caption(
        "Best estimate of each training day: load × (1 + (reps + reps in reserve) / 30) "
        "(Epley on reps to failure; an RPE counts as 10 − RPE in reserve; sets past 12 reps to "
        "failure give no estimate)."
    )
    st.plotly_chart(charts.e1rm, width="stretch", key="e1rm")
    st.subheader("Rep-max records")
    if not charts.records.num_rows:
        st.caption("No loaded sets logged yet.")
    else:
        st.dataframe(charts.records, hide_index=True, width="stretch")
    st.subheader("Fitness, fatigue and form")
    shown = st.toggle(
        "Show fitness, fatigue and form",
        key=FITNESS_KEY,
        persist_state="session",  # stays on for the session once the coach turns it on
        help="The daily session-RPE load's 42- and 7-day averages, drawn on request.",
    )
    if shown:
        st.caption(
            "From the daily session-RPE load of completed sessions: fitness and fatigue are its "
            "42- and 7-day exponentially weighted averages, form is yesterday's fitness minus "
            "fatigue (positive: fresher). A description of the load, not a prediction."
        )
        figure = page_data.fitness(app, client.id, stamp, today, charts.since)
        st.plotly_chart(figure, width="stretch", key="fitness")
