"""The one validator of a mesocycle (structure and coaching rules) for the engine, the LLM and edits."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from pydantic import ValidationError

from core.dates import (
    WEEKDAY_NAMES,
    DateRange,
    mesocycle_date_range,
    microcycle_date_ranges,
    needs_transition,
)
from core.generation.library import MUSCLES, LibraryExercise, find_exercise
from core.schemas import (
    ClientProfile,
    Exercise,
    Experience,
    MesocycleDetailed,
    Microcycle,
    ProgramType,
    SessionType,
    WeeklyTarget,
    WorkoutInstance,
    describe_validation_error,
    program_type_target_problems,
)

Severity = Literal["error", "warning"]

HARD_SET_BANDS: dict[Experience, tuple[int, int]] = {
    # Weekly hard sets per muscle (DOMAIN.md §4; dose-response after Schoenfeld et al. 2017).
    Experience.BEGINNER: (8, 10),
    Experience.INTERMEDIATE: (10, 16),
    Experience.ADVANCED: (12, 20),
}
FAR_ABOVE_BAND = 1.5
"""More than the band's top + 50 % is an error; above the top is a warning."""
PRIME_MOVER, SYNERGIST = 1.0, 0.5
LIFT_FOCUSED = frozenset(
    {ProgramType.STRENGTH, ProgramType.SHRED, ProgramType.HYBRID, ProgramType.OTHER}
)
"""Program types held to the band's lower bound; endurance and rehab lift for support only."""
MINUTES_TOLERANCE = 0.10
MILEAGE_RAMP = 0.10
"""The 10 % rule: weekly running distance rises by at most 10 % a week."""
MILEAGE_SLACK_KM = 0.5
"""Rounding slack before the 10 % rule or the mileage target is called broken."""
SECONDS_PER_REP = 4.0
DEFAULT_REST_SECONDS = 60
DEFAULT_PACE_MIN_PER_KM = 6.0
REST_LABELS = frozenset({"rest", "off", "rest day", "day off", "off day"})


@dataclass(frozen=True)
class Problem:
    severity: Severity
    path: str
    """Where it is, e.g. "week 2 › Thu › Back Squat"."""
    message: str
    """A sentence a coach understands."""


def has_errors(problems: list[Problem]) -> bool:
    return any(problem.severity == "error" for problem in problems)


def is_rest_label(label: str) -> bool:
    """A split day that is a rest day ("Rest", "Off")."""
    return label.strip().lower() in REST_LABELS


def is_rest(workout: WorkoutInstance) -> bool:
    return workout.session_type == SessionType.REST


def exercise_seconds(exercise: Exercise, pace_min_per_km: float = DEFAULT_PACE_MIN_PER_KM) -> float:
    """Time for all sets of an exercise: sets × (work + rest); 4 s a rep, 6 min a km unless told."""
    if exercise.duration_minutes is not None:
        work = exercise.duration_minutes * 60
    elif exercise.reps is not None:
        work = (exercise.reps + (exercise.reps_max or exercise.reps)) / 2 * SECONDS_PER_REP
    else:
        work = (exercise.distance_km or 0) * pace_min_per_km * 60
    rest = exercise.rest_seconds
    if rest is None:
        rest = DEFAULT_REST_SECONDS if exercise.sets > 1 else 0
    return exercise.sets * (work + rest)


def estimate_minutes(workout: WorkoutInstance) -> int:
    """The session's length estimated from its exercises (whole minutes, rounded up)."""
    return math.ceil(sum(exercise_seconds(exercise) for exercise in workout.exercises) / 60 - 1e-9)


def epley_reps_to_failure(pct_one_rm: float) -> float:
    """Epley (1985): 1RM = w·(1 + r/30), so at w = p·1RM failure comes after r = 30·(1/p − 1) reps."""
    return 30 * (100 / pct_one_rm - 1)


