"""Sessions that last, in a real Chromium against `streamlit run app.py`: a coach signs in on
/load, reloads and is still signed in on Load; a second tab opens signed in; signing out in one
tab signs the other out on its next click; a revoked session's cookie is refused (by the page and
by /_stcore/metrics); the cookie is HttpOnly and SameSite=Lax, and the server log never holds it.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from db.accounts import create_coach
from tests.e2e.support import SHOTS, open_page, require_chromium, serve, settle, sign_in
from ui.login import SESSION_COOKIE, SIGNED_OUT

pytestmark = pytest.mark.e2e

PASSWORD = "session-cookie-password-1"


def _metrics(url: str, cookie: str | None) -> int:
    request = urllib.request.Request(f"{url}/_stcore/metrics")
    if cookie:
        request.add_header("Cookie", f"{SESSION_COOKIE}={cookie}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_reload_keeps_the_session_and_sign_out_ends_it_in_every_tab(
    server: tuple[str, Path], browser: Any
) -> None:
    from playwright.sync_api import expect

    url, data_dir = server
    from bootstrap import build_wiring

    wiring = build_wiring({"PERIODIZE_DATA_DIR": str(data_dir)})
    create_coach(wiring.engine, "sam-coach", PASSWORD, "Sam Coach")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    first = open_page(context)
    main = first.locator('[data-testid="stMain"]')
    try:
        assert _metrics(url, None) == 401  # no sign-in, no metrics

        # 1. Sign in on /load: the server sets the cookie and the page stays Load.
        first.goto(f"{url}/load")
        sign_in(first, "sam-coach", PASSWORD)
        expect(main.get_by_role("heading", name="Load")).to_be_visible()
        first.wait_for_url(f"{url}/load")
        settle(first)
        [cookie] = [c for c in context.cookies() if c["name"] == SESSION_COOKIE]
        assert cookie["httpOnly"] is True and cookie["sameSite"] == "Lax"
        assert cookie["expires"] > 0  # it outlives the browser window, until its session ends
        assert _metrics(url, cookie["value"]) == 200

        # 2. A reload keeps the coach signed in, on the same page.
        first.reload()
        expect(main.get_by_role("heading", name="Load")).to_be_visible()
        assert main.get_by_role("button", name="Sign in").count() == 0
        first.screenshot(path=str(SHOTS / "sessions-01-reloaded-on-load.png"), full_page=True)

        # 3. A new tab opens signed in.
        second = open_page(context)
        second.goto(f"{url}/progress")
        second_main = second.locator('[data-testid="stMain"]')
        expect(second_main.get_by_role("heading", name="Progress")).to_be_visible()
        settle(second)

        # 4. Sign out in the first tab: the second tab's next click is signed out.
        first.locator('[data-testid="stSidebar"]').get_by_role(
            "button", name="Sign out", exact=True
        ).click()
        expect(main.get_by_role("button", name="Sign in")).to_be_visible()
        second.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Clients").click()
        expect(second_main.get_by_role("button", name="Sign in")).to_be_visible()
        expect(second_main.get_by_text(SIGNED_OUT)).to_be_visible()
        second.screenshot(path=str(SHOTS / "sessions-02-other-tab-signed-out.png"))

        # 5. The revoked session's cookie is refused: a reload shows the sign-in form.
        second.reload()
        expect(second_main.get_by_role("button", name="Sign in")).to_be_visible()
        assert _metrics(url, cookie["value"]) == 401
    except Exception:
        first.screenshot(path=str(SHOTS / "sessions-failure.png"), full_page=True)
        raise
    finally:
        wiring.engine.dispose()
    log_text = (data_dir / "streamlit.log").read_text()
    assert cookie["value"] not in log_text


@pytest.fixture(scope="module")
def served_under_a_base_path(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, Path]]:
    require_chromium()
    yield from serve(tmp_path_factory.mktemp("e2e-base-path"), base_path="coach")


def test_under_a_base_path_the_setup_code_is_logged_at_start_and_the_session_lasts(
    served_under_a_base_path: tuple[str, Path], browser: Any
) -> None:
    """``server.baseUrlPath = "coach"``: the server wrote the setup code when it started (no
    browser had opened it yet); a sign-in on /coach/load gets its cookie (scoped to /coach) and a
    reload stays signed in on Load."""
    from playwright.sync_api import expect

    url, data_dir = served_under_a_base_path
    log_path = data_dir / "streamlit.log"
    assert "The setup code for the first account is" in log_path.read_text()
    from bootstrap import build_wiring

    wiring = build_wiring({"PERIODIZE_DATA_DIR": str(data_dir)})
    create_coach(wiring.engine, "bea-coach", PASSWORD, "Bea Coach")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = open_page(context)
    main = page.locator('[data-testid="stMain"]')
    try:
        page.goto(f"{url}/load")
        main.get_by_role("textbox", name="Username").fill("bea-coach")
        main.get_by_role("textbox", name="Password").fill(PASSWORD)
        main.get_by_role("button", name="Sign in").click()
        expect(main.get_by_role("heading", name="Load")).to_be_visible()
        page.wait_for_url(f"{url}/load")
        settle(page)
        [cookie] = [c for c in context.cookies() if c["name"] == SESSION_COOKIE]
        assert cookie["path"] == "/coach" and cookie["httpOnly"] is True
        page.reload()
        expect(main.get_by_role("heading", name="Load")).to_be_visible()
        settle(page)
        assert main.get_by_role("button", name="Sign in").count() == 0
    except Exception:
        page.screenshot(path=str(SHOTS / "sessions-base-path-failure.png"), full_page=True)
        raise
    finally:
        context.close()
        wiring.engine.dispose()
    assert cookie["value"] not in log_path.read_text()
