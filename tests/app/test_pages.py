"""Every page under AppTest against a real SQLite file: renders, and the coach's main flows work."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, time, timedelta

import pytest
import streamlit as st
from sqlalchemy import Engine, event, func, select
from streamlit.testing.v1 import AppTest

from core.demo import load_demo_data, log_history
from core.errors import InvalidInput
from core.generation.base import OFFLINE
from core.generation.engine import OfflineEngine
from core.read_models import ClientRecord
from core.schemas import Weekday, WorkoutStatus
from db.models import MesocycleDB, MicrocycleDB, WorkoutInstanceDB
from tests.factories import make_profile, preview_phase
from ui import shell
from ui.client_form_view import PROFILE_OPEN
from ui.markdown import md_escape
from ui.navigation import PAGE_KEYS
from ui.workouts_view import TABLE_KEY

PAGES = ["app", *PAGE_KEYS]


def click(at: AppTest, label: str) -> AppTest:
    """Click the (form submit) button with this label and rerun."""
    for button in [*at.button, *at.get("form_submit_button")]:
        if getattr(button, "label", None) == label:
            button.click()
            return at.run()
    labels = [getattr(b, "label", "?") for b in [*at.button, *at.get("form_submit_button")]]
    raise AssertionError(f"no button {label!r}; buttons: {labels}")


def texts(at: AppTest, kind: str) -> list[str]:
    return [element.value for element in at.get(kind)]


def count(wiring, table) -> int:  # type: ignore[no-untyped-def]
    with wiring.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def seed_client_and_program(wiring, weeks: int = 8, start: date | None = None):  # type: ignore[no-untyped-def]
    profile = make_profile(name="Sam Lifter", timezone="UTC")
    client = ClientRecord(wiring.storage.create_client(profile), profile)
    start = start or date.today() - timedelta(days=date.today().weekday()) + timedelta(weeks=1)
    program_id = wiring.service.create_program(client, weeks, start, OfflineEngine())
    return client, program_id


def assert_no_errors(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_on_an_empty_database(page, name):
    at = page(name)
    assert_no_errors(at)


@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_with_demo_data(page, wiring, name):
    ids = load_demo_data(wiring.storage, wiring.service)
    at = page(name, client_id=str(ids[0]))
    assert_no_errors(at)


def test_app_migrates_a_new_database_and_shows_the_clients_page(page, app_env):
    at = page("app")
    assert (app_env / "periodize.db").exists()
    assert at.title[0].value == "Clients"
    assert "Load demo data" in [b.label for b in at.button]


@pytest.mark.parametrize(
    ("path", "title"),
    [("pages/workouts.py", "Workouts"), ("pages/load.py", "Training load")],
)
def test_navigation_from_the_entrypoint(page, wiring, path, title):
    ids = load_demo_data(wiring.storage, wiring.service)
    at = page("app", client_id=str(ids[1]))
    at.switch_page(path)
    at.run()
    assert_no_errors(at)
    assert at.title[0].value == title


def test_create_a_client(page, wiring):
    at = page("clients")
    [name] = [t for t in at.text_input if t.label == "Name"]
    name.input("Mia Runner")
    [maxes] = [t for t in at.text_area if t.label.startswith("1RMs")]
    maxes.input("Back Squat: 90\nBench Press: 55")
    click(at, "Create client")
    assert_no_errors(at)
    stored = wiring.storage.find_client_by_name("Mia Runner")
    assert stored is not None
    assert stored.profile.one_rep_maxes == {"Back Squat": 90.0, "Bench Press": 55.0}
    assert any("Created Mia Runner" in s for s in texts(at, "success"))
    assert at.session_state[shell.CLIENT_KEY] == str(stored.id)


def test_a_bad_profile_gets_readable_messages_and_is_not_stored(page, wiring):
    at = page("clients")
    [minutes] = [n for n in at.number_input if n.label == "Minutes per session"]
    minutes.set_value(5)
    [maxes] = [t for t in at.text_area if t.label.startswith("1RMs")]
    maxes.input("squat very heavy")
    click(at, "Create client")
    assert not at.exception
    [error] = texts(at, "error")
    assert "1RMs: write one lift per line" in error
    [maxes] = [t for t in at.text_area if t.label.startswith("1RMs")]
    maxes.input("")
    click(at, "Create client")
    [error] = texts(at, "error")
    assert "Name:" in error
    assert "Minutes per session: must be at least 15" in error
    assert wiring.storage.count_clients() == 0


def test_edit_a_client_and_search(page, wiring):
    client, _ = seed_client_and_program(wiring)
    wiring.storage.create_client(make_profile(name="Other Person"))
    at = page("clients", client_id=str(client.id), **{PROFILE_OPEN: True})
    [days] = [n for n in at.number_input if n.label == "Days per week"]
    days.set_value(3)
    click(at, "Save changes")
    assert_no_errors(at)
    assert wiring.storage.get_client(client.id).profile.days_per_week == 3
    [search] = [t for t in at.text_input if t.label == "Search by name"]
    search.input("other")
    at.run()
    assert list(at.dataframe[0].value["Name"]) == ["Other Person"]


def test_load_demo_data_button(page, wiring):
    at = page("clients")
    click(at, "Load demo data")
    assert_no_errors(at)
    assert wiring.storage.count_clients() == 3
    assert count(wiring, WorkoutInstanceDB) > 0
    assert "Load demo data" not in [b.label for b in at.button]


def test_create_an_outline_shows_the_timeline_and_targets(page, wiring):
    client, seeded = seed_client_and_program(wiring)
    other = wiring.storage.create_client(make_profile(name="Zed New"))
    at = page("program", client_id=str(other))
    click(at, "Create outline")
    assert_no_errors(at)
    [program] = wiring.storage.list_programs(other)
    assert program.weeks == 12 and program.generated_by == OFFLINE
    assert at.session_state[shell.PROGRAM_KEY] == str(program.id)
    assert any("Program timeline" in m.value for m in at.markdown), "the timeline is drawn"
    assert any(s.value.startswith("Weekly targets") for s in at.subheader)
    # The outline went to the client the page showed; the other client's program is untouched.
    assert [p.id for p in wiring.storage.list_programs(client.id)] == [seeded]


def test_plan_preview_confirm_stores_once(page, wiring):
    client, program_id = seed_client_and_program(wiring)
    at = page("plan", client_id=str(client.id), program_id=str(program_id), phase_index=0)
    click(at, "Generate preview")
    assert not at.exception
    program = wiring.storage.get_program(program_id)
    first = wiring.service.phases(program)[0]
    # The seeded program starts on a Monday: no transition week, one tab per week, deload last.
    weeks = [f"Week {n}" for n in range(1, first.plan.weeks + 1)]
    assert [t.label for t in at.tabs] == [*weeks[:-1], f"{weeks[-1]} · deload"]
    assert at.subheader[0].value == f"{first.plan.phase} · {first.plan.weeks} weeks for Sam Lifter"
    confirm = next(b for b in at.button if b.label == "Confirm and save")
    assert not confirm.disabled, texts(at, "error")
    click(at, "Confirm and save")
    assert_no_errors(at)
    assert any("Saved" in s for s in texts(at, "success"))
    assert count(wiring, MesocycleDB) == 1
    assert count(wiring, MicrocycleDB) == first.plan.weeks
    stored = count(wiring, WorkoutInstanceDB)
    assert stored > 0
    # A rerun, and a second save of the very same preview, store nothing more.
    at.run()
    draft = next(iter(at.session_state["drafts"].values()))
    assert wiring.service.save(draft.preview) == draft.saved_id
    assert (count(wiring, MesocycleDB), count(wiring, WorkoutInstanceDB)) == (1, stored)
    assert "Confirm and save" not in [b.label for b in at.button]


def test_generate_validates_the_draft_once(page, wiring, monkeypatch):
    # the service's preview already holds the verdict on the unedited plan: the draft starts
    # with it (ui.plan_view.Draft), so the page's first run does not validate the plan again
    import core.service

    calls = []
    validate = core.service.validate_mesocycle

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return validate(*args, **kwargs)

    monkeypatch.setattr(core.service, "validate_mesocycle", counted)
    client, program_id = seed_client_and_program(wiring)
    at = page("plan", client_id=str(client.id), program_id=str(program_id), phase_index=0)
    calls.clear()
    click(at, "Generate preview")
    assert not at.exception
    assert "Confirm and save" in [b.label for b in at.button]
    assert len(calls) == 1, calls  # the preview's own check only


def test_the_preview_cards_show_the_reasons_when_asked_and_remember_it(page, wiring):
    client, program_id = seed_client_and_program(wiring)
    at = page("plan", client_id=str(client.id), program_id=str(program_id), phase_index=0)
    click(at, "Generate preview")
    draft = next(iter(at.session_state["drafts"].values()))
    week = draft.preview.mesocycle.microcycles[0]
    reason = next(e.rationale for w in week.workouts for e in w.exercises if e.rationale)
    cards = " ".join(m.value for m in at.markdown)
    assert "↳" not in cards  # the first paint: the prescriptions, not the reasons
    next(t for t in at.toggle if t.label == "Why each exercise").set_value(True).run()
    cards = " ".join(m.value for m in at.markdown)
    assert "↳" in cards and md_escape(reason[:40]) in cards
    click(at, "Discard draft")  # a run without the cards (as another page would be)
    assert not [t for t in at.toggle if t.label == "Why each exercise"]
    click(at, "Generate preview")
    assert next(t for t in at.toggle if t.label == "Why each exercise").value is True
    assert "↳" in " ".join(m.value for m in at.markdown)


def test_an_edit_is_revalidated_and_an_error_blocks_confirm(page, wiring):
    client, program_id = seed_client_and_program(wiring)
    at = page("plan", client_id=str(client.id), program_id=str(program_id), phase_index=0)
    click(at, "Generate preview")
    draft = next(iter(at.session_state["drafts"].values()))
    assert not at.data_editor, "the week's grids are sent once its Edit week is opened"
    at.session_state[f"edit-{draft.preview.mesocycle_id}-1"] = True  # open "Edit week 1"
    key = f"exercises-{draft.preview.mesocycle_id}-1"
    at.session_state[key] = {
        "edited_rows": {0: {"load": "-20 kg"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    assert any("load cannot be negative" in e for e in texts(at, "error"))
    confirm = next(b for b in at.button if b.label == "Confirm and save")
    assert confirm.disabled
    # Fixing the cell unblocks Confirm, and the saved plan carries the edit.
    at.session_state[key] = {
        "edited_rows": {0: {"sets": 2, "notes": "easy on the knees"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not next(b for b in at.button if b.label == "Confirm and save").disabled
    click(at, "Confirm and save")
    assert_no_errors(at)
    first = min(wiring.storage.workouts_for_client(client.id), key=lambda w: (w.date, w.day_slot))
    exercise = first.blocks[0]["exercises"][0]
    assert exercise["sets"] == 2 and exercise["notes"] == "easy on the knees"
    # The saved draft is shown read-only, as stored (edits included), with no editors left.
    assert not at.data_editor
    assert any("easy on the knees" in m.value for m in at.markdown)


def test_discard_drops_the_draft(page, wiring):
    client, program_id = seed_client_and_program(wiring)
    at = page("plan", client_id=str(client.id), program_id=str(program_id), phase_index=0)
    click(at, "Generate preview")
    click(at, "Discard draft")
    assert_no_errors(at)
    assert at.session_state["drafts"] == {}
    assert count(wiring, MesocycleDB) == 0
    assert "Generate preview" in [b.label for b in at.button]


def _save_first_phase(wiring, client, program_id):  # type: ignore[no-untyped-def]
    program = wiring.storage.get_program(program_id)
    return wiring.service.save(preview_phase(wiring.service, client, program, 0, OfflineEngine()))


def test_replanning_a_saved_phase_asks_before_replacing(page, wiring):
    client, program_id = seed_client_and_program(wiring)
    old_id = _save_first_phase(wiring, client, program_id)
    at = page("plan", client_id=str(client.id), program_id=str(program_id), phase_index=0)
    assert any("already has a saved plan" in i for i in texts(at, "info"))
    click(at, "Generate preview")
    confirm = next(b for b in at.button if b.label == "Confirm and save")
    assert confirm.disabled, "Confirm waits for the replace checkbox"
    at.checkbox[0].check()
    at.run()
    click(at, "Confirm and save")
    assert_no_errors(at)
    [meso] = wiring.storage.list_mesocycles(program_id)
    assert meso.id != old_id


def test_replanning_a_phase_with_logged_workouts_is_refused(page, wiring):
    client, program_id = seed_client_and_program(
        wiring, start=date.today() - timedelta(days=date.today().weekday(), weeks=2)
    )
    old_id = _save_first_phase(wiring, client, program_id)
    first = wiring.storage.workouts_for_client(client.id)[0]
    wiring.service.mark_workout(first.id, WorkoutStatus.COMPLETED, 7, 60)
    at = page("plan", client_id=str(client.id), program_id=str(program_id), phase_index=0)
    click(at, "Generate preview")
    at.checkbox[0].check()
    at.run()
    click(at, "Confirm and save")
    assert not at.exception
    assert any("logged workout" in e for e in texts(at, "error"))
    [meso] = wiring.storage.list_mesocycles(program_id)
    assert meso.id == old_id


def test_mark_a_workout_completed_then_skipped(page, wiring):
    client, program_id = seed_client_and_program(
        wiring, start=date.today() - timedelta(days=date.today().weekday(), weeks=1)
    )
    _save_first_phase(wiring, client, program_id)
    at = page("workouts", client_id=str(client.id), _workouts_week=_last_monday())
    assert not at.dataframe, "the week's table is drawn once opened"
    at.session_state[TABLE_KEY] = True
    at.run()
    assert at.dataframe, "the week's table is shown"
    [by_set] = [t for t in at.toggle if t.label == "Log set by set"]
    by_set.set_value(True)
    at.run()
    [rpe] = [n for n in at.number_input if n.label.startswith("Session RPE")]
    rpe.set_value(8.5)
    [minutes] = [n for n in at.number_input if n.label == "Minutes"]
    minutes.set_value(70)
    click(at, "Save")
    assert_no_errors(at)
    session_id = uuid.UUID(at.selectbox[1].value)
    stored = next(w for w in wiring.storage.workouts_for_client(client.id) if w.id == session_id)
    assert (stored.status, stored.session_rpe, stored.actual_minutes) == (
        WorkoutStatus.COMPLETED,
        8.5,
        70,
    )
    # the week's table (a proposal for this week, when the log calls for one, has its own above)
    week = next(f.value for f in at.dataframe if "Status" in f.value.columns)
    assert "✓ completed" in list(week["Status"])
    at.radio[0].set_value(WorkoutStatus.SKIPPED)
    click(at, "Save")
    stored = next(w for w in wiring.storage.workouts_for_client(client.id) if w.id == session_id)
    assert (stored.status, stored.session_rpe) == (WorkoutStatus.SKIPPED, None)


def _last_monday() -> date:
    """The Monday of last week: every session of that week can be logged today."""
    return date.today() - timedelta(days=date.today().weekday(), weeks=1)


def test_a_session_ahead_of_its_day_cannot_be_logged(page, wiring):
    client, program_id = seed_client_and_program(wiring)  # starts next Monday
    _save_first_phase(wiring, client, program_id)
    at = page("workouts", client_id=str(client.id))
    [notice] = [i.value for i in at.info if "can be logged from that day on" in i.value]
    assert notice.startswith("This session is on ")
    assert "Save" not in [b.label for b in at.get("form_submit_button")]
    assert "Done as planned" not in [b.label for b in at.button]
    first = wiring.storage.workouts_for_client(client.id)[0]
    with pytest.raises(InvalidInput, match="from that day on"):
        wiring.service.mark_workout(first.id, WorkoutStatus.COMPLETED, 7, 60)
    stored = wiring.storage.workouts_for_client(client.id)
    assert {w.status for w in stored} == {WorkoutStatus.SCHEDULED}


def test_load_page_shows_five_charts_for_demo_data(page, wiring):
    ids = load_demo_data(wiring.storage, wiring.service)
    at = page("load", client_id=str(ids[0]))
    assert_no_errors(at)
    # One chart at a time by default; "All five" stacks them as the page always could.
    assert len(at.get("plotly_chart")) == 1
    picker, _weeks = at.segmented_control  # the chart, then the weeks
    assert picker.value == "tonnage"
    picker.set_value("all")
    at.run()
    assert_no_errors(at)
    assert len(at.get("plotly_chart")) == 5
    titles = [s.value for s in at.subheader]
    assert titles == [
        "Tonnage",
        "Hard sets per muscle",
        "Session-RPE load",
        "Acute:chronic workload",
        "Compliance",
    ]
    assert not any(
        "risk" in c.value.lower() and "injury risk" in c.value.lower() for c in at.caption
    )


def test_load_page_says_which_chart_is_shown_and_switches(page, wiring):
    ids = load_demo_data(wiring.storage, wiring.service)
    at = page("load", client_id=str(ids[0]))
    assert [s.value for s in at.subheader] == ["Tonnage"]
    assert any(c.value.startswith("Showing 1 of 5 charts") for c in at.caption)
    picker, _weeks = at.segmented_control  # the chart, then the weeks
    assert picker.options == [
        "Tonnage",
        "Hard sets",
        "Session RPE",
        "ACWR",
        "Compliance",
        "All five",
    ]
    for key, title in [
        ("hard_sets", "Hard sets per muscle"),
        ("srpe", "Session-RPE load"),
        ("acwr", "Acute:chronic workload"),
        ("compliance", "Compliance"),
    ]:
        at.segmented_control[0].set_value(key)
        at.run()
        assert_no_errors(at)
        assert [s.value for s in at.subheader] == [title]
        assert len(at.get("plotly_chart")) == 1
        assert at.session_state["_load_chart"] == key


def test_the_chart_pick_survives_a_visit_to_another_page(page, wiring):
    ids = load_demo_data(wiring.storage, wiring.service)
    at = page("app", client_id=str(ids[0]))
    at.switch_page("pages/load.py")
    at.run()
    at.segmented_control[0].set_value("all")
    at.run()
    assert len(at.get("plotly_chart")) == 5
    at.switch_page("pages/workouts.py")
    at.run()
    assert_no_errors(at)
    at.switch_page("pages/load.py")
    at.run()
    assert_no_errors(at)
    assert at.segmented_control[0].value == "all"
    assert len(at.get("plotly_chart")) == 5


def _chart_spec(at: AppTest) -> str:
    [chart] = at.get("plotly_chart")
    return chart.proto.spec


def test_load_charts_follow_a_logged_session_on_the_next_rerun(page, wiring):
    client, program_id = seed_client_and_program(
        wiring, start=date.today() - timedelta(days=date.today().weekday(), weeks=2)
    )
    _save_first_phase(wiring, client, program_id)
    at = page("load", client_id=str(client.id))
    at.segmented_control[0].set_value("compliance")
    at.run()
    before = _chart_spec(at)
    at.run()
    assert _chart_spec(at) == before, "nothing changed, nor does the chart"
    past = next(w for w in wiring.storage.workouts_for_client(client.id) if w.date < date.today())
    wiring.service.mark_workout(past.id, WorkoutStatus.COMPLETED, 7, 60)
    at.run()
    assert_no_errors(at)
    assert _chart_spec(at) != before, "the cached chart was keyed on the old data"


@contextmanager
def statements() -> Iterator[list[str]]:
    """Every SQL statement run (any engine) inside the block; transaction control (the explicit
    BEGIN the SQLite engine sends) is not a query and is not counted."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.strip().upper() not in {"BEGIN", "BEGIN IMMEDIATE"}:
            seen.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)


