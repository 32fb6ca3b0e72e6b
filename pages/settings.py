"""Settings: the coach's default units, which generator drafts plans, the AI drafter's
configuration, the database in use."""

from __future__ import annotations

import streamlit as st

from bootstrap import GENERATOR_LABELS
from core.schemas import Units
from core.units import DistanceUnit, LoadUnit
from ui import login, shell

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

st.subheader("OpenAI drafter")
status = app.openai
if status.configured:
    st.success("Configured: plans can be drafted by the model, checked and repaired by the code.")
else:
    st.info(
        "Not configured: set OPENAI_API_KEY (and optionally OPENAI_BASE_URL, OPENAI_MODEL) in the "
        "environment or in .streamlit/secrets.toml to enable it. The offline engine is used."
    )
if status.error:
    st.error(f"The OpenAI settings were ignored: {status.error}")
st.table(
    {
        "Setting": ["API key", "Model", "Base URL"],
        "Value": [
            "present (hidden)" if status.key_present else "not set",
            status.model or "—",
            status.base_url or ("api.openai.com (default)" if status.configured else "—"),
        ],
    }
)

st.subheader("Database")
st.write(f"Stored in **{app.database_kind}**; its location is in the server's start-up log.")
st.caption(
    "The operator sets DATABASE_URL (PostgreSQL or SQLite) or PERIODIZE_DATA_DIR (folder of the "
    "SQLite file); the schema is migrated to the latest version when the app starts."
)
