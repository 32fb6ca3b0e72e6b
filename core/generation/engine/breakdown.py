"""The breakdown: a block's dated weeks (transition week 0 first) and every session in them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from core.dates import (
    WEEKDAY_NAMES,
    DateRange,
    mesocycle_date_range,
    microcycle_date_ranges,
)
from core.events import in_event_window
from core.generation.base import OFFLINE
from core.generation.engine.allocation import (
    allocate,
    balance_and_fill,
    deload_sets,
    drop_extra_mains,
    fit_main_sets,
    muscle_totals,
    trim_to_budget,
    trim_to_cap,
)
from core.generation.engine.dosing import (
    ACCESSORY_MAX_SETS,
    MAX_SETS,
    REP_RANGES,
    Dose,
    main_lift_reps,
    rest_for,
    set_seconds,
    week_dose,
)
from core.generation.engine.endurance import run_distances, run_workout
from core.generation.engine.event_week import event_week, in_week, quiet_days_before
from core.generation.engine.floor_fill import fill_floor, reach_floor
from core.generation.engine.mains import TOP_SET_FROM, main_rows
from core.generation.engine.pairing import short_week
from core.generation.engine.phases import phase_style
from core.generation.engine.repeats import distinct_main_lifts
from core.generation.engine.rests import overrun_seconds
from core.generation.engine.schedule import SCHEDULE_NOTE, WeekSchedule, schedule_week
from core.generation.engine.sessions import Ctx, Session, Skeleton, lifting_days
from core.generation.engine.set_shape import shape_sets
from core.generation.engine.skeleton import build_skeleton
from core.generation.engine.timing import CHANGEOVER_SECONDS, exercise_ramp_seconds
from core.generation.engine.warmups import MOBILITY_DOSE_MIN
from core.generation.engine.workouts import (
    lift_workout,
    metcon_workout,
    mobility_workout,
    paired_rest,
    week_tag,
)
from core.schemas import (
    ClientProfile,
    Exercise,
    KeyValuePair,
    MesocycleDetailed,
    MesocyclePlan,
    Microcycle,
    ProgramType,
    WeeklyTarget,
    WorkoutInstance,
)
from core.training_max import phase_index
from core.validation import (
    HARD_SET_BANDS,
)
from core.validation.set_counts import MAX_ACCESSORY_SETS
from core.validation.volume_floor import (
    HARD_SET_MAX_RIR,
    PREPARATION_SHARE,
    floor_muscles,
    hard_set_floor,
    level_floor,
)
from core.validation.week_insights import pull_needed

MOST_MAINS, MOST_MAINS_UNDER_MINUTES = 3, 60
"""A session under an hour ramps up to three main lifts at most: a once-a-week 40-minute day
with four given lifts and a squat had five, two sets each after three ramp-up sets each, and
no time left for its pulls; the lifts take turns by week (allocation.drop_extra_mains)."""
LEAD_SETS = 2
"""Sets a rehab session's graded-exposure step starts from (before time and bands trim)."""


def _variation(plan: MesocyclePlan) -> int:
    """Accessories differ between mesocycles: "meso-2" → 1 (a stable checksum for other ids)."""
    match = re.search(r"(\d+)\s*$", plan.id or "")
    if match:
        return int(match.group(1)) - 1
    return sum(ord(char) for char in f"{plan.id}{plan.phase}")


@dataclass
class _Progress:
    """What later weeks of a block need from earlier ones."""

    build_index: int = 0
    builds: dict[str, list[list[int]]] = field(default_factory=dict)
    last_build: Dose | None = None
    build_doses: list[Dose] = field(default_factory=list)


def _main_rows(ctx: Ctx, skeleton: Skeleton, dose: Dose) -> dict[int, list[Exercise]]:
    """The rows each main lift will write this week at the dose's sets (mains.main_rows): what
    its ramp-up sets cost and whether its sets are hard sets are read from them, and a build
    week's sessions write them as they are where the lift keeps the dose's sets."""
    return {
        index: main_rows(ctx, item, dose.main_sets, dose, (), week_tag(dose, ctx))
        for index, item in enumerate(skeleton.items)
        if item.role == "main"
    }


