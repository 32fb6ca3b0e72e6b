"""The Plan page's pieces: the draft held in the session, the grids' columns, problems, confirming."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from bootstrap import Workspace
from core.dates import WEEKDAY_NAMES
from core.errors import PeriodizeError
from core.schemas import MesocycleDetailed, Microcycle, SessionType, Units
from core.service import PhaseSlot, Preview
from core.training_max import TrainingMax
from core.validation import Problem
from ui.editing import GroupedProblems, WeekFrames, path_text
from ui.limits import CELL_CHARS
from ui.markdown import md_escape
from ui.training_max_view import edited_maxes

PROPOSED = "Proposed (kg)"
"""The training-max table's editable column."""

DRAFTS = "drafts"
"""Session-state key: the coach's drafts, one per program phase (``draft_key``)."""


@dataclass
class Draft:
    """A generated preview being reviewed; ``saved_id`` once it was confirmed (then read-only)."""

    preview: Preview
    saved_id: uuid.UUID | None = None
    last_valid: MesocycleDetailed | None = None
    """The preview with the coach's edits as of the last run: a week whose new edit is unusable
    shows (and keeps) this state rather than falling back to the generated plan."""
    editing: Microcycle | None = None
    """The week whose grids are open, as it was when they opened: their edits apply to it."""
    editing_frames: WeekFrames | None = None
    """``editing`` as the grids' two tables, built once when they open (Streamlit holds the edits
    as changes to these tables, so they stay the same while the grids are open)."""
    applied_grids: str = ""
    """Those grids' edits as the last run applied them (Confirm stores that run's preview)."""
    checked_source: MesocycleDetailed | None = None
    """The plan ``checked`` was validated from: a run whose plan equals it reuses ``checked``."""
    checked: Preview | None = None
    """The validator's verdict on ``checked_source`` (the whole phase, edits included)."""

    def __post_init__(self) -> None:
        if self.checked is None:  # a fresh preview comes checked by the service
            self.checked_source, self.checked = self.preview.mesocycle, self.preview


REASONS = "plan-reasons"
"""Session-state key: whether the preview's cards show each exercise's rationale."""


def reasons_toggle() -> bool:
    """The toggle "Why each exercise": the cards' rationales, off until the coach asks (a
    week's reasons are most of what its cards would draw), remembered for the session."""
    st.session_state[REASONS] = st.session_state.get(REASONS, False)  # kept across pages
    return st.toggle(
        "Why each exercise",
        key=REASONS,
        help="Each exercise's rationale: the rule and the figures behind its dose.",
    )


def checked_preview(app: Workspace, draft: Draft, mesocycle: MesocycleDetailed) -> Preview:
    """``mesocycle`` validated as the draft's preview, once per version of the plan: a run that
    changed nothing (a week opened, a grid opened, an edit undone) reuses the last verdict. The
    validator reads only the plan and the draft's fixed client, type and start date."""
    if draft.checked is None or draft.checked_source != mesocycle:
        draft.checked = app.service.revalidate(draft.preview, mesocycle)
        draft.checked_source = mesocycle
    return draft.checked


def draft_key(program_id: uuid.UUID, slot: PhaseSlot) -> str:
    return f"{program_id}:{slot.macrocycle_id}:{slot.order_index}"


def tm_key(key: str) -> str:
    """The training-max table's widget key for the draft ``key``."""
    return f"tm-{key}"


def shown_maxes_key(key: str) -> str:
    """Session-state key: the training maxes the form showed for the draft ``key``, the rows
    its table's edits refer to (Generate reads those, not the logs again)."""
    return f"shown-maxes-{key}"


def maxes_as_edited(proposals: list[TrainingMax], edits: object) -> list[TrainingMax]:
    """The proposals with the coach's numbers from the training-max table's edits as the session
    holds them (``{"edited_rows": {row: {"Proposed (kg)": kg}}}``; the table's rows are fixed),
    read without drawing the table; a cleared or bad cell keeps the proposal (``edited_maxes``)."""
    proposed: list[object] = [proposal.proposed for proposal in proposals]
    rows = edits.get("edited_rows", {}) if isinstance(edits, dict) else {}
    for row, changes in rows.items():
        if not isinstance(changes, dict) or PROPOSED not in changes:
            continue
        try:
            position = int(row)
        except (TypeError, ValueError):
            continue
        if 0 <= position < len(proposed):
            proposed[position] = changes[PROPOSED]
    frame = pd.DataFrame({PROPOSED: pd.Series(proposed, dtype=object)})
    return edited_maxes(proposals, frame)


def drafts() -> dict[str, Draft]:
    """This browser session's drafts (nothing of them is stored until Confirm)."""
    held: dict[str, Draft] = st.session_state.setdefault(DRAFTS, {})
    return held


