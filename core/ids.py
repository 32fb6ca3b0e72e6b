"""UUIDs for every entity of a mesocycle, generated in code before insertion (the seed's helper)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from core.schemas import Microcycle


@dataclass(frozen=True)
class DatabaseIds:
    mesocycle_id: uuid.UUID
    microcycle_ids: dict[int, uuid.UUID]
    """week number → microcycle id"""
    workout_ids: dict[str, uuid.UUID]
    """workout key (see ``workout_key``) → workout id"""


def workout_key(week_number: int, index: int) -> str:
    """A workout's stable key inside a mesocycle: its week and its position in that week."""
    return f"{week_number}:{index}"


def generate_database_ids(microcycles: list[Microcycle]) -> DatabaseIds:
    """One UUID for the mesocycle, one per microcycle, one per workout.

    Ids already present (a preview being re-saved) are kept, so confirming the same preview twice is
    recognised and stored once. Ids an LLM might have written are never trusted: the models only
    accept UUIDs, and the drafter's schema has no id fields at all.
    """
    microcycle_ids: dict[int, uuid.UUID] = {}
    workout_ids: dict[str, uuid.UUID] = {}
    for micro in microcycles:
        microcycle_ids[micro.week_number] = micro.id or uuid.uuid4()
        for index, workout in enumerate(micro.workouts):
            workout_ids[workout_key(micro.week_number, index)] = workout.id or uuid.uuid4()
    return DatabaseIds(uuid.uuid4(), microcycle_ids, workout_ids)