def weekly_hard_sets(workouts: list[WorkoutInstance]) -> dict[str, float]:
    """Hard sets per muscle: 1.0 per set for a prime mover, 0.5 for a synergist (DOMAIN.md §5)."""
    totals = dict.fromkeys(MUSCLES, 0.0)
    for workout in workouts:
        for exercise in workout.exercises:
            entry = find_exercise(exercise.name)
            if entry is None or not entry.counts_as_hard_sets:
                continue
            for muscle in entry.primary:
                totals[muscle] = totals.get(muscle, 0.0) + PRIME_MOVER * exercise.sets
            for muscle in entry.secondary:
                totals[muscle] = totals.get(muscle, 0.0) + SYNERGIST * exercise.sets
    return totals


def _fmt(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def _day(day: date) -> str:
    return WEEKDAY_NAMES[day.weekday()]


def _week(micro: Microcycle) -> str:
    return f"week {micro.week_number}"


def _workout_path(micro: Microcycle, workout: WorkoutInstance) -> str:
    return f"{_week(micro)} › {_day(workout.date)}"


def _exercise_path(micro: Microcycle, workout: WorkoutInstance, exercise: Exercise) -> str:
    return f"{_workout_path(micro, workout)} › {exercise.name}"


@dataclass(frozen=True)
class _Context:
    mesocycle: MesocycleDetailed
    profile: ClientProfile
    program_type: ProgramType
    start_date: date | None
    equipment: frozenset[str]
    injuries: frozenset[str]

    @property
    def ranges(self) -> dict[int, DateRange]:
        if self.start_date is None:
            return {}
        return microcycle_date_ranges(self.start_date, self.mesocycle.weeks)

    def target(self, micro: Microcycle) -> WeeklyTarget | None:
        """The weekly target of a week (the transition week borrows week 1's split)."""
        index = max(micro.week_number - 1, 0)
        targets = self.mesocycle.weekly_targets
        return targets[index] if index < len(targets) else None

    def is_deload(self, micro: Microcycle) -> bool:
        target = self.target(micro)
        return micro.deload or bool(target and target.deload and not micro.is_transition)

    def full_weeks(self) -> list[Microcycle]:
        return [micro for micro in self.mesocycle.microcycles if not micro.is_transition]

    def exercises(self) -> Iterator[tuple[Microcycle, WorkoutInstance, Exercise]]:
        for micro in self.mesocycle.microcycles:
            for workout in micro.workouts:
                for exercise in workout.exercises:
                    yield micro, workout, exercise


def _training_workouts(micro: Microcycle) -> list[WorkoutInstance]:
    return [workout for workout in micro.workouts if not is_rest(workout)]


# --- structure ------------------------------------------------------------------------------------


def _target_count_problems(ctx: _Context) -> list[Problem]:
    """The origin's program-type rule: strength needs intensity and sets, endurance mileage."""
    return [
        Problem("error", f"{ctx.mesocycle.phase} › weekly targets", message)
        for message in program_type_target_problems(ctx.mesocycle, ctx.program_type)
    ]


def _week_count_problems(ctx: _Context) -> list[Problem]:
    meso = ctx.mesocycle
    numbers = [micro.week_number for micro in meso.microcycles]
    transition = needs_transition(ctx.start_date) if ctx.start_date else 0 in numbers
    expected = ([0] if transition else []) + list(range(1, meso.weeks + 1))
    if numbers == expected:
        return []
    reason = (
        f"it starts on a {ctx.start_date:%A}, so it opens with transition week 0"
        if ctx.start_date and transition
        else "it starts on a Monday, so it has no transition week 0"
        if ctx.start_date
        else "week 0 is the transition week"
    )
    listed = ", ".join(str(number) for number in numbers) or "none"
    wanted = ", ".join(str(number) for number in expected)
    return [
        Problem(
            "error",
            "mesocycle › weeks",
            f"The block has {meso.weeks} weeks and {reason}: it needs weeks {wanted}, "
            f"but has weeks {listed}.",
        )
    ]


def _mesocycle_date_problems(ctx: _Context) -> list[Problem]:
    meso = ctx.mesocycle
    if ctx.start_date is None:
        return [
            Problem(
                "warning",
                "mesocycle › dates",
                "The block has no start date, so its week dates could not be checked.",
            )
        ]
    expected = mesocycle_date_range(ctx.start_date, meso.weeks)
    problems = []
    if meso.start_date is not None and meso.start_date != expected.start_date:
        problems.append(
            Problem(
                "error",
                "mesocycle › start date",
                f"The block starts on {meso.start_date}, but was planned to start on "
                f"{expected.start_date}.",
            )
        )
    if meso.end_date is not None and meso.end_date != expected.end_date:
        problems.append(
            Problem(
                "error",
                "mesocycle › end date",
                f"The block should end on Sunday {expected.end_date}, not on {meso.end_date}.",
            )
        )
    return problems


def _microcycle_date_problems(ctx: _Context) -> list[Problem]:
    problems = []
    ranges = ctx.ranges
    for micro in ctx.mesocycle.microcycles:
        expected = ranges.get(micro.week_number)
        if expected is None or (micro.start_date is None and micro.end_date is None):
            continue
        if (micro.start_date, micro.end_date) != (expected.start_date, expected.end_date):
            problems.append(
                Problem(
                    "error",
                    f"{_week(micro)} › dates",
                    f"Week {micro.week_number} should run from {_day(expected.start_date)} "
                    f"{expected.start_date} to {_day(expected.end_date)} {expected.end_date}, "
                    f"not {micro.start_date} to {micro.end_date}.",
                )
            )
    return problems


def _week_range(ctx: _Context, micro: Microcycle) -> DateRange | None:
    expected = ctx.ranges.get(micro.week_number)
    if expected is not None:
        return expected
    if micro.start_date and micro.end_date:
        return DateRange(micro.start_date, micro.end_date)
    return None


def _workout_inside_week_problems(ctx: _Context) -> list[Problem]:
    problems = []
    for micro in ctx.mesocycle.microcycles:
        week = _week_range(ctx, micro)
        if week is None:
            continue
        for workout in micro.workouts:
            if not week.start_date <= workout.date <= week.end_date:
                problems.append(
                    Problem(
                        "error",
                        _workout_path(micro, workout),
                        f"'{workout.title}' on {workout.date} is outside week "
                        f"{micro.week_number} ({week.start_date} to {week.end_date}).",
                    )
                )
    return problems


def _split_shape_problems(ctx: _Context) -> list[Problem]:
    problems = []
    for target in ctx.mesocycle.weekly_targets:
        days = target.split_days
        if len(days) != 7:
            problems.append(
                Problem(
                    "warning",
                    f"week {target.week_offset + 1} › split",
                    f"The split '{target.split}' lists {len(days)} days; list 7 labels Mon–Sun "
                    "separated by '-', e.g. 'Upper-Lower-Rest-Upper-Lower-Rest-Rest'.",
                )
            )
    return problems


def _split_training_days(target: WeeklyTarget) -> list[int]:
    """Weekdays (0 = Monday) the split trains on; empty when the split is not 7 labels."""
    days = target.split_days
    if len(days) != 7:
        return []
    return [weekday for weekday, label in enumerate(days) if not is_rest_label(label)]


def _workout_count_problems(ctx: _Context) -> list[Problem]:
    """Full weeks hold one session per split training day; the transition week may hold fewer."""
    problems = []
    for micro in ctx.mesocycle.microcycles:
        target = ctx.target(micro)
        if target is None:
            continue
        actual = len(_training_workouts(micro))
        expected = sum(not is_rest_label(label) for label in target.split_days)
        if micro.is_transition:
            week = _week_range(ctx, micro)
            if week is not None and len(target.split_days) == 7:
                inside = {(week.start_date + timedelta(days=i)).weekday() for i in range(week.days)}
                expected = len(set(_split_training_days(target)) & inside)
            if actual > expected:
                problems.append(
                    Problem(
                        "error",
                        f"{_week(micro)} › sessions",
                        f"The transition week has {actual} sessions, but the split trains only "
                        f"{expected} of its days.",
                    )
                )
        elif actual != expected:
            problems.append(
                Problem(
                    "error",
                    f"{_week(micro)} › sessions",
                    f"Week {micro.week_number} has {actual} training sessions, but its split "
                    f"'{target.split}' has {expected} training days.",
                )
            )
    return problems


def _workout_on_rest_day_problems(ctx: _Context) -> list[Problem]:
    problems = []
    for micro in ctx.mesocycle.microcycles:
        target = ctx.target(micro)
        if target is None or len(target.split_days) != 7:
            continue
        for workout in _training_workouts(micro):
            label = target.split_days[workout.date.weekday()]
            if is_rest_label(label):
                problems.append(
                    Problem(
                        "warning",
                        _workout_path(micro, workout),
                        f"'{workout.title}' falls on {_day(workout.date)}, a rest day in the "
                        f"split '{target.split}'.",
                    )
                )
    return problems


def _same_day_problems(ctx: _Context) -> list[Problem]:
    problems = []
    for micro in ctx.mesocycle.microcycles:
        per_day = Counter(workout.date for workout in _training_workouts(micro))
        for day, count in sorted(per_day.items()):
            if count > 1:
                problems.append(
                    Problem(
                        "warning",
                        f"{_week(micro)} › {_day(day)}",
                        f"{count} sessions are planned on {_day(day)} {day}; check that a double "
                        "session is intended.",
                    )
                )
    return problems


def _id_problems(ctx: _Context) -> list[Problem]:
    meso = ctx.mesocycle
    ids: list[tuple[str, object]] = []
    if meso.mesocycle_id is not None:
        ids.append(("mesocycle", meso.mesocycle_id))
    for micro in meso.microcycles:
        if micro.id is not None:
            ids.append((_week(micro), micro.id))
        ids.extend(
            (_workout_path(micro, workout), workout.id)
            for workout in micro.workouts
            if workout.id is not None
        )
    seen: dict[object, str] = {}
    problems = []
    for path, value in ids:
        if value in seen:
            problems.append(
                Problem("error", path, f"Its id {value} is already used by {seen[value]}.")
            )
        else:
            seen[value] = path
    return problems


def _empty_session_problems(ctx: _Context) -> list[Problem]:
    problems = []
    for micro in ctx.mesocycle.microcycles:
        for workout in micro.workouts:
            if is_rest(workout) and workout.exercises:
                problems.append(
                    Problem(
                        "warning",
                        _workout_path(micro, workout),
                        f"'{workout.title}' is a rest day but lists exercises.",
                    )
                )
            elif not is_rest(workout) and not workout.exercises:
                problems.append(
                    Problem(
                        "warning",
                        _workout_path(micro, workout),
                        f"'{workout.title}' has no exercises.",
                    )
                )
    return problems


# --- the client's profile ------------------------------------------------------------------------


def _days_per_week_problems(ctx: _Context) -> list[Problem]:
    limit = ctx.profile.days_per_week
    problems = []
    for micro in ctx.mesocycle.microcycles:
        days = {workout.date for workout in _training_workouts(micro)}
        if len(days) > limit:
            problems.append(
                Problem(
                    "error",
                    f"{_week(micro)} › sessions",
                    f"Week {micro.week_number} trains on {len(days)} days, but "
                    f"{ctx.profile.name} is available {limit} days a week.",
                )
            )
    for target in ctx.mesocycle.weekly_targets:
        days = sum(not is_rest_label(label) for label in target.split_days)
        if days > limit:
            problems.append(
                Problem(
                    "error",
                    f"week {target.week_offset + 1} › split",
                    f"The split '{target.split}' trains {days} days, but {ctx.profile.name} is "
                    f"available {limit} days a week.",
                )
            )
    return problems


def _unknown_exercise_problems(ctx: _Context) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for micro, workout, exercise in ctx.exercises():
        key = exercise.name.lower()
        if key in seen or find_exercise(exercise.name) is not None:
            continue
        seen.add(key)
        problems.append(
            Problem(
                "warning",
                _exercise_path(micro, workout, exercise),
                f"'{exercise.name}' is not in the exercise library, so its muscles, equipment and "
                "injury load could not be checked.",
            )
        )
    return problems


def _missing_equipment(entry: LibraryExercise, equipment: frozenset[str]) -> list[str]:
    return [item for item in entry.equipment if item not in equipment]


def _equipment_problems(ctx: _Context) -> list[Problem]:
    problems = []
    for micro, workout, exercise in ctx.exercises():
        entry = find_exercise(exercise.name)
        missing = _missing_equipment(entry, ctx.equipment) if entry else []
        if missing:
            items = " and ".join(item.replace("_", "-") for item in missing)
            problems.append(
                Problem(
                    "error",
                    _exercise_path(micro, workout, exercise),
                    f"{exercise.name} needs {items}, which {ctx.profile.name} does not have.",
                )
            )
    return problems


def _injury_problems(ctx: _Context) -> list[Problem]:
    problems = []
    for micro, workout, exercise in ctx.exercises():
        entry = find_exercise(exercise.name)
        loaded = entry.loaded_areas(set(ctx.injuries)) if entry else ()
        if loaded:
            areas = " and ".join(area.replace("_", " ") for area in loaded)
            problems.append(
                Problem(
                    "error",
                    _exercise_path(micro, workout, exercise),
                    f"{exercise.name} loads the {areas}, which {ctx.profile.name} has injured.",
                )
            )
    return problems


def _session_length_problems(ctx: _Context) -> list[Problem]:
    limit = ctx.profile.minutes_per_session
    problems = []
    for micro in ctx.mesocycle.microcycles:
        for workout in _training_workouts(micro):
            planned = workout.planned_minutes
            minutes = planned if planned is not None else estimate_minutes(workout)
            if minutes <= limit:
                continue
            severity: Severity = (
                "warning" if minutes <= limit * (1 + MINUTES_TOLERANCE) else "error"
            )
            how = "is planned at" if planned is not None else "looks like about"
            problems.append(
                Problem(
                    severity,
                    _workout_path(micro, workout),
                    f"'{workout.title}' {how} {minutes} min, longer than the client's "
                    f"{limit} min a session.",
                )
            )
    return problems


def _estimated_length_problems(ctx: _Context) -> list[Problem]:
    """A session whose exercises clearly need more time than it is planned for."""
    limit = ctx.profile.minutes_per_session
    problems = []
    for micro in ctx.mesocycle.microcycles:
        for workout in _training_workouts(micro):
            planned = workout.planned_minutes
            if planned is None:
                continue
            estimate = estimate_minutes(workout)
            if estimate > 1.25 * max(planned, 1) and estimate > limit * (1 + MINUTES_TOLERANCE):
                problems.append(
                    Problem(
                        "warning",
                        _workout_path(micro, workout),
                        f"'{workout.title}' is planned at {planned} min, but its sets and rests "
                        f"add up to about {estimate} min.",
                    )
                )
    return problems


# --- coaching rules -------------------------------------------------------------------------------


def _band(ctx: _Context) -> tuple[int, int]:
    return HARD_SET_BANDS[ctx.profile.experience]


def _hard_set_ceiling_problems(ctx: _Context) -> list[Problem]:
    low, high = _band(ctx)
    experience = ctx.profile.experience.value
    problems = []
    for micro in ctx.full_weeks():
        totals = weekly_hard_sets(micro.workouts)
        for muscle in MUSCLES:
            sets = totals.get(muscle, 0.0)
            if sets <= high:
                continue
            far = sets > high * FAR_ABOVE_BAND
            problems.append(
                Problem(
                    "error" if far else "warning",
                    f"{_week(micro)} › {muscle}",
                    f"Week {micro.week_number} gives {muscle} {_fmt(sets)} hard sets, "
                    + ("far " if far else "")
                    + f"above the {experience} band of {low}–{high}.",
                )
            )
    return problems


def _hard_set_floor_problems(ctx: _Context) -> list[Problem]:
    if ctx.program_type not in LIFT_FOCUSED:
        return []
    low, high = _band(ctx)
    problems = []
    for micro in ctx.full_weeks():
        if ctx.is_deload(micro):
            continue
        totals = weekly_hard_sets(micro.workouts)
        short = [f"{muscle} {_fmt(totals[muscle])}" for muscle in MUSCLES if totals[muscle] < low]
        if short:
            problems.append(
                Problem(
                    "warning",
                    f"{_week(micro)} › hard sets",
                    f"Week {micro.week_number} is below the {ctx.profile.experience.value} band of "
                    f"{low}–{high} hard sets for: {', '.join(short)}.",
                )
            )
    return problems


@dataclass(frozen=True)
class WeekVolume:
    strength_sets: int
    run_km: float
    cardio_minutes: float


def week_volume(workouts: list[WorkoutInstance]) -> WeekVolume:
    """Strength sets, running km and timed cardio minutes of a week (mobility excluded)."""
    sets, km, minutes = 0, 0.0, 0.0
    for workout in workouts:
        for exercise in workout.exercises:
            entry = find_exercise(exercise.name)
            pattern = entry.pattern if entry else None
            if pattern is None and workout.session_type == SessionType.RUN:
                pattern = "run"
            if pattern == "mobility":
                continue
            if pattern in {"run", "conditioning"} or (pattern is None and exercise.reps is None):
                km += exercise.sets * (exercise.distance_km or 0.0)
                minutes += exercise.sets * (exercise.duration_minutes or 0.0)
            else:
                sets += exercise.sets
    return WeekVolume(sets, round(km, 3), round(minutes, 3))


def run_km(workouts: list[WorkoutInstance]) -> float:
    """Running distance of a week: distances of run exercises (cross-training by time excluded)."""
    return week_volume(workouts).run_km


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
        workout.target_rpe
        for workout in _training_workouts(micro)
        if workout.target_rpe is not None
    ]
    return _mean(pcts), _mean(rpes)


