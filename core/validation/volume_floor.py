"""The weekly hard-set floor a plan is held to: the level's floor, scaled to the week's lifting time.

One rule for the validator, the engine and the quality report (tools/quality_checks/):

- The six big movers (chest, back, quads, hamstrings, glutes, shoulders) get at least 6 / 8 / 10
  hard sets a week for a beginner / intermediate / advanced lifter, and at most 22 (the dose-
  response range of Schoenfeld et al. 2017). A runner's legs are held to half the floor (they are
  trained for running); a rehab plan to the ceiling only, except that a knee or hip rehab builds
  quads and glutes to 4 sets a week with graded-exposure steps (core/exercises/exposure.py).
- The floor never asks for more than the week's lifting minutes can hold. An hour of working
  sets holds about 6 hard sets for each of the six: about 30 working sets an hour at a brisk pace
  (a set of 40 s, 20 s to set up and 60–90 s of rest shared in supersets: about 2 minutes a set),
  each set counting for about 1.2 of the six on average (a squat 2.5, a row 1, a curl or a calf
  raise 0). The minutes are the session's less its warm-up and the ramp-up sets written before
  its heavy lifts (at most PREPARATION_SHARE of them): neither holds a hard set, and both are
  asked for (a warm-up in every session, ramp-up sets before a lift at 70 % or more). One
  30-minute session a week therefore holds about 2.5 sets each, not 6: below that the floor is
  out of reach, whatever the exercises (docs/engine.md, "The scaled floor").
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache

from core.exercises.library import STRENGTH_PATTERNS, candidates
from core.schemas import ClientProfile, Experience, Goal, SessionType, WorkoutInstance

FLOOR_MUSCLES = ("chest", "back", "quads", "hamstrings", "glutes", "shoulders")
LEVEL_FLOOR = {Experience.BEGINNER: 6, Experience.INTERMEDIATE: 8, Experience.ADVANCED: 10}
SET_CEILING = 22
HARD_SET_MAX_RIR = 4
"""A set more than 4 reps from failure is not a hard set (it does not count toward the floor)."""
MUSCLE_SETS_PER_LIFTING_HOUR = 6.0
"""Hard sets for each of the six big movers that one hour of lifting a week can hold (above)."""
RUNNER_LEG_SHARE = 0.5
REHAB_LEG_FLOOR = 4.0
REHAB_LEG_AREAS = frozenset({"knee", "hip"})
REHAB_LEG_MUSCLES = ("quads", "glutes")


def hard_set_limit(muscle: str, band_top: int) -> int:
    """The most weekly hard sets a muscle may get before the validator warns: 22 for the six big
    movers (the engine's floor pass may take one past the level band's top, up to 22, for a set
    a short muscle needs), the level band's top for arms, calves and core. One rule for the
    engine, the validator and the quality report."""
    return SET_CEILING if muscle in FLOOR_MUSCLES else band_top


def rehab_legs(profile: ClientProfile) -> bool:
    """A knee or hip rehab: its quads and glutes are held to REHAB_LEG_FLOOR sets a week."""
    return profile.goal == Goal.REHAB and bool(
        REHAB_LEG_AREAS & {area.value for area in profile.injuries}
    )


def goal_muscles(goal: Goal) -> tuple[tuple[str, ...], float]:
    """(muscles held to the floor, share of the level's floor) for a goal: a runner's legs are
    trained for running at half the floor; rehab is held to the ceiling only."""
    if goal == Goal.ENDURANCE:
        return ("quads", "hamstrings", "glutes"), RUNNER_LEG_SHARE
    if goal == Goal.REHAB:
        return (), 0.0
    return FLOOR_MUSCLES, 1.0


def trainable_muscles(profile: ClientProfile, steps: bool = False) -> set[str]:
    """Muscles some strength exercise trains as a prime mover with the client's equipment and
    injuries (a knee injury with no quad exercise left cannot be held to the quads' floor).
    Graded-exposure steps for an injured area count only with ``steps``: they build an injured
    area up, they are not there to fill a healthy lifter's floor."""
    equipment = frozenset(item.value for item in profile.equipment)
    injuries = frozenset(area.value for area in profile.injuries)
    return set(_trainable(equipment, injuries, steps))


@lru_cache(maxsize=512)
def _trainable(equipment: frozenset[str], injuries: frozenset[str], steps: bool) -> frozenset[str]:
    return frozenset(
        muscle
        for pattern in STRENGTH_PATTERNS
        for entry in candidates(pattern, equipment, injuries)
        if steps or not entry.exposure_stage(injuries)
        for muscle in entry.primary
    )


PREPARATION_SHARE = 0.25
"""At most a quarter of a session's minutes is taken off for its warm-up and ramp-up sets (a
draft with a 20-minute warm-up in a 30-minute session is not held to a lower floor for it)."""


def preparation_minutes(workout: WorkoutInstance) -> float:
    """Minutes a session spends before its working sets: its warm-up and the ramp-up sets
    written before its heavy lifts (core.generation.engine.timing counts both in its length)."""
    # The engine's timing rules (imported here: the engine package imports this validator).
    from core.generation.engine.timing import exercise_ramp_seconds, is_warmup, work_seconds

    seconds = 0.0
    for block in workout.blocks:
        if is_warmup(block.label):
            seconds += sum(exercise.sets * work_seconds(exercise) for exercise in block.exercises)
        else:
            seconds += sum(exercise_ramp_seconds(exercise) for exercise in block.exercises)
    return seconds / 60


def lifting_minutes(profile: ClientProfile, workouts: Iterable[WorkoutInstance]) -> float:
    """The week's minutes for working sets: the client's minutes for each lifting session in it,
    less what the session spends on its warm-up and ramp-up sets (at most PREPARATION_SHARE)."""
    minutes = profile.minutes_per_session
    return sum(
        minutes - min(preparation_minutes(workout), minutes * PREPARATION_SHARE)
        for workout in workouts
        if workout.session_type == SessionType.LIFT
    )


def time_floor(minutes: float) -> float:
    """Hard sets a muscle can get from ``minutes`` of lifting a week, rounded down to a half set."""
    return math.floor(minutes / 60 * MUSCLE_SETS_PER_LIFTING_HOUR * 2) / 2


def level_floor(profile: ClientProfile) -> float:
    """The level's floor times the goal's share (a knee or hip rehab's legs: REHAB_LEG_FLOOR)."""
    _muscles, share = goal_muscles(profile.goal)
    return REHAB_LEG_FLOOR if rehab_legs(profile) else LEVEL_FLOOR[profile.experience] * share


def hard_set_floor(profile: ClientProfile, minutes: float) -> float:
    """The week's floor for each muscle of ``floor_muscles``: the level's (times the goal's share),
    or what ``minutes`` of lifting can hold when that is less."""
    return min(level_floor(profile), time_floor(minutes))


def floor_muscles(profile: ClientProfile) -> tuple[str, ...]:
    """The muscles held to the floor: the goal's, where the client can train them at all."""
    muscles, _share = goal_muscles(profile.goal)
    steps = rehab_legs(profile)
    if steps:
        muscles = REHAB_LEG_MUSCLES
    trainable = trainable_muscles(profile, steps)
    return tuple(muscle for muscle in muscles if muscle in trainable)
