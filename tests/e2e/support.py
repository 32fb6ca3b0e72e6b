"""What the e2e tests share: one way to start the app on a free port with a fresh database, to
open a page in Chromium, to sign in, and to wait for Streamlit's runs to finish.

Waiting is always on a condition, never on a fixed sleep. Every page carries a small observer
(``OBSERVER``): how many websocket messages it received and when, when it painted after the last
one (two animation frames later), and every change of Streamlit's ``data-test-script-state``
attribute. ``settle`` waits until the script is not running, the last message is painted and
nothing has arrived for ``QUIET_MS``; ``after_run`` does an action and waits for the run it
starts (at least one message after it) to be over in that way. ``choose`` opens a selectbox on an
idle page and picks an option, opening it again if a run closed it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tools import grid_editor, streamlit_server

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(__file__).resolve().parent / "screenshots"
DOC_SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STARTUP_SECONDS = 60
STEP_MS = 30_000
QUIET_MS = 250
"""An idle page: no websocket message and no script-state change for this long."""

OBSERVER = """
(() => {
  const seen = (window.__e2e = { messages: 0, last: 0, painted: 0, changed: 0, armed: 0 });
  new MutationObserver(() => { seen.changed = performance.now(); }).observe(document, {
    subtree: true, attributes: true, attributeFilter: ["data-test-script-state"],
  });
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", () => {
        seen.messages += 1;
        seen.last = performance.now();
        requestAnimationFrame(() => requestAnimationFrame(() => {
          seen.painted = performance.now();
        }));
      });
    }
  };
})();
"""
IDLE = """
(quiet) => {
  const seen = window.__e2e;
  const root = document.querySelector('[data-testid="stApp"]');
  if (!seen || !root || root.getAttribute("data-test-script-state") !== "notRunning") return false;
  if (seen.messages === 0 || seen.painted < seen.last) return false;
  return performance.now() - Math.max(seen.last, seen.changed, seen.painted) >= quiet;
}
"""
ARM = "() => { window.__e2e.armed = window.__e2e.messages; }"
RUN_OVER = f"(quiet) => window.__e2e.messages > window.__e2e.armed && ({IDLE})(quiet)"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium) — the e2e tests need it"
        if in_ci():
            pytest.fail(f"CI=true: {message}")
        pytest.skip(message)


def serve(data_dir: Path, base_path: str = "") -> Iterator[tuple[str, Path]]:
    """`streamlit run app.py` on a free port and a fresh SQLite file under ``data_dir`` (its log
    in ``data_dir/streamlit.log``), until the caller is done; yields (url, data_dir). Served under
    ``server.baseUrlPath = base_path`` when given (the URL yielded includes it)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env.pop("DATABASE_URL", None)
    env["PERIODIZE_DATA_DIR"] = str(data_dir)
    base_flags = [f"--server.baseUrlPath={base_path}"] if base_path else []
    server = streamlit_server.running(
        lambda port: [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            *streamlit_server.HEADLESS_FLAGS,
            f"--server.port={port}",
            *base_flags,
        ],
        cwd=ROOT,
        env=env,
        log_path=data_dir / "streamlit.log",
        url_for=lambda port: f"http://127.0.0.1:{port}" + (f"/{base_path}" if base_path else ""),
        startup_seconds=STARTUP_SECONDS,
    )
    try:
        with server as url:
            yield url, data_dir
    except streamlit_server.ServerDidNotStart as error:
        pytest.fail(str(error))


def launch(playwright: Any) -> Any:
    """The system Chromium, headless; ``expect`` waits up to a step's time."""
    from playwright.sync_api import expect

    expect.set_options(timeout=STEP_MS)
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def open_page(opener: Any, width: int | None = None, height: int = 1000) -> Any:
    """A new page of a browser or a browser context, observed (``OBSERVER``), a step's timeout;
    ``width`` × ``height`` when given, else the context's own viewport."""
    page = opener.new_page()
    if width is not None:
        page.set_viewport_size({"width": width, "height": height})
    page.set_default_timeout(STEP_MS)
    page.add_init_script(OBSERVER)
    return page


def settle(page: Any) -> None:
    """Wait until Streamlit has finished its current run and the page is idle (``IDLE``)."""
    page.wait_for_function(IDLE, arg=QUIET_MS, polling=50, timeout=STEP_MS)


def after_run(page: Any, action: Callable[[], Any]) -> None:
    """Do ``action`` (a click that starts a run) and wait until that run is over and painted."""
    page.evaluate(ARM)
    action()
    page.wait_for_function(RUN_OVER, arg=QUIET_MS, polling=50, timeout=STEP_MS)


