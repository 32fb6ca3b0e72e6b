"""Running: weekly mileage (the 10 % rule), the long-run share and the run sessions."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from core.exercises.library import LibraryExercise
from core.generation.engine.dosing import Dose
from core.generation.engine.phases import split_for, training_days
from core.generation.engine.rounding import floor_km, round_half_up
from core.generation.engine.sessions import Ctx, Session, Skeleton, run_labels
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


def km_cap(profile: ClientProfile) -> float:
    """Longest run that fits a session, with 10 % spare for interval recoveries."""
    return 0.9 * profile.minutes_per_session / PACE_MIN_PER_KM[profile.experience]


def _max_weekly_km(profile: ClientProfile, runs: int) -> float:
    cap, share = km_cap(profile), long_share(runs)
    if runs <= 1:
        return cap
    return min(cap / share, cap * (runs - 1) / (1 - share))


@dataclass
class MileageState:
    level: float
    ceiling: float


def mileage_targets(phase: str, builds: int, state: MileageState) -> tuple[list[float], float]:
    """Weekly km of the build weeks (+8 %/week, the 10 % rule) and of the deload."""
    weeks: list[float] = []
    level = state.level
    taper = "taper" in phase.lower()
    for index in range(builds):
        if taper:
            level = floor_km(state.level * 0.85 ** (index + 1))
        elif index > 0:
            level = floor_km(min(state.ceiling, level * MILEAGE_STEP))
        weeks.append(level)
    if not taper:
        state.level = weeks[-1]
    return weeks, floor_km(weeks[-1] * DELOAD_MILEAGE)


def mileage_state(profile: ClientProfile, program_type: ProgramType) -> MileageState | None:
    if program_type not in KM_PER_RUN:
        return None
    split = split_for(program_type, training_days(program_type, profile), "Base")
    runs = len(run_labels(split))
    if runs == 0:
        return None
    ceiling = floor_km(_max_weekly_km(profile, runs))
    start = floor_km(min(KM_PER_RUN[program_type][profile.experience] * runs, ceiling))
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
    for index in others:
        distances[index] = rest / len(others)
    cap = km_cap(ctx.profile)
    return {index: max(0.1, min(cap, round(km, 1))) for index, km in distances.items()}


def _run_substitute(ctx: Ctx, name: str) -> LibraryExercise | None:
    """The run itself if it is allowed, else low-impact cross-training dosed by time."""
    options = ctx.options("run")
    for option in options:
        if option.name == name:
            return option
    timed = sorted(
        (option for option in options if option.timed),
        key=lambda option: (len(option.loads), option.order),
    )
    return timed[0] if timed else None


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


def _quality_exercises(ctx: Ctx, km: float, dose: Dose, week_km: float) -> list[Exercise]:
    """Warm-up and cool-down easy, hard part ≤ 20 % of the week (80/20); intervals only when
    their recoveries still fit the session, else a tempo run."""
    hard = min(round(km * 0.6, 1), floor_km(week_km * 0.2))
    pace = PACE_MIN_PER_KM[ctx.profile.experience]
    reps = max(2, round_half_up(hard / 0.8))
    rest_minutes = reps * 1.5
    intervals = (
        ctx.style.quality_run == "Interval Run"
        and hard >= 1.6
        and km * pace + rest_minutes <= ctx.profile.minutes_per_session
    )
    tag = week_tag(dose, ctx)
    if intervals:
        each = floor_km(hard / reps)
        hard = round(each * reps, 1)
        share = f"{_km(ctx, hard)} hard of {_km(ctx, week_km)} weekly (≤ 20 %, 80/20 easy)"
        main = _run_exercise(ctx, "Interval Run", each, 8.0, f"{tag}: {share}", reps, 90)
    else:
        hard = max(0.1, hard)
        share = f"{_km(ctx, hard)} hard of {_km(ctx, week_km)} weekly (≤ 20 %, 80/20 easy)"
        main = _run_exercise(ctx, "Tempo Run", hard, 7.0, f"{tag}: {share}")
    easy = max(0.1, round((km - hard) / 2, 1))
    warm = _run_exercise(ctx, "Easy Run", easy, 3.0, "warm-up: easy pace before the hard part")
    cool = _run_exercise(ctx, "Easy Run", easy, 3.0, "cool-down: easy pace")
    return [exercise for exercise in (warm, main, cool) if exercise is not None]


def run_workout(ctx: Ctx, session: Session, km: float, dose: Dose, day: date) -> WorkoutInstance:
    week_km = dose.target.total_mileage or km
    tag = week_tag(dose, ctx)
    if session.variant == "quality" and not dose.deload:
        exercises = _quality_exercises(ctx, km, dose, week_km)
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
        exercise = _run_exercise(ctx, name, km, rpe, why)
        exercises = [exercise] if exercise else []
    if not exercises:
        return mobility_workout(ctx, session, day, dose, "no run or cross-training option fits")
    blocks = [WorkoutBlock(label="Run", exercises=exercises)]
    pace = PACE_MIN_PER_KM[ctx.profile.experience]
    return WorkoutInstance(
        date=day,
        session_type=SessionType.RUN,
        title=f"{session.label}{' (deload)' if dose.deload else ''}",
        blocks=blocks,
        targets=[KeyValuePair(key="distance_km", value=round(km, 1))],
        planned_minutes=planned_minutes(blocks, pace),
        target_rpe=rpe,
        notes="Easy means conversational pace." if rpe <= 4 else "Hard part at threshold effort.",
    )
