"""Running: weekly mileage (the 10 % rule), the long-run share and the run sessions."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from core.exercises.library import LibraryExercise
from core.generation.engine.dosing import Dose
from core.generation.engine.phases import is_taper, split_for, training_days
from core.generation.engine.rounding import floor_km, round_half_up
from core.generation.engine.sessions import Ctx, Session, Skeleton, run_labels, session_kind
from core.generation.engine.workouts import mobility_workout, planned_minutes, week_tag
from core.schemas import (
    ClientProfile,
    Exercise,
    Experience,
    KeyValuePair,
    ProgramType,
    SessionType,
    WeeklyTarget,
    WorkoutBlock,
    WorkoutInstance,
    effective_units,
)
from core.units import KM_PER_MI, DistanceUnit, format_distance
from core.validation.client import LONG_RUN_SESSIONS

MILEAGE_STEP = 1.08
"""+8 % a week: inside the 10 % rule even after rounding."""
DELOAD_MILEAGE = 0.6


PACE_MIN_PER_KM: dict[Experience, float] = {
    Experience.BEGINNER: 7.0,
    Experience.INTERMEDIATE: 6.0,
    Experience.ADVANCED: 5.25,
}
KM_PER_RUN: dict[ProgramType, dict[Experience, float]] = {
    # Starting weekly mileage per run session of the split.
    ProgramType.ENDURANCE: {
        Experience.BEGINNER: 4.0,
        Experience.INTERMEDIATE: 7.0,
        Experience.ADVANCED: 10.0,
    },
    ProgramType.HYBRID: {
        Experience.BEGINNER: 3.0,
        Experience.INTERMEDIATE: 5.0,
        Experience.ADVANCED: 7.0,
    },
}


def long_share(runs: int) -> float:
    """Long run as a share of the week: 30 % with 4+ runs (25–35 % rule); with fewer runs it is
    still the week's longest (60 % of two runs, 35 % of three)."""
    return {0: 0.0, 1: 1.0, 2: 0.6, 3: 0.35}.get(runs, 0.30)


LONG_RUN_MINUTES: dict[Experience, int] = {
    # The longest long run (Daniels: at most about 150 min; Pfitzinger's marathon long runs
    # 2–3 h); a long run may outgrow the session length up to twice the client's minutes.
    Experience.BEGINNER: 90,
    Experience.INTERMEDIATE: 120,
    Experience.ADVANCED: 150,
}
PEAK_OVER_FIRST = 1.25
"""Week 1 starts low enough that the weekly distance can grow to 1.25× (the 10 % rule)…"""
PEAK_ROUNDING_MARGIN = 1.02
"""… and 2 % more, so the written runs (interval repeats rounded to whole metres and a pace)
still reach it where the longest runs the client can do cap the growth."""


def km_cap(profile: ClientProfile) -> float:
    """Longest run that fits a session, with 10 % spare for interval recoveries."""
    return 0.9 * profile.minutes_per_session / PACE_MIN_PER_KM[profile.experience]


def long_km_cap(profile: ClientProfile, program_type: ProgramType) -> float:
    """Longest long run: a runner's goes past the session length, up to twice the client's
    minutes and the level's longest (LONG_RUN_MINUTES), so weekly distance keeps growing once
    the other runs fill their sessions; in a hybrid program it fits the session."""
    if program_type != ProgramType.ENDURANCE:
        return km_cap(profile)
    minutes = min(
        LONG_RUN_SESSIONS * profile.minutes_per_session, LONG_RUN_MINUTES[profile.experience]
    )
    return max(km_cap(profile), minutes / PACE_MIN_PER_KM[profile.experience])


def _max_weekly_km(profile: ClientProfile, runs: int, long_cap: float) -> float:
    """The most weekly km the runs hold: the long run up to ``long_cap``, the others inside
    the session."""
    cap, share = km_cap(profile), long_share(runs)
    if runs <= 1:
        return long_cap
    return min(long_cap / share, cap * (runs - 1) / (1 - share))


@dataclass
class MileageState:
    level: float
    ceiling: float
    step: float = MILEAGE_STEP
    """The weekly growth of the build weeks (``fit_mileage_step``)."""


MAX_MILEAGE_STEP = 1.10
"""The 10 % rule's most: a short plan to a race grows this fast to reach its peak, no faster."""


