"""The Workouts page's "Adjust the plan": move, copy, remove, edit the week in the grid, the history."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from streamlit.testing.v1 import AppTest

from core.exercises.library import find_exercise
from core.schemas import UnitChoice, WorkoutStatus
from core.units import KG_PER_LB, LoadUnit
from core.validation.measures import estimated_one_rep_max
from tests.app.test_pages import _save_first_phase, click, seed_client_and_program, texts
from ui.adjust_section import grid_version
from ui.editing import find_week
from ui.editing.rows import drawn_exercises


def _open(page, wiring, weeks_ahead: int = 1):  # type: ignore[no-untyped-def]
    client, program_id = seed_client_and_program(wiring)  # starts next Monday
    _save_first_phase(wiring, client, program_id)
    monday = date.today() - timedelta(days=date.today().weekday()) + timedelta(weeks=weeks_ahead)
    at = page("workouts", client_id=str(client.id), _workouts_week=monday)
    [toggle] = [t for t in at.toggle if t.label == "Adjust the plan"]
    toggle.set_value(True)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return client, at


def _chosen(at: AppTest) -> uuid.UUID:
    return uuid.UUID(at.selectbox[1].value)


def test_a_session_is_moved_and_the_history_says_so(page, wiring):
    _, at = _open(page, wiring)
    chosen = wiring.storage.get_workout(_chosen(at))
    target = chosen.date + timedelta(days=1)
    [day] = [d for d in at.date_input if d.label == "Day"]
    day.set_value(target)
    at.run()
    click(at, "Move here")
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert wiring.storage.get_workout(chosen.id).date == target
    summary = wiring.storage.workout_mesocycle(chosen.id)
    [revision] = wiring.storage.plan_revisions(summary.id)
    assert revision.summary == (
        f"Moved '{chosen.title}' from {chosen.date:%a %d %b} to {target:%a %d %b}."
    )
    assert revision.author == wiring.coach.display_name


def test_a_copy_is_added_and_a_session_removed(page, wiring):
    client, at = _open(page, wiring)
    chosen = wiring.storage.get_workout(_chosen(at))
    before = len(wiring.storage.workouts_for_client(client.id))
    click(at, "Add a copy here")
    assert not at.error, [e.value for e in at.error]
    assert len(wiring.storage.workouts_for_client(client.id)) == before + 1
    copies = [w for w in wiring.storage.workouts_for_client(client.id) if w.date == chosen.date]
    assert [w.title for w in copies] == [chosen.title, chosen.title]
    click(at, "Remove this session")
    assert not at.error, [e.value for e in at.error]
    remaining = wiring.storage.workouts_for_client(client.id)
    assert len(remaining) == before
    assert [w.title for w in remaining if w.date == chosen.date] == [chosen.title]
    assert chosen.id not in {w.id for w in remaining}
    summary = wiring.storage.workout_mesocycle(remaining[0].id)
    kinds = [r.kind.value for r in wiring.storage.plan_revisions(summary.id)]
    assert kinds == ["add", "remove"]


def test_an_edit_in_the_week_grid_is_checked_and_saved_as_a_revision(page, wiring):
    _, at = _open(page, wiring)
    chosen = wiring.storage.get_workout(_chosen(at))
    summary = wiring.storage.workout_mesocycle(chosen.id)
    plan = wiring.storage.get_mesocycle(summary.id)
    week = next(m for m in plan.microcycles if any(w.id == chosen.id for w in m.workouts))
    first = week.workouts[0]
    key = f"adjust-exercises-{grid_version(summary.id, week)}"
    at.session_state[key] = {
        "edited_rows": {0: {"load": "-20 kg"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert any("load cannot be negative" in e for e in texts(at, "error"))
    assert wiring.storage.plan_revisions(summary.id) == []
    at.session_state[key] = {
        "edited_rows": {0: {"sets": 2, "notes": "easy on the knees"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    click(at, f"Save 1 change(s) to week {week.week_number}")
    assert not at.error, [e.value for e in at.error]
    stored = wiring.storage.get_workout(first.id).blocks[0]["exercises"][0]
    assert (stored["sets"], stored["notes"]) == (2, "easy on the knees")
    [revision] = wiring.storage.plan_revisions(summary.id)
    assert revision.summary == f"Edited '{first.title}' on {first.date:%a %d %b}: exercises."
    assert revision.before is not None and revision.after is not None
    assert revision.before["blocks"] != revision.after["blocks"]


def test_a_logged_session_offers_only_a_copy(page, wiring):
    client, program_id = seed_client_and_program(
        wiring, start=date.today() - timedelta(days=date.today().weekday(), weeks=1)
    )
    _save_first_phase(wiring, client, program_id)
    first = next(
        w for w in wiring.storage.workouts_for_client(client.id) if w.session_type != "rest"
    )
    wiring.service.mark_workout(first.id, WorkoutStatus.COMPLETED, 7, 60)
    monday = first.date - timedelta(days=first.date.weekday())
    at = page("workouts", client_id=str(client.id), _workouts_week=monday)
    at.selectbox[1].set_value(str(first.id))
    at.run()
    [toggle] = [t for t in at.toggle if t.label == "Adjust the plan"]
    toggle.set_value(True)
    at.run()
    buttons = {b.label: b.disabled for b in at.button}
    assert buttons["Move here"] and buttons["Remove this session"]
    assert not buttons["Add a copy here"]
    assert any("can be copied, but not moved" in c for c in texts(at, "caption"))


def test_the_week_grid_reads_and_types_loads_in_the_clients_pounds(page, wiring):
    client, _ = _open(page, wiring)
    pounds = client.profile.model_copy(update={"units": UnitChoice(load=LoadUnit.LB)})
    wiring.storage.update_client(client.id, pounds)
    at = page("workouts", client_id=str(client.id), _workouts_week=_next_monday())
    [toggle] = [t for t in at.toggle if t.label == "Adjust the plan"]
    toggle.set_value(True)
    at.run()
    chosen = wiring.storage.get_workout(_chosen(at))
    summary = wiring.storage.workout_mesocycle(chosen.id)
    plan = wiring.storage.get_mesocycle(summary.id)
    week = next(m for m in plan.microcycles if any(w.id == chosen.id for w in m.workouts))
    [_sessions, exercises] = at.data_editor
    loads = [str(load) for load in exercises.value["load"] if load]
    assert loads and all(load.endswith(" lb") for load in loads), loads
    row = next(i for i, load in enumerate(exercises.value["load"]) if str(load).endswith(" lb"))
    at.session_state[f"adjust-exercises-{grid_version(summary.id, week)}"] = {
        "edited_rows": {row: {"load": "185 lb"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    click(at, f"Save 1 change(s) to week {week.week_number}")
    assert not at.error, [e.value for e in at.error]
    stored = wiring.storage.get_mesocycle(summary.id)
    kgs = [e.load_kg for w in stored.workouts() for e in w.exercises if e.load_kg]
    assert any(abs(kg - 185 * KG_PER_LB) < 1e-6 for kg in kgs)


def _next_monday() -> date:
    return date.today() - timedelta(days=date.today().weekday()) + timedelta(weeks=1)


def test_a_grid_edit_keeps_the_weeks_pct_and_a_new_kg_gets_its_own(page, wiring):
    client, at = _open(page, wiring)
    chosen = wiring.storage.get_workout(_chosen(at))
    summary = wiring.storage.workout_mesocycle(chosen.id)
    plan = wiring.storage.get_mesocycle(summary.id)
    week = next(m for m in plan.microcycles if any(w.id == chosen.id for w in m.workouts))
    rows = drawn_exercises(week)
    loaded = [i for i, e in enumerate(rows) if e.pct_one_rm is not None and e.load_kg]
    assert len(loaded) >= 3, "the week's main lifts have a kg and a %1RM"
    touched, retyped = loaded[0], loaded[1]
    one_rm = estimated_one_rep_max(client.profile, find_exercise(rows[retyped].name))
    assert one_rm is not None
    new_kg = (rows[retyped].load_kg or 0) + 5
    at.session_state[f"adjust-exercises-{grid_version(summary.id, week)}"] = {
        "edited_rows": {
            touched: {"sets": rows[touched].sets + 1},
            retyped: {"load": f"{new_kg:g}"},
        },
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.error, [e.value for e in at.error]
    [save] = [b for b in at.button if b.label.startswith("Save ")]
    save.click()
    at.run()
    assert not at.error, [e.value for e in at.error]
    stored = drawn_exercises(find_week(wiring.storage.get_mesocycle(summary.id), week.week_number))
    assert stored[touched].sets == rows[touched].sets + 1
    assert (stored[retyped].load_kg, stored[retyped].pct_one_rm) == (
        new_kg,
        round(new_kg / one_rm[0] * 100, 1),
    )
    kept = [(e.name, e.load_kg, e.pct_one_rm) for i, e in enumerate(stored) if i != retyped]
    assert kept == [(e.name, e.load_kg, e.pct_one_rm) for i, e in enumerate(rows) if i != retyped]