def _reads_workout_rows(statement: str) -> bool:
    return "workout_instances.blocks" in statement


def test_a_rerun_runs_a_few_queries_whatever_the_history(page, wiring):
    ids = load_demo_data(wiring.storage, wiring.service)
    for name in ("workouts", "load"):
        at = page(name, client_id=str(ids[0]))
        with statements() as seen:
            at.run()
        assert_no_errors(at)
        assert len(seen) <= 6, (
            seen
        )  # coach, clients, stamp (+ the week's workouts): no per-row query
        full_reads = [s for s in seen if _reads_workout_rows(s)]
        assert not full_reads, "a warm rerun reads no workout rows (cached per data version)"
        if name == "workouts":  # a cold run reads the chosen week by its dates, not the year
            st.cache_resource.clear()
            st.cache_data.clear()
            with statements() as cold:
                at.run()
            assert any(
                "workout_instances.date >=" in s and "workout_instances.date <=" in s
                for s in cold
                if _reads_workout_rows(s)
            ), cold


def test_workouts_page_reads_and_shows_the_chosen_week_only(page, wiring):
    client, program_id = seed_client_and_program(wiring)
    _save_first_phase(wiring, client, program_id)
    at = page("workouts", client_id=str(client.id), **{TABLE_KEY: True})
    weeks = at.selectbox[1].options
    assert len(weeks) > 1
    at.selectbox[1].set_value(at.selectbox[1].options[1])
    at.run()
    assert_no_errors(at)
    monday = at.session_state["_workouts_week"]
    stored = wiring.storage.workouts_for_client(client.id, monday, monday + timedelta(days=6))
    assert len(at.dataframe[0].value) == len(stored) > 0
    assert list(at.dataframe[0].value["Session"]) == [w.title for w in stored]


