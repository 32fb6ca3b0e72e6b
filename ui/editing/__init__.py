"""Preview editing: one week of a mesocycle as two tables for ``st.data_editor``, and back.

A week becomes a *sessions* table (one row per workout: day, type, title, minutes, target RPE, notes)
and an *exercises* table (one row per exercise, tied to its session by the session number ``#``).
``apply_week_edits`` rebuilds that week of a ``MesocycleDetailed`` from the edited tables: every
exercise is rebuilt from its row (so renames, added and deleted rows need no diffing) and matched,
by the row's index label, to the exercise it was drawn from for what the Load cell cannot show (an
unchanged load keeps its %1RM; a typed kg gets its % of the client's 1RM), workouts keep their ids
(a re-confirm is still recognised), and bad input raises ``InvalidPlan`` listing every bad cell
with a path a coach can read ("week 2 › Thu › Back Squat: …").

Modules: ``tables`` (week → tables), ``cells`` (cell text → field values), ``rows`` (an edited row
against its original: the %1RM), ``apply`` (edited tables → week) and ``review`` (problem paths and
headings for the page). Every name is re-exported here.

Pure: no Streamlit, no database.
"""

from ui.editing.apply import DEFAULT_BLOCK, apply_all_edits, apply_week_edits, week_range, with_week
from ui.editing.cells import parse_effort, parse_load, parse_reps, parse_weekday
from ui.editing.review import (
    SEP,
    GroupedProblems,
    group_problems,
    path_day,
    path_text,
    path_week,
    session_heading,
    target_summary,
)
from ui.editing.tables import (
    EXERCISE_COLUMNS,
    SESSION_COLUMNS,
    WeekFrames,
    exercises_frame,
    find_week,
    format_effort,
    format_load,
    format_reps,
    sessions_frame,
    week_frames,
    weekday_name,
)

__all__ = [
    "DEFAULT_BLOCK",
    "EXERCISE_COLUMNS",
    "SEP",
    "SESSION_COLUMNS",
    "GroupedProblems",
    "WeekFrames",
    "apply_all_edits",
    "apply_week_edits",
    "exercises_frame",
    "find_week",
    "format_effort",
    "format_load",
    "format_reps",
    "group_problems",
    "parse_effort",
    "parse_load",
    "parse_reps",
    "parse_weekday",
    "path_day",
    "path_text",
    "path_week",
    "session_heading",
    "sessions_frame",
    "target_summary",
    "week_frames",
    "week_range",
    "weekday_name",
    "with_week",
]
