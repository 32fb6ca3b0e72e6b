"""Load rules: a %1RM or a load above a maximum, off its percentage, infeasible at its reps in
reserve, or, with no 1RM on record, beyond what any lifter moves on that pattern."""

from __future__ import annotations

from collections.abc import Iterator

from core.exercises.library import LibraryExercise, find_exercise
from core.plates import PLATE_KG, client_step
from core.schemas import ClientProfile, Exercise, effective_units
from core.training_max import highest_working_max
from core.units import format_load
from core.validation.context import Context, Problem, Rule, exercise_path, fmt
from core.validation.measures import epley_reps_to_failure, estimated_one_rep_max, one_rep_max

ABOVE_MAX = 1.025
"""A load more than 2.5 % over the 1RM is an error: a plan does not test a new max by accident."""
REPS_SLACK = 1
"""Epley's reps to failure are an estimate: one rep over it is still a plan, two is a warning."""
ELITE_BODYWEIGHT_MULTIPLE: dict[str, float] = {
    # 1RM ÷ bodyweight a little above the "elite" column of published strength standards (Rippetoe
    # & Kilgore, Practical Programming for Strength Training, 2nd ed., 2006): with no 1RM
    # to check against, a load past this is a typing slip, not a prescription (docs/domain.md §4).
    "squat": 3.0,
    "hinge": 3.5,
    "lunge": 2.0,
    "horizontal_push": 2.25,
    "vertical_push": 1.5,
    "horizontal_pull": 2.0,
    "vertical_pull": 1.5,
    "elbow_flexion": 1.0,
    "elbow_extension": 1.0,
    "calf": 3.0,
    "carry": 2.0,
    "core": 1.0,
}
REFERENCE_BODYWEIGHT_KG = 120.0
"""With no bodyweight on record the ceiling assumes a heavy lifter, so it only catches slips."""
HAND_HELD = frozenset({"dumbbells", "kettlebell"})
"""Loads of these are per hand: half a barbell's ceiling."""


def _percent_problems(ctx: Context) -> Iterator[Problem]:
    for micro, workout, exercise in ctx.exercises():
        pct = exercise.pct_one_rm
        if pct is None:
            continue
        path = exercise_path(micro, workout, exercise)
        if pct > 102.5:
            yield Problem("error", path, f"{fmt(pct)} % of 1RM is above a true maximum.")
            continue
        if pct < 30:
            yield Problem("warning", path, f"{fmt(pct)} % of 1RM is too light to be a work set.")
            continue
        problem = _infeasible(exercise, pct, f"At {fmt(pct)} % 1RM", path)
        if problem is not None:
            yield problem


def _infeasible(exercise: Exercise, pct: float, at: str, path: str) -> Problem | None:
    """A warning when reps plus reps in reserve exceed what Epley allows at ``pct`` of the 1RM."""
    if exercise.reps is None or pct <= 0:
        return None
    possible = epley_reps_to_failure(min(pct, 100.0))
    needed = (exercise.reps_max or exercise.reps) + (exercise.rir or 0)
    if needed <= possible + REPS_SLACK:
        return None
    return Problem(
        "warning",
        path,
        f"{at} Epley allows about {possible:.0f} reps to failure; "
        f"{needed:g} (reps plus reps in reserve) is more than that.",
    )


def _load_problems(ctx: Context) -> Iterator[Problem]:
    unit = effective_units(ctx.profile).load
    for micro, workout, exercise in ctx.exercises():
        entry = find_exercise(exercise.name)
        if exercise.load_kg is None or entry is None:
            continue
        path = exercise_path(micro, workout, exercise)
        known = estimated_one_rep_max(ctx.profile, entry)
        if known is None:
            problem = _beyond_any_lifter(ctx.profile, entry, exercise.load_kg, path)
            if problem is not None:
                yield problem
            continue
        one_rm, source = known
        own = one_rep_max(ctx.profile, entry.one_rm_key) is not None
        whose = f"{ctx.profile.name}'s {format_load(one_rm, unit)} 1RM" if own else f"the {source}"
        load = format_load(exercise.load_kg, unit)
        if exercise.load_kg > one_rm * ABOVE_MAX:
            yield Problem("error", path, f"{load} is above {whose}.")
            continue
        pct = exercise.load_kg / one_rm * 100
        if exercise.pct_one_rm is not None:
            expected = one_rm * exercise.pct_one_rm / 100
            # the % may be of the phase's training max, above the tested 1RM by the planned
            # progression (core.training_max.working_max)
            raised = highest_working_max(one_rm, entry) * exercise.pct_one_rm / 100
            # rounding to the client's step moves a load by up to half a step (a 5 lb jump is
            # 2.27 kg, a gym's 5 kg jump more): that is the gym, not a mismatch
            step = client_step(ctx.profile, entry.equipment)
            slack = max(PLATE_KG, step.kg, 0.05 * one_rm)
            if expected - slack <= exercise.load_kg <= raised + slack:
                continue  # the %1RM rule has already judged this load
            yield Problem(
                "warning",
                path,
                f"{load} does not match {fmt(exercise.pct_one_rm)} % of the "
                f"{format_load(one_rm, unit)} 1RM (about {format_load(round(expected, 1), unit)}).",
            )
        problem = _infeasible(exercise, pct, f"{load} is {pct:.0f} % of {whose}:", path)
        if problem is not None:
            yield problem


def _beyond_any_lifter(
    profile: ClientProfile, entry: LibraryExercise, load_kg: float, path: str
) -> Problem | None:
    multiple = ELITE_BODYWEIGHT_MULTIPLE.get(entry.pattern)
    if multiple is None:
        return None
    if HAND_HELD & set(entry.equipment):
        multiple /= 2
    bodyweight = profile.bodyweight_kg or REFERENCE_BODYWEIGHT_KG
    ceiling = multiple * bodyweight
    if load_kg <= ceiling:
        return None
    weighing = "" if profile.bodyweight_kg else " for a heavy lifter"
    unit = effective_units(profile).load
    return Problem(
        "warning",
        path,
        f"{format_load(load_kg, unit)} is more than elite lifters move on {entry.name} (about "
        f"{format_load(round(ceiling), unit)} at {format_load(bodyweight, unit)} bodyweight"
        f"{weighing}) and there is no 1RM to check it against: check the load or record a 1RM.",
    )


LOAD_RULES: tuple[Rule, ...] = (_percent_problems, _load_problems)
