"""Load: the client's weekly training-load charts (tonnage, hard sets, sRPE, ACWR, compliance)."""

from __future__ import annotations

import streamlit as st

import ui
from core.load_view import load_charts

app = ui.wiring()
st.title("Training load")
client = ui.choose_client(app)
if client is None:
    st.stop()

with ui.page_edge():
    today = ui.client_today(client)
    workouts = app.storage.workouts_for_client(client.id)
    if not workouts:
        st.info(
            f"{client.name} has no saved sessions yet: the charts appear once a phase is saved."
        )
        st.stop()
    st.caption(
        f"{len(workouts)} sessions from {workouts[0].date:%d %b %Y} to {workouts[-1].date:%d %b %Y};"
        f" today is {today:%a %d %b %Y} in {client.profile.timezone}."
    )
    for chart in load_charts(workouts, client.profile, today):
        st.subheader(chart.title)
        st.plotly_chart(chart.figure, width="stretch", key=f"chart-{chart.key}")
        st.caption(chart.caption)
