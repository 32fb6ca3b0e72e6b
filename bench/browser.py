"""Click → rendered latency in Chromium: every Periodize interaction against an empty Streamlit app.

    python -m bench.browser [--repeats 5] [--only "switch,log"] [--option NAME=VALUE] [--freeze-gc]
        [--profile FOLDER]

One run starts two servers (``bench.browser_apps``): Periodize in single-coach mode on a temp SQLite
file holding the demo data and a client with a year of logged sessions, and an empty three-page
app (a button, a second page, a small data editor). Chromium (/usr/bin/chromium, as the e2e tests)
drives both, taking turns each repeat, so a change in the machine's load reaches the floor and the
app alike. Each interaction
is timed from the pointer (or key) going down in the page to the app's script state back to
``notRunning`` (``bench.browser_probe``), and compared with the empty app's matching action: a page
switch with its page switch, a grid edit with its grid edit (a text cell typed into, Enter: the
data editor's 150 ms debounce before it sends the edit is in both), anything else with its button
round trip. The table is printed twice, for a demo client and for the one-year client.

Where the time goes: "server" is the time in the server's script runs (reruns included, "runs"
counts them), of which "script" executing app.py and its page and "gc" the full collection
Streamlit forces after each run (``runner.postScriptGC``; try ``--option runner.postScriptGC=false``
or ``--freeze-gc``); "KB recv" and "msgs" what the browser received over the websocket, "DOM nodes"
the app's size once rendered, "rest" the total less the server's run: the round trip and the
browser applying and painting the messages. "accept a proposal" is the Workouts page's Accept
on this week's autoregulation proposal, made pending again before each repeat (untimed:
``bench.browser_apps.pending_proposal``).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench.browser_apps import (
    FREEZE,
    PROFILE,
    ROOT,
    YEAR_CLIENT,
    pending_proposal,
    seed,
    served,
    write_empty_app,
)
from bench.browser_probe import Probe, Sample
from tools import grid_editor

CHROMIUM = "/usr/bin/chromium"
FAILURE_SHOT = ROOT / "bench" / "results" / "browser-failure.png"  # git-ignored
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
DEMO_CLIENT = "Jonas Weber"
OTHER_CLIENT = "Tom Becker"
PAGE_TITLES = (
    "Clients",
    "Overview",
    "Program",
    "Plan a phase",
    "Workouts",
    "Load",
    "Progress",
    "Settings",
)
EMPTY_SWITCH, EMPTY_BUTTON = "empty app: page switch", "empty app: button"
EMPTY_GRID_EDIT = "empty app: grid edit"
PICK_CLIENT = "pick another client (Workouts)"
ACCEPT = "accept a proposal (Workouts)"
LOG_STEPS = DONE_AS_PLANNED, OPEN_SET_FORM, BACK_TO_SCHEDULED, SET_GRID_SAVED = (
    "log: Done as planned",
    "log: open 'Log set by set'",
    "log: form back to scheduled",
    "log: set grid + Save (completed)",
)
PLAN_STEPS = GENERATE, OPEN_TAB, GRID_EDIT, CONFIRM = (
    "plan: generate preview",
    "plan: open a preview week tab",
    "plan: apply one grid edit",
    "plan: confirm and save",
)
Samples = dict[str, list[Sample]]


class Driver:
    """The Periodize interactions, each a method recording its samples (untimed steps between)."""

    def __init__(self, probe: Probe, samples: Samples, only: list[str]) -> None:
        self.probe, self.page, self.samples, self.only = probe, probe.page, samples, only
        self.main = self.page.locator('[data-testid="stMain"]')
        self.sidebar = self.page.locator('[data-testid="stSidebar"]')

    def wanted(self, name: str) -> bool:
        return not self.only or any(part in name for part in self.only)

    def timed(self, name: str, action: Callable[[], None], **kwargs: Any) -> None:
        """Measure ``action`` as ``name`` when wanted; otherwise still do it, untimed."""
        sample = self.probe.measure(action, **kwargs)
        if self.wanted(name):
            self.samples[name].append(sample)

    def switch(self, title: str, name: str | None = None) -> None:
        """Click ``title`` in the sidebar; an untimed switch to the page already shown is skipped
        (clicking it runs nothing)."""
        from ui.navigation import PAGES

        key = next(spec.key for spec in PAGES if spec.title == title)
        if name and name.startswith("untimed") and self.page.url.rstrip("/").endswith(f"/{key}"):
            return
        link = self.page.locator('[data-testid="stSidebarNav"]').get_by_text(title, exact=True)
        self.timed(name or f"switch to {title}", link.click)

    def choose(self, label: str, option: str | None, name: str, scope: Any = None) -> None:
        """Open the selectbox ``label`` (untimed), pick the option containing ``option`` (the last
        one when None) and time it; an untimed pick of the value already shown runs nothing."""
        box = (scope or self.main).locator('[data-testid="stSelectbox"]').filter(has_text=label)
        box = box.first
        options = self.page.get_by_role("option")
        for _ in range(3):  # a click landing while the page redraws can close the list again
            box.click()
            try:
                options.first.wait_for(timeout=5_000)
                break
            except Exception:  # Playwright's TimeoutError: try once more
                self.page.keyboard.press("Escape")
        choice = options.last if option is None else options.filter(has_text=option).first
        if name.startswith("untimed") and choice.get_attribute("aria-selected") == "true":
            self.page.keyboard.press("Escape")
            return
        self.timed(name, choice.click)

    def pick_client(self, name: str, timed: str = "untimed: pick client") -> None:
        self.choose("Client", name, timed, scope=self.sidebar)

    # --- the interactions -------------------------------------------------------------------

    def every_page(self) -> None:
        for title in PAGE_TITLES:
            self.switch(title)

    def another_client(self, client: str) -> None:
        """On Workouts: away to another client (untimed), then back to ``client`` (timed)."""
        self.switch("Workouts", "untimed: switch")
        self.pick_client(OTHER_CLIENT)
        self.pick_client(client, PICK_CLIENT)

    def log_session(self, week: str, session: str) -> None:
        """Done as planned, 'Log set by set' opened, back to scheduled through the form, the sets
        grid saved as completed, and back to scheduled again (so the next repeat finds it
        scheduled)."""
        self.switch("Overview", "untimed: switch")  # a fresh read of the session reset outside
        self.switch("Workouts", "untimed: switch")
        self.choose("Week", week, "untimed: week")
        self.choose("Session", session, "untimed: session")
        done = self.main.get_by_role("button", name="Done as planned")
        self.timed(DONE_AS_PLANNED, done.click)
        toggle = self.main.get_by_text("Log set by set", exact=True)
        self.timed(OPEN_SET_FORM, toggle.click)
        self.save_form("Scheduled (undo)", BACK_TO_SCHEDULED)
        self.save_form("Completed", SET_GRID_SAVED)
        self.save_form("Scheduled (undo)", BACK_TO_SCHEDULED)

    def save_form(self, status: str, name: str) -> None:
        form = self.main.locator('[data-testid="stForm"]')
        form.get_by_text(status, exact=True).click()  # a radio inside a form: no run
        self.timed(name, form.get_by_role("button", name="Save", exact=True).click)

    def accept(self) -> None:
        """On a fresh Workouts page (the proposal made pending again, untimed): Accept, until the
        page shows what was accepted (the click's one run)."""
        self.switch("Overview", "untimed: switch")
        self.switch("Workouts", "untimed: switch")
        button = self.main.get_by_role("button", name=re.compile(r"^Accept \d+ change"))
        self.timed(ACCEPT, button.click)
        accepted = self.main.get_by_text("change(s) for the week of")
        try:
            accepted.first.wait_for(timeout=10_000)
        except Exception as error:  # Playwright's TimeoutError
            shown = self.main.inner_text()[:1500]
            raise SystemExit(
                f"the Accept click did not show what was accepted:\n{shown}"
            ) from error

    def plan(self, program: str | None, edit_value: str) -> None:
        """Generate a preview of the program's last phase, open week 2's tab, edit one cell of its
        exercises grid, confirm (replacing the plan the previous repeat saved), start over."""
        self.switch("Plan a phase", "untimed: switch")
        if program:
            self.choose("Program", program, "untimed: program")
        self.choose("Phase", None, "untimed: phase")
        generate = self.main.get_by_role("button", name="Generate preview")
        self.timed(GENERATE, generate.click)
        tab = self.main.get_by_role("tab").nth(2)  # week 2 (after week 1), or week 1 after week 0
        self.timed(OPEN_TAB, tab.click)  # lazy tabs: the page runs and sends that week
        self.page.wait_for_function(TAB_SHOWN)
        panel = self.main.get_by_role("tabpanel").filter(visible=True)
        # A lazy expander: the page runs and sends the week's grids.
        self.timed("untimed: open Edit week", panel.get_by_text("✏️ Edit week").click)
        self.edit_cell(panel.locator('[data-testid="stDataFrame"]').nth(1), edit_value)
        replace = self.main.get_by_text("Replace the saved plan of this phase")
        if replace.count():
            self.timed("untimed: tick replace", replace.click)
        confirm = self.main.get_by_role("button", name="Confirm and save")
        self.timed(CONFIRM, confirm.click)
        again = self.main.get_by_role("button", name="Start a new draft of this phase")
        self.timed("untimed: new draft", again.click)

    def edit_cell(self, grid: Any, value: str) -> None:
        """The Notes cell of the grid's first row (End: the last column, Rationale, read-only;
        one left) typed into, the final Enter timed; the note must then show on the card."""
        sample = edit_cell(self.probe, grid, value, keys=["End", "ArrowLeft"])
        if self.wanted(GRID_EDIT):
            self.samples[GRID_EDIT].append(sample)
        if not self.main.get_by_text(f"✎ {value}").count():
            raise SystemExit(f"the grid edit did not land in the Notes cell ({value!r})")


EDITOR_TRIES, EDITOR_MS = 3, 3000
"""A cell editor that has not opened in EDITOR_MS is asked for again (the grid was redrawn)."""

# The tab just clicked is selected and its panel shows.
TAB_SHOWN = """
() => {
  const bench = window.__bench;
  const tab = document.querySelector('[data-testid="stMain"] [role="tab"][aria-selected="true"]');
  if (bench.t0 === null || !tab) return null;
  const panel = document.getElementById(tab.getAttribute("aria-controls"));
  if (!panel || panel.hidden || panel.offsetParent === null) return null;
  const tabs = document.querySelectorAll('[data-testid="stMain"] [role="tab"]');
  if (tabs[2] !== tab) return null;
  return [bench.t0, performance.now(), 0, 0,
          document.querySelectorAll('[data-testid="stApp"] *').length];
}
"""


def empty_app(probe: Probe, samples: Samples, grid_edit: str | None = None) -> None:
    """The floor, each repeat: both page switches and two button round trips, and with
    ``grid_edit`` the matching action of a grid edit: the Grid page's Notes cell typed into, the
    final Enter timed (the page switches to it and back untimed)."""
    nav = probe.page.locator('[data-testid="stSidebarNav"]')
    button = probe.page.locator('[data-testid="stMain"]').get_by_role("button", name="Click")
    for _ in range(2):
        samples[EMPTY_BUTTON].append(probe.measure(button.click))
    samples[EMPTY_SWITCH].append(probe.measure(nav.get_by_text("Second", exact=True).click))
    samples[EMPTY_SWITCH].append(probe.measure(nav.get_by_text("First", exact=True).click))
    if grid_edit is None:
        return
    probe.measure(nav.get_by_text("Grid", exact=True).click)  # untimed
    grid = probe.page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]')
    samples[EMPTY_GRID_EDIT].append(edit_cell(probe, grid, grid_edit, keys=["End"]))
    if not probe.page.get_by_text(f"Noted: {grid_edit}").count():
        raise SystemExit(f"the empty app's grid edit did not land ({grid_edit!r})")
    probe.measure(nav.get_by_text("First", exact=True).click)  # untimed