def test_page_caches_never_cross_coaches(wiring):
    from bootstrap import build_wiring
    from db.accounts import coach_by_id, create_coach
    from ui import page_data
    from ui.load_view import CHART_KEYS

    client, program_id = seed_client_and_program(
        wiring, start=date.today() - timedelta(days=date.today().weekday(), weeks=2)
    )
    _save_first_phase(wiring, client, program_id)
    stamp = wiring.storage.workouts_stamp(client.id)
    mine = page_data.chart(wiring, client.id, stamp, client.profile, date.today(), "compliance")
    assert mine.figure.data, "the owner sees the chart"
    assert page_data.calendar(wiring, client.id, stamp)

    shared = build_wiring()
    other = shared.for_coach(coach_by_id(shared.engine, create_coach(shared.engine, "other", None)))
    try:
        assert other.storage.workouts_stamp(client.id).count == 0
        # Even handed the owner's exact stamp, another coach gets nothing of this client's data.
        assert page_data.calendar(other, client.id, stamp) == []
        for key in CHART_KEYS:
            theirs = page_data.chart(other, client.id, stamp, client.profile, date.today(), key)
            assert not theirs.figure.data, key
            assert theirs.figure is not mine.figure
    finally:
        shared.engine.dispose()


def test_demo_history_is_deterministic(wiring):
    ids = load_demo_data(wiring.storage, wiring.service)
    assert load_demo_data(wiring.storage, wiring.service) == ids, "loading twice reuses the clients"
    workouts = wiring.storage.workouts_for_client(ids[0])
    logged = [w for w in workouts if w.status != WorkoutStatus.SCHEDULED]
    assert logged, "some weeks are history"
    assert any(w.status == WorkoutStatus.SKIPPED for w in logged)
    assert all(w.date < date.today() for w in logged)
    assert all(
        1 <= w.session_rpe <= 10 and w.actual_minutes
        for w in logged
        if w.status == WorkoutStatus.COMPLETED
    )
    client = wiring.storage.get_client(ids[0])
    assert (
        log_history(wiring.storage, wiring.service, client, date.today()) > 0
    )  # same seed, same marks again


