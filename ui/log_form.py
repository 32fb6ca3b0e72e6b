"""One session's prescription and its logging form, shared by the coach's Workouts page and the
client's own link (ui/client_view.py): done as planned or skipped in one click each, set by set
once "Log set by set" is switched on (the grid, its form and the log's history are drawn only then).

The form is an ``st.fragment``: a save reruns the form alone (the session read again, its message
shown inside it), not the page around it; the week's cards and counts catch up on the page's next
run. Under a full run (AppTest, or the page's own rerun) a save reruns the page as before.
"""

from __future__ import annotations

import threading
from datetime import date

import streamlit as st
from pydantic import ValidationError

from bootstrap import Workspace
from core.read_models import WorkoutRecord
from core.schemas import Units, WorkoutStatus
from core.service import LOGGED_BY_CLIENT, LOGGED_BY_COACH
from core.session_log import MAX_SESSION_MINUTES, NOTE_CHARS, SessionLog, planned_sets
from ui import page_data
from ui.blocks import block_markdown, stored_blocks
from ui.calendar_view import workout_label
from ui.log_view import SessionView, results_from_frame, set_grid
from ui.markdown import md_escape
from ui.shell import flash, page_edge, show_error


def show_prescription(
    workout: WorkoutRecord, units: Units, prescription: list[str] | None = None
) -> None:
    """The saved plan of one session: each exercise as prescribed, with its rationale
    (``prescription``: its blocks' markdown, when the caller has them already)."""
    if prescription is None:
        blocks = [block for block in stored_blocks(workout) if block.exercises]
        prescription = [block_markdown(block, units) for block in blocks]
    if not prescription:
        st.caption("No exercises in this session.")
    else:  # one element: the blocks read the same joined as drawn one by one
        st.markdown("\n\n".join(prescription))
    if workout.notes:
        st.caption(md_escape(f"Notes: {workout.notes}"))


BY_SET_KEY = "_log_by_set"
"""Prefix of a session's "Log set by set" toggle (its session-state key ends in the workout id)."""

_page_run = threading.local()
"""``active`` while the page's own run draws the form; Streamlit reruns the fragment alone
without passing through ``log_section``."""


def _fragment_run() -> bool:
    """Whether this run is the form's own (a click inside it), not the whole page's."""
    return not getattr(_page_run, "active", False)


def _rerun_form() -> None:
    """After a save: rerun the form alone when only it is running, else the page."""
    st.rerun(scope="fragment" if _fragment_run() else "app")


def log_section(
    app: Workspace,
    workout: WorkoutRecord,
    today: date,
    units: Units,
    *,
    flash_key: str,
    logged_by: str = LOGGED_BY_COACH,
    view: SessionView | None = None,
) -> None:
    """Log the session: done as planned in one click, or set by set; its history on request.
    The coach's Workouts page and the client's own link draw the same form (``logged_by``
    says which of them saved it); loads and distances in the client's ``units``. ``view``: the
    session as the page has it cached (``page_data.session_view``), else built here."""
    st.markdown("**Log it**")
    if workout.date > today:
        st.info(
            f"This session is on {workout.date:%a %d %b}: it can be logged from that day on "
            f"(today is {today:%a %d %b} for the client)."
        )
        return
    _page_run.active = True
    try:
        _log_fragment(app, workout, units, flash_key, logged_by, view)
    finally:
        _page_run.active = False


@st.fragment
def _log_fragment(
    app: Workspace,
    workout: WorkoutRecord,
    units: Units,
    flash_key: str,
    logged_by: str,
    view: SessionView | None,
) -> None:
    """The form itself. On the fragment's own runs the arguments are those of the page's last
    run, so the session is read again (and its sets, when its log changed: one statement more),
    and the save's message is shown here rather than at the top of the page."""
    if _fragment_run():
        workout = app.storage.get_workout(workout.id)
        flash(flash_key)
        view = None  # the page's view is of the session as it was
    if view is None:
        view = page_data.session_view(app, workout, None, units)
    with page_edge():
        _log_form(app, workout, view, units, flash_key, logged_by)


def _log_form(
    app: Workspace,
    workout: WorkoutRecord,
    view: SessionView,
    units: Units,
    flash_key: str,
    logged_by: str,
) -> None:
    if workout.status != WorkoutStatus.SCHEDULED and workout.logged_by:
        who = "the client" if workout.logged_by == LOGGED_BY_CLIENT else "the coach"
        st.caption(f"Logged by {who}.")
    if view.done is not None:
        st.dataframe(view.done, hide_index=True, width="stretch")
    if workout.status == WorkoutStatus.SCHEDULED:
        _one_click(app, workout, view, flash_key, logged_by)
    # The grid, its form and their widgets cost a run more than the rest of the page's session
    # part together (the grid alone: the frame copied, sent as Arrow, its column config): drawn
    # once the coach asks for them, kept open for this session (a save reruns with it open).
    if not st.toggle(
        "Log set by set",
        key=f"{BY_SET_KEY}-{workout.id}",
        help="Each set's reps, load and effort, the session's RPE, minutes and a note; "
        "a log set back to scheduled; the log's history",
    ):
        return
    _set_by_set(app, workout, view, units, flash_key, logged_by)
    if workout.logged_by and st.toggle("Show the log's history", key=f"history-{workout.id}"):
        for revision in app.storage.log_revisions(workout.id):
            st.caption(
                f"{revision.created_at:%d %b %Y %H:%M} UTC · by {revision.logged_by} · "
                f"{revision.log.status.value}"
                + (f", RPE {revision.log.session_rpe:g}" if revision.log.session_rpe else "")
                + (f", {revision.log.minutes} min" if revision.log.minutes else "")
                + f", {len(revision.log.sets)} sets"
            )


