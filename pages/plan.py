"""Plan a phase: generate a preview, review and edit it week by week, confirm (stored once) or discard."""

from __future__ import annotations

import streamlit as st

from bootstrap import GENERATOR_LABELS, Workspace
from core.errors import PeriodizeError
from core.read_models import ClientRecord, MesocycleSummary, ProgramRecord
from core.service import PhaseSlot
from core.training_max import TrainingMax, as_input
from ui import shell
from ui.draft_review import FLASH, draft_view
from ui.exports_view import export_box, plan_file
from ui.plan_view import (
    Draft,
    draft_key,
    drafts,
    maxes_as_edited,
    shown_maxes_key,
    tm_key,
)
from ui.program_view import program_label, saved_for
from ui.training_max_view import TM_COLUMNS, training_max_frame


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
