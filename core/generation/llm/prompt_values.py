"""The values filled into the outline and breakdown prompts: profile, targets, training days, reference."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from core.dates import WEEKDAY_NAMES, DateRange
from core.events import OPENER_PCT, OPENER_SETS, is_older, taper_weeks
from core.exercises.library import find_exercise
from core.generation.engine.schedule import schedule_week
from core.plates import increments_for, load_step
from core.schemas import (
    ClientProfile,
    Experience,
    MesocyclePlan,
    Microcycle,
    ProgramType,
    WeeklyTarget,
    effective_units,
)
from core.units import LoadUnit
from core.validation.measures import is_rest_label

_SETS_PER_MUSCLE = {
    Experience.BEGINNER: "8–10 hard sets",
    Experience.INTERMEDIATE: "10–16 hard sets",
    Experience.ADVANCED: "12–20 hard sets",
}


def _profile_text(profile: ClientProfile) -> str:
    # The client's name is left out on purpose: the model does not need it. Numbers stay in kg
    # and km, as the answer's fields are (load_kg, distance_km); the units line says how the
    # coach reads them, and the code converts and rounds.
    maxes = (
        ", ".join(f"{lift} {kg:g} kg" for lift, kg in profile.one_rep_maxes.items()) or "none known"
    )
    units = effective_units(profile)
    lines = [
        f"- Goal: {profile.goal.value}",
        f"- Experience: {profile.experience.value}",
        f"- Available days a week: {profile.days_per_week}",
        f"- Minutes per session: {profile.minutes_per_session}",
        f"- Equipment: {_equipment(profile)}",
        f"- Injured areas (train by graded exposure: regressions only, never heavy loads): "
        f"{_injuries(profile)}",
        f"- 1RMs: {maxes}",
        f"- Units the coach reads (display only; still answer in kg and km): {units.load.value}, "
        f"{units.distance.value}",
    ]
    if profile.bodyweight_kg is not None:
        lines.append(f"- Bodyweight: {profile.bodyweight_kg:g} kg")
    lines.extend(_person_lines(profile))
    lines.extend(_availability_lines(profile))
    return "\n".join(lines)


def _person_lines(profile: ClientProfile) -> list[str]:
    """Age, sex and the event as facts; the event's rule is core.events'."""
    lines = []
    if profile.age is not None:
        older = " (60 or over: a deload at least every 4th week)" if is_older(profile) else ""
        lines.append(f"- Age: {profile.age}{older}")
    if profile.sex is not None:
        lines.append(f"- Sex: {profile.sex.value}")
    event = profile.event
    if event is not None:
        if event.kind.is_race:
            ending = (
                f"a {taper_weeks(event)}-week taper (volume down 40–60 %, intensity and "
                "frequency kept), nothing hard in the last 2 days"
            )
        else:
            ending = (
                f"a peak week: openers ({OPENER_SETS} singles at about {OPENER_PCT:g} % 1RM) early "
                "in the week, nothing heavy in the last 3 days"
            )
        lines.append(
            f"- Event: {event.words}; the program's last week holds it and ends with {ending}; "
            "no session on or after the event day"
        )
    return lines


def _availability_lines(profile: ClientProfile) -> list[str]:
    """The client's week: which weekdays to train on, which never, and the dates they are away."""
    lines = []
    if profile.training_days:
        days = ", ".join(day.label for day in profile.training_days)
        lines.append(f"- Training days (put the split's sessions on these weekdays): {days}")
    if profile.days_off:
        days = ", ".join(day.label for day in profile.days_off)
        lines.append(f"- Days off (never a session): {days}")
    if profile.unavailable:
        away = "; ".join(
            f"{dates.start:%a %d %b %Y} to {dates.end:%a %d %b %Y}"
            + (f" ({dates.label})" if dates.label else "")
            for dates in profile.unavailable
        )
        lines.append(f"- Unavailable dates (no session on them): {away}")
    return lines


def _equipment(profile: ClientProfile) -> str:
    items = [item.value for item in profile.equipment if item.value != "none"]
    return ", ".join(items) if items else "none (bodyweight only)"


def _injuries(profile: ClientProfile) -> str:
    return ", ".join(area.value for area in profile.injuries) or "none"


def load_step_text(profile: ClientProfile) -> str:
    """The barbell jump the model rounds to, in kg as it answers: '2.5 kg', '2.27 kg (5 lb)'."""
    unit = effective_units(profile).load
    step = load_step(("barbell",), increments_for(profile.increments, unit), unit)
    kg = f"{step.kg:.3g} kg"
    return kg if unit is LoadUnit.KG else f"{kg} ({step.text})"


def _common_values(profile: ClientProfile) -> dict[str, object]:
    return {
        "load_step": load_step_text(profile),
        "profile": _profile_text(profile),
        "experience": profile.experience.value,
        "sets_per_muscle": _SETS_PER_MUSCLE[profile.experience],
        "days_per_week": profile.days_per_week,
        "equipment": _equipment(profile),
        "injuries": _injuries(profile),
    }