def _one_click(
    app: Workspace, workout: WorkoutRecord, view: SessionView, flash_key: str, logged_by: str
) -> None:
    """A scheduled session done as planned, or skipped: one click each."""
    done_column, skip_column = st.columns(2)
    if done_column.button(
        "Done as planned",
        help="Every set as prescribed, the planned minutes and target RPE",
        key=f"done-{workout.id}",  # the client's page shows several sessions at once
        width="stretch",
    ):
        done = SessionLog(
            status=WorkoutStatus.COMPLETED,
            session_rpe=workout.target_rpe,
            minutes=workout.planned_minutes or None,
            sets=planned_sets(view.planned),
        )
        save_log(app, workout, done, flash_key, logged_by)
    if skip_column.button(
        "Mark skipped",
        help="The session was not trained",
        key=f"skip-{workout.id}",
        width="stretch",
    ):
        save_log(app, workout, SessionLog(status=WorkoutStatus.SKIPPED), flash_key, logged_by)


def _set_by_set(
    app: Workspace,
    workout: WorkoutRecord,
    view: SessionView,
    units: Units,
    flash_key: str,
    logged_by: str,
) -> None:
    """The full log: status, session RPE, minutes, a note and every set as done."""
    planned = view.planned
    with st.form(f"log-{workout.id}"):
        statuses = [WorkoutStatus.COMPLETED, WorkoutStatus.SKIPPED, WorkoutStatus.SCHEDULED]
        status = st.radio(
            "Status",
            statuses,
            index=statuses.index(workout.status)
            if workout.status != WorkoutStatus.SCHEDULED
            else 0,
            format_func=lambda s: {"completed": "Completed", "skipped": "Skipped"}.get(
                s.value, "Scheduled (undo)"
            ),
            horizontal=True,
        )
        left, right = st.columns(2)
        rpe = left.number_input(
            "Session RPE (1–10)",
            min_value=1.0,
            max_value=10.0,
            step=0.5,
            value=float(workout.session_rpe or workout.target_rpe or 7),
            help="How hard the whole session felt (CR-10); used only for a completed session.",
        )
        minutes = right.number_input(
            "Minutes",
            min_value=0,
            max_value=MAX_SESSION_MINUTES,
            step=5,
            value=int(workout.actual_minutes or workout.planned_minutes or 60),
        )
        note = st.text_input("Note", value=workout.log_note or "", max_chars=NOTE_CHARS)
        st.caption(
            "Sets as done (prefilled from the plan; + adds a set, tick rows to remove them). "
            "An exercise done instead of the planned one needs a swap reason."
        )
        grid = st.data_editor(
            view.grid,
            key=f"sets-{workout.id}",
            column_config=set_grid(units),
            hide_index=True,
            placeholder="",
            num_rows="dynamic",
            width="stretch",
        )
        save = st.form_submit_button("Save", type="primary")
    if not save:
        return
    if status == WorkoutStatus.SCHEDULED:
        app.service.mark_workout(workout.id, status)
        st.session_state[flash_key] = f"{md_escape(workout_label(workout))}: back to scheduled."
        _rerun_form()
    sets, errors = results_from_frame(grid, planned, units)
    if errors:
        st.error("Please fix the sets:\n\n" + "\n".join(f"- {md_escape(e)}" for e in errors))
        return
    completed = status == WorkoutStatus.COMPLETED
    try:
        log = SessionLog(
            status=status,
            session_rpe=float(rpe) if completed else None,
            minutes=int(minutes) if completed else None,
            note=note or None,
            sets=sets if completed else [],
        )
    except ValidationError as error:
        show_error(error)
        return
    save_log(app, workout, log, flash_key, logged_by)


def save_log(
    app: Workspace, workout: WorkoutRecord, log: SessionLog, flash_key: str, logged_by: str
) -> None:
    app.service.log_session(workout.id, log, logged_by=logged_by)
    detail = (
        f" (RPE {log.session_rpe:g}, {log.minutes} min)" if log.session_rpe and log.minutes else ""
    )
    sets = f", {len(log.sets)} sets" if log.sets else ""
    st.session_state[flash_key] = (
        f"{md_escape(workout_label(workout))}: {log.status.value}{detail}{sets}."
    )
    _rerun_form()
