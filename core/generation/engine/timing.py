"""How long a session really takes: the estimate the engine fills sessions to and the quality
report measures them with.

Per working set: the work (4 s a rep, the duration, or the distance at 6 min/km), the rest, and
about 20 s to set up (load the bar, find the spot); a minute of changeover between exercises (none
before a superset's or a paired set's second exercise: both stations are set up together); each
ramp-up set written before a main lift; warm-up, cool-down and mobility blocks by their minutes; a circuit by its work and rest
(stations side by side: no set-up, no changeovers).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from core.schemas import Exercise, WorkoutBlock, WorkoutInstance
from core.units import LoadUnit, format_load

SETUP_SECONDS = 20
CHANGEOVER_SECONDS = 60
SECONDS_PER_REP = 4.0
RAMP_REST_SECONDS = 60
DEFAULT_REST = 60
RUN_PACE_MIN_PER_KM = 6.0

_RAMP = re.compile(r"ramp-up[^:]*:(?P<sets>[^.;]*)", re.IGNORECASE)
_PARTNER = re.compile(r"\b(?:superset|paired set): straight after\b", re.IGNORECASE)
_RAMP_SET = re.compile(r"(\d+)\s*×")


def ramp_up_note(sets: list[tuple[int, float]], unit: LoadUnit = LoadUnit.KG) -> str:
    """The note that writes ramp-up sets (loads in kg, written in ``unit``):
    "ramp-up: 5 × 40 kg, 3 × 60 kg, 1 × 80 kg"."""
    return "ramp-up: " + ", ".join(f"{reps} × {format_load(kg, unit)}" for reps, kg in sets)


def ramp_up_reps(exercise: Exercise) -> list[int]:
    """The reps of each ramp-up set written in the exercise's notes."""
    return list(_ramp_reps(exercise.notes)) if exercise.notes else []


@lru_cache(maxsize=4096)
def _ramp_reps(notes: str) -> tuple[int, ...]:
    match = _RAMP.search(notes)
    if not match:
        return ()
    return tuple(int(reps) for reps in _RAMP_SET.findall(match.group("sets")))


def is_partner(exercise: Exercise) -> bool:
    """The second exercise of a superset or a main lift's paired set (its notes say it comes
    straight after the other): its station is set up with its lead's, so it has no changeover."""
    return bool(exercise.notes) and _PARTNER.search(exercise.notes or "") is not None


def exercise_ramp_seconds(exercise: Exercise) -> float:
    """Seconds of the ramp-up sets written in an exercise's notes."""
    return ramp_seconds(_ramp_reps(exercise.notes)) if exercise.notes else 0.0


def ramp_seconds(reps: Sequence[int]) -> float:
    return sum(count * SECONDS_PER_REP + RAMP_REST_SECONDS + SETUP_SECONDS for count in reps)


def work_seconds(exercise: Exercise, pace: float = RUN_PACE_MIN_PER_KM) -> float:
    if exercise.duration_minutes is not None:
        return exercise.duration_minutes * 60
    if exercise.reps is not None:
        return (exercise.reps + (exercise.reps_max or exercise.reps)) / 2 * SECONDS_PER_REP
    return (exercise.distance_km or 0) * pace * 60


def set_seconds(work: float, rest: float) -> float:
    return work + rest + SETUP_SECONDS


def is_warmup(label: str) -> bool:
    return "warm" in label.lower()


@lru_cache(maxsize=1024)
def is_flow(label: str) -> bool:
    """Warm-up, cool-down and mobility blocks: flowing from one drill to the next, timed by their
    minutes alone (no set-up, no changeovers)."""
    lowered = label.lower()
    return any(word in lowered for word in ("warm", "cool", "mobility"))


@lru_cache(maxsize=1024)
def is_timed_circuit(label: str) -> bool:
    """Circuit, run and easy aerobic blocks: each set is its work and its rest (stations side by
    side, no set-up)."""
    from core.validation.set_counts import NOT_SETS_WORDS  # the validator imports this module

    lowered = label.lower()
    return any(word in lowered for word in NOT_SETS_WORDS)


def session_seconds(workout: WorkoutInstance, pace: float = RUN_PACE_MIN_PER_KM) -> float:
    """A realistic length of a session (see the module's docstring)."""
    return blocks_seconds(workout.blocks, pace)


def blocks_seconds(blocks: Sequence[WorkoutBlock], pace: float = RUN_PACE_MIN_PER_KM) -> float:
    """``session_seconds`` of a session's blocks (the engine's estimate while it writes them)."""
    total = 0.0
    working = 0
    for block in blocks:
        flow = is_flow(block.label)
        circuit = is_timed_circuit(block.label)
        for exercise in block.exercises:
            work = work_seconds(exercise, pace)
            if flow:
                total += exercise.sets * work
                continue
            if circuit:
                total += exercise.sets * (work + (exercise.rest_seconds or 0))
                continue
            rest = exercise.rest_seconds
            if rest is None:
                rest = DEFAULT_REST if exercise.sets > 1 else 0
            total += exercise.sets * set_seconds(work, rest)
            total += CHANGEOVER_SECONDS if working and not is_partner(exercise) else 0
            working += 1
            total += exercise_ramp_seconds(exercise)
    return total
