"""Plate rounding: the one rule for turning a computed load into one a lifter can load."""

from __future__ import annotations

import math

PLATE_KG = 2.5
"""The smallest load step on a barbell: a pair of 1.25 kg plates (docs/domain.md §4)."""


def round_to_plate(kg: float, increment: float = PLATE_KG) -> float:
    """Round a load to the nearest plate increment; a load exactly halfway rounds UP
    (81.25 kg → 82.5 kg), so a prescription never silently drops a step below its percentage."""
    return math.floor(kg / increment + 0.5 + 1e-9) * increment
