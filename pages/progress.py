"""Progress: what the logged sets say — the e1RM trend per lift and the rep-max records."""

from __future__ import annotations

import streamlit as st

from ui import page_data, shell
from ui.progress_view import e1rm_figure, records_frame

app = shell.wiring()
st.title("Progress")
client = shell.choose_client(app)
if client is None:
    st.stop()

with shell.page_edge():
    stamp = app.storage.workouts_stamp(client.id)
    sets = page_data.logged_sets(app, client.id, stamp)
    st.subheader("Estimated 1RM per lift")
    st.caption(
        "Best estimate of each training day: load × (1 + (reps + reps in reserve) / 30) "
        "(Epley on reps to failure; an RPE counts as 10 − RPE in reserve; sets past 12 reps to "
        "failure give no estimate)."
    )
    st.plotly_chart(e1rm_figure(sets), width="stretch", key="e1rm")
    st.subheader("Rep-max records")
    records = records_frame(sets)
    if records.empty:
        st.caption("No loaded sets logged yet.")
    else:
        st.dataframe(records, hide_index=True, width="stretch")
