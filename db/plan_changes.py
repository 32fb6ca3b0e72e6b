"""Changes to a saved plan's future on SQL: each applied and recorded as a revision in the caller's
write transaction, refused there (with the rows locked) when the workout has been logged.

A logged workout can never be edited, moved or removed: the workout's row is taken ``FOR UPDATE``
(PostgreSQL; on SQLite the write transaction holds the file's write lock from ``BEGIN``), its
status checked, and every UPDATE or DELETE repeats ``status = 'scheduled'`` in its WHERE, so a log
landing in between is never overwritten or deleted whatever order the writes take.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import CursorResult, delete, insert, update
from sqlmodel import col, select

from core.errors import Conflict, NotFound
from core.plan_changes import (
    LOGGED,
    Author,
    ChangeKind,
    PlanChange,
    applied,
    outside_phase,
    snapshot,
)
from core.schemas import WorkoutStatus
from db.models import MesocycleDB, MicrocycleDB, PlanRevisionDB, WorkoutInstanceDB, utc_now
from db.repositories import BaseRepository

GONE = (
    "That workout is no longer in this phase; reload to see the current plan. Nothing was changed."
)
_ROW_FIELDS = tuple(WorkoutInstanceDB.model_fields)


class PlanChangeRepository(BaseRepository):
    def apply_changes(
        self, mesocycle_id: uuid.UUID, changes: Sequence[PlanChange], author: Author
    ) -> None:
        meso = self._owned(MesocycleDB, mesocycle_id)
        if meso is None:
            raise NotFound("That phase no longer exists; nothing was changed.")
        weeks = list(
            self.session.exec(
                select(MicrocycleDB).where(col(MicrocycleDB.mesocycle_id) == mesocycle_id)
            )
        )
        week_ids = {week.id for week in weeks}
        for change in changes:
            row = self.session.exec(
                select(WorkoutInstanceDB)
                .where(
                    col(WorkoutInstanceDB.id) == change.workout_id, self._mine(WorkoutInstanceDB)
                )
                .with_for_update()
            ).first()
            if row is None or row.microcycle_id not in week_ids:
                raise NotFound(GONE)
            before = {name: getattr(row, name) for name in _ROW_FIELDS}
            if change.kind != ChangeKind.ADD and row.status != WorkoutStatus.SCHEDULED.value:
                raise Conflict(LOGGED.format(title=row.title, day=row.date))
            after = applied(before, change)
            if change.kind in (ChangeKind.MOVE, ChangeKind.ADD):
                after.update(self._place(meso, weeks, after, change))
            if change.kind == ChangeKind.ADD:
                self.session.exec(
                    insert(WorkoutInstanceDB.__table__).values(
                        **{
                            **after,
                            "status": WorkoutStatus.SCHEDULED.value,
                            "completed_at": None,
                            "session_rpe": None,
                            "actual_minutes": None,
                            "log_note": None,
                            "logged_by": None,
                            "created_at": utc_now(),
                            "updated_at": utc_now(),
                        }
                    )
                )
            elif change.kind == ChangeKind.REMOVE:
                self._check(
                    self.session.exec(delete(WorkoutInstanceDB).where(*self._unlogged(row.id))),
                    row,
                )
            else:
                values = {
                    name: after[name]
                    for name in ("microcycle_id", "date", "day_slot", *change.fields)
                }
                self._check(
                    self.session.exec(
                        update(WorkoutInstanceDB)
                        .where(*self._unlogged(row.id))
                        .values(**values, updated_at=utc_now())
                    ),
                    row,
                )
            self.session.exec(
                insert(PlanRevisionDB.__table__).values(
                    id=uuid.uuid4(),
                    mesocycle_id=mesocycle_id,
                    client_id=row.client_id,
                    workout_id=change.new_id or row.id,
                    coach_id=author.coach_id,
                    author=author.name[:120],
                    kind=change.kind.value,
                    summary=change.summary[:300],
                    before=None if change.kind == ChangeKind.ADD else snapshot(before),
                    after=None if change.kind == ChangeKind.REMOVE else snapshot(after),
                    created_at=utc_now(),
                )
            )

    def mesocycle_of_workout(self, workout_id: uuid.UUID) -> MesocycleDB:
        statement = (
            select(MesocycleDB)
            .join(MicrocycleDB, col(MicrocycleDB.mesocycle_id) == MesocycleDB.id)
            .join(WorkoutInstanceDB, col(WorkoutInstanceDB.microcycle_id) == MicrocycleDB.id)
            .where(col(WorkoutInstanceDB.id) == workout_id, self._mine(MesocycleDB))
        )
        meso = self.session.exec(statement).first()
        if meso is None:
            raise NotFound(GONE)
        return meso

    def revisions(self, mesocycle_id: uuid.UUID) -> list[PlanRevisionDB]:
        statement = (
            select(PlanRevisionDB)
            .where(col(PlanRevisionDB.mesocycle_id) == mesocycle_id, self._mine(PlanRevisionDB))
            .order_by(col(PlanRevisionDB.created_at))
        )
        return list(self.session.exec(statement))

    def _place(
        self,
        meso: MesocycleDB,
        weeks: list[MicrocycleDB],
        row: dict[str, Any],
        change: PlanChange,
    ) -> dict[str, Any]:
        """The week and free slot of the day a workout is moved or copied to."""
        day = row["date"]
        if refusal := outside_phase(day, meso.start_date, meso.end_date):
            raise Conflict(refusal)
        week = next(w for w in weeks if w.start_date <= day <= w.end_date)
        # A moved workout leaves its own slot free; a copy sits beside its source.
        moving = change.workout_id if change.kind == ChangeKind.MOVE else None
        slots = self.session.exec(
            select(WorkoutInstanceDB.day_slot).where(
                col(WorkoutInstanceDB.microcycle_id) == week.id,
                col(WorkoutInstanceDB.date) == day,
                col(WorkoutInstanceDB.id) != moving,
            )
        ).all()
        return {"microcycle_id": week.id, "day_slot": max(slots, default=-1) + 1}

    def _unlogged(self, workout_id: uuid.UUID) -> tuple[Any, ...]:
        return (
            col(WorkoutInstanceDB.id) == workout_id,
            col(WorkoutInstanceDB.status) == WorkoutStatus.SCHEDULED.value,
            self._mine(WorkoutInstanceDB),
        )

    @staticmethod
    def _check(result: Any, row: WorkoutInstanceDB) -> None:
        if cast(CursorResult[Any], result).rowcount != 1:
            raise Conflict(LOGGED.format(title=row.title, day=row.date))
