"""Measures of a plan shared by the validator and the engine: hard sets, volume, minutes, km, loads."""

from __future__ import annotations

import math
from dataclasses import dataclass

from core.exercises.library import MUSCLES, VARIATION_RATIOS, LibraryExercise, find_exercise
from core.plates import bar_too_heavy
from core.schemas import (
    ClientProfile,
    Exercise,
    Experience,
    SessionType,
    WorkoutInstance,
    effective_units,
)
from core.units import format_load

HARD_SET_BANDS: dict[Experience, tuple[int, int]] = {
    # Weekly hard sets per muscle (docs/domain.md §4; dose-response after Schoenfeld et al. 2017).
    Experience.BEGINNER: (8, 10),
    Experience.INTERMEDIATE: (10, 16),
    Experience.ADVANCED: (12, 20),
}


PRIME_MOVER, SYNERGIST = 1.0, 0.5


SECONDS_PER_REP = 4.0
DEFAULT_REST_SECONDS = 60
DEFAULT_PACE_MIN_PER_KM = 6.0
REST_LABELS = frozenset({"", "rest", "off", "rest day", "day off", "off day"})


def is_rest_label(label: str) -> bool:
    """A split day that is a rest day ("Rest", "Off", or left blank); "Recovery" is a mobility day.

    The one rest-day rule: the engine, the validator and the AI drafter's prompts all use it.
    """
    return label.strip().lower() in REST_LABELS


def is_rest(workout: WorkoutInstance) -> bool:
    return workout.session_type == SessionType.REST


def exercise_seconds(exercise: Exercise, pace_min_per_km: float = DEFAULT_PACE_MIN_PER_KM) -> float:
    """Time for all sets of an exercise: sets × (work + rest); 4 s a rep, 6 min a km unless told."""
    if exercise.duration_minutes is not None:
        work = exercise.duration_minutes * 60
    elif exercise.reps is not None:
        work = (exercise.reps + (exercise.reps_max or exercise.reps)) / 2 * SECONDS_PER_REP
    else:
        work = (exercise.distance_km or 0) * pace_min_per_km * 60
    rest = exercise.rest_seconds
    if rest is None:
        rest = DEFAULT_REST_SECONDS if exercise.sets > 1 else 0
    return exercise.sets * (work + rest)


def estimate_minutes(workout: WorkoutInstance) -> int:
    """The session's length estimated from its exercises (whole minutes, rounded up)."""
    return math.ceil(sum(exercise_seconds(exercise) for exercise in workout.exercises) / 60 - 1e-9)


def epley_reps_to_failure(pct_one_rm: float) -> float:
    """Epley (1985): 1RM = w·(1 + r/30), so at w = p·1RM failure comes after r = 30·(1/p − 1) reps."""
    return 30 * (100 / pct_one_rm - 1)


HARD_SET_MAX_RIR = 4.0
HARD_SET_MIN_RPE = 6.0
"""A logged set is a hard set at 4 reps in reserve or fewer, i.e. RPE 6 or more (the RIR-based RPE
scale, Zourdos et al. 2016: RPE = 10 − RIR)."""


def hard_set_muscles(name: str) -> tuple[tuple[str, float], ...] | None:
    """What one set of ``name`` counts for, muscle by muscle: 1.0 for each prime mover, 0.5 for
    each synergist (a muscle listed as both counts once, as a prime mover; docs/domain.md §5).
    None when the exercise is no hard-set work: not in the library, or mobility, conditioning or
    running. The one hard-set rule for the plan (engine, validator, Load page) and the logs."""
    entry = find_exercise(name)
    if entry is None or not entry.counts_as_hard_sets:
        return None
    return muscle_weights(entry.primary, entry.secondary)


def muscle_weights(
    primary: tuple[str, ...], secondary: tuple[str, ...]
) -> tuple[tuple[str, float], ...]:
    """(muscle, weight) for prime movers and synergists: the weighting of ``hard_set_muscles``."""
    synergists = tuple((m, SYNERGIST) for m in secondary if m not in primary)
    return (*((m, PRIME_MOVER) for m in primary), *synergists)


