"""Edited cells → model fields: blanks, numbers, rep ranges, loads, effort and weekdays, or ValueError."""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd

from core.dates import WEEKDAY_NAMES
from core.units import LoadUnit
from core.units import parse_load as parse_typed_load
from ui.editing.tables import number_text
from ui.limits import CELL_CHARS, too_long

_RANGE = re.compile(r"^\s*(\d+)\s*(?:[-–—]|to)\s*(\d+)\s*$")
_NEGATIVE = re.compile(r"^\s*-")
_PCT = re.compile(r"^\s*([-+]?\d+(?:[.,]\d+)?)\s*%\s*(?:1\s*rm)?\s*$", re.IGNORECASE)
# Linear time on any input: no two quantifiers can match the same characters.
_EFFORT = re.compile(r"(rpe|rir)\s*(?:@\s*)?([-+]?\d+(?:[.,]\d+)?)", re.IGNORECASE)


def is_blank(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def cell_text(value: Any) -> str | None:
    return None if is_blank(value) else str(value).strip()


def _parsed_text(value: Any, what: str) -> str | None:
    """A cell to parse: blank → None; longer than ``CELL_CHARS`` → ValueError (never parsed)."""
    text = cell_text(value)
    if text is not None and (reason := too_long(text, CELL_CHARS, what)):
        raise ValueError(reason)
    return text


def cell_number(value: Any, what: str) -> float | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(f"{what} must be a number, not {value!r}")
    try:
        number = float(str(value).replace(",", ".")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a number, not '{value}'") from None
    if math.isnan(number) or math.isinf(number):
        raise ValueError(f"{what} must be a number, not '{value}'")
    return number


def cell_whole(value: Any, what: str) -> int | None:
    number = cell_number(value, what)
    if number is None:
        return None
    if number != int(number):
        raise ValueError(f"{what} must be a whole number, not {number_text(number)}")
    return int(number)


def parse_reps(value: Any) -> tuple[int | None, int | None]:
    """'' → none, '6' → (6, None), '6-8' → (6, 8)."""
    text = _parsed_text(value, "reps")
    if text is None:
        return None, None
    match = _RANGE.match(text)
    if match:
        return int(match.group(1)), int(match.group(2))
    try:
        reps = cell_whole(text, "reps")
    except ValueError:
        raise ValueError(f"reps must be a number or a range like 6-8, not '{text}'") from None
    return reps, None


def parse_load(value: Any, unit: LoadUnit = LoadUnit.KG) -> tuple[float | None, float | None]:
    """(load_kg, pct_one_rm) from '100 kg', '225 lb', '100' (in ``unit``), '75%' or '75% 1RM';
    blank → no load."""
    text = _parsed_text(value, "load")
    if text is None:
        return None, None
    if match := _PCT.match(text):
        pct = float(match.group(1).replace(",", "."))
        if pct <= 0:
            raise ValueError(f"load must be above 0% 1RM, not '{text}'")
        return None, pct
    if _NEGATIVE.match(text):
        raise ValueError(f"load cannot be negative ('{text}')")
    try:
        return parse_typed_load(text, unit), None
    except ValueError:
        raise ValueError(
            f"load must be kg or lb like '80 kg' or '185 lb', or a percentage like '75% 1RM', "
            f"not '{text}'"
        ) from None


def parse_effort(value: Any) -> tuple[float | None, float | None]:
    """(rpe, rir) from 'RPE 8', 'RIR 2' or 'RPE 8 · RIR 2'; blank → neither."""
    text = _parsed_text(value, "effort")
    if text is None:
        return None, None
    found = {
        kind.lower(): float(number.replace(",", ".")) for kind, number in _EFFORT.findall(text)
    }
    leftover = _EFFORT.sub("", text).strip(" ·,;/")
    if not found or leftover:
        raise ValueError(f"effort must look like 'RPE 8' or 'RIR 2', not '{text}'")
    return found.get("rpe"), found.get("rir")


def parse_weekday(value: Any) -> int:
    text = _parsed_text(value, "day")
    if text is not None:
        key = text[:3].lower()
        for index, name in enumerate(WEEKDAY_NAMES):
            if name.lower() == key:
                return index
    raise ValueError(f"day must be one of {', '.join(WEEKDAY_NAMES)}, not '{text or ''}'")
