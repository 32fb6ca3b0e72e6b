"""Settings: every coach's own (default units, password) and which generator drafts plans; for an
admin, adding coaches and the server's sections (AI drafter, database, environment; secrets
masked)."""

from __future__ import annotations

import streamlit as st

from bootstrap import GENERATOR_LABELS
from core.schemas import Units
from core.units import DistanceUnit, LoadUnit
from ui import login, shell
from ui.account_forms import add_coach_section, password_section
from ui.server_settings_view import server_sections

FLASH = "_settings_flash"

app = shell.wiring()
st.title("Settings")
shell.flash(FLASH)

st.subheader("Units")
current = app.coach.units
with st.form("coach-units"):
    left, right = st.columns(2)
    loads, distances = list(LoadUnit), list(DistanceUnit)
    load = left.selectbox("Loads in", loads, index=loads.index(current.load))
    distance = right.selectbox("Distances in", distances, index=distances.index(current.distance))
    st.caption(
        "Your default: every client without units of their own is shown and typed in these "
        "(set a client's own on the Clients page). Everything is stored in kg and km."
    )
    if st.form_submit_button("Save units"):
        app.storage.set_coach_units(Units(load=load, distance=distance))
        login.forget_signed_in_coach()  # read again with its new units on the next run
        st.session_state[FLASH] = f"Your clients' default units are now {load} and {distance}."
        st.rerun()

st.subheader("Generator")
st.write(
    f"Default generator: **{GENERATOR_LABELS.get(app.default_generator, app.default_generator)}**"
)
st.caption(
    "Available: " + ", ".join(GENERATOR_LABELS.get(name, name) for name in app.generators) + "."
)

password_section(app, FLASH)

if app.coach.is_admin:
    add_coach_section(app, FLASH)
    server_sections(app, shell.openai_secrets())
else:
    st.caption("The server's settings are shown to the install's admins.")