def edit_cell(probe: Probe, grid: Any, value: str, keys: list[str]) -> Sample:
    """A text cell of the grid's first row (reached from its first column by ``keys``) typed
    into, the final Enter timed (``tools.grid_editor`` opens the editor, selecting the cell again
    if the grid was redrawn)."""
    grid_editor.open_cell_editor(
        probe.page,
        grid,
        at=(55, 35 + 35 / 2),  # row 1, past the row markers
        keys=keys,
        tries=EDITOR_TRIES,
        timeout_ms=EDITOR_MS,
    )
    probe.page.keyboard.press("ControlOrMeta+a")
    probe.page.keyboard.type(value, delay=10)
    return probe.measure(lambda: probe.page.keyboard.press("Enter"), trigger="keydown")


def log_target(data_dir: Path, client_name: str) -> tuple[str, str]:
    """The client's latest training session on or before their today, reset to scheduled (untimed,
    through the service); returns the Week and Session option texts that pick it."""
    os.environ["PERIODIZE_DATA_DIR"] = str(data_dir)
    from bootstrap import build_wiring
    from core.dates import monday_of, today_in
    from core.schemas import WorkoutStatus
    from db.accounts import local_coach
    from ui.calendar_view import week_label, workout_label

    shared = build_wiring(migrate=False)
    app = shared.for_coach(local_coach(shared.engine))
    client = next(c for c in app.storage.list_clients() if c.name == client_name)
    today = today_in(client.profile.timezone)
    past = app.storage.workouts_for_client(client.id, today - timedelta(days=14), today)
    workout = [w for w in past if w.session_type != "rest"][-1]
    app.service.mark_workout(workout.id, WorkoutStatus.SCHEDULED)
    shared.engine.dispose()
    return week_label(monday_of(workout.date)), workout_label(workout)


