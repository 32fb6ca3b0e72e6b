"""Repositories: the spec's methods in snake_case, plus the client and program reads the UI needs.

Every repository is bound to one coach: each query that reads or changes client data is filtered
to that coach's clients, so another coach's client, program, mesocycle or workout is "not found".
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, update
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from core.errors import NotFound
from core.schemas import KeyValuePair, WorkoutStatus, pairs_to_dict
from db.models import (
    ClientDB,
    FitnessProgramDB,
    MesocycleDB,
    MicrocycleDB,
    WorkoutInstanceDB,
    utc_now,
)
from db.prepared import (
    CLIENT_PROFILE,
    CLIENT_PROFILES,
    CLIENTS,
    INSERT_CLIENT,
    INSERT_PROGRAM,
    OWN_CLIENT,
    SAVE_CHECKS,
    WORKOUTS_STAMP,
)


class BaseRepository:
    def __init__(self, session: Session, coach_id: uuid.UUID) -> None:
        self.session = session
        self.coach_id = coach_id

    def _own_client_ids(self) -> SelectOfScalar[uuid.UUID]:
        """This coach's client ids, as a subquery every client-data query filters on."""
        return select(ClientDB.id).where(ClientDB.coach_id == self.coach_id)

    def _owns_client(self, client_id: uuid.UUID) -> bool:
        rows = self.session.connection().execute(
            OWN_CLIENT, {"client": client_id, "coach": self.coach_id}
        )
        return rows.first() is not None

    def _add_for_client(
        self, row: Any, parent: Any = None, parent_id: uuid.UUID | None = None
    ) -> uuid.UUID:
        """Insert a row of client data, refusing a client that is not this coach's.

        With ``parent`` (the program of a mesocycle, the mesocycle of a week, the week of a
        workout), the parent row must be this coach's too and belong to the same client: else
        another coach's program could be given rows of this coach's client.
        """
        if not self._owns_client(row.client_id):
            raise NotFound("That client does not exist; nothing was saved.")
        if parent is not None:
            owner = None if parent_id is None else self._owned(parent, parent_id)
            if owner is None or owner.client_id != row.client_id:
                raise NotFound("That program, phase or week does not exist; nothing was saved.")
        return self._add(row)

    def _mine(self, model: Any) -> Any:
        """A WHERE clause: the row belongs to one of this coach's clients."""
        return col(model.client_id).in_(self._own_client_ids())

    def _owned(self, model: Any, row_id: uuid.UUID) -> Any:
        """The row with this id if it belongs to one of this coach's clients, else None."""
        statement = select(model).where(model.id == row_id, self._mine(model))
        return self.session.exec(statement).first()

    def _add(self, row: Any) -> uuid.UUID:
        self.session.add(row)
        self.session.flush()
        return row.id


