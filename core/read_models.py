"""What the storage hands back to the service and pages: plain, typed, detached from any session."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from core.schemas import ClientProfile, FitnessProgram, WorkoutStatus


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
class CoachRecord:
    id: uuid.UUID
    username: str
    display_name: str
    email: str | None
