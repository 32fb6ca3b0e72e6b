"""The Clients page's form ↔ ClientProfile: 1RM text parsing and messages with the form's labels."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd
from pydantic import ValidationError

from core.errors import InvalidPlan
from core.read_models import ClientRecord
from core.schemas import ClientProfile, describe_validation_error
from core.units import LoadUnit, format_load, parse_load
from ui.limits import ONE_REP_MAXES_CHARS, quoted, too_long

FIELD_LABELS = {
    "name": "Name",
    "goal": "Goal",
    "experience": "Level",
    "days_per_week": "Days per week",
    "daysPerWeek": "Days per week",
    "minutes_per_session": "Minutes per session",
    "minutesPerSession": "Minutes per session",
    "equipment": "Equipment",
    "injuries": "Injured areas",
    "one_rep_maxes": "1RMs",
    "oneRepMaxes": "1RMs",
    "bodyweight_kg": "Bodyweight (kg)",
    "bodyweightKg": "Bodyweight (kg)",
    "timezone": "Time zone",
    "units": "Units",
    "increments": "Load steps",
}


def parse_one_rep_maxes(text: str, unit: LoadUnit = LoadUnit.KG) -> dict[str, float]:
    """'Back Squat: 140' per line (or separated by ';') → {'Back Squat': 140.0} in kg; a number
    without a unit is in ``unit``, '315 lb' or '140 kg' in its own."""
    if reason := too_long(text or "", ONE_REP_MAXES_CHARS, "The 1RMs box"):
        raise InvalidPlan("Please fix the 1RMs.", [f"1RMs: {reason}"])
    maxes: dict[str, float] = {}
    problems = []
    for raw in re.split(r"[\n;]", text or ""):
        line = raw.strip()
        if not line:
            continue
        lift, kg = _split_lift(line, unit)
        if not lift or kg is None:
            problems.append(
                f"1RMs: write one lift per line like 'Back Squat: 140', not '{quoted(line)}'"
            )
            continue
        maxes[lift] = kg
    if problems:
        raise InvalidPlan("Please fix the 1RMs.", problems)
    return maxes


def _split_lift(line: str, unit: LoadUnit) -> tuple[str, float | None]:
    """'Back Squat: 140 kg' → ('Back Squat', 140.0); the lift ends at the first ':' or '='."""
    cut = min((i for i in (line.find(":"), line.find("=")) if i >= 0), default=-1)
    if cut < 0:
        return "", None
    try:
        kg = parse_load(line[cut + 1 :], unit)
    except ValueError:
        return line[:cut].strip(), None
    return line[:cut].strip(), kg


def format_one_rep_maxes(maxes: Mapping[str, float], unit: LoadUnit = LoadUnit.KG) -> str:
    """One lift a line; in kg as typed ('Back Squat: 140'), in lb with the unit ('… 315 lb')."""
    if unit is LoadUnit.KG:
        return "\n".join(f"{lift}: {kg:g}" for lift, kg in maxes.items())
    return "\n".join(f"{lift}: {format_load(kg, unit)}" for lift, kg in maxes.items())


def profile_from_form(values: Mapping[str, Any], unit: LoadUnit = LoadUnit.KG) -> ClientProfile:
    """Validate the form's values (1RMs typed in ``unit`` unless suffixed); raises InvalidPlan
    whose problems use the form's labels."""
    data = dict(values)
    if isinstance(data.get("one_rep_maxes"), str):
        data["one_rep_maxes"] = parse_one_rep_maxes(data["one_rep_maxes"], unit)
    if data.get("bodyweight_kg") in (0, 0.0):
        data["bodyweight_kg"] = None
    try:
        return ClientProfile.model_validate(data)
    except ValidationError as error:
        lines = [_relabel(line) for line in describe_validation_error(error)]
        raise InvalidPlan("Please fix the profile: " + "; ".join(lines), lines) from None


def _relabel(line: str) -> str:
    field, _, message = line.partition(": ")
    head = field.split(" › ")[0]
    label = FIELD_LABELS.get(head)
    return f"{label}: {message}" if label else line


def roster_frame(clients: list[ClientRecord]) -> pd.DataFrame:
    rows = [
        {
            "Name": c.name,
            "Goal": c.profile.goal.value.replace("_", " "),
            "Level": c.profile.experience.value,
            "Days/week": c.profile.days_per_week,
            "Minutes": c.profile.minutes_per_session,
            "Equipment": ", ".join(e.value.replace("_", " ") for e in c.profile.equipment),
            "Injuries": ", ".join(i.value.replace("_", " ") for i in c.profile.injuries) or "—",
            "Time zone": c.profile.timezone,
        }
        for c in clients
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "Name",
            "Goal",
            "Level",
            "Days/week",
            "Minutes",
            "Equipment",
            "Injuries",
            "Time zone",
        ],
    )
