"""Reps to failure at a %1RM from a published table, and its inverse.

The rows are the NSCA's %1RM–repetition relationship (Baechle & Earle, Essentials of Strength
Training and Conditioning); below its last row (65 % → 15) the table is extended at about one rep
per percent. Epley's formula overstates the reps below about 75 % (67.5 % "12 reps + RIR 3" is
close to failure by this table), so the engine doses from the table.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

NSCA_REPS_AT_PCT: tuple[tuple[float, float], ...] = (
    (100.0, 1),
    (95.0, 2),
    (93.0, 3),
    (90.0, 4),
    (87.0, 5),
    (85.0, 6),
    (83.0, 7),
    (80.0, 8),
    (77.0, 9),
    (75.0, 10),
    (70.0, 11),
    (67.0, 12),
    (65.0, 15),
    (55.0, 25),
)


@lru_cache(maxsize=1024)
def reps_to_failure(pct: float) -> float:
    """Reps to failure at ``pct`` %1RM, linearly between the table's rows."""
    rows = NSCA_REPS_AT_PCT
    if pct >= rows[0][0]:
        return rows[0][1]
    for (high_pct, high_reps), (low_pct, low_reps) in itertools.pairwise(rows):
        if low_pct <= pct <= high_pct:
            share = (high_pct - pct) / (high_pct - low_pct)
            return high_reps + (low_reps - high_reps) * share
    return rows[-1][1]


def whole_reps_to_failure(pct: float) -> int:
    """The table's reps at ``pct``, whole reps (a partial rep is not a rep)."""
    return int(reps_to_failure(pct) + 1e-9)


@lru_cache(maxsize=256)
def pct_for_reps(reps: float) -> float:
    """The heaviest %1RM at which ``reps`` reps still fit before failure (the table inverted)."""
    rows = NSCA_REPS_AT_PCT
    if reps <= rows[0][1]:
        return rows[0][0]
    for (high_pct, high_reps), (low_pct, low_reps) in itertools.pairwise(rows):
        if high_reps <= reps <= low_reps:
            share = (reps - high_reps) / (low_reps - high_reps)
            return high_pct - (high_pct - low_pct) * share
    return rows[-1][0]
