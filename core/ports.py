"""The storage protocol the service and the pages need; db.storage implements it, tests use an
in-memory fake (tests/fakes.py), and one contract suite holds both to the same behaviour."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Protocol

from core.attention import ClientOverview
from core.load.e1rm import DatedSet
from core.plan_changes import Author, PlanChange, PlanRevision
from core.read_models import (
    ClientRecord,
    MesocycleSummary,
    ProgramRecord,
    WorkoutRecord,
    WorkoutsStamp,
)
from core.records import MesocycleRows
from core.schemas import ClientProfile, FitnessProgram, MesocycleDetailed, WorkoutStatus
from core.session_log import LogRevision, SessionLog, SetResult


class Storage(Protocol):
    """Each method is one transaction; writes are atomic and retried on transient faults."""

    def count_clients(self) -> int: ...

    def list_clients(self, search: str = "") -> list[ClientRecord]: ...

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

    def saved_plan(self, mesocycle_id: uuid.UUID) -> MesocycleDetailed:
        """The stored mesocycle, every week and workout, as the preview grids read it."""
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
