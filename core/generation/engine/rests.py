"""Rests and minutes of a written session: longer recovery where the sets leave time unused,
fewer accessory sets where the written session would overrun the client's minutes.

Sets come first (the week's volume is set by the muscles' bands, not by the clock); a session
still short of the client's minutes then rests longer between sets, up to two and a half times
its usual rest and never past what the set's load calls for (core.validation.rest_periods:
up to 5 minutes after a main lift's 6RM load, 3 after a 10–12RM load, 2 after single-joint
work). Longer rests keep each set's load and reps up (3 minutes between sets gave more
strength and muscle than 1 minute for the same sets: Schoenfeld et al. 2016); time left after
that goes to work (core.generation.engine.workouts: a finisher). A superset's first exercise
keeps no rest (its partner's work is its rest).
"""

from __future__ import annotations

import math

from core.exercises.library import find_exercise
from core.generation.engine.allocation import push_pull_side
from core.generation.engine.sessions import LOADABLE
from core.generation.engine.timing import blocks_seconds, is_flow
from core.schemas import Exercise, WorkoutBlock
from core.validation.rest_periods import exercise_rest_ceiling
from core.validation.set_counts import MIN_SETS
from core.validation.week_insights import PULL_PER_PUSH, blocks_push_pull_sets

REST_FILL = 0.85
"""Rests grow until a build week's session reaches this share of the client's minutes."""
DELOAD_REST_FILL = 0.65
"""… and a deload's (lighter and shorter, still more than half of the minutes)."""
OVERRUN_LIMIT = 1.05
"""A written session may run 5 % over the client's minutes (the quality report's and the tests'
tolerance), no more."""


def overrun_seconds(minutes: int) -> float:
    """The seconds a written session of ``minutes`` may run over, in whole minutes (the planned
    minutes are the estimate rounded up): a minute for 20–39 minutes, four for 90."""
    return (math.floor(minutes * OVERRUN_LIMIT) - minutes) * 60.0


REST_STEP = 15
MAX_REST_FACTOR = 2.5
MAIN_BLOCK = "Main lifts"
LONG_REST_NOTE = "Rest fully between sets (the rests are long where the session has time)."


def _estimate(blocks: list[WorkoutBlock]) -> float:
    return blocks_seconds(blocks)


def _rest(base: int, factor: float, ceiling: int) -> int:
    stretched = round(base * factor / REST_STEP) * REST_STEP
    most = int(base * MAX_REST_FACTOR) // REST_STEP * REST_STEP
    return max(base, min(stretched, ceiling, most))


UNLOADED_REST_CEILING = 120
"""The longest rest a band or bodyweight exercise stretches to: its sets of 8–15 are
hypertrophy and endurance work (the NSCA's 30–90 s, the ACSM's 1–2 minutes for lighter loads);
three minutes after a set of wall push-ups is time a coach gives to more work (a finisher)."""


def _stretch_ceiling(exercise: Exercise, main: bool) -> int:
    """The longest rest ``stretch_rests`` gives a row: what its load calls for
    (core.validation.rest_periods), for band and bodyweight work at most UNLOADED_REST_CEILING."""
    ceiling = exercise_rest_ceiling(exercise, main)
    entry = find_exercise(exercise.name)
    if entry is not None and not set(entry.equipment) & LOADABLE and exercise.load_kg is None:
        return min(ceiling, UNLOADED_REST_CEILING)
    return ceiling


def stretch_rests(blocks: list[WorkoutBlock], wanted_seconds: float) -> bool:
    """Lengthen the rests of the session's working sets (in place) until its estimate reaches
    ``wanted_seconds`` or every rest is at its ceiling; True when any rest changed. (The estimate
    grows by a row's sets × its added rest, so it is computed once.)"""
    total = _estimate(blocks)
    if total >= wanted_seconds:
        return False
    rows = [
        (block, position, exercise.rest_seconds or 0, exercise.sets)
        for block in blocks
        if not is_flow(block.label)
        for position, exercise in enumerate(block.exercises)
        if exercise.rest_seconds
    ]
    if not rows:
        return False
    ceilings = [
        _stretch_ceiling(block.exercises[position], block.label == MAIN_BLOCK)
        for block, position, _base, _sets in rows
    ]
    rests = [base for _block, _position, base, _sets in rows]
    factor, estimate = 1.0, total
    while factor < MAX_REST_FACTOR and estimate < wanted_seconds:
        factor += 0.1
        rests = [
            _rest(base, factor, ceiling)
            for (_block, _position, base, _sets), ceiling in zip(rows, ceilings, strict=True)
        ]
        estimate = total + sum(
            sets * (rest - base) for (_b, _p, base, sets), rest in zip(rows, rests, strict=True)
        )
    changed = False
    for (block, position, base, _sets), rest in zip(rows, rests, strict=True):
        if rest != base:
            exercise = block.exercises[position]
            block.exercises[position] = exercise.model_copy(update={"rest_seconds": rest})
            changed = True
    return changed


def fit_minutes(
    blocks: list[WorkoutBlock],
    limit_seconds: float,
    pull_per_push: float = PULL_PER_PUSH,
    floor_needs: frozenset[str] = frozenset(),
) -> None:
    """Take sets off while the written session runs over the client's minutes: never a pulling
    set the session's pull:push (``pull_per_push``, week_insights.pull_needed) needs while
    another row can give one, nor a set of an exercise in ``floor_needs`` (one whose set a big
    mover's weekly floor needs: breakdown.floor_needs) while another can, accessory sets first
    (the row with most sets), then main-lift sets, never a row below two (set_counts);
    with every row at two, the session's last accessory goes. The allocation's per-set times are
    estimates; the written session is what the client does."""
    while _estimate(blocks) > limit_seconds + 1e-9:
        push, pull = blocks_push_pull_sets(blocks)
        balanced = pull - 1 >= pull_per_push * push - 1e-9
        rows = [
            (
                balanced or _side(exercise) >= 0,
                exercise.name not in floor_needs,
                block.label != MAIN_BLOCK,
                exercise.sets,
                block_index,
                position,
            )
            for block_index, block in enumerate(blocks)
            if not is_flow(block.label)
            for position, exercise in enumerate(block.exercises)
            if exercise.sets > MIN_SETS
        ]
        if not rows:
            if _drop_last_accessory(blocks):
                continue
            return
        *_order, block_index, position = max(rows)
        exercise = blocks[block_index].exercises[position]
        blocks[block_index].exercises[position] = exercise.model_copy(
            update={"sets": exercise.sets - 1}
        )


def _side(exercise: Exercise) -> int:
    entry = find_exercise(exercise.name)
    return push_pull_side(entry.pattern) if entry else 0


def _drop_last_accessory(blocks: list[WorkoutBlock]) -> bool:
    """Remove the session's last accessory row (the least important: the engine writes them in
    priority order) and its block once empty; False when there is none outside the main lifts,
    the drills and the runs."""
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if block.label == MAIN_BLOCK or is_flow(block.label) or "run" in block.label.lower():
            continue
        if block.exercises:
            block.exercises.pop()
            if not block.exercises:
                del blocks[index]
            return True
    return False