def _deload_volume_problems(ctx: _Context) -> list[Problem]:
    builds = [micro for micro in ctx.full_weeks() if not ctx.is_deload(micro)]
    deloads = [micro for micro in ctx.full_weeks() if ctx.is_deload(micro)]
    if not builds or not deloads:
        return []
    build_volumes = [week_volume(micro.workouts) for micro in builds]
    measures = (
        ("strength_sets", "hard sets", ""),
        ("run_km", "km of running", " km"),
        ("cardio_minutes", "minutes of cardio", " min"),
    )
    problems = []
    for micro in deloads:
        volume = week_volume(micro.workouts)
        for attribute, what, unit in measures:
            mean = _mean([getattr(build, attribute) for build in build_volumes]) or 0.0
            value = getattr(volume, attribute)
            if mean > 0 and value >= mean:
                problems.append(
                    Problem(
                        "error",
                        f"{_week(micro)} › deload",
                        f"Week {micro.week_number} is a deload but has {_fmt(value)} {what}, "
                        f"not fewer than the build weeks' average of {_fmt(mean)}{unit}; cut "
                        "volume by 40–50 %.",
                    )
                )
    return problems


def _deload_intensity_problems(ctx: _Context) -> list[Problem]:
    builds = [micro for micro in ctx.full_weeks() if not ctx.is_deload(micro)]
    deloads = [micro for micro in ctx.full_weeks() if ctx.is_deload(micro)]
    if not builds or not deloads:
        return []
    build_pct = _mean([p for p, _ in map(_week_intensity, builds) if p is not None])
    build_rpe = _mean([r for _, r in map(_week_intensity, builds) if r is not None])
    problems = []
    for micro in deloads:
        pct, rpe = _week_intensity(micro)
        if pct is not None and build_pct is not None:
            heavier, what = pct >= build_pct, f"{_fmt(pct)} % 1RM vs {_fmt(build_pct)} %"
        elif rpe is not None and build_rpe is not None:
            heavier, what = rpe >= build_rpe, f"session RPE {_fmt(rpe)} vs {_fmt(build_rpe)}"
        else:
            continue
        if heavier:
            problems.append(
                Problem(
                    "error",
                    f"{_week(micro)} › deload",
                    f"Week {micro.week_number} is a deload but is not less intense than the build "
                    f"weeks on average ({what}); lower intensity by 10–20 %.",
                )
            )
    return problems


