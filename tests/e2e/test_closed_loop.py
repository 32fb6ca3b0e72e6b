"""Issue 10's closed loop in a real Chromium against `streamlit run app.py`: a client's logged week
moves the Progress e1RM, the Workouts page proposes changes for the week under way and the coach
accepts them, logs today's session, moves a session (Adjust the plan), reads the Plan history,
and on Plan sees the next phase's training maxes from the logged sets.

The client, the plan and last week's sets (every loaded set 2 reps in reserve above the
prescription, as a client would log them on their link) are stored through the app's own service
before the browser starts; everything the coach does after that is done in the browser.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from core.generation.engine import OfflineEngine
from core.plan_changes import blocks_of
from core.proposals import ProposalStatus
from core.read_models import ClientRecord
from core.schemas import WorkoutStatus
from core.session_log import SessionLog, SetResult
from db.accounts import coach_by_username, create_coach
from tests.e2e.test_journey import (
    CHROMIUM,
    CHROMIUM_ARGS,
    SHOTS,
    STEP_MS,
    _require_chromium,
    _serve,
    settle,
)
from tests.factories import make_profile, preview_phase

pytestmark = pytest.mark.e2e

PASSWORD = "closed-loop-password-1"
THIS_MONDAY = date.today() - timedelta(days=date.today().weekday())
LAST_MONDAY = THIS_MONDAY - timedelta(weeks=1)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    _require_chromium()
    yield from _serve(tmp_path_factory.mktemp("e2e-loop"))


def _seed(data_dir: Path):  # type: ignore[no-untyped-def]
    """A coach with one client training every day, whose plan started last Monday; last week
    logged set by set, every loaded set easier than prescribed."""
    from bootstrap import build_wiring

    wiring = build_wiring({"PERIODIZE_DATA_DIR": str(data_dir)})
    create_coach(wiring.engine, "lou-coach", PASSWORD, "Lou Coach")
    coach = coach_by_username(wiring.engine, "lou-coach")
    assert coach is not None
    workspace = wiring.for_coach(coach)
    profile = make_profile(name="Lee Loop", timezone="UTC", days_per_week=6)
    client = ClientRecord(workspace.storage.create_client(profile), profile)
    program_id = workspace.service.create_program(client, 8, LAST_MONDAY, OfflineEngine())
    program = workspace.storage.get_program(program_id)
    workspace.service.save(preview_phase(workspace.service, client, program, 0, OfflineEngine()))
    for workout in workspace.storage.workouts_for_client(client.id, LAST_MONDAY, THIS_MONDAY):
        if workout.date >= THIS_MONDAY or workout.session_type == "rest":
            continue
        exercises = [e for b in blocks_of({"blocks": workout.blocks}) for e in b.exercises]
        sets = [
            SetResult(
                exercise_index=index,
                exercise=e.name,
                set_number=n,
                reps=e.reps or 5,
                load_kg=e.load_kg,
                rir=min(10.0, e.rir + 2),
            )
            for index, e in enumerate(exercises)
            if e.load_kg and e.rir is not None
            for n in range(1, e.sets + 1)
        ]
        log = SessionLog(status=WorkoutStatus.COMPLETED, session_rpe=6, minutes=55, sets=sets)
        workspace.storage.log_workout(workout.id, log, "client")
    return workspace, client


def test_log_see_progress_accept_the_proposal_move_a_session_and_plan_the_next_phase(
    server: tuple[str, Path],
) -> None:
    from playwright.sync_api import expect, sync_playwright

    url, data_dir = server
    workspace, client = _seed(data_dir)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1100})
        page.set_default_timeout(STEP_MS)
        expect.set_options(timeout=STEP_MS)
        main = page.locator('[data-testid="stMain"]')
        nav = page.locator('[data-testid="stSidebarNav"]')

        def shot(name: str) -> None:
            settle(page)
            page.screenshot(path=str(SHOTS / f"loop-{name}.png"), full_page=True)

        try:
            # 1. Sign in; Progress shows the e1RM estimated from last week's sets.
            page.goto(f"{url}/progress")
            main.get_by_role("textbox", name="Username").fill("lou-coach")
            main.get_by_role("textbox", name="Password").fill(PASSWORD)
            main.get_by_role("button", name="Sign in").click()
            expect(main.get_by_role("heading", name="Estimated 1RM per lift")).to_be_visible()
            expect(main.get_by_text("No loaded sets logged yet.")).to_have_count(0)
            expect(main.locator(".js-plotly-plot").first).to_be_visible()
            shot("01-progress")

            # 2. Workouts: the proposal for this week, per exercise, with the rule that fired.
            nav.get_by_text("Workouts", exact=True).click()
            heading = f"Proposed for the week of {THIS_MONDAY:%a %d %b}"
            expect(main.get_by_role("heading", name=heading)).to_be_visible()
            [pending] = workspace.storage.client_proposals(client.id)
            grid = main.locator('[data-testid="stDataFrame"]').first
            expect(grid).to_be_visible()
            shot("02-proposal")
            main.get_by_role("button", name=f"Accept {pending.count} change(s)").click()
            expect(main.get_by_text(f"Accepted {pending.count} change(s)")).to_be_visible()
            expect(main.get_by_role("heading", name=heading)).to_have_count(0)
            [decided] = workspace.storage.client_proposals(client.id)
            assert (decided.status, decided.decided_by) == (ProposalStatus.ACCEPTED, "Lou Coach")
            for proposed in decided.workouts:
                stored = workspace.storage.get_workout(proposed.workout_id)
                assert stored.blocks == proposed.blocks_after
            shot("03-accepted")

            # 3. Adjust the plan: move the chosen session one day later; the history says so.
            chosen_id = next(
                w.workout_id for w in decided.workouts if w.date < THIS_MONDAY + timedelta(days=6)
            )
            chosen = workspace.storage.get_workout(chosen_id)
            main.locator('[data-testid="stSelectbox"]').filter(has_text="Session").click()
            page.get_by_role("option").filter(has_text=chosen.title).filter(
                has_text=f"{chosen.date:%a %d %b}"
            ).first.click()
            settle(page)
            main.get_by_text("Adjust the plan").click()
            expect(main.get_by_role("button", name="Move here")).to_be_visible()
            target = chosen.date + timedelta(days=1)
            for part, value in (("year", "%Y"), ("month", "%m"), ("day", "%d")):
                segment = main.get_by_role("spinbutton", name=f"{part}, Day")
                segment.click()
                segment.press_sequentially(target.strftime(value))
            main.get_by_role("heading", name="Session").click()  # leave the field: it is sent
            settle(page)
            main.get_by_role("button", name="Move here").click()
            moved = main.get_by_test_id("stAlertContentSuccess").get_by_text(
                f"Moved '{chosen.title}'"
            )
            expect(moved).to_be_visible()  # the flash (the Plan history below says it too)
            assert workspace.storage.get_workout(chosen.id).date == target
            main.locator('[data-testid="stExpander"] summary').filter(
                has_text="Plan history"
            ).click()
            expect(main.get_by_text("Accepted the autoregulation proposal").first).to_be_visible()
            expect(main.get_by_text(f"Lou Coach · Moved '{chosen.title}'")).to_be_visible()
            shot("04-moved-and-history")

            # 4. Plan, phase 2: training maxes from the logged sets before the preview.
            nav.get_by_text("Plan a phase", exact=True).click()
            main.locator('[data-testid="stSelectbox"]').filter(has_text="Phase").click()
            page.get_by_role("option").nth(1).click()
            expect(main.get_by_text("Training maxes for this phase")).to_be_visible()
            expect(main.get_by_text("From the sets logged in the phase before")).to_be_visible()
            expect(main.get_by_text("90 % of the best recent e1RM").first).to_be_visible()
            shot("05-next-phase-maxes")
        except Exception:
            page.screenshot(path=str(SHOTS / "failure-loop.png"), full_page=True)
            raise
        finally:
            browser.close()
            workspace.engine.dispose()
