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
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from core.client_links import REFUSED
from tests.e2e.support import (
    SHOTS,
    after_run,
    choose,
    coach_with_planned_client,
    open_page,
    selectbox,
    settle,
    sign_in,
)
from ui.calendar_view import workout_label

pytestmark = pytest.mark.e2e

PASSWORD = "client-link-password-1"
LAST_MONDAY = date.today() - timedelta(days=date.today().weekday(), weeks=1)


def _get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["content-type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["content-type"], error.read().decode()


def test_the_client_opens_the_link_logs_a_session_and_a_revoked_link_is_refused(
    server: tuple[str, Path], browser: Any
) -> None:
    from playwright.sync_api import expect

    url, data_dir = server
    workspace, client = coach_with_planned_client(
        data_dir, "lea-coach", PASSWORD, "Lea Coach", "Lia Logger", LAST_MONDAY
    )
    coach = open_page(browser.new_context(viewport={"width": 1400, "height": 1000}))
    phone = open_page(browser.new_context(viewport={"width": 390, "height": 844}))
    main = coach.locator('[data-testid="stMain"]')
    nav = coach.locator('[data-testid="stSidebarNav"]')
    client_main = phone.locator('[data-testid="stMain"]')
    try:
        # 1. The coach signs in, opens the client on the Clients page, makes two links.
        coach.goto(url)
        sign_in(coach, "lea-coach", PASSWORD)
        expect(main.get_by_role("heading", name="Clients")).to_be_visible()
        choose(
            coach,
            main.locator('[data-testid="stSelectbox"]').filter(has_text="Add or edit"),
            lambda options: options.filter(has_text="Edit Lia Logger"),
        )
        # "Share with …" is drawn once opened (a lazy expander: opening it runs the page)
        after_run(coach, main.get_by_text("Share with Lia Logger", exact=True).click)
        expect(main.get_by_role("textbox", name="Link name")).to_be_visible()

        def make_link(name: str, kind: str) -> str:
            main.get_by_role("textbox", name="Link name").fill(name)
            main.get_by_text(kind).click()
            after_run(coach, main.get_by_role("button", name="Create link").click)
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
        after_run(phone, done.first.click)
        expect(client_main.get_by_text(": completed")).to_be_visible()
        phone.screenshot(path=str(SHOTS / "link-03-client-logged.png"), full_page=True)
        logged = [w for w in workspace.storage.workouts_for_client(client.id) if w.logged_by]
        assert [(w.logged_by, w.status.value) for w in logged] == [("client", "completed")]

        # 4. The coach sees it on the Workouts page, logged by the client.
        after_run(coach, nav.get_by_text("Workouts", exact=True).click)
        expect(main.get_by_role("heading", name="Workouts")).to_be_visible()
        choose(
            coach,
            selectbox(main, "Session"),
            lambda options: options.filter(has_text=workout_label(logged[0])),
        )
        expect(main.get_by_text("Logged by the client.")).to_be_visible()
        coach.screenshot(path=str(SHOTS / "link-04-coach-sees-it.png"), full_page=True)

        # 5. The coach revokes the client's link; the client's next request is refused.
        after_run(coach, nav.get_by_text("Clients", exact=True).click)
        after_run(coach, main.get_by_text("Share with Lia Logger", exact=True).click)
        revoke_box = main.get_by_role("combobox", name="Revoke a link")
        expect(revoke_box).to_have_value(re.compile(r"^Phone \("))  # the newest comes first
        after_run(coach, main.get_by_role("button", name="Revoke").click)
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
        workspace.engine.dispose()

    served_log = (data_dir / "streamlit.log").read_text()
    for token in (link_url.split("=")[1], feed_url.rsplit("/", 1)[1].removesuffix(".ics")):
        assert token not in served_log
    assert "client link refused" in served_log
