"""A main lift's loads: the heavy day's share of the training max (never past MAX_PCT of the
tested 1RM), the raise a phase after the first shows over the one before, a beginner's ceiling,
the lightest hard set on the client's plates, and one loaded prescription (``Load``: kg, its %,
reps and reps in reserve by the NSCA table). The rows are written by
core.generation.engine.mains; a novice's weekly steps by core.generation.engine.linear."""

from __future__ import annotations

from core.generation.engine.reps_table import pct_for_reps, whole_reps_to_failure
from core.plates import LoadStep, floor_to_step, lightest_load, round_to_step
from core.training_max import working_max
from core.validation import pct_of_one_rm
from core.validation.volume_floor import HARD_SET_MAX_RIR

MAX_MAIN_REPS = 12
"""A main lift is never a set of more than 12: a light day raises the load instead."""
MAX_BUMP_PCT = 7.5
"""A raise a plate step over the phase before's load, unless that is more than 7.5 % of the
training max (a big jump for a light lift)."""
MAX_PCT = 97.5
"""Above this no work set is written: a planned single near a true max is a test, not training."""
MAX_RIR = 5

BEGINNER_MIN_REPS = 4
"""A beginner's main-lift sets are never shorter than 4 reps: the load stays where 4 reps leave
the week's reserve (about 87 % of the tested 1RM at RIR 1, the NSCA table's 5RM), whatever the
phase's percentage of a raised training max or a light lift's plate rounding would give (a
beginner's 3 x 2 at 88 %). Heavy triples, doubles and singles are for trained lifters (ACSM
2009 progression models: novices at 60-70 % of the 1RM for 8-12 reps)."""


def reps_text(count: int) -> str:
    return f"{count} rep" if count == 1 else f"{count} reps"


def beginner_ceiling(one_rm: float, rir: int, plate: LoadStep) -> float:
    """The heaviest load on the plate step at which BEGINNER_MIN_REPS reps leave ``rir`` in
    reserve (NSCA table), never below one plate step."""
    kg = one_rm * pct_for_reps(BEGINNER_MIN_REPS + rir) / 100
    return max(plate.kg, floor_to_step(kg, plate))


def ceiling_load(one_rm: float, step: LoadStep) -> float:
    """The heaviest load a plan writes without a retest: MAX_PCT of the 1RM, on the step below."""
    return floor_to_step(one_rm * MAX_PCT / 100, step)


def heavy_load(one_rm: float, training_max: float, pct: float, step: LoadStep) -> float:
    """The heavy day's load: ``pct`` of the training max, at most MAX_PCT of the 1RM."""
    ceiling = ceiling_load(one_rm, step)
    load = round_to_step(training_max * pct / 100, step)
    return max(step.kg, min(load, ceiling))


def raised_load(
    one_rm: float, training_max: float, pct: float, plate: LoadStep, step: float
) -> float:
    """The heavy day's load of a phase after the first: at least one plate step over the same
    week's load of the phase before (itself raised the same way), so a raise that plate rounding
    would hide still shows, unless that step is a big jump for a light lift (over 7.5 %)."""
    heavy_kg = heavy_load(one_rm, training_max, pct, plate)
    if training_max - step < one_rm - 1e-9:
        return heavy_kg
    bumped = raised_load(one_rm, training_max - step, pct, plate, step) + plate.kg
    if bumped / training_max * 100 <= pct + MAX_BUMP_PCT:
        heavy_kg = max(heavy_kg, min(bumped, heavy_load(one_rm, training_max, 100, plate)))
    return heavy_kg


def hard_set_floor(one_rm: float, reps: int, plate: LoadStep) -> float:
    """The lightest load on the plate step at which ``reps`` still leave at most 4 in reserve
    (a hard set), by the NSCA table."""
    kg = one_rm * pct_for_reps(reps + HARD_SET_MAX_RIR) / 100
    floor = floor_to_step(kg, plate)
    return floor if floor >= kg - 1e-6 else floor + plate.kg


class Load:
    """One loaded prescription: kg, its % of the max the phase assumes (``working_max``: the
    training max where it is above the tested 1RM), reps and reps in reserve. No load passes
    MAX_PCT of the tested 1RM."""

    def __init__(
        self,
        one_rm: float,
        heavy_kg: float,
        scale: float,
        rir: int,
        cap: int | None,
        step: LoadStep,
        training_max: float | None = None,
        most_kg: float | None = None,
    ):
        load = round_to_step(heavy_kg * scale, step)
        strength = working_max(one_rm, training_max or one_rm)
        ceiling = round_to_step(one_rm * MAX_PCT / 100, step)
        if most_kg is not None:  # a beginner's ceiling (beginner_ceiling)
            ceiling = min(ceiling, most_kg)
        if cap is not None:
            # heavier rather than more reps (deadlifts): at least the load where cap + RIR fit,
            # taken from the training max so it still rises phase to phase
            floor = round_to_step(strength * pct_for_reps(cap + rir) / 100, step)
            load = min(max(load, floor), max(load, ceiling))
        self.kg = max(lightest_load(step), load)
        self.pct = pct_of_one_rm(self.kg, strength)
        failure = whole_reps_to_failure(self.pct)
        self.failure = failure
        self.reps = max(1, failure - rir)
        if cap is not None:
            self.reps = min(self.reps, cap)
            ceiling = max(load, ceiling)
            while failure - self.reps > max(rir, HARD_SET_MAX_RIR) and self.kg < ceiling:
                # the cap's reps stay a hard set: a plate heavier where rounding left too
                # many in reserve (a deadlift at 8 reps is never a RIR 5 working set)
                self.kg = min(ceiling, self.kg + step.kg)
                self.pct = pct_of_one_rm(self.kg, strength)
                failure = whole_reps_to_failure(self.pct)
                self.failure = failure
                self.reps = min(max(1, failure - rir), cap)
        self.rir = max(0, min(MAX_RIR, failure - self.reps))
