"""The Clients page's form ↔ ClientProfile: 1RM and away-dates parsing, messages with the form's labels."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from datetime import date
from typing import Any
from zoneinfo import available_timezones

import pandas as pd
from pydantic import ValidationError

from core.dates import today_in
from core.errors import InvalidPlan
from core.read_models import ClientRecord
from core.schemas import (
    MAX_UNAVAILABLE,
    ClientProfile,
    UnavailableDates,
    describe_validation_error,
    short_date,
)
from core.units import LoadUnit, format_load, parse_load
from ui.editing.cells import cell_text, is_blank
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
    "training_days": "Training days",
    "trainingDays": "Training days",
    "days_off": "Days off",
    "daysOff": "Days off",
    "session_time": "Session time",
    "sessionTime": "Session time",
    "unavailable": "Unavailable dates",
    "units": "Units",
    "increments": "Load steps",
    "event": "Event",
    "age": "Age",
    "sex": "Sex",
    "input": "",
}
UNAVAILABLE_COLUMNS = ("start", "end", "label")


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


def profile_from_form(
    values: Mapping[str, Any], unit: LoadUnit = LoadUnit.KG, today: date | None = None
) -> ClientProfile:
    """Validate the form's values (1RMs typed in ``unit`` unless suffixed; an event after
    ``today``, the client's today by default); raises InvalidPlan whose problems use the form's
    labels."""
    data = dict(values)
    lines: list[str] = []
    if isinstance(data.get("one_rep_maxes"), str):
        try:
            data["one_rep_maxes"] = parse_one_rep_maxes(data["one_rep_maxes"], unit)
        except InvalidPlan as error:  # still check the rest, so the coach sees every problem
            lines, data["one_rep_maxes"] = list(error.problems), {}
    if data.get("bodyweight_kg") in (0, 0.0):
        data["bodyweight_kg"] = None
    try:
        data["event"] = event_from_form(
            data.pop("event_date", None), data.pop("event_kind", None), data.pop("event_label", "")
        )
    except InvalidPlan as error:
        lines, data["event"] = [*lines, *error.problems], None
    if today is None:
        try:
            today = today_in(str(data.get("timezone") or "UTC"))
        except (ValueError, KeyError):
            today = today_in("UTC")
    try:
        profile = ClientProfile.model_validate(data, context={"today": today})
    except ValidationError as error:
        lines = [_relabel(line) for line in describe_validation_error(error)] + lines
    if lines:
        raise InvalidPlan("Please fix the profile: " + "; ".join(lines), lines) from None
    return profile


def event_from_form(day: Any, kind: Any, label: Any) -> dict[str, Any] | None:
    """The form's event fields as profile data: None when all are blank, refused when half-given."""
    text = cell_text(label) or ""
    day = _day(day)
    if day is None and kind is None and not text:
        return None
    if day is None or kind is None:
        raise InvalidPlan(
            "Please fix the event.",
            ["Event: give the event's date and its kind, or clear both to plan without one"],
        )
    return {"date": day, "kind": kind, "label": text or None}


def _relabel(line: str) -> str:
    field, _, message = line.partition(": ")
    parts = field.split(" › ")
    label = FIELD_LABELS.get(parts[0])
    if label == "":  # a rule across fields: the sentence names them itself
        return message
    if label and parts[0] == "unavailable" and len(parts) > 1 and parts[1].isdigit():
        label = f"{label}, row {int(parts[1]) + 1}"
    return f"{label}: {message}" if label else line


def unavailable_frame(profile: ClientProfile | None) -> pd.DataFrame:
    """The away-dates grid: one row per range (first day, last day, label); the day columns
    hold dates (object dtype, also when empty, so the grid's date columns take them)."""
    ranges = profile.unavailable if profile else []
    start, end, label = UNAVAILABLE_COLUMNS
    return pd.DataFrame(
        {
            start: pd.Series([dates.start for dates in ranges], dtype="object"),
            end: pd.Series([dates.end for dates in ranges], dtype="object"),
            label: pd.Series([dates.label or "" for dates in ranges], dtype="string"),
        }
    )


@functools.cache
def time_zones() -> tuple[str, ...]:
    """The time-zone picker's options, read once per process: ``available_timezones`` walks the
    zone database's files on every call (about 10 ms, on every run of the Clients page)."""
    return tuple(sorted(available_timezones()))


def unavailable_from_frame(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The grid's rows as profile data; blank rows are skipped, a half-filled one is refused."""
    ranges: list[dict[str, Any]] = []
    problems = []
    for number, row in enumerate(frame.to_dict("records"), start=1):
        start, end = _day(row.get("start")), _day(row.get("end"))
        label = cell_text(row.get("label"))
        if start is None and end is None and not label:
            continue
        if start is None or end is None:
            problems.append(
                f"Unavailable dates, row {number}: give the first and the last day away "
                "(the same day twice for one day)"
            )
            continue
        ranges.append({"start": start, "end": end, "label": label})
    if len(ranges) > MAX_UNAVAILABLE:
        problems.append(
            f"Unavailable dates: at most {MAX_UNAVAILABLE} ranges, got {len(ranges)}; "
            "remove the ones already past"
        )
    if problems:
        raise InvalidPlan("Please fix the unavailable dates.", problems)
    return ranges


def _day(value: Any) -> Any:
    if is_blank(value):
        return None
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def _days(days: list[Any]) -> str:
    return ", ".join(day.label[:3] for day in days)


def _away(dates: UnavailableDates) -> str:
    span = short_date(dates.start) + (
        f" – {short_date(dates.end)}" if dates.end != dates.start else ""
    )
    return f"{span} {dates.end.year}" + (f" ({dates.label})" if dates.label else "")


def week_text(profile: ClientProfile) -> str:
    """The client's week in a line: "Tue, Thu, Sat at 18:30 · no Sun"."""
    parts = [_days(profile.training_days) if profile.training_days else "any days"]
    if profile.session_time is not None:
        parts[0] += f" at {profile.session_time:%H:%M}"
    if profile.days_off:
        parts.append(f"no {_days(profile.days_off)}")
    return " · ".join(parts)


def away_text(profile: ClientProfile) -> str:
    return "; ".join(_away(dates) for dates in profile.unavailable) or "—"


def event_text(profile: ClientProfile) -> str:
    """ "Half marathon, Sun 18 Apr 2027 (Berlin Half)"; a dash without an event."""
    event = profile.event
    if event is None:
        return "—"
    label = f" ({event.label})" if event.label else ""
    return f"{event.kind.label.capitalize()}, {event.date:%a %d %b %Y}{label}"


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
            "Week": week_text(c.profile),
            "Away": away_text(c.profile),
            "Event": event_text(c.profile),
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
            "Week",
            "Away",
            "Event",
            "Time zone",
        ],
    )
