"""How long a client rests between working sets: at most what the set's effort calls for.

One rule for the engine (core.generation.engine.rests lengthens rests where a session has time,
never past it), the validator (a warning for any draft) and the quality report.

Rest follows the load: the heavier the set (the fewer its reps), the longer the rest that keeps
the next set's load and reps. The NSCA gives 2–5 minutes for strength work (sets of up to about
6), 30 s–1.5 minutes for hypertrophy work (6–12 reps) and 30 s or less for muscular endurance
(12 and more) (NSCA, Essentials of Strength Training and Conditioning, 4th ed., ch. 17); the
ACSM's progression models give 2–3 minutes for the core multi-joint lifts at heavier loads and
1–2 minutes for lighter loads and single-joint work (ACSM 2009 position stand). Longer rests than
1 minute still help trained lifters on multi-joint lifts (3 minutes gave more strength and
muscle than 1 for the same sets: Schoenfeld et al. 2016), so the ceilings below sit at the long
end of those ranges: a session with time to spare rests fully, but no coach writes 5 minutes
between easy sets of 10 or 3 minutes between sets of a lateral raise. Spare minutes beyond these
go to work (a finisher), not to the clock.
"""

from __future__ import annotations

from collections.abc import Iterator

from core.exercises.library import find_exercise
from core.schemas import Exercise, WorkoutBlock, WorkoutInstance
from core.validation.context import Context, Problem, Rule, workout_path
from core.validation.set_counts import judged_blocks

MAIN_BLOCK_WORD = "main"
REST_CEILINGS: tuple[tuple[int, int, int, int], ...] = (
    # (most reps, main lift, other multi-joint lift, single-joint or timed), in seconds
    (5, 300, 240, 120),
    (8, 240, 180, 120),
    (12, 180, 150, 120),
    (100, 150, 120, 90),
)
"""The longest rest after a working set, by the set's reps (a range's low end) and the kind of
lift: strength sets rest up to 5 minutes, hypertrophy sets 2–3, endurance sets 1.5–2.5."""


def multi_joint(name: str) -> bool:
    """A squat, hinge, lunge, press or pull of the library (not a hold or single-joint work)."""
    entry = find_exercise(name)
    return entry is not None and entry.multi_joint


def rest_ceiling(name: str, reps: int | None, main: bool) -> int:
    """The longest rest after a set of ``reps`` (None: a hold or a carry) of the exercise
    ``name`` (``main``: a main lift of the session)."""
    kind = 1 if main else 2 if multi_joint(name) else 3
    if reps is None:  # a timed hold or a carry
        return REST_CEILINGS[-1][3] if kind == 3 else REST_CEILINGS[-1][kind]
    row = next(row for row in REST_CEILINGS if reps <= row[0])
    return row[kind]


def is_main_block(block: WorkoutBlock) -> bool:
    return MAIN_BLOCK_WORD in block.label.lower()


def long_rests(workout: WorkoutInstance) -> Iterator[tuple[Exercise, int]]:
    """(exercise, its ceiling) for each working set whose rest is longer than its effort calls
    for (warm-ups, cool-downs, circuits and runs are not judged: core.validation.set_counts)."""
    for block in judged_blocks(workout):
        main = is_main_block(block)
        for exercise in block.exercises:
            ceiling = rest_ceiling(exercise.name, exercise.reps, main)
            if (exercise.rest_seconds or 0) > ceiling:
                yield exercise, ceiling


def rested_sets(workout: WorkoutInstance) -> int:
    """How many working-set rows the rule judges in a session."""
    return sum(len(block.exercises) for block in judged_blocks(workout))


def rest_problem(exercise: Exercise, ceiling: int) -> str:
    """'Back Squat: 300 s rest after sets of 10 (at most 180 s)'."""
    sets_of = f"sets of {exercise.reps}" if exercise.reps is not None else "its sets"
    return f"{exercise.name}: {exercise.rest_seconds} s rest after {sets_of} (at most {ceiling} s)"


def rest_warnings(ctx: Context) -> Iterator[Problem]:
    """The validator's form of the rule, for any draft (the engine's or the AI drafter's)."""
    for micro in ctx.mesocycle.microcycles:
        for workout in micro.workouts:
            for exercise, ceiling in long_rests(workout):
                yield Problem(
                    "warning",
                    workout_path(micro, workout),
                    f"{rest_problem(exercise, ceiling)}: a longer rest adds time, not training.",
                )


REST_RULES: tuple[Rule, ...] = (rest_warnings,)
