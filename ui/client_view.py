"""The client's own page, opened by a private link (``/?client=<token>``) with no account: only
that client's today, this week and next week, and logging with the coach's form (logged by client).

A token is opened once per browser session (throttled per address, db/client_links.py); every
later rerun re-reads whether the link still opens, so a revoked link stops at the next click.
"""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from bootstrap import LinkAccess, Wiring
from core.client_links import CLIENT_VIEW, REFUSED, LinkRefused, token_hash
from core.dates import monday_of, today_in
from core.errors import NotFound
from core.read_models import WorkoutRecord
from core.service import LOGGED_BY_CLIENT
from ui.browser_address import browser_address
from ui.calendar_view import status_label
from ui.log_form import log_section, show_prescription
from ui.markdown import md_escape
from ui.share_view import CLIENT_PARAM
from ui.shell import client_units, flash, page_edge
from ui.week_view import TYPE_ICONS

ACCESS_KEY = "_client_link"
"""(the token's hash, the LinkAccess) this browser session opened."""
FLASH = "_client_flash"


def requested_token() -> str | None:
    """The token of a client link in the URL, or None for every other URL."""
    value = st.query_params.get(CLIENT_PARAM)
    return None if value is None else str(value)


def page(process: Wiring, token: str) -> st.Page:
    """The one page a client link's URL has (whatever its path)."""
    return st.Page(lambda: show(process, token), title="Training", default=True)


def show(process: Wiring, token: str) -> None:
    """The whole client page, or one sentence when the link does not open."""
    access = _access(process, token)
    if access is None:
        return
    app = access.workspace
    try:
        client = app.storage.get_client(access.grant.client_id)
    except NotFound:
        st.info(REFUSED)
        return
    today = today_in(client.profile.timezone)
    units = client_units(app, client)
    st.title(f"{md_escape(client.name)}'s training")
    flash(FLASH)
    monday = monday_of(today)
    workouts = app.storage.workouts_for_client(client.id, monday, monday + timedelta(days=13))
    with page_edge():
        st.subheader("Today")
        todays = [w for w in workouts if w.date == today]
        if not todays:
            st.caption(f"{today:%A %d %B}: no session planned. Rest well.")
        for workout in todays:
            st.markdown(f"**{_heading(workout, today)}**")
            show_prescription(workout, units)
            log_section(app, workout, today, units, flash_key=FLASH, logged_by=LOGGED_BY_CLIENT)
        for title, start in (("This week", monday), ("Next week", monday + timedelta(days=7))):
            st.subheader(title)
            week = [w for w in workouts if start <= w.date < start + timedelta(days=7)]
            if not week:
                st.caption("No sessions planned.")
            for workout in week:
                if workout.date == today:
                    continue  # drawn in full above
                with st.expander(_heading(workout, today)):
                    show_prescription(workout, units)
                    if workout.date < today:
                        log_section(
                            app,
                            workout,
                            today,
                            units,
                            flash_key=FLASH,
                            logged_by=LOGGED_BY_CLIENT,
                        )
    st.caption("Your coach made this plan for you. Keep this link private.")


def _access(process: Wiring, token: str) -> LinkAccess | None:
    remembered = st.session_state.get(ACCESS_KEY)
    hashed = token_hash(token)
    if remembered is not None and remembered[0] == hashed:
        access: LinkAccess = remembered[1]
        if process.link_still_open(access.grant.link_id):
            return access
        st.session_state.pop(ACCESS_KEY, None)
        st.info(REFUSED)
        return None
    try:
        access = process.open_link(token, CLIENT_VIEW, browser_address(process))
    except LinkRefused as refused:
        st.info(str(refused))
        return None
    st.session_state[ACCESS_KEY] = (hashed, access)
    return access


def _heading(workout: WorkoutRecord, today: date) -> str:
    icon = TYPE_ICONS.get(workout.session_type, "")
    minutes = f" · {workout.planned_minutes} min" if workout.planned_minutes else ""
    status = status_label(workout, today)
    return (
        f"{icon} {workout.date:%a %d %b} · {md_escape(workout.title)}{minutes}"
        + (f" · {status}" if status else "")
    ).strip()
