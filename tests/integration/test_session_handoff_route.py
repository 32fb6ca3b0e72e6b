"""The session hand-over under ``server.baseUrlPath``: the page posts its code to
``<base>/periodize/session`` (the route is there, not at the root a proxy does not forward), the
cookie is scoped to the base path, and the redirect goes back to the page under the base path."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import streamlit as st
from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.testclient import TestClient
from streamlit import config

from bootstrap import Wiring
from core.generation.engine import OfflineEngine
from db import coach_sessions
from db.accounts import create_coach
from ui import calendar_feed, session_handoff, session_routes
from ui.login import SESSION_COOKIE
from ui.session_routes import safe_next

ORIGIN = "http://testserver"


@pytest.fixture
def base_url_path() -> Iterator[None]:
    """Streamlit configured with ``server.baseUrlPath = "coach/"`` (as a coach might write it)."""
    before = config.get_option("server.baseUrlPath")
    config.set_option("server.baseUrlPath", "coach/")
    yield
    config.set_option("server.baseUrlPath", before)


def _server(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    wiring = Wiring(engine=engine, generators={"offline": OfflineEngine()}, database_url="x")
    monkeypatch.setattr(calendar_feed, "_wiring", lambda: wiring)
    return TestClient(Starlette(routes=session_routes.routes()), follow_redirects=False)


def _code(engine: Engine) -> str:
    coach_id = create_coach(engine, "bea", "violet anchor tundra", "Bea")
    return coach_sessions.start(engine, coach_id).handoff_code


def test_under_a_base_path_the_hand_over_sets_the_cookie_and_returns_to_the_page(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, base_url_path: None
) -> None:
    assert session_handoff.base_path() == "/coach"
    with _server(engine, monkeypatch) as http:
        form = {"code": _code(engine), "next": "/coach/load?client=x"}
        at_root = http.post("/periodize/session", data=form, headers={"Origin": ORIGIN})
        assert at_root.status_code == 404  # outside the base path: not the app's
        answer = http.post("/coach/periodize/session", data=form, headers={"Origin": ORIGIN})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/coach/load?client=x"
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=") and "Path=/coach;" in cookie
    assert "HttpOnly" in cookie


def test_the_page_posts_its_code_under_the_base_path(
    monkeypatch: pytest.MonkeyPatch, base_url_path: None
) -> None:
    drawn: list[str] = []
    monkeypatch.setattr(st, "html", lambda body, **_: drawn.append(body))
    session_handoff.post_session_code("one-time-code")
    [script] = drawn
    assert f"form.action = {json.dumps('/coach/periodize/session')};" in script


def test_at_the_root_the_paths_are_unchanged() -> None:
    assert session_handoff.base_path() == ""
    assert [getattr(r, "path", None) for r in session_routes.routes()] == ["/periodize/session"]


@pytest.mark.parametrize(
    ("target", "base", "expected"),
    [
        ("/load?client=1", "", "/load?client=1"),
        ("/coach/load?client=1", "/coach", "/coach/load?client=1"),
        ("/coach", "/coach", "/coach/"),
        ("/coach/", "/coach", "/coach/"),
        ("/load", "/coach", "/coach/"),  # not under the base path
        ("/coachx/load", "/coach", "/coach/"),
        ("/coach/nowhere", "/coach", "/coach/"),
        ("//evil.example/coach/load", "/coach", "/coach/"),
        ("https://evil.example/coach/load", "/coach", "/coach/"),
        ("", "/coach", "/coach/"),
        ("", "", "/"),
    ],
)
def test_the_redirect_stays_on_the_apps_pages_under_the_base_path(
    target: str, base: str, expected: str
) -> None:
    assert safe_next(target, base) == expected
