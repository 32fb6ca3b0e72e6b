"""The Workouts page's body: the client's week day by day, each session's saved prescription, and
logging it.

A rerun reads the client's data version and, when it moved, the selected week's workouts (and
this week's proposal, ``ui.proposals_view``); the week picker's list of weeks comes from
``page_data.week_choices``, read again only after a phase is saved, replaced or removed. What the
page draws of the week (day cards, counts, table) is built once per data version
(``page_data.week_page``), and each card is one markdown element.

A module, not the page script: Streamlit compiles a page script for every run under AppTest and
rewrites it for "magic" on every compile, which for this page's body cost about as much as an
empty page's whole run; a module is compiled once per process.
"""

from __future__ import annotations

import streamlit as st

from bootstrap import Workspace
from core.read_models import ClientRecord
from ui import page_data, shell
from ui.adjust_section import adjust_section
from ui.calendar_view import default_week, workout_label
from ui.exports_view import export_box
from ui.log_form import log_section, show_prescription
from ui.proposals_view import proposals_section
from ui.week_view import DayColumn

FLASH = "_workouts_flash"
WEEK_KEY = "_workouts_week"
EXPORT_KEY = "_workouts_export_open"
TABLE_KEY = "_workouts_table_open"


def show_week(columns: list[DayColumn]) -> None:
    """Seven bordered day columns, each listing its sessions: type, title, minutes, status.

    One markdown element per day: a bordered container per session inside a column cost a run
    about 0.1 ms each (as much as the rest of the week together)."""
    for box, column in zip(st.columns(7, border=True), columns, strict=True):
        box.markdown(column.markdown)


def workouts_page(app: Workspace, client: ClientRecord) -> None:
    """Everything below the title and the client picker (``shell.client_page``)."""
    today = shell.client_today(client)
    stamp = app.storage.workouts_stamp(client.id)
    if not stamp.count:
        st.info(
            f"{shell.md_escape(client.name)} has no saved sessions yet: plan and confirm a phase first."
        )
        shell.link("plan", "Plan a phase →", ":material/edit_calendar:")
        st.stop()

    proposals_section(app, client, stamp, FLASH)
    choices = page_data.week_choices(app, client.id, stamp, today)
    weeks = list(choices)
    remembered = st.session_state.get(WEEK_KEY)
    start = remembered if remembered in weeks else default_week(weeks, today)
    assert start is not None  # the client has stored workouts, so at least one week
    monday = st.selectbox(
        "Week",
        weeks,
        index=weeks.index(start),
        format_func=choices.__getitem__,
    )
    st.session_state[WEEK_KEY] = monday
    week = page_data.week_page(app, client.id, stamp, monday, today)
    this_week = week.workouts
    if not this_week:  # removed since the list of weeks was read
        st.info("No sessions this week any more: pick another week.")
        st.session_state.pop(WEEK_KEY, None)
        st.stop()
    # One line, not five st.metric tiles in five columns (eleven elements a run for five numbers).
    st.markdown(week.summary)
    show_week(week.columns)
    # Lazy, as the Export box below: a closed table costs a run nothing (a frame sent as Arrow
    # costs about as much as the rest of the week).
    table = st.expander("The week as a table", key=TABLE_KEY, on_change="rerun")
    if table.open:
        table.dataframe(
            week.table,
            hide_index=True,
            width="stretch",
            placeholder="",  # nothing logged yet reads blank, not "None"
            column_config={
                "Planned min": st.column_config.NumberColumn(format="%d"),
                "Actual min": st.column_config.NumberColumn(format="%d"),
            },
        )

    if phase := week.phase:
        # Drawn only once opened (a lazy expander reruns the page when it opens or closes): a
        # closed one costs a run nothing and sends none of its seven buttons.
        downloads = st.expander(
            "Export: PDF, calendar, JSON, CSV", key=EXPORT_KEY, on_change="rerun"
        )
        if downloads.open:
            with downloads:
                export_box(app, client, phase, today, monday=monday, key="workouts-export")

    st.subheader("Session")
    by_id = {str(w.id): w for w in this_week}
    workout_id = st.selectbox(
        "Session", list(by_id), format_func=lambda value: workout_label(by_id[value])
    )
    chosen = by_id[workout_id]
    units = shell.client_units(app, client)
    view = page_data.session_view(app, chosen, stamp, units)
    show_prescription(chosen, units, view.prescription)
    log_section(app, chosen, today, units, flash_key=FLASH, view=view)
    adjust_section(app, client, chosen, today)