def _deload_flag_problems(ctx: _Context) -> list[Problem]:
    problems = []
    for micro in ctx.full_weeks():
        target = ctx.target(micro)
        if target is not None and target.deload != micro.deload:
            planned = "is" if target.deload else "is not"
            problems.append(
                Problem(
                    "warning",
                    f"{_week(micro)} › deload",
                    f"Week {micro.week_number} {planned} a deload in the plan, but the week "
                    f"{'is' if micro.deload else 'is not'} marked as one.",
                )
            )
    return problems


def _percent_problems(ctx: _Context) -> list[Problem]:
    problems = []
    for micro, workout, exercise in ctx.exercises():
        pct = exercise.pct_one_rm
        if pct is None:
            continue
        path = _exercise_path(micro, workout, exercise)
        if pct > 102.5:
            problems.append(
                Problem("error", path, f"{_fmt(pct)} % of 1RM is above a true maximum.")
            )
            continue
        if pct < 30:
            problems.append(
                Problem("warning", path, f"{_fmt(pct)} % of 1RM is too light to be a work set.")
            )
            continue
        possible = epley_reps_to_failure(pct)
        needed = (exercise.reps_max or exercise.reps or 0) + (exercise.rir or 0)
        if exercise.reps is not None and needed > possible + 1:
            problems.append(
                Problem(
                    "warning",
                    path,
                    f"At {_fmt(pct)} % 1RM Epley allows about {possible:.0f} reps to failure; "
                    f"{needed:g} (reps plus reps in reserve) is more than that.",
                )
            )
    return problems


