"""The coach's journey in a real Chromium against `streamlit run app.py` on a fresh SQLite file.

Create a client → outline → preview → one edit in the preview grid → confirm → reload and see it
saved → mark a workout completed → open Load. A screenshot of each step goes to
tests/e2e/screenshots/ (git-ignored). Needs the Debian chromium at /usr/bin/chromium: skipped
without it, except under CI=true where that is a failure.

A second server, on its own fresh database, loads the demo data and saves one screenshot of every
page into docs/screenshots/ (committed, so the README's screens stay current).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests.e2e.support import (
    DOC_SHOTS,
    SHOTS,
    after_run,
    edit_cell,
    open_page,
    require_chromium,
    serve,
    settle,
    whole_page_shot,
)

pytestmark = pytest.mark.e2e

NOTE = "e2e edit: brace hard"


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    require_chromium()
    yield from serve(tmp_path_factory.mktemp("e2e-demo"))


PASSWORD = "journey-password-1"
LAST_MONDAY = date.today() - timedelta(days=date.today().weekday(), weeks=1)


def test_coach_journey(server: tuple[str, Path], browser: Any) -> None:
    from playwright.sync_api import expect

    url, data_dir = server
    page = open_page(browser, 1400, 1000)
    main = page.locator('[data-testid="stMain"]')
    nav = page.locator('[data-testid="stSidebarNav"]')
    step = iter(range(1, 100))

    def shot(name: str) -> None:
        settle(page)
        page.screenshot(path=str(SHOTS / f"{next(step):02d}-{name}.png"), full_page=True)

    try:
        # 0. The first start migrates an empty database and asks for the first coach account.
        page.goto(f"{url}/load")  # a deep link on a fresh server: only the sign-in, no page names
        expect(main.get_by_role("button", name="Create account")).to_be_visible()
        expect(nav).to_have_count(0)
        main.get_by_role("textbox", name="Username").fill("eva-coach")
        main.get_by_label("Your name").fill("Eva Coach")
        main.get_by_role("textbox", name="Password", exact=True).fill(PASSWORD)
        main.get_by_label("Repeat the password").fill(PASSWORD)
        shot("first-coach-account")
        # Signing in hands the session over to a cookie: the page posts a one-time code and is
        # sent back to the same URL. Wait for that reload, or a click lands on the page it
        # replaces (the click on Clients was undone by it, back to /load).
        with page.expect_navigation(url=re.compile(r"/load$")):
            main.get_by_role("button", name="Create account").click()

        # 1. Signed in on the page the URL named; the empty roster offers demo data.
        expect(main.get_by_role("heading", name="Training load")).to_be_visible()
        nav.get_by_text("Clients", exact=True).click()
        expect(main.get_by_role("heading", name="Clients")).to_be_visible()
        expect(page.get_by_text("Signed in as")).to_be_visible()
        expect(main.get_by_role("button", name="Load demo data")).to_be_visible()
        shot("clients-empty")

        # 2. Create a client.
        main.get_by_label("Name", exact=True).fill("Eva Example")
        main.get_by_label(re.compile(r"^1RMs in kg")).fill(
            "Back Squat: 120\nBench Press: 80\nDeadlift: 150"
        )
        main.get_by_role("button", name="Create client").click()
        expect(main.get_by_text("Created Eva Example")).to_be_visible()
        shot("client-created")

        # 3. Outline on the Program page, shown as a timeline; it started last Monday, so
        # this week's first session can be logged today (a session is logged from its day on).
        nav.get_by_text("Program", exact=True).click()
        expect(main.get_by_role("heading", name="Program")).to_be_visible()
        for part, value in (("year", "%Y"), ("month", "%m"), ("day", "%d")):
            segment = main.get_by_role("spinbutton", name=f"{part}, Start date")
            segment.click()
            segment.press_sequentially(LAST_MONDAY.strftime(value))
        main.get_by_role("button", name="Create outline").click()
        expect(main.get_by_text("Weekly targets ·")).to_be_visible()
        expect(main.get_by_text("Program timeline")).to_be_visible()
        expect(main.get_by_text(re.compile(r"\(\d+ wk\)")).first).to_be_visible()
        shot("program-outline")

        # 4. Preview the first phase.
        main.get_by_role("button", name="Plan this phase →").click()
        expect(main.get_by_role("heading", name="Plan a phase")).to_be_visible()
        main.get_by_role("button", name="Generate preview").click()
        expect(main.get_by_role("button", name="Confirm and save")).to_be_visible()
        shot("preview")

        # 5. One edit in the preview grid: a note on week 1's first exercise.
        main.get_by_text("✏️ Edit week 1").click()
        grid = main.locator('[data-testid="stDataFrame"]').nth(1)
        expect(grid).to_be_visible()
        edited = main.get_by_text(f"✎ {NOTE}")
        for attempt in range(3):  # a canvas grid: a keystroke can land before it has focus
            edit_cell(page, grid, column=10, value=NOTE, row_marker=True)
            try:
                expect(edited).to_be_visible(timeout=8_000)
                break
            except AssertionError:
                if attempt == 2:
                    raise
        shot("preview-edited")

        # 6. Confirm: stored once, and the page says where to find it.
        confirm = main.get_by_role("button", name="Confirm and save")
        expect(confirm).to_be_enabled()
        confirm.click()
        expect(main.get_by_text("Find it on the Workouts page")).to_be_visible()
        shot("confirmed")

        # 7. Reload: the session cookie keeps the coach signed in on the same page, and the
        # phase is saved (signing out and signing in on a named URL: tests/e2e/test_sessions.py).
        page.reload()
        expect(main.get_by_role("heading", name="Plan a phase")).to_be_visible()
        expect(main.get_by_role("button", name="Sign in")).to_have_count(0)
        expect(main.get_by_text("This phase already has a saved plan")).to_be_visible()
        shot("reloaded-saved")

        # 8. Mark a workout completed.
        nav.get_by_text("Workouts", exact=True).click()
        expect(main.get_by_role("heading", name="Workouts")).to_be_visible()
        expect(main.get_by_text("Log it")).to_be_visible()
        after_run(page, main.get_by_text("Log set by set", exact=True).click)  # the full form
        main.get_by_role("spinbutton", name="Session RPE (1–10)").fill("8")
        main.get_by_role("spinbutton", name="Minutes", exact=True).fill("65")
        main.get_by_role("button", name="Save", exact=True).click()
        expect(main.get_by_text(": completed (RPE 8, 65 min)")).to_be_visible()
        shot("workout-completed")

        # 9. The Load page draws its charts.
        nav.get_by_text("Load", exact=True).click()
        expect(main.get_by_role("heading", name="Training load")).to_be_visible()
        # One chart at a time (the picker's first, Tonnage); "All five" stacks them.
        expect(main.locator(".js-plotly-plot")).to_have_count(1)
        main.get_by_text("All five", exact=True).click()
        expect(main.locator(".js-plotly-plot")).to_have_count(5)
        shot("load")

        # 10. Settings: offline engine, the SQLite file.
        nav.get_by_text("Settings", exact=True).click()
        expect(main.get_by_text("Not configured")).to_be_visible()
        shot("settings")
    except Exception:
        page.screenshot(path=str(SHOTS / "failure.png"), full_page=True)
        (SHOTS / "failure.txt").write_text(main.inner_text())
        raise

    engine = create_engine(f"sqlite:///{data_dir / 'periodize.db'}")
    try:
        with engine.connect() as connection:
            assert connection.execute(text("select count(*) from mesocycles")).scalar_one() == 1
            statuses = connection.execute(
                text("select status, session_rpe, actual_minutes from workout_instances")
            ).all()
            blocks = connection.execute(text("select blocks from workout_instances")).all()
    finally:
        engine.dispose()
    assert ("completed", 8.0, 65) in [tuple(row) for row in statuses]
    assert any(NOTE in str(row[0]) for row in blocks), "the grid edit was saved"


# Every page of the navigation (ui.navigation.PAGES), its sidebar title and the heading it shows.
SCREENS = [
    ("clients", "Clients", "Clients"),
    ("overview", "Overview", "Overview"),
    ("program", "Program", "Program"),
    ("plan", "Plan a phase", "Plan a phase"),
    ("templates", "Templates", "Templates"),
    ("workouts", "Workouts", "Workouts"),
    ("load", "Load", "Training load"),
    ("progress", "Progress", "Progress"),
    ("settings", "Settings", "Settings"),
]


def test_every_page_with_demo_data_screenshots(demo_server: tuple[str, Path], browser: Any) -> None:
    """docs/screenshots/<page>.png of every page, with the demo data and its first client."""
    from playwright.sync_api import expect

    from ui.navigation import PAGE_KEYS

    assert [key for key, _, _ in SCREENS] == list(PAGE_KEYS)  # no page left out
    url, _ = demo_server
    DOC_SHOTS.mkdir(parents=True, exist_ok=True)
    page = open_page(browser, 1400, 1000)
    main = page.locator('[data-testid="stMain"]')
    nav = page.locator('[data-testid="stSidebarNav"]')
    try:
        page.goto(url)
        main.get_by_role("textbox", name="Username").fill("demo-coach")
        main.get_by_label("Your name").fill("Demo Coach")
        main.get_by_role("textbox", name="Password", exact=True).fill(PASSWORD)
        main.get_by_label("Repeat the password").fill(PASSWORD)
        main.get_by_role("button", name="Create account").click()
        main.get_by_role("button", name="Load demo data").click()
        expect(main.get_by_text("Loaded 3 demo clients")).to_be_visible(timeout=120_000)
        for key, title, heading in SCREENS:
            nav.get_by_text(title, exact=True).click()
            expect(main.get_by_role("heading", name=heading)).to_be_visible()
            if key == "load":  # every chart, stacked
                main.get_by_text("All five", exact=True).click()
                expect(main.locator(".js-plotly-plot")).to_have_count(5)
            if key == "program":  # the timeline: its badges say where today falls
                expect(main.get_by_text(re.compile(r"^Today, "))).to_be_visible()
            whole_page_shot(page, DOC_SHOTS / f"{key}.png")
    except Exception:
        page.screenshot(path=str(SHOTS / "failure-demo.png"), full_page=True)
        raise
