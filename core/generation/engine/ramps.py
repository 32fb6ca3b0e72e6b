"""Ramp-up sets before a main lift's work sets: how many by the session's length, at what share of
the work load (each lighter than the next and than the work load), written as the lift's note; a
lift dosed by effort ramps by % of the day's work weight in long sessions."""

from __future__ import annotations

from core.generation.engine.dosing import (
    SHORT_SESSION_MINUTES,
)
from core.generation.engine.sessions import Ctx
from core.generation.engine.timing import ramp_up_note
from core.plates import (
    EMPTY_BAR,
    LoadStep,
    round_to_step,
)
from core.units import load_to_kg

RAMP_UP = ((5, 0.4), (3, 0.6), (1, 0.8))
"""Ramp-up sets before a lift at ≥ 70 %: reps × share of the work load."""
SHORT_RAMP_UP = ((5, 0.5), (2, 0.75))
LONG_RAMP_UP = ((5, 0.4), (3, 0.55), (2, 0.7), (1, 0.8), (1, 0.9))
"""From 90 minutes a session has time for five ramp-up sets in smaller jumps: the heavy sets
start from a closer single (a 10–15 minute specific warm-up before heavy work, McGowan et al.
2015; the NSCA's progressive warm-up sets)."""
LONG_SESSION_MINUTES = 90


def ramp_up_sets(minutes: int) -> tuple[tuple[int, float], ...]:
    if minutes < SHORT_SESSION_MINUTES:
        return SHORT_RAMP_UP
    return LONG_RAMP_UP if minutes >= LONG_SESSION_MINUTES else RAMP_UP


EFFORT_RAMP_UP = ((8, 50), (5, 70), (3, 85))
"""Ramp-up sets of a lift dosed by effort (no 1RM) in a long session: reps × % of the day's
work weight, the client's own warm-up to the load they pick."""


EFFORT_RAMP_MINUTES = 105


def effort_ramp(ctx: Ctx) -> str:
    """The ramp-up note of an effort-dosed main lift: sets at a share of the work weight in a
    session of 105 minutes or more, none in shorter ones (their time is the working sets': at 90
    minutes a week dosed by effort still needs it for its sets and its pulls)."""
    if ctx.profile.minutes_per_session < EFFORT_RAMP_MINUTES:
        return ""
    sets = ", ".join(f"{reps} × about {pct} %" for reps, pct in EFFORT_RAMP_UP)
    return f"ramp-up: {sets} of the work weight"


RAMP_FROM_PCT = 70.0


def ramp_note(load: float, step: LoadStep, minutes: int) -> str:
    """The ramp-up sets before a work load, as a note (empty bar or one step at the least):
    each lighter than the one after it and than the work load, so a light lift's ramp is not
    five sets at the bar's weight (a 20 kg press ramps with 5 × the empty bar alone)."""
    bar = load_to_kg(EMPTY_BAR[step.unit], step.unit) if step.equipment == "barbell" else 0.0
    floor = max(step.kg, round_to_step(bar, step))
    ramp = ramp_up_sets(minutes)
    sets: list[tuple[int, float]] = []
    for reps, share in ramp:
        kg = max(floor, round_to_step(load * share, step))
        if sets and (kg <= sets[-1][1] or kg >= load):
            continue  # the same weight again, or the work load itself: no ramp-up set
        sets.append((reps, kg))
    return ramp_up_note(sets, step.unit)
