"""Changes to a saved plan's future (edit, move, copy or remove a workout not yet logged) and the
revisions that record them: who, when, a sentence, and the workout before and after.

Pure: the storage applies a change inside its write transaction and refuses it there when the
workout has been logged meanwhile; everything that can be decided without the database is here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from core.schemas import MesocycleDetailed, WorkoutBlock, WorkoutInstance
from core.validation.measures import heavy_muscles

PLAN_FIELDS = ("session_type", "title", "blocks", "planned_minutes", "target_rpe", "notes")
"""What an edit may change in a stored workout (its date changes only by a move)."""
LOGGED = (
    "'{title}' on {day:%a %d %b} has been logged; a logged workout is never changed. "
    "Nothing was changed."
)


class ChangeKind(StrEnum):
    EDIT = "edit"
    MOVE = "move"
    ADD = "add"
    REMOVE = "remove"


@dataclass(frozen=True)
class PlanChange:
    """One change to one stored workout. ``ADD`` copies ``workout_id`` to ``new_date`` as
    ``new_id``; ``EDIT`` sets ``fields`` (names from ``PLAN_FIELDS``, stored JSON values)."""

    kind: ChangeKind
    workout_id: uuid.UUID
    summary: str
    new_date: date | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    new_id: uuid.UUID | None = None


@dataclass(frozen=True)
class Author:
    """Who made a change: the signed-in coach."""

    coach_id: uuid.UUID | None
    name: str


@dataclass(frozen=True)
class PlanRevision:
    """One stored change, as the Plan history lists it."""

    created_at: datetime
    author: str
    kind: ChangeKind
    workout_id: uuid.UUID
    summary: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def snapshot(row: dict[str, Any]) -> dict[str, Any]:
    """The JSON a revision keeps of a workout: its date, slot and every planned field."""
    day = row["date"]
    return {
        "date": day.isoformat() if isinstance(day, date) else day,
        "day_slot": row.get("day_slot", 0),
        **{name: row.get(name) for name in PLAN_FIELDS},
    }


def applied(row: dict[str, Any], change: PlanChange) -> dict[str, Any]:
    """The workout row as ``change`` leaves it (a copy for ``ADD``; unchanged for ``REMOVE``)."""
    if change.kind == ChangeKind.EDIT:
        return {**row, **{k: v for k, v in change.fields.items() if k in PLAN_FIELDS}}
    if change.kind in (ChangeKind.MOVE, ChangeKind.ADD):
        assert change.new_date is not None
        moved = {**row, "date": change.new_date}
        return {**moved, "id": change.new_id} if change.kind == ChangeKind.ADD else moved
    return row


def outside_phase(day: date, start: date, end: date) -> str | None:
    """The sentence refusing a date outside the mesocycle, or None."""
    if start <= day <= end:
        return None
    return (
        f"{day:%a %d %b %Y} is outside this phase ({start:%d %b} – {end:%d %b %Y}); "
        "pick a day inside it."
    )


def back_to_back_warning(
    moving: WorkoutInstance, day: date, others: list[WorkoutInstance]
) -> str | None:
    """A warning when ``moving`` on ``day`` puts heavy main lifts for the same muscles on
    consecutive days with one of ``others`` (the client's other workouts), else None."""
    mine = heavy_muscles(moving)
    for other in others:
        if other.id == moving.id or abs((other.date - day).days) != 1:
            continue
        shared = mine & heavy_muscles(other)
        if shared:
            return (
                f"Heavy main lifts for {', '.join(sorted(shared))} on consecutive days "
                f"({other.title} on {other.date:%a %d %b}); give them a day between."
            )
    return None


def week_changes(
    before: MesocycleDetailed, after: MesocycleDetailed, week_number: int
) -> list[PlanChange]:
    """The edits and moves that turn week ``week_number`` of ``before`` into that of ``after``
    (both with the same workout ids: the grid never adds or removes a session)."""
    old = {w.id: w for m in before.microcycles if m.week_number == week_number for w in m.workouts}
    changes = []
    for micro in after.microcycles:
        if micro.week_number != week_number:
            continue
        for workout in micro.workouts:
            was = old.get(workout.id)
            if was is None or workout.id is None:
                continue
            fields = {
                name: value
                for name, value in _plan_fields(workout).items()
                if value != _plan_fields(was)[name]
            }
            if fields:
                changes.append(
                    PlanChange(
                        ChangeKind.EDIT,
                        workout.id,
                        f"Edited '{was.title}' on {was.date:%a %d %b}: "
                        f"{', '.join(_FIELD_WORDS[name] for name in fields)}.",
                        fields=fields,
                    )
                )
            if workout.date != was.date:
                changes.append(move(workout.id, workout.title, was.date, workout.date))
    return changes


def move(workout_id: uuid.UUID, title: str, old: date, new: date) -> PlanChange:
    return PlanChange(
        ChangeKind.MOVE,
        workout_id,
        f"Moved '{title}' from {old:%a %d %b} to {new:%a %d %b}.",
        new_date=new,
    )


def copy(workout_id: uuid.UUID, title: str, old: date, new: date) -> PlanChange:
    return PlanChange(
        ChangeKind.ADD,
        workout_id,
        f"Added a copy of '{title}' ({old:%a %d %b}) on {new:%a %d %b}.",
        new_date=new,
        new_id=uuid.uuid4(),
    )


def remove(workout_id: uuid.UUID, title: str, day: date) -> PlanChange:
    return PlanChange(ChangeKind.REMOVE, workout_id, f"Removed '{title}' on {day:%a %d %b}.")


_FIELD_WORDS = {
    "session_type": "type",
    "title": "title",
    "blocks": "exercises",
    "planned_minutes": "minutes",
    "target_rpe": "target RPE",
    "notes": "notes",
}


def _plan_fields(workout: WorkoutInstance) -> dict[str, Any]:
    return {
        "session_type": workout.session_type.value,
        "title": workout.title,
        "blocks": [block.model_dump(mode="json") for block in workout.blocks],
        "planned_minutes": workout.planned_minutes,
        "target_rpe": workout.target_rpe,
        "notes": workout.notes,
    }


def blocks_of(row: dict[str, Any]) -> list[WorkoutBlock]:
    return [WorkoutBlock.model_validate(block) for block in row.get("blocks") or []]