def is_hard_set(rir: float | None, rpe: float | None) -> bool:
    """Whether a logged set was hard: RIR ≤ 4 or RPE ≥ 6. A set logged with no effort counts, as
    every prescribed working set does on the plan's side."""
    if rir is not None:
        return rir <= HARD_SET_MAX_RIR
    if rpe is not None:
        return rpe >= HARD_SET_MIN_RPE
    return True


def weekly_hard_sets(workouts: list[WorkoutInstance]) -> dict[str, float]:
    """Hard sets per muscle of a week's prescriptions (``hard_set_muscles``)."""
    totals = dict.fromkeys(MUSCLES, 0.0)
    for workout in workouts:
        for exercise in workout.exercises:
            for muscle, weight in hard_set_muscles(exercise.name) or ():
                totals[muscle] = totals.get(muscle, 0.0) + weight * exercise.sets
    return totals


@dataclass(frozen=True)
class WeekVolume:
    strength_sets: int
    run_km: float
    cardio_minutes: float


def week_volume(workouts: list[WorkoutInstance]) -> WeekVolume:
    """Strength sets, running km and timed cardio minutes of a week (mobility excluded)."""
    sets, km, minutes = 0, 0.0, 0.0
    for workout in workouts:
        for exercise in workout.exercises:
            entry = find_exercise(exercise.name)
            pattern = entry.pattern if entry else None
            if pattern is None and workout.session_type == SessionType.RUN:
                pattern = "run"
            if pattern == "mobility":
                continue
            if pattern in {"run", "conditioning"} or (pattern is None and exercise.reps is None):
                km += exercise.sets * (exercise.distance_km or 0.0)
                minutes += exercise.sets * (exercise.duration_minutes or 0.0)
            else:
                sets += exercise.sets
    return WeekVolume(sets, round(km, 3), round(minutes, 3))


def run_km(workouts: list[WorkoutInstance]) -> float:
    """Running distance of a week: distances of run exercises (cross-training by time excluded)."""
    return week_volume(workouts).run_km


def one_rep_max(profile: ClientProfile, key: str | None) -> float | None:
    if key is None:
        return None
    for lift, kg in profile.one_rep_maxes.items():
        if lift.strip().lower() == key.lower():
            return kg
    return None


def pct_of_one_rm(load_kg: float, one_rm_kg: float) -> float:
    """A load as the % of a 1RM a plan stores (one decimal): 110 of 140 kg is 78.6."""
    return round(load_kg / one_rm_kg * 100, 1)


def bar_out_of_reach(profile: ClientProfile, entry: LibraryExercise) -> bool:
    """A barbell lift whose 1RM (the client's own, or estimated from its parent) is so light
    that the empty bar is past its working sets (core.plates.bar_too_heavy)."""
    if "barbell" not in entry.equipment:
        return False
    known = estimated_one_rep_max(profile, entry)
    return known is not None and bar_too_heavy(known[0])


def estimated_one_rep_max(
    profile: ClientProfile, entry: LibraryExercise
) -> tuple[float, str] | None:
    """(1RM in kg, where it comes from, in the client's unit) for a lift: the client's own, or its
    parent lift's × the variation's ratio (a close-grip bench from the bench press); None when
    neither is on record."""
    unit = effective_units(profile).load
    own = one_rep_max(profile, entry.one_rm_key)
    if own:
        return own, f"{format_load(own, unit)} 1RM"
    parent = VARIATION_RATIOS.get(entry.name)
    if parent is None:
        return None
    parent_max = one_rep_max(profile, parent[0])
    if not parent_max:
        return None
    kg = round(parent_max * parent[1] * 2) / 2
    return kg, (
        f"{format_load(kg, unit)} est. 1RM ({parent[0]} {format_load(parent_max, unit)} "
        f"× {parent[1]:g})"
    )


def heavy_muscles(workout: WorkoutInstance) -> set[str]:
    """Prime movers of the session's main lifts (not to be loaded heavy two days running)."""
    muscles: set[str] = set()
    for exercise in workout.exercises:
        entry = find_exercise(exercise.name)
        if entry is not None and entry.main_lift:
            muscles.update(entry.primary)
    return muscles
