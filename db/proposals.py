"""Autoregulation proposals on SQL: kept once per client and week, decided once, and accepted in the
same transaction that applies their edits as plan revisions (db.plan_changes).

"Once per client and week" holds under concurrent tabs: the client's row is taken ``FOR UPDATE``
(PostgreSQL; on SQLite the write transaction holds the file's write lock from ``BEGIN``) before
looking for an existing proposal, so a second writer waits and then finds the first one's.
"""

from __future__ import annotations

import uuid

from sqlmodel import col, select

from core.errors import Conflict, InvalidInput, NotFound
from core.plan_changes import Author
from core.proposals import (
    DECIDED,
    NewProposal,
    PlanProposal,
    ProposalStatus,
    items_json,
    workouts_from_json,
)
from db.client_links import _aware, _aware_or_none
from db.models import ClientDB, MicrocycleDB, PlanProposalDB, utc_now
from db.plan_changes import PlanChangeRepository
from db.repositories import BaseRepository

GONE = "That proposal no longer exists; reload the page. Nothing was changed."


class ProposalRepository(BaseRepository):
    def save(self, proposal: NewProposal) -> PlanProposalDB:
        client = self.session.exec(
            select(ClientDB)
            .where(col(ClientDB.id) == proposal.client_id, ClientDB.coach_id == self.coach_id)
            .with_for_update()
        ).first()
        week = self._owned(MicrocycleDB, proposal.microcycle_id)
        if client is None or week is None or week.client_id != proposal.client_id:
            raise NotFound("That client or week does not exist; nothing was saved.")
        existing = self.session.exec(
            select(PlanProposalDB).where(
                col(PlanProposalDB.client_id) == proposal.client_id,
                col(PlanProposalDB.week_start) == proposal.week_start,
            )
        ).first()
        if existing is not None:
            return existing
        row = PlanProposalDB(
            client_id=proposal.client_id,
            mesocycle_id=week.mesocycle_id,
            week_start=proposal.week_start,
            items=items_json(proposal.workouts),
        )
        self._add(row)
        return row

    def for_client(self, client_id: uuid.UUID) -> list[PlanProposalDB]:
        statement = (
            select(PlanProposalDB)
            .where(col(PlanProposalDB.client_id) == client_id, self._mine(PlanProposalDB))
            .order_by(col(PlanProposalDB.week_start).desc())
        )
        return list(self.session.exec(statement))

    def decide(self, proposal_id: uuid.UUID, status: ProposalStatus, author: Author) -> None:
        row = self.session.exec(
            select(PlanProposalDB)
            .where(col(PlanProposalDB.id) == proposal_id, self._mine(PlanProposalDB))
            .with_for_update()
        ).first()
        if row is None:
            raise NotFound(GONE)
        if row.status != ProposalStatus.PENDING.value:
            raise Conflict(DECIDED.format(status=row.status))
        if status == ProposalStatus.PENDING:
            raise InvalidInput("A proposal is decided by accepting or dismissing it.")
        if status == ProposalStatus.ACCEPTED:
            # The same session: a refused change rolls back the proposal's decision with it.
            PlanChangeRepository(self.session, self.coach_id).apply_changes(
                row.mesocycle_id, record(row).changes(), author
            )
        row.status = status.value
        row.decided_at = utc_now()
        row.decided_by = author.name[:120]
        self.session.add(row)
        self.session.flush()


def record(row: PlanProposalDB) -> PlanProposal:
    return PlanProposal(
        id=row.id,
        client_id=row.client_id,
        mesocycle_id=row.mesocycle_id,
        week_start=row.week_start,
        status=ProposalStatus(row.status),
        workouts=workouts_from_json(row.items),
        created_at=_aware(row.created_at),  # SQLite hands stored times back naive
        decided_at=_aware_or_none(row.decided_at),
        decided_by=row.decided_by,
    )
