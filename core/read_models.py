"""What the storage hands back to the service and pages: plain, typed, detached from any session."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from core.schemas import (
    ClientProfile,
    FitnessProgram,
    SessionType,
    Units,
    WorkoutBlock,
    WorkoutInstance,
    WorkoutStatus,
)


@dataclass(frozen=True)
class ClientRecord:
    id: uuid.UUID
    profile: ClientProfile

    @property
    def name(self) -> str:
        return self.profile.name


@dataclass(frozen=True)
class ProgramRecord:
    id: uuid.UUID
    client_id: uuid.UUID
    program: FitnessProgram
    start_date: date
    weeks: int
    generated_by: str
    created_at: datetime


@dataclass(frozen=True)
class MesocycleSummary:
    id: uuid.UUID
    fitness_program_id: uuid.UUID
    macrocycle_id: str
    order_index: int
    phase: str
    weeks: int
    start_date: date
    end_date: date


@dataclass(frozen=True)
class WorkoutRecord:
    id: uuid.UUID
    microcycle_id: uuid.UUID
    date: date
    day_slot: int
    session_type: str
    title: str
    blocks: list[dict[str, Any]]
    """Stored camelCase JSON of the WorkoutBlocks (with the derived ``activities``)."""
    planned_minutes: int | None
    target_rpe: float | None
    notes: str | None
    status: WorkoutStatus
    completed_at: datetime | None
    session_rpe: float | None
    actual_minutes: int | None
    client_id: uuid.UUID | None = None
    log_note: str | None = None
    logged_by: str | None = None
    """'coach' or 'client' once logged."""

    def as_instance(self) -> WorkoutInstance:
        """The saved prescription as the domain's WorkoutInstance (for exports and the feed)."""
        return WorkoutInstance(
            id=self.id,
            date=self.date,
            session_type=SessionType(self.session_type),
            title=self.title,
            blocks=[WorkoutBlock.model_validate(block) for block in self.blocks],
            planned_minutes=self.planned_minutes,
            target_rpe=self.target_rpe,
            notes=self.notes,
        )

    def as_row(self) -> dict[str, Any]:
        """The row shape ``core.load.workouts_frame`` takes."""
        return {
            "workout_id": str(self.id),
            "date": self.date,
            "status": self.status.value,
            "session_type": self.session_type,
            "title": self.title,
            "planned_minutes": self.planned_minutes,
            "target_rpe": self.target_rpe,
            "session_rpe": self.session_rpe,
            "actual_minutes": self.actual_minutes,
            "blocks": self.blocks,
        }


@dataclass(frozen=True)
class WorkoutsStamp:
    """What changes whenever a client's stored workouts change, from one aggregate query.

    A status change or a logged RPE moves ``last_updated``; a saved, replaced or deleted phase
    moves ``count``, the date span or ``last_created``. Pages key their caches on it (with the coach
    and client ids), so a cached view is never older than the data. Hashable, and it iterates as
    the row it is read from; not a NamedTuple, whose field ``count`` would hide ``tuple.count``.
    """

    count: int
    first: date | None
    last: date | None
    last_created: datetime | None
    last_updated: datetime | None

    @property
    def calendar(self) -> tuple[int, date | None, date | None, datetime | None]:
        """The part that moves only when workouts are added or removed (not when one is logged)."""
        return self.count, self.first, self.last, self.last_created

    def __iter__(self) -> Iterator[int | date | datetime | None]:
        return iter((*self.calendar, self.last_updated))


@dataclass(frozen=True)
class CoachRecord:
    id: uuid.UUID
    username: str
    display_name: str
    email: str | None
    units: Units = field(default_factory=Units)
    """The coach's default units, read with the account at sign-in: a page reads no row for them."""
    is_admin: bool = False
    """Sees the server's settings and adds coaches (the first account of an install is one)."""
