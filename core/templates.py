"""Mesocycle templates: a saved block as a client-free structure (%1RM and RIR, no kg), and back.

``template_from_mesocycle`` keeps the weeks, deload flags, sessions by weekday, blocks and every
dose except kilograms: a kg load becomes a % of the client's 1RM where the exercise has one (its own
or its parent lift's by the engine's ratios), else an effort cue (RIR). Text written for one client's
numbers (a rationale or ramp-up naming kg) is dropped. ``apply_template`` dates the block for a start
date with the one date rule and recomputes every load from the new client's maxes with the one
plate rounding; the result goes through the same validator as any generated preview.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pydantic import Field, model_validator

from core.dates import day_in_week, mesocycle_date_range, microcycle_date_ranges, monday_of
from core.errors import InvalidInput
from core.exercises.library import find_exercise
from core.generation.engine.ramps import RAMP_FROM_PCT, ramp_note
from core.plates import client_step, round_to_step
from core.schemas import (
    ClientProfile,
    DomainModel,
    Exercise,
    KeyValuePair,
    MesocycleDetailed,
    MesocyclePlan,
    Microcycle,
    ProgramType,
    SessionType,
    WeeklyTarget,
    WorkoutBlock,
    WorkoutInstance,
    program_type_target_problems,
)
from core.units import format_load
from core.validation import estimated_one_rep_max, pct_of_one_rm

TEMPLATE_GENERATOR = "template"
"""What a preview made from a template says wrote it."""

EFFORT_RIR = 2.0
"""The reserve given to a kg load with no 1RM behind it and no effort cue: 2 reps in reserve is
the middle of the 1–3 RIR most work sets are prescribed at (Helms et al. 2016)."""

RAMP_UP = "ramp-up sets before the work sets"
"""Stands in a template for a ramp-up note written in kg; applying it writes the kg again."""

_KG = re.compile(r"\d\s*kg\b", re.IGNORECASE)
_PARTS = re.compile(r"(?<=[;.])\s+")


class TemplateExercise(Exercise):
    """An exercise as a template holds it: every dose of ``Exercise`` except kilograms."""

    @model_validator(mode="after")
    def _no_kilograms(self) -> TemplateExercise:
        if self.load_kg is not None:
            raise ValueError(f"'{self.name}': a template holds % 1RM or RIR, never kg")
        return self


class TemplateBlock(DomainModel):
    label: str = Field(min_length=1, max_length=60)
    exercises: list[TemplateExercise] = Field(default_factory=list, max_length=30)


class TemplateSession(DomainModel):
    """One session of a template week, placed by weekday (0 = Monday) instead of a date."""

    weekday: int = Field(ge=0, le=6)
    session_type: SessionType
    title: str = Field(min_length=1, max_length=120)
    blocks: list[TemplateBlock] = Field(default_factory=list, max_length=12)
    targets: list[KeyValuePair] = Field(default_factory=list, max_length=30)
    planned_minutes: int | None = Field(default=None, ge=0, le=600)
    target_rpe: float | None = Field(default=None, ge=1, le=10)
    notes: str | None = Field(default=None, max_length=1000)


class TemplateWeek(DomainModel):
    week_number: int = Field(ge=0, le=52)
    deload: bool = False
    sessions: list[TemplateSession] = Field(default_factory=list, max_length=21)


class Template(MesocyclePlan):
    """A block's structure for any client: its plan (phase, weeks, targets) and its weeks."""

    program_type: ProgramType
    microcycles: list[TemplateWeek]

    @model_validator(mode="after")
    def _weeks_in_order(self) -> Template:
        numbers = [week.week_number for week in self.microcycles]
        expected = list(range(1, self.weeks + 1))
        if numbers and numbers[0] == 0:
            expected = [0, *expected]
        if numbers != expected:
            raise ValueError(f"a template's weeks must be numbered {expected}, got {numbers}")
        return self


# from a saved block


