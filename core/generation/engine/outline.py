"""The outline: a program's blocks and each week's targets (intensity, main-lift sets, mileage)."""

from __future__ import annotations

import math
from datetime import date

from core.events import (
    OLDER_MAX_BLOCK,
    OPENER_PCT,
    OPENER_SETS,
    EventPlan,
    is_older,
    plan_to_event,
    taper_share,
)
from core.generation.engine.dosing import (
    DELOAD_INTENSITY,
    intensity_targets,
    level_intensity,
    main_sets_per_slot,
)
from core.generation.engine.endurance import (
    MileageState,
    fit_mileage_step,
    long_share,
    mileage_state,
    mileage_targets,
)
from core.generation.engine.phases import (
    MIN_BLOCK,
    block_lengths,
    linear_progression,
    phase_labels,
    phase_style,
    program_type_for,
    split_for,
    training_days,
)
from core.generation.engine.rounding import floor_km, round_half_up, round_pct
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
    ends_in_deload: bool = True,
) -> list[WeeklyTarget]:
    """One target per week: build weeks, then a deload when ``ends_in_deload`` (see
    ``block_ends_in_deload``)."""
    days = training_days(program_type, profile)
    template = split_for(program_type, days, phase, profile.experience)
    split = place_split(template, profile)
    builds = weeks - 1 if ends_in_deload else weeks
    style = phase_style(phase)
    lifts_by_percent = program_type not in (ProgramType.ENDURANCE, ProgramType.REHAB)
    slots = main_slot_count(split)
    intensity = (
        intensity_targets(style, builds, profile.experience)
        if lifts_by_percent and style.intensity
        else None
    )
    km, deload_km = mileage_targets(phase, builds, mileage) if mileage else ([], 0.0)
    share = long_share(len(run_labels(split)))
    targets = []
    for offset in range(weeks):
        deload = ends_in_deload and offset == weeks - 1
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


def block_ends_in_deload(
    profile: ClientProfile, program_type: ProgramType, has_event: bool, last_block: bool
) -> bool:
    """Whether a block's last week is a deload.

    Every block ends with one, except: the block before a taper or a peak week builds to its end
    (the event's phase is the easier weeks), and a novice on linear progression has no planned
    deload inside the program (a stall resets the load instead) but still ends a program without
    an event on one, so the last week is easier before what comes next.
    """
    if has_event and last_block:
        return False
    if linear_progression(profile, program_type):
        return last_block
    return True


def goal_words(profile: ClientProfile) -> str:
    """The client's goal as a coach says it ("muscle gain"), not the program type behind it."""
    return profile.goal.value.replace("_", " ")


