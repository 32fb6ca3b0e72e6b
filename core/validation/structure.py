"""Structural rules: weeks, dates, split shape, sessions per week, ids and empty sessions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

from core.dates import (
    DateRange,
    mesocycle_date_range,
    needs_transition,
)
from core.schemas import (
    Microcycle,
    WeeklyTarget,
    program_type_target_problems,
)
from core.validation.context import (
    Context,
    Problem,
    Rule,
    day_name,
    training_workouts,
    week_label,
    workout_path,
)
from core.validation.measures import is_rest, is_rest_label


def _target_count_problems(ctx: Context) -> Iterator[Problem]:
    """The origin's program-type rule: strength needs intensity and sets, endurance mileage."""
    for message in program_type_target_problems(ctx.mesocycle, ctx.program_type):
        yield Problem("error", f"{ctx.mesocycle.phase} › weekly targets", message)


def _week_count_problems(ctx: Context) -> Iterator[Problem]:
    meso = ctx.mesocycle
    numbers = [micro.week_number for micro in meso.microcycles]
    transition = needs_transition(ctx.start_date) if ctx.start_date else 0 in numbers
    expected = ([0] if transition else []) + list(range(1, meso.weeks + 1))
    if numbers == expected:
        return
    reason = (
        f"it starts on a {ctx.start_date:%A}, so it opens with transition week 0"
        if ctx.start_date and transition
        else "it starts on a Monday, so it has no transition week 0"
        if ctx.start_date
        else "week 0 is the transition week"
    )
    listed = ", ".join(str(number) for number in numbers) or "none"
    wanted = ", ".join(str(number) for number in expected)
    yield Problem(
        "error",
        "mesocycle › weeks",
        f"The block has {meso.weeks} weeks and {reason}: it needs weeks {wanted}, "
        f"but has weeks {listed}.",
    )


def _mesocycle_date_problems(ctx: Context) -> Iterator[Problem]:
    meso = ctx.mesocycle
    if ctx.start_date is None:
        yield Problem(
            "warning",
            "mesocycle › dates",
            "The block has no start date, so its week dates could not be checked.",
        )
        return
    expected = mesocycle_date_range(ctx.start_date, meso.weeks)
    if meso.start_date is not None and meso.start_date != expected.start_date:
        yield Problem(
            "error",
            "mesocycle › start date",
            f"The block starts on {meso.start_date}, but was planned to start on "
            f"{expected.start_date}.",
        )
    if meso.end_date is not None and meso.end_date != expected.end_date:
        yield Problem(
            "error",
            "mesocycle › end date",
            f"The block should end on Sunday {expected.end_date}, not on {meso.end_date}.",
        )


def _microcycle_date_problems(ctx: Context) -> Iterator[Problem]:
    ranges = ctx.ranges
    for micro in ctx.mesocycle.microcycles:
        expected = ranges.get(micro.week_number)
        if expected is None or (micro.start_date is None and micro.end_date is None):
            continue
        if (micro.start_date, micro.end_date) != (expected.start_date, expected.end_date):
            yield Problem(
                "error",
                f"{week_label(micro)} › dates",
                f"Week {micro.week_number} should run from {day_name(expected.start_date)} "
                f"{expected.start_date} to {day_name(expected.end_date)} {expected.end_date}, "
                f"not {micro.start_date} to {micro.end_date}.",
            )


def _week_range(ctx: Context, micro: Microcycle) -> DateRange | None:
    expected = ctx.ranges.get(micro.week_number)
    if expected is not None:
        return expected
    if micro.start_date and micro.end_date:
        return DateRange(micro.start_date, micro.end_date)
    return None


def _workout_inside_week_problems(ctx: Context) -> Iterator[Problem]:
    for micro in ctx.mesocycle.microcycles:
        week = _week_range(ctx, micro)
        if week is None:
            continue
        for workout in micro.workouts:
            if not week.start_date <= workout.date <= week.end_date:
                yield Problem(
                    "error",
                    workout_path(micro, workout),
                    f"'{workout.title}' on {workout.date} is outside week "
                    f"{micro.week_number} ({week.start_date} to {week.end_date}).",
                )


def _split_shape_problems(ctx: Context) -> Iterator[Problem]:
    for target in ctx.mesocycle.weekly_targets:
        days = target.split_days
        if len(days) != 7:
            yield Problem(
                "warning",
                f"week {target.week_offset + 1} › split",
                f"The split '{target.split}' lists {len(days)} days; list 7 labels Mon–Sun "
                "separated by '-', e.g. 'Upper-Lower-Rest-Upper-Lower-Rest-Rest'.",
            )


