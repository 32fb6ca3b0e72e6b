"""Rounding of what the engine prescribes: loads to plates, percents to 2.5, km down to 0.1."""

from __future__ import annotations

import math

from core.plates import PLATE_KG, round_to_plate

__all__ = ["PLATE_KG", "floor_km", "round_half_up", "round_pct", "round_to_plate"]


def round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


def round_pct(value: float) -> float:
    return round_half_up(value / 2.5) * 2.5


def floor_km(km: float) -> float:
    return math.floor(km * 10 + 1e-6) / 10
