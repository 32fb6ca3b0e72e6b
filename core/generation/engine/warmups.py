"""A session's warm-up drills: moving drills for the muscles the session trains, its first main
lift's first (core.validation.warmups is the rule; warmup_drills how many)."""

from __future__ import annotations

from core.exercises.library import LibraryExercise
from core.validation.warmups import matches

MOBILITY_DOSE_MIN = 2.5
"""Minutes of one mobility drill (a warm-up's, a cool-down's)."""
WARMUP_DRILLS = ((110, 6), (100, 4), (75, 3), (45, 2), (25, 1))
"""(from minutes, drills of 2.5 min): a warm-up of about a tenth of the session, 10 minutes from
100 minutes and 15 before a session of nearly two hours (a 10–15 minute general and specific
warm-up before heavy work: McGowan et al. 2015, Jeffreys' RAMP protocol); none under 25
minutes, where the ramp-up sets are the warm-up."""


def warmup_drills(minutes: int) -> int:
    return next((count for start, count in WARMUP_DRILLS if minutes >= start), 0)


def warmup_minutes(minutes: int) -> float:
    """Minutes the warm-up of a session of ``minutes`` takes."""
    return warmup_drills(minutes) * MOBILITY_DOSE_MIN


def pick_warmup(
    options: tuple[LibraryExercise, ...],
    needs: list[tuple[str, ...]],
    count: int,
    offset: int,
) -> tuple[LibraryExercise, ...]:
    """``count`` drills from the client's mobility ``options`` (held stretches and breathing left
    for the cool-down), one for each of the session's ``needs`` in order (the prime movers of its
    main lifts, then of its other exercises) while there are needs, rotating by ``offset`` among
    the drills that fit one so the week's sessions differ; drills that load nothing come first."""
    moving = [option for option in options if not option.static]
    pool = [option for option in moving if not option.loads] + [o for o in moving if o.loads]
    if not pool or count <= 0:
        return ()
    chosen: list[LibraryExercise] = []
    for muscles in needs:
        if len(chosen) == count:
            break
        if any(matches(drill, muscles) for drill in chosen):
            continue
        fits = [drill for drill in pool if drill not in chosen and matches(drill, muscles)]
        if fits:
            chosen.append(fits[offset % len(fits)])
    rest = [drill for drill in pool if drill not in chosen]
    while len(chosen) < count and rest:
        chosen.append(rest.pop(offset % len(rest)))
    return tuple(chosen)
