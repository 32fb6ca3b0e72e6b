"""Progression: each phase above the last, novice linear steps, no repeats, the level."""

from __future__ import annotations

import itertools

from core.exercises.exposure import phase_options
from core.exercises.library import find_exercise, fits_level
from core.generation.engine.loads import ceiling_load
from core.generation.engine.phases import is_taper
from core.generation.engine.timing import is_timed_circuit
from core.plates import client_step
from core.schemas import (
    ClientProfile,
    Exercise,
    Experience,
    MesocycleDetailed,
    Microcycle,
    WorkoutInstance,
)
from core.validation import estimated_one_rep_max
from core.validation.week_insights import (
    LIFTING_GOALS,
    given_lifts,
    is_lift,
    working_exercises,
)
from tools.quality_checks.program import GeneratedProgram, Outcome, outcome, place_of

BODYWEIGHT_EQUIPMENT = frozenset({"pull_up_bar", "bench"})


def _top_loads(meso: MesocycleDetailed) -> dict[str, tuple[float, float]]:
    """Per lift: (heaviest build-week load, its %1RM)."""
    tops: dict[str, tuple[float, float]] = {}
    for micro in meso.microcycles:
        if micro.week_number == 0 or micro.deload:
            continue
        for workout in micro.workouts:
            for exercise in working_exercises(workout):
                if exercise.load_kg is None or not exercise.pct_one_rm:
                    continue
                best = tops.get(exercise.name)
                if best is None or exercise.load_kg > best[0]:
                    tops[exercise.name] = (exercise.load_kg, exercise.pct_one_rm)
    return tops


def _is_bodyweight(exercise: Exercise) -> bool:
    entry = find_exercise(exercise.name)
    return (
        entry is not None
        and not entry.timed
        and entry.counts_as_hard_sets
        and set(entry.equipment) <= BODYWEIGHT_EQUIPMENT
        and exercise.reps is not None
    )


def _bodyweight_reps(meso: MesocycleDetailed) -> list[dict[str, int]]:
    """Per build week: the fewest reps of each bodyweight exercise."""
    weeks = []
    for micro in meso.microcycles:
        if micro.week_number == 0 or micro.deload:
            continue
        reps: dict[str, int] = {}
        for workout in micro.workouts:
            for exercise in working_exercises(workout):
                if _is_bodyweight(exercise) and exercise.reps is not None:
                    reps[exercise.name] = min(reps.get(exercise.name, 100), exercise.reps)
        weeks.append(reps)
    return weeks


def _at_ceiling(profile: ClientProfile, lift: str, kg: float) -> bool:
    """The load is the heaviest the engine plans without a retest (loads.ceiling_load of the
    tested or parent-estimated 1RM, on the client's plates): the next phase can hold it, not
    pass it."""
    entry = find_exercise(lift)
    known = None if entry is None else estimated_one_rep_max(profile, entry)
    if entry is None or known is None:
        return False
    return kg >= ceiling_load(known[0], client_step(profile, entry.equipment)) - 1e-9


def check_progression(program: GeneratedProgram) -> Outcome:
    """Phase k+1's loads start above phase k's (a raised training max, never a copy; a taper
    and a load at the planned ceiling, MAX_PCT of the 1RM, hold theirs), and bodyweight work
    never progresses by cutting reps."""
    failures = []
    phases = [meso for _start, meso in program.phases]
    raised = compared = 0
    for before, after in itertools.pairwise(phases):
        old, new = _top_loads(before), _top_loads(after)
        for lift in old.keys() & new.keys():
            (old_kg, old_pct), (new_kg, new_pct) = old[lift], new[lift]
            compared += 1
            lighter_phase = new_pct < old_pct
            ok = new_kg > old_kg or (lighter_phase and new_kg / new_pct >= old_kg / old_pct)
            held = new_kg == old_kg
            ok = ok or (
                held and (is_taper(after.phase) or _at_ceiling(program.profile, lift, old_kg))
            )
            raised += ok
            if not ok:
                failures.append(
                    f"{after.phase} {lift} {new_kg:g} kg after {old_kg:g} kg in {before.phase}"
                )
    weeks = [week for meso in phases for week in _bodyweight_reps(meso)]
    for previous, current in itertools.pairwise(weeks):
        for name in previous.keys() & current.keys():
            if current[name] < previous[name]:
                failures.append(f"{name} reps cut {previous[name]} → {current[name]}")
    return outcome(f"{raised} of {compared} phase loads raised", failures)


STALL_WORDS = "stall"


def _heavy_days(
    meso: MesocycleDetailed, lifts: set[str]
) -> list[tuple[Microcycle, dict[str, Exercise]]]:
    """Per full week of a phase: each given lift's heaviest loaded prescription."""
    weeks = []
    for micro in meso.microcycles:
        if micro.week_number == 0:
            continue
        heaviest: dict[str, Exercise] = {}
        for workout in micro.workouts:
            for exercise in working_exercises(workout):
                entry = find_exercise(exercise.name)
                if entry is None or entry.name.lower() not in lifts or exercise.load_kg is None:
                    continue
                best = heaviest.get(entry.name)
                if best is None or exercise.load_kg > (best.load_kg or 0):
                    heaviest[entry.name] = exercise
        weeks.append((micro, heaviest))
    return weeks


