"""How long a client rests between working sets: at most what the set's effort calls for.

One rule for the engine (core.generation.engine.rests lengthens rests where a session has time,
never past it), the validator (a warning for any draft) and the quality report.

Rest follows the load: the heavier the set (the fewer reps it could be done for: its reps plus
the reps left in reserve), the longer the rest that keeps the next set's load and reps. The NSCA gives 2–5 minutes for strength work (sets of up to about
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
from core.schemas import Exercise, WorkoutInstance
from core.validation.context import Context, Problem, Rule, workout_path
from core.validation.set_counts import is_main_block, judged_blocks

REST_CEILINGS: tuple[tuple[int, int, int, int], ...] = (
    # (heaviest RM: the set's reps + its reps in reserve; main lift, other multi-joint lift,
    # single-joint or timed), in seconds
    (6, 300, 240, 120),
    (9, 240, 180, 120),
    (12, 180, 150, 120),
    (100, 150, 120, 90),
)
"""The longest rest after a working set, by the load as a repetition maximum (a set of 8 two
reps from failure is a 10RM load) and the kind of lift: strength loads rest up to 5 minutes,
hypertrophy loads 2–4, lighter loads 1.5–2.5."""


def multi_joint(name: str) -> bool:
    """A squat, hinge, lunge, press or pull of the library (not a hold or single-joint work)."""
    entry = find_exercise(name)
    return entry is not None and entry.multi_joint


def load_rm(reps: int | None, rir: float | None, rpe: float | None = None) -> int | None:
    """The load of a set as a repetition maximum: its reps plus the reps left in reserve (RIR,
    or 10 − RPE); None for a hold or a carry."""
    if reps is None:
        return None
    reserve = rir if rir is not None else (10 - rpe if rpe is not None else 0)
    return reps + round(max(0.0, reserve))


def rest_ceiling(name: str, rm: int | None, main: bool) -> int:
    """The longest rest after a set of an ``rm`` load (``load_rm``; None: a hold or a carry) of
    the exercise ``name`` (``main``: a main lift of the session)."""
    kind = 1 if main else 2 if multi_joint(name) else 3
    if rm is None:
        return REST_CEILINGS[-1][3] if kind == 3 else REST_CEILINGS[-1][kind]
    row = next(row for row in REST_CEILINGS if rm <= row[0])
    return row[kind]


def rest_within(rest: int, name: str, reps: int | None, rir: float | None, main: bool) -> int:
    """``rest``, or the ceiling for a set of ``reps`` at ``rir`` of ``name`` when that is less."""
    return min(rest, rest_ceiling(name, load_rm(reps, rir), main))


def exercise_rest_ceiling(exercise: Exercise, main: bool) -> int:
    """The longest rest after a set of ``exercise`` as written."""
    rm = load_rm(exercise.reps, exercise.rir, exercise.rpe)
    return rest_ceiling(exercise.name, rm, main)


def long_rests(workout: WorkoutInstance) -> Iterator[tuple[Exercise, int]]:
    """(exercise, its ceiling) for each working set whose rest is longer than its effort calls
    for (warm-ups, cool-downs, circuits and runs are not judged: core.validation.set_counts)."""
    for block in judged_blocks(workout):
        main = is_main_block(block)
        for exercise in block.exercises:
            ceiling = exercise_rest_ceiling(exercise, main)
            if (exercise.rest_seconds or 0) > ceiling:
                yield exercise, ceiling


def rested_sets(workout: WorkoutInstance) -> int:
    """How many working-set rows the rule judges in a session."""
    return sum(len(block.exercises) for block in judged_blocks(workout))


def rest_problem(exercise: Exercise, ceiling: int) -> str:
    """'Back Squat: 300 s rest after a 13RM load (at most 150 s)'."""
    rm = load_rm(exercise.reps, exercise.rir, exercise.rpe)
    after = f"a {rm}RM load" if rm is not None else "its sets"
    return f"{exercise.name}: {exercise.rest_seconds} s rest after {after} (at most {ceiling} s)"


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
