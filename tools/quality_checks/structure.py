"""Session structure and words: ramp-up sets, warm-ups, cool-downs, hard main lifts, wording."""

from __future__ import annotations

import re
from collections.abc import Iterator

from core.generation.engine.timing import ramp_up_reps, session_seconds
from core.generation.engine.workouts import COOL_DOWN_MAX_MINUTES
from core.schemas import (
    Goal,
    SessionType,
)
from core.validation.impact import impact_faults
from core.validation.warmups import session_warmup_faults
from core.validation.week_insights import (
    working_exercises,
)
from tools.quality_checks.program import GeneratedProgram, Outcome, has_warmup, outcome, place_of

RAMP_FROM_PCT = 70.0
WARMUP_FROM_MINUTES = 25


def check_ramp_up(program: GeneratedProgram) -> Outcome:
    """Ramp-up sets written before every lift at ≥ 70 % 1RM (back-off sets right after the same
    lift's top set need none)."""
    failures, heavy = [], 0
    for meso, micro in program.full_weeks():
        for workout in micro.workouts:
            previous = None
            for exercise in working_exercises(workout):
                back_off = exercise.name == previous
                previous = exercise.name
                if back_off or (exercise.pct_one_rm or 0) < RAMP_FROM_PCT:
                    continue
                heavy += 1
                if not ramp_up_reps(exercise):
                    failures.append(f"{place_of(micro, workout, meso)} {exercise.name}")
    return outcome(f"{heavy - len(failures)} of {heavy} heavy lifts ramped", failures)


def check_warmup(program: GeneratedProgram) -> Outcome:
    """A warm-up in every lifting or conditioning session of 25 minutes or more, of moving drills
    with one for the first main lift's prime movers (``core.validation.warmups``)."""
    failures, sessions = [], 0
    for meso, micro in program.full_weeks():
        for workout in micro.workouts:
            if workout.session_type not in (SessionType.LIFT, SessionType.METCON):
                continue
            if session_seconds(workout) / 60 < WARMUP_FROM_MINUTES:
                continue
            sessions += 1
            where = f"{place_of(micro, workout, meso)} {workout.title}"
            if not has_warmup(workout):
                failures.append(f"{where}: no warm-up")
            elif faults := session_warmup_faults(workout):
                failures.append(f"{where}: {faults[0]}")
    return outcome(f"{sessions - len(failures)} of {sessions} warmed up", failures)


def check_cool_down(program: GeneratedProgram) -> Outcome:
    """A build week's cool-down of at most 10 minutes (Van Hooren & Peake 2018): a long
    session's spare time goes to training, not to stretching (a deload's may be easy mobility)."""
    failures, longest = [], 0.0
    for meso, micro in program.build_weeks():
        for workout in micro.workouts:
            for block in workout.blocks:
                if "cool" not in block.label.lower():
                    continue
                minutes = sum(
                    exercise.sets * (exercise.duration_minutes or 0) for exercise in block.exercises
                )
                longest = max(longest, minutes)
                if minutes > COOL_DOWN_MAX_MINUTES + 1e-9:
                    failures.append(
                        f"{place_of(micro, workout, meso)} {workout.title}: {minutes:g}"
                    )
    return outcome(f"longest cool-down {longest:g} min", failures)


DEVELOPER_WORDS = re.compile(
    r"\b(offline|fallback|generated|slot|weekly target|None|null|meso-\d|DOMAIN)\b|"
    r"\b[a-z]+_[a-z_]+\b"
)
ONE_SETS = re.compile(r"(?<![\d.])1 (?:sets|reps|rounds)\b")
GOAL_WORDS = {
    Goal.STRENGTH: "strength",
    Goal.MUSCLE_GAIN: "muscle gain",
    Goal.WEIGHT_LOSS: "weight loss",
    Goal.ENDURANCE: "endurance",
    Goal.GENERAL_FITNESS: "general fitness",
    Goal.REHAB: "rehab",
}
_PROGRAM_NAME = re.compile(r"\d+-week ([a-z ]+?) (?:program|macrocycle)")


def _texts(program: GeneratedProgram) -> Iterator[tuple[str, str]]:
    yield "overview", program.program.overview
    for macro in program.program.macrocycles:
        yield "macrocycle", macro.name
    for _start, meso in program.phases:
        for micro in meso.microcycles:
            for workout in micro.workouts:
                yield "title", workout.title
                yield "notes", workout.notes or ""
                for block in workout.blocks:
                    for exercise in block.exercises:
                        yield exercise.name, exercise.rationale or ""
                        yield exercise.name, exercise.notes or ""


def check_wording(program: GeneratedProgram) -> Outcome:
    """Words a coach uses: "2 sets" never "1 sets", no developer terms, the goal named."""
    failures = []
    goal = GOAL_WORDS[program.profile.goal]
    for where, text in _texts(program):
        text = text.replace(program.profile.name, "the client")
        if one := ONE_SETS.search(text):
            failures.append(f"{where}: '{one.group(0)}'")
        word = DEVELOPER_WORDS.search(text)
        if word:
            failures.append(f"{where}: '{word.group(0)}'")
        for name in _PROGRAM_NAME.findall(text):
            if name != goal:
                failures.append(f"{where}: '{name}' program for a {goal} client")
    if goal not in program.program.overview:
        failures.append(f"overview does not name the goal ({goal})")
    unique = list(dict.fromkeys(failures))
    return outcome(f"{len(unique)} wording faults", unique)


def check_impact(program: GeneratedProgram) -> Outcome:
    """No jumping drill for a client it does not suit (a beginner, 100 kg or more, 60 or older)
    and none after a lifting session's sets (``core.validation.impact``)."""
    failures = []
    for meso, micro in program.full_weeks():
        for workout in micro.workouts:
            failures += [
                f"{place_of(micro, workout, meso)} {fault}"
                for fault in impact_faults(workout, program.profile)
            ]
    return outcome(f"{len(failures)} jumping drills that do not suit", failures)
