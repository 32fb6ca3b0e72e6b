"""Templates: keep a saved phase as a template, then apply it to one client or several at once."""

from __future__ import annotations

import uuid

import streamlit as st

from bootstrap import Workspace
from core.read_models import ClientRecord
from core.template_service import ClientCheck, TemplateService
from core.templates import NAME_CHARS, TemplateRecord
from ui import shell
from ui.program_view import program_label
from ui.template_view import FLASH, check_rows, report_lines, template_summary

CHECKS = "_template_checks"
REPORT = "_template_report"


def save_from_phase(app: Workspace, templates: TemplateService, client: ClientRecord) -> None:
    """A saved phase of the sidebar's client, kept as a template under a name."""
    st.subheader("Save a phase as a template")
    saved = [
        (program, summary)
        for program in app.storage.list_programs(client.id)
        for summary in app.storage.list_mesocycles(program.id)
    ]
    if not saved:
        st.caption(
            f"{shell.md_escape(client.name)} has no saved phase yet; confirm one on Plan a phase."
        )
        return
    index = st.selectbox(
        "Saved phase",
        range(len(saved)),
        format_func=lambda i: (
            f"{saved[i][1].phase} ({saved[i][1].weeks} wk from {saved[i][1].start_date:%d %b %Y})"
            f" · {program_label(saved[i][0], client.profile.goal)}"
        ),
    )
    program, summary = saved[index]
    name = st.text_input("Template name", value=summary.phase, max_chars=NAME_CHARS)
    if st.button("Save as template"):
        templates.save_saved_phase(name, client, program, summary.id)
        st.session_state[FLASH] = f"Saved the template '{shell.md_escape(name.strip())}'."
        st.rerun()


def choose_template(app: Workspace) -> TemplateRecord | None:
    records = app.storage.list_templates()
    if not records:
        st.info("No templates yet: save a phase above, or under a confirmed plan.")
        return None
    index = st.selectbox("Template", range(len(records)), format_func=lambda i: records[i].name)
    record = records[index]
    st.caption(shell.md_escape(template_summary(record.template)))
    return record


def check_clients(app: Workspace, templates: TemplateService, record: TemplateRecord) -> None:
    """Pick clients and check them: nothing is stored until the ticked ones are saved."""
    clients = app.storage.list_clients()
    names = {str(c.id): c.name for c in clients}
    picked = st.multiselect(
        "Clients", list(names), format_func=lambda value: names[value], key="template-clients"
    )
    if st.button("Check these clients", disabled=not picked):
        chosen = [c for c in clients if str(c.id) in picked]
        st.session_state[CHECKS] = (record.id, templates.check(record, chosen))
        st.session_state.pop(REPORT, None)


def review_and_save(templates: TemplateService, record: TemplateRecord) -> None:
    held = st.session_state.get(CHECKS)
    if not held or held[0] != record.id:
        return
    checks: list[ClientCheck] = held[1]
    st.dataframe(check_rows(checks), hide_index=True, width="stretch")
    ticked: set[uuid.UUID] = set()
    for check in checks:
        label = f"Save for {check.client.name}" + (
            "" if check.ready else f" (needs attention: {check.reason})"
        )
        if st.checkbox(
            shell.md_escape(label),
            value=check.ready,
            disabled=not check.ready,
            key=f"tick-{record.id}-{check.client.id}",
        ):
            ticked.add(check.client.id)
    if st.button("Save for the ticked clients", type="primary", disabled=not ticked):
        st.session_state[REPORT] = templates.apply(checks, ticked)
        st.session_state.pop(CHECKS, None)
        st.rerun()


def show_report() -> None:
    results = st.session_state.get(REPORT)
    if not results:
        return
    saved, attention = report_lines(results)
    if saved:
        st.success("Saved:\n\n" + "\n".join(f"- {shell.md_escape(line)}" for line in saved))
    if attention:
        st.warning(
            "Needs attention (nothing stored for these):\n\n"
            + "\n".join(f"- {shell.md_escape(line)}" for line in attention)
        )


def delete(app: Workspace, record: TemplateRecord) -> None:
    with st.expander("Delete this template"):
        sure = st.checkbox("Yes, delete it (plans made from it stay)", key=f"del-{record.id}")
        if st.button("Delete template", disabled=not sure):
            app.storage.delete_template(record.id)
            st.session_state.pop(CHECKS, None)
            st.session_state[FLASH] = f"Deleted the template '{shell.md_escape(record.name)}'."
            st.rerun()


app, client = shell.client_page("Templates")
templates = TemplateService(app.service)
shell.flash(FLASH)

with shell.page_edge():
    st.caption(
        "A template keeps a block's weeks, sessions, sets, reps, % 1RM and reps in reserve, never "
        "one client's kg: each client's loads come from their own maxes."
    )
    save_from_phase(app, templates, client)
    st.divider()
    st.subheader("Apply a template")
    show_report()
    record = choose_template(app)
    if record is not None:
        check_clients(app, templates, record)
        review_and_save(templates, record)
        delete(app, record)
