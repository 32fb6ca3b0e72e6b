"""The client's week and gym: loads on the client's steps, sessions on free days."""

from __future__ import annotations

from core.exercises.library import find_exercise
from core.plates import client_step, is_on_step
from core.schemas import (
    WorkoutInstance,
)
from core.units import format_load
from tools.quality_checks.program import GeneratedProgram, Outcome, outcome, place_of


def check_load_steps(program: GeneratedProgram) -> Outcome:
    """Every load a whole step of the client's gym in their unit (5 lb, 2.5 kg, 2 kg dumbbells)."""
    failures, loads = [], 0
    for meso, micro in program.full_weeks():
        for workout in micro.workouts:
            for exercise in workout.exercises:
                if exercise.load_kg is None:
                    continue
                loads += 1
                entry = find_exercise(exercise.name)
                step = client_step(program.profile, entry.equipment if entry else ())
                if not is_on_step(exercise.load_kg, step):
                    shown = format_load(exercise.load_kg, step.unit)
                    failures.append(f"{place_of(micro, workout, meso)}: {shown} off {step.text}")
    return outcome(f"{loads - len(failures)} of {loads} loads on the step", failures)


def check_schedule(program: GeneratedProgram) -> Outcome:
    """No session on a day off or away date; on the training days unless the week says it moved."""
    failures, sessions = [], 0
    days = {day.number for day in program.profile.training_days}
    weeks = ((meso, micro) for _start, meso in program.phases for micro in meso.microcycles)
    for meso, micro in weeks:
        for workout in micro.workouts:
            sessions += 1
            where = place_of(micro, workout, meso)
            if not program.profile.can_train_on(workout.date):
                failures.append(f"{where}: the client is away or off")
            elif days and workout.date.weekday() not in days and not _says_moved(workout):
                failures.append(f"{where}: not a training day and no word why")
    return outcome(f"{sessions - len(failures)} of {sessions} sessions on free days", failures)


def _says_moved(workout: WorkoutInstance) -> bool:
    return "Moved from" in (workout.notes or "")