def choose(page: Any, box: Any, option: Callable[[Any], Any]) -> None:
    """Open the selectbox ``box`` on an idle page and click ``option(options)`` (``options``: the
    open list's options); a run that lands mid-click closes the list, so it is opened again until
    that option shows. Picking the option already shown starts no run: then only the list closes.
    """
    choice = option(page.get_by_role("option"))
    for attempt in range(3):
        settle(page)
        box.click()
        try:
            choice.wait_for(timeout=5_000)
            break
        except Exception:  # Playwright's TimeoutError
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
    if choice.get_attribute("aria-selected") == "true":
        choice.click()
        page.get_by_role("listbox").wait_for(state="hidden")
        return
    after_run(page, choice.click)


def sign_in(page: Any, username: str, password: str) -> None:
    """Fill the sign-in form the page shows and sign in; returns when the signed-in run is over."""
    main = page.locator('[data-testid="stMain"]')
    main.get_by_role("textbox", name="Username").fill(username)
    main.get_by_role("textbox", name="Password").fill(password)
    after_run(page, main.get_by_role("button", name="Sign in").click)


EDITOR_TRIES, EDITOR_MS = 3, 8_000
"""Tries at opening a grid cell's editor, and how long each waits for it."""


def edit_cell(
    page: Any, grid: Any, *, column: int, value: str, row: int = 0, row_marker: bool = False
) -> None:
    """Type into a glide-data-grid cell: select the first cell of ``row`` (0-based), arrow right
    ``column`` times, Enter, type, Enter.

    A dynamic editor (num_rows="dynamic") has a row-selection column first; click past it. Each
    key waits for what it does: the grid to hold the focus, the cell editor to open and close.
    """
    header, height = 35, 35
    first_cell_x = 55 if row_marker else 20
    grid.locator("canvas").first.wait_for()
    editor = grid_editor.open_cell_editor(
        page,
        grid,
        at=(first_cell_x, header + height * (row + 0.5)),
        keys=["ArrowRight"] * column,
        tries=EDITOR_TRIES,
        timeout_ms=EDITOR_MS,
        settle=lambda: settle(page),
    )
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(value, delay=20)
    page.keyboard.press("Enter")
    editor.wait_for(state="hidden")


def whole_page_shot(page: Any, path: Path) -> None:
    """The whole page in one image: Streamlit scrolls inside its main area, not the document, so
    a full-page screenshot stops at the window; the window is made as tall as the page first."""
    settle(page)
    height = page.evaluate(
        """() => Math.max(document.body.scrollHeight, ...Array.from(
            document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]'),
            (element) => element.scrollHeight))"""
    )
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 12_000)})
    _charts_drawn(page)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)


def _charts_drawn(page: Any) -> None:
    """Plotly redraws its charts after a resize: wait until every chart's svg has its size."""
    settle(page)
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot')).every((plot) => {
            const svg = plot.querySelector('svg.main-svg');
            return svg && Math.abs(svg.getBoundingClientRect().width - plot.clientWidth) < 2;
        })""",
        timeout=STEP_MS,
    )


def selectbox(scope: Any, label: str) -> Any:
    """The selectbox labelled exactly ``label`` inside ``scope`` (its combobox: clicking it opens
    the list, its value is the option shown)."""
    return scope.get_by_role("combobox", name=label, exact=True)


def coach_with_planned_client(
    data_dir: Path,
    username: str,
    password: str,
    coach: str,
    client: str,
    start: date,
    training_days: list[str] | None = None,
) -> tuple[Any, Any]:
    """Through the app's own service: a coach account, one client training six days a week in
    UTC (on ``training_days`` when given), and their first phase saved from ``start`` on.
    Returns (the coach's workspace, the client); the caller disposes of ``workspace.engine``."""
    from bootstrap import build_wiring
    from core.generation.engine import OfflineEngine
    from core.read_models import ClientRecord
    from db.accounts import coach_by_username, create_coach
    from tests.factories import make_profile, preview_phase

    wiring = build_wiring({"PERIODIZE_DATA_DIR": str(data_dir)})
    create_coach(wiring.engine, username, password, coach)
    account = coach_by_username(wiring.engine, username)
    assert account is not None
    workspace = wiring.for_coach(account)
    days = {"training_days": training_days} if training_days else {}
    profile = make_profile(name=client, timezone="UTC", days_per_week=6, **days)
    record = ClientRecord(workspace.storage.create_client(profile), profile)
    program_id = workspace.service.create_program(record, 8, start, OfflineEngine())
    program = workspace.storage.get_program(program_id)
    workspace.service.save(preview_phase(workspace.service, record, program, 0, OfflineEngine()))
    return workspace, record