class ClientRepository(BaseRepository):
    def create_client(self, name: str, profile: dict[str, Any]) -> uuid.UUID:
        """One INSERT on the session's connection (no ORM object, no flush); the new id."""
        client_id, stamp = uuid.uuid4(), utc_now()
        row = {"id": client_id, "coach_id": self.coach_id, "name": name, "profile": profile}
        self.session.connection().execute(
            INSERT_CLIENT, {**row, "created_at": stamp, "updated_at": stamp}
        )
        return client_id

    def get_client(self, client_id: uuid.UUID) -> ClientDB | None:
        statement = select(ClientDB).where(
            ClientDB.id == client_id, ClientDB.coach_id == self.coach_id
        )
        return self.session.exec(statement).first()

    def client_profile(self, client_id: uuid.UUID) -> dict[str, Any] | None:
        """``get_client``'s profile column alone (None for another coach's client): a client
        record needs no more, and loading a whole ORM row cost as much again as the query."""
        rows = self.session.connection().execute(
            CLIENT_PROFILE, {"client": client_id, "coach": self.coach_id}
        )
        return rows.scalar()

    def find_client_by_name(self, name: str) -> ClientDB | None:
        if "\x00" in name:
            return (
                None  # no stored name holds NUL (profiles refuse it); PostgreSQL can't compare it
            )
        statement = select(ClientDB).where(
            ClientDB.coach_id == self.coach_id,
            func.lower(ClientDB.name) == name.strip().lower(),
        )
        return self.session.exec(statement.order_by(col(ClientDB.created_at))).first()

    def list_clients(self, search: str = "", archived: bool = False) -> list[ClientDB]:
        """The coach's active clients (or, with ``archived``, the archived ones) by name."""
        search = search.replace("\x00", "")  # never in a name; PostgreSQL can't compare it
        statement = CLIENTS[archived]
        if search.strip():
            statement = statement.where(
                col(ClientDB.name).icontains(search.strip(), autoescape=True)
            )
        return list(self.session.exec(statement, params={"coach": self.coach_id}))

    def client_profiles(self, archived: bool = False) -> list[tuple[uuid.UUID, dict[str, Any]]]:
        """``list_clients()`` as (id, profile) pairs: the sidebar's picker reads them on every
        run, and loading whole rows through the ORM cost as much again as the query."""
        rows = self.session.connection().execute(
            CLIENT_PROFILES[archived], {"coach": self.coach_id}
        )
        return [(client_id, profile) for client_id, profile in rows]

    def update_client(self, client_id: uuid.UUID, name: str, profile: dict[str, Any]) -> None:
        client = self.get_client(client_id)
        if client is None:
            raise NotFound("That client no longer exists.")
        client.name, client.profile, client.updated_at = name, profile, utc_now()
        self.session.add(client)
        self.session.flush()

    def set_archived(self, client_id: uuid.UUID, archived: bool) -> None:
        """Archive (hide, keep every row) or restore one of the coach's clients."""
        client = self.get_client(client_id)
        if client is None:
            raise NotFound("That client no longer exists.")
        client.archived_at = utc_now() if archived else None
        self.session.add(client)
        self.session.flush()

    def delete_client(self, client_id: uuid.UUID) -> None:
        """The client and every row of theirs (programs, plans, logs, links, revisions: the
        foreign keys cascade), in the caller's one transaction."""
        client = self.get_client(client_id)
        if client is None:
            raise NotFound("That client no longer exists.")
        self.session.delete(client)
        self.session.flush()

    def count_clients(self, archived: bool = False) -> int:
        """How many clients ``list_clients`` lists: the active ones, or the archived ones."""
        statement = (
            select(func.count())
            .select_from(ClientDB)
            .where(
                ClientDB.coach_id == self.coach_id,
                col(ClientDB.archived_at).is_not(None)
                if archived
                else col(ClientDB.archived_at).is_(None),
            )
        )
        return self.session.exec(statement).one()


class FitnessProgramRepository(BaseRepository):
    def create_program(self, data: FitnessProgramDB) -> uuid.UUID:
        return self.add_program(data.model_dump(exclude={"id", "created_at", "updated_at"}))

    def add_program(self, values: dict[str, Any]) -> uuid.UUID:
        """Insert a program (its columns but the id and timestamps) for one of this coach's
        clients: the ownership check and one INSERT, no ORM object; the new id."""
        if not self._owns_client(values["client_id"]):
            raise NotFound("That client does not exist; nothing was saved.")
        program_id, stamp = uuid.uuid4(), utc_now()
        self.session.connection().execute(
            INSERT_PROGRAM,
            {**values, "id": program_id, "created_at": stamp, "updated_at": stamp},
        )
        return program_id

    def get_program(self, program_id: uuid.UUID) -> FitnessProgramDB | None:
        return self._owned(FitnessProgramDB, program_id)

    def get_programs_by_client_id(self, client_id: uuid.UUID) -> list[FitnessProgramDB]:
        statement = (
            select(FitnessProgramDB)
            .where(
                FitnessProgramDB.client_id == client_id,
                self._mine(FitnessProgramDB),
            )
            .order_by(col(FitnessProgramDB.created_at).desc())
        )
        return list(self.session.exec(statement))


