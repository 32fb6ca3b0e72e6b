"""Periodize: the Streamlit entrypoint. Page config, the database on first start, the navigation."""

from __future__ import annotations

import streamlit as st

import login
import ui

st.set_page_config(page_title="Periodize", page_icon="🏋️", layout="wide")

# The composition root: builds the engine, migrates the schema to head (once per process), signs
# the coach in (nothing below runs before that) and scopes storage and service to that coach.
app = ui.wiring()

navigation = st.navigation(
    [
        st.Page(ui.PAGES["clients"], title="Clients", icon=":material/group:", default=True),
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:"),
        st.Page(ui.PAGES["program"], title="Program", icon=":material/timeline:"),
        st.Page(ui.PAGES["plan"], title="Plan a phase", icon=":material/edit_calendar:"),
        st.Page(ui.PAGES["workouts"], title="Workouts", icon=":material/event_available:"),
        st.Page(ui.PAGES["load"], title="Load", icon=":material/monitoring:"),
        st.Page(ui.PAGES["settings"], title="Settings", icon=":material/settings:"),
    ]
)
login.account_sidebar(app.coach)
st.sidebar.caption("Periodize · periodized mesocycles for coaches")
navigation.run()