def _written_reps(rows: list[Exercise]) -> int:
    """The reps a main lift's sets this week take, as its rows write them (a light day's 15
    reps take longer than the heavy day's 8): the allocation times the sets the client will do,
    so the written session needs no sets cut to fit the minutes afterwards."""
    sets = sum(row.sets for row in rows)
    reps = sum(row.sets * ((row.reps or 0) + (row.reps_max or row.reps or 0)) / 2 for row in rows)
    return max(1, round(reps / sets)) if sets else 1


def _main_fixed_seconds(rows: list[Exercise]) -> float:
    """A main lift's time beyond its working sets and its changeover: the ramp-up sets its load
    asks for (a light day or a first phase's 67.5 % has none) and the top set's own changeover."""
    ramps = sum(exercise_ramp_seconds(row) for row in rows)
    return ramps + CHANGEOVER_SECONDS * (len(rows) - 1)


def _budgets(ctx: Ctx, skeleton: Skeleton, rows: dict[int, list[Exercise]]) -> list[float]:
    """Seconds left for working sets and changeovers in each session: the client's minutes less
    the warm-up and the ramp-up sets (the first exercise needs no changeover: one is given back)."""
    budgets = []
    for session in skeleton.sessions:
        fixed = sum(_main_fixed_seconds(rows[index]) for index in session.items if index in rows)
        warmup = MOBILITY_DOSE_MIN * 60 * len(session.warmup)
        budgets.append(ctx.budget_seconds - warmup - fixed + CHANGEOVER_SECONDS)
    return budgets


def _reachable(
    ctx: Ctx, skeleton: Skeleton, rows: dict[int, list[Exercise]], sets: list[int]
) -> float:
    """The floor the week's lifting minutes can hold, as the report and the validator measure it
    (core.validation.volume_floor.hard_set_floor): each lifting session's minutes less its
    warm-up and the ramp-up sets of the main lifts it keeps (at most PREPARATION_SHARE)."""
    minutes = ctx.profile.minutes_per_session
    lifting = 0.0
    for session in skeleton.sessions:
        if session.kind != "lift":
            continue
        ramps = sum(
            exercise_ramp_seconds(row)
            for i in session.items
            if i in rows and sets[i]
            for row in rows[i]
        )
        preparation = MOBILITY_DOSE_MIN * len(session.warmup) + ramps / 60
        lifting += minutes - min(preparation, minutes * PREPARATION_SHARE)
    return hard_set_floor(ctx.profile, lifting)


def _floor(ctx: Ctx) -> tuple[float, tuple[str, ...]]:
    """The hard-set floor the floor passes aim at and the muscles held to it
    (core.validation.volume_floor): the level's, whatever the minutes. The report holds a short
    week only to what its minutes can hold, but aiming there left sets on the table: the trades
    stop at the scaled floor while a muscle a set higher would have cost the others nothing."""
    return level_floor(ctx.profile), floor_muscles(ctx.profile)


LONE_MAX_SETS = MAX_ACCESSORY_SETS
"""Sets a week's only exercise for a floor muscle may take in the floor pass (5: more sets of one
accessory in a session is where a coach adds an exercise; core.validation.set_counts)."""


def _lone_ceilings(skeleton: Skeleton, ceilings: list[int], muscles: tuple[str, ...]) -> list[int]:
    """The floor pass's ceilings: an exercise that is the week's only one training a floor muscle
    as a prime mover may go to LONE_MAX_SETS (a once-a-week day's only hamstring exercise), so
    the muscle is not left under the floor by the accessory ceiling while the session has time."""
    sources: dict[str, int] = {}
    for item in skeleton.items:
        for muscle in item.primary:
            sources[muscle] = sources.get(muscle, 0) + 1
    return [
        max(ceiling, LONE_MAX_SETS)
        if item.role in ("secondary", "accessory")
        and item.exercise.name not in REP_RANGES  # eccentric-heavy (Nordics) keep theirs
        and any(muscle in muscles and sources[muscle] == 1 for muscle in item.primary)
        else ceiling
        for item, ceiling in zip(skeleton.items, ceilings, strict=True)
    ]


