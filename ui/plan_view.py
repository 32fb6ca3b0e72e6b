"""The Plan page's pieces: the draft held in the session, the grids' columns, blocks and problems."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from core.dates import WEEKDAY_NAMES
from core.schemas import MesocycleDetailed, Microcycle, SessionType, Units
from core.service import PhaseSlot, Preview
from core.validation import Problem
from ui.editing import path_text
from ui.limits import CELL_CHARS
from ui.markdown import md_escape

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


def draft_key(program_id: uuid.UUID, slot: PhaseSlot) -> str:
    return f"{program_id}:{slot.macrocycle_id}:{slot.order_index}"


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
