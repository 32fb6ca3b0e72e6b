"""Rounding of what the engine prescribes: loads to plates, percents to 2.5, km down to 0.1."""

from __future__ import annotations

import math

PLATE_KG = 2.5


def round_to_plate(kg: float) -> float:
    """Round a load to the 2.5 kg plate increment (docs/domain.md §4)."""
    return round(kg / PLATE_KG) * PLATE_KG


def round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


def round_pct(value: float) -> float:
    return round_half_up(value / 2.5) * 2.5


def floor_km(km: float) -> float:
    return math.floor(km * 10 + 1e-6) / 10
