"""Plan a phase: generate a preview, review and edit it week by week, confirm (stored once) or discard."""

from __future__ import annotations

import streamlit as st

from bootstrap import GENERATOR_LABELS
from core.dates import WEEKDAY_NAMES
from core.errors import PeriodizeError
from core.schemas import SessionType
from ui import shell
from ui.editing import (
    apply_all_edits,
    group_problems,
    path_text,
    session_heading,
    target_summary,
    week_frames,
)
from ui.program_view import saved_for

DRAFTS = "drafts"
FLASH = "_plan_flash"

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


def exercise_columns(sessions: int) -> dict:
    return {
        "session": st.column_config.NumberColumn(
            "#", help=f"Session number (1–{sessions})", min_value=1, max_value=sessions, step=1
        ),
        "block": st.column_config.TextColumn("Block", help="e.g. Warm-up, Main, Accessory"),
        "exercise": st.column_config.TextColumn("Exercise", max_chars=120),
        "sets": st.column_config.NumberColumn("Sets", step=1),
        "reps": st.column_config.TextColumn("Reps", help="6, or a range like 8-10"),
        "load": st.column_config.TextColumn("Load", help="kg ('80 kg') or %1RM ('75%')"),
        "effort": st.column_config.TextColumn("Effort", help="'RPE 8' or 'RIR 2'"),
        "rest_seconds": st.column_config.NumberColumn("Rest s", step=15),
        "duration_minutes": st.column_config.NumberColumn("Min", help="timed work, minutes"),
        "distance_km": st.column_config.NumberColumn("Km", help="distance work, km"),
        "notes": st.column_config.TextColumn("Notes", max_chars=500),
        "rationale": st.column_config.TextColumn("Rationale", disabled=True),
    }


def block_markdown(block) -> str:  # type: ignore[no-untyped-def]
    """A block as a markdown list: each activity, its note and rationale in grey below it."""
    lines = [f"**{shell.md_escape(block.label)}**", ""]
    for exercise in block.exercises:
        item = f"- {shell.md_escape(exercise.activity)}"
        for extra, mark in ((exercise.notes, "✎"), (exercise.rationale, "↳")):
            if extra:
                item += f"  \n  :gray[{mark} {shell.md_escape(extra)}]"
        lines.append(item)
    return "\n".join(lines)


def show_problems(problems: list) -> None:
    for problem in problems:
        where = path_text(problem.path)
        text = f"{where}: {problem.message}" if where else problem.message
        if problem.severity == "error":
            st.error(text, icon="⛔")
        else:
            st.warning(text, icon="⚠️")


app = shell.wiring()
st.title("Plan a phase")
client = shell.choose_client(app)
if client is None:
    st.stop()

if message := st.session_state.pop(FLASH, None):
    st.success(message)

