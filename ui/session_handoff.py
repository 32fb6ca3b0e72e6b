"""The one script the app puts on a page: after a sign-in it posts the session's one-time code to
the app's own server, which answers with the HttpOnly session cookie (a websocket cannot set one).

Its text is constant; the only values put in are the server-made code and the route's path (under
``server.baseUrlPath``, from the server's own configuration), both JSON-encoded, so no user text
ever reaches it (tests/app/test_hostile_text.py names this file as the single exception to "no
HTML in the UI").
"""

from __future__ import annotations

import json

import streamlit as st

HANDOFF_PATH = "/periodize/session"
"""The hand-over route, under the base path: ``/periodize/session``, or ``/coach/periodize/session``
when Streamlit serves the app at ``server.baseUrlPath = "coach"``."""


def base_path() -> str:
    """``server.baseUrlPath`` as a path prefix: ``""`` (served at the root) or ``"/coach"``."""
    configured = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{configured}" if configured else ""


def handoff_path(base: str) -> str:
    return f"{base}{HANDOFF_PATH}"


def post_session_code(code: str | None) -> None:
    """Once after a sign-in: the page posts its one-time code to the app's server
    (ui/session_routes.py), which answers with the HttpOnly session cookie and this same URL."""
    if not code:
        return
    path = handoff_path(base_path())
    st.html(
        HANDOFF_SCRIPT.replace("__CODE__", json.dumps(code)).replace("__PATH__", json.dumps(path)),
        unsafe_allow_javascript=True,
    )


HANDOFF_SCRIPT = """<script>
(() => {
  const form = document.createElement("form");
  form.method = "post";
  form.action = __PATH__;
  form.style.display = "none";
  for (const [name, value] of [["code", __CODE__],
                               ["next", window.location.pathname + window.location.search]]) {
    const field = document.createElement("input");
    field.type = "hidden"; field.name = name; field.value = value;
    form.appendChild(field);
  }
  document.body.appendChild(form);
  form.submit();
})();
</script>"""
