"""Workouts: the client's week day by day, each session's saved prescription, and logging it.

A rerun reads the selected week's workouts only; the week picker's list of weeks comes from
``page_data.calendar``, read again only after a phase is saved, replaced or removed.
"""

from __future__ import annotations

from datetime import date

import streamlit as st
from pydantic import ValidationError

from bootstrap import Workspace
from core.load.compliance import week_counts
from core.read_models import WorkoutRecord, WorkoutsStamp
from core.schemas import WorkoutStatus
from core.session_log import MAX_SESSION_MINUTES, NOTE_CHARS, SessionLog, planned_sets
from ui import page_data, shell
from ui.adjust_section import adjust_section
from ui.blocks import block_markdown, stored_blocks
from ui.calendar_view import (
    default_week,
    week_label,
    week_table,
    workout_label,
)
from ui.log_view import SET_GRID, planned_vs_done, results_from_frame, sets_frame
from ui.week_view import TYPE_ICONS, DayColumn, week_columns

FLASH = "_workouts_flash"
WEEK_KEY = "_workouts_week"


def show_week(columns: list[DayColumn]) -> None:
    """Seven day columns, each session a card: type, title, minutes, status."""
    for box, column in zip(st.columns(7), columns, strict=True):
        with box:
            st.markdown(f"**{column.heading}**")
            if not column.cards:
                st.caption("—")
            for card in column.cards:
                with st.container(border=True):
                    icon = TYPE_ICONS.get(card.session_type, "")
                    st.markdown(f"{icon} **{shell.md_escape(card.title)}**")
                    st.caption(" · ".join(part for part in (card.minutes, card.status) if part))


def show_prescription(workout: WorkoutRecord) -> None:
    """The saved plan of one session: each exercise as prescribed, with its rationale."""
    blocks = [block for block in stored_blocks(workout) if block.exercises]
    if not blocks:
        st.caption("No exercises in this session.")
    for block in blocks:
        st.markdown(block_markdown(block))
    if workout.notes:
        st.caption(shell.md_escape(f"Notes: {workout.notes}"))


def log_section(app: Workspace, workout: WorkoutRecord, today: date, stamp: WorkoutsStamp) -> None:
    """Log the session: done as planned in one click, or set by set; its history on request."""
    st.markdown("**Log it**")
    if workout.date > today:
        st.info(
            f"This session is on {workout.date:%a %d %b}: it can be logged from that day on "
            f"(today is {today:%a %d %b} for the client)."
        )
        return
    planned = [exercise for block in stored_blocks(workout) for exercise in block.exercises]
    logged = page_data.session_sets(app, workout, stamp)
    if workout.status == WorkoutStatus.COMPLETED:
        st.dataframe(planned_vs_done(planned, logged), hide_index=True, width="stretch")
    if workout.status == WorkoutStatus.SCHEDULED and st.button(
        "Done as planned", help="Every set as prescribed, the planned minutes and target RPE"
    ):
        done = SessionLog(
            status=WorkoutStatus.COMPLETED,
            session_rpe=workout.target_rpe,
            minutes=workout.planned_minutes or None,
            sets=planned_sets(planned),
        )
        save_log(app, workout, done)
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
            sets_frame(logged or planned_sets(planned)),
            key=f"sets-{workout.id}",
            column_config=SET_GRID,
            hide_index=True,
            placeholder="",
            num_rows="dynamic",
            width="stretch",
        )
        save = st.form_submit_button("Save", type="primary")
    if save:
        if status == WorkoutStatus.SCHEDULED:
            app.service.mark_workout(workout.id, status)
            st.session_state[FLASH] = (
                f"{shell.md_escape(workout_label(workout))}: back to scheduled."
            )
            st.rerun()
        sets, errors = results_from_frame(grid, planned)
        if errors:
            st.error(
                "Please fix the sets:\n\n" + "\n".join(f"- {shell.md_escape(e)}" for e in errors)
            )
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
            shell.show_error(error)
            return
        save_log(app, workout, log)
    if workout.logged_by and st.toggle("Show the log's history", key=f"history-{workout.id}"):
        for revision in app.storage.log_revisions(workout.id):
            st.caption(
                f"{revision.created_at:%d %b %Y %H:%M} UTC · by {revision.logged_by} · "
                f"{revision.log.status.value}"
                + (f", RPE {revision.log.session_rpe:g}" if revision.log.session_rpe else "")
                + (f", {revision.log.minutes} min" if revision.log.minutes else "")
                + f", {len(revision.log.sets)} sets"
            )


def save_log(app: Workspace, workout: WorkoutRecord, log: SessionLog) -> None:
    app.service.log_session(workout.id, log)
    detail = (
        f" (RPE {log.session_rpe:g}, {log.minutes} min)" if log.session_rpe and log.minutes else ""
    )
    sets = f", {len(log.sets)} sets" if log.sets else ""
    st.session_state[FLASH] = (
        f"{shell.md_escape(workout_label(workout))}: {log.status.value}{detail}{sets}."
    )
    st.rerun()


app, client = shell.client_page("Workouts")
shell.flash(FLASH)

with shell.page_edge():
    today = shell.client_today(client)
    stamp = app.storage.workouts_stamp(client.id)
    if not stamp.count:
        st.info(
            f"{shell.md_escape(client.name)} has no saved sessions yet: plan and confirm a phase first."
        )
        shell.link("plan", "Plan a phase →", ":material/edit_calendar:")
        st.stop()

    weeks = page_data.calendar(app, client.id, stamp)
    remembered = st.session_state.get(WEEK_KEY)
    start = remembered if remembered in weeks else default_week(weeks, today)
    assert start is not None  # the client has stored workouts, so at least one week
    monday = st.selectbox(
        "Week",
        weeks,
        index=weeks.index(start),
        format_func=lambda value: week_label(value, today),
    )
    st.session_state[WEEK_KEY] = monday
    this_week = page_data.week(app, client.id, stamp, monday)
    if not this_week:  # removed since the list of weeks was read
        st.info("No sessions this week any more: pick another week.")
        st.session_state.pop(WEEK_KEY, None)
        st.stop()
    counts = week_counts(monday, this_week, today)
    done, skipped, missed, upcoming, compliance = st.columns(5)
    done.metric("Completed", counts.completed)
    skipped.metric("Skipped", counts.skipped)
    missed.metric("Missed", counts.missed)
    upcoming.metric("Upcoming", counts.upcoming)
    compliance.metric(
        "Compliance", "—" if counts.compliance is None else f"{counts.compliance:.0%}"
    )
    show_week(week_columns(this_week, monday, today))
    with st.expander("The week as a table"):
        st.dataframe(
            week_table(this_week, today),
            hide_index=True,
            width="stretch",
            placeholder="",  # nothing logged yet reads blank, not "None"
            column_config={
                "Planned min": st.column_config.NumberColumn(format="%d"),
                "Actual min": st.column_config.NumberColumn(format="%d"),
            },
        )

    st.subheader("Session")
    by_id = {str(w.id): w for w in this_week}
    workout_id = st.selectbox(
        "Session", list(by_id), format_func=lambda value: workout_label(by_id[value])
    )
    chosen = by_id[workout_id]
    show_prescription(chosen)
    log_section(app, chosen, today, stamp)
    adjust_section(app, client, chosen, today)