def _overview(
    profile: ClientProfile,
    program_type: ProgramType,
    weeks: int,
    start_date: date,
    plans: list[MesocyclePlan],
    event: EventPlan | None = None,
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
            _event_words(event)
            if event
            else "Every week adds load (novice linear progression); a stall resets the load, "
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
    lines.extend(_client_facts(profile))
    if start_date.weekday() != 0:
        lines.append("The first days until Sunday are a light transition week (week 0).")
    return " ".join(lines)


def _lengths(profile: ClientProfile, weeks: int) -> list[int]:
    """Block lengths; from 60 a deload at least every 4th week (core.events.OLDER_MAX_BLOCK)."""
    lengths = block_lengths(weeks)
    if not is_older(profile) or max(lengths) <= OLDER_MAX_BLOCK:
        return lengths
    count = max(len(lengths), min(math.ceil(weeks / OLDER_MAX_BLOCK), weeks // MIN_BLOCK))
    base, extra = divmod(weeks, count)
    return [base + (1 if index < extra else 0) for index in range(count)]


def _lead_labels(profile: ClientProfile, program_type: ProgramType, count: int) -> list[str]:
    """Phases before an event's taper or peak week: the goal's sequence, its own closing taper
    (endurance) turned into the peak the taper follows."""
    labels = phase_labels(profile.goal, program_type, count)
    return ["Peak" if label == "Taper" else label for label in labels]


def event_targets(
    profile: ClientProfile,
    program_type: ProgramType,
    plan: EventPlan,
    mileage: MileageState | None,
    last: WeeklyTarget | None,
) -> list[WeeklyTarget]:
    """The event's phase: a race's taper (volume −40 → −60 %, intensity kept, not a deload: the
    quality runs stay) or a meet's / test day's peak week (a deload with openers, core.events)."""
    phase = plan.final_phase
    split = place_split(
        split_for(program_type, training_days(program_type, profile), phase), profile
    )
    slots = main_slot_count(split)
    lifts_by_percent = program_type not in (ProgramType.ENDURANCE, ProgramType.REHAB)
    race = plan.event.kind.is_race
    share = long_share(len(run_labels(split)))
    last_pct = last.avg_intensity_pct_1rm if last else None
    last_sets = (
        (last.total_sets_main_lifts or 0) // max(1, main_slot_count(last.split)) if last else 0
    )
    targets = []
    for offset in range(plan.final_weeks):
        keep = taper_share(offset, plan.final_weeks)
        pct = sets = total_km = long_km = None
        if lifts_by_percent and slots:
            span = level_intensity(phase_style(phase), profile.experience)
            peak = last_pct or (span[1] if span else None)
            if peak is not None:
                pct = peak if race else round_pct(peak * DELOAD_INTENSITY)
            per_slot = max(1, round_half_up(max(last_sets, 2) * keep)) if race else OPENER_SETS
            sets = per_slot * slots
        if mileage:
            total_km = floor_km(mileage.level * keep)
            long_km = round(total_km * share, 1)
        targets.append(
            WeeklyTarget(
                week_offset=offset,
                split=split,
                total_mileage=total_km,
                long_run_mileage=long_km,
                avg_intensity_pct_1rm=pct,
                total_sets_main_lifts=sets,
                deload=not race,
            )
        )
    return targets


def _event_words(event: EventPlan) -> str:
    """What the program's end does, in a sentence or two."""
    builds = "Each block builds and ends with a deload, the last one builds up to the " + (
        "taper." if event.event.kind.is_race else "peak week."
    )
    if event.event.kind.is_race:
        return (
            f"Planned back from {event.event.words}. {builds} The last {event.final_weeks} "
            f"week{'s' if event.final_weeks != 1 else ''} taper (volume down 40 → 60 %, "
            "intensity and frequency kept); nothing hard in the last 2 days, no session after "
            "the race."
        )
    return (
        f"Planned back from {event.event.words}. {builds} The last week is the peak week: "
        f"openers (2 singles at about {OPENER_PCT:g} %) early in the week, nothing heavy in "
        "the last 3 days, no session after the event."
    )


def _client_facts(profile: ClientProfile) -> list[str]:
    facts = []
    if is_older(profile):
        facts.append(
            f"At {profile.age} a deload comes at least every {OLDER_MAX_BLOCK}th week "
            "(recovery is slower with age)."
        )
    return facts


def outline_program(profile: ClientProfile, weeks: int, start_date: date) -> FitnessProgram:
    """Program type from the goal, blocks of 3–6 weeks, one weekly target per week.

    With an event in the profile the program is planned backwards from it (core.events): its
    length is the weeks to the event's week (``weeks`` is then ignored), the last phase a taper
    or a peak week, the phases before it filling the weeks back to the start.
    """
    program_type = program_type_for(profile.goal)
    event = plan_to_event(profile, start_date)
    if event is not None:
        weeks = event.weeks
    lead = event.lead_weeks if event else weeks
    lengths = _lengths(profile, lead)
    labels = (
        _lead_labels(profile, program_type, len(lengths))
        if event
        else phase_labels(profile.goal, program_type, len(lengths))
    )
    mileage = mileage_state(profile, program_type)
    ends = [
        block_ends_in_deload(profile, program_type, event is not None, index == len(lengths) - 1)
        for index in range(len(lengths))
    ]
    if mileage is not None:
        builds = [length - 1 if end else length for length, end in zip(lengths, ends, strict=True)]
        fit_mileage_step(mileage, list(zip(labels, builds, strict=True)))
    plans = [
        MesocyclePlan(
            id=f"meso-{index + 1}",
            phase=phase,
            weeks=length,
            weekly_targets=weekly_targets(
                profile,
                program_type,
                phase,
                length,
                mileage,
                ends_in_deload=ends[index],
            ),
        )
        for index, (length, phase) in enumerate(zip(lengths, labels, strict=True))
    ]
    if event is not None:
        last = plans[-1].weekly_targets[-1]
        plans.append(
            MesocyclePlan(
                id=f"meso-{len(plans) + 1}",
                phase=event.final_phase,
                weeks=event.final_weeks,
                weekly_targets=event_targets(profile, program_type, event, mileage, last),
            )
        )
    macrocycle = Macrocycle(
        id="macro-1",
        name=_macro_name(profile, weeks, event),
        length_weeks=weeks,
        mesocycles=plans,
    )
    return FitnessProgram(
        program_type=program_type,
        overview=_overview(profile, program_type, weeks, start_date, plans, event),
        macrocycles=[macrocycle],
    )


def _macro_name(profile: ClientProfile, weeks: int, event: EventPlan | None) -> str:
    if event is None:
        return f"{weeks}-week {goal_words(profile)} macrocycle"
    return f"{weeks} weeks to the {event.event.label or event.event.kind.label}"[:120]
