"""The outline: a program's blocks and each week's targets (intensity, main-lift sets, mileage)."""

from __future__ import annotations

from datetime import date

from core.generation.engine.dosing import DELOAD_INTENSITY, intensity_targets, main_sets_per_slot
from core.generation.engine.endurance import (
    MileageState,
    long_share,
    mileage_state,
    mileage_targets,
)
from core.generation.engine.phases import (
    block_lengths,
    linear_progression,
    phase_labels,
    phase_style,
    program_type_for,
    split_for,
    training_days,
)
from core.generation.engine.rounding import round_half_up, round_pct
from core.generation.engine.schedule import place_split
from core.generation.engine.sessions import main_slot_count, run_labels
from core.schemas import (
    ClientProfile,
    FitnessProgram,
    Macrocycle,
    MesocyclePlan,
    ProgramType,
    WeeklyTarget,
)


def weekly_targets(
    profile: ClientProfile,
    program_type: ProgramType,
    phase: str,
    weeks: int,
    mileage: MileageState | None,
) -> list[WeeklyTarget]:
    days = training_days(program_type, profile)
    template = split_for(program_type, days, phase, profile.experience)
    split = place_split(template, profile)
    linear = linear_progression(profile, program_type)  # novices: no planned deload
    builds = weeks if linear else weeks - 1
    style = phase_style(phase)
    lifts_by_percent = program_type not in (ProgramType.ENDURANCE, ProgramType.REHAB)
    slots = main_slot_count(split)
    intensity = intensity_targets(style, builds) if lifts_by_percent and style.intensity else None
    km, deload_km = mileage_targets(phase, builds, mileage) if mileage else ([], 0.0)
    share = long_share(len(run_labels(split)))
    targets = []
    for offset in range(weeks):
        deload = offset == weeks - 1 and not linear
        index = min(offset, builds - 1)
        pct = sets = total_km = long_km = None
        if intensity and slots:
            last_sets = main_sets_per_slot(profile.experience, builds - 1)
            pct = round_pct(intensity[-1] * DELOAD_INTENSITY) if deload else intensity[index]
            per_slot = (
                max(1, round_half_up(last_sets * 0.5))
                if deload
                else main_sets_per_slot(profile.experience, index)
            )
            sets = per_slot * slots
        if mileage:
            total_km = deload_km if deload else km[index]
            long_km = round(total_km * share, 1)
        targets.append(
            WeeklyTarget(
                week_offset=offset,
                split=split,
                total_mileage=total_km,
                long_run_mileage=long_km,
                avg_intensity_pct_1rm=pct,
                total_sets_main_lifts=sets,
                deload=deload,
            )
        )
    return targets


def goal_words(profile: ClientProfile) -> str:
    """The client's goal as a coach says it ("muscle gain"), not the program type behind it."""
    return profile.goal.value.replace("_", " ")


def _overview(
    profile: ClientProfile,
    program_type: ProgramType,
    weeks: int,
    start_date: date,
    plans: list[MesocyclePlan],
) -> str:
    phases = " → ".join(f"{plan.phase} ({plan.weeks} wk)" for plan in plans)
    days = training_days(program_type, profile)
    injuries = ", ".join(area.value.replace("_", " ") for area in profile.injuries)
    equipment = ", ".join(item.value.replace("_", " ") for item in profile.equipment) or "none"
    lines = [
        f"{weeks}-week {goal_words(profile)} program for {profile.name} "
        f"({profile.experience.value}), starting "
        f"{start_date:%a %d %b %Y}.",
        f"Phases: {phases}. "
        + (
            "Every week adds load (novice linear progression); a stall resets the load, "
            "so there is no planned deload."
            if linear_progression(profile, program_type)
            else "Each block builds for all but its last week, which is a deload "
            "(about −45 % volume, −15 % intensity)."
        ),
        f"{days} training days a week of up to {profile.minutes_per_session} min; "
        f"equipment: {equipment}.",
    ]
    if injuries:
        lines.append(
            f"No exercise loads the injured areas ({injuries}) heavily; they are trained by "
            "graded exposure, one step further each phase, in a pain-free range."
        )
    if start_date.weekday() != 0:
        lines.append("The first days until Sunday are a light transition week (week 0).")
    return " ".join(lines)


def outline_program(profile: ClientProfile, weeks: int, start_date: date) -> FitnessProgram:
    """Program type from the goal, blocks of 3–6 weeks, one weekly target per week."""
    program_type = program_type_for(profile.goal)
    lengths = block_lengths(weeks)
    labels = phase_labels(profile.goal, program_type, len(lengths))
    mileage = mileage_state(profile, program_type)
    plans = [
        MesocyclePlan(
            id=f"meso-{index + 1}",
            phase=phase,
            weeks=length,
            weekly_targets=weekly_targets(profile, program_type, phase, length, mileage),
        )
        for index, (length, phase) in enumerate(zip(lengths, labels, strict=True))
    ]
    macrocycle = Macrocycle(
        id="macro-1",
        name=f"{weeks}-week {goal_words(profile)} macrocycle",
        length_weeks=weeks,
        mesocycles=plans,
    )
    return FitnessProgram(
        program_type=program_type,
        overview=_overview(profile, program_type, weeks, start_date, plans),
        macrocycles=[macrocycle],
    )
