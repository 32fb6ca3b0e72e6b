"""How many working sets one exercise gets in a session: the rule the engine writes to and the
quality report checks.

A single set of an accessory is a token, not training: the hypertrophy and strength meta-analyses
count weekly sets because each set adds stimulus, and coaches write accessories as 2-5 sets
(Schoenfeld, Ogborn & Krieger 2017, "Dose-response relationship between weekly resistance
training volume and increases in muscle mass"; NSCA, Essentials, 4th ed., ch. 17: 1-3 sets for
beginners, 3-6 for trained lifters per exercise). More than five sets of one accessory in one
session ("6 × calf raises") is where a coach adds an exercise or a day instead. A main lift may
take more (a top set with back-off sets, 8 × 3 at a high intensity), up to eight.

One set is fine where it is one part of a lift's sets (a top set, then back-off sets of the same
lift) or where the block is a circuit or a run, whose rounds or repeats are its sets.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from core.schemas import WorkoutBlock, WorkoutInstance
from core.validation.context import Context, Problem, Rule, workout_path

MIN_SETS = 2
MAX_ACCESSORY_SETS = 5
MAX_MAIN_SETS = 8
MAIN_BLOCK_WORD = "main"
NOT_SETS_WORDS = ("circuit", "run", "aerobic")
"""Blocks whose "sets" are rounds, intervals or one steady bout (a circuit, a run's repeats,
easy aerobic work), not sets."""


def set_counts(block: WorkoutBlock) -> Counter[str]:
    """Working sets per exercise name in a block (a top set and its back-off sets are one lift)."""
    counts: Counter[str] = Counter()
    for exercise in block.exercises:
        if exercise.reps is not None or exercise.duration_minutes is not None:
            counts[exercise.name] += exercise.sets
    return counts


def is_main_block(block: WorkoutBlock) -> bool:
    """The session's main lifts ("Main lifts", or "Main" in a drafted plan)."""
    return MAIN_BLOCK_WORD in block.label.lower()


def allowed_sets(block: WorkoutBlock) -> tuple[int, int]:
    """(fewest, most) working sets of one exercise in this block."""
    most = MAX_MAIN_SETS if is_main_block(block) else MAX_ACCESSORY_SETS
    return MIN_SETS, most


def judged_blocks(workout: WorkoutInstance) -> Iterator[WorkoutBlock]:
    """The working blocks whose set counts are judged: not warm-up, cool-down or mobility blocks
    (drills) nor circuits and runs (rounds and intervals)."""
    from core.generation.engine.timing import is_flow  # the engine package imports this module

    for block in workout.blocks:
        label = block.label.lower()
        if not (is_flow(block.label) or any(word in label for word in NOT_SETS_WORDS)):
            yield block


def set_count_problems(workout: WorkoutInstance) -> Iterator[str]:
    """'Calf Raise: 6 sets (at most 5)' for each exercise of a judged block outside its range
    (distance work, a run, is not counted)."""
    for block in judged_blocks(workout):
        fewest, most = allowed_sets(block)
        for name, sets in set_counts(block).items():
            if sets < fewest:
                yield f"{name}: {sets} set (at least {fewest})"
            elif sets > most:
                yield f"{name}: {sets} sets (at most {most})"


def set_count_warnings(ctx: Context) -> Iterator[Problem]:
    """The validator's form of the rule, for any draft (the engine's or the AI drafter's): a
    warning per exercise of a build week outside its range (a deload may cut to one set)."""
    for micro in ctx.mesocycle.microcycles:
        if micro.deload or micro.week_number <= 0:
            continue
        for workout in micro.workouts:
            for problem in set_count_problems(workout):
                yield Problem("warning", workout_path(micro, workout), f"{problem}.")


SET_COUNT_RULES: tuple[Rule, ...] = (set_count_warnings,)