def template_from_mesocycle(
    mesocycle: MesocycleDetailed, profile: ClientProfile, program_type: ProgramType
) -> Template:
    """The block of ``profile``'s client as a template: kg become % of that client's 1RM."""
    return Template(
        phase=mesocycle.phase,
        weeks=mesocycle.weeks,
        weekly_targets=[target.model_copy() for target in mesocycle.weekly_targets],
        program_type=program_type,
        microcycles=[
            TemplateWeek(
                week_number=micro.week_number,
                deload=micro.deload,
                sessions=[_session(workout, profile) for workout in micro.workouts],
            )
            for micro in mesocycle.microcycles
        ],
    )


def _session(workout: WorkoutInstance, profile: ClientProfile) -> TemplateSession:
    return TemplateSession(
        weekday=workout.date.weekday(),
        session_type=workout.session_type,
        title=workout.title,
        blocks=[
            TemplateBlock(
                label=block.label,
                exercises=[_without_kg(exercise, profile) for exercise in block.exercises],
            )
            for block in workout.blocks
        ],
        targets=[pair.model_copy() for pair in workout.targets],
        planned_minutes=workout.planned_minutes,
        target_rpe=workout.target_rpe,
        notes=_client_free(workout.notes),
    )


def _without_kg(exercise: Exercise, profile: ClientProfile) -> TemplateExercise:
    pct, rir = exercise.pct_one_rm, exercise.rir
    if exercise.load_kg is not None:
        known = _one_rm(exercise.name, profile)
        if known is not None:
            pct = pct_of_one_rm(exercise.load_kg, known[0])
        elif rir is None and exercise.rpe is None:
            rir = EFFORT_RIR
    notes = exercise.notes
    if notes and "ramp-up" in notes and _KG.search(notes):
        notes = _client_free(_RAMP.sub(RAMP_UP, notes))
    else:
        notes = _client_free(notes)
    data = exercise.model_dump(exclude={"load_kg", "pct_one_rm", "rir", "notes", "rationale"})
    return TemplateExercise(
        **data, pct_one_rm=pct, rir=rir, notes=notes, rationale=_client_free(exercise.rationale)
    )


_RAMP = re.compile(r"ramp-up:[^.;]*")


def _client_free(text: str | None) -> str | None:
    """The text without its sentences or clauses naming kilograms (one client's numbers)."""
    if not text or not _KG.search(text):
        return text
    kept = [part for part in _PARTS.split(text) if not _KG.search(part)]
    joined = " ".join(kept).strip().rstrip(";").strip()
    return joined or None


def _one_rm(name: str, profile: ClientProfile) -> tuple[float, str] | None:
    entry = find_exercise(name)
    return None if entry is None else estimated_one_rep_max(profile, entry)


# onto a client


def apply_template(
    template: Template,
    profile: ClientProfile,
    start_date: date,
    *,
    program_type: ProgramType | None = None,
    phase_targets: list[WeeklyTarget] | None = None,
) -> MesocycleDetailed:
    """The template as ``profile``'s block from ``start_date``: dated by the one date rule, every
    % of 1RM loaded from this client's maxes and rounded to plates.

    ``program_type`` is the client's program's; a weekly target it requires (intensity and sets
    for strength, mileage for endurance) that the template lacks comes from ``phase_targets``, the
    client's own outline of that phase. Sessions of the template's transition week that fall
    before this start date are left out; a Monday start has no transition week.
    """
    ranges = microcycle_date_ranges(start_date, template.weeks)
    weeks = {week.week_number: week for week in template.microcycles}
    microcycles = []
    for number, span in ranges.items():
        week = weeks.get(number, TemplateWeek(week_number=number))
        workouts = []
        for session in week.sessions:
            if number == 0:
                day = monday_of(start_date) + timedelta(days=session.weekday)
                if day < start_date:
                    continue
            else:
                day = day_in_week(span, session.weekday)
            workouts.append(_workout(session, day, profile))
        microcycles.append(
            Microcycle(
                week_number=number,
                start_date=span.start_date,
                end_date=span.end_date,
                deload=week.deload,
                generated_by=TEMPLATE_GENERATOR,
                workouts=workouts,
            )
        )
    whole = mesocycle_date_range(start_date, template.weeks)
    return MesocycleDetailed(
        phase=template.phase,
        weeks=template.weeks,
        weekly_targets=_targets(template, program_type or template.program_type, phase_targets),
        start_date=whole.start_date,
        end_date=whole.end_date,
        microcycles=microcycles,
    )


