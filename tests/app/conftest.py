"""Page-test fixtures: every test gets its own SQLite file and fresh Streamlit caches."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bootstrap import OPENAI_KEYS, Workspace, build_wiring
from db.accounts import local_coach
from ui import shell
from ui.login import SINGLE_COACH

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60


@pytest.fixture(autouse=True)
def app_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh SQLite file under tmp_path, no OpenAI configuration, empty st caches."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    for key in OPENAI_KEYS:
        monkeypatch.delenv(key, raising=False)
    data_dir = tmp_path / "data"
    monkeypatch.setenv("PERIODIZE_DATA_DIR", str(data_dir))
    # Page tests act as the single local coach; tests/app/test_login.py covers signing in.
    monkeypatch.setenv(SINGLE_COACH, "1")
    monkeypatch.setattr(shell, "_secrets", lambda: {})  # a developer's secrets.toml stays out
    st.cache_resource.clear()
    st.cache_data.clear()
    yield data_dir
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def wiring(app_env: Path) -> Iterator[Workspace]:
    """The local coach's workspace the pages build, on the same SQLite file: to seed and check."""
    built = build_wiring()
    yield built.for_coach(local_coach(built.engine))
    built.engine.dispose()


@pytest.fixture
def page() -> Callable[..., AppTest]:
    """``page("plan", client_id=...)``: an AppTest of pages/<name>.py (or app.py), run once."""

    def run(name: str, **session: object) -> AppTest:
        path = ROOT / ("app.py" if name == "app" else f"pages/{name}.py")
        at = AppTest.from_file(str(path), default_timeout=TIMEOUT)
        for key, value in session.items():
            at.session_state[key] = value
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run
