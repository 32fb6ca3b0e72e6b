"""Statements built once per process, their coach and rows as bound parameters.

SQLAlchemy caches a statement's SQL by its cache key, but working that key out for a freshly built
statement costs about as much as running the query on SQLite (a select with subqueries: several
tenths of a millisecond); a statement built once keeps its key. Executing one without a value for a
bound parameter raises, so none can read or write unfiltered.

The repositories run them on the session's connection (``session.connection().execute``): the same
transaction, without the ORM's execution path (object loading, autoflush), which cost as much again.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Insert, Select, bindparam, func, insert
from sqlalchemy import select as sa_select
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from db.models import ClientDB, FitnessProgramDB, MesocycleDB, MicrocycleDB, WorkoutInstanceDB


def _coach_clients(archived: bool) -> Any:
    """The WHERE clause of a coach's active (or archived) clients; the coach is ``coach``."""
    return (
        col(ClientDB.coach_id) == bindparam("coach"),
        col(ClientDB.archived_at).is_not(None) if archived else col(ClientDB.archived_at).is_(None),
    )


def _active_clients(archived: bool) -> SelectOfScalar[ClientDB]:
    """A coach's active (or archived) clients by name."""
    return select(ClientDB).where(*_coach_clients(archived)).order_by(func.lower(ClientDB.name))


def _client_profiles(archived: bool) -> Select[tuple[uuid.UUID, dict[str, Any]]]:
    """``_active_clients``' id and profile columns only."""
    return (
        sa_select(col(ClientDB.id), col(ClientDB.profile))
        .where(*_coach_clients(archived))
        .order_by(func.lower(ClientDB.name))
    )


def _own_client_ids() -> SelectOfScalar[uuid.UUID]:
    """The coach's client ids, as the subquery every client-data statement filters on."""
    return select(ClientDB.id).where(ClientDB.coach_id == bindparam("coach"))


CLIENTS = {archived: _active_clients(archived) for archived in (False, True)}
CLIENT_PROFILES = {archived: _client_profiles(archived) for archived in (False, True)}

CLIENT_PROFILE = sa_select(col(ClientDB.profile)).where(
    col(ClientDB.id) == bindparam("client"), col(ClientDB.coach_id) == bindparam("coach")
)
"""One client's profile, if the client is the coach's (``client``, ``coach``)."""

OWN_CLIENT = sa_select(col(ClientDB.id)).where(
    col(ClientDB.id) == bindparam("client"), col(ClientDB.coach_id) == bindparam("coach")
)
"""A row when the client (``client``) is the coach's (``coach``), none otherwise."""

WORKOUTS_STAMP = sa_select(
    func.count(),
    func.min(WorkoutInstanceDB.date),
    func.max(WorkoutInstanceDB.date),
    func.max(WorkoutInstanceDB.created_at),
    func.max(WorkoutInstanceDB.updated_at),
).where(
    col(WorkoutInstanceDB.client_id) == bindparam("client"),
    col(WorkoutInstanceDB.client_id).in_(_own_client_ids()),
)


def _coach_owns(client_id: Any) -> Any:
    """EXISTS: the client with ``client_id`` (a column or a parameter) is the coach's. A primary
    key lookup per row: ``client_id IN (the coach's client ids)`` makes SQLite list every client
    of the coach first, a cost that grows with the roster (0.6 ms a save at 300 clients)."""
    return (
        sa_select(col(ClientDB.id))
        .where(col(ClientDB.id) == client_id, col(ClientDB.coach_id) == bindparam("coach"))
        .exists()
    )


def _save_checks() -> Select[uuid.UUID, bool, bool, uuid.UUID | None]:
    """What a mesocycle's save must know first, in one round trip (``MesocycleRepository.
    get_save_checks``): the program's client, whether the client is the coach's, whether the
    mesocycle id is already stored (for this coach: another coach's mesocycle with this id is not
    "already stored" for this one), and the mesocycle saved in the phase.

    Parameters: ``program``, ``coach``, ``client``, ``mesocycle``, ``macrocycle``, ``order_index``.
    No row when the program is not the coach's.
    """
    already_stored = (
        sa_select(col(MesocycleDB.id))
        .where(col(MesocycleDB.id) == bindparam("mesocycle"), _coach_owns(MesocycleDB.client_id))
        .exists()
    )
    in_phase = (
        sa_select(col(MesocycleDB.id))
        .where(
            col(MesocycleDB.fitness_program_id) == bindparam("program"),
            col(MesocycleDB.macrocycle_id) == bindparam("macrocycle"),
            col(MesocycleDB.order_index) == bindparam("order_index"),
        )
        .scalar_subquery()
    )
    return sa_select(
        col(FitnessProgramDB.client_id),
        _coach_owns(bindparam("client")).label("client_exists"),
        already_stored.label("already_stored"),
        in_phase.label("phase_mesocycle_id"),
    ).where(
        col(FitnessProgramDB.id) == bindparam("program"),
        _coach_owns(FitnessProgramDB.client_id),
    )


SAVE_CHECKS = _save_checks()

# Inserts of whole rows: the parameters name every column stored (ids and timestamps included;
# the tables' defaults are Python-side, on the models, so a Core insert must supply them).
INSERT_CLIENT: Insert = insert(ClientDB.__table__)
INSERT_PROGRAM: Insert = insert(FitnessProgramDB.__table__)
INSERT_MESOCYCLE: Insert = insert(MesocycleDB.__table__)
INSERT_MICROCYCLES: Insert = insert(MicrocycleDB.__table__)
INSERT_WORKOUTS: Insert = insert(WorkoutInstanceDB.__table__)