def _one_rep_max(profile: ClientProfile, key: str | None) -> float | None:
    if key is None:
        return None
    for lift, kg in profile.one_rep_maxes.items():
        if lift.strip().lower() == key.lower():
            return kg
    return None


def _load_problems(ctx: _Context) -> list[Problem]:
    problems = []
    for micro, workout, exercise in ctx.exercises():
        entry = find_exercise(exercise.name)
        one_rm = _one_rep_max(ctx.profile, entry.one_rm_key if entry else None)
        if exercise.load_kg is None or one_rm is None:
            continue
        path = _exercise_path(micro, workout, exercise)
        if exercise.load_kg > one_rm * 1.025:
            problems.append(
                Problem(
                    "error",
                    path,
                    f"{_fmt(exercise.load_kg)} kg is above {ctx.profile.name}'s "
                    f"{_fmt(one_rm)} kg 1RM.",
                )
            )
        elif exercise.pct_one_rm is not None:
            expected = one_rm * exercise.pct_one_rm / 100
            if abs(exercise.load_kg - expected) > max(2.5, 0.05 * one_rm):
                problems.append(
                    Problem(
                        "warning",
                        path,
                        f"{_fmt(exercise.load_kg)} kg does not match {_fmt(exercise.pct_one_rm)} "
                        f"% of the {_fmt(one_rm)} kg 1RM (about {expected:.1f} kg).",
                    )
                )
    return problems


