"""Periodize: the Streamlit entrypoint. Page config, sign-in, the navigation (ui.navigation)."""

from __future__ import annotations

import streamlit as st

from ui import login, navigation, shell

st.set_page_config(page_title="Periodize", page_icon="🏋️", layout="wide")

# The composition root, built once per process: the engine, the schema migrated to head, the
# generators. st.navigation runs on every rerun: while signed out every URL shows the sign-in form
# (and no page name); once signed in, the URL the coach opened shows its page.
process = shell.shared()
coach = login.current_coach(process)
if coach is None:
    signed_out = navigation.sign_in_pages(lambda: login.sign_in(process))
    navigation.run(st.navigation(signed_out, position="hidden"))
else:
    pages = st.navigation(navigation.coach_pages())
    login.account_sidebar(coach)
    st.sidebar.caption("Periodize · periodized mesocycles for coaches")
    navigation.run(pages)