def outline_values(profile: ClientProfile, weeks: int, start_date: date) -> dict[str, object]:
    return {
        **_common_values(profile),
        "weeks": weeks,
        "goal": profile.goal.value,
        "start_weekday": start_date.strftime("%A"),
    }


def _target_text(target: WeeklyTarget) -> str:
    parts = [f"split {target.split}"]
    if target.total_mileage is not None:
        parts.append(f"{target.total_mileage:g} km total")
    if target.long_run_mileage is not None:
        parts.append(f"long run {target.long_run_mileage:g} km")
    if target.avg_intensity_pct_1rm is not None:
        parts.append(f"average intensity {target.avg_intensity_pct_1rm:g}% 1RM")
    if target.total_sets_main_lifts is not None:
        parts.append(f"{target.total_sets_main_lifts} main-lift sets")
    parts.append("DELOAD" if target.deload else "build")
    return f"Week {target.week_offset + 1}: " + "; ".join(parts)


def _training_days(split: str, dates: DateRange, profile: ClientProfile) -> str:
    """The week's days and labels as the engine's schedule dates them: a session of a day the
    client is away moved to its new weekday, a dropped one left out, and the reason said."""
    labels = [part.strip() for part in split.split("-")]
    if len(labels) != 7:
        return f"- follow the split '{split}' from Monday"
    schedule = schedule_week(split, dates, profile)
    days = [
        f"- {WEEKDAY_NAMES[day.weekday()]}: {labels[weekday]}"
        + (f" ({schedule.moved[weekday]})" if weekday in schedule.moved else "")
        for weekday, day in sorted(schedule.dates.items(), key=lambda item: item[1])
        if not is_rest_label(labels[weekday])
    ]
    if schedule.note:
        days.append(f"- (The client is away this week. {schedule.note})")
    if not schedule.dates:
        days.insert(0, "- none (a rest week: return an empty workouts list)")
    return "\n".join(days)


def reference_text(reference: Microcycle | None) -> str:
    """The prompt section every week of a block shares: the reference week's sessions, block by
    block, so each week keeps the same main lifts ("" without a reference)."""
    if reference is None or not reference.workouts:
        return ""
    sessions = []
    for workout in reference.workouts:
        blocks = " | ".join(
            f"{block.label}: "
            + ("; ".join(exercise.activity for exercise in block.exercises) or "no exercises")
            for block in workout.blocks
        )
        sessions.append(
            f"- {WEEKDAY_NAMES[workout.date.weekday()]} {workout.title}: {blocks or 'no exercises'}"
        )
    return (
        "## Reference: week 1 of this block, as planned\n\n"
        "Every week of this mesocycle keeps these main lifts, on the same days and in the same "
        "session structure, so progression is measurable: progress their loads, sets and effort "
        "as this week's targets say (a transition week 0 only introduces them, light). "
        "Accessories may vary.\n\n" + "\n".join(sessions)
    )


def training_max_text(training_maxes: Mapping[str, float] | None) -> str:
    """The phase's training maxes as the prompt's profile line ('' without any): what the coach
    accepted on the Plan page, and what the main lifts' %1RM and reps are read against."""
    if not training_maxes:
        return ""
    lifts = ", ".join(
        f"{entry.name if (entry := find_exercise(lift)) else lift} {kg:g} kg"
        for lift, kg in training_maxes.items()
    )
    return (
        f"- Training maxes for this phase (load each main lift as a % of its training max and "
        f"read the reps at that %; never above 97.5 % of the 1RM): {lifts}"
    )


def breakdown_values(
    plan: MesocyclePlan,
    profile: ClientProfile,
    program_type: ProgramType,
    week_number: int,
    dates: DateRange,
    reference: str,
    training_maxes: Mapping[str, float] | None = None,
) -> dict[str, object]:
    if week_number == 0:
        target = plan.weekly_targets[0]
        first = WEEKDAY_NAMES[dates.start_date.weekday()]
        this_week = (
            f"Week 0 is the transition week before week 1: {dates.days} day(s), {first} to Sun. "
            "Keep it light (RPE 6 or less, low volume): introduce the main lifts and movement "
            "patterns of week 1."
        )
    else:
        target = plan.weekly_targets[week_number - 1]
        this_week = _target_text(target)
        if target.deload:
            this_week += (
                "\nThis is a deload week: cut volume by 40–50 % and intensity by 10–20 % against "
                "the week before."
            )
    common = _common_values(profile)
    if line := training_max_text(training_maxes):
        common["profile"] = f"{common['profile']}\n{line}"
    return {
        **common,
        "week_number": week_number,
        "phase": plan.phase,
        "weeks": plan.weeks,
        "program_type": program_type.value,
        "targets": "\n".join(_target_text(item) for item in plan.weekly_targets),
        "this_week": this_week,
        "training_days": _training_days(target.split, dates, profile),
        "reference": reference,
        "minutes_per_session": profile.minutes_per_session,
    }
