"""The address of the browser behind this Streamlit session, as the throttles count it: the
websocket's peer, or behind a trusted reverse proxy the address it forwarded
(core/client_address.py; PERIODIZE_TRUSTED_PROXIES)."""

from __future__ import annotations

import streamlit as st

from bootstrap import Wiring
from core.client_address import client_address


def browser_address(wiring: Wiring) -> str | None:
    """None when the browser is on this machine with no proxy between (Streamlit's own rule)."""
    try:
        forwarded = st.context.headers.get_all("X-Forwarded-For")
    except Exception:  # no request behind this session (AppTest)
        forwarded = []
    return client_address(st.context.ip_address, forwarded, wiring.trusted_proxies)