def fit_mileage_step(state: MileageState, builds: list[tuple[str, int]]) -> None:
    """A plan whose build weeks are too few for +8 % a week to reach PEAK_OVER_FIRST × week 1
    (eight weeks to a 10k: three weeks of growth) grows faster, up to the 10 % rule's 10 % a
    week, so the peak still comes. ``builds``: (phase, build weeks) of the phases before the
    event's; each phase's first week holds the last one's distance, a taper's weeks fall."""
    growth = sum(count - 1 for phase, count in builds if "taper" not in phase.lower())
    if growth <= 0:
        return
    needed = (PEAK_OVER_FIRST * PEAK_ROUNDING_MARGIN) ** (1 / growth)
    state.step = min(MAX_MILEAGE_STEP, max(MILEAGE_STEP, needed))


def mileage_targets(phase: str, builds: int, state: MileageState) -> tuple[list[float], float]:
    """Weekly km of the build weeks (+8 %/week, the 10 % rule) and of the deload."""
    weeks: list[float] = []
    level = state.level
    taper = is_taper(phase)
    for index in range(builds):
        if taper:
            level = floor_km(state.level * 0.85 ** (index + 1))
        elif index > 0:
            level = floor_km(min(state.ceiling, level * state.step))
        weeks.append(level)
    if not taper:
        state.level = weeks[-1]
    return weeks, floor_km(weeks[-1] * DELOAD_MILEAGE)


def mileage_state(profile: ClientProfile, program_type: ProgramType) -> MileageState | None:
    if program_type not in KM_PER_RUN:
        return None
    days = training_days(program_type, profile)
    split = split_for(program_type, days, "Base", profile.experience)
    runs = len(run_labels(split))
    if runs == 0:
        return None
    ceiling = floor_km(_max_weekly_km(profile, runs, long_km_cap(profile, program_type)))
    # week 1 fits every run in the session; the long run outgrows it later
    in_session = floor_km(_max_weekly_km(profile, runs, km_cap(profile)))
    wanted = KM_PER_RUN[program_type][profile.experience] * runs
    start = floor_km(min(wanted, in_session, ceiling / (PEAK_OVER_FIRST * PEAK_ROUNDING_MARGIN)))
    return MileageState(level=max(start, 0.5), ceiling=max(ceiling, 0.5))


def run_distances(skeleton: Skeleton, target: WeeklyTarget, ctx: Ctx) -> dict[int, float]:
    """km per run session: the long run from the target, the rest shared evenly."""
    runs = [index for index, session in enumerate(skeleton.sessions) if session.kind == "run"]
    if not runs:
        return {}
    total = target.total_mileage
    if total is None:
        total = KM_PER_RUN[ProgramType.HYBRID][ctx.profile.experience] * len(runs)
    longs = [index for index in runs if skeleton.sessions[index].variant == "long"]
    long_km = target.long_run_mileage if longs and target.long_run_mileage is not None else None
    if longs and long_km is None:
        long_km = total * long_share(len(runs))
    distances: dict[int, float] = {}
    rest = total
    if longs and long_km is not None:
        distances[longs[0]] = long_km
        rest = max(0.0, total - long_km)
    others = [index for index in runs if index not in distances]
    if others:
        # shared in tenths of a km so the runs add up to the week's distance after rounding
        tenths = round(rest * 10)
        each, extra = divmod(tenths, len(others))
        for place, index in enumerate(others):
            distances[index] = (each + (place < extra)) / 10
    cap, long_cap = km_cap(ctx.profile), long_km_cap(ctx.profile, ctx.program_type)
    return {
        index: max(0.1, min(long_cap if index in longs else cap, round(km, 1)))
        for index, km in distances.items()
    }


def _run_substitute(ctx: Ctx, name: str) -> LibraryExercise | None:
    """The run itself if it is allowed, else low-impact cross-training dosed by time (a bike, a
    rower, a walk), else a low-impact conditioning drill that loads nothing (marching in place:
    a client whose injuries rule out every other option still gets easy cardio)."""
    options = ctx.options("run")
    for option in options:
        if option.name == name:
            return option
    timed = sorted(
        (option for option in options if option.timed),
        key=lambda option: (len(option.loads), option.order),
    )
    if timed:
        return timed[0]
    gentle = [option for option in ctx.conditioning() if not option.impact and not option.loads]
    return gentle[0] if gentle else None


def _km(ctx: Ctx, km: float) -> str:
    """A distance as the client reads it: '6.5 km', '4.04 mi'."""
    return format_distance(km, effective_units(ctx.profile).distance)