def test_settings_never_shows_the_key(page, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-SECRET-123")
    monkeypatch.setenv("OPENAI_MODEL", "gpt-test")
    at = page("settings")
    assert_no_errors(at)
    rendered = " ".join(
        str(v)
        for kind in ("markdown", "caption", "success", "info", "code", "table")
        for v in texts(at, kind)
    )
    assert "SECRET" not in rendered
    table = at.table[0].value
    assert list(table["Value"])[:2] == ["present (hidden)", "gpt-test"]
    assert "Offline rule engine" in rendered and "OpenAI drafter" in rendered
    assert "Stored in **SQLite**" in rendered  # the local coach is the admin: it sees the path
    # (a coach who is no admin sees no server section: tests/app/test_settings_roles.py)


def test_settings_never_shows_credentials_inside_the_base_url(page, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "https://ada:hunter2-pass@llm.example:8443/v1?key=zz9")
    at = page("settings")
    assert_no_errors(at)
    assert list(at.table[0].value["Value"])[2] == "https://llm.example:8443/v1"
    shown = " ".join(str(v) for kind in ("markdown", "table", "code") for v in texts(at, kind))
    assert "hunter2" not in shown and "zz9" not in shown


def test_create_a_client_with_training_days_days_off_and_a_session_time(page, wiring):
    at = page("clients")
    [name] = [t for t in at.text_input if t.label == "Name"]
    name.input("Tess Tuesday")
    [days] = [n for n in at.number_input if n.label == "Days per week"]
    days.set_value(3)
    [training] = [m for m in at.multiselect if m.label == "Training days"]
    training.set_value([Weekday.TUESDAY, Weekday.THURSDAY, Weekday.SATURDAY])
    [off] = [m for m in at.multiselect if m.label == "Days off"]
    off.set_value([Weekday.SUNDAY])
    [start] = [t for t in at.time_input if t.label == "Session time"]
    start.set_value(time(18, 30))
    click(at, "Create client")
    assert_no_errors(at)
    stored = wiring.storage.find_client_by_name("Tess Tuesday")
    assert stored is not None
    assert stored.profile.training_days == [Weekday.TUESDAY, Weekday.THURSDAY, Weekday.SATURDAY]
    assert stored.profile.days_off == [Weekday.SUNDAY]
    assert stored.profile.session_time == time(18, 30)
    roster = at.dataframe[0].value
    assert list(roster["Week"]) == ["Tue, Thu, Sat at 18:30 · no Sun"]


def test_training_days_that_do_not_match_days_per_week_are_refused_in_words(page, wiring):
    at = page("clients")
    [name] = [t for t in at.text_input if t.label == "Name"]
    name.input("Tess Tuesday")
    [training] = [m for m in at.multiselect if m.label == "Training days"]
    training.set_value([Weekday.TUESDAY, Weekday.THURSDAY])
    click(at, "Create client")
    [error] = texts(at, "error")
    shown = error.replace("\\", "")  # as the browser renders it: markdown escapes drop out
    assert "2 training days are picked (Tue, Thu) but days per week is 4" in shown
    assert wiring.storage.count_clients() == 0


def test_the_plan_page_says_what_a_holiday_changed(page, wiring):
    monday = date.today() - timedelta(days=date.today().weekday()) + timedelta(weeks=1)
    away = {"start": monday + timedelta(days=7), "end": monday + timedelta(days=13)}
    profile = make_profile(name="Hal Holiday", timezone="UTC", unavailable=[away])
    client = ClientRecord(wiring.storage.create_client(profile), profile)
    program_id = wiring.service.create_program(client, 8, monday, OfflineEngine())
    at = page("plan", client_id=str(client.id), program_id=str(program_id), phase_index=0)
    click(at, "Generate preview")
    assert not at.exception
    assert [box.value for box in at.info] == [], "week 1 is shown: it has no time away"
    draft = next(iter(at.session_state["drafts"].values()))
    at.session_state[f"weeks-{draft.preview.mesocycle_id}"] = "Week 2"  # open week 2's tab
    at.run()
    notes = [box.value for box in at.info]
    span = f"{away['start'].day} {away['start']:%b} – {away['end'].day} {away['end']:%b}"
    assert notes == [f"Away {span}: no sessions this week."]
