"""Clients: the roster with a name search, a profile form to add or edit, demo data on first start,
sharing a client's plan with them (their private links), archiving and deleting."""

from __future__ import annotations

import uuid

import streamlit as st

from core.demo import load_demo_data
from core.read_models import ClientRecord
from core.schemas import ClientProfile
from ui import limits, shell
from ui.client_form_view import PROFILE_OPEN, open_profile, profile_inputs
from ui.client_lifecycle_view import archive_or_delete, archived_clients
from ui.profile_form import profile_from_form, roster_frame
from ui.share_view import share_section

NEW = "new"
FLASH = "_clients_flash"

app = shell.wiring()
st.title("Clients")

shell.flash(FLASH)

with shell.page_edge():
    no_active_clients = app.storage.count_clients() == 0
    if no_active_clients and app.storage.count_clients(archived=True):
        st.info("No active clients: restore one from Archived clients, or add a client below.")
    elif no_active_clients:
        st.info("No clients yet. Add your first client below, or load three demo clients.")
        if st.button("Load demo data", type="primary"):
            with st.spinner("Creating demo clients, programs and workout history…"):
                ids = load_demo_data(app.storage, app.service)
            st.session_state[shell.CLIENT_KEY] = str(ids[0])
            st.session_state[FLASH] = f"Loaded {len(ids)} demo clients with their programs."
            st.rerun()

    search = st.text_input("Search by name", placeholder="e.g. Mia", max_chars=limits.SEARCH_CHARS)
    clients = app.storage.list_clients(search)
    if clients:
        st.dataframe(roster_frame(clients), hide_index=True, width="stretch")
    elif search:
        st.caption(f"No client's name contains '{shell.md_escape(search)}'.")
    archived_clients(app, FLASH)

    everyone = clients if not search else app.storage.list_clients()
    options = [NEW, *[str(c.id) for c in everyone]]
    names = {str(c.id): c.name for c in everyone}
    current = st.session_state.get(shell.CLIENT_KEY)
    chosen = st.selectbox(
        "Add or edit",
        options,
        index=options.index(current) if current in options else 0,
        format_func=lambda value: "+ New client" if value == NEW else f"Edit {names[value]}",
        on_change=open_profile,
    )
    record: ClientRecord | None = None
    editing: ClientProfile | None = None
    if chosen != NEW:
        st.session_state[shell.CLIENT_KEY] = chosen
        record = next(c for c in everyone if str(c.id) == chosen)
        editing = record.profile

    # The form is most of what this page sends: a new client's is drawn at once, an existing
    # client's once their profile is opened (picking them above opens it; a lazy expander).
    submitted = None
    if editing is None:
        submitted = profile_inputs(None, chosen, app.coach.units)
    else:
        profile_box = st.expander(
            f"{shell.md_escape(editing.name)}'s profile",
            key=PROFILE_OPEN,
            on_change="rerun",
        )
        if profile_box.open:
            with profile_box:
                submitted = profile_inputs(editing, chosen, app.coach.units)

    if submitted is not None:
        profile = profile_from_form(*submitted)
        if editing is not None:
            app.storage.update_client(uuid.UUID(chosen), profile)
            st.session_state[FLASH] = f"Saved {shell.md_escape(profile.name)}'s profile."
        else:
            new_id = app.storage.create_client(profile)
            st.session_state[shell.CLIENT_KEY] = str(new_id)
            st.session_state[FLASH] = (
                f"Created {shell.md_escape(profile.name)}. Next: create their program on the Program page."
            )
        st.rerun()

if st.session_state.get(shell.CLIENT_KEY):
    shell.link("program", "Go to the program →", ":material/timeline:")
    if record is not None:
        st.divider()
        with shell.page_edge():
            share_section(app, record, FLASH)
            archive_or_delete(app, record, FLASH)