def _pace(ctx: Ctx, min_per_km: float) -> str:
    unit = effective_units(ctx.profile).distance
    if unit is DistanceUnit.KM:
        return f"{min_per_km:g} min/km"
    return f"{min_per_km * KM_PER_MI:.1f} min/mi"


def _run_exercise(
    ctx: Ctx, name: str, km: float, rpe: float, rationale: str, sets: int = 1, rest: int = 0
) -> Exercise | None:
    entry = _run_substitute(ctx, name)
    if entry is None:
        return None
    pace = PACE_MIN_PER_KM[ctx.profile.experience]
    if entry.name == name:
        return Exercise(
            name=name,
            sets=sets,
            distance_km=km,
            rpe=rpe,
            rest_seconds=rest or None,
            rationale=rationale[:300],
        )
    minutes = max(0.5, math.floor(km * pace * 2) / 2)  # half minutes, never over the run
    why = ", ".join(
        area.replace("_", " ") for area in ("knee", "ankle", "hip") if area in ctx.injuries
    )
    return Exercise(
        name=entry.name,
        sets=sets,
        duration_minutes=minutes,
        rpe=rpe,
        rest_seconds=rest or None,
        notes=f"replaces {name} ({_km(ctx, km)}): running loads the injured {why or 'area'}",
        rationale=f"{rationale[:200]}; {minutes:g} min ≈ {_km(ctx, km)} at {_pace(ctx, pace)}",
    )


REPEATS: dict[str, tuple[float, float, float]] = {
    # hard repeats: (km a repeat, RPE, recovery seconds) — Daniels' intervals (about 800 m at
    # 5 km pace) and short hill repeats with a jog back down
    "Interval Run": (0.8, 8.0, 90),
    "Hill Repeats": (0.3, 8.0, 120),
}
MAX_REPEATS = 10
"""At most 10 repeats a session: more hard running goes to a longer repeat, not more of them."""


def quality_sessions(split: str) -> int:
    return sum(session_kind(label) == ("run", "quality") for label in split.split("-"))


STRIDES, STRIDE_KM, STRIDE_REST = 6, 0.1, 60
"""A beginner's quality run in the walk/run block: an easy run, then 6 × 100 m strides."""


def _strides(ctx: Ctx, km: float, dose: Dose) -> list[Exercise]:
    """The session's distance less the strides, shortened where the strides' walks back would
    take it past the client's minutes."""
    pace = PACE_MIN_PER_KM[ctx.profile.experience]
    walks = STRIDES * STRIDE_REST / 60
    fits_km = (ctx.profile.minutes_per_session - walks) / pace
    easy_km = max(0.1, floor_km(min(km, fits_km) - STRIDES * STRIDE_KM))
    tag = week_tag(dose, ctx)
    easy = _run_exercise(ctx, "Easy Run", easy_km, 3.0, f"{tag}: easy running before strides")
    why = f"{tag}: strides, fast but relaxed, walk back between them (a beginner's speed work)"
    strides = _run_exercise(ctx, "Strides", STRIDE_KM, 7.0, why, STRIDES, STRIDE_REST)
    return [exercise for exercise in (easy, strides) if exercise is not None]


def _quality_kind(ctx: Ctx, label: str) -> str:
    """The session's own kind ("Intervals", "Tempo Run", "Hill Repeats"), else the phase's."""
    lowered = label.lower()
    if "hill" in lowered:
        return "Hill Repeats"
    if "interval" in lowered:
        return "Interval Run"
    if "tempo" in lowered or "threshold" in lowered:
        return "Tempo Run"
    return ctx.style.quality_run