def _effort_problems(ctx: _Context) -> list[Problem]:
    """RPE = 10 − RIR (Zourdos et al. 2016); both given must agree within one point."""
    problems = []
    for micro, workout, exercise in ctx.exercises():
        if exercise.rpe is None or exercise.rir is None:
            continue
        if abs(exercise.rpe - (10 - exercise.rir)) > 1:
            problems.append(
                Problem(
                    "warning",
                    _exercise_path(micro, workout, exercise),
                    f"RPE {_fmt(exercise.rpe)} and RIR {_fmt(exercise.rir)} disagree "
                    "(RPE = 10 − RIR).",
                )
            )
    return problems


def _mileage_ramp_problems(ctx: _Context) -> list[Problem]:
    """The 10 % rule on the weeks' actual running, compared with the last non-deload week."""
    problems = []
    previous: float | None = None
    for micro in ctx.full_weeks():
        km = run_km(micro.workouts)
        if ctx.is_deload(micro) or km <= 0:
            continue
        if previous and km > previous * (1 + MILEAGE_RAMP) and km - previous > MILEAGE_SLACK_KM:
            problems.append(
                Problem(
                    "warning",
                    f"{_week(micro)} › mileage",
                    f"Week {micro.week_number} runs {_fmt(km)} km, up "
                    f"{(km / previous - 1) * 100:.0f} % from {_fmt(previous)} km; keep increases "
                    "to 10 % a week.",
                )
            )
        previous = km
    return problems


