"""Stored autoregulation proposals: which week a logged week speaks for, the proposal as the coach
reviews it (per workout, per exercise: before → after and the rule), and its plan changes.

Pure: ``core.proposal_service`` decides when to make one and the storage keeps it (one per client
and week, made under a lock so two tabs never make two).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

from core.autoregulation import Proposal
from core.dates import monday_of
from core.load.e1rm import DatedSet
from core.plan_changes import ChangeKind, PlanChange
from core.read_models import WorkoutRecord
from core.schemas import SessionType, WorkoutStatus

DECIDED = "This proposal was already {status}; nothing was changed."
STALE = (
    "'{title}' on {day:%a %d %b} was changed after this proposal was made; dismiss the proposal "
    "and adjust the session yourself. Nothing was changed."
)


class ProposalStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"


@dataclass(frozen=True)
class ExerciseChange:
    """One exercise of one coming workout: before → after, and the rule that fired, in words."""

    exercise: str
    before: str
    after: str
    rule: str


@dataclass(frozen=True)
class ProposedWorkout:
    """One coming workout the proposal edits: its blocks as they were and as they would be."""

    workout_id: uuid.UUID
    title: str
    date: date
    summary: str
    blocks_before: list[dict[str, Any]]
    blocks_after: list[dict[str, Any]]
    exercises: list[ExerciseChange]

    def as_json(self) -> dict[str, Any]:
        return {
            "workout_id": str(self.workout_id),
            "title": self.title,
            "date": self.date.isoformat(),
            "summary": self.summary,
            "blocks_before": self.blocks_before,
            "blocks_after": self.blocks_after,
            "exercises": [vars(change) for change in self.exercises],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ProposedWorkout:
        return cls(
            workout_id=uuid.UUID(data["workout_id"]),
            title=data["title"],
            date=date.fromisoformat(data["date"]),
            summary=data["summary"],
            blocks_before=data["blocks_before"],
            blocks_after=data["blocks_after"],
            exercises=[ExerciseChange(**change) for change in data["exercises"]],
        )


@dataclass(frozen=True)
class NewProposal:
    """What the service asks the storage to keep (the storage adds id, status and times)."""

    client_id: uuid.UUID
    microcycle_id: uuid.UUID
    """The saved week of the proposed workouts (the storage keeps its phase's id)."""
    week_start: date
    workouts: list[ProposedWorkout]
    inputs_hash: str | None = None
    """``inputs_hash`` of the workouts and sets it was made from."""


@dataclass(frozen=True)
class PlanProposal:
    """A stored proposal for one client's week."""

    id: uuid.UUID
    client_id: uuid.UUID
    mesocycle_id: uuid.UUID
    week_start: date
    status: ProposalStatus
    workouts: list[ProposedWorkout]
    created_at: datetime
    decided_at: datetime | None = None
    decided_by: str | None = None
    inputs_hash: str | None = None
    """``inputs_hash`` of what it was made from; None for one kept before it was recorded."""

    @property
    def count(self) -> int:
        """How many exercise changes it proposes."""
        return sum(len(workout.exercises) for workout in self.workouts)

    def changes(self) -> list[PlanChange]:
        """The edits accepting applies (one revision per workout)."""
        return [
            PlanChange(ChangeKind.EDIT, w.workout_id, w.summary, fields={"blocks": w.blocks_after})
            for w in self.workouts
        ]


def items_json(workouts: Sequence[ProposedWorkout]) -> list[dict[str, Any]]:
    return [workout.as_json() for workout in workouts]


def workouts_from_json(items: Sequence[dict[str, Any]]) -> list[ProposedWorkout]:
    return [ProposedWorkout.from_json(item) for item in items]


def proposed_workouts(proposal: Proposal, coming: Sequence[WorkoutRecord]) -> list[ProposedWorkout]:
    """``core.autoregulation.propose``'s result grouped per coming workout."""
    by_id = {workout.id: workout for workout in coming}
    result = []
    for change in proposal.changes:
        workout = by_id[change.workout_id]
        result.append(
            ProposedWorkout(
                workout_id=workout.id,
                title=workout.title,
                date=workout.date,
                summary=change.summary,
                blocks_before=list(workout.blocks or []),
                blocks_after=change.fields["blocks"],
                exercises=[
                    ExerciseChange(a.exercise, a.before, a.after, a.rule)
                    for a in proposal.adjustments
                    if a.workout_id == workout.id
                ],
            )
        )
    return result


def proposal_weeks(workouts: Sequence[WorkoutRecord], today: date) -> tuple[date, date] | None:
    """(Monday of last week, Monday of this week) when a training session of last week was
    logged, else None: a proposal speaks from a finished week for the week under way."""
    this = monday_of(today)
    logged = this - timedelta(days=7)
    if not any(
        monday_of(w.date) == logged
        and w.session_type != SessionType.REST.value
        and w.status != WorkoutStatus.SCHEDULED
        for w in workouts
    ):
        return None
    return logged, this


def inputs_hash(workouts: Iterable[WorkoutRecord], sets: Iterable[DatedSet]) -> str:
    """SHA-256 of what a proposal is made from, as canonical JSON: the workouts read (id, day,
    status, session RPE, target RPE, minutes, completed at, prescription) and the logged sets.
    A pending proposal whose inputs no longer hash the same is made again."""
    rows = [
        [
            str(w.id),
            w.date.isoformat(),
            w.status.value,
            _number(w.session_rpe),
            _number(w.target_rpe),
            w.actual_minutes,
            _moment(w.completed_at),
            w.blocks,
        ]
        for w in workouts
    ]
    logged = [
        [
            str(s.workout_id),
            s.day.isoformat(),
            {name: _number(value) for name, value in s.result.model_dump().items()},
        ]
        for s in sets
    ]
    text = json.dumps(
        [sorted(map(_canonical, rows)), sorted(map(_canonical, logged))], separators=(",", ":")
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def _number(value: object) -> object:
    """Numbers as floats (a storage may hand back 7 for 7.0), anything else as it is."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return value


def _moment(value: datetime | None) -> str | None:
    """An instant in UTC (SQLite hands stored times back naive, in UTC)."""
    if value is None:
        return None
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat()
