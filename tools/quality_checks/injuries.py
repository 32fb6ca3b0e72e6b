"""Injuries: graded exposure for an injured area, the step never falling."""

from __future__ import annotations

from core.exercises.exposure import LADDERS
from core.exercises.library import find_exercise
from core.schemas import (
    MesocycleDetailed,
)
from core.validation.volume_floor import (
    REHAB_LEG_FLOOR,
    REHAB_LEG_MUSCLES,
    rehab_legs,
)
from core.validation.week_insights import (
    hard_sets,
    working_exercises,
)
from tools.quality_checks.program import GeneratedProgram, Outcome, outcome, place_of
from tools.quality_checks.week import has_lifting

REHAB_LEG_SETS = REHAB_LEG_FLOOR


def _steps(meso: MesocycleDetailed, injuries: set[str]) -> tuple[dict[str, int], list[str]]:
    """(highest graded-exposure step per injured area, faults) of one phase's lifting sessions:
    a heavy load of an injured area, or a step whose rationale does not name the rule."""
    highest: dict[str, int] = {}
    faults = []
    for micro in meso.microcycles:
        for workout in micro.workouts:
            for exercise in working_exercises(workout):
                entry = find_exercise(exercise.name)
                if entry is None:
                    continue
                heavy = entry.loaded_areas(injuries)
                if heavy:
                    faults.append(
                        f"{place_of(micro, workout, meso)} {entry.name} loads the {heavy[0]}"
                    )
                for area, stage in entry.regression:
                    if area not in injuries:
                        continue
                    highest[area] = max(highest.get(area, 0), stage)
                    if "graded exposure" not in (exercise.rationale or ""):
                        faults.append(
                            f"{place_of(micro, workout, meso)} {entry.name}: rule unnamed"
                        )
    return highest, faults


def check_graded_exposure(program: GeneratedProgram) -> Outcome:
    """An injured knee, hip, shoulder or elbow is trained by graded-exposure steps in every phase
    of a lifting program (never loaded heavily), the step never falls from phase to phase, and a
    knee or hip rehab reaches 4 quad and 4 glute sets by its last build week."""
    profile = program.profile
    injuries = {area.value for area in profile.injuries}
    areas = sorted(injuries & set(LADDERS))
    if not areas or not has_lifting(program):
        return outcome("no injured area with steps" if not areas else "no lifting", [])
    failures: list[str] = []
    ladder: dict[str, list[int]] = {area: [] for area in areas}
    for _start, meso in program.phases:
        highest, faults = _steps(meso, injuries)
        failures += faults
        full = [micro for micro in meso.microcycles if micro.week_number > 0]
        if full and all(program.is_event_week(micro) for micro in full):
            continue  # the event's week leaves accessories out (the event check judges it)
        for area in areas:
            steps = ladder[area]
            stage = highest.get(area, 0)
            if not stage:
                failures.append(f"{meso.phase}: the injured {area} is not trained")
            elif steps and stage < steps[-1]:
                failures.append(f"{meso.phase}: {area} step {stage} after {steps[-1]}")
            steps.append(stage)
    figure = "; ".join(f"{area} steps {'→'.join(map(str, ladder[area]))}" for area in areas)
    if rehab_legs(profile):
        # the event's week is judged by the event check (its last days are easy on purpose)
        weeks = [micro for _meso, micro in program.build_weeks()]
        last = [micro for micro in weeks if not program.is_event_week(micro)][-1:]
        totals = hard_sets(last[0].workouts) if last else {}
        legs = {muscle: totals.get(muscle, 0.0) for muscle in REHAB_LEG_MUSCLES}
        figure += "; last build week " + ", ".join(f"{m} {n:g}" for m, n in legs.items())
        failures += [f"last build week {m} {n:g}" for m, n in legs.items() if n < REHAB_LEG_SETS]
    return outcome(figure, failures)
