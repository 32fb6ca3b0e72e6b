"""The one script the app puts on a page: after a sign-in it posts the session's one-time code to
the app's own server, which answers with the HttpOnly session cookie (a websocket cannot set one).

Its text is constant; the only values put in are the server-made code and the route's path, both
JSON-encoded, so no user text ever reaches it (tests/app/test_hostile_text.py names this file as
the single exception to "no HTML in the UI").
"""

from __future__ import annotations

import json

import streamlit as st


def post_session_code(code: str | None) -> None:
    """Once after a sign-in: the page posts its one-time code to the app's server
    (ui/session_routes.py), which answers with the HttpOnly session cookie and this same URL."""
    if not code:
        return
    st.html(
        HANDOFF_SCRIPT.replace("__CODE__", json.dumps(code)).replace(
            "__PATH__", json.dumps(HANDOFF_PATH)
        ),
        unsafe_allow_javascript=True,
    )


HANDOFF_PATH = "/periodize/session"
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
