"""A draft under review on the Plan page: every week as a tab, the open week's grids, session
cards and insights (the report's weekly checks), the whole phase checked again on each edit,
then the summary and Confirm / Discard, or, confirmed, where the plan went."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from bootstrap import GENERATOR_LABELS, Workspace
from core.dates import WEEKDAY_NAMES
from core.generation.engine.schedule import schedule_note
from core.read_models import ClientRecord, MesocycleSummary
from core.schemas import MesocycleDetailed, effective_units
from core.service import Preview
from core.validation.week_insights import week_insights
from ui import shell
from ui.blocks import session_card_markdown
from ui.editing import (
    apply_all_edits,
    find_week,
    group_problems,
    session_heading,
    target_summary,
    week_frames,
    with_week,
)
from ui.exports_view import export_box
from ui.plan_view import (
    CONFIRM_ERROR,
    CONFIRM_IN_BODY,
    Draft,
    checked_preview,
    confirm_callback,
    drafts,
    grid_states,
    reasons_toggle,
    show_problems,
    store_draft,
    week_problem_count,
    week_problems,
)
from ui.program_view import saved_for
from ui.template_view import save_as_template_box
from ui.week_grids import week_grid_editors
from ui.week_insights_view import show_week_insights, without_insights

FLASH = "_plan_flash"
"""The Plan page's one-run message (a discarded draft)."""


def draft_view(
    app: Workspace,
    client: ClientRecord,
    draft: Draft,
    key: str,
    existing: MesocycleSummary | None,
) -> None:
    """The draft under review: its title, every week as a tab, only the open one drawn
    (``week_panel``), then its summary and Confirm / Discard (or, confirmed, where it went).

    The tabs are lazy (Streamlit reruns the fragment around them, ``phase_area``, when one
    opens): a run sends one week, not the phase. Edits of the other weeks live in
    ``draft.last_valid``.
    """
    base = draft.preview
    meso = base.mesocycle
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
    tabs = st.tabs(tab_labels, key=f"weeks-{base.mesocycle_id}", on_change="rerun")
    opened = [micro for tab, micro in zip(tabs, meso.microcycles, strict=True) if tab.open]
    micro = opened[0] if opened else meso.microcycles[0]
    below_tabs = st.container()
    with tabs[meso.microcycles.index(micro)]:
        week_panel(app, client, draft, key, existing, micro.week_number, general_box, below_tabs)


@st.fragment
def week_panel(
    app: Workspace,
    client: ClientRecord,
    draft: Draft,
    key: str,
    existing: MesocycleSummary | None,
    week_number: int,
    general_box: DeltaGenerator,
    below_tabs: DeltaGenerator,
) -> None:
    """The open week (its grids while the draft is open, its sessions as cards, its insights: the
    report's weekly checks), the whole phase re-checked, and what depends on that check: the
    phase's own problems above the tabs (``general_box``), the summary and Confirm below them
    (``below_tabs``).

    A fragment inside the page's body: a grid edit, "Edit week" or Confirm reruns this alone, not
    the pickers, the title and the tabs (fewer messages for the browser to apply; the phase
    picker marks a phase just confirmed as saved on the body's next run).
    It writes into the two boxes it was given on every run (Streamlit then keeps their place for
    its own reruns). The phase is validated once per version of the plan (``checked_preview``).
    """
    general, below = general_box.container(), below_tabs.container()
    base = draft.preview
    meso = base.mesocycle
    units = effective_units(base.client.profile)  # the service filled in the coach's default
    micro = find_week(meso, week_number)
    previous = draft.last_valid or meso  # every week as of the last run, edits included
    dates = (
        f"{micro.start_date:%a %d %b} – {micro.end_date:%a %d %b %Y}"
        if micro.start_date and micro.end_date
        else ""
    )
    st.caption(
        f"{dates} · {target_summary(meso, micro.week_number, units)} · written by "
        f"{base.week_sources().get(micro.week_number, base.generator)}"
    )
    if note := schedule_note(micro.metrics):
        st.info(shell.md_escape(note), icon=":material/event_busy:")
    week_box, cards_box = st.container(), st.container()
    edited = {}
    if draft.saved_id is None:  # a saved draft is read-only: no editors, no stale state
        editing = week_editors(base, draft, micro.week_number, len(micro.workouts), previous)
        if editing is not None:
            edited[micro.week_number] = editing
    else:
        draft.editing = None

    source = previous if draft.editing is None else with_week(previous, draft.editing)
    current_meso, edit_failures = apply_all_edits(
        source,
        edited,
        start_date=base.start_date,
        last_valid=previous,
        units=units,
        profile=base.client.profile,
    )
    draft.last_valid = current_meso
    draft.applied_grids = grid_states(draft)
    current = checked_preview(app, draft, current_meso)
    grouped = group_problems(current.problems)
    with general:
        show_problems(grouped.general)
        elsewhere = [
            other
            for other in current.mesocycle.microcycles
            if other.week_number != micro.week_number and week_problems(grouped, other)
        ]
        if elsewhere:
            st.caption(
                "Also checked: "
                + "; ".join(week_problem_count(grouped, other) for other in elsewhere)
                + " (open the week's tab to see them)."
            )
    shown = find_week(current.mesocycle, micro.week_number)
    insights = week_insights(shown, current.client.profile)  # the open week only, edits included
    with week_box:
        if failure := edit_failures.get(micro.week_number):
            shell.show_error(failure)
        show_week_insights(insights, shown.is_transition)
        show_problems(without_insights(grouped.for_week(micro.week_number), insights))
    with cards_box:
        if not shown.workouts:
            st.caption("No sessions this week.")
        reasons = bool(shown.workouts) and reasons_toggle()
        for workout in shown.workouts:
            with st.container(border=True):
                heading = session_heading(workout)
                st.markdown(session_card_markdown(heading, workout, units, reasons))
                day = WEEKDAY_NAMES[workout.date.weekday()]
                show_problems(grouped.for_day(micro.week_number, day))
    with below:
        errors = summary(current, len(edit_failures))
        if draft.saved_id is not None:
            saved(app, draft, key)
            if stored := saved_plan(app, draft, existing):
                export_box(app, client, stored, shell.client_today(client), key="plan-export")
        else:
            confirm_or_discard(app, draft, key, current, errors, existing)


