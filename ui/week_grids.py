"""One week's two editing grids (sessions, then exercises), as the preview and the saved plan's
"Adjust the plan" both draw them: the same columns, the same units, the same rules for rows."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.schemas import Units
from ui.editing.tables import WeekFrames
from ui.plan_view import SESSION_COLUMNS, exercise_columns


def week_grid_editors(
    frames: WeekFrames, *, sessions_key: str, exercises_key: str, sessions: int, units: Units
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The edited (sessions, exercises) tables: sessions fixed in number, exercises rows added or
    deleted; loads and distances in ``units``. The exercises keep the index labels of ``frames``
    (hidden, not reset): ``apply_week_edits`` matches each row to its original by its label."""
    edited_sessions = st.data_editor(
        frames.sessions,
        key=sessions_key,
        column_config=SESSION_COLUMNS,
        hide_index=True,
        placeholder="",
        num_rows="fixed",
        width="stretch",
    )
    edited_exercises = st.data_editor(
        frames.exercises,
        key=exercises_key,
        column_config=exercise_columns(sessions, units),
        hide_index=True,
        placeholder="",
        num_rows="dynamic",
        width="stretch",
    )
    return edited_sessions, edited_exercises
