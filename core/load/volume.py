"""Training volume (docs/domain.md §4–5): tonnage (volume load) and weekly hard sets per muscle.

Exercises are looked up in the exercise library by default (its muscles and 1RM keys; tests inject
stand-ins). Warm-up and cool-down blocks are not working sets and count for neither.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from core.dates import monday_of
from core.exercises.library import MUSCLES, find_exercise
from core.load.e1rm import DatedSet
from core.load.frame import as_dates, empty_frame, number_or_none, per_week, week_positions
from core.plates import PLATE_KG, round_to_plate
from core.schemas import Experience, SessionType, WorkoutStatus
from core.validation.measures import (
    HARD_SET_BANDS,
    PRIME_MOVER,
    SYNERGIST,
    hard_set_muscles,
    is_hard_set,
    muscle_weights,
)

PLATE_INCREMENT_KG = (
    PLATE_KG  # docs/domain.md §4: loads from %1RM are rounded to the plate increment.
)
PRIME_MOVER_WEIGHT = PRIME_MOVER  # docs/domain.md §5: a set counts 1.0 for the prime mover …
SYNERGIST_WEIGHT = SYNERGIST  # … and 0.5 for a synergist (core.validation.measures).

# Weekly hard sets per muscle by training age (docs/domain.md §4): the validator's bands.
_SET_BANDS: dict[Experience, tuple[int, int]] = HARD_SET_BANDS
# Warm-up and cool-down blocks are not working sets: they add no tonnage and no hard sets.
_NOT_WORKING = re.compile(r"warm[\s_-]*up|cool[\s_-]*down", re.IGNORECASE)

MusclesOf = Callable[[str], tuple[tuple[str, ...], tuple[str, ...]] | None]
OneRmKeyOf = Callable[[str], str | None]


# --------------------------------------------------------------------------------------------------
# Library lookups (default implementations; tests inject stand-ins)


def library_muscles(name: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(prime movers, synergists) of an exercise from the exercise library; None if unknown or no
    hard-set work (``core.validation.measures.hard_set_muscles``: mobility, conditioning, runs)."""
    exercise = find_exercise(name)
    if exercise is None or hard_set_muscles(name) is None:
        return None
    return tuple(exercise.primary), tuple(exercise.secondary)


def library_one_rm_key(name: str) -> str | None:
    """The 1RM key a library exercise is prescribed from (e.g. a pause squat → back squat)."""
    exercise = find_exercise(name)
    return None if exercise is None else exercise.one_rm_key


def _working_exercises(blocks: Iterable[Mapping[str, Any]]) -> Iterable[Mapping[str, Any]]:
    for block in blocks or ():
        if _NOT_WORKING.search(str(block.get("label") or "")):
            continue
        yield from block.get("exercises") or ()


# --------------------------------------------------------------------------------------------------
# Tonnage (volume load)


