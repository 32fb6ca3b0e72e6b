"""The atomic save: a whole mesocycle in ONE transaction with batch inserts, idempotent by id."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from core.errors import Conflict, NotFound
from core.records import MesocycleRows, build_mesocycle_rows
from core.schemas import MesocycleDetailed
from db.models import MesocycleDB, utc_now
from db.prepared import INSERT_MESOCYCLE, INSERT_MICROCYCLES, INSERT_WORKOUTS
from db.retry import with_retry
from db.unit_of_work import SqlUnitOfWork


def store_mesocycle_data(session: Session, rows: MesocycleRows) -> None:
    """Three statements, whatever the size: the mesocycle, all microcycles, all workouts.

    SQLAlchemy's executemany ("insertmanyvalues") batches each list into multi-row INSERTs, so a
    6-week block is a handful of round trips instead of the spec's one insert per row. They run
    on the session's connection (its transaction), built once (db.prepared): Core inserts of
    plain dicts have nothing for the ORM's execution path to do but cost time.
    """
    connection = session.connection()
    connection.execute(INSERT_MESOCYCLE, rows.mesocycle)
    connection.execute(INSERT_MICROCYCLES, rows.microcycles)
    if rows.workouts:
        connection.execute(INSERT_WORKOUTS, rows.workouts)


def create_mesocycle_with_details(
    mesocycle_detailed: MesocycleDetailed,
    fitness_program_id: uuid.UUID,
    macrocycle_id: str,
    client_id: uuid.UUID,
    order_index: int,
    start_date: date,
    *,
    engine: Engine,
    coach_id: uuid.UUID,
    replace_existing: bool = False,
) -> uuid.UUID:
    """Add DB fields, compute dates, pre-generate ids, store everything atomically; return the id.

    Saving a mesocycle whose id is already stored returns that id and stores nothing (a
    double-clicked confirm). Only clients and programs of ``coach_id`` can be saved to. ``replace_existing`` swaps out the phase's previous mesocycle, but only
    while none of its workouts has been logged (completed or skipped).
    """
    rows = build_mesocycle_rows(
        mesocycle_detailed,
        fitness_program_id,
        macrocycle_id,
        client_id,
        order_index,
        start_date,
        utc_now(),
    )
    return save_mesocycle_rows(engine, rows, coach_id=coach_id, replace_existing=replace_existing)


def save_mesocycle_rows(
    engine: Engine, rows: MesocycleRows, *, coach_id: uuid.UUID, replace_existing: bool = False
) -> uuid.UUID:
    """Store prepared rows in one retried transaction; the same mesocycle id is stored once."""
    phase = f"phase '{rows.mesocycle['phase']}'"
    return with_retry(
        lambda: _save_once(
            SqlUnitOfWork(engine, coach_id, write=True), rows, phase, replace_existing
        ),
        what=f"save {phase}",
    )


def _save_once(
    unit_of_work: SqlUnitOfWork, rows: MesocycleRows, phase: str, replace_existing: bool
) -> uuid.UUID:
    meso = rows.mesocycle
    _refuse_rows_of_others(rows)
    with unit_of_work as uow:
        checks = uow.mesocycles.get_save_checks(
            rows.mesocycle_id,
            meso["client_id"],
            meso["fitness_program_id"],
            meso["macrocycle_id"],
            meso["order_index"],
        )
        if checks is None:
            raise NotFound("That program no longer exists; nothing was saved.")
        if checks.already_stored:
            return rows.mesocycle_id
        if not checks.client_exists:
            raise NotFound("That client no longer exists; nothing was saved.")
        if checks.program_client_id != meso["client_id"]:
            raise NotFound("That program belongs to another client; nothing was saved.")
        if checks.phase_mesocycle_id is not None:
            existing = uow.mesocycles.get_mesocycle_by_id(checks.phase_mesocycle_id)
            assert existing is not None
            _replace_or_refuse(uow, existing, phase, replace_existing)
        try:
            store_mesocycle_data(uow.session, rows)
            uow.commit()
        except IntegrityError as error:
            uow.rollback()
            return _explain_integrity_error(unit_of_work, error, rows, phase)
    return rows.mesocycle_id


def _refuse_rows_of_others(rows: MesocycleRows) -> None:
    """Every week must be of this mesocycle and its client, every workout of one of these weeks
    and the same client. The rows are prepared outside the database and the checks before the
    insert only cover the mesocycle row: a week or workout naming another client, mesocycle or
    week would otherwise be stored there (in another coach's calendar)."""
    meso = rows.mesocycle
    client_id, mesocycle_id = meso["client_id"], meso["id"]
    weeks = {week["id"] for week in rows.microcycles}
    foreign_week = any(
        week["client_id"] != client_id or week["mesocycle_id"] != mesocycle_id
        for week in rows.microcycles
    )
    foreign_workout = any(
        workout["client_id"] != client_id or workout["microcycle_id"] not in weeks
        for workout in rows.workouts
    )
    if foreign_week or foreign_workout:
        raise NotFound(
            "Every week and workout of a plan must belong to that plan and its client; "
            "this one has rows of another phase or client, so nothing was saved."
        )


def _replace_or_refuse(
    uow: SqlUnitOfWork, existing: MesocycleDB, phase: str, replace_existing: bool
) -> None:
    if not replace_existing:
        raise Conflict(
            f"{_sentence(phase)} already has a saved plan ({existing.start_date:%d %b %Y} – "
            f"{existing.end_date:%d %b %Y}). Confirm replacing it to save this one."
        )
    # Checked and deleted in this one write transaction, with the phase's rows locked: a workout
    # logged concurrently is either seen here (refused) or waits and finds its plan replaced.
    logged = uow.mesocycles.lock_for_replace(existing.id)
    if not logged and not uow.mesocycles.delete_unlogged_mesocycle(existing.id):
        logged = uow.workouts.count_logged_workouts(existing.id)  # what the delete left
    if logged:
        raise Conflict(
            f"{_sentence(phase)} already has {logged} logged workout(s) (completed or skipped); "
            "a saved plan with logged workouts is never replaced. Plan the next phase instead."
        )


def _explain_integrity_error(
    unit_of_work: SqlUnitOfWork, error: IntegrityError, rows: MesocycleRows, phase: str
) -> uuid.UUID:
    """A concurrent confirm of the same preview won the race: that is success, not an error."""
    with SqlUnitOfWork(unit_of_work.engine, unit_of_work.coach_id) as uow:
        if uow.mesocycles.get_mesocycle_by_id(rows.mesocycle_id) is not None:
            return rows.mesocycle_id
    text = str(error.orig).lower()
    if "foreign key" in text:
        raise NotFound(
            f"Could not save {phase}: its client or program was deleted meanwhile."
        ) from error
    if "uq_mesocycles" in text or "mesocycles.fitness_program_id" in text:
        raise Conflict(
            f"{_sentence(phase)} was saved by someone else a moment ago; reload to see it."
        ) from error
    # The database's own words would name the table and so tell that the id exists, perhaps
    # in another coach's data; the coach needs only what to do.
    raise Conflict(
        f"Could not save {phase}: some of its ids are already taken; "
        "generate the preview again and save that."
    ) from error


def _sentence(text: str) -> str:
    """Upper-case the first letter only (``str.capitalize`` would lower-case the phase name)."""
    return text[:1].upper() + text[1:]
