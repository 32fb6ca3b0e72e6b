"""Program: create a client's outline, see its macrocycles and phases on a timeline, pick a phase."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

import streamlit as st

from core.dates import first_monday
from ui import shell
from ui.program_view import (
    OUTLINE_OPEN,
    event_note,
    phases_frame,
    program_label,
    renamed_for_goal,
    saved_for,
    targets_frame,
    timeline,
)

app = shell.wiring()
st.title("Program")
client = shell.choose_client(app)
if client is None:
    shell.link("clients", "Add a client first →", ":material/group:")
    st.stop()

today = shell.client_today(client)

with shell.page_edge():
    programs = app.storage.list_programs(client.id)

    # Drawn only once opened (a lazy expander), open by itself while there is no program yet.
    if not programs:
        st.session_state[OUTLINE_OPEN] = True
    outline = st.expander("Create a new program outline", key=OUTLINE_OPEN, on_change="rerun")
    if outline.open:
        with outline:
            with st.form("new-program", border=False):
                left, right = st.columns(2)
                to_event = event_note(client.profile)
                if to_event:
                    left.caption(shell.md_escape(to_event))
                    weeks = 12  # the event sets the length
                else:
                    weeks = left.number_input("Weeks", min_value=3, max_value=52, value=12, step=1)
                start = right.date_input(
                    "Start date", value=first_monday(today + timedelta(days=1)), format="YYYY-MM-DD"
                )
                generator = shell.choose_generator(app, key="program-generator")
                create = st.form_submit_button("Create outline", type="primary")
            if create:
                with st.spinner("Drafting the outline…"):
                    program_id = app.service.create_program(
                        client, int(weeks), start, app.generators[generator]
                    )
                st.session_state[shell.PROGRAM_KEY] = str(program_id)
                st.session_state.pop(shell.PHASE_KEY, None)
                st.toast("Outline created.")
                programs = app.storage.list_programs(client.id)

    if not programs:
        st.info(f"{shell.md_escape(client.name)} has no program yet: create an outline above.")
        st.stop()

    goal = client.profile.goal
    ids = [str(p.id) for p in programs]
    current = st.session_state.get(shell.PROGRAM_KEY)
    chosen = st.selectbox(
        "Program",
        ids,
        index=ids.index(current) if current in ids else 0,
        format_func=lambda value: next(
            program_label(p, goal) for p in programs if str(p.id) == value
        ),
    )
    st.session_state[shell.PROGRAM_KEY] = chosen
    program = next(p for p in programs if str(p.id) == chosen)
    st.markdown(shell.md_escape(renamed_for_goal(program.program.overview, program, goal)))

    slots = [
        replace(slot, macrocycle_name=renamed_for_goal(slot.macrocycle_name, program, goal))
        for slot in app.service.phases(program)
    ]
    saved = app.storage.list_mesocycles(program.id)
    phases = phases_frame(slots, saved)
    drawn = timeline(phases, today)
    st.markdown(drawn.legend)
    for row in drawn.rows:  # a row of columns as wide as the phases' days, after its lead
        st.caption(row.name)
        lead = [row.lead_days] if row.lead_days else []
        columns = st.columns([*lead, *(bar.days for bar in row.bars)], gap="xxsmall", wrap=False)
        for column, bar in zip(columns[len(lead) :], row.bars, strict=True):
            column.markdown(bar.text, help=bar.help)
    st.caption(drawn.today)
    day = st.column_config.DateColumn(format="ddd DD MMM YYYY")
    st.dataframe(
        phases,
        hide_index=True,
        width="stretch",
        placeholder="",
        column_config={"Start": day, "End": day},
    )

    labels = [f"{slot.macrocycle_name} › {slot.label}" for slot in slots]
    phase_index = st.session_state.get(shell.PHASE_KEY, 0)
    phase_index = st.selectbox(
        "Phase",
        range(len(slots)),
        index=phase_index if 0 <= phase_index < len(slots) else 0,
        format_func=lambda i: labels[i],
    )
    st.session_state[shell.PHASE_KEY] = phase_index
    slot = slots[phase_index]
    st.subheader(f"Weekly targets · {shell.md_escape(slot.plan.phase)}")
    st.dataframe(
        targets_frame(slot.plan, slot.start_date),
        hide_index=True,
        width="stretch",
        placeholder="",  # a target this week does not set reads blank
        column_config={"Starts": st.column_config.DateColumn(format="ddd DD MMM YYYY")},
    )
    stored = saved_for(saved, slot.macrocycle_id, slot.order_index)
    if stored:
        st.caption(
            f"Saved plan: {stored.start_date:%d %b %Y} – {stored.end_date:%d %b %Y}. "
            "Planning it again asks before replacing it."
        )
    if st.button("Plan this phase →", type="primary"):
        st.session_state[shell.PROGRAM_KEY] = str(uuid.UUID(chosen))
        shell.go("plan")