def _targets(
    template: Template, program_type: ProgramType, phase_targets: list[WeeklyTarget] | None
) -> list[WeeklyTarget]:
    targets = [target.model_copy() for target in template.weekly_targets]
    if not phase_targets or not program_type_target_problems(template, program_type):
        return targets
    by_offset = {target.week_offset: target for target in phase_targets}
    filled = []
    for target in targets:
        own = by_offset.get(target.week_offset)
        missing = {
            name: getattr(own, name)
            for name in (
                "avg_intensity_pct_1rm",
                "total_sets_main_lifts",
                "total_mileage",
                "long_run_mileage",
            )
            if own is not None and getattr(target, name) is None
        }
        filled.append(target.model_copy(update=missing))
    return filled


def _workout(session: TemplateSession, day: date, profile: ClientProfile) -> WorkoutInstance:
    return WorkoutInstance(
        date=day,
        session_type=session.session_type,
        title=session.title,
        blocks=[
            WorkoutBlock(
                label=block.label,
                exercises=[_loaded(exercise, profile) for exercise in block.exercises],
            )
            for block in session.blocks
        ],
        targets=[pair.model_copy() for pair in session.targets],
        planned_minutes=session.planned_minutes,
        target_rpe=session.target_rpe,
        notes=session.notes,
    )


def _loaded(exercise: TemplateExercise, profile: ClientProfile) -> Exercise:
    """The template's dose with this client's kg: % of their 1RM on plates, or by effort."""
    data = exercise.model_dump(exclude={"load_kg", "pct_one_rm", "rir", "notes", "rationale"})
    notes, rationale, rir = exercise.notes, exercise.rationale, exercise.rir
    pct = exercise.pct_one_rm
    kg: float | None = None
    if pct is not None:
        known = _one_rm(exercise.name, profile)
        if known is None:
            # a % of a 1RM nobody measured means nothing: dose by effort instead
            rir = rir if rir is not None or exercise.rpe is not None else EFFORT_RIR
            effort = f"RIR {rir:g}" if rir is not None else f"RPE {exercise.rpe:g}"
            why = f"no 1RM on file for {exercise.name}: pick the load for {effort}"
            pct = None
        else:
            one_rm, source = known
            entry = find_exercise(exercise.name)
            step = client_step(profile, entry.equipment if entry else ())
            kg = max(step.kg, round_to_step(one_rm * pct / 100, step))
            why = f"{pct:g} % of {source} = {format_load(kg, step.unit)}"
            pct = pct_of_one_rm(kg, one_rm)
        rationale = f"{why}; {rationale}" if rationale else why
    if notes and RAMP_UP in notes:
        entry = find_exercise(exercise.name)
        ramp = ""
        if kg is not None and pct is not None and pct >= RAMP_FROM_PCT:
            step = client_step(profile, entry.equipment if entry else ())
            ramp = ramp_note(kg, step, profile.minutes_per_session)
        notes = notes.replace(RAMP_UP, ramp).strip(" .;") or None
    return Exercise(
        **data,
        load_kg=kg,
        pct_one_rm=pct,
        rir=rir,
        notes=notes,
        rationale=rationale[:300] if rationale else None,
    )


@dataclass(frozen=True)
class TemplateRecord:
    """A stored template: its id, the coach's name for it, the body and when it was saved."""

    id: uuid.UUID
    name: str
    template: Template
    created_at: datetime

    @property
    def label(self) -> str:
        body = self.template
        return f"{self.name} ({body.phase}, {body.weeks} wk, {body.program_type.value})"


NAME_CHARS = 80


def check_template_name(name: str) -> str:
    """The name stripped, or InvalidInput with a sentence: 1–80 characters, no NUL."""
    cleaned = name.strip()
    if not cleaned:
        raise InvalidInput("Give the template a name.")
    if len(cleaned) > NAME_CHARS:
        raise InvalidInput(f"A template's name can be at most {NAME_CHARS} characters.")
    if "\x00" in cleaned or any(ord(char) < 32 for char in cleaned):
        raise InvalidInput("A template's name cannot contain control characters.")
    return cleaned
