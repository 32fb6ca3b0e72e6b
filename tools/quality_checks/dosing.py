"""Dosing and the 1RMs: each prescription against the published table and the rules."""

from __future__ import annotations

from core.exercises.library import find_exercise
from core.generation.engine.reps_table import reps_to_failure as table_reps_to_failure
from core.generation.engine.rests import MAIN_BLOCK
from core.schemas import (
    Exercise,
)
from core.validation.isolation_reps import ISOLATION_MIN_REPS, heavy_isolation
from core.validation.volume_floor import (
    HARD_SET_MAX_RIR,
)
from core.validation.week_insights import (
    LIFTING_GOALS,
    given_lifts,
    loaded_lifts,
    unknown_one_rm,
    working_exercises,
)
from tools.quality_checks.program import GeneratedProgram, Outcome, outcome, place_of

DEADLIFTS = frozenset({"Deadlift", "Sumo Deadlift", "Trap Bar Deadlift"})
DEADLIFT_MAX_REPS, DEADLIFT_HEAVY_PCT = 8, 70.0
STRAIGHT_SETS, NEAR_FAILURE_RIR = 4, 1
TABLE_SLACK_HARDER, TABLE_SLACK_EASIER = 1.0, 2.0
STATED_RIR_LIMIT = 4
"""A reserve of 4+ is "easy" and not held to the table (deloads keep reps at a lighter load)."""


def dosing_problems(exercise: Exercise) -> list[str]:
    """What a coach would correct in one prescription's dose."""
    problems = []
    top = exercise.reps_max or exercise.reps
    if exercise.reps is None and exercise.rir is not None:
        problems.append("RIR on timed or distance work")
    if (
        exercise.reps is not None
        and exercise.sets >= STRAIGHT_SETS
        and exercise.rir is not None
        and exercise.rir <= NEAR_FAILURE_RIR
    ):
        problems.append(f"{exercise.sets} straight sets at RIR {exercise.rir:g}")
    entry = find_exercise(exercise.name)
    if entry is not None and entry.name in DEADLIFTS and top is not None and top > 8:
        heavy = exercise.pct_one_rm is None or exercise.pct_one_rm >= DEADLIFT_HEAVY_PCT
        if heavy:
            problems.append(f"{top} reps of a {entry.name}")
    if heavy_isolation(exercise):
        problems.append(
            f"{exercise.reps} reps of single-joint work (at least {ISOLATION_MIN_REPS})"
        )
    if exercise.pct_one_rm is not None and exercise.reps is not None and exercise.rir is not None:
        failure = table_reps_to_failure(exercise.pct_one_rm)
        needed = (top or 0) + exercise.rir
        if needed > failure + TABLE_SLACK_HARDER:
            problems.append(
                f"{top} reps + RIR {exercise.rir:g} at {exercise.pct_one_rm:g} % "
                f"(table: {failure:.0f} to failure)"
            )
        elif exercise.rir < STATED_RIR_LIMIT and needed < failure - TABLE_SLACK_EASIER:
            problems.append(
                f"RIR {exercise.rir:g} understated: {top} reps at {exercise.pct_one_rm:g} % "
                f"(table: {failure:.0f} to failure)"
            )
    return problems


def check_dosing(program: GeneratedProgram) -> Outcome:
    failures, count = [], 0
    for meso, micro in program.full_weeks():
        for workout in micro.workouts:
            for exercise in working_exercises(workout):
                for problem in dosing_problems(exercise):
                    count += 1
                    failures.append(f"{place_of(micro, workout, meso)} {exercise.name}: {problem}")
    return outcome(f"{count} dosing error{'' if count == 1 else 's'}", failures)


def check_one_rm_use(program: GeneratedProgram) -> Outcome:
    """Every given 1RM lift is programmed with kg loads in each phase of a strength or
    muscle-gain program (the event's own phase by its openers: the event check)."""
    if program.profile.goal not in LIFTING_GOALS:
        return outcome("not a lifting goal", [])
    lifts = given_lifts(program.profile)
    if not lifts:
        return outcome("no usable 1RM", [])
    failures, used, judged = [], 0, 0
    for _start, meso in program.phases:
        full = [micro for micro in meso.microcycles if micro.week_number > 0]
        if full and all(program.is_event_week(micro) for micro in full):
            continue
        loaded = loaded_lifts(meso.workouts())
        missing = [lift for lift, entry in lifts.items() if entry.name.lower() not in loaded]
        used += len(lifts) - len(missing)
        judged += len(lifts)
        failures += [f"{meso.phase}: {lift} unused" for lift in missing]
    return outcome(f"{used} of {judged} lift-phases", failures)


def check_no_unknown_one_rm(program: GeneratedProgram) -> Outcome:
    """No prescription as a % of a 1RM the client has not given (a % needs a kg load)."""
    failures = []
    for meso, micro in program.full_weeks():
        for workout in micro.workouts:
            for exercise in working_exercises(workout):
                if unknown_one_rm(exercise):
                    failures.append(
                        f"{place_of(micro, workout, meso)} {exercise.name} "
                        f"{exercise.pct_one_rm:g} % of no 1RM"
                    )
    return outcome(f"{len(failures)} unknown-1RM prescriptions", failures)


def check_hard_mains(program: GeneratedProgram) -> Outcome:
    """A build week's main-lift working sets are hard sets: RIR ≤ 4 (a RIR 5 deadlift is not a
    working set a coach writes; deloads are easy on purpose)."""
    failures, rows = [], 0
    for meso, micro in program.build_weeks():
        for workout in micro.workouts:
            for block in workout.blocks:
                if block.label != MAIN_BLOCK:
                    continue
                for exercise in block.exercises:
                    if exercise.reps is None or exercise.rir is None:
                        continue
                    rows += 1
                    if exercise.rir > HARD_SET_MAX_RIR:
                        failures.append(
                            f"{place_of(micro, workout, meso)} {exercise.name} RIR {exercise.rir:g}"
                        )
    return outcome(f"{rows - len(failures)} of {rows} main-lift rows at RIR ≤ 4", failures)
