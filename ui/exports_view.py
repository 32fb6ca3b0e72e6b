"""The Export box of a saved block (PDF week or block, calendar, JSON, CSV) and the plan-file import.

Every download button gets a callable, which Streamlit runs only when it is clicked (in its own
thread, outside the script run), so drawing the box reads and builds nothing on a page rerun.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import streamlit as st

from bootstrap import Workspace
from core.delivery import files
from core.delivery.plan_json import MAX_IMPORT_BYTES
from core.delivery.sheets import Paper
from core.read_models import ClientRecord, MesocycleSummary
from ui.markdown import md_escape


@dataclass(frozen=True)
class Download:
    """One button of the box: its file is built by ``build`` only when clicked."""

    label: str
    build: Callable[[], bytes]
    file_name: str
    mime: str
    key: str
    help: str


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
        week = f"{phase.phase} week of {monday}"
        downloads = [
            *(
                [
                    Download(
                        "PDF week",
                        lambda: files.week_pdf(storage, client, meso_id, monday, paper),
                        files.file_name(name, week, "pdf"),
                        files.PDF,
                        "pdf-week",
                        "This week's sessions to print, with boxes to write what was done",
                    )
                ]
                if monday is not None
                else []
            ),
            Download(
                "PDF block",
                lambda: files.mesocycle_pdf(storage, client, meso_id, paper),
                files.file_name(name, phase.phase, "pdf"),
                files.PDF,
                "pdf-block",
                "Every week of the block to print, a week per page",
            ),
            Download(
                "Calendar",
                lambda: files.mesocycle_ics(
                    storage, client, meso_id, today, client.profile.session_time
                ),
                files.file_name(name, phase.phase, "ics"),
                files.ICS,
                "ics",
                "An .ics file for any calendar app: one event per session",
            ),
            Download(
                "JSON block",
                lambda: files.mesocycle_plan_json(storage, meso_id),
                files.file_name(name, phase.phase, "json"),
                files.JSON,
                "json",
                "The open plan format (periodize.plan/1): can be imported on Plan a phase",
            ),
            Download(
                "JSON program",
                lambda: files.program_plan_json(storage, phase.fitness_program_id),
                files.file_name(name, "program", "json"),
                files.JSON,
                "json-program",
                "The program's outline and every block saved for it",
            ),
            Download(
                "CSV plan",
                lambda: files.mesocycle_csv(storage, client, meso_id),
                files.file_name(name, phase.phase, "csv"),
                files.CSV,
                "csv",
                "One row per exercise of every session",
            ),
            Download(
                "CSV logs",
                lambda: files.client_logs_csv(storage, client),
                files.file_name(name, "logged sets", "csv"),
                files.CSV,
                "csv-logs",
                "Every set the client logged",
            ),
        ]
        for column, download in zip(st.columns(len(downloads)), downloads, strict=True):
            column.download_button(
                download.label,
                data=download.build,
                file_name=download.file_name,
                mime=download.mime,
                on_click="ignore",
                key=f"{key}-{download.key}",
                help=download.help,
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
