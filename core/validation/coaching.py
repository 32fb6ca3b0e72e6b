"""Coaching rules: hard-set bands, deloads, loads (``loads``), effort, mileage, heavy days in a row."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from typing import TypeVar

from core.exercises.library import MUSCLES
from core.schemas import (
    Microcycle,
    WorkoutInstance,
)
from core.validation.context import (
    Context,
    Problem,
    Rule,
    day_name,
    exercise_path,
    fmt,
    training_workouts,
    week_label,
    workout_path,
)
from core.validation.loads import LOAD_RULES
from core.validation.measures import (
    HARD_SET_BANDS,
    heavy_muscles,
    run_km,
    week_volume,
    weekly_hard_sets,
)
from core.validation.rest_periods import REST_RULES
from core.validation.set_counts import SET_COUNT_RULES
from core.validation.volume_floor import (
    LEVEL_FLOOR,
    floor_muscles,
    goal_muscles,
    hard_set_floor,
    hard_set_limit,
    lifting_minutes,
)

FAR_ABOVE_BAND = 1.5
"""More than the limit + 50 % is an error; above the limit is a warning (the limit:
volume_floor.hard_set_limit, 22 for a big mover, the band's top for the others)."""


MILEAGE_RAMP = 0.10
"""The 10 % rule: weekly running distance rises by at most 10 % a week."""
MILEAGE_SLACK_KM = 0.5
"""Rounding slack before the 10 % rule or the mileage target is called broken."""


def _band(ctx: Context) -> tuple[int, int]:
    return HARD_SET_BANDS[ctx.profile.experience]


def _hard_set_ceiling_problems(ctx: Context) -> Iterator[Problem]:
    low, high = _band(ctx)
    experience = ctx.profile.experience.value
    for micro in ctx.full_weeks():
        totals = weekly_hard_sets(micro.workouts)
        for muscle in MUSCLES:
            sets = totals.get(muscle, 0.0)
            limit = hard_set_limit(muscle, high)
            if sets <= limit:
                continue
            far = sets > limit * FAR_ABOVE_BAND
            cap = f" and the {limit} any lifter is held to" if limit > high else ""
            yield Problem(
                "error" if far else "warning",
                f"{week_label(micro)} › {muscle}",
                f"Week {micro.week_number} gives {muscle} {fmt(sets)} hard sets, "
                + ("far " if far else "")
                + f"above the {experience} band of {low}–{high}{cap}.",
            )


def _hard_set_floor_problems(ctx: Context) -> Iterator[Problem]:
    """Build weeks under the floor of core.validation.volume_floor (the quality report's rule):
    the goal's big movers at the level's floor, or what the week's lifting minutes can hold."""
    muscles = floor_muscles(ctx.profile)
    if not muscles:
        return
    for micro in ctx.full_weeks():
        if ctx.is_deload(micro):
            continue
        minutes = lifting_minutes(ctx.profile, micro.workouts)
        if not minutes:
            continue
        floor = hard_set_floor(ctx.profile, minutes)
        totals = weekly_hard_sets(micro.workouts)
        short = [f"{muscle} {fmt(totals[muscle])}" for muscle in muscles if totals[muscle] < floor]
        if short:
            level = LEVEL_FLOOR[ctx.profile.experience] * goal_muscles(ctx.profile.goal)[1]
            why = (
                f"the {ctx.profile.experience.value} floor of {fmt(floor)}"
                if floor >= level
                else f"the {fmt(floor)} that {fmt(minutes)} minutes of working sets can hold"
            )
            yield Problem(
                "warning",
                f"{week_label(micro)} › hard sets",
                f"Week {micro.week_number} is below {why} hard sets a week for: "
                f"{', '.join(short)}.",
            )


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _week_intensity(micro: Microcycle) -> tuple[float | None, float | None]:
    """(mean %1RM of prescribed exercises, mean target RPE of training sessions)."""
    pcts = [
        exercise.pct_one_rm
        for workout in micro.workouts
        for exercise in workout.exercises
        if exercise.pct_one_rm is not None
    ]
    rpes = [
        workout.target_rpe for workout in training_workouts(micro) if workout.target_rpe is not None
    ]
    return _mean(pcts), _mean(rpes)


def _like_sessions_rpe(builds: list[Microcycle], deload: Microcycle) -> float | None:
    """The build weeks' mean target RPE over sessions of the kinds the deload week holds: a
    deload whose away dates left only its lifting days is measured against lifting days, not
    against a build week's mix with an easy mobility day in it."""
    kinds = {workout.session_type for workout in training_workouts(deload)}
    return _mean(
        [
            workout.target_rpe
            for build in builds
            for workout in training_workouts(build)
            if workout.session_type in kinds and workout.target_rpe is not None
        ]
    )


def _builds_and_deloads(ctx: Context) -> tuple[list[Microcycle], list[Microcycle]]:
    """The full weeks split into build weeks and deload weeks; both empty unless both occur."""
    builds = [micro for micro in ctx.full_weeks() if not ctx.is_deload(micro)]
    deloads = [micro for micro in ctx.full_weeks() if ctx.is_deload(micro)]
    return (builds, deloads) if builds and deloads else ([], [])


def _deload_volume_problems(ctx: Context) -> Iterator[Problem]:
    builds, deloads = _builds_and_deloads(ctx)
    # a build week cut short by away dates is no measure of the block's volume
    builds = [micro for micro in builds if not ctx.cut_short(micro)]
    build_volumes = [week_volume(micro.workouts) for micro in builds]
    # how each measure reads: the running in the client's km or mi
    measures: tuple[tuple[str, Callable[[float], str]], ...] = (
        ("strength_sets", lambda sets: f"{fmt(sets)} hard sets"),
        ("run_km", lambda km: f"{ctx.distance(km)} of running"),
        ("cardio_minutes", lambda minutes: f"{fmt(minutes)} minutes of cardio"),
    )
    for micro in deloads:
        volume = week_volume(micro.workouts)
        for attribute, text in measures:
            mean = _mean([getattr(build, attribute) for build in build_volumes]) or 0.0
            value = getattr(volume, attribute)
            if mean > 0 and value >= mean:
                yield Problem(
                    "error",
                    f"{week_label(micro)} › deload",
                    f"Week {micro.week_number} is a deload but has {text(value)}, "
                    f"not fewer than the build weeks' average of {text(mean)}; cut "
                    "volume by 40–50 %.",
                )


def _deload_intensity_problems(ctx: Context) -> Iterator[Problem]:
    builds, deloads = _builds_and_deloads(ctx)
    build_pct = _mean([p for p, _ in map(_week_intensity, builds) if p is not None])
    for micro in deloads:
        pct, rpe = _week_intensity(micro)
        build_rpe = _like_sessions_rpe(builds, micro)
        if pct is not None and build_pct is not None:
            heavier, what = pct >= build_pct, f"{fmt(pct)} % 1RM vs {fmt(build_pct)} %"
        elif rpe is not None and build_rpe is not None:
            heavier, what = rpe >= build_rpe, f"session RPE {fmt(rpe)} vs {fmt(build_rpe)}"
        else:
            continue
        if heavier:
            yield Problem(
                "error",
                f"{week_label(micro)} › deload",
                f"Week {micro.week_number} is a deload but is not less intense than the build "
                f"weeks on average ({what}); lower intensity by 10–20 %.",
            )


def _deload_flag_problems(ctx: Context) -> Iterator[Problem]:
    for micro in ctx.full_weeks():
        target = ctx.target(micro)
        if target is not None and target.deload != micro.deload:
            planned = "is" if target.deload else "is not"
            yield Problem(
                "warning",
                f"{week_label(micro)} › deload",
                f"Week {micro.week_number} {planned} a deload in the plan, but the week "
                f"{'is' if micro.deload else 'is not'} marked as one.",
            )


def _effort_problems(ctx: Context) -> Iterator[Problem]:
    """RPE = 10 − RIR (Zourdos et al. 2016); both given must agree within one point."""
    for micro, workout, exercise in ctx.exercises():
        if exercise.rpe is None or exercise.rir is None:
            continue
        if abs(exercise.rpe - (10 - exercise.rir)) > 1:
            yield Problem(
                "warning",
                exercise_path(micro, workout, exercise),
                f"RPE {fmt(exercise.rpe)} and RIR {fmt(exercise.rir)} disagree (RPE = 10 − RIR).",
            )


T = TypeVar("T")


def _ramp_breaks(weeks: Iterable[tuple[T, float | None]]) -> Iterator[tuple[T, float, float]]:
    """(week, km, previous km) where km rose more than 10 % (plus slack) over the last week with
    running; weeks given None or 0 km (deloads, no running) are skipped."""
    previous: float | None = None
    for week, km in weeks:
        if not km:
            continue
        if previous and km > previous * (1 + MILEAGE_RAMP) and km - previous > MILEAGE_SLACK_KM:
            yield week, km, previous
        previous = km


def _mileage_ramp_problems(ctx: Context) -> Iterator[Problem]:
    """The 10 % rule on the weeks' actual running, compared with the last non-deload week."""
    weeks = (
        (micro, None if ctx.is_deload(micro) else max(run_km(micro.workouts), 0.0))
        for micro in ctx.full_weeks()
    )
    for micro, km, previous in _ramp_breaks(weeks):
        yield Problem(
            "warning",
            f"{week_label(micro)} › mileage",
            f"Week {micro.week_number} runs {ctx.distance(km)}, up "
            f"{(km / previous - 1) * 100:.0f} % from {ctx.distance(previous)}; keep increases "
            "to 10 % a week.",
        )


def _mileage_target_ramp_problems(ctx: Context) -> Iterator[Problem]:
    weeks = (
        (target, None if target.deload else target.total_mileage)
        for target in ctx.mesocycle.weekly_targets
    )
    for target, km, previous in _ramp_breaks(weeks):
        yield Problem(
            "warning",
            f"week {target.week_offset + 1} › targets",
            f"The mileage target rises to {ctx.distance(km)} from {ctx.distance(previous)}, more "
            "than 10 % in a week.",
        )


def _mileage_target_problems(ctx: Context) -> Iterator[Problem]:
    for micro in ctx.full_weeks():
        target = ctx.target(micro)
        km = run_km(micro.workouts)
        if target is None or not target.total_mileage or km <= 0:
            continue
        if abs(km - target.total_mileage) > MILEAGE_RAMP * target.total_mileage + MILEAGE_SLACK_KM:
            yield Problem(
                "warning",
                f"{week_label(micro)} › mileage",
                f"Week {micro.week_number} runs {ctx.distance(km)}, but its target is "
                f"{ctx.distance(target.total_mileage)}.",
            )


def _consecutive_heavy_problems(ctx: Context) -> Iterator[Problem]:
    heavy: dict[date, set[str]] = defaultdict(set)
    where: dict[date, tuple[Microcycle, WorkoutInstance]] = {}
    for micro in ctx.mesocycle.microcycles:
        for workout in training_workouts(micro):
            heavy[workout.date] |= heavy_muscles(workout)
            where.setdefault(workout.date, (micro, workout))
    for day in sorted(heavy):
        shared = heavy[day] & heavy.get(day - timedelta(days=1), set())
        if shared:
            micro, workout = where[day]
            muscles = ", ".join(sorted(shared))
            yield Problem(
                "warning",
                workout_path(micro, workout),
                f"Heavy main lifts for {muscles} on consecutive days "
                f"({day_name(day - timedelta(days=1))} and {day_name(day)}); give them a day between.",
            )


COACHING_RULES: tuple[Rule, ...] = (
    _hard_set_ceiling_problems,
    _hard_set_floor_problems,
    _deload_volume_problems,
    _deload_intensity_problems,
    _deload_flag_problems,
    *LOAD_RULES,
    *SET_COUNT_RULES,
    *REST_RULES,
    _effort_problems,
    _mileage_ramp_problems,
    _mileage_target_ramp_problems,
    _mileage_target_problems,
    _consecutive_heavy_problems,
)
"""The coaching rules, in the order they report."""