def _split_training_days(target: WeeklyTarget) -> list[int]:
    """Weekdays (0 = Monday) the split trains on; empty when the split is not 7 labels."""
    days = target.split_days
    if len(days) != 7:
        return []
    return [weekday for weekday, label in enumerate(days) if not is_rest_label(label)]


def _free_days(ctx: Context, micro: Microcycle) -> int:
    """Days of the week the client can train on."""
    return sum(ctx.profile.can_train_on(day) for day in ctx.days_of(micro))


def _workout_count_problems(ctx: Context) -> Iterator[Problem]:
    """Full weeks hold one session per split training day, fewer only when the client is away
    for too many of its days; the transition week may hold fewer."""
    for micro in ctx.mesocycle.microcycles:
        target = ctx.target(micro)
        if target is None:
            continue
        actual = len(training_workouts(micro))
        expected = sum(not is_rest_label(label) for label in target.split_days)
        free = _free_days(ctx, micro) if ctx.away_in(micro) else None
        fewest = expected if free is None else min(expected, free)
        if micro.is_transition:
            week = _week_range(ctx, micro)
            if week is not None and len(target.split_days) == 7:
                inside = {(week.start_date + timedelta(days=i)).weekday() for i in range(week.days)}
                expected = len(set(_split_training_days(target)) & inside)
            if actual > expected:
                yield Problem(
                    "error",
                    f"{week_label(micro)} › sessions",
                    f"The transition week has {actual} sessions, but the split trains only "
                    f"{expected} of its days.",
                )
        elif not fewest <= actual <= expected:
            yield Problem(
                "error",
                f"{week_label(micro)} › sessions",
                f"Week {micro.week_number} has {actual} training sessions, but its split "
                f"'{target.split}' has {expected} training days"
                + (f" (the client can train on {free} days of it)." if free is not None else "."),
            )


def _workout_on_rest_day_problems(ctx: Context) -> Iterator[Problem]:
    for micro in ctx.mesocycle.microcycles:
        target = ctx.target(micro)
        if target is None or len(target.split_days) != 7 or ctx.away_in(micro):
            continue  # a week with away dates moves sessions off the split's days on purpose
        for workout in training_workouts(micro):
            label = target.split_days[workout.date.weekday()]
            if is_rest_label(label):
                yield Problem(
                    "warning",
                    workout_path(micro, workout),
                    f"'{workout.title}' falls on {day_name(workout.date)}, a rest day in the "
                    f"split '{target.split}'.",
                )


def _same_day_problems(ctx: Context) -> Iterator[Problem]:
    for micro in ctx.mesocycle.microcycles:
        per_day = Counter(workout.date for workout in training_workouts(micro))
        for day, count in sorted(per_day.items()):
            if count > 1:
                yield Problem(
                    "warning",
                    f"{week_label(micro)} › {day_name(day)}",
                    f"{count} sessions are planned on {day_name(day)} {day}; check that a double "
                    "session is intended.",
                )


def _id_problems(ctx: Context) -> Iterator[Problem]:
    meso = ctx.mesocycle
    ids: list[tuple[str, object]] = []
    if meso.mesocycle_id is not None:
        ids.append(("mesocycle", meso.mesocycle_id))
    for micro in meso.microcycles:
        if micro.id is not None:
            ids.append((week_label(micro), micro.id))
        ids.extend(
            (workout_path(micro, workout), workout.id)
            for workout in micro.workouts
            if workout.id is not None
        )
    seen: dict[object, str] = {}
    for path, value in ids:
        if value in seen:
            yield Problem("error", path, f"Its id {value} is already used by {seen[value]}.")
        else:
            seen[value] = path


def _empty_session_problems(ctx: Context) -> Iterator[Problem]:
    for micro in ctx.mesocycle.microcycles:
        for workout in micro.workouts:
            if is_rest(workout) and workout.exercises:
                yield Problem(
                    "warning",
                    workout_path(micro, workout),
                    f"'{workout.title}' is a rest day but lists exercises.",
                )
            elif not is_rest(workout) and not workout.exercises:
                yield Problem(
                    "warning",
                    workout_path(micro, workout),
                    f"'{workout.title}' has no exercises.",
                )


STRUCTURE_RULES: tuple[Rule, ...] = (
    _target_count_problems,
    _week_count_problems,
    _mesocycle_date_problems,
    _microcycle_date_problems,
    _workout_inside_week_problems,
    _split_shape_problems,
    _workout_count_problems,
    _workout_on_rest_day_problems,
    _same_day_problems,
    _id_problems,
    _empty_session_problems,
)
"""The structural rules, in the order they report."""