@lru_cache(maxsize=1024)
def _key(name: str) -> str:
    """A lift name for matching: lower case, runs of spaces/``_``/``-``/punctuation as one ``_``."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def exercise_tonnage(
    exercise: Mapping[str, Any],
    one_rep_maxes: Mapping[str, float],
    *,
    one_rm_key_of: OneRmKeyOf = library_one_rm_key,
) -> float:
    """Volume load VL = Σ reps·kg over the exercise's working sets (docs/domain.md §5), i.e. sets·reps·kg.

    ``exercise`` is a stored exercise dict (camelCase keys, missing keys mean None). The load is
    ``loadKg``, else ``pctOneRm`` × the client's 1RM rounded to the plate increment (2.5 kg); the 1RM
    is looked up by the library's ``one_rm_key``, then by the exercise's name (case, spaces, ``_`` and
    ``-`` ignored). A rep range counts its midpoint. No reps, no sets or no known load (bodyweight,
    RPE-only, timed or distance work, a %1RM without a 1RM on file) → 0.
    """
    return _exercise_tonnage(exercise, _normalised_maxes(one_rep_maxes), one_rm_key_of)


def _normalised_maxes(one_rep_maxes: Mapping[str, float]) -> dict[str, float]:
    return {_key(name): float(kg) for name, kg in one_rep_maxes.items() if number_or_none(kg)}


def _exercise_tonnage(
    exercise: Mapping[str, Any], maxes: Mapping[str, float], one_rm_key_of: OneRmKeyOf
) -> float:
    sets, reps = number_or_none(exercise.get("sets")), number_or_none(exercise.get("reps"))
    if not sets or not reps:
        return 0.0
    reps_max = number_or_none(exercise.get("repsMax"))
    if reps_max is not None and reps_max > reps:
        reps = (reps + reps_max) / 2
    load = number_or_none(exercise.get("loadKg"))
    if load is None:
        pct = number_or_none(exercise.get("pctOneRm"))
        if not pct:
            return 0.0
        one_rm = _one_rep_max(str(exercise.get("name") or ""), maxes, one_rm_key_of)
        if one_rm is None:
            return 0.0
        load = round_to_plate(one_rm * pct / 100)
    return sets * reps * load


def _one_rep_max(name: str, maxes: Mapping[str, float], one_rm_key_of: OneRmKeyOf) -> float | None:
    if not maxes or not name:
        return None
    for candidate in (one_rm_key_of(name), name):
        if candidate and _key(candidate) in maxes:
            return maxes[_key(candidate)]
    return None


def workout_tonnage(
    blocks: Iterable[Mapping[str, Any]],
    one_rep_maxes: Mapping[str, float],
    *,
    one_rm_key_of: OneRmKeyOf = library_one_rm_key,
) -> float:
    """Prescribed tonnage of one workout: its working exercises' tonnage (warm-ups excluded)."""
    maxes = _normalised_maxes(one_rep_maxes)
    return sum(
        _exercise_tonnage(exercise, maxes, one_rm_key_of) for exercise in _working_exercises(blocks)
    )


def weekly_tonnage(
    frame: pd.DataFrame,
    one_rep_maxes: Mapping[str, float],
    today: date,
    *,
    one_rm_key_of: OneRmKeyOf = library_one_rm_key,
) -> pd.DataFrame:
    """Weekly prescribed tonnage in kg: columns ``week_start``, ``planned``, ``completed``.

    ``planned`` sums every non-rest workout whatever its status; ``completed`` the completed ones:
    Σ reps × kg of their logged sets (``logged_tonnage``), or their prescription when no sets were
    logged. ``completed`` is NaN for weeks that
    start after ``today`` and hold no completed workout, so a chart shows no bar rather than 0.
    """
    if frame.empty:
        return empty_frame(["week_start", "planned", "completed"], "float64")
    maxes = _normalised_maxes(one_rep_maxes)
    keys_of = _cached(one_rm_key_of)
    training = (frame["session_type"] != SessionType.REST).to_numpy()
    tonnage = np.array(
        [
            sum(_exercise_tonnage(ex, maxes, keys_of) for ex in _working_exercises(blocks))
            if keep
            else 0.0
            for blocks, keep in zip(frame["blocks"], training, strict=True)
        ],
        dtype="float64",
    )
    done = (frame["status"] == WorkoutStatus.COMPLETED).to_numpy() & training
    logged = frame["logged_tonnage"].to_numpy(dtype="float64")
    done_tonnage = np.where(np.isnan(logged), tonnage, logged)  # the sets done, where logged
    mondays, positions = week_positions(frame)
    completed = per_week(positions, np.where(done, done_tonnage, 0.0), len(mondays))
    any_done = np.bincount(positions[done], minlength=len(mondays)) > 0
    completed[(mondays > np.datetime64(today, "D")) & ~any_done] = np.nan
    return pd.DataFrame(
        {
            "week_start": as_dates(mondays),
            "planned": per_week(positions, tonnage, len(mondays)),
            "completed": completed,
        }
    )


def _cached(function: Callable[[str], Any]) -> Callable[[str], Any]:
    """Memoise a library lookup for the duration of one call (names repeat week after week)."""
    results: dict[str, Any] = {}

    def lookup(name: str) -> Any:
        if name not in results:
            results[name] = function(name)
        return results[name]

    return lookup


# --------------------------------------------------------------------------------------------------
# Hard sets per muscle


def set_band(experience: Experience | str) -> tuple[int, int]:
    """Weekly hard sets per muscle (docs/domain.md §4): beginner 8–10, intermediate 10–16, advanced 12–20."""
    try:
        return _SET_BANDS[Experience(experience)]
    except ValueError:
        raise ValueError(
            f"unknown experience level '{experience}' (use beginner, intermediate or advanced)"
        ) from None