SESSION_COLUMNS = {
    "session": st.column_config.NumberColumn("#", disabled=True, width="small"),
    "day": st.column_config.SelectboxColumn("Day", options=list(WEEKDAY_NAMES), required=True),
    "session_type": st.column_config.SelectboxColumn(
        "Type", options=[kind.value for kind in SessionType], required=True
    ),
    "title": st.column_config.TextColumn("Title", required=True, max_chars=120),
    "planned_minutes": st.column_config.NumberColumn("Minutes", min_value=0, max_value=600),
    "target_rpe": st.column_config.NumberColumn("Target RPE", min_value=1, max_value=10, step=0.5),
    "notes": st.column_config.TextColumn("Notes", max_chars=1000),
}


def exercise_columns(sessions: int, units: Units | None = None) -> dict[str, Any]:
    """The exercise grid's columns for a week of ``sessions`` workouts, in the client's units."""
    load, distance = (units or Units()).load.value, (units or Units()).distance.value
    return {
        "session": st.column_config.NumberColumn(
            "#", help=f"Session number (1–{sessions})", min_value=1, max_value=sessions, step=1
        ),
        "block": st.column_config.TextColumn(
            "Block", help="e.g. Warm-up, Main, Accessory", max_chars=CELL_CHARS
        ),
        "exercise": st.column_config.TextColumn("Exercise", max_chars=120),
        "sets": st.column_config.NumberColumn("Sets", step=1),
        "reps": st.column_config.TextColumn(
            "Reps", help="6, or a range like 8-10", max_chars=CELL_CHARS
        ),
        "load": st.column_config.TextColumn(
            "Load",
            help=f"{load} ('80 {load}'; the other unit with its suffix) or %1RM ('75%')",
            max_chars=CELL_CHARS,
        ),
        "effort": st.column_config.TextColumn(
            "Effort", help="'RPE 8' or 'RIR 2'", max_chars=CELL_CHARS
        ),
        "rest_seconds": st.column_config.NumberColumn("Rest s", step=15),
        "duration_minutes": st.column_config.NumberColumn("Min", help="timed work, minutes"),
        "distance": st.column_config.NumberColumn(
            distance.capitalize(), help=f"distance work, {distance}"
        ),
        "notes": st.column_config.TextColumn("Notes", max_chars=500),
        "rationale": st.column_config.TextColumn("Rationale", disabled=True),
    }


def show_problems(problems: Iterable[Problem]) -> None:
    """Each problem as an error or a warning box, with where it is in words."""
    for problem in problems:
        where = path_text(problem.path)
        text = md_escape(f"{where}: {problem.message}" if where else problem.message)
        if problem.severity == "error":
            st.error(text, icon="⛔")
        else:
            st.warning(text, icon="⚠️")


def week_problems(grouped: GroupedProblems, micro: Microcycle) -> list[Problem]:
    """A week's problems: the week's own and its sessions'."""
    days = [WEEKDAY_NAMES[workout.date.weekday()] for workout in micro.workouts]
    sessions = [p for day in dict.fromkeys(days) for p in grouped.for_day(micro.week_number, day)]
    return [*grouped.for_week(micro.week_number), *sessions]


def week_problem_count(grouped: GroupedProblems, micro: Microcycle) -> str:
    problems = week_problems(grouped, micro)
    errors = sum(p.severity == "error" for p in problems)
    parts = [f"{errors} error(s)"] if errors else []
    if warnings := len(problems) - errors:
        parts.append(f"{warnings} warning(s)")
    return f"week {micro.week_number}: {', '.join(parts)}"


CONFIRM_ERROR = "_plan_confirm_error"
CONFIRM_IN_BODY = "_plan_confirm_in_body"


def confirm_callback(app: Workspace, draft: Draft, current: Preview, replace: bool) -> None:
    """Confirm's callback: store the preview of the last run, unless an edit came with the click
    (the grids' state is not what that run applied): then the page's body stores."""
    if draft.saved_id is not None:
        return
    if grid_states(draft) != draft.applied_grids:
        st.session_state[CONFIRM_IN_BODY] = True
        return
    try:
        store_draft(app, draft, current, replace)
    except PeriodizeError as error:
        st.session_state[CONFIRM_ERROR] = error


def store_draft(app: Workspace, draft: Draft, current: Preview, replace: bool) -> None:
    # One click, one store: the preview keeps its mesocycle id, so even a second click that
    # slips through stores nothing (the store recognises the id and returns it).
    draft.saved_id = app.service.save(current, replace_existing=replace)
    draft.preview = current  # what was stored, edits included, shown read-only from now


def grid_states(draft: Draft) -> str:
    """The open week's grids as Streamlit holds them (their edits), comparable between runs."""
    if draft.editing is None:
        return ""
    meso_id, week = draft.preview.mesocycle_id, draft.editing.week_number
    states = [
        st.session_state.get(f"{grid}-{meso_id}-{week}") for grid in ("sessions", "exercises")
    ]
    return json.dumps(states, sort_keys=True, default=str)
