"""The spec's "add DB fields" step: a MesocycleDetailed becomes the rows of its three tables.

Pure: ids are pre-generated (``generate_database_ids``), dates come from the one date rule, and a
workout dated outside its week is refused here, before any row reaches the database.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from core.dates import mesocycle_date_range, microcycle_date_ranges
from core.errors import InvalidPlan
from core.ids import generate_database_ids, workout_key
from core.schemas import MesocycleDetailed, dict_to_pairs, pairs_to_dict


@dataclass
class MesocycleRows:
    mesocycle: dict[str, Any]
    microcycles: list[dict[str, Any]] = field(default_factory=list)
    workouts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def mesocycle_id(self) -> uuid.UUID:
        return self.mesocycle["id"]


def assign_ids(mesocycle: MesocycleDetailed) -> MesocycleDetailed:
    """A copy with every id filled (existing ids kept), so a preview keeps its ids until saved."""
    ids = generate_database_ids(mesocycle.microcycles)
    microcycles = []
    for micro in mesocycle.microcycles:
        workouts = [
            workout.model_copy(update={"id": ids.workout_ids[workout_key(micro.week_number, i)]})
            for i, workout in enumerate(micro.workouts)
        ]
        microcycles.append(
            micro.model_copy(
                update={"id": ids.microcycle_ids[micro.week_number], "workouts": workouts}
            )
        )
    return mesocycle.model_copy(
        update={
            "mesocycle_id": mesocycle.mesocycle_id or ids.mesocycle_id,
            "microcycles": microcycles,
        }
    )


def build_mesocycle_rows(
    mesocycle_detailed: MesocycleDetailed,
    fitness_program_id: uuid.UUID,
    macrocycle_id: str,
    client_id: uuid.UUID,
    order_index: int,
    start_date: date,
    now: datetime,
) -> MesocycleRows:
    mesocycle = mesocycle_detailed
    ids = generate_database_ids(mesocycle.microcycles)
    mesocycle_id = mesocycle.mesocycle_id or ids.mesocycle_id
    ranges = microcycle_date_ranges(start_date, mesocycle.weeks)
    numbers = [micro.week_number for micro in mesocycle.microcycles]
    if numbers != list(ranges):
        raise InvalidPlan(
            f"Phase '{mesocycle.phase}' starting {start_date:%a %d %b %Y} needs weeks "
            f"{list(ranges)}, but the plan has weeks {numbers}."
        )
    whole = mesocycle_date_range(start_date, mesocycle.weeks)
    stamps = {"created_at": now, "updated_at": now}
    rows = MesocycleRows(
        mesocycle={
            "id": mesocycle_id,
            "fitness_program_id": fitness_program_id,
            "client_id": client_id,
            "macrocycle_id": macrocycle_id,
            "order_index": order_index,
            "phase": mesocycle.phase,
            "weeks": mesocycle.weeks,
            "weekly_targets": [t.model_dump(mode="json") for t in mesocycle.weekly_targets],
            "start_date": whole.start_date,
            "end_date": whole.end_date,
            **stamps,
        }
    )
    for micro in mesocycle.microcycles:
        week = ranges[micro.week_number]
        microcycle_id = ids.microcycle_ids[micro.week_number]
        rows.microcycles.append(
            {
                "id": microcycle_id,
                "client_id": client_id,
                "mesocycle_id": mesocycle_id,
                "week_number": micro.week_number,
                "start_date": week.start_date,
                "end_date": week.end_date,
                "deload": micro.deload,
                "generated_by": micro.generated_by,
                "metrics": pairs_to_dict(micro.metrics),
                **stamps,
            }
        )
        slots: dict[date, int] = {}
        for index, workout in enumerate(micro.workouts):
            if not week.start_date <= workout.date <= week.end_date:
                raise InvalidPlan(
                    f"Week {micro.week_number}: '{workout.title}' is dated {workout.date:%a %d %b}, "
                    f"outside that week ({week.start_date:%d %b} – {week.end_date:%d %b})."
                )
            slot = slots.get(workout.date, 0)
            slots[workout.date] = slot + 1
            rows.workouts.append(
                {
                    "id": ids.workout_ids[workout_key(micro.week_number, index)],
                    "microcycle_id": microcycle_id,
                    "client_id": client_id,
                    "date": workout.date,
                    "day_slot": slot,
                    "session_type": workout.session_type.value,
                    "title": workout.title,
                    "blocks": [b.model_dump(mode="json") for b in workout.blocks],
                    "targets": pairs_to_dict(workout.targets),
                    "planned_minutes": workout.planned_minutes,
                    "target_rpe": workout.target_rpe,
                    "notes": workout.notes,
                    "status": "scheduled",
                    **stamps,
                }
            )
    return rows


def mesocycle_from_rows(
    mesocycle: dict[str, Any], microcycles: list[dict[str, Any]], workouts: list[dict[str, Any]]
) -> MesocycleDetailed:
    """A stored mesocycle's rows back as the MesocycleDetailed the preview grids and the validator
    read (the inverse of ``build_mesocycle_rows``; workouts in date and slot order)."""
    by_week: dict[Any, list[dict[str, Any]]] = {}
    for row in sorted(workouts, key=lambda w: (w["date"], w.get("day_slot", 0))):
        by_week.setdefault(row["microcycle_id"], []).append(row)
    weeks = []
    for micro in sorted(microcycles, key=lambda m: m["week_number"]):
        weeks.append(
            {
                "id": micro["id"],
                "week_number": micro["week_number"],
                "start_date": micro["start_date"],
                "end_date": micro["end_date"],
                "deload": micro["deload"],
                "generated_by": micro.get("generated_by"),
                "metrics": dict_to_pairs(micro.get("metrics") or {}),
                "workouts": [
                    {
                        "id": row["id"],
                        "date": row["date"],
                        "session_type": row["session_type"],
                        "title": row["title"],
                        "blocks": row["blocks"],
                        "targets": dict_to_pairs(row.get("targets") or {}),
                        "planned_minutes": row["planned_minutes"],
                        "target_rpe": row["target_rpe"],
                        "notes": row["notes"],
                    }
                    for row in by_week.get(micro["id"], [])
                ],
            }
        )
    return MesocycleDetailed.model_validate(
        {
            "mesocycle_id": mesocycle["id"],
            "phase": mesocycle["phase"],
            "weeks": mesocycle["weeks"],
            "weekly_targets": mesocycle["weekly_targets"],
            "start_date": mesocycle["start_date"],
            "end_date": mesocycle["end_date"],
            "microcycles": weeks,
        }
    )
