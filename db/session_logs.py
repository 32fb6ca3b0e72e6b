"""Per-set logs on SQL: a workout's log written in one transaction, its sets and its history read.

Writing a log is a bounded number of statements whatever the client's history: the workout's row
(checked to be this coach's), one UPDATE of it, one DELETE and one batched INSERT of its sets, one
INSERT of the revision that keeps this version.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import delete, func, insert, update
from sqlalchemy import select as sa_select
from sqlmodel import col, select

from core.errors import NotFound
from core.load.e1rm import DatedSet
from core.schemas import WorkoutStatus
from core.session_log import SessionLog, SetResult
from db.models import SetLogDB, WorkoutInstanceDB, WorkoutLogRevisionDB, utc_now
from db.repositories import BaseRepository

_SET_FIELDS = tuple(SetResult.model_fields)
_HEAVIEST_FIELDS = ("exercise_index", "exercise", "set_number", "reps", "load_kg", "rir", "rpe")
GONE = (
    "That workout no longer exists: its phase was replaced by a new plan, or it was removed. "
    "Reload to see the current workouts; nothing was logged."
)


class SessionLogRepository(BaseRepository):
    def record_log(self, workout_id: uuid.UUID, log: SessionLog, logged_by: str) -> None:
        """Replace the workout's current log (its numbers and sets) and keep this version."""
        workout = self._locked(workout_id)
        completed = log.status == WorkoutStatus.COMPLETED
        self.session.exec(
            update(WorkoutInstanceDB)
            .where(col(WorkoutInstanceDB.id) == workout_id)
            .values(
                status=log.status.value,
                completed_at=utc_now() if completed else None,
                session_rpe=log.session_rpe if completed else None,
                actual_minutes=log.minutes if completed else None,
                log_note=log.note,
                logged_by=logged_by,
                updated_at=utc_now(),
            )
        )
        self._replace_sets(workout, log.sets)
        self.session.exec(
            insert(WorkoutLogRevisionDB.__table__).values(
                id=uuid.uuid4(),
                workout_id=workout_id,
                logged_by=logged_by,
                log=log.model_dump(mode="json"),
                created_at=utc_now(),
            )
        )

    def clear_log(self, workout_id: uuid.UUID) -> None:
        """Back to scheduled: the current sets go, the revisions (the history) stay."""
        workout = self._locked(workout_id)
        self.session.exec(
            update(WorkoutInstanceDB)
            .where(col(WorkoutInstanceDB.id) == workout_id)
            .values(
                status=WorkoutStatus.SCHEDULED.value,
                completed_at=None,
                session_rpe=None,
                actual_minutes=None,
                log_note=None,
                logged_by=None,
                updated_at=utc_now(),
            )
        )
        self._replace_sets(workout, [])

    def _locked(self, workout_id: uuid.UUID) -> WorkoutInstanceDB:
        """The workout's row, locked until the transaction ends (PostgreSQL ``FOR UPDATE``; SQLite
        holds its write lock from ``BEGIN``): a plan change or removal committing meanwhile is
        waited for and then seen, so the log is never written against a deleted row."""
        workout = self.session.exec(
            select(WorkoutInstanceDB)
            .where(col(WorkoutInstanceDB.id) == workout_id, self._mine(WorkoutInstanceDB))
            .with_for_update()
        ).first()
        if workout is None:
            raise NotFound(GONE)
        return workout

    def _replace_sets(self, workout: WorkoutInstanceDB, sets: list[SetResult]) -> None:
        self.session.exec(delete(SetLogDB).where(col(SetLogDB.workout_id) == workout.id))
        if sets:
            self.session.exec(
                insert(SetLogDB.__table__),
                params=[_set_row(workout, result) for result in sets],
            )

    def sets_for_workout(self, workout_id: uuid.UUID) -> list[SetLogDB]:
        statement = (
            select(SetLogDB)
            .where(col(SetLogDB.workout_id) == workout_id, self._mine(SetLogDB))
            .order_by(col(SetLogDB.exercise_index), col(SetLogDB.set_number))
        )
        return list(self.session.exec(statement))

    def sets_for_client(
        self, client_id: uuid.UUID, start: date | None = None, end: date | None = None
    ) -> list[DatedSet]:
        """The client's logged sets by day. Columns, not ORM rows: a year of logs is thousands of
        sets, and building an entity per row cost ten times the query (bench/bench_pages.py)."""
        columns = [col(SetLogDB.performed_on), col(SetLogDB.workout_id)]
        columns += [col(getattr(SetLogDB, name)) for name in _SET_FIELDS]
        statement = select(*columns).where(
            col(SetLogDB.client_id) == client_id, self._mine(SetLogDB)
        )
        if start is not None:
            statement = statement.where(col(SetLogDB.performed_on) >= start)
        if end is not None:
            statement = statement.where(col(SetLogDB.performed_on) <= end)
        statement = statement.order_by(
            col(SetLogDB.performed_on), col(SetLogDB.exercise_index), col(SetLogDB.set_number)
        )
        return [
            # written from a validated SetResult (record_log), so read back without validating again
            DatedSet(
                row[0],
                SetResult.model_construct(**dict(zip(_SET_FIELDS, row[2:], strict=True))),
                row[1],
            )
            for row in self.session.execute(statement)
        ]

    def heaviest_sets_for_client(self, client_id: uuid.UUID) -> list[DatedSet]:
        """``core.load.e1rm.heaviest_sets`` of ``sets_for_client``, grouped in the database: per
        day, lift, reps and effort the heaviest load (the group's first exercise index and set
        number, no workout id), by day. A year of logs is about a fifth as many rows to build."""
        reps, load = col(SetLogDB.reps), col(SetLogDB.load_kg)
        effort = col(SetLogDB.rir), col(SetLogDB.rpe)
        day, exercise = col(SetLogDB.performed_on), col(SetLogDB.exercise)
        statement = (
            sa_select(  # sqlmodel's select types at most four columns
                day,
                func.min(col(SetLogDB.exercise_index)),
                exercise,
                func.min(col(SetLogDB.set_number)),
                reps,
                func.max(load),
                *effort,
            )
            .where(
                col(SetLogDB.client_id) == client_id,
                self._mine(SetLogDB),
                reps > 0,
                load.is_not(None),
            )
            .group_by(day, exercise, reps, *effort)
            .order_by(day, exercise)
        )
        return [
            DatedSet(
                row[0],
                SetResult.model_construct(**dict(zip(_HEAVIEST_FIELDS, row[1:], strict=True))),
            )
            for row in self.session.execute(statement)
        ]

    def tonnage_by_workout(self, client_id: uuid.UUID) -> dict[str, float]:
        """Σ reps × kg of the loaded sets logged in each of the client's workouts, by workout id as
        text (``core.load.e1rm.tonnage_by_workout`` of ``sets_for_client``, summed in the database):
        a row per logged workout rather than per set."""
        reps, load = col(SetLogDB.reps), col(SetLogDB.load_kg)
        statement = (
            select(col(SetLogDB.workout_id), func.sum(reps * load))
            .where(
                col(SetLogDB.client_id) == client_id,
                self._mine(SetLogDB),
                reps.is_not(None),
                load.is_not(None),
            )
            .group_by(col(SetLogDB.workout_id))
        )
        return {str(row[0]): float(row[1]) for row in self.session.execute(statement)}

    def revisions(self, workout_id: uuid.UUID) -> list[WorkoutLogRevisionDB]:
        if self._owned(WorkoutInstanceDB, workout_id) is None:
            raise NotFound(GONE)
        statement = (
            select(WorkoutLogRevisionDB)
            .where(col(WorkoutLogRevisionDB.workout_id) == workout_id)
            .order_by(col(WorkoutLogRevisionDB.created_at))
        )
        return list(self.session.exec(statement))


def _set_row(workout: WorkoutInstanceDB, result: SetResult) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "workout_id": workout.id,
        "client_id": workout.client_id,
        "performed_on": workout.date,
        **{name: getattr(result, name) for name in _SET_FIELDS},
    }


def set_result(row: SetLogDB) -> SetResult:
    return SetResult.model_validate({name: getattr(row, name) for name in _SET_FIELDS})
