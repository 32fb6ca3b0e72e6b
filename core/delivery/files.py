"""The files a coach downloads, gathered from the Storage port: what to read, which builder, what name.

Pages call these only when a download is asked for (Streamlit runs a download button's callable on
click), so a rerun of a page reads and builds nothing.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from datetime import date, time, timedelta

from core.dates import mesocycle_date_range
from core.delivery.calendar import calendar_ics
from core.delivery.plan_json import mesocycle_json, program_json
from core.delivery.sheets import Paper, SheetWeek, sheets_pdf
from core.delivery.tables import logs_csv, plan_csv
from core.errors import NotFound
from core.ports import Storage
from core.read_models import ClientRecord, MesocycleSummary
from core.schemas import (
    ClientProfile,
    MesocycleDetailed,
    Microcycle,
    Units,
    effective_units,
    with_units,
)

PDF, ICS, JSON, CSV = "application/pdf", "text/calendar", "application/json", "text/csv"


def file_name(client_name: str, what: str, extension: str) -> str:
    """'alex-example-strength-week-2.pdf': letters, digits and dashes only (any OS, any browser)."""
    words = re.sub(r"[^0-9a-z]+", "-", f"{client_name} {what}".lower()).strip("-")
    return f"{words[:80].rstrip('-') or 'plan'}.{extension}"


def saved_phases(storage: Storage, client_id: uuid.UUID) -> list[MesocycleSummary]:
    """Every block saved for the client, over all their programs (one read)."""
    return storage.client_mesocycles(client_id)


def phase_of_week(phases: Sequence[MesocycleSummary], monday: date) -> MesocycleSummary | None:
    """The saved block with days in the week of ``monday`` (the latest-starting one)."""
    sunday = monday + timedelta(days=6)
    found = [s for s in phases if s.start_date <= sunday and s.end_date >= monday]
    return max(found, key=lambda s: s.start_date) if found else None


def _profile(storage: Storage, client: ClientRecord) -> ClientProfile:
    """The client's profile with the coach's default units filled in: what every file shows."""
    return with_units(client.profile, storage.coach_units())


def _units(storage: Storage, client: ClientRecord) -> Units:
    return effective_units(client.profile, storage.coach_units())


def _week_heading(mesocycle: MesocycleDetailed, micro: Microcycle) -> str:
    name = "Week 0 (transition)" if micro.week_number == 0 else f"Week {micro.week_number}"
    if micro.deload:
        name += " · deload"
    if micro.start_date and micro.end_date:
        name += f" · {micro.start_date:%a %d %b} – {micro.end_date:%a %d %b %Y}"
    return f"{name} of {mesocycle.weeks}"


def mesocycle_pdf(
    storage: Storage,
    client: ClientRecord,
    mesocycle_id: uuid.UUID,
    paper: Paper,
    week_number: int | None = None,
) -> bytes:
    """The block's sheets, or one week's (``week_number``)."""
    mesocycle = storage.get_mesocycle(mesocycle_id)
    weeks = [
        SheetWeek(_week_heading(mesocycle, micro), micro.workouts)
        for micro in mesocycle.microcycles
        if week_number is None or micro.week_number == week_number
    ]
    if not weeks:
        raise NotFound(f"{mesocycle.phase} has no week {week_number}.")
    return sheets_pdf(_profile(storage, client), mesocycle.phase, weeks, paper)


def week_number_of(storage: Storage, mesocycle_id: uuid.UUID, monday: date) -> int | None:
    """The week of the block that overlaps the week of ``monday``."""
    sunday = monday + timedelta(days=6)
    for micro in storage.get_mesocycle(mesocycle_id).microcycles:
        if (
            micro.start_date
            and micro.end_date
            and micro.start_date <= sunday
            and micro.end_date >= monday
        ):
            return micro.week_number
    return None


def week_pdf(
    storage: Storage, client: ClientRecord, mesocycle_id: uuid.UUID, monday: date, paper: Paper
) -> bytes:
    """The sheets of the block's week that overlaps the week of ``monday``."""
    number = week_number_of(storage, mesocycle_id, monday)
    if number is None:
        raise NotFound(f"That block has no sessions in the week of {monday:%d %b %Y}.")
    return mesocycle_pdf(storage, client, mesocycle_id, paper, number)


def mesocycle_ics(
    storage: Storage,
    client: ClientRecord,
    mesocycle_id: uuid.UUID,
    today: date,
    start_time: time | None = None,
) -> bytes:
    """The block's sessions as a one-off calendar file (the feed holds every saved session)."""
    workouts = storage.get_mesocycle(mesocycle_id).workouts()
    return calendar_ics(_profile(storage, client), workouts, today, start_time)


def mesocycle_plan_json(storage: Storage, mesocycle_id: uuid.UUID) -> bytes:
    return mesocycle_json(storage.get_mesocycle(mesocycle_id))


def program_plan_json(storage: Storage, program_id: uuid.UUID) -> bytes:
    """The program's outline and every block saved for it, in program order."""
    record = storage.get_program(program_id)
    saved = sorted(storage.list_mesocycles(program_id), key=lambda s: (s.start_date, s.order_index))
    blocks = [(s.macrocycle_id, s.order_index, storage.get_mesocycle(s.id)) for s in saved]
    event = storage.get_client(record.client_id).profile.event
    end = mesocycle_date_range(record.start_date, record.weeks).end_date
    planned_to = event if event and record.start_date <= event.date <= end else None
    return program_json(record.program, record.start_date, blocks, planned_to)


def mesocycle_csv(storage: Storage, client: ClientRecord, mesocycle_id: uuid.UUID) -> bytes:
    return plan_csv(storage.get_mesocycle(mesocycle_id), _units(storage, client))


def client_logs_csv(storage: Storage, client: ClientRecord) -> bytes:
    """Every set the client logged, with the session each belongs to."""
    titles = {w.id: w.title for w in storage.workouts_for_client(client.id)}
    return logs_csv(storage.client_sets(client.id), titles, _units(storage, client))
