"""Autoregulation proposals on SQL: kept once per client and week, decided once, and accepted in the
same transaction that applies their edits as plan revisions (db.plan_changes).

"Once per client and week" holds under concurrent tabs: the client's row is taken ``FOR UPDATE``
(PostgreSQL; on SQLite the write transaction holds the file's write lock from ``BEGIN``) before
looking for an existing proposal, so a second writer waits and then finds the first one's.

A pending proposal made from logs that changed since (``inputs_hash``) is replaced under the same
lock by one with a new id (the same row when it proposes the same changes), or retired (deleted) when nothing is left to propose: a tab still
showing the old one can then neither accept nor dismiss changes it never showed. The proposal's
own row is taken ``FOR UPDATE`` too, so a decision committing meanwhile is waited for and seen: a
decided proposal is never replaced or retired.
"""

from __future__ import annotations

import uuid
from datetime import date

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
        existing = self._this_week(proposal.client_id, proposal.week_start)
        if existing is not None:
            if (
                existing.status != ProposalStatus.PENDING.value
                or existing.inputs_hash == proposal.inputs_hash
            ):
                return existing
            # Made from logs that changed since: made again, under a new id unless it proposes
            # exactly what it did.
            if existing.items == items_json(proposal.workouts):
                existing.inputs_hash = proposal.inputs_hash
                self.session.add(existing)
                self.session.flush()
                return existing
            self.session.delete(existing)
            self.session.flush()
        row = PlanProposalDB(
            client_id=proposal.client_id,
            mesocycle_id=week.mesocycle_id,
            week_start=proposal.week_start,
            items=items_json(proposal.workouts),
            inputs_hash=proposal.inputs_hash,
        )
        self._add(row)
        return row

    def retire(self, proposal_id: uuid.UUID) -> None:
        """Delete the proposal if it is still pending (nothing is left to propose); a decided one,
        or one already gone, is left as it is."""
        row = self._owned(PlanProposalDB, proposal_id)
        if row is None:
            return
        self.session.exec(  # the save's lock: a tab making the week's proposal waits
            select(ClientDB).where(col(ClientDB.id) == row.client_id).with_for_update()
        ).first()
        locked = self._this_week(row.client_id, row.week_start)
        if (
            locked is not None
            and locked.id == proposal_id
            and locked.status == ProposalStatus.PENDING.value
        ):
            self.session.delete(locked)
            self.session.flush()

    def _this_week(self, client_id: uuid.UUID, week_start: date) -> PlanProposalDB | None:
        """The client's proposal for the week, its row locked until the transaction ends."""
        return self.session.exec(
            select(PlanProposalDB)
            .where(
                col(PlanProposalDB.client_id) == client_id,
                col(PlanProposalDB.week_start) == week_start,
            )
            .with_for_update()
            .execution_options(populate_existing=True)
        ).first()

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
        inputs_hash=row.inputs_hash,
    )