def current_program(data_dir: Path, client_name: str) -> str | None:
    """The Program option text of the client's latest program, when there are several."""
    from bootstrap import build_wiring
    from db.accounts import local_coach

    shared = build_wiring(migrate=False)
    app = shared.for_coach(local_coach(shared.engine))
    client = next(c for c in app.storage.list_clients() if c.name == client_name)
    programs = app.storage.list_programs(client.id)
    shared.engine.dispose()
    if len(programs) < 2:
        return None
    latest = max(programs, key=lambda p: p.start_date)
    return f"{latest.weeks} weeks from {latest.start_date:%d %b %Y}"


def scenario(
    client: str, ours: Probe, floor: Probe, repeats: int, only: list[str], data_dir: Path
) -> Samples:
    """Every interaction ``repeats`` times for ``client``, the empty app's in between."""
    samples: Samples = defaultdict(list)
    driver = Driver(ours, samples, only)
    driver.switch("Workouts", "untimed: switch")
    driver.pick_client(client)
    program = current_program(data_dir, client)
    for repeat in range(repeats):
        edit = f"floor edit {uuid.uuid4().hex[:6]} #{repeat}" if driver.wanted(GRID_EDIT) else None
        empty_app(floor, samples, edit)
        if any(driver.wanted(f"switch to {title}") for title in PAGE_TITLES):
            driver.every_page()
        if driver.wanted(PICK_CLIENT):
            driver.another_client(client)
        if any(driver.wanted(name) for name in LOG_STEPS):
            week, session = log_target(data_dir, client)
            driver.log_session(week, session)
        if any(driver.wanted(name) for name in PLAN_STEPS):
            driver.plan(program, f"bench edit {uuid.uuid4().hex[:6]} #{repeat}")
        if driver.wanted(ACCEPT):
            if not pending_proposal(data_dir, client):
                raise SystemExit(f"{client} has no coming session a proposal could change")
            driver.accept()
    return samples