def saved_plan(
    app: Workspace, draft: Draft, existing: MesocycleSummary | None
) -> MesocycleSummary | None:
    """The stored plan of a confirmed draft: ``existing`` as the body's last run read it, or,
    when Confirm's click reran only ``week_panel`` (the body read the phase before the store),
    read again."""
    if existing is not None and existing.id == draft.saved_id:
        return existing
    base = draft.preview
    stored = saved_for(
        app.storage.list_mesocycles(base.fitness_program_id), base.macrocycle_id, base.order_index
    )
    return stored if stored is not None and stored.id == draft.saved_id else None


def week_editors(
    base: Preview, draft: Draft, week_number: int, sessions: int, previous: MesocycleDetailed
) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The week's two grids (sessions: day, type, title…; exercises) when its "Edit week" is
    open, else None.

    The grids start from the week as it was when they were opened (``draft.editing``), kept
    while they stay open: Streamlit holds their edits as changes to that table. Closed (or
    another week opened), Streamlit drops those changes and the week stays as last applied.
    """
    units = effective_units(base.client.profile)  # the service filled in the coach's default
    expander = st.expander(
        f"✏️ Edit week {week_number}",
        expanded=False,
        key=f"edit-{base.mesocycle_id}-{week_number}",
        on_change="rerun",
    )
    if not expander.open:
        draft.editing = None
        return None
    if draft.editing is None or draft.editing.week_number != week_number:
        draft.editing = find_week(previous, week_number)
        draft.editing_frames = None
    if draft.editing_frames is None:
        draft.editing_frames = week_frames(with_week(previous, draft.editing), week_number, units)
    frames = draft.editing_frames
    with expander:
        st.caption(
            "First table: a session's day, type, title. Second: its exercises (+ adds a row; tick "
            "rows to delete them). Every edit is checked again at once."
        )
        edited_sessions, edited_exercises = week_grid_editors(
            frames,
            sessions_key=f"sessions-{base.mesocycle_id}-{week_number}",
            exercises_key=f"exercises-{base.mesocycle_id}-{week_number}",
            sessions=sessions,
            units=units,
        )
    return edited_sessions, edited_exercises


def summary(current: Preview, edit_failures: int) -> int:
    """Errors, warnings and sessions at a glance; returns the number of errors that block saving."""
    errors = sum(p.severity == "error" for p in current.problems) + edit_failures
    st.divider()
    metric_errors, metric_warnings, metric_sessions = st.columns(3)
    metric_errors.metric("Errors", errors)
    metric_warnings.metric("Warnings", sum(p.severity != "error" for p in current.problems))
    metric_sessions.metric("Sessions", len(current.mesocycle.workouts()))
    return errors


def saved(app: Workspace, draft: Draft, key: str) -> None:
    """A confirmed draft: where to find it, keep it as a template, or start over."""
    meso = draft.preview.mesocycle
    st.success(
        f"Saved {shell.md_escape(meso.phase)} ({len(meso.workouts())} sessions). Find it on the "
        "Workouts page; the Program page marks the phase as saved."
    )
    shell.link("workouts", "Open Workouts →", ":material/event_available:")
    save_as_template_box(app, draft.preview, key=f"template-{key}")
    if st.button("Start a new draft of this phase"):
        drafts().pop(key, None)
        st.rerun()


def confirm_or_discard(
    app: Workspace,
    draft: Draft,
    key: str,
    current: Preview,
    errors: int,
    existing: MesocycleSummary | None,
) -> None:
    """Confirm (stored once, with consent to replace a saved plan) or discard the draft.

    Confirm stores in its click's callback, before the page runs, so the run that follows already
    shows the saved plan (one run, not two). It stores the preview the coach was looking at; when
    a grid edit arrived with the click, the page applies it first and stores in its body instead.
    """
    if errors:
        st.error(f"Fix the {errors} error(s) above to confirm; warnings don't block saving.")
    if failed := st.session_state.pop(CONFIRM_ERROR, None):
        shell.show_error(failed)
    replace_key = f"replace-{key}"
    replace = False
    if existing is not None and existing.id != current.mesocycle_id:
        replace = st.checkbox(
            f"Replace the saved plan of this phase ({existing.start_date:%d %b} – "
            f"{existing.end_date:%d %b %Y}); its scheduled workouts will be deleted",
            key=replace_key,
        )
    confirm_col, discard_col = st.columns(2)
    confirm_col.button(
        "Confirm and save",
        type="primary",
        disabled=bool(errors) or (existing is not None and not replace),
        width="stretch",
        on_click=confirm_callback,
        args=(app, draft, current, replace),
    )
    if discard_col.button("Discard draft", width="stretch"):
        drafts().pop(key, None)
        st.session_state[FLASH] = "Draft discarded; nothing was stored."
        st.rerun()
    if st.session_state.pop(CONFIRM_IN_BODY, False) and draft.saved_id is None:
        store_draft(app, draft, current, replace)
        st.rerun()
