"""No main-lift prescription twice in a week: an effort-dosed back-off row that copies another
day's straight sets of the same lift takes a rep more.

The days of a lift are written one at a time (core.generation.engine.mains): a heavy day's
back-off sets (its top set's reps + 2, RIR 2, about 10 % lighter) can come out exactly as a
lighter day's straight sets (the heavy day's reps + 2 at one more rep in reserve). A coach
would not write the same sets twice in a week (the quality report's no-repeats check), so the
back-off row, whose rationale states no reps, goes one rep further: still about 10 % lighter.
"""

from __future__ import annotations

from core.generation.engine.loads import MAX_MAIN_REPS
from core.generation.engine.mains import DEADLIFT_MAX_REPS, DEADLIFTS
from core.schemas import Exercise, SessionType, WorkoutBlock, WorkoutInstance
from core.validation.set_counts import is_main_block

RowKey = tuple[str, int, int | None, int | None, float | None, float | None, float | None]


def _key(row: Exercise) -> RowKey:
    return (row.name, row.sets, row.reps, row.reps_max, row.load_kg, row.pct_one_rm, row.rir)


def _is_effort_back_off(rows: list[Exercise], position: int) -> bool:
    """A back-off row without a load: it follows its lift's single top set."""
    if position == 0 or rows[position].load_kg is not None or rows[position].reps is None:
        return False
    top = rows[position - 1]
    return top.name == rows[position].name and top.sets == 1 and rows[position].reps_max is None


def _cap(name: str) -> int:
    return DEADLIFT_MAX_REPS if name in DEADLIFTS else MAX_MAIN_REPS


def distinct_main_lifts(workouts: list[WorkoutInstance]) -> list[WorkoutInstance]:
    """The week's sessions with each effort-dosed back-off row unlike every other main-lift row
    of the week (a rep more, up to the lift's cap)."""
    keys = [
        _key(row)
        for workout in workouts
        for block in workout.blocks
        if is_main_block(block)
        for row in block.exercises
    ]
    seen: dict[RowKey, int] = {}
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
    result = []
    for workout in workouts:
        if workout.session_type != SessionType.LIFT:
            result.append(workout)
            continue
        blocks = [_distinct_block(block, seen) for block in workout.blocks]
        changed = any(new is not old for new, old in zip(blocks, workout.blocks, strict=True))
        result.append(workout.model_copy(update={"blocks": blocks}) if changed else workout)
    return result


def _distinct_block(block: WorkoutBlock, seen: dict[RowKey, int]) -> WorkoutBlock:
    if not is_main_block(block):
        return block
    rows = list(block.exercises)
    for position, row in enumerate(rows):
        if seen.get(_key(row), 0) < 2 or not _is_effort_back_off(rows, position):
            continue
        moved = row
        while seen.get(_key(moved), 0) >= 1 and (moved.reps or 0) < _cap(row.name):
            moved = moved.model_copy(update={"reps": (moved.reps or 0) + 1})
        if seen.get(_key(moved), 0) >= 1:
            continue  # at the cap: left as it was
        seen[_key(row)] -= 1
        seen[_key(moved)] = 1
        rows[position] = moved
    if rows == block.exercises:
        return block
    return block.model_copy(update={"exercises": rows})
