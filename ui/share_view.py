"""The coach's "Share with client" section: make a named link (client view or calendar feed,
optional last day), see each link's use and status, revoke one. A new link's URL is shown once.
"""

from __future__ import annotations

import os
import uuid
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from bootstrap import Workspace
from core.client_links import (
    CALENDAR_FEED,
    CLIENT_VIEW,
    KIND_LABELS,
    LINK_NAME_CHARS,
    ClientLink,
    LinkKind,
)
from core.dates import now, today_in
from core.read_models import ClientRecord
from ui.markdown import md_escape
from ui.shell import page_edge

PUBLIC_URL = "PERIODIZE_PUBLIC_URL"
"""The address clients reach the app at (behind a proxy); else the one the coach's browser uses."""
CLIENT_PARAM = "client"
SHARE_OPEN = "_share_open"
"""The key of the open/closed state of the Share section (a lazy expander)."""


def base_url() -> str:
    configured = os.environ.get(PUBLIC_URL, "").strip().rstrip("/")
    if configured:
        return configured
    parts = urlsplit(st.context.url or "http://localhost:8501")
    return f"{parts.scheme}://{parts.netloc}"


def link_url(kind: LinkKind, token: str, base: str) -> str:
    """The address a link opens: the client's page, or the calendar feed a calendar app polls."""
    if kind == CALENDAR_FEED:
        return f"{base}/calendar/{token}.ics"
    return f"{base}/?{CLIENT_PARAM}={token}"


def links_frame(links: list[ClientLink], zone: str) -> pd.DataFrame:
    """One row per link, times in the client's zone; never the token (it is not stored)."""
    moment, local = now(), ZoneInfo(zone)

    def when(value: datetime | None) -> str:
        return "" if value is None else f"{value.astimezone(local):%d %b %Y %H:%M}"

    rows = [
        {
            "Name": link.name,
            "Kind": "Calendar feed" if link.kind == CALENDAR_FEED else "Client view",
            "Created": when(link.created_at),
            "Last used": when(link.last_used_at) or "never",
            "Expires": (
                # expires_at is the end of the last day: the day before, at midnight local
                f"after {(link.expires_at.astimezone(local) - timedelta(days=1)):%d %b %Y}"
                if link.expires_at
                else "never"
            ),
            "Status": link.status(moment),
        }
        for link in links
    ]
    return pd.DataFrame(rows, columns=["Name", "Kind", "Created", "Last used", "Expires", "Status"])


def share_section(app: Workspace, client: ClientRecord, flash_key: str) -> None:
    """Make, list and revoke the client's links (a revocation is confirmed under ``flash_key``)."""
    # Drawn only once opened (a lazy expander reruns the page when it opens or closes): closed,
    # it costs the Clients page neither its form, its list of links nor their query.
    box = st.expander(f"Share with {md_escape(client.name)}", key=SHARE_OPEN, on_change="rerun")
    if not box.open:
        return
    with box:
        _share(app, client, flash_key)


def _share(app: Workspace, client: ClientRecord, flash_key: str) -> None:
    st.caption(
        "A private link opens only this client's plan, with no account: today's session, this "
        "week and next, and logging. A calendar feed lists every session for a calendar app. "
        "Anyone holding a link can use it, so revoke one that was shared by mistake."
    )
    zone = client.profile.timezone
    with st.form(f"new-link-{client.id}", clear_on_submit=True):
        name = st.text_input("Link name", placeholder="e.g. Phone", max_chars=LINK_NAME_CHARS)
        kind = st.radio(
            "Kind",
            [CLIENT_VIEW, CALENDAR_FEED],
            format_func=lambda value: KIND_LABELS[value],
            horizontal=True,
        )
        expires = st.date_input(
            "Last day it works (optional)",
            value=None,
            min_value=today_in(zone),
            help="In the client's time zone; leave empty to keep it until you revoke it.",
        )
        made = st.form_submit_button("Create link", type="primary")
    if made:
        with page_edge():
            new = app.service.create_link(client.id, name, kind, expires)
            url = link_url(new.link.kind, new.token, base_url())
            st.success(
                f"Link '{md_escape(new.link.name)}' created. Copy it now (the copy icon at the "
                "right): it is shown only this once, and only its fingerprint is kept."
            )
            st.code(url, language=None, wrap_lines=True)
    links = app.storage.list_client_links(client.id)
    if not links:
        st.caption("No links yet.")
        return
    st.dataframe(links_frame(links, zone), hide_index=True, width="stretch")
    active = {str(link.id): link for link in links if link.status(now()) == "active"}
    if not active:
        return
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    chosen = left.selectbox(
        "Revoke a link",
        list(active),
        format_func=lambda value: f"{active[value].name} ({active[value].created_at:%d %b %Y})",
        key=f"revoke-pick-{client.id}",
    )
    if right.button("Revoke", key=f"revoke-{client.id}"):
        with page_edge():
            app.storage.revoke_client_link(uuid.UUID(chosen))
            st.session_state[flash_key] = (
                f"Revoked '{md_escape(active[chosen].name)}': it opens nothing any more."
            )
            st.rerun()
