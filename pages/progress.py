"""Progress: what the logged sets say — the e1RM trend per lift and the rep-max records."""

from __future__ import annotations

import streamlit as st

from ui import page_data, shell
from ui.progress_view import e1rm_figure, fitness_figure, records_frame

app, client = shell.client_page("Progress")

with shell.page_edge():
    stamp = app.storage.workouts_stamp(client.id)
    today = shell.client_today(client)
    sets = page_data.logged_sets(app, client.id, stamp)
    unit = shell.client_units(app, client).load
    st.subheader("Estimated 1RM per lift")
    st.caption(
        "Best estimate of each training day: load × (1 + (reps + reps in reserve) / 30) "
        "(Epley on reps to failure; an RPE counts as 10 − RPE in reserve; sets past 12 reps to "
        "failure give no estimate)."
    )
    st.plotly_chart(e1rm_figure(sets, today, unit), width="stretch", key="e1rm")
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
    st.plotly_chart(
        fitness_figure(page_data.fitness(app, client.id, stamp, today), today),
        width="stretch",
        key="fitness",
    )
