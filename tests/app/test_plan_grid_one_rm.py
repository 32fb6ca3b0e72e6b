"""Plan a phase: an edit in a week's grids keeps the %1RM of every main lift the coach did not
touch, and a kg the coach types gets the %1RM of the client's 1RM for that lift."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core.exercises.library import find_exercise
from core.validation.measures import estimated_one_rep_max
from tests.app.test_pages import assert_no_errors, click, seed_client_and_program
from ui.editing import find_week
from ui.editing.rows import drawn_exercises


def _draft(at: AppTest):
    return next(iter(at.session_state["drafts"].values()))


def _week_one(at: AppTest):
    """Week 1's exercises as the page last applied them (edits included), in grid row order."""
    return drawn_exercises(find_week(_draft(at).last_valid, 1))


def _generated_week_one(at: AppTest):
    """Week 1's exercises as generated, before the grids were opened."""
    return drawn_exercises(find_week(_draft(at).preview.mesocycle, 1))


def _main_rows(exercises) -> list[int]:
    return [
        row
        for row, exercise in enumerate(exercises)
        if exercise.pct_one_rm is not None and exercise.load_kg is not None
    ]


def _open_week_one(page, wiring) -> tuple[AppTest, str]:
    client, _ = seed_client_and_program(wiring)
    at = click(page("plan", client_id=str(client.id), phase_index=0), "Generate preview")
    meso_id = _draft(at).preview.mesocycle_id
    at.session_state[f"edit-{meso_id}-1"] = True  # open "Edit week 1"
    at.run()
    assert_no_errors(at)
    return at, f"exercises-{meso_id}-1"


def _edit(at: AppTest, key: str, row: int, cells: dict[str, object]) -> None:
    at.session_state[key] = {"edited_rows": {row: cells}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert_no_errors(at)


def test_one_cell_edit_keeps_every_other_main_lifts_pct(page, wiring) -> None:
    at, key = _open_week_one(page, wiring)
    before = _generated_week_one(at)
    mains = _main_rows(before)
    assert len(mains) >= 3, "week 1 has main lifts loaded in kg and %1RM"
    edited = mains[0]
    _edit(at, key, edited, {"sets": before[edited].sets + 1})
    after = _week_one(at)
    assert after[edited].sets == before[edited].sets + 1, "the edit is applied"
    assert [(e.name, e.load_kg, e.pct_one_rm) for e in after] == [
        (e.name, e.load_kg, e.pct_one_rm) for e in before
    ], "every load and %1RM as generated, the edited row's too"


def test_a_new_kg_gets_its_pct(page, wiring) -> None:
    at, key = _open_week_one(page, wiring)
    before = _generated_week_one(at)
    row = _main_rows(before)[1]
    lift = before[row]
    entry = find_exercise(lift.name)
    assert entry is not None
    known = estimated_one_rep_max(_draft(at).preview.client.profile, entry)
    assert known is not None
    load = (lift.load_kg or 0) + 5
    _edit(at, key, row, {"load": f"{load:g} kg"})
    after = _week_one(at)
    assert after[row].load_kg == load
    assert after[row].pct_one_rm == round(load / known[0] * 100, 1) != lift.pct_one_rm
    others = [(e.load_kg, e.pct_one_rm) for i, e in enumerate(after) if i != row]
    assert others == [(e.load_kg, e.pct_one_rm) for i, e in enumerate(before) if i != row]
