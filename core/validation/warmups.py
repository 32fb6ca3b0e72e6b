"""What a lifting session's warm-up is made of: moving drills for the muscles the session trains.

One rule for the engine (core.generation.engine.warmups picks the drills) and the quality report.
A warm-up before lifting raises temperature and takes the joints the session loads through their
range: dynamic drills, then the ramp-up sets of the first lift (Jeffreys' RAMP protocol: raise,
activate and mobilise, potentiate; McGowan et al. 2015). Held static stretches and breathing
drills do not prepare a squat or a press (long static holds just before lifting can cost some
force: Behm & Chaouachi 2011); they belong in the cool-down.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.exercises.library import LibraryExercise, find_exercise
from core.schemas import WorkoutInstance


def drill_muscles(entry: LibraryExercise) -> frozenset[str]:
    """The muscles a drill takes through their range (its prime and secondary movers)."""
    return frozenset((*entry.primary, *entry.secondary))


def matches(drill: LibraryExercise, muscles: Iterable[str]) -> bool:
    return bool(drill_muscles(drill) & set(muscles))


def warmup_faults(drills: list[LibraryExercise], first_lift: LibraryExercise | None) -> list[str]:
    """What a coach would correct in a session's warm-up: held stretches or breathing in it, or
    no drill for the prime movers of the session's first main lift."""
    faults = [
        f"{drill.name} is a held stretch, not a warm-up drill" for drill in drills if drill.static
    ]
    if (
        first_lift is not None
        and drills
        and not any(matches(drill, first_lift.primary) for drill in drills)
    ):
        faults.append(f"no drill for the {'/'.join(first_lift.primary)} of {first_lift.name}")
    return faults


def session_warmup_faults(workout: WorkoutInstance) -> list[str]:
    """The faults of a written session's warm-up (its first main lift read from the 'Main lifts'
    block; drills not in the library are not judged)."""
    drills: list[LibraryExercise] = []
    first_lift: LibraryExercise | None = None
    for block in workout.blocks:
        label = block.label.lower()
        for exercise in block.exercises:
            entry = find_exercise(exercise.name)
            if entry is None:
                continue
            if "warm" in label:
                drills.append(entry)
            elif "main" in label and first_lift is None:
                first_lift = entry
    return warmup_faults(drills, first_lift)
