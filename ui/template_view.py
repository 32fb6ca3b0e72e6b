"""The Templates screens' shaping: a template in a line, the per-client check table, the report,
and the small "Save as template" box shown under a saved plan."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from bootstrap import Workspace
from core.errors import PeriodizeError
from core.service import Preview
from core.template_service import ApplyResult, ClientCheck, TemplateService
from core.templates import NAME_CHARS, Template
from ui import shell

FLASH = "_templates_flash"


def template_summary(template: Template) -> str:
    """ "Strength · 4 weeks (1 deload) · 4 sessions a week · strength program"."""
    deloads = sum(week.deload for week in template.microcycles if week.week_number)
    full = [week for week in template.microcycles if week.week_number]
    per_week = max((len(week.sessions) for week in full), default=0)
    return (
        f"{template.phase} · {template.weeks} weeks"
        + (f" ({deloads} deload)" if deloads else "")
        + f" · up to {per_week} sessions a week · made for a {template.program_type.value} "
        "program"
    )


def check_rows(checks: list[ClientCheck]) -> pd.DataFrame:
    """One row per client: where the template would go, whether it can be saved, and why not."""
    return pd.DataFrame(
        [
            {
                "Client": check.client.name,
                "Phase": check.phase or "—",
                "Status": _status(check),
                "To know": " ".join([*check.conflicts, *check.attention, *check.notes]) or "—",
            }
            for check in checks
        ],
        columns=["Client", "Phase", "Status", "To know"],
    )


def _status(check: ClientCheck) -> str:
    if not check.ready:
        return "needs attention"
    return "already saved" if check.already_saved else "ready"


def report_lines(results: list[ApplyResult]) -> tuple[list[str], list[str]]:
    """(saved, needing attention): one sentence per client; clients left unticked are left out."""
    saved = [f"{r.client.name}: {r.message}" for r in results if r.saved]
    attention = [
        f"{r.client.name}: {r.message}"
        for r in results
        if not r.saved and not r.message.startswith("Not ticked")
    ]
    return saved, attention


def save_as_template_box(app: Workspace, preview: Preview, key: str) -> None:
    """Under a saved plan: name it and keep its structure as a template (no kg, % 1RM and RIR)."""
    with st.expander("Save as template", icon=":material/content_copy:"):
        st.caption(
            "Keeps the weeks, sessions, sets, reps, % 1RM and reps in reserve, not this client's "
            "kg: applying it to others loads from their own maxes (Templates page)."
        )
        name = st.text_input(
            "Template name", value=preview.mesocycle.phase, max_chars=NAME_CHARS, key=key
        )
        if st.button("Save as template", key=f"{key}-save"):
            try:
                TemplateService(app.service).save_template(
                    name, preview.mesocycle, preview.client.profile, preview.program_type
                )
            except PeriodizeError as error:
                shell.show_error(error)
                return
            st.success(
                f"Saved the template '{shell.md_escape(name.strip())}'; apply it on the "
                "Templates page."
            )
