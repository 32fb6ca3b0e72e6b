"""Coach-in-the-loop autoregulation: after a logged week, proposed changes to the coming week, each
a diff per exercise (before → after) with the rule that fired, in words. Nothing changes until
the coach accepts; accepted proposals are stored as plan revisions (core.plan_changes).

Rules (docs/domain.md §5; RIR-based effort after Zourdos et al. 2016 and Helms et al. 2016):
- logged RIR misses the prescription by ≥ 2 on an exercise: its load moves 2.5 % (a miss of 2) or
  5 % (3 or more), up when the sets were easier than planned, down when harder;
- a skipped session, or a session RPE ≥ 1.5 above its target: one set fewer (never below 1) for
  the exercises of the coming week that train the muscles of those sessions' main lifts;
- a reactive deload after repeated misses (this week and the one before both missed): the coming
  week's sets halved and its loads −10 %.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from core.exercises.library import find_exercise
from core.load.e1rm import DatedSet, reps_in_reserve
from core.plan_changes import ChangeKind, PlanChange, blocks_of
from core.plates import round_to_plate
from core.read_models import WorkoutRecord
from core.schemas import MAX_PCT_ONE_RM, Exercise, WorkoutStatus
from core.validation import pct_of_one_rm

RIR_MISS = 2.0
BIG_MISS = 3.0
SMALL_STEP, BIG_STEP = 0.025, 0.05
RPE_OVER = 1.5
DELOAD_LOAD = 0.90
MISSED_WEEKS_FOR_DELOAD = 2


@dataclass(frozen=True)
class Adjustment:
    """One exercise of one coming workout: what it was, what it would become, and why."""

    workout_id: uuid.UUID
    exercise: str
    before: str
    after: str
    rule: str


@dataclass(frozen=True)
class Proposal:
    adjustments: list[Adjustment]
    changes: list[PlanChange]
    missed: bool
    """Whether this week missed (RIR off by ≥ 2, a skip, or session RPE too high)."""


def _targets(week: Iterable[WorkoutRecord]) -> dict[tuple[uuid.UUID, int], Exercise]:
    return {
        (w.id, index): exercise
        for w in week
        for index, exercise in enumerate(
            e for b in blocks_of({"blocks": w.blocks}) for e in b.exercises
        )
    }


def rir_misses(week: list[WorkoutRecord], sets: list[DatedSet]) -> dict[str, float]:
    """Per exercise name: mean logged RIR − prescribed RIR, where that is 2 or more either way."""
    planned = _targets(week)
    gaps: dict[str, list[float]] = {}
    for dated in sets:
        result = dated.result
        target = (
            planned.get((dated.workout_id, result.exercise_index)) if dated.workout_id else None
        )
        if target is None or target.rir is None or (result.rir is None and result.rpe is None):
            continue
        done = reps_in_reserve(result.rir, result.rpe)
        gaps.setdefault(target.name, []).append(done - target.rir)
    means = {name: sum(values) / len(values) for name, values in gaps.items()}
    return {name: gap for name, gap in means.items() if abs(gap) >= RIR_MISS}


def strained_muscles(week: list[WorkoutRecord]) -> tuple[set[str], list[str]]:
    """Muscles of the main lifts of sessions skipped or rated ≥ 1.5 above target, and why."""
    muscles: set[str] = set()
    reasons = []
    for workout in week:
        skipped = workout.status == WorkoutStatus.SKIPPED
        over = (
            workout.status == WorkoutStatus.COMPLETED
            and workout.session_rpe is not None
            and workout.target_rpe is not None
            and workout.session_rpe - workout.target_rpe >= RPE_OVER
        )
        if not (skipped or over):
            continue
        for exercise in (e for b in blocks_of({"blocks": workout.blocks}) for e in b.exercises):
            entry = find_exercise(exercise.name)
            if entry is not None and entry.main_lift:
                muscles.update(entry.primary)
        reasons.append(
            f"'{workout.title}' was skipped"
            if skipped
            else f"'{workout.title}' felt RPE {workout.session_rpe:g} against {workout.target_rpe:g}"
        )
    return muscles, reasons


def propose(
    week: list[WorkoutRecord],
    sets: list[DatedSet],
    coming: list[WorkoutRecord],
    missed_before: bool = False,
) -> Proposal:
    """What the logged ``week`` (its workouts and sets) suggests for the ``coming`` week's
    scheduled workouts; ``missed_before`` says whether the week before this one missed too."""
    misses = rir_misses(week, sets)
    muscles, reasons = strained_muscles(week)
    missed = bool(misses or reasons)
    deload = missed and missed_before
    adjustments: list[Adjustment] = []
    changes: list[PlanChange] = []
    for workout in coming:
        if workout.status != WorkoutStatus.SCHEDULED:
            continue
        blocks = blocks_of({"blocks": workout.blocks})
        touched = False
        for block in blocks:
            for index, exercise in enumerate(block.exercises):
                new, rule = _adjusted(exercise, misses, muscles, reasons, deload)
                if rule:
                    adjustments.append(
                        Adjustment(workout.id, exercise.name, exercise.activity, new.activity, rule)
                    )
                    block.exercises[index] = new
                    touched = True
        if touched:
            changes.append(
                PlanChange(
                    ChangeKind.EDIT,
                    workout.id,
                    f"Accepted the autoregulation proposal for '{workout.title}' on "
                    f"{workout.date:%a %d %b}.",
                    fields={"blocks": [b.model_dump(mode="json") for b in blocks]},
                )
            )
    return Proposal(adjustments, changes, missed)


def _load_update(exercise: Exercise, load_kg: float) -> dict[str, object]:
    """The new load, and its %1RM of the same 1RM the old one was a percentage of (the stored
    %1RM would otherwise describe the old load)."""
    update: dict[str, object] = {"load_kg": load_kg}
    if exercise.load_kg and exercise.pct_one_rm:
        pct = pct_of_one_rm(load_kg, exercise.load_kg * 100 / exercise.pct_one_rm)
        update["pct_one_rm"] = pct if pct <= MAX_PCT_ONE_RM else None
    return update


def _adjusted(
    exercise: Exercise,
    misses: dict[str, float],
    muscles: set[str],
    reasons: list[str],
    deload: bool,
) -> tuple[Exercise, str]:
    if deload:
        update: dict[str, object] = {"sets": max(1, math.ceil(exercise.sets / 2))}
        if exercise.load_kg:
            update |= _load_update(exercise, round_to_plate(exercise.load_kg * DELOAD_LOAD))
        return exercise.model_copy(update=update), (
            "reactive deload: this week and the one before both missed their targets, so half "
            "the sets at −10 % load"
        )
    gap = misses.get(exercise.name)
    if gap is not None and exercise.load_kg:
        share = BIG_STEP if abs(gap) >= BIG_MISS else SMALL_STEP
        factor = 1 + share if gap > 0 else 1 - share
        load = round_to_plate(exercise.load_kg * factor)
        word = "easier" if gap > 0 else "harder"
        return exercise.model_copy(update=_load_update(exercise, load)), (
            f"logged RIR was {abs(gap):g} {word} than prescribed: load "
            f"{'+' if gap > 0 else '−'}{share * 100:g} %"
        )
    entry = find_exercise(exercise.name)
    if muscles and entry is not None and exercise.sets > 1 and set(entry.primary) & muscles:
        return exercise.model_copy(update={"sets": exercise.sets - 1}), (
            f"one set fewer for {', '.join(sorted(set(entry.primary) & muscles))}: "
            + "; ".join(reasons)
        )
    return exercise, ""
