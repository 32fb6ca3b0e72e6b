"""The e2e fixtures: ``server``, a fresh `streamlit run app.py` per test module (its own port and
SQLite file), and ``browser``, the system Chromium through Playwright. Helpers: tests/e2e/support.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.support import SHOTS, launch, require_chromium, serve


@pytest.fixture(scope="module")
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    """(url, data dir) of the app served on a fresh database, for one test module."""
    require_chromium()
    yield from serve(tmp_path_factory.mktemp(f"e2e-{request.module.__name__.rsplit('.', 1)[-1]}"))


@pytest.fixture
def browser() -> Iterator[Any]:
    """Chromium, headless (closed after the test); the screenshots folder exists."""
    from playwright.sync_api import sync_playwright

    require_chromium()
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()