with shell.page_edge():
    programs = app.storage.list_programs(client.id)
    if not programs:
        st.info(f"{shell.md_escape(client.name)} has no program yet.")
        shell.link("program", "Create an outline →", ":material/timeline:")
        st.stop()
    ids = [str(p.id) for p in programs]
    current_program = st.session_state.get(shell.PROGRAM_KEY)
    left, right = st.columns(2)
    program_id = left.selectbox(
        "Program",
        ids,
        index=ids.index(current_program) if current_program in ids else 0,
        format_func=lambda value: next(
            f"{p.program.program_type.value.capitalize()} · {p.weeks} wk from {p.start_date:%d %b %Y}"
            for p in programs
            if str(p.id) == value
        ),
    )
    if program_id != current_program:
        st.session_state[shell.PROGRAM_KEY] = program_id
        st.session_state.pop(shell.PHASE_KEY, None)
    program = next(p for p in programs if str(p.id) == program_id)
    slots = app.service.phases(program)
    saved = app.storage.list_mesocycles(program.id)
    phase_index = st.session_state.get(shell.PHASE_KEY, 0)
    phase_index = right.selectbox(
        "Phase",
        range(len(slots)),
        index=phase_index if 0 <= phase_index < len(slots) else 0,
        format_func=lambda i: (
            f"{slots[i].label}"
            + (" · saved" if saved_for(saved, slots[i].macrocycle_id, slots[i].order_index) else "")
        ),
    )
    st.session_state[shell.PHASE_KEY] = phase_index
    slot = slots[phase_index]
    existing = saved_for(saved, slot.macrocycle_id, slot.order_index)
    drafts: dict = st.session_state.setdefault(DRAFTS, {})
    draft_key = f"{program.id}:{slot.macrocycle_id}:{slot.order_index}"
    draft = drafts.get(draft_key)

    if existing is not None and draft is None:
        st.info(
            f"This phase already has a saved plan ({existing.start_date:%d %b %Y} – "
            f"{existing.end_date:%d %b %Y}); see it on the Workouts page. A new preview will ask "
            "before replacing it."
        )

    if draft is None:
        generator = shell.choose_generator(app, key="plan-generator")
        if st.button("Generate preview", type="primary"):
            label = GENERATOR_LABELS.get(generator, generator)
            with st.status(
                f"Generating {shell.md_escape(slot.plan.phase)} with the {label}…", expanded=True
            ) as status:
                st.write(f"{slot.plan.weeks} weeks from {slot.start_date:%a %d %b %Y}")
                try:
                    preview = app.service.preview(
                        client,
                        slot.plan,
                        program.id,
                        slot.macrocycle_id,
                        slot.start_date,
                        program.program.program_type,
                        app.generators[generator],
                    )
                except PeriodizeError as error:
                    status.update(label="Generation failed", state="error")
                    shell.show_error(error)
                    st.stop()
                st.write(f"Checked: {len(preview.problems)} note(s) from the validator.")
                status.update(label="Preview ready", state="complete", expanded=False)
            drafts[draft_key] = {"preview": preview, "saved_id": None}
            st.rerun()
        st.stop()

    base = draft["preview"]
    saved_id = draft["saved_id"]
    meso = base.mesocycle
    sources = base.week_sources()
    st.subheader(
        f"{shell.md_escape(meso.phase)} · {meso.weeks} weeks for {shell.md_escape(base.client.name)}"
    )
    st.caption(
        f"Starts {base.start_date:%a %d %b %Y} · drafted by "
        f"{GENERATOR_LABELS.get(base.generator, base.generator)} · nothing is stored until you "
        "confirm."
    )
    general_box = st.container()

    tab_labels = [
        (f"Week {m.week_number}" if m.week_number else "Week 0 (transition)")
        + (" · deload" if m.deload else "")
        for m in meso.microcycles
    ]
    boxes = {}
    edited = {}
    for tab, micro in zip(st.tabs(tab_labels), meso.microcycles, strict=True):
        with tab:
            dates = (
                f"{micro.start_date:%a %d %b} – {micro.end_date:%a %d %b %Y}"
                if micro.start_date and micro.end_date
                else ""
            )
            st.caption(
                f"{dates} · {target_summary(meso, micro.week_number)} · written by "
                f"{sources.get(micro.week_number, base.generator)}"
            )
            week_box = st.container()
            cards_box = st.container()
            frames = week_frames(meso, micro.week_number)
            if saved_id is None:  # a saved draft is read-only: no editors, no stale edit state
                with st.expander(f"✏️ Edit week {micro.week_number}", expanded=False):
                    st.caption(
                        "First table: a session's day, type, title. Second: its exercises (+ adds a "
                        "row; tick rows to delete them). Every edit is checked again at once."
                    )
                    sessions = st.data_editor(
                        frames.sessions,
                        key=f"sessions-{base.mesocycle_id}-{micro.week_number}",
                        column_config=SESSION_COLUMNS,
                        hide_index=True,
                        num_rows="fixed",
                        width="stretch",
                    )
                    exercises = st.data_editor(
                        frames.exercises,
                        key=f"exercises-{base.mesocycle_id}-{micro.week_number}",
                        column_config=exercise_columns(len(micro.workouts)),
                        hide_index=True,
                        num_rows="dynamic",
                        width="stretch",
                    )
                edited[micro.week_number] = (sessions, exercises)
            boxes[micro.week_number] = (week_box, cards_box)

    current_meso, edit_failures = apply_all_edits(meso, edited, start_date=base.start_date)
    current = app.service.revalidate(base, current_meso)
    grouped = group_problems(current.problems)

    with general_box:
        show_problems(grouped.general)
    for micro in current.mesocycle.microcycles:
        week_box, cards_box = boxes[micro.week_number]
        with week_box:
            if failure := edit_failures.get(micro.week_number):
                shell.show_error(failure)
            show_problems(grouped.for_week(micro.week_number))
        with cards_box:
            if not micro.workouts:
                st.caption("No sessions this week.")
            for workout in micro.workouts:
                with st.container(border=True):
                    st.markdown(f"**{shell.md_escape(session_heading(workout))}**")
                    for block in workout.blocks:
                        if block.exercises:
                            st.markdown(block_markdown(block))
                    if workout.notes:
                        st.caption(shell.md_escape(f"Notes: {workout.notes}"))
                    day = WEEKDAY_NAMES[workout.date.weekday()]
                    show_problems(grouped.for_day(micro.week_number, day))

    errors = [p for p in current.problems if p.severity == "error"]
    warnings = [p for p in current.problems if p.severity != "error"]
    st.divider()
    metric_errors, metric_warnings, metric_sessions = st.columns(3)
    metric_errors.metric("Errors", len(errors) + len(edit_failures))
    metric_warnings.metric("Warnings", len(warnings))
    metric_sessions.metric("Sessions", len(current.mesocycle.workouts()))

    if saved_id is not None:
        st.success(
            f"Saved {shell.md_escape(meso.phase)} ({len(current.mesocycle.workouts())} sessions). Find it on the "
            "Workouts page; the Program page marks the phase as saved."
        )
        shell.link("workouts", "Open Workouts →", ":material/event_available:")
        if st.button("Start a new draft of this phase"):
            drafts.pop(draft_key, None)
            st.rerun()
        st.stop()

    blocked = bool(errors or edit_failures)
    if blocked:
        st.error(
            f"Fix the {len(errors) + len(edit_failures)} error(s) above to confirm; warnings don't "
            "block saving."
        )
    replace = False
    if existing is not None and existing.id != current.mesocycle_id:
        replace = st.checkbox(
            f"Replace the saved plan of this phase ({existing.start_date:%d %b} – "
            f"{existing.end_date:%d %b %Y}); its scheduled workouts will be deleted",
        )
    confirm_col, discard_col = st.columns(2)
    confirm = confirm_col.button(
        "Confirm and save",
        type="primary",
        disabled=blocked or (existing is not None and not replace),
        width="stretch",
    )
    discard = discard_col.button("Discard draft", width="stretch")
    if discard:
        drafts.pop(draft_key, None)
        st.session_state[FLASH] = "Draft discarded; nothing was stored."
        st.rerun()
    if confirm and draft["saved_id"] is None:
        # One click, one store: the preview keeps its mesocycle id, so even a second click that
        # slips through stores nothing (the store recognises the id and returns it).
        draft["saved_id"] = app.service.save(current, replace_existing=replace)
        draft["preview"] = current  # what was stored, edits included, shown read-only from now
        st.rerun()
