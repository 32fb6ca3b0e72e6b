"""Plan a phase sends one week at a time: only the open tab is drawn, its grids only once "Edit
week" is open, and an edit made in one week survives opening another week and coming back."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core.schemas import WorkoutStatus
from tests.app.test_pages import assert_no_errors, click, seed_client_and_program
from ui.editing import session_heading
from ui.markdown import md_escape


def _open_week(at: AppTest, meso_id: object, label: str) -> AppTest:
    at.session_state[f"weeks-{meso_id}"] = label  # the tab a coach clicks
    return at.run()


def _first_lines(at: AppTest) -> list[str]:
    """Each markdown element's first paragraph (a session card's is its heading)."""
    return [m.value.split("\n\n")[0] for m in at.markdown]


def _draft(at: AppTest):  # type: ignore[no-untyped-def]
    return next(iter(at.session_state["drafts"].values()))


def test_only_the_open_weeks_sessions_are_drawn(page, wiring) -> None:  # type: ignore[no-untyped-def]
    client, _ = seed_client_and_program(wiring)
    at = click(page("plan", client_id=str(client.id), phase_index=0), "Generate preview")
    assert_no_errors(at)
    meso, meso_id = _draft(at).preview.mesocycle, _draft(at).preview.mesocycle_id
    first, second = meso.microcycles[0], meso.microcycles[1]
    cards = {
        f"**{md_escape(session_heading(w))}**": m.week_number
        for m in meso.microcycles
        for w in m.workouts
    }
    shown = [cards[line] for line in _first_lines(at) if line in cards]
    assert shown == [first.week_number] * len(first.workouts), "the cards of week 1 only"
    assert not at.data_editor, "no grids until Edit week is opened"
    at = _open_week(at, meso_id, "Week 2")
    shown = [cards[line] for line in _first_lines(at) if line in cards]
    assert shown == [second.week_number] * len(second.workouts), "then week 2's only"
    captions = [c.value for c in at.caption]
    assert any(f"{second.start_date:%a %d %b}" in c for c in captions), captions
    assert not any(f"{first.start_date:%a %d %b} –" in c for c in captions), captions


def test_an_edit_survives_opening_another_week_and_is_saved(page, wiring) -> None:  # type: ignore[no-untyped-def]
    client, _ = seed_client_and_program(wiring)
    at = click(page("plan", client_id=str(client.id), phase_index=0), "Generate preview")
    meso_id = _draft(at).preview.mesocycle_id
    at.session_state[f"edit-{meso_id}-1"] = True  # open "Edit week 1"
    at.run()
    at.session_state[f"exercises-{meso_id}-1"] = {
        "edited_rows": {0: {"notes": "week one note"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert any("week one note" in m.value for m in at.markdown), "the card shows the edit"
    at = _open_week(at, meso_id, "Week 2")  # week 1's grids are gone from the page
    assert_no_errors(at)
    assert not any("week one note" in m.value for m in at.markdown), "week 2 is shown"
    at = _open_week(at, meso_id, "Week 1")
    assert any("week one note" in m.value for m in at.markdown), "the edit was kept"
    click(at, "Confirm and save")
    assert_no_errors(at)
    stored = wiring.storage.workouts_for_client(client.id)
    first = min(stored, key=lambda w: (w.date, w.day_slot))
    assert first.blocks[0]["exercises"][0]["notes"] == "week one note"
    assert all(w.status == WorkoutStatus.SCHEDULED for w in stored)


def test_an_edit_that_arrives_with_the_confirm_click_is_stored(page, wiring) -> None:  # type: ignore[no-untyped-def]
    """Confirm stores in its callback what the last run showed, unless a grid edit came in the
    same request: then the page applies it and stores that (nothing the coach typed is lost)."""
    client, _ = seed_client_and_program(wiring)
    at = click(page("plan", client_id=str(client.id), phase_index=0), "Generate preview")
    meso_id = _draft(at).preview.mesocycle_id
    at.session_state[f"edit-{meso_id}-1"] = True
    at.run()
    at.session_state[f"exercises-{meso_id}-1"] = {
        "edited_rows": {0: {"notes": "typed just before confirm"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at = click(at, "Confirm and save")  # the edit and the click in one run
    assert_no_errors(at)
    assert any(s.value.startswith("Saved") for s in at.success)
    stored = wiring.storage.workouts_for_client(client.id)
    first = min(stored, key=lambda w: (w.date, w.day_slot))
    assert first.blocks[0]["exercises"][0]["notes"] == "typed just before confirm"
