"""Workouts: the client's calendar week by week, and logging a session completed or skipped.

A rerun reads the selected week's workouts only; the week picker's list of weeks comes from
``page_data.calendar``, read again only after a phase is saved, replaced or removed.
"""

from __future__ import annotations

import streamlit as st

from core.load.compliance import week_counts
from core.schemas import WorkoutStatus
from ui import page_data, shell
from ui.calendar_view import (
    default_week,
    week_end,
    week_label,
    week_table,
    workout_label,
)

FLASH = "_workouts_flash"
WEEK_KEY = "_workouts_week"

app = shell.wiring()
st.title("Workouts")
client = shell.choose_client(app)
if client is None:
    st.stop()

if message := st.session_state.pop(FLASH, None):
    st.success(message)

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
    this_week = app.storage.workouts_for_client(client.id, monday, week_end(monday))
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

    st.subheader("Log a session")
    by_id = {str(w.id): w for w in this_week}
    workout_id = st.selectbox(
        "Session", list(by_id), format_func=lambda value: workout_label(by_id[value])
    )
    chosen = by_id[workout_id]
    with st.form(f"log-{workout_id}"):
        statuses = [WorkoutStatus.COMPLETED, WorkoutStatus.SKIPPED, WorkoutStatus.SCHEDULED]
        status = st.radio(
            "Status",
            statuses,
            index=statuses.index(chosen.status) if chosen.status != WorkoutStatus.SCHEDULED else 0,
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
            value=float(chosen.session_rpe or chosen.target_rpe or 7),
            help="How hard the whole session felt (CR-10); used only for a completed session.",
        )
        minutes = right.number_input(
            "Minutes",
            min_value=0,
            max_value=600,
            step=5,
            value=int(chosen.actual_minutes or chosen.planned_minutes or 60),
        )
        save = st.form_submit_button("Save", type="primary")
    if save:
        completed = status == WorkoutStatus.COMPLETED
        app.service.mark_workout(
            chosen.id,
            status,
            session_rpe=float(rpe) if completed else None,
            actual_minutes=int(minutes) if completed else None,
        )
        detail = f" (RPE {rpe:g}, {int(minutes)} min)" if completed else ""
        st.session_state[FLASH] = (
            f"{shell.md_escape(workout_label(chosen))}: {status.value}{detail}."
        )
        st.rerun()
