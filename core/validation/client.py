"""Rules from the client's profile: training days, library, equipment, injuries, session minutes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from core.exercises.library import LibraryExercise, find_exercise
from core.schemas import ProgramType, SessionType, Weekday, WorkoutInstance, short_date
from core.validation.context import (
    Context,
    Problem,
    Rule,
    Severity,
    exercise_path,
    training_workouts,
    week_label,
    workout_path,
)
from core.validation.measures import estimate_minutes, is_rest_label

MINUTES_TOLERANCE = 0.10


def _days_per_week_problems(ctx: Context) -> Iterator[Problem]:
    limit = ctx.profile.days_per_week
    for micro in ctx.mesocycle.microcycles:
        days = {workout.date for workout in training_workouts(micro)}
        if len(days) > limit:
            yield Problem(
                "error",
                f"{week_label(micro)} › sessions",
                f"Week {micro.week_number} trains on {len(days)} days, but "
                f"{ctx.profile.name} is available {limit} days a week.",
            )
    for target in ctx.mesocycle.weekly_targets:
        training_days = sum(not is_rest_label(label) for label in target.split_days)
        if training_days > limit:
            yield Problem(
                "error",
                f"week {target.week_offset + 1} › split",
                f"The split '{target.split}' trains {training_days} days, but {ctx.profile.name} is "
                f"available {limit} days a week.",
            )


def _unavailable_day_problems(ctx: Context) -> Iterator[Problem]:
    """A warning (the coach may know better) for each session on a day off or away date."""
    profile = ctx.profile
    for micro in ctx.mesocycle.microcycles:
        for workout in training_workouts(micro):
            when = f"{workout.date:%a} {short_date(workout.date)} {workout.date.year}"
            away = profile.unavailable_on(workout.date)
            if away is not None:
                what = f" ({away.label})" if away.label else ""
                span = f"{short_date(away.start)} – {short_date(away.end)}"
                yield Problem(
                    "warning",
                    workout_path(micro, workout),
                    f"'{workout.title}' is on {when}, but {profile.name} is away {span}{what}.",
                )
            elif profile.is_day_off(workout.date):
                yield Problem(
                    "warning",
                    workout_path(micro, workout),
                    f"'{workout.title}' is on {when}, but {Weekday.of(workout.date).label} is "
                    f"one of {profile.name}'s days off.",
                )


def _unknown_exercise_problems(ctx: Context) -> Iterator[Problem]:
    seen: set[str] = set()
    for micro, workout, exercise in ctx.exercises():
        key = exercise.name.lower()
        if key in seen or find_exercise(exercise.name) is not None:
            continue
        seen.add(key)
        yield Problem(
            "warning",
            exercise_path(micro, workout, exercise),
            f"'{exercise.name}' is not in the exercise library, so its muscles, equipment and "
            "injury load could not be checked.",
        )


def _library_clash_problems(
    ctx: Context, clash: Callable[[LibraryExercise], Iterable[str]], sentence: str, space: str
) -> Iterator[Problem]:
    """An error for each library exercise whose ``clash`` names something (joined with "and",
    underscores shown as ``space``); ``sentence`` has {exercise}, {items} and {client}."""
    for micro, workout, exercise in ctx.exercises():
        entry = find_exercise(exercise.name)
        found = list(clash(entry)) if entry else []
        if found:
            items = " and ".join(item.replace("_", space) for item in found)
            yield Problem(
                "error",
                exercise_path(micro, workout, exercise),
                sentence.format(exercise=exercise.name, items=items, client=ctx.profile.name),
            )


def _equipment_problems(ctx: Context) -> Iterator[Problem]:
    return _library_clash_problems(
        ctx,
        lambda entry: [item for item in entry.equipment if item not in ctx.equipment],
        "{exercise} needs {items}, which {client} does not have.",
        "-",
    )


def _injury_problems(ctx: Context) -> Iterator[Problem]:
    return _library_clash_problems(
        ctx,
        lambda entry: entry.loaded_areas(set(ctx.injuries)),
        "{exercise} loads the {items}, which {client} has injured; use a graded-exposure step "
        "instead (a wall sit or Spanish squat for a knee, a landmine press for a shoulder).",
        " ",
    )


LONG_RUN_SESSIONS = 2
"""A runner's long run may last up to twice the client's session minutes (it outgrows them
as the weekly distance builds)."""


def _minutes_limit(ctx: Context, workout: WorkoutInstance) -> int:
    limit = ctx.profile.minutes_per_session
    long_run = workout.session_type == SessionType.RUN and "long run" in workout.title.lower()
    return (
        limit * LONG_RUN_SESSIONS
        if long_run and ctx.program_type == ProgramType.ENDURANCE
        else limit
    )


def _session_length_problems(ctx: Context) -> Iterator[Problem]:
    for micro in ctx.mesocycle.microcycles:
        for workout in training_workouts(micro):
            limit = _minutes_limit(ctx, workout)
            planned = workout.planned_minutes
            minutes = planned if planned is not None else estimate_minutes(workout)
            if minutes <= limit:
                continue
            severity: Severity = (
                "warning" if minutes <= limit * (1 + MINUTES_TOLERANCE) else "error"
            )
            how = "is planned at" if planned is not None else "looks like about"
            yield Problem(
                severity,
                workout_path(micro, workout),
                f"'{workout.title}' {how} {minutes} min, longer than the client's "
                f"{limit} min a session.",
            )


def _estimated_length_problems(ctx: Context) -> Iterator[Problem]:
    """A session whose exercises clearly need more time than it is planned for."""
    limit = ctx.profile.minutes_per_session
    for micro in ctx.mesocycle.microcycles:
        for workout in training_workouts(micro):
            planned = workout.planned_minutes
            if planned is None:
                continue
            estimate = estimate_minutes(workout)
            if estimate > 1.25 * max(planned, 1) and estimate > limit * (1 + MINUTES_TOLERANCE):
                yield Problem(
                    "warning",
                    workout_path(micro, workout),
                    f"'{workout.title}' is planned at {planned} min, but its sets and rests "
                    f"add up to about {estimate} min.",
                )


CONFLICT_RULES: tuple[Rule, ...] = (_equipment_problems, _injury_problems)
"""What the client cannot do at all: equipment they lack, an injured area loaded."""

CLIENT_RULES: tuple[Rule, ...] = (
    _days_per_week_problems,
    _unavailable_day_problems,
    _unknown_exercise_problems,
    _equipment_problems,
    _injury_problems,
    _session_length_problems,
    _estimated_length_problems,
)
"""The rules from the client's profile, in the order they report."""
