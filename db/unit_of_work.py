"""Unit of work: one session, one transaction, every repository on it; rolled back unless committed."""

from __future__ import annotations

import uuid
from types import TracebackType
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from db.client_links import ClientLinkRepository
from db.engine import WRITE_TRANSACTION
from db.plan_changes import PlanChangeRepository
from db.proposals import ProposalRepository
from db.repositories import (
    ClientRepository,
    FitnessProgramRepository,
    MesocycleRepository,
    MicrocycleRepository,
    WorkoutInstanceRepository,
)
from db.session_logs import SessionLogRepository
from db.templates import TemplateRepository


class SqlUnitOfWork:
    """``with SqlUnitOfWork(engine, coach_id) as uow: …; uow.commit()`` — atomic, one coach's data.

    ``write=True`` for a unit that will change rows: on SQLite its transaction takes the write lock
    when it begins, so every check it makes still holds when it writes (other writers wait).
    """

    def __init__(self, engine: Engine, coach_id: uuid.UUID, *, write: bool = False) -> None:
        self.engine = engine
        self.coach_id = coach_id
        self.write = write

    def __enter__(self) -> SqlUnitOfWork:
        options: dict[str, Any] = {WRITE_TRANSACTION: True} if self.write else {}
        self.session = Session(self.engine, expire_on_commit=False, execution_options=options)
        self.clients = ClientRepository(self.session, self.coach_id)
        self.programs = FitnessProgramRepository(self.session, self.coach_id)
        self.mesocycles = MesocycleRepository(self.session, self.coach_id)
        self.microcycles = MicrocycleRepository(self.session, self.coach_id)
        self.workouts = WorkoutInstanceRepository(self.session, self.coach_id)
        self.logs = SessionLogRepository(self.session, self.coach_id)
        self.templates = TemplateRepository(self.session, self.coach_id)
        self.links = ClientLinkRepository(self.session, self.coach_id)
        self.plan = PlanChangeRepository(self.session, self.coach_id)
        self.proposals = ProposalRepository(self.session, self.coach_id)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # close() rolls back whatever was not committed and detaches the loaded rows WITHOUT
        # expiring them, so rows returned from a read stay usable; an explicit rollback() first
        # would expire them and every later attribute access would raise DetachedInstanceError.
        self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
