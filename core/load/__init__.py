"""Training-load metrics for the Load page (docs/domain.md §5): tonnage, hard sets, sRPE, ACWR, compliance.

Pure functions over the *workouts frame*: one row per workout with the columns of ``COLUMNS``. Weeks
start on Monday (``week_start = date − weekday``); every weekly result covers each week from the
frame's first to its last workout, contiguously, so the charts of one client line up. Dates leave this
module as ``datetime.date`` (columns ``date``/``week_start``); daily series use a ``DatetimeIndex``.

Sources (cited where used): Foster et al. 2001 (session-RPE load), Foster 1998 (monotony and strain),
Williams et al. 2017 (EWMA acute:chronic workload ratio), Impellizzeri et al. 2020 (why the ratio is
shown as a descriptive trend with no injury-risk zones), Epley 1985 (rep/%1RM relation, via the
library's prescriptions).

Modules: ``frame`` (the workouts frame and its weeks), ``volume`` (tonnage, hard sets), ``srpe``
(session-RPE load, monotony, strain, ACWR) and ``compliance``; the public API is re-exported here.
"""

from core.load.compliance import weekly_compliance
from core.load.frame import COLUMNS, empty_workouts_frame, workouts_frame
from core.load.srpe import (
    ACUTE_DAYS,
    CHRONIC_DAYS,
    daily_srpe,
    ewma_acwr,
    session_loads,
    weekly_srpe,
)
from core.load.volume import (
    PLATE_INCREMENT_KG,
    PRIME_MOVER_WEIGHT,
    SYNERGIST_WEIGHT,
    MusclesOf,
    OneRmKeyOf,
    exercise_tonnage,
    library_muscles,
    library_one_rm_key,
    round_to_plate,
    set_band,
    weekly_done_hard_sets,
    weekly_hard_sets,
    weekly_tonnage,
    workout_tonnage,
)

__all__ = [
    "ACUTE_DAYS",
    "CHRONIC_DAYS",
    "COLUMNS",
    "PLATE_INCREMENT_KG",
    "PRIME_MOVER_WEIGHT",
    "SYNERGIST_WEIGHT",
    "MusclesOf",
    "OneRmKeyOf",
    "daily_srpe",
    "empty_workouts_frame",
    "ewma_acwr",
    "exercise_tonnage",
    "library_muscles",
    "library_one_rm_key",
    "round_to_plate",
    "session_loads",
    "set_band",
    "weekly_compliance",
    "weekly_done_hard_sets",
    "weekly_hard_sets",
    "weekly_srpe",
    "weekly_tonnage",
    "workout_tonnage",
    "workouts_frame",
]