def weekly_hard_sets(
    frame: pd.DataFrame,
    muscles_of: MusclesOf = library_muscles,
    *,
    completed_only: bool = False,
) -> pd.DataFrame:
    """Weekly hard sets per muscle, long form: columns ``week_start``, ``muscle``, ``sets``.

    Each working set counts 1.0 for the exercise's prime movers and 0.5 for its synergists (docs/domain.md
    §5; a muscle listed as both counts once, as a prime mover). By default every non-rest, non-skipped
    workout counts (the plan as it stands); ``completed_only`` counts completed workouts only.
    Exercises ``muscles_of`` does not know, and warm-up/cool-down blocks, are not counted. The result
    is a full grid, week by week then muscle by muscle (library order): every week of the frame ×
    every muscle trained at least once, 0 where untrained that week.
    """
    columns = ["week_start", "muscle", "sets"]
    if frame.empty:
        return empty_frame(columns, "float64", muscle="str")
    status = frame["status"]
    counted = (frame["session_type"] != SessionType.REST) & (
        status == WorkoutStatus.COMPLETED if completed_only else status != WorkoutStatus.SKIPPED
    )
    mondays, positions = week_positions(frame)
    lookup = _cached(muscles_of)
    columns_of: dict[str, int] = {}
    cells: list[int] = []  # week position, then muscle column, flattened later
    muscle_columns: list[int] = []
    weights: list[float] = []
    for position, blocks, use in zip(positions, frame["blocks"], counted.to_numpy(), strict=True):
        if not use:
            continue
        for exercise in _working_exercises(blocks):
            sets = number_or_none(exercise.get("sets"))
            name = str(exercise.get("name") or "")
            if not sets or not name:
                continue
            muscles = lookup(name)
            if muscles is None:
                continue
            for muscle, weight in muscle_weights(*muscles):
                cells.append(position)
                muscle_columns.append(columns_of.setdefault(muscle, len(columns_of)))
                weights.append(sets * weight)
    if not columns_of:
        return empty_frame(columns, "float64", muscle="str")
    found = list(columns_of)
    width = len(found)
    flat = np.asarray(cells, dtype="intp") * width + np.asarray(muscle_columns, dtype="intp")
    grid = np.bincount(flat, weights=weights, minlength=len(mondays) * width)
    grid = grid.reshape(len(mondays), width)
    order = sorted(range(width), key=lambda column: _muscle_sort_key(found[column]))
    return pd.DataFrame(
        {
            "week_start": np.repeat(as_dates(mondays), width),
            "muscle": pd.Series(np.tile([found[c] for c in order], len(mondays)), dtype="str"),
            "sets": grid[:, order].reshape(-1),
        }
    )


def weekly_done_hard_sets(
    sets: Iterable[DatedSet], muscles_of: MusclesOf = library_muscles
) -> pd.DataFrame:
    """Weekly hard sets per muscle of the sets logged, long form like ``weekly_hard_sets``.

    Each logged set of a hard-set exercise counts once when it was hard (``is_hard_set``: RIR ≤ 4
    or RPE ≥ 6), weighted as the plan's sets are (prime mover 1.0, synergist 0.5). Weeks are the
    Mondays of the days sets were logged on; a full grid of those weeks × the muscles trained."""
    columns = ["week_start", "muscle", "sets"]
    totals: dict[tuple[date, str], float] = {}
    for dated in sets:
        result = dated.result
        muscles = muscles_of(result.exercise)
        if muscles is None or not is_hard_set(result.rir, result.rpe):
            continue
        for muscle, weight in muscle_weights(*muscles):
            key = (monday_of(dated.day), muscle)
            totals[key] = totals.get(key, 0.0) + weight
    if not totals:
        return empty_frame(columns, "float64", muscle="str")
    weeks = sorted({week for week, _ in totals})
    found = sorted({muscle for _, muscle in totals}, key=_muscle_sort_key)
    return pd.DataFrame(
        {
            "week_start": [week for week in weeks for _ in found],
            "muscle": pd.Series([muscle for _ in weeks for muscle in found], dtype="str"),
            "sets": [totals.get((week, muscle), 0.0) for week in weeks for muscle in found],
        }
    )


def _muscle_sort_key(muscle: str) -> tuple[int, str]:
    """The library's MUSCLES order; muscles outside it sort after, alphabetically."""
    order = MUSCLES.index(muscle) if muscle in MUSCLES else len(MUSCLES)
    return order, muscle