def _mileage_target_ramp_problems(ctx: _Context) -> list[Problem]:
    problems = []
    previous: float | None = None
    for target in ctx.mesocycle.weekly_targets:
        km = target.total_mileage
        if target.deload or not km:
            continue
        if previous and km > previous * (1 + MILEAGE_RAMP) and km - previous > MILEAGE_SLACK_KM:
            problems.append(
                Problem(
                    "warning",
                    f"week {target.week_offset + 1} › targets",
                    f"The mileage target rises to {_fmt(km)} km from {_fmt(previous)} km, more "
                    "than 10 % in a week.",
                )
            )
        previous = km
    return problems


def _mileage_target_problems(ctx: _Context) -> list[Problem]:
    problems = []
    for micro in ctx.full_weeks():
        target = ctx.target(micro)
        km = run_km(micro.workouts)
        if target is None or not target.total_mileage or km <= 0:
            continue
        if abs(km - target.total_mileage) > MILEAGE_RAMP * target.total_mileage + MILEAGE_SLACK_KM:
            problems.append(
                Problem(
                    "warning",
                    f"{_week(micro)} › mileage",
                    f"Week {micro.week_number} runs {_fmt(km)} km, but its target is "
                    f"{_fmt(target.total_mileage)} km.",
                )
            )
    return problems


