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
}
_KG = re.compile(r"([-+]?\d+(?:[.,]\d+)?)\s*(?:kg)?", re.IGNORECASE)  # linear: on stripped text


def parse_one_rep_maxes(text: str) -> dict[str, float]:
    """'Back Squat: 140' per line (or separated by ';') → {'Back Squat': 140.0}."""
    if reason := too_long(text or "", ONE_REP_MAXES_CHARS, "The 1RMs box"):
        raise InvalidPlan("Please fix the 1RMs.", [f"1RMs: {reason}"])
    maxes: dict[str, float] = {}
    problems = []
    for raw in re.split(r"[\n;]", text or ""):
        line = raw.strip()
        if not line:
            continue
        lift, kg = _split_lift(line)
        if not lift or kg is None:
            problems.append(
                f"1RMs: write one lift per line like 'Back Squat: 140', not '{quoted(line)}'"
            )
            continue
        maxes[lift] = kg
    if problems:
        raise InvalidPlan("Please fix the 1RMs.", problems)
    return maxes


def _split_lift(line: str) -> tuple[str, float | None]:
    """'Back Squat: 140 kg' → ('Back Squat', 140.0); the lift ends at the first ':' or '='."""
    cut = min((i for i in (line.find(":"), line.find("=")) if i >= 0), default=-1)
    if cut < 0:
        return "", None
    match = _KG.fullmatch(line[cut + 1 :].strip())
    return line[:cut].strip(), float(match.group(1).replace(",", ".")) if match else None


def format_one_rep_maxes(maxes: Mapping[str, float]) -> str:
    return "\n".join(f"{lift}: {kg:g}" for lift, kg in maxes.items())


def profile_from_form(values: Mapping[str, Any]) -> ClientProfile:
    """Validate the form's values; raises InvalidPlan whose problems use the form's labels."""
    data = dict(values)
    if isinstance(data.get("one_rep_maxes"), str):
        data["one_rep_maxes"] = parse_one_rep_maxes(data["one_rep_maxes"])
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
