"""The coach overview: three queries over all of one coach's clients, never one per client.

1. ``clients LEFT JOIN workout_instances`` grouped by client: for each of the five weeks of the window
   (four full weeks and the current one) the completed, skipped and missed training sessions, the
   last logged date and how many sessions are stored up to the end of this week. The join reads
   ``ix_workout_instances_client_id_date`` (one index range per client, dates up to this Sunday).
2. The client's phases that end today or later (``ix_mesocycles_client_id``): the one running today
   and the next saved one.

3. The pending autoregulation proposals of the coach's clients (``ix_plan_proposals_client_id_status``):
   their week and how many exercise changes each proposes.

Weeks are bucketed with CASE over date bounds computed here, so the SQL is the same on SQLite and
PostgreSQL. Rest days never count; compliance follows ``core.load.weekly_compliance``: completed and
skipped sessions count whatever their date, scheduled ones only before today (missed).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine, and_, case, func, select
from sqlalchemy.sql import ColumnElement, Select

from core.attention import ClientOverview, WeekCounts, week_starts
from core.schemas import SessionType, WorkoutStatus
from db.models import ClientDB, MesocycleDB, PlanProposalDB, WorkoutInstanceDB
from db.retry import with_retry

_COUNTS = ("completed", "skipped", "missed")

# SQLModel declares no ``__table__`` to type checkers; the metadata holds the same Table objects.
_CLIENTS = ClientDB.metadata.tables[ClientDB.__tablename__]
_MESOCYCLES = MesocycleDB.metadata.tables[MesocycleDB.__tablename__]
_WORKOUTS = WorkoutInstanceDB.metadata.tables[WorkoutInstanceDB.__tablename__]
_PROPOSALS = PlanProposalDB.metadata.tables[PlanProposalDB.__tablename__]


def _client_columns(today: date) -> tuple[list[Any], list[date]]:
    w = _WORKOUTS.c
    mondays = week_starts(today)
    training = w.session_type != SessionType.REST.value
    kinds: dict[str, ColumnElement[bool]] = {
        "completed": w.status == WorkoutStatus.COMPLETED.value,
        "skipped": w.status == WorkoutStatus.SKIPPED.value,
        "missed": and_(w.status == WorkoutStatus.SCHEDULED.value, w.date < today),
    }
    columns: list[Any] = []
    for index, monday in enumerate(mondays):
        in_week = and_(w.date >= monday, w.date < monday + timedelta(days=7), training)
        for kind in _COUNTS:
            columns.append(
                func.coalesce(func.sum(case((and_(in_week, kinds[kind]), 1), else_=0)), 0).label(
                    f"{kind}_{index}"
                )
            )
    logged = w.status != WorkoutStatus.SCHEDULED.value
    columns.append(func.max(case((logged, w.date), else_=None)).label("last_logged"))
    columns.append(func.count(w.id).label("workouts"))
    return columns, mondays


def client_weeks_query(coach_id: uuid.UUID, today: date) -> Select[Any]:
    """Query 1: one row per client of the coach (also clients without any workout)."""
    c = _CLIENTS.c
    w = _WORKOUTS.c
    columns, mondays = _client_columns(today)
    end_of_week = mondays[-1] + timedelta(days=6)
    return (
        select(c.id, c.name, *columns)
        .select_from(
            _CLIENTS.outerjoin(
                _WORKOUTS,
                and_(w.client_id == c.id, w.date <= end_of_week),
            )
        )
        .where(c.coach_id == coach_id, c.archived_at.is_(None))  # archived: off the overview
        .group_by(c.id, c.name)
    )


def phases_query(coach_id: uuid.UUID, today: date) -> Select[Any]:
    """Query 2: the coach's clients' phases that have not ended before today."""
    m = _MESOCYCLES.c
    own = select(_CLIENTS.c.id).where(
        _CLIENTS.c.coach_id == coach_id, _CLIENTS.c.archived_at.is_(None)
    )
    return (
        select(m.client_id, m.phase, m.start_date, m.end_date)
        .where(m.client_id.in_(own), m.end_date >= today)
        .order_by(m.client_id, m.start_date)
    )


def proposals_query(coach_id: uuid.UUID) -> Select[Any]:
    """Query 3: the coach's clients' pending proposals."""
    p = _PROPOSALS.c
    own = select(_CLIENTS.c.id).where(_CLIENTS.c.coach_id == coach_id)
    return select(p.client_id, p.week_start, p["items"]).where(
        p.client_id.in_(own), p.status == "pending"
    )


def coach_overview(engine: Engine, coach_id: uuid.UUID, today: date) -> list[ClientOverview]:
    """Every client of ``coach_id`` with their last five weeks, last log and current phase."""

    def read() -> list[ClientOverview]:
        with engine.connect() as connection:
            client_rows = connection.execute(client_weeks_query(coach_id, today)).all()
            phase_rows = connection.execute(phases_query(coach_id, today)).all()
            proposal_rows = connection.execute(proposals_query(coach_id)).all()
        overviews = _assemble(client_rows, phase_rows, today)
        pending: dict[uuid.UUID, list[tuple[date, int]]] = {}
        for row in proposal_rows:
            count = sum(len(item["exercises"]) for item in row.items)
            week = _as_date(row.week_start)
            assert week is not None
            pending.setdefault(row.client_id, []).append((week, count))
        return [
            replace(
                item,
                proposed=sum(count for _, count in pending.get(item.client_id, [])),
                proposed_week=min((w for w, _ in pending.get(item.client_id, [])), default=None),
            )
            for item in overviews
        ]

    return with_retry(read, what="load the coach overview")


def _assemble(
    client_rows: Sequence[Any], phase_rows: Sequence[Any], today: date
) -> list[ClientOverview]:
    mondays = week_starts(today)
    phases: dict[uuid.UUID, list[Any]] = {}
    for row in phase_rows:
        phases.setdefault(row.client_id, []).append(row)
    result = []
    for row in client_rows:
        data = row._mapping
        weeks = tuple(
            WeekCounts(
                monday,
                int(data[f"completed_{i}"]),
                int(data[f"skipped_{i}"]),
                int(data[f"missed_{i}"]),
            )
            for i, monday in enumerate(mondays)
        )
        current = next((p for p in phases.get(row.id, []) if p.start_date <= today), None)
        upcoming = [p.start_date for p in phases.get(row.id, []) if p.start_date > today]
        result.append(
            ClientOverview(
                client_id=row.id,
                name=row.name,
                weeks=weeks,
                last_logged=_as_date(data["last_logged"]),
                phase=current.phase if current else None,
                phase_start=current.start_date if current else None,
                phase_end=current.end_date if current else None,
                next_phase_start=min(upcoming) if upcoming else None,
                workouts=int(data["workouts"]),
            )
        )
    result.sort(key=lambda item: item.name.lower())
    return result


def _as_date(value: Any) -> date | None:
    """SQLite hands MAX() over a date column back as text."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