def _heavy_muscles(workout: WorkoutInstance) -> set[str]:
    """Prime movers of the session's main lifts."""
    muscles: set[str] = set()
    for exercise in workout.exercises:
        entry = find_exercise(exercise.name)
        if entry is not None and entry.main_lift:
            muscles.update(entry.primary)
    return muscles


def _consecutive_heavy_problems(ctx: _Context) -> list[Problem]:
    heavy: dict[date, set[str]] = defaultdict(set)
    where: dict[date, tuple[Microcycle, WorkoutInstance]] = {}
    for micro in ctx.mesocycle.microcycles:
        for workout in _training_workouts(micro):
            heavy[workout.date] |= _heavy_muscles(workout)
            where.setdefault(workout.date, (micro, workout))
    problems = []
    for day in sorted(heavy):
        shared = heavy[day] & heavy.get(day - timedelta(days=1), set())
        if shared:
            micro, workout = where[day]
            muscles = ", ".join(sorted(shared))
            problems.append(
                Problem(
                    "warning",
                    _workout_path(micro, workout),
                    f"Heavy main lifts for {muscles} on consecutive days "
                    f"({_day(day - timedelta(days=1))} and {_day(day)}); give them a day between.",
                )
            )
    return problems


RULES: tuple[Callable[[_Context], list[Problem]], ...] = (
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
    _days_per_week_problems,
    _unknown_exercise_problems,
    _equipment_problems,
    _injury_problems,
    _session_length_problems,
    _estimated_length_problems,
    _hard_set_ceiling_problems,
    _hard_set_floor_problems,
    _deload_volume_problems,
    _deload_intensity_problems,
    _deload_flag_problems,
    _percent_problems,
    _load_problems,
    _effort_problems,
    _mileage_ramp_problems,
    _mileage_target_ramp_problems,
    _mileage_target_problems,
    _consecutive_heavy_problems,
)


def validate_mesocycle(
    mesocycle: MesocycleDetailed,
    profile: ClientProfile,
    program_type: ProgramType,
    start_date: date | None = None,
) -> list[Problem]:
    """Every structural and coaching problem of a mesocycle, errors and warnings, in rule order.

    ``start_date`` defaults to the mesocycle's own start date; with neither the dates go unchecked.
    """
    ctx = _Context(
        mesocycle=mesocycle,
        profile=profile,
        program_type=program_type,
        start_date=start_date or mesocycle.start_date,
        equipment=frozenset(item.value for item in profile.equipment) - {"none"},
        injuries=frozenset(area.value for area in profile.injuries),
    )
    return [problem for rule in RULES for problem in rule(ctx)]


def _problem_from_line(line: str) -> Problem:
    path, _, message = line.partition(": ")
    return Problem("error", path, message or path)


def validate_mesocycle_json(
    data: dict,
    profile: ClientProfile,
    program_type: ProgramType,
    start_date: date | None = None,
) -> tuple[MesocycleDetailed | None, list[Problem]]:
    """Parse then validate; a schema failure comes back as error Problems and no mesocycle."""
    try:
        mesocycle = MesocycleDetailed.model_validate(data)
    except ValidationError as error:
        return None, [_problem_from_line(line) for line in describe_validation_error(error)]
    return mesocycle, validate_mesocycle(mesocycle, profile, program_type, start_date)
