"""The page list, written once: app.py's navigation, links between pages and the tests read it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st
from streamlit.navigation.page import StreamlitPage


@dataclass(frozen=True)
class PageSpec:
    """One screen of the dashboard: its script, its sidebar title and icon, and its URL."""

    key: str
    title: str
    icon: str
    default: bool = False

    @property
    def path(self) -> str:
        return f"pages/{self.key}.py"


PAGES: tuple[PageSpec, ...] = (
    PageSpec("clients", "Clients", ":material/group:", default=True),
    PageSpec("overview", "Overview", ":material/dashboard:"),
    PageSpec("program", "Program", ":material/timeline:"),
    PageSpec("plan", "Plan a phase", ":material/edit_calendar:"),
    PageSpec("templates", "Templates", ":material/content_copy:"),
    PageSpec("workouts", "Workouts", ":material/event_available:"),
    PageSpec("load", "Load", ":material/monitoring:"),
    PageSpec("progress", "Progress", ":material/trending_up:"),
    PageSpec("settings", "Settings", ":material/settings:"),
)
PAGE_KEYS: tuple[str, ...] = tuple(spec.key for spec in PAGES)


def page_path(key: str) -> str:
    """``page_path("plan")`` → ``"pages/plan.py"``, for st.page_link and st.switch_page."""
    return next(spec.path for spec in PAGES if spec.key == key)


def coach_pages() -> list[st.Page]:
    """The signed-in coach's navigation."""
    return [
        st.Page(spec.path, title=spec.title, icon=spec.icon, default=spec.default) for spec in PAGES
    ]


def sign_in_pages(sign_in: Callable[[], None]) -> list[st.Page]:
    """While signed out: every URL shows the sign-in form, and no page name is shown anywhere.

    Each page keeps the URL Streamlit gives its script (``/load`` for pages/load.py), so a coach
    who opened ``/load`` signs in and lands on Load.
    """
    return [
        st.Page(sign_in, title="Sign in", url_path=spec.key, default=spec.default) for spec in PAGES
    ]


_entrypoint = threading.local()
_NO_REQUEST_KEY = "_no_request_behind_session"
"""Set in a session with no HTTP request behind it (AppTest): its pages run alone."""


def run(page: StreamlitPage) -> None:
    """app.py's last step: run the page the URL named, marked as entered through app.py."""
    _entrypoint.active = True
    try:
        page.run()
    finally:
        _entrypoint.active = False


def route_through_entrypoint() -> None:
    """Send a page script that runs on its own back through app.py (the first run of a server).

    Until some run calls ``st.navigation``, Streamlit treats an app with a ``pages/`` folder as a
    folder of scripts and runs ``pages/<name>.py`` alone for a deep link such as ``/load``. Calling
    ``st.navigation`` leaves that mode for good (its documented effect), and the rerun then goes
    through app.py, which routes to the same URL. Under AppTest (no HTTP request behind the
    session) pages run alone on purpose, so nothing happens there.

    A session's headers are those of the request that opened it, so "none" is remembered in the
    session: asking again costs each AppTest run as much as a small query (a mock runtime).
    """
    if getattr(_entrypoint, "active", False) or st.session_state.get(_NO_REQUEST_KEY):
        return
    if not st.context.headers:
        st.session_state[_NO_REQUEST_KEY] = True
        return
    st.navigation(coach_pages(), position="hidden")
    st.rerun()
