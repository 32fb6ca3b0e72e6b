"""The reps single-joint work is written for: never a heavy set of a curl, a calf raise or a fly.

One rule for the engine (its accessory rep ranges) and the quality report. A peak or strength
block lowers the main lifts' reps as their loads rise; single-joint assistance work stays at 8
or more reps in every block. The NSCA limits assistance exercises to loads no heavier than an
8RM (NSCA, Essentials of Strength Training and Conditioning, 4th ed., ch. 17), and the ACSM's
progression models keep single-joint exercises at moderate loads (ACSM 2009 position stand):
heavy sets of a lateral raise or a leg curl load a single joint and its tendons without the
strength a heavy compound lift builds.
"""

from __future__ import annotations

from core.exercises.library import find_exercise
from core.schemas import Exercise

ISOLATION_MIN_REPS = 8
ISOLATION_RANGE_WIDTH = 4
"""A single-joint range spans at least four reps (8–12 where a block's accessories would be 5–8)."""


def isolation_rep_range(low: int, high: int) -> tuple[int, int]:
    """A block's accessory range as single-joint work takes it: at least 8 reps."""
    low = max(low, ISOLATION_MIN_REPS)
    return low, max(high, low + ISOLATION_RANGE_WIDTH)


def heavy_isolation(exercise: Exercise) -> bool:
    """A single-joint exercise written for fewer than 8 reps."""
    entry = find_exercise(exercise.name)
    return (
        entry is not None
        and entry.isolation
        and exercise.reps is not None
        and exercise.reps < ISOLATION_MIN_REPS
    )
