"""The Export box of a saved block (PDF week or block, calendar, JSON, CSV) and the plan-file import.

Every download button gets a callable, which Streamlit runs only when it is clicked (in its own
thread, outside the script run), so drawing the box reads and builds nothing on a page rerun.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from bootstrap import Workspace
from core.delivery import files
from core.delivery.plan_json import MAX_IMPORT_BYTES
from core.delivery.sheets import Paper
from core.read_models import ClientRecord, MesocycleSummary
from ui.markdown import md_escape


def export_box(
    app: Workspace,
    client: ClientRecord,
    phase: MesocycleSummary,
    today: date,
    *,
    monday: date | None = None,
    key: str,
) -> None:
    """The saved block's downloads; with ``monday``, also the sheets of that week."""
    storage = app.storage
    meso_id = phase.id
    name = client.name
    with st.container(border=True):
        st.markdown(
            f"**Export** · {md_escape(phase.phase)} ({phase.start_date:%d %b} – {phase.end_date:%d %b %Y})"
        )
        paper = Paper(
            st.segmented_control(
                "Paper", [p.value for p in Paper], default=Paper.A4.value, key=f"{key}-paper"
            )
            or Paper.A4.value
        )
        buttons = st.columns(7 if monday else 6)
        column = iter(buttons)
        if monday is not None:
            next(column).download_button(
                "PDF week",
                data=lambda: files.week_pdf(storage, client, meso_id, monday, paper),
                file_name=files.file_name(name, f"{phase.phase} week of {monday}", "pdf"),
                mime=files.PDF,
                on_click="ignore",
                key=f"{key}-pdf-week",
                help="This week's sessions to print, with boxes to write what was done",
            )
        next(column).download_button(
            "PDF block",
            data=lambda: files.mesocycle_pdf(storage, client, meso_id, paper),
            file_name=files.file_name(name, phase.phase, "pdf"),
            mime=files.PDF,
            on_click="ignore",
            key=f"{key}-pdf-block",
            help="Every week of the block to print, a week per page",
        )
        next(column).download_button(
            "Calendar",
            data=lambda: files.mesocycle_ics(
                storage, client, meso_id, today, client.profile.session_time
            ),
            file_name=files.file_name(name, phase.phase, "ics"),
            mime=files.ICS,
            on_click="ignore",
            key=f"{key}-ics",
            help="An .ics file for any calendar app: one event per session",
        )
        next(column).download_button(
            "JSON block",
            data=lambda: files.mesocycle_plan_json(storage, meso_id),
            file_name=files.file_name(name, phase.phase, "json"),
            mime=files.JSON,
            on_click="ignore",
            key=f"{key}-json",
            help="The open plan format (periodize.plan/1): can be imported on Plan a phase",
        )
        next(column).download_button(
            "JSON program",
            data=lambda: files.program_plan_json(storage, phase.fitness_program_id),
            file_name=files.file_name(name, "program", "json"),
            mime=files.JSON,
            on_click="ignore",
            key=f"{key}-json-program",
            help="The program's outline and every block saved for it",
        )
        next(column).download_button(
            "CSV plan",
            data=lambda: files.mesocycle_csv(storage, client, meso_id),
            file_name=files.file_name(name, phase.phase, "csv"),
            mime=files.CSV,
            on_click="ignore",
            key=f"{key}-csv",
            help="One row per exercise of every session",
        )
        next(column).download_button(
            "CSV logs",
            data=lambda: files.client_logs_csv(storage, client),
            file_name=files.file_name(name, "logged sets", "csv"),
            mime=files.CSV,
            on_click="ignore",
            key=f"{key}-csv-logs",
            help="Every set the client logged",
        )


def plan_file(key: str) -> bytes | None:
    """A plan file the coach picked (the open plan format), or None; refused above the cap."""
    upload = st.file_uploader(
        "Or import a plan file (JSON, periodize.plan/1)",
        type=["json"],
        key=key,
        help="A block exported from Periodize or written to the format in docs/plan-format.md; "
        "it is checked like a generated draft and nothing is stored until you confirm.",
        max_upload_size=max(1, MAX_IMPORT_BYTES // 1_000_000),
    )
    if upload is None:
        return None
    return upload.getvalue()
