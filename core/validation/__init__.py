"""The one validator of a mesocycle (structure and coaching rules) for the engine, the LLM and edits.

The rules live by kind: ``structure`` (weeks, dates, splits, ids), ``client`` (the client's days,
equipment, injuries and minutes), ``coaching`` (hard sets, deloads, effort, mileage) with ``loads``
(%1RM and kg against the client's maxes), ``week_insights`` (the quality report's per-week
checks, red ones as warnings); ``measures`` holds the counts they share with the engine,
``context`` what every rule reads and returns.
"""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError

from core.schemas import (
    ClientProfile,
    MesocycleDetailed,
    ProgramType,
    describe_validation_error,
)
from core.validation.client import CLIENT_RULES, CONFLICT_RULES
from core.validation.coaching import COACHING_RULES
from core.validation.context import Context, Problem, Rule, Severity, has_errors
from core.validation.measures import (
    HARD_SET_BANDS,
    WeekVolume,
    epley_reps_to_failure,
    estimate_minutes,
    estimated_one_rep_max,
    exercise_seconds,
    is_rest,
    is_rest_label,
    one_rep_max,
    pct_of_one_rm,
    run_km,
    week_volume,
    weekly_hard_sets,
)
from core.validation.structure import STRUCTURE_RULES
from core.validation.week_insights import INSIGHT_RULES

__all__ = [
    "HARD_SET_BANDS",
    "RULES",
    "Problem",
    "Severity",
    "WeekVolume",
    "epley_reps_to_failure",
    "estimate_minutes",
    "estimated_one_rep_max",
    "exercise_seconds",
    "has_errors",
    "is_rest",
    "is_rest_label",
    "one_rep_max",
    "pct_of_one_rm",
    "profile_conflicts",
    "run_km",
    "validate_mesocycle",
    "validate_mesocycle_json",
    "week_volume",
    "weekly_hard_sets",
]

RULES: tuple[Rule, ...] = (*STRUCTURE_RULES, *CLIENT_RULES, *COACHING_RULES, *INSIGHT_RULES)


def validate_mesocycle(
    mesocycle: MesocycleDetailed,
    profile: ClientProfile,
    program_type: ProgramType,
    start_date: date | None = None,
) -> list[Problem]:
    """Every structural and coaching problem of a mesocycle, errors and warnings, in rule order.

    ``start_date`` defaults to the mesocycle's own start date; with neither the dates go unchecked.
    """
    ctx = _context(mesocycle, profile, program_type, start_date)
    return [problem for rule in RULES for problem in rule(ctx)]


def profile_conflicts(
    mesocycle: MesocycleDetailed, profile: ClientProfile, program_type: ProgramType
) -> list[str]:
    """The equipment and injury clashes of a plan with a client, each sentence once (a template
    applied to several clients lists these before anything is stored)."""
    ctx = _context(mesocycle, profile, program_type, None)
    sentences = [problem.message for rule in CONFLICT_RULES for problem in rule(ctx)]
    return list(dict.fromkeys(sentences))


def _context(
    mesocycle: MesocycleDetailed,
    profile: ClientProfile,
    program_type: ProgramType,
    start_date: date | None,
) -> Context:
    return Context(
        mesocycle=mesocycle,
        profile=profile,
        program_type=program_type,
        start_date=start_date or mesocycle.start_date,
        equipment=frozenset(item.value for item in profile.equipment) - {"none"},
        injuries=frozenset(area.value for area in profile.injuries),
    )


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