def _soft_items(rows: dict[int, list[Exercise]]) -> frozenset[int]:
    """Main lifts whose rows this week are too far from failure to be hard sets (a light day
    whose rep cap leaves 5 in reserve, a deadlift whose 8-rep cap lifts an early week's load
    past its reserve, core.generation.engine.mains): not counted toward the floor."""
    return frozenset(
        index
        for index, lift in rows.items()
        if all(row.rir is not None and row.rir > HARD_SET_MAX_RIR for row in lift)
    )


def _mark_splits(skeleton: Skeleton, rows: dict[int, list[Exercise]]) -> None:
    """Each main lift written as straight sets at RIR ≤ 1 this week splits into a top set and
    back-off sets from TOP_SET_FROM sets (mains.main_rows): the passes that add its sets count
    the changeover that costs (Item.splits_at), which the budgets, read from the dose's rows,
    do not hold."""
    for index, item in enumerate(skeleton.items):
        lift = rows.get(index, [])
        straight = len(lift) == 1 and lift[0].sets < TOP_SET_FROM
        hard = straight and lift[0].rir is not None and lift[0].rir <= 1
        item.splits_at = TOP_SET_FROM if hard else 0


def _week_sets(
    ctx: Ctx,
    skeleton: Skeleton,
    dose: Dose,
    split: str,
    progress: _Progress,
    rows: dict[int, list[Exercise]],
) -> list[int]:
    main_reps = main_lift_reps(ctx, dose, progress.last_build)[0]
    seconds = [
        set_seconds(ctx, item, _written_reps(rows[index]) if index in rows else main_reps)
        for index, item in enumerate(skeleton.items)
    ]
    for index, item in enumerate(skeleton.items):
        if item.between_main:  # it rests the main lift's rest (workouts.paired_rest)
            seconds[index] += paired_rest(ctx, item, skeleton.items) - rest_for(
                ctx, item.role, item.exercise
            )
    budgets = _budgets(ctx, skeleton, rows)
    _mark_splits(skeleton, rows)
    history = progress.builds.setdefault(split, [])
    if dose.deload and history:
        return deload_sets(skeleton, history, dose.main_sets)
    previous = history[-1] if history else [0] * len(skeleton.items)
    sets = [
        dose.main_sets
        if item.role == "main"
        else max(previous[index], LEAD_SETS)
        if item.lead
        else max(previous[index], 1)
        if item.exposure
        else previous[index]
        for index, item in enumerate(skeleton.items)
    ]
    fit_main_sets(skeleton, sets, seconds, budgets)
    trim_to_budget(skeleton, sets, seconds, budgets)
    fixed = [_main_fixed_seconds(rows[i]) if i in rows else 0.0 for i in range(len(sets))]
    most = MOST_MAINS if ctx.profile.minutes_per_session < MOST_MAINS_UNDER_MINUTES else None
    drop_extra_mains(skeleton, sets, seconds, budgets, dose.build_index, fixed, most)
    high = HARD_SET_BANDS[ctx.profile.experience][1]
    trim_to_cap(skeleton, sets, high)
    ceilings = [
        ACCESSORY_MAX_SETS[ctx.profile.experience]
        if item.role == "accessory"
        else MAX_SETS[item.role]
        for item in skeleton.items
    ]
    if not dose.deload:
        floor, muscles = _floor(ctx)
        # every floor muscle to what the week's minutes can hold first, then on to the level's
        # floor: aimed at the level's alone, a short week's sets go where they fill the most
        # (a split squat's quads and glutes) and the hamstrings and shoulders get none
        reachable = _reachable(ctx, skeleton, rows, sets)
        within = min(floor, reachable)
        fill_floor(skeleton, sets, seconds, budgets, high, ceilings, within, muscles)
        fill_floor(skeleton, sets, seconds, budgets, high, ceilings, floor, muscles)
    sets = allocate(skeleton, sets, seconds, budgets, dose.muscle_target, high, ceilings)
    if not dose.deload:
        build_share = dose.build_index / (ctx.builds - 1) if ctx.builds > 1 else 1.0
        ratio = pull_needed(ctx.profile)
        low = HARD_SET_BANDS[ctx.profile.experience][0]
        balance_and_fill(
            skeleton, sets, seconds, budgets, high, ceilings, ratio, build_share, fill_floor=low
        )
        soft = _soft_items(rows)
        lone = _lone_ceilings(skeleton, ceilings, muscles)
        reach_floor(skeleton, sets, seconds, budgets, high, lone, floor, muscles, ratio, soft)
        overrun = overrun_seconds(ctx.profile.minutes_per_session)
        shape_sets(
            skeleton,
            sets,
            seconds,
            budgets,
            high,
            ceilings,
            ratio,
            floor,
            muscles,
            soft,
            reachable,
            overrun,
        )
    if dose.deload:
        # A deload with no build week before it (an unusual plan): deload the week-1 dose.
        return deload_sets(skeleton, [sets], dose.main_sets)
    history.append(sets)
    return sets


