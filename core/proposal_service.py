"""ProposalService: after a logged week, the client's proposal for the coming week (made on demand,
one per client and week, made again while pending when last week's logs change), and the coach's
Accept (plan revisions, all or nothing) or Dismiss."""

from __future__ import annotations

import logging
import uuid
from datetime import date, timedelta

from core.autoregulation import propose
from core.dates import monday_of, today_in
from core.errors import Conflict, NotFound
from core.load.e1rm import DatedSet
from core.plan_changes import LOGGED, Author
from core.ports import Storage
from core.proposals import (
    DECIDED,
    STALE,
    NewProposal,
    PlanProposal,
    ProposalStatus,
    inputs_hash,
    proposal_weeks,
    proposed_workouts,
)
from core.read_models import ClientRecord, WorkoutRecord
from core.schemas import WorkoutStatus

logger = logging.getLogger(__name__)


def _week(workouts: list[WorkoutRecord], monday: date) -> list[WorkoutRecord]:
    return [w for w in workouts if monday_of(w.date) == monday]


def _sets(sets: list[DatedSet], monday: date) -> list[DatedSet]:
    return [s for s in sets if monday_of(s.day) == monday]


class ProposalService:
    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    def current(self, client: ClientRecord) -> PlanProposal | None:
        """The pending proposal for the client's week under way, made from last week's logs as
        they are now; None when there is nothing to propose (or the coach already decided).

        Made when last week was logged; made again when the workouts or sets it was made from
        changed since (``inputs_hash``: a session logged late, a log edited, a skip), with a new
        id, or retired when nothing is left to propose. A decided proposal is never touched.
        The storage keeps one per client and week, under one lock (two tabs make one).

        The page calls it after every change of the client's workouts: one read once this week's
        proposal was decided; else three (the proposals, the last two weeks' and this week's
        workouts, the last two weeks' sets), whatever the history's length; and a write only when
        what it proposes changed."""
        today = today_in(client.profile.timezone)
        this = monday_of(today)
        made = next(
            (p for p in self.storage.client_proposals(client.id) if p.week_start == this), None
        )
        if made is not None and made.status != ProposalStatus.PENDING:
            return None
        before = this - timedelta(days=14)
        workouts = self.storage.workouts_for_client(client.id, before, this + timedelta(days=6))
        sets = self.storage.client_sets(client.id, before, this - timedelta(days=1))
        made_from = inputs_hash(workouts, sets)
        if made is not None and made.inputs_hash == made_from:
            return made
        new = self._propose(client, today, workouts, sets, made_from)
        if new is None:
            if made is not None:
                self.storage.retire_proposal(made.id)
                logger.info("retired proposal %s: nothing left to propose", made.id)
            return None
        proposal = self.storage.save_proposal(new)
        if made is not None and proposal.id != made.id:
            logger.info("proposal %s made again as %s from later logs", made.id, proposal.id)
        else:
            logger.info("proposal %s for the week of %s", proposal.id, this)
        return proposal if proposal.status == ProposalStatus.PENDING else None

    @staticmethod
    def _propose(
        client: ClientRecord,
        today: date,
        workouts: list[WorkoutRecord],
        sets: list[DatedSet],
        made_from: str,
    ) -> NewProposal | None:
        """What last week's logs propose for the sessions still to come this week, or None."""
        weeks = proposal_weeks(workouts, today)
        if weeks is None:
            return None
        logged, this = weeks
        before = logged - timedelta(days=7)
        # Only sessions still to come, on a day the client can train: a proposal never edits a
        # session the client will not do, and never moves one (so never onto a day off).
        coming = [
            w
            for w in _week(workouts, this)
            if w.status == WorkoutStatus.SCHEDULED
            and w.date >= today
            and client.profile.can_train_on(w.date)
        ]
        if coming:  # one saved week (so one phase) per proposal
            coming = [w for w in coming if w.microcycle_id == coming[0].microcycle_id]
        missed_before = propose(_week(workouts, before), _sets(sets, before), []).missed
        result = propose(_week(workouts, logged), _sets(sets, logged), coming, missed_before)
        if not result.changes:
            return None
        return NewProposal(
            client.id,
            coming[0].microcycle_id,
            this,
            proposed_workouts(result, coming),
            inputs_hash=made_from,
        )

    def accept(self, proposal: PlanProposal, author: Author) -> None:
        """Apply the proposal's edits as plan revisions and mark it accepted, in one transaction.

        A session logged or edited since the proposal was made refuses the whole proposal in
        words; the storage checks "logged" (and "still pending") again inside its transaction."""
        if proposal.status != ProposalStatus.PENDING:
            raise Conflict(DECIDED.format(status=proposal.status.value))
        for proposed in proposal.workouts:
            try:
                workout = self.storage.get_workout(proposed.workout_id)
            except NotFound:
                raise Conflict(STALE.format(title=proposed.title, day=proposed.date)) from None
            if workout.status != WorkoutStatus.SCHEDULED:
                raise Conflict(LOGGED.format(title=workout.title, day=workout.date))
            if workout.date != proposed.date or list(workout.blocks) != proposed.blocks_before:
                raise Conflict(STALE.format(title=proposed.title, day=proposed.date))
        self.storage.decide_proposal(proposal.id, ProposalStatus.ACCEPTED, author)
        logger.info("accepted proposal %s", proposal.id)

    def dismiss(self, proposal_id: uuid.UUID, author: Author) -> None:
        self.storage.decide_proposal(proposal_id, ProposalStatus.DISMISSED, author)
        logger.info("dismissed proposal %s", proposal_id)