@dataclass(frozen=True)
class SaveChecks:
    """What a save must know before inserting, read in one round trip."""

    program_client_id: uuid.UUID
    client_exists: bool
    already_stored: bool
    phase_mesocycle_id: uuid.UUID | None


class MesocycleRepository(BaseRepository):
    def create_mesocycle(self, data: MesocycleDB) -> uuid.UUID:
        return self._add_for_client(data, FitnessProgramDB, data.fitness_program_id)

    def get_mesocycle_by_id(self, mesocycle_id: uuid.UUID) -> MesocycleDB | None:
        return self._owned(MesocycleDB, mesocycle_id)

    def get_mesocycles_by_program_id(self, program_id: uuid.UUID) -> list[MesocycleDB]:
        statement = (
            select(MesocycleDB)
            .where(MesocycleDB.fitness_program_id == program_id, self._mine(MesocycleDB))
            .order_by(col(MesocycleDB.macrocycle_id), col(MesocycleDB.order_index))
        )
        return list(self.session.exec(statement))

    def get_mesocycles_by_client_id(self, client_id: uuid.UUID) -> list[MesocycleDB]:
        """Every phase saved for a client, over all their programs, by start date: one query."""
        statement = (
            select(MesocycleDB)
            .where(MesocycleDB.client_id == client_id, self._mine(MesocycleDB))
            .order_by(col(MesocycleDB.start_date), col(MesocycleDB.order_index))
        )
        return list(self.session.exec(statement))

    def get_mesocycles_by_macrocycle_id(self, macrocycle_id: str) -> list[MesocycleDB]:
        statement = (
            select(MesocycleDB)
            .where(MesocycleDB.macrocycle_id == macrocycle_id, self._mine(MesocycleDB))
            .order_by(col(MesocycleDB.order_index))
        )
        return list(self.session.exec(statement))

    def get_mesocycle_for_phase(
        self, program_id: uuid.UUID, macrocycle_id: str, order_index: int
    ) -> MesocycleDB | None:
        statement = select(MesocycleDB).where(
            MesocycleDB.fitness_program_id == program_id,
            MesocycleDB.macrocycle_id == macrocycle_id,
            MesocycleDB.order_index == order_index,
            self._mine(MesocycleDB),
        )
        return self.session.exec(statement).first()

    def get_save_checks(
        self,
        mesocycle_id: uuid.UUID,
        client_id: uuid.UUID,
        program_id: uuid.UUID,
        macrocycle_id: str,
        order_index: int,
    ) -> SaveChecks | None:
        """The program's client, whether the client and this id exist, the phase's mesocycle.

        None when the program does not exist for this coach. One query instead of four keeps a
        save close to the raw driver's cost.
        """
        # Scoped too: another coach's mesocycle with this id is not "already stored" for this one.
        row = (
            self.session.connection()
            .execute(
                SAVE_CHECKS,
                {
                    "program": program_id,
                    "coach": self.coach_id,
                    "client": client_id,
                    "mesocycle": mesocycle_id,
                    "macrocycle": macrocycle_id,
                    "order_index": order_index,
                },
            )
            .first()
        )
        if row is None:
            return None
        return SaveChecks(row[0], bool(row[1]), bool(row[2]), row[3])

    def lock_for_replace(self, mesocycle_id: uuid.UUID) -> int:
        """Lock the mesocycle and its workouts until the transaction ends; return how many are
        logged (completed or skipped).

        On PostgreSQL the rows are taken ``FOR UPDATE``, so a coach logging one of these
        workouts waits for the replace (and then finds it gone) instead of slipping in between
        this check and the delete. On SQLite the write transaction already holds the file's
        write lock (``BEGIN IMMEDIATE``) and FOR UPDATE is not rendered.
        """
        self.session.execute(
            select(MesocycleDB.id)
            .where(MesocycleDB.id == mesocycle_id, self._mine(MesocycleDB))
            .with_for_update()
        )
        statuses = self.session.execute(
            select(WorkoutInstanceDB.status)
            .join(MicrocycleDB, col(MicrocycleDB.id) == WorkoutInstanceDB.microcycle_id)
            .where(MicrocycleDB.mesocycle_id == mesocycle_id, self._mine(WorkoutInstanceDB))
            .with_for_update(of=WorkoutInstanceDB)
        ).scalars()
        return sum(status != WorkoutStatus.SCHEDULED.value for status in statuses)

    def delete_unlogged_mesocycle(self, mesocycle_id: uuid.UUID) -> bool:
        """Delete the mesocycle only if none of its workouts is logged; False (nothing deleted
        once the transaction rolls back) if one is.

        Scheduled workouts go first, by status, and the mesocycle (whose cascade takes its weeks
        and whatever workouts are left) only where none is left: the conditions are evaluated by
        the database on the rows as they are when deleted, so a logged workout is never deleted
        whichever order concurrent writes land in.
        """
        workouts = WorkoutInstanceDB.__table__
        weeks = select(MicrocycleDB.id).where(MicrocycleDB.mesocycle_id == mesocycle_id)
        self.session.execute(
            delete(workouts).where(
                workouts.c.microcycle_id.in_(weeks),
                workouts.c.status == WorkoutStatus.SCHEDULED.value,
                workouts.c.client_id.in_(self._own_client_ids()),
            )
        )
        left = select(workouts.c.id).where(workouts.c.microcycle_id.in_(weeks)).exists()
        mesocycles = MesocycleDB.__table__
        result = self.session.execute(
            delete(mesocycles).where(
                mesocycles.c.id == mesocycle_id,
                mesocycles.c.client_id.in_(self._own_client_ids()),
                ~left,
            )
        )
        return cast(CursorResult[Any], result).rowcount == 1

    def delete_mesocycle(self, mesocycle_id: uuid.UUID) -> None:
        row = self.get_mesocycle_by_id(mesocycle_id)
        if row is not None:
            self.session.delete(row)
            self.session.flush()


