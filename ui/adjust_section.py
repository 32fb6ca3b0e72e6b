"""The Workouts page's "Adjust the plan" section: move, copy or remove the chosen session, edit its
week in the preview's grids (same validator, same words), and read the phase's Plan history."""

from __future__ import annotations

import uuid
import zlib
from datetime import date

import streamlit as st

from bootstrap import Workspace
from core.errors import PeriodizeError
from core.plan_changes import Author, PlanChange, copy, move, remove, week_changes
from core.read_models import ClientRecord, MesocycleSummary, WorkoutRecord
from core.schemas import MesocycleDetailed, Microcycle, WorkoutStatus
from ui import shell
from ui.editing import apply_week_edits, group_problems, week_frames
from ui.plan_view import show_problems
from ui.week_grids import week_grid_editors

FLASH = "_workouts_flash"
OPEN = "_adjust_open"


def author(app: Workspace) -> Author:
    return Author(app.coach.id, app.coach.display_name)


def apply(
    app: Workspace, client: ClientRecord, summary: MesocycleSummary, changes: list[PlanChange]
) -> None:
    """Store the changes (one revision each) and rerun with a sentence; a refusal is shown."""
    try:
        app.service.plan.change(client, summary.id, changes, author(app))
    except PeriodizeError as error:
        shell.show_error(error)
        return
    st.session_state[FLASH] = " ".join(shell.md_escape(change.summary) for change in changes)
    st.rerun()


def adjust_section(
    app: Workspace, client: ClientRecord, workout: WorkoutRecord, today: date
) -> None:
    """Shown on request only: it reads the whole saved phase."""
    # Kept in the session, not in the widget: it stays open across the rerun after a change
    # (a keyed widget's state would be dropped with the session list it sat under).
    opened = st.toggle("Adjust the plan", value=bool(st.session_state.get(OPEN)))
    st.session_state[OPEN] = opened
    if not opened:
        return
    summary = app.storage.workout_mesocycle(workout.id)
    first_day = max(today, summary.start_date)
    if first_day > summary.end_date:
        st.caption("This phase is over: nothing in it can be moved or added any more.")
    else:
        session_moves(app, client, summary, workout, first_day)
    plan = app.storage.get_mesocycle(summary.id)
    week_grid(app, client, summary, plan, workout)
    with st.expander("Plan history"):
        revisions = app.service.plan.history(summary.id)
        if not revisions:
            st.caption("No changes since this phase was saved.")
        for revision in reversed(revisions):
            st.caption(
                shell.md_escape(
                    f"{revision.created_at:%d %b %Y %H:%M} UTC · {revision.author} · "
                    f"{revision.summary}"
                )
            )


def session_moves(
    app: Workspace,
    client: ClientRecord,
    summary: MesocycleSummary,
    workout: WorkoutRecord,
    first_day: date,
) -> None:
    scheduled = workout.status == WorkoutStatus.SCHEDULED
    day = st.date_input(
        "Day",
        value=min(max(workout.date, first_day), summary.end_date),
        min_value=first_day,
        max_value=summary.end_date,
        key=f"adjust-day-{workout.id}",
        help="Where to move or copy this session (inside this phase, from today on).",
    )
    if warning := app.service.plan.move_warning(workout, day):
        st.warning(warning, icon="⚠️")
    move_col, copy_col, remove_col = st.columns(3)
    if not scheduled:
        st.caption("This session is logged: it can be copied, but not moved, edited or removed.")
    if move_col.button(
        "Move here", disabled=not scheduled or day == workout.date, key=f"move-{workout.id}"
    ):
        apply(app, client, summary, [move(workout.id, workout.title, workout.date, day)])
    if copy_col.button("Add a copy here", key=f"copy-{workout.id}"):
        apply(app, client, summary, [copy(workout.id, workout.title, workout.date, day)])
    if remove_col.button("Remove this session", disabled=not scheduled, key=f"remove-{workout.id}"):
        apply(app, client, summary, [remove(workout.id, workout.title, workout.date)])


def grid_version(mesocycle_id: uuid.UUID, week: Microcycle) -> str:
    """The grids' key: they start afresh whenever the stored week changes (a move, copy or saved
    edit), since an editor's pending edits belong to the week as it was when they were typed."""
    return f"{mesocycle_id}-{week.week_number}-{zlib.crc32(week.model_dump_json().encode()):x}"


def week_grid(
    app: Workspace,
    client: ClientRecord,
    summary: MesocycleSummary,
    plan: MesocycleDetailed,
    workout: WorkoutRecord,
) -> None:
    """The week as in the preview: sessions and exercises, re-checked on every edit."""
    week = next(
        m
        for m in plan.microcycles
        if m.start_date is not None
        and m.end_date is not None
        and m.start_date <= workout.date <= m.end_date
    )
    units = shell.client_units(app, client)  # the grids read and type loads in the client's units
    frames = week_frames(plan, week.week_number, units)
    version = grid_version(summary.id, week)
    st.caption(
        f"Edit week {week.week_number}: the same grids and checks as the preview. Logged sessions "
        "are kept as they are."
    )
    sessions, exercises = week_grid_editors(
        frames,
        sessions_key=f"adjust-sessions-{version}",
        exercises_key=f"adjust-exercises-{version}",
        sessions=len(week.workouts),
        units=units,
    )
    try:
        edited = apply_week_edits(
            plan,
            week.week_number,
            sessions,
            exercises,
            start_date=summary.start_date,
            units=units,
            profile=client.profile,  # a kg typed in the grid gets its %1RM of this client's 1RM
        )
    except PeriodizeError as error:
        shell.show_error(error)
        return
    # Compared with the untouched grids read back (a distance shown in mi reads back to 5 m),
    # so only what the coach changed counts as a change.
    as_shown = apply_week_edits(
        plan,
        week.week_number,
        frames.sessions,
        frames.exercises,
        start_date=summary.start_date,
        units=units,
        profile=client.profile,
    )
    changes = week_changes(as_shown, edited, week.week_number)
    if not changes:
        return
    problems = group_problems(app.service.plan.problems(client, summary, edited))
    this_week = problems.for_week(week.week_number)
    show_problems(this_week)
    errors = sum(problem.severity == "error" for problem in this_week)
    if errors:
        st.error(f"Fix the {errors} error(s) above to save; warnings don't block saving.")
    if st.button(
        f"Save {len(changes)} change(s) to week {week.week_number}",
        type="primary",
        disabled=bool(errors),
        key=f"adjust-save-{summary.id}-{week.week_number}",
    ):
        apply(app, client, summary, changes)
