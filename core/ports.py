"""The storage protocol the service and the pages need; db.storage implements it, tests use an
in-memory fake (tests/fakes.py), and one contract suite holds both to the same behaviour."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from core.attention import ClientOverview
from core.client_links import ClientLink, LinkKind
from core.load.e1rm import DatedSet
from core.plan_changes import Author, PlanChange, PlanRevision
from core.proposals import NewProposal, PlanProposal, ProposalStatus
from core.read_models import (
    ClientRecord,
    MesocycleSummary,
    ProgramRecord,
    WorkoutRecord,
    WorkoutsStamp,
)
from core.records import MesocycleRows
from core.schemas import ClientProfile, FitnessProgram, MesocycleDetailed, Units, WorkoutStatus
from core.session_log import LogRevision, SessionLog, SetResult
from core.templates import Template, TemplateRecord


class Storage(Protocol):
    """Each method is one transaction; writes are atomic and retried on transient faults."""

    def coach_units(self) -> Units:
        """The signed-in coach's default units (metric until the coach picks others)."""
        ...

    def set_coach_units(self, units: Units) -> None: ...

    def count_clients(self, archived: bool = False) -> int:
        """How many clients ``list_clients`` lists: the active ones, or only the archived ones."""
        ...

    def list_clients(self, search: str = "", archived: bool = False) -> list[ClientRecord]:
        """The active clients by name; with ``archived``, only the archived ones."""
        ...

    def set_client_archived(self, client_id: uuid.UUID, archived: bool) -> None:
        """Archive (hidden from pickers, roster and overview; every row kept) or restore."""
        ...

    def delete_client(self, client_id: uuid.UUID) -> None:
        """The client and every row of theirs, in one transaction. Raises NotFound."""
        ...

    def get_client(self, client_id: uuid.UUID) -> ClientRecord:
        """Raises core.errors.NotFound."""
        ...

    def find_client_by_name(self, name: str) -> ClientRecord | None: ...

    def create_client(self, profile: ClientProfile) -> uuid.UUID: ...

    def update_client(self, client_id: uuid.UUID, profile: ClientProfile) -> None: ...

    def create_program(
        self,
        client_id: uuid.UUID,
        program: FitnessProgram,
        start_date: date,
        weeks: int,
        generated_by: str,
    ) -> uuid.UUID: ...

    def get_program(self, program_id: uuid.UUID) -> ProgramRecord:
        """Raises core.errors.NotFound."""
        ...

    def list_programs(self, client_id: uuid.UUID) -> list[ProgramRecord]: ...

    def save_mesocycle(self, rows: MesocycleRows, *, replace_existing: bool = False) -> uuid.UUID:
        """The atomic, idempotent save of a whole mesocycle (see db.mesocycle_store)."""
        ...

    def list_mesocycles(self, program_id: uuid.UUID) -> list[MesocycleSummary]: ...

    def client_mesocycles(self, client_id: uuid.UUID) -> list[MesocycleSummary]:
        """Every phase saved for the client, over all their programs, by start date."""
        ...

    def get_mesocycle(self, mesocycle_id: uuid.UUID) -> MesocycleDetailed:
        """A saved mesocycle as the plan it was saved from (core.records.mesocycle_from_rows).

        Raises core.errors.NotFound."""
        ...

    def create_template(self, name: str, template: Template) -> uuid.UUID:
        """Store the coach's template; a name already used (in any case) raises Conflict."""
        ...

    def list_templates(self) -> list[TemplateRecord]:
        """The coach's templates by name."""
        ...

    def get_template(self, template_id: uuid.UUID) -> TemplateRecord:
        """Raises core.errors.NotFound (also for another coach's template)."""
        ...

    def delete_template(self, template_id: uuid.UUID) -> None:
        """Raises core.errors.NotFound; plans made from it stay."""
        ...

    def workout_mesocycle(self, workout_id: uuid.UUID) -> MesocycleSummary:
        """The saved phase a workout belongs to; raises core.errors.NotFound."""
        ...

    def change_plan(
        self, mesocycle_id: uuid.UUID, changes: Sequence[PlanChange], author: Author
    ) -> None:
        """Apply the changes and record each as a revision, all or nothing; a change to a logged
        workout is refused (core.errors.Conflict) inside the transaction."""
        ...

    def plan_revisions(self, mesocycle_id: uuid.UUID) -> list[PlanRevision]:
        """Every change to the phase's plan, oldest first."""
        ...

    def save_proposal(self, proposal: NewProposal) -> PlanProposal:
        """Keep a pending proposal for the client's week and return it. When the week has one
        already, that one is returned and nothing is stored if it was decided or was made from
        the same inputs (``inputs_hash``); a pending one made from other inputs is replaced, under
        a new id (the same one, its hash updated, when it proposes exactly the same changes).
        Under one lock per client: two tabs never make two. Raises core.errors.NotFound for a
        client or phase that is not this coach's."""
        ...

    def retire_proposal(self, proposal_id: uuid.UUID) -> None:
        """Delete the proposal if it is still pending (nothing is left to propose), under the
        save's lock; a decided one, one already gone or another coach's is left as it is."""
        ...

    def client_proposals(self, client_id: uuid.UUID) -> list[PlanProposal]:
        """The client's proposals, latest week first."""
        ...

    def decide_proposal(
        self, proposal_id: uuid.UUID, status: ProposalStatus, author: Author
    ) -> None:
        """Accept (its edits applied as plan revisions, refused with core.errors.Conflict and
        nothing kept when a session has been logged) or dismiss a pending proposal, with who and
        when, all in one transaction; a proposal already decided raises Conflict."""
        ...

    def workouts_for_client(
        self, client_id: uuid.UUID, start: date | None = None, end: date | None = None
    ) -> list[WorkoutRecord]: ...

    def workouts_stamp(self, client_id: uuid.UUID) -> WorkoutsStamp:
        """Moves whenever the client's stored workouts change (pages key their caches on it)."""
        ...

    def get_workout(self, workout_id: uuid.UUID) -> WorkoutRecord:
        """Raises core.errors.NotFound."""
        ...

    def log_workout(self, workout_id: uuid.UUID, log: SessionLog, logged_by: str) -> None:
        """Store the workout's log (status, numbers, sets) and keep this version in its history."""
        ...

    def clear_log(self, workout_id: uuid.UUID) -> None:
        """Back to scheduled; the history of its logs stays."""
        ...

    def workout_sets(self, workout_id: uuid.UUID) -> list[SetResult]: ...

    def client_sets(
        self, client_id: uuid.UUID, start: date | None = None, end: date | None = None
    ) -> list[DatedSet]: ...

    def heaviest_logged_sets(self, client_id: uuid.UUID) -> list[DatedSet]:
        """``core.load.e1rm.heaviest_sets`` of ``client_sets``, grouped in the storage (one row
        per day, lift, reps and effort; its exercise index and set number the group's first, no
        workout id): what the e1RM trend and the rep records read."""
        ...

    def logged_tonnage(self, client_id: uuid.UUID) -> dict[str, float]:
        """Σ reps × kg of the loaded sets logged in each of the client's workouts, by workout id
        as text (``core.load.e1rm.tonnage_by_workout`` of ``client_sets``): one row a workout."""
        ...

    def log_revisions(self, workout_id: uuid.UUID) -> list[LogRevision]:
        """Every saved version of the workout's log, oldest first."""
        ...

    def coach_overview(self, today: date) -> list[ClientOverview]:
        """Every client with the overview's five weeks, last log and phases, sorted by name."""
        ...

    def update_workout_status(
        self,
        workout_id: uuid.UUID,
        status: WorkoutStatus,
        session_rpe: float | None = None,
        actual_minutes: int | None = None,
    ) -> None: ...

    def create_client_link(
        self,
        client_id: uuid.UUID,
        name: str,
        kind: LinkKind,
        token_hash: str,
        expires_at: datetime | None,
    ) -> ClientLink:
        """Store a link by its token's hash (the token is never given to storage).
        Raises core.errors.NotFound for a client that is not this coach's."""
        ...

    def list_client_links(self, client_id: uuid.UUID) -> list[ClientLink]:
        """The client's links, newest first (revoked and expired ones too)."""
        ...

    def revoke_client_link(self, link_id: uuid.UUID) -> None:
        """From now on the link opens nothing; revoking twice keeps the first moment.
        Raises core.errors.NotFound for a link that is not this coach's."""
        ...