def floor_needs(
    ctx: Ctx, skeleton: Skeleton, sets: list[int], rows: dict[int, list[Exercise]]
) -> frozenset[str]:
    """The exercises of the week with a set that a big mover's floor (what the week's minutes
    can hold) needs: one set fewer would leave the muscle under it. The written session's trim
    (rests.fit_minutes) takes its sets elsewhere first: an allocation that reached the floor
    is not undone by a minute's overrun (a glute bridge's fourth set was a hip-rehab lifter's
    tenth hamstring set)."""
    floor, muscles = _floor(ctx)
    kept = min(floor, _reachable(ctx, skeleton, rows, sets))
    totals = muscle_totals(skeleton, sets, _soft_items(rows))
    return frozenset(
        item.exercise.name
        for index, item in enumerate(skeleton.items)
        if sets[index] > 0
        and any(
            muscle in muscles and totals.get(muscle, 0.0) - weight < kept - 1e-9
            for muscle, weight in item.contributions
        )
    )


def _week_metrics(workouts: list[WorkoutInstance]) -> list[KeyValuePair]:
    srpe = sum((w.target_rpe or 0) * (w.planned_minutes or 0) for w in workouts)
    minutes = sum(w.planned_minutes or 0 for w in workouts)
    return [
        KeyValuePair(key="sessions", value=len(workouts)),
        KeyValuePair(key="planned_minutes", value=minutes),
        KeyValuePair(key="planned_srpe", value=round(srpe, 1)),
    ]


def _microcycle(
    number: int,
    week: DateRange,
    workouts: list[WorkoutInstance],
    deload: bool = False,
    schedule: WeekSchedule | None = None,
) -> Microcycle:
    metrics = _week_metrics(workouts)
    if schedule is not None and schedule.note:
        metrics.append(KeyValuePair(key=SCHEDULE_NOTE, value=schedule.note))
    return Microcycle(
        week_number=number,
        start_date=week.start_date,
        end_date=week.end_date,
        deload=deload,
        generated_by=OFFLINE,
        metrics=metrics,
        workouts=sorted(workouts, key=lambda workout: workout.date),
    )


def _with_move_note(
    workout: WorkoutInstance, schedule: WeekSchedule, weekday: int
) -> WorkoutInstance:
    note = schedule.moved.get(weekday)
    if note is None:
        return workout
    notes = f"{note} {workout.notes}" if workout.notes else note
    return workout.model_copy(update={"notes": notes})


def _week(
    ctx: Ctx,
    target: WeeklyTarget,
    week: DateRange,
    progress: _Progress,
    skeletons: dict[str, Skeleton],
) -> Microcycle:
    skeleton = skeletons.get(target.split)
    if skeleton is None:
        skeleton = skeletons[target.split] = build_skeleton(ctx, target.split)
        for item in skeleton.items:
            item.solo_rest = rest_for(ctx, item.role, item.exercise) if item.partner else 0.0
    build_index = max(0, progress.build_index - 1) if target.deload else progress.build_index
    dose = week_dose(ctx, target, build_index, skeleton.main_slots)
    rows = _main_rows(ctx, skeleton, dose)
    sets = _week_sets(ctx, skeleton, dose, target.split, progress, rows)
    written = {} if dose.deload else rows  # a deload's rows keep its build weeks' fewest reps
    needs = frozenset() if dose.deload else floor_needs(ctx, skeleton, sets, rows)
    distances = run_distances(skeleton, target, ctx)
    schedule = schedule_week(target.split, week, ctx.profile)
    workouts = []
    for index, session in enumerate(skeleton.sessions):
        if session.weekday not in schedule.dates:
            continue  # dropped: the client is away and the week has no free day left
        day = schedule.dates[session.weekday]
        if session.kind == "lift":
            builds = tuple(progress.build_doses) if dose.deload else ()
            workouts.append(
                lift_workout(ctx, skeleton, session, sets, dose, builds, day, written, needs)
            )
        elif session.kind == "run":
            workouts.append(run_workout(ctx, session, distances[index], dose, day))
        elif session.kind == "metcon":
            workouts.append(metcon_workout(ctx, session, dose, day, progress.last_build))
        else:
            workouts.append(mobility_workout(ctx, session, day, dose, "recovery day"))
        workouts[-1] = _with_move_note(workouts[-1], schedule, session.weekday)
    event = ctx.profile.event
    if event is not None and in_week(event, week.start_date, week.end_date):
        workouts = event_week(ctx, workouts, event)
    elif event is not None and in_event_window(event, week.start_date, week.end_date):
        workouts = quiet_days_before(ctx, workouts, event)
    workouts = distinct_main_lifts(workouts)
    if not target.deload:
        progress.build_index += 1
        progress.last_build = dose
        progress.build_doses.append(dose)
    return _microcycle(dose.week, week, workouts, target.deload, schedule)


