"""Plan a phase shows the open week's insights (the quality report's weekly checks), and a coach's
grid edit changes them in the same run."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core.exercises.library import find_exercise
from core.validation.week_insights import BALANCE, HARD_SETS, week_insights
from tests.app.test_pages import assert_no_errors, click, seed_client_and_program
from ui.editing import find_week, week_frames
from ui.week_insights_view import HEADING, insight_markdown

PUSH = ("horizontal_push", "vertical_push")


def _draft(at: AppTest):
    return next(iter(at.session_state["drafts"].values()))


def _shown(at: AppTest) -> list[str]:
    """Every paragraph of the page's markdown (the insights are one element, a line each)."""
    return [line for m in at.markdown for line in m.value.split("\n\n")]


def _expected(at: AppTest, week: int) -> dict[str, str]:
    """Each insight's line as the page should draw it, from the draft as last applied."""
    draft = _draft(at)
    micro = find_week(draft.last_valid, week)
    profile = draft.preview.client.profile
    return {i.check: insight_markdown(i) for i in week_insights(micro, profile)}


def test_the_preview_shows_the_open_weeks_insights(page, wiring) -> None:
    client, _ = seed_client_and_program(wiring)
    at = click(page("plan", client_id=str(client.id), phase_index=0), "Generate preview")
    assert_no_errors(at)
    shown = _shown(at)
    assert HEADING in shown
    expected = _expected(at, 1)
    assert {HARD_SETS, BALANCE} <= expected.keys(), "a lifting week has both"
    assert [line for line in shown if line in expected.values()] == list(expected.values())
    assert any(line.startswith(":green-badge[On target] **Hard sets**") for line in shown)
    meso_id = _draft(at).preview.mesocycle_id
    at.session_state[f"weeks-{meso_id}"] = "Week 2"
    at.run()
    second = _expected(at, 2)
    assert [line for line in _shown(at) if line in second.values()] == list(second.values())


def test_a_grid_edit_changes_the_insights(page, wiring) -> None:
    client, _ = seed_client_and_program(wiring)
    at = click(page("plan", client_id=str(client.id), phase_index=0), "Generate preview")
    draft = _draft(at)
    meso_id = draft.preview.mesocycle_id
    before = _expected(at, 1)
    frame = week_frames(draft.preview.mesocycle, 1).exercises
    pushes = [
        index
        for index, name in enumerate(frame["exercise"])
        if (entry := find_exercise(name)) is not None and entry.pattern in PUSH
    ]
    assert pushes, "week 1 presses"
    at.session_state[f"edit-{meso_id}-1"] = True  # open "Edit week 1"
    at.run()
    at.session_state[f"exercises-{meso_id}-1"] = {
        "edited_rows": {pushes[0]: {"sets": 12}},  # a coach piles sets on one press
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert_no_errors(at)
    after = _expected(at, 1)
    assert after[BALANCE] != before[BALANCE], "more push sets: a new pull:push"
    assert after[BALANCE].startswith(":red-badge[Off target] **Pull:"), after[BALANCE]
    shown = _shown(at)
    assert after[BALANCE] in shown and before[BALANCE] not in shown
    assert after[HARD_SETS] in shown
    # the red insight counts as a warning (never an error): shown once, in the insights
    assert not [w for w in at.warning if "pull sets to" in w.value]