COLUMNS = (
    ("median ms", lambda s: s.total_ms, "{:.0f}"),
    ("server ms", lambda s: s.server_ms, "{:.0f}"),
    ("script", lambda s: s.script_ms, "{:.0f}"),
    ("gc", lambda s: s.gc_ms, "{:.0f}"),
    ("runs", lambda s: s.runs, "{:.0f}"),
    ("KB recv", lambda s: s.received_bytes / 1024, "{:.1f}"),
    ("msgs", lambda s: s.frames, "{:.0f}"),
    ("DOM nodes", lambda s: s.nodes, "{:.0f}"),
    ("rest ms", lambda s: s.total_ms - s.server_ms, "{:.0f}"),
)


def matching_action(name: str) -> str:
    """The empty app's action an interaction is compared with: a page switch with its page
    switch, a grid edit with its grid edit, anything else with its button round trip."""
    if "switch" in name:
        return EMPTY_SWITCH
    return EMPTY_GRID_EDIT if name in (GRID_EDIT, EMPTY_GRID_EDIT) else EMPTY_BUTTON


def table(title: str, samples: Samples) -> str:
    """interaction · median ms · × the empty app's matching action · where the time goes (each
    column the median of its own samples)."""
    floor = {
        kind: statistics.median(s.total_ms for s in samples[kind])
        for kind in (EMPTY_SWITCH, EMPTY_BUTTON, EMPTY_GRID_EDIT)
        if samples[kind]
    }
    names = [name for name, _, _ in COLUMNS]
    header = f"| {'interaction':<36} | {names[0]:>9} | {'× empty':>7} | " + " | ".join(
        f"{name:>9}" for name in names[1:]
    )
    lines = [title, "", header + " |", "|" + "---|" * (len(COLUMNS) + 2)]
    for name, measured in samples.items():
        if name.startswith("untimed") or not measured:
            continue
        values = [statistics.median(get(s) for s in measured) for _, get, _ in COLUMNS]
        matching = floor[matching_action(name)]
        cells = [f"{form.format(v):>9}" for (_, _, form), v in zip(COLUMNS, values, strict=True)]
        lines.append(
            f"| {name:<36} | {cells[0]} | {values[0] / matching:>7.1f} | {' | '.join(cells[1:])} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--only", default="", help="comma-separated parts of interaction names (e.g. 'switch,log')"
    )
    parser.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a Streamlit config option for both servers (e.g. runner.postScriptGC=false)",
    )
    parser.add_argument(
        "--freeze-gc",
        action="store_true",
        help="gc.freeze() in both servers after their first run (later collections skip it)",
    )
    parser.add_argument(
        "--profile",
        metavar="FOLDER",
        help="cProfile every script run of Periodize's server into FOLDER/run-N.prof",
    )
    args = parser.parse_args()
    only = [part.strip() for part in args.only.split(",") if part.strip()]
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="periodize-browser-") as temp:
        folder = Path(temp)
        data_dir = folder / "data"
        env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
        env.pop("DATABASE_URL", None)
        env.update(PERIODIZE_DATA_DIR=str(data_dir), PERIODIZE_SINGLE_COACH="1")
        if args.freeze_gc:
            env[FREEZE] = "1"
        os.environ.update(PERIODIZE_DATA_DIR=str(data_dir), PERIODIZE_SINGLE_COACH="1")
        os.environ.pop("DATABASE_URL", None)
        seed(data_dir)
        empty_script = write_empty_app(folder / "empty")
        with (
            served(
                ROOT / "app.py",
                folder / "periodize-runs.jsonl",
                {**env, PROFILE: str(Path(args.profile).resolve())} if args.profile else env,
                args.option,
            ) as url,
            served(empty_script, folder / "empty-runs.jsonl", env, args.option) as empty_url,
            sync_playwright() as playwright,
        ):
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            pages = []
            for runs in ("periodize-runs.jsonl", "empty-runs.jsonl"):
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.set_default_timeout(30_000)
                pages.append(Probe(page, folder / runs))
            ours, floor = pages
            for probe, address in ((ours, url), (floor, empty_url)):
                probe.page.goto(address)
                probe.page.locator('[data-testid="stSidebarNav"]').wait_for()
                probe.settle()
            try:
                for label, client in (("demo data", DEMO_CLIENT), ("one year", YEAR_CLIENT)):
                    samples = scenario(client, ours, floor, args.repeats, only, data_dir)
                    print(table(f"\n{label}: {client}, {args.repeats} repeats", samples))
            except Exception:
                FAILURE_SHOT.parent.mkdir(parents=True, exist_ok=True)
                ours.page.screenshot(path=str(FAILURE_SHOT), full_page=True)
                print(f"the app's page when it failed: {FAILURE_SHOT}")
                raise
            finally:
                browser.close()


if __name__ == "__main__":
    main()