class MicrocycleRepository(BaseRepository):
    def create_microcycle(self, data: MicrocycleDB) -> uuid.UUID:
        return self._add_for_client(data, MesocycleDB, data.mesocycle_id)

    def get_microcycles_by_mesocycle_id(self, mesocycle_id: uuid.UUID) -> list[MicrocycleDB]:
        statement = (
            select(MicrocycleDB)
            .where(MicrocycleDB.mesocycle_id == mesocycle_id, self._mine(MicrocycleDB))
            .order_by(col(MicrocycleDB.week_number))
        )
        return list(self.session.exec(statement))

    def update_microcycle_metrics(self, id: uuid.UUID, metrics: list[KeyValuePair]) -> None:
        result = self.session.exec(
            update(MicrocycleDB)
            .where(col(MicrocycleDB.id) == id, self._mine(MicrocycleDB))
            .values(metrics=pairs_to_dict(metrics), updated_at=utc_now())
        )
        if result.rowcount == 0:
            raise NotFound("That week no longer exists.")


class WorkoutInstanceRepository(BaseRepository):
    def create_workout_instance(self, data: WorkoutInstanceDB) -> uuid.UUID:
        return self._add_for_client(data, MicrocycleDB, data.microcycle_id)

    def get_workout(self, workout_id: uuid.UUID) -> WorkoutInstanceDB | None:
        return self._owned(WorkoutInstanceDB, workout_id)

    def get_workouts_by_microcycle_id(self, microcycle_id: uuid.UUID) -> list[WorkoutInstanceDB]:
        statement = (
            select(WorkoutInstanceDB)
            .where(WorkoutInstanceDB.microcycle_id == microcycle_id, self._mine(WorkoutInstanceDB))
            .order_by(col(WorkoutInstanceDB.date), col(WorkoutInstanceDB.day_slot))
        )
        return list(self.session.exec(statement))

    def get_workouts_by_mesocycle_id(self, mesocycle_id: uuid.UUID) -> list[WorkoutInstanceDB]:
        """A mesocycle's workouts in calendar order, in one query over its weeks."""
        weeks = select(MicrocycleDB.id).where(MicrocycleDB.mesocycle_id == mesocycle_id)
        statement = (
            select(WorkoutInstanceDB)
            .where(col(WorkoutInstanceDB.microcycle_id).in_(weeks), self._mine(WorkoutInstanceDB))
            .order_by(col(WorkoutInstanceDB.date), col(WorkoutInstanceDB.day_slot))
        )
        return list(self.session.exec(statement))

    def get_workouts_for_client(
        self, client_id: uuid.UUID, start: date | None = None, end: date | None = None
    ) -> list[WorkoutInstanceDB]:
        """A client's workouts in a date range (both ends included), in calendar order; none for
        another coach's client. One statement: the ownership check is its subquery."""
        statement = select(WorkoutInstanceDB).where(
            WorkoutInstanceDB.client_id == client_id, self._mine(WorkoutInstanceDB)
        )
        if start is not None:
            statement = statement.where(WorkoutInstanceDB.date >= start)
        if end is not None:
            statement = statement.where(WorkoutInstanceDB.date <= end)
        statement = statement.order_by(col(WorkoutInstanceDB.date), col(WorkoutInstanceDB.day_slot))
        return list(self.session.exec(statement))

    def workouts_stamp(self, client_id: uuid.UUID) -> tuple[Any, ...]:
        """(count, first date, last date, newest created_at, newest updated_at) of a client's
        workouts, in one aggregate statement; (0, None, None, None, None) for another coach's client.
        """
        # Core columns only (SQLAlchemy's select: SQLModel's is typed for at most four), so the
        # session's connection runs it without the ORM's execution path (half the time again).
        row = self.session.connection().execute(
            WORKOUTS_STAMP, {"client": client_id, "coach": self.coach_id}
        )
        return tuple(row.one())

    def count_logged_workouts(self, mesocycle_id: uuid.UUID) -> int:
        """Completed or skipped workouts of a mesocycle: history a replan must never delete."""
        statement = (
            select(func.count())
            .select_from(WorkoutInstanceDB)
            .join(MicrocycleDB, col(MicrocycleDB.id) == WorkoutInstanceDB.microcycle_id)
            .where(
                MicrocycleDB.mesocycle_id == mesocycle_id,
                col(WorkoutInstanceDB.status) != WorkoutStatus.SCHEDULED.value,
                self._mine(WorkoutInstanceDB),
            )
        )
        return self.session.exec(statement).one()

    def update_workout_status(
        self,
        id: uuid.UUID,
        status: WorkoutStatus | str,
        session_rpe: float | None = None,
        actual_minutes: int | None = None,
    ) -> None:
        """Mark a workout; completion stamps ``completed_at`` and keeps the coach's RPE and minutes."""
        status = WorkoutStatus(status)
        completed = status == WorkoutStatus.COMPLETED
        result = self.session.exec(
            update(WorkoutInstanceDB)
            .where(col(WorkoutInstanceDB.id) == id, self._mine(WorkoutInstanceDB))
            .values(
                status=status.value,
                completed_at=utc_now() if completed else None,
                session_rpe=session_rpe if completed else None,
                actual_minutes=actual_minutes if completed else None,
                updated_at=utc_now(),
            )
        )
        if result.rowcount == 0:
            # Another coach's workout reads the same: nothing here tells whether an id exists.
            raise NotFound(
                "That workout no longer exists: its phase was replaced by a new plan, or it was "
                "removed. Reload to see the current workouts; nothing was logged."
            )
