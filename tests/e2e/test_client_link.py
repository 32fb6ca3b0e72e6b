"""The client's private link in a real Chromium against `streamlit run app.py` (st.App with its
feed route): the coach makes a link on the Clients page, a second browser context (phone-sized)
opens it as the client, sees the week and logs a session; the coach sees it logged by the client;
the calendar feed serves every session; the coach revokes the link and the client's next request
is refused. The server's log never holds a token.

The client and the plan are stored through the app's own service (the coach journey in
test_journey.py builds a plan through the screens); everything the coach and client do here is
done in the browser.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from core.client_links import REFUSED
from core.generation.engine import OfflineEngine
from core.read_models import ClientRecord
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
from ui.calendar_view import workout_label

pytestmark = pytest.mark.e2e

PASSWORD = "client-link-password-1"
LAST_MONDAY = date.today() - timedelta(days=date.today().weekday(), weeks=1)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    _require_chromium()
    yield from _serve(tmp_path_factory.mktemp("e2e-link"))


def _seed(data_dir: Path):  # type: ignore[no-untyped-def]
    """A coach with one client whose plan started last Monday, every day a session."""
    from bootstrap import build_wiring

    wiring = build_wiring({"PERIODIZE_DATA_DIR": str(data_dir)})
    create_coach(wiring.engine, "lea-coach", PASSWORD, "Lea Coach")
    coach = coach_by_username(wiring.engine, "lea-coach")
    assert coach is not None
    workspace = wiring.for_coach(coach)
    profile = make_profile(name="Lia Logger", timezone="UTC", days_per_week=6)
    client = ClientRecord(workspace.storage.create_client(profile), profile)
    program_id = workspace.service.create_program(client, 8, LAST_MONDAY, OfflineEngine())
    program = workspace.storage.get_program(program_id)
    workspace.service.save(preview_phase(workspace.service, client, program, 0, OfflineEngine()))
    return workspace, client


def _get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["content-type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["content-type"], error.read().decode()


def test_the_client_opens_the_link_logs_a_session_and_a_revoked_link_is_refused(
    server: tuple[str, Path],
) -> None:
    from playwright.sync_api import expect, sync_playwright

    url, data_dir = server
    workspace, client = _seed(data_dir)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        coach = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        for page in (coach, phone):
            page.set_default_timeout(STEP_MS)
        expect.set_options(timeout=STEP_MS)
        main = coach.locator('[data-testid="stMain"]')
        nav = coach.locator('[data-testid="stSidebarNav"]')
        client_main = phone.locator('[data-testid="stMain"]')
        try:
            # 1. The coach signs in, opens the client on the Clients page, makes two links.
            coach.goto(url)
            main.get_by_role("textbox", name="Username").fill("lea-coach")
            main.get_by_role("textbox", name="Password").fill(PASSWORD)
            main.get_by_role("button", name="Sign in").click()
            expect(main.get_by_role("heading", name="Clients")).to_be_visible()
            main.locator('[data-testid="stSelectbox"]').filter(has_text="Add or edit").click()
            coach.get_by_role("option", name="Edit Lia Logger").click()
            expect(main.get_by_role("heading", name="Share with Lia Logger")).to_be_visible()

            def make_link(name: str, kind: str) -> str:
                main.get_by_role("textbox", name="Link name").fill(name)
                main.get_by_text(kind).click()
                main.get_by_role("button", name="Create link").click()
                expect(main.get_by_text(f"Link '{name}' created")).to_be_visible()
                link = main.locator('[data-testid="stCode"]').inner_text().strip()
                settle(coach)
                return link

            feed_url = make_link("Google Calendar", "Calendar feed (subscribe")
            link_url = make_link("Phone", "Client view (see the plan")
            assert link_url.startswith(f"{url}/?client=") and len(link_url.split("=")[1]) == 43
            assert feed_url.startswith(f"{url}/calendar/") and feed_url.endswith(".ics")
            coach.screenshot(path=str(SHOTS / "link-01-coach-made-links.png"), full_page=True)

            # 2. The calendar feed, served by the app's own server, lists every session.
            status, kind, body = _get(feed_url)
            workouts = workspace.storage.workouts_for_client(client.id)
            assert (status, kind) == (200, "text/calendar; charset=utf-8")
            assert body.count("BEGIN:VEVENT") == len(workouts) > 0
            assert _get(feed_url.replace("/calendar/", "/calendar/x"))[:2] == (
                404,
                "text/plain; charset=utf-8",
            )
            assert _get(link_url.replace("/?client=", "/calendar/") + ".ics")[0] == 404

            # 3. The client, in another browser, sees only their week and logs a session.
            phone.goto(link_url)
            expect(client_main.get_by_role("heading", name="Lia Logger's training")).to_be_visible()
            expect(client_main.get_by_role("heading", name="This week")).to_be_visible()
            expect(client_main.get_by_role("heading", name="Next week")).to_be_visible()
            expect(phone.locator('[data-testid="stSidebarNav"]')).to_have_count(0)
            done = client_main.get_by_role("button", name="Done as planned")
            if not done.first.is_visible():  # no session today: log an earlier one of the week
                client_main.locator('[data-testid="stExpander"] summary').first.click()
            settle(phone)
            phone.screenshot(path=str(SHOTS / "link-02-client-week.png"), full_page=True)
            done.first.click()
            expect(client_main.get_by_text(": completed")).to_be_visible()
            phone.screenshot(path=str(SHOTS / "link-03-client-logged.png"), full_page=True)
            logged = [w for w in workspace.storage.workouts_for_client(client.id) if w.logged_by]
            assert [(w.logged_by, w.status.value) for w in logged] == [("client", "completed")]

            # 4. The coach sees it on the Workouts page, logged by the client.
            nav.get_by_text("Workouts", exact=True).click()
            expect(main.get_by_role("heading", name="Workouts")).to_be_visible()
            settle(coach)  # a rerun that lands mid-click closes the picker again
            session_box = main.locator('[data-testid="stSelectbox"]').filter(has_text="Session")
            session_box.click()
            coach.get_by_role("option", name=workout_label(logged[0])).click()
            expect(main.get_by_text("Logged by the client.")).to_be_visible()
            coach.screenshot(path=str(SHOTS / "link-04-coach-sees-it.png"), full_page=True)

            # 5. The coach revokes the client's link; the client's next request is refused.
            nav.get_by_text("Clients", exact=True).click()
            expect(main.get_by_role("heading", name="Share with Lia Logger")).to_be_visible()
            revoke_box = main.get_by_role("combobox", name="Revoke a link")
            expect(revoke_box).to_have_value(re.compile(r"^Phone \("))  # the newest comes first
            main.get_by_role("button", name="Revoke").click()
            expect(main.get_by_text("Revoked 'Phone'")).to_be_visible()
            phone.reload()
            expect(client_main.get_by_text(REFUSED)).to_be_visible()
            expect(client_main.get_by_text("Lia Logger")).to_have_count(0)
            phone.screenshot(path=str(SHOTS / "link-05-client-refused.png"), full_page=True)
            assert _get(feed_url)[0] == 200  # the calendar link is another token: still works
        except Exception:
            coach.screenshot(path=str(SHOTS / "failure-link-coach.png"), full_page=True)
            phone.screenshot(path=str(SHOTS / "failure-link-client.png"), full_page=True)
            raise
        finally:
            browser.close()
            workspace.engine.dispose()

    served_log = (data_dir / "streamlit.log").read_text()
    for token in (link_url.split("=")[1], feed_url.rsplit("/", 1)[1].removesuffix(".ics")):
        assert token not in served_log
    assert "client link refused" in served_log