def _transition_week(ctx: Ctx, target: WeeklyTarget, week: DateRange) -> Microcycle:
    """Week 0: light mobility on the split's training days that fall before the first Monday."""
    labels = target.split_days
    schedule = schedule_week(target.split, week, ctx.profile)
    workouts = []
    for weekday, day in schedule.dates.items():
        label = labels[weekday]
        session = Session(day.weekday(), label, "mobility", "")
        why = (
            f"transition week: {WEEKDAY_NAMES[weekday]} is a {label} day; light work "
            f"before week 1 starts on {week.end_date + timedelta(days=1)}"
        )
        workout = mobility_workout(ctx, session, day, None, why)
        workouts.append(_with_move_note(workout, schedule, weekday))
    return _microcycle(0, week, workouts, schedule=schedule)


def _context(
    plan: MesocyclePlan,
    profile: ClientProfile,
    program_type: ProgramType,
    training_maxes: Mapping[str, float] | None = None,
) -> Ctx:
    return Ctx(
        profile=profile,
        program_type=program_type,
        plan=plan,
        style=phase_style(plan.phase),
        equipment=frozenset(item.value for item in profile.equipment) - {"none"},
        injuries=frozenset(area.value for area in profile.injuries),
        variation=_variation(plan),
        phase_index=phase_index(plan),
        budget_seconds=profile.minutes_per_session * 60,
        builds=max(1, sum(not target.deload for target in plan.weekly_targets)),
        training_maxes=dict(training_maxes or {}),
        short_week=_short_week(plan, profile),
    )


def _short_week(plan: MesocyclePlan, profile: ClientProfile) -> bool:
    """Some build week of the phase is short of lifting minutes (pairing.short_week)."""
    lifts = [lifting_days(target.split) for target in plan.weekly_targets if not target.deload]
    return any(count and short_week(profile, count) for count in lifts)


def breakdown_mesocycle(
    plan: MesocyclePlan,
    profile: ClientProfile,
    program_type: ProgramType,
    start_date: date,
    training_maxes: Mapping[str, float] | None = None,
) -> MesocycleDetailed:
    """Dated microcycles (transition week 0 before a non-Monday start) with full sessions."""
    ctx = _context(plan, profile, program_type, training_maxes)
    ranges = microcycle_date_ranges(start_date, plan.weeks)
    microcycles = []
    if 0 in ranges:
        microcycles.append(_transition_week(ctx, plan.weekly_targets[0], ranges[0]))
    progress = _Progress()
    skeletons: dict[str, Skeleton] = {}
    for target in plan.weekly_targets:
        week = ranges[target.week_offset + 1]
        microcycles.append(_week(ctx, target, week, progress, skeletons))
    span = mesocycle_date_range(start_date, plan.weeks)
    return MesocycleDetailed(
        id=plan.id,
        phase=plan.phase,
        weeks=plan.weeks,
        weekly_targets=[target.model_copy() for target in plan.weekly_targets],
        start_date=span.start_date,
        end_date=span.end_date,
        microcycles=microcycles,
    )
