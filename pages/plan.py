"""Plan a phase: generate a preview, review and edit it week by week, confirm (stored once) or discard."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from bootstrap import GENERATOR_LABELS, Workspace
from core.dates import WEEKDAY_NAMES
from core.errors import PeriodizeError
from core.generation.engine.schedule import schedule_note
from core.read_models import ClientRecord, MesocycleSummary, ProgramRecord
from core.schemas import MesocycleDetailed, effective_units
from core.service import PhaseSlot, Preview
from core.training_max import TrainingMax, as_input
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
from ui.exports_view import export_box, plan_file
from ui.plan_view import (
    CONFIRM_ERROR,
    CONFIRM_IN_BODY,
    Draft,
    checked_preview,
    confirm_callback,
    draft_key,
    drafts,
    grid_states,
    maxes_as_edited,
    reasons_toggle,
    show_problems,
    shown_maxes_key,
    store_draft,
    tm_key,
    week_problem_count,
    week_problems,
)
from ui.program_view import program_label, saved_for
from ui.template_view import save_as_template_box
from ui.training_max_view import TM_COLUMNS, training_max_frame
from ui.week_grids import week_grid_editors
from ui.week_insights_view import show_week_insights, without_insights

FLASH = "_plan_flash"


def choose_program(app: Workspace, client: ClientRecord) -> ProgramRecord:
    programs = app.storage.list_programs(client.id)
    if not programs:
        st.info(f"{shell.md_escape(client.name)} has no program yet.")
        shell.link("program", "Create an outline →", ":material/timeline:")
        st.stop()
    ids = [str(p.id) for p in programs]
    current = st.session_state.get(shell.PROGRAM_KEY)
    chosen = st.selectbox(
        "Program",
        ids,
        index=ids.index(current) if current in ids else 0,
        format_func=lambda value: next(
            program_label(p, client.profile.goal) for p in programs if str(p.id) == value
        ),
    )
    if chosen != current:
        st.session_state[shell.PROGRAM_KEY] = chosen
        st.session_state.pop(shell.PHASE_KEY, None)
    return next(p for p in programs if str(p.id) == chosen)


def choose_phase(
    app: Workspace, program: ProgramRecord
) -> tuple[PhaseSlot, MesocycleSummary | None]:
    """The phase to plan, and its saved plan if it has one."""
    slots = app.service.phases(program)
    saved = app.storage.list_mesocycles(program.id)
    remembered = st.session_state.get(shell.PHASE_KEY, 0)
    index = st.selectbox(
        "Phase",
        range(len(slots)),
        index=remembered if 0 <= remembered < len(slots) else 0,
        format_func=lambda i: (
            f"{slots[i].label}"
            + (" · saved" if saved_for(saved, slots[i].macrocycle_id, slots[i].order_index) else "")
        ),
    )
    st.session_state[shell.PHASE_KEY] = index
    slot = slots[index]
    return slot, saved_for(saved, slot.macrocycle_id, slot.order_index)


GENERATOR_CHOICE = "plan-generator"
GENERATE_BUTTON = "plan-generate"


def plan_form(
    app: Workspace, client: ClientRecord, program: ProgramRecord, slot: PhaseSlot
) -> None:
    """The generator choice, the training maxes, a plan file and Generate (its click is read by
    ``generate`` before this form would be drawn again)."""
    shell.choose_generator(app, key=GENERATOR_CHOICE)
    key = draft_key(program.id, slot)
    proposals = app.service.training_maxes(client, program, slot)
    st.session_state[shown_maxes_key(key)] = proposals
    training_max_table(proposals, key=key)
    import_file(app, client, program, slot)
    st.button("Generate preview", type="primary", key=GENERATE_BUTTON)


def generate(app: Workspace, client: ClientRecord, program: ProgramRecord, slot: PhaseSlot) -> bool:
    """When Generate was clicked: the draft, made before anything of the form is drawn again (the
    run goes straight to the preview), from the form's choices as the session holds them (the
    generator, the training maxes as edited). Whether a draft was made; a failure is shown, and
    the form follows it."""
    if not st.session_state.get(GENERATE_BUTTON):
        return False
    names = list(app.generators)
    chosen = st.session_state.get(
        GENERATOR_CHOICE, st.session_state.get(shell.GENERATOR_KEY, app.default_generator)
    )
    generator = chosen if chosen in names else names[0]
    key = draft_key(program.id, slot)
    # the proposals the form showed: its table's edits are by their rows
    proposals = st.session_state.get(shown_maxes_key(key))
    if proposals is None:
        proposals = app.service.training_maxes(client, program, slot)
    maxes = as_input(maxes_as_edited(proposals, st.session_state.get(tm_key(key))))
    label = GENERATOR_LABELS.get(generator, generator)
    # A spinner, not st.status: the status box sleeps 50 ms in the server on every generate.
    with st.spinner(
        f"Generating {shell.md_escape(slot.plan.phase)} with the {label}: {slot.plan.weeks} weeks "
        f"from {slot.start_date:%a %d %b %Y}…"
    ):
        try:
            preview = app.service.preview_slot(
                client, program, slot, app.generators[generator], maxes
            )
        except PeriodizeError as error:
            shell.show_error(error)
            return False
    drafts()[key] = Draft(preview)
    return True


def import_file(
    app: Workspace, client: ClientRecord, program: ProgramRecord, slot: PhaseSlot
) -> None:
    """A plan file (the open plan format) as the draft: checked like a generated one."""
    key = f"plan-file-{draft_key(program.id, slot)}"
    data = plan_file(key)
    if data is None or not st.button("Preview the file", key=f"{key}-preview"):
        return
    try:
        preview = app.service.preview_file(client, program, slot, data)
    except PeriodizeError as error:
        shell.show_error(error)
        return
    drafts()[draft_key(program.id, slot)] = Draft(preview)
    st.rerun()


def training_max_table(proposals: list[TrainingMax], key: str) -> None:
    """The proposed training max of each main lift (planned → proposed, why), editable: what the
    engine will load the main lifts from (``maxes_as_edited`` reads the edits)."""
    if not proposals:
        return
    st.markdown("**Training maxes for this phase**")
    st.caption(
        "From the sets logged in the phase before (90 % of the best recent e1RM), or the planned "
        "progression when nothing was logged (one step a phase, at most three above the tested "
        "1RM). The phase's reps are read against them. Change any of them before generating."
    )
    st.data_editor(
        training_max_frame(proposals),
        key=tm_key(key),
        column_config=TM_COLUMNS,
        disabled=["Lift", "Planned (kg)", "Why"],
        hide_index=True,
        num_rows="fixed",
        width="stretch",
    )


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


@st.fragment
def plan_body(app: Workspace, client: ClientRecord) -> None:
    """The pickers, then the form or the draft (``phase_area``), as a fragment: a picker reruns
    it alone, not the title, the sidebar and its reads; Generate or a week tab reruns only
    ``phase_area``, a grid edit, "Edit week" or Confirm only the open week's ``week_panel``
    inside that. Discarding and starting over run the whole page (for their message)."""
    with shell.page_edge():
        program_column, phase_column = st.columns(2)
        with program_column:
            program = choose_program(app, client)
        with phase_column:
            slot, existing = choose_phase(app, program)
        phase_area(app, client, program, slot, existing)


@st.fragment
def phase_area(
    app: Workspace,
    client: ClientRecord,
    program: ProgramRecord,
    slot: PhaseSlot,
    existing: MesocycleSummary | None,
) -> None:
    """The chosen phase's form, or its draft: a fragment inside ``plan_body``, so Generate and a
    week tab rerun this alone, not the pickers and the reads of programs and phases they need."""
    key = draft_key(program.id, slot)
    draft = drafts().get(key)
    if draft is None:
        if not generate(app, client, program, slot):
            if existing is not None:
                st.info(
                    f"This phase already has a saved plan ({existing.start_date:%d %b %Y} – "
                    f"{existing.end_date:%d %b %Y}); see it on the Workouts page. A new "
                    "preview will ask before replacing it."
                )
                export_box(app, client, existing, shell.client_today(client), key="plan-export")
            plan_form(app, client, program, slot)
            return
        draft = drafts()[key]
    draft_view(app, client, draft, key, existing)


app, client = shell.client_page("Plan a phase")
shell.flash(FLASH)
plan_body(app, client)
