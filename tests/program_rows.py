"""A generated program's rows as the engine tests read them: its exercises week by week, and a
session's main lifts."""

from __future__ import annotations

from collections.abc import Iterator

from core.schemas import Exercise, WorkoutInstance
from tools.quality_checks import GeneratedProgram

MAIN_BLOCK = "Main lifts"


def exercises(
    program: GeneratedProgram, weeks: str = "full", label: str | None = None
) -> Iterator[Exercise]:
    """Every exercise of the program's ``weeks`` ("all" with transition weeks, "full": every
    Monday–Sunday week, "build": build weeks only), of blocks labelled ``label`` if given."""
    if weeks == "all":
        chosen = [micro for _start, meso in program.phases for micro in meso.microcycles]
    else:
        pairs = program.build_weeks() if weeks == "build" else program.full_weeks()
        chosen = [micro for _meso, micro in pairs]
    for micro in chosen:
        for workout in micro.workouts:
            for block in workout.blocks:
                if label is None or block.label == label:
                    yield from block.exercises


def main_lifts(workout: WorkoutInstance) -> list[str]:
    """The names in the session's main-lift block, in order."""
    return [
        row.name for block in workout.blocks if block.label == MAIN_BLOCK for row in block.exercises
    ]