def check_linear_progression(program: GeneratedProgram) -> Outcome:
    """A novice on a strength or muscle-gain program progresses linearly (Rippetoe): each given
    1RM lift's heaviest load of the week never falls within a phase and rises over it, at the
    same reps every week of the phase; the rationale writes the stall rule; no planned deload
    before the program's last week (which ends a program without an event on an easier week).
    The event's weeks are its openers' (the event check)."""
    profile = program.profile
    if profile.experience != Experience.BEGINNER or profile.goal not in LIFTING_GOALS:
        return outcome("not a novice lifting program", [])
    lifts = {entry.name.lower() for entry in given_lifts(profile).values()}
    failures: list[str] = []
    raised = steps = 0
    final = program.phases[-1][1].microcycles[-1] if program.phases else None
    for _start, meso in program.phases:
        weeks = [
            (micro, week)
            for micro, week in _heavy_days(meso, lifts)
            if not (micro is final and micro.deload) and not program.is_event_week(micro)
        ]
        failures += [
            f"{meso.phase} wk {micro.week_number}: a planned deload"
            for micro, _ in weeks
            if micro.deload
        ]
        for name in sorted({name for _micro, week in weeks for name in week}):
            rows = [(micro, week[name]) for micro, week in weeks if name in week]
            for (_, before), (micro, after) in itertools.pairwise(rows):
                steps += 1
                old_kg, new_kg = before.load_kg or 0.0, after.load_kg or 0.0
                raised += new_kg > old_kg
                where = f"{meso.phase} wk {micro.week_number}: {name}"
                if new_kg < old_kg:
                    failures.append(f"{where} {new_kg:g} kg after {old_kg:g} kg")
                if after.reps != before.reps:
                    failures.append(f"{where} {after.reps} reps after {before.reps}")
            if len(rows) > 1 and (rows[-1][1].load_kg or 0) <= (rows[0][1].load_kg or 0):
                failures.append(f"{meso.phase}: {name} never heavier than week 1")
            if not any(STALL_WORDS in (row.rationale or "") for _micro, row in rows):
                failures.append(f"{meso.phase}: {name} without a stall rule")
    if not steps and not failures:
        return outcome("no loaded main lift", [])
    return outcome(f"{raised} of {steps} weekly loads raised", failures)


def _in_circuit(workout: WorkoutInstance, exercise: Exercise) -> bool:
    """In a conditioning circuit or an easy aerobic block (timed work, not a prescription)."""
    return any(
        is_timed_circuit(block.label) and exercise in block.exercises for block in workout.blocks
    )


def check_no_repeats(program: GeneratedProgram) -> Outcome:
    """No identical prescription (exercise, sets, reps, load, effort) twice in one week."""
    failures = []
    for meso, micro in program.full_weeks():
        seen: set[tuple] = set()
        for workout in micro.workouts:
            if not is_lift(workout):
                continue
            for exercise in working_exercises(workout):
                if _in_circuit(workout, exercise):
                    continue  # conditioning and easy aerobic work repeat as a metcon's do
                key = (
                    exercise.name,
                    exercise.sets,
                    exercise.reps,
                    exercise.reps_max,
                    exercise.load_kg,
                    exercise.pct_one_rm,
                    exercise.rir,
                    exercise.duration_minutes,
                )
                if key in seen:
                    failures.append(f"{meso.phase} wk {micro.week_number}: {exercise.activity}")
                seen.add(key)
    return outcome(f"{len(failures)} repeats", failures)


def check_level(program: GeneratedProgram) -> Outcome:
    """No regression below the client's level (a wall push-up for an intermediate lifter) where
    the phase had an option that suits the level (core.exercises.exposure.phase_options)."""
    profile = program.profile
    level = profile.experience.value
    equipment = frozenset(item.value for item in profile.equipment)
    injuries = frozenset(area.value for area in profile.injuries)
    failures, checked = [], 0
    for phase_index, (_start, meso) in enumerate(program.phases):
        for micro in meso.microcycles:
            for workout in micro.workouts:
                if not is_lift(workout):
                    continue
                for exercise in working_exercises(workout):
                    entry = find_exercise(exercise.name)
                    if entry is None:
                        continue
                    checked += 1
                    options = phase_options(entry.pattern, equipment, injuries, phase_index, level)
                    if not fits_level(entry, level, injuries) and entry not in options:
                        failures.append(
                            f"{place_of(micro, workout, meso)} {entry.name} for {level}"
                        )
    return outcome(f"{checked - len(failures)} of {checked} fit the level", failures)
