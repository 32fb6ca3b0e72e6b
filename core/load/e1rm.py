"""Estimated one-rep maxes from logged sets, and the rep-max records they set.

e1RM = load × (1 + (reps + RIR) / 30): Epley's formula (Epley 1985) applied to the reps the set
could have reached (reps done + reps in reserve), the RIR-based reading of effort described by
Zourdos et al. (2016) and Helms et al. (2016). An RPE is read as RIR = 10 − RPE. Estimates from sets
with more than 12 reps to failure are not made: the formula's error grows quickly past that range
(Reynolds et al. 2006). See docs/domain.md §5.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from core.session_log import SetResult

MAX_REPS_TO_FAILURE = 12


def reps_in_reserve(rir: float | None, rpe: float | None) -> float:
    """The set's reps in reserve: RIR as logged, 10 − RPE, or 0 (taken to failure) when unknown."""
    if rir is not None:
        return rir
    if rpe is not None:
        return max(0.0, 10.0 - rpe)
    return 0.0


def estimate_one_rep_max(load_kg: float, reps: int, rir: float = 0.0) -> float | None:
    """Epley on reps to failure; None for no load, no reps, or more than 12 reps to failure."""
    to_failure = reps + rir
    if load_kg <= 0 or reps <= 0 or to_failure > MAX_REPS_TO_FAILURE:
        return None
    return round(load_kg * (1 + to_failure / 30), 1)


def set_e1rm(result: SetResult) -> float | None:
    if result.load_kg is None or result.reps is None:
        return None
    return estimate_one_rep_max(
        result.load_kg, result.reps, reps_in_reserve(result.rir, result.rpe)
    )


@dataclass(frozen=True)
class DatedSet:
    """A logged set with the day it was done (and the workout it was logged in)."""

    day: date
    result: SetResult
    workout_id: uuid.UUID | None = None


def tonnage_by_workout(sets: Iterable[DatedSet]) -> dict[str, float]:
    """Σ reps × kg of the loaded sets logged in each workout (by workout id as text)."""
    totals: dict[str, float] = {}
    for dated in sets:
        result = dated.result
        if dated.workout_id is None or result.reps is None or result.load_kg is None:
            continue
        key = str(dated.workout_id)
        totals[key] = totals.get(key, 0.0) + result.reps * result.load_kg
    return totals


@dataclass(frozen=True)
class LiftBest:
    """A lift's best estimate on one day (the e1RM trend's point)."""

    lift: str
    day: date
    e1rm: float


def daily_best(sets: Iterable[DatedSet]) -> list[LiftBest]:
    """Per lift and day, the best e1RM of the sets done; sorted by lift, then day."""
    best: dict[tuple[str, date], float] = {}
    for dated in sets:
        estimate = set_e1rm(dated.result)
        if estimate is None:
            continue
        key = (dated.result.exercise, dated.day)
        best[key] = max(best.get(key, 0.0), estimate)
    return [LiftBest(lift, day, value) for (lift, day), value in sorted(best.items())]


def heaviest_sets(sets: Iterable[DatedSet]) -> list[DatedSet]:
    """Per day, lift, reps and effort (RIR, RPE), the heaviest loaded set with reps, by day: the
    only sets that can hold a day's best e1RM or a rep record, so ``daily_best`` and
    ``rep_records`` give the same on them as on every set (an e1RM grows with the load at the same
    reps and effort). A year of logs is a fifth as many rows (the storage's
    ``heaviest_logged_sets`` groups them in the database)."""
    best: dict[tuple[date, str, int, float | None, float | None], DatedSet] = {}
    for dated in sets:
        result = dated.result
        if result.load_kg is None or not result.reps:
            continue
        key = (dated.day, result.exercise, result.reps, result.rir, result.rpe)
        held = best.get(key)
        if held is None or result.load_kg > (held.result.load_kg or 0.0):
            best[key] = dated
    return sorted(best.values(), key=lambda dated: dated.day)


@dataclass(frozen=True)
class RepRecord:
    """The heaviest load lifted for ``reps`` reps (a rep-max PR) and when."""

    lift: str
    reps: int
    load_kg: float
    day: date


def rep_records(sets: Iterable[DatedSet]) -> list[RepRecord]:
    """Per lift and rep count, the heaviest set (the earliest day it was first reached)."""
    records: dict[tuple[str, int], RepRecord] = {}
    for dated in sorted(sets, key=lambda item: item.day):
        result = dated.result
        if result.load_kg is None or not result.reps:
            continue
        key = (result.exercise, result.reps)
        held = records.get(key)
        if held is None or result.load_kg > held.load_kg:
            records[key] = RepRecord(result.exercise, result.reps, result.load_kg, dated.day)
    return sorted(records.values(), key=lambda r: (r.lift, r.reps))