def _quality_exercises(
    ctx: Ctx, km: float, dose: Dose, week_km: float, label: str
) -> list[Exercise]:
    """Warm-up and cool-down easy, the week's hard running ≤ 20 % of its km (80/20, shared by its
    quality sessions); repeats only when their recoveries still fit the session, else a tempo
    run."""
    if walk_run_minutes(ctx, dose) is not None:
        return _strides(ctx, km, dose)
    sessions = max(1, quality_sessions(dose.target.split or ""))
    hard = min(round(km * 0.6, 1), floor_km(week_km * 0.2 / sessions))
    pace = PACE_MIN_PER_KM[ctx.profile.experience]
    kind = _quality_kind(ctx, label)
    each, rpe, rest = REPEATS.get(kind, REPEATS["Interval Run"])
    reps = max(2, min(MAX_REPEATS, round_half_up(hard / each)))
    if kind == "Hill Repeats":
        hard = min(hard, reps * each)  # hills stay short: the rest of the session is easy
    repeats = (
        kind in REPEATS
        and hard >= 2 * each
        and km * pace + reps * rest / 60 <= ctx.profile.minutes_per_session
    )
    tag = week_tag(dose, ctx)
    if repeats:
        each = floor_km(hard / reps)
        hard = round(each * reps, 1)
        share = f"{_km(ctx, hard)} hard of {_km(ctx, week_km)} weekly (≤ 20 %, 80/20 easy)"
        main = _run_exercise(ctx, kind, each, rpe, f"{tag}: {share}", reps, int(rest))
    else:
        hard = max(0.1, hard)
        share = f"{_km(ctx, hard)} hard of {_km(ctx, week_km)} weekly (≤ 20 %, 80/20 easy)"
        main = _run_exercise(ctx, "Tempo Run", hard, 7.0, f"{tag}: {share}")
    easy = max(0.1, round((km - hard) / 2, 1))
    rest_km = max(0.1, round(km - hard - easy, 1))  # the session's km add up after rounding
    warm = _run_exercise(ctx, "Easy Run", easy, 3.0, "warm-up: easy pace before the hard part")
    cool = _run_exercise(ctx, "Easy Run", rest_km, 3.0, "cool-down: easy pace")
    return [exercise for exercise in (warm, main, cool) if exercise is not None]


WALK_RUN = "Walk-Run Intervals"
WALK_RUN_START, WALK_RUN_STEP, WALK_MINUTES = 2, 2, 1
"""A beginner's first block of easy and long runs is walk/run (Galloway's run-walk method;
Couch to 5K): run 2 min, walk 1 min in week 1, two more running minutes each build week."""


def walk_run_minutes(ctx: Ctx, dose: Dose) -> tuple[int, int] | None:
    """(run, walk) minutes of a beginner's easy or long run in the first block, else None."""
    if ctx.profile.experience != Experience.BEGINNER or ctx.phase_index > 0:
        return None
    return WALK_RUN_START + WALK_RUN_STEP * dose.build_index, WALK_MINUTES


def _title(ctx: Ctx, session: Session, dose: Dose) -> str:
    """The session's name; a beginner's walk/run block does strides on its quality day."""
    strides = session.variant == "quality" and not dose.deload
    if strides and walk_run_minutes(ctx, dose) is not None:
        return "Easy Run + Strides"
    return session.label


def run_workout(ctx: Ctx, session: Session, km: float, dose: Dose, day: date) -> WorkoutInstance:
    week_km = dose.target.total_mileage or km
    tag = week_tag(dose, ctx)
    if session.variant == "quality" and not dose.deload:
        exercises = _quality_exercises(ctx, km, dose, week_km, session.label)
        rpe = 6.0
    else:
        if session.variant == "long":
            pct = km / week_km * 100 if week_km else 100
            rule = " (25–35 % rule)" if 25 <= round(pct) <= 35 else ""
            name, rpe = "Long Run", 3.0 if dose.deload else 4.0
            why = f"{tag}: long run {_km(ctx, km)} = {pct:.0f} % of {_km(ctx, week_km)}{rule}"
        else:
            name, rpe = "Easy Run", 2.0 if dose.deload else 3.0
            why = (
                f"{tag}: easy run {_km(ctx, km)} of {_km(ctx, week_km)} weekly mileage "
                "(80/20: mostly easy)"
            )
        walk_run = walk_run_minutes(ctx, dose)
        exercise = None
        if walk_run is not None:
            run, walk = walk_run
            why = f"{why}; walk/run: run {run} min, walk {walk} min, repeated for the distance"
            exercise = _run_exercise(ctx, WALK_RUN, km, rpe, why)
        exercise = exercise or _run_exercise(ctx, name, km, rpe, why)
        exercises = [exercise] if exercise else []
    if not exercises:
        return mobility_workout(ctx, session, day, dose, "no run or cross-training option fits")
    blocks = [WorkoutBlock(label="Run", exercises=exercises)]
    pace = PACE_MIN_PER_KM[ctx.profile.experience]
    return WorkoutInstance(
        date=day,
        session_type=SessionType.RUN,
        title=f"{_title(ctx, session, dose)}{' (deload)' if dose.deload else ''}",
        blocks=blocks,
        targets=[KeyValuePair(key="distance_km", value=round(km, 1))],
        planned_minutes=planned_minutes(blocks, pace),
        target_rpe=rpe,
        notes="Easy means conversational pace." if rpe <= 4 else "Hard part at threshold effort.",
    )
