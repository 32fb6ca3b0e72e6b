"""Training-load metrics for the Load page (DOMAIN.md §5): tonnage, hard sets, sRPE, ACWR, compliance.

Pure functions over the *workouts frame*: one row per workout with the columns of ``COLUMNS``. Weeks
start on Monday (``week_start = date − weekday``); every weekly result covers each week from the
frame's first to its last workout, contiguously, so the charts of one client line up. Dates leave this
module as ``datetime.date`` (columns ``date``/``week_start``); daily series use a ``DatetimeIndex``.

Sources (cited where used): Foster et al. 2001 (session-RPE load), Foster 1998 (monotony and strain),
Williams et al. 2017 (EWMA acute:chronic workload ratio), Impellizzeri et al. 2020 (why the ratio is
shown as a descriptive trend with no injury-risk zones), Epley 1985 (rep/%1RM relation, via the
library's prescriptions).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from core.schemas import Experience, SessionType, WorkoutStatus

COLUMNS: tuple[str, ...] = (
    "workout_id",
    "date",
    "status",
    "session_type",
    "title",
    "planned_minutes",
    "target_rpe",
    "session_rpe",
    "actual_minutes",
    "blocks",
)
_FLOAT_COLUMNS = ("planned_minutes", "target_rpe", "session_rpe", "actual_minutes")
_STATUSES = frozenset(member.value for member in WorkoutStatus)
_SESSION_TYPES = frozenset(member.value for member in SessionType)

PLATE_INCREMENT_KG = 2.5  # DOMAIN.md §4: loads from %1RM are rounded to the plate increment.
PRIME_MOVER_WEIGHT = 1.0  # DOMAIN.md §5: a set counts 1.0 for the prime mover …
SYNERGIST_WEIGHT = 0.5  # … and 0.5 for a synergist.
ACUTE_DAYS = 7  # Williams et al. 2017: acute window N = 7 …
CHRONIC_DAYS = 28  # … chronic window N = 28.

# Weekly hard sets per muscle by training age (DOMAIN.md §4).
_SET_BANDS: dict[Experience, tuple[int, int]] = {
    Experience.BEGINNER: (8, 10),
    Experience.INTERMEDIATE: (10, 16),
    Experience.ADVANCED: (12, 20),
}
# The library's MUSCLES order; muscles outside it sort after, alphabetically.
_MUSCLE_ORDER = (
    "chest",
    "back",
    "shoulders",
    "biceps",
    "triceps",
    "quads",
    "hamstrings",
    "glutes",
    "calves",
    "core",
)
# Warm-up and cool-down blocks are not working sets: they add no tonnage and no hard sets.
_NOT_WORKING = re.compile(r"warm[\s_-]*up|cool[\s_-]*down", re.IGNORECASE)

MusclesOf = Callable[[str], tuple[tuple[str, ...], tuple[str, ...]] | None]
OneRmKeyOf = Callable[[str], str | None]


# --------------------------------------------------------------------------------------------------
# Library lookups (default implementations; tests inject stand-ins)


def library_muscles(name: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(prime movers, synergists) of an exercise from the exercise library; None if unknown."""
    from core.generation.library import find_exercise  # lazy: the library is optional here

    exercise = find_exercise(name)
    if exercise is None:
        return None
    return tuple(exercise.primary), tuple(exercise.secondary)


def library_one_rm_key(name: str) -> str | None:
    """The 1RM key a library exercise is prescribed from (e.g. a pause squat → back squat)."""
    from core.generation.library import find_exercise

    exercise = find_exercise(name)
    return None if exercise is None else exercise.one_rm_key


# --------------------------------------------------------------------------------------------------
# The workouts frame


def empty_workouts_frame() -> pd.DataFrame:
    """A workouts frame with no rows and the contract's columns and dtypes."""
    return workouts_frame([])


def workouts_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Build the workouts frame (one row per workout, sorted by date) from stored rows.

    ``date`` holds ``datetime.date`` (ISO strings and datetimes are accepted), text columns are
    ``str``, the four numeric columns ``float64`` (None → NaN) and ``blocks`` a list of block dicts
    (None → [], a JSON string is decoded). Unknown statuses or session types raise ``ValueError``.
    """
    records = [_normalise_row(row) for row in rows]
    data: dict[str, Any] = {}
    for column in COLUMNS:
        values = [record[column] for record in records]
        if column in _FLOAT_COLUMNS:
            data[column] = pd.Series(values, dtype="float64")
        elif column in ("date", "blocks"):
            data[column] = pd.Series(values, dtype="object")
        else:
            data[column] = pd.Series(values, dtype="str")
    frame = pd.DataFrame(data, columns=list(COLUMNS))
    if len(frame):
        frame = frame.sort_values("date", kind="stable").reset_index(drop=True)
    return frame


def _normalise_row(row: Mapping[str, Any]) -> dict[str, Any]:
    status = str(row.get("status") or WorkoutStatus.SCHEDULED)
    session_type = str(row.get("session_type") or SessionType.OTHER)
    if status not in _STATUSES:
        raise ValueError(f"workout {row.get('workout_id')}: unknown status '{status}'")
    if session_type not in _SESSION_TYPES:
        raise ValueError(f"workout {row.get('workout_id')}: unknown session type '{session_type}'")
    blocks = row.get("blocks")
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    record: dict[str, Any] = {
        "workout_id": str(row.get("workout_id", "")),
        "date": _as_date(row.get("date")),
        "status": status,
        "session_type": session_type,
        "title": str(row.get("title") or ""),
        "blocks": list(blocks or []),
    }
    for column in _FLOAT_COLUMNS:
        record[column] = _number(row.get(column))
    return record


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):  # also pd.Timestamp; check before date (datetime is a date)
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    raise ValueError(f"a workout needs a date, got {value!r}")


def _number(value: Any) -> float | None:
    """A float, or None for missing/NaN/non-numeric values."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _days(frame: pd.DataFrame) -> np.ndarray:
    """The workouts' dates as ``datetime64[D]``."""
    return np.array(frame["date"].tolist(), dtype="datetime64[D]")


def _mondays(days: np.ndarray) -> np.ndarray:
    """Monday of each day's week (week_start = date − weekday); 1970-01-01 was a Thursday."""
    numbers = days.astype("int64")
    return (numbers - (numbers + 3) % 7).astype("datetime64[D]")


def _weeks(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(every Monday from the first workout's week to the last one's, each workout's week position).

    Positions index the Mondays, ready for ``np.bincount``; the frame must not be empty.
    """
    mondays = _mondays(_days(frame))
    first = mondays.min()
    positions = ((mondays - first).astype("int64") // 7).astype("intp")
    return first + np.arange(positions.max() + 1) * 7, positions


def _as_dates(days: np.ndarray) -> np.ndarray:
    """``datetime64`` values as an object array of ``datetime.date``."""
    return days.astype("datetime64[D]").astype(object)


def _per_week(positions: np.ndarray, weights: np.ndarray, weeks: int) -> np.ndarray:
    return np.bincount(positions, weights=weights, minlength=weeks)


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


def round_to_plate(kg: float, increment: float = PLATE_INCREMENT_KG) -> float:
    """Round a load to the nearest plate increment (halves round up)."""
    return math.floor(kg / increment + 0.5) * increment


def exercise_tonnage(
    exercise: Mapping[str, Any],
    one_rep_maxes: Mapping[str, float],
    *,
    one_rm_key_of: OneRmKeyOf = library_one_rm_key,
) -> float:
    """Volume load VL = Σ reps·kg over the exercise's working sets (DOMAIN.md §5), i.e. sets·reps·kg.

    ``exercise`` is a stored exercise dict (camelCase keys, missing keys mean None). The load is
    ``loadKg``, else ``pctOneRm`` × the client's 1RM rounded to the plate increment (2.5 kg); the 1RM
    is looked up by the library's ``one_rm_key``, then by the exercise's name (case, spaces, ``_`` and
    ``-`` ignored). A rep range counts its midpoint. No reps, no sets or no known load (bodyweight,
    RPE-only, timed or distance work, a %1RM without a 1RM on file) → 0.
    """
    return _exercise_tonnage(exercise, _normalised_maxes(one_rep_maxes), one_rm_key_of)


def _normalised_maxes(one_rep_maxes: Mapping[str, float]) -> dict[str, float]:
    return {_key(name): float(kg) for name, kg in one_rep_maxes.items() if _number(kg)}


def _exercise_tonnage(
    exercise: Mapping[str, Any], maxes: Mapping[str, float], one_rm_key_of: OneRmKeyOf
) -> float:
    sets, reps = _number(exercise.get("sets")), _number(exercise.get("reps"))
    if not sets or not reps:
        return 0.0
    reps_max = _number(exercise.get("repsMax"))
    if reps_max is not None and reps_max > reps:
        reps = (reps + reps_max) / 2
    load = _number(exercise.get("loadKg"))
    if load is None:
        pct = _number(exercise.get("pctOneRm"))
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

    ``planned`` sums every non-rest workout whatever its status; ``completed`` only the completed
    ones (their prescription: sets are not logged one by one). ``completed`` is NaN for weeks that
    start after ``today`` and hold no completed workout, so a chart shows no bar rather than 0.
    """
    if frame.empty:
        return _empty(["week_start", "planned", "completed"], "float64")
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
    mondays, positions = _weeks(frame)
    completed = _per_week(positions, np.where(done, tonnage, 0.0), len(mondays))
    any_done = np.bincount(positions[done], minlength=len(mondays)) > 0
    completed[(mondays > np.datetime64(today, "D")) & ~any_done] = np.nan
    return pd.DataFrame(
        {
            "week_start": _as_dates(mondays),
            "planned": _per_week(positions, tonnage, len(mondays)),
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
    """Weekly hard sets per muscle (DOMAIN.md §4): beginner 8–10, intermediate 10–16, advanced 12–20."""
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

    Each working set counts 1.0 for the exercise's prime movers and 0.5 for its synergists (DOMAIN.md
    §5; a muscle listed as both counts once, as a prime mover). By default every non-rest, non-skipped
    workout counts (the plan as it stands); ``completed_only`` counts completed workouts only.
    Exercises ``muscles_of`` does not know, and warm-up/cool-down blocks, are not counted. The result
    is a full grid, week by week then muscle by muscle (library order): every week of the frame ×
    every muscle trained at least once, 0 where untrained that week.
    """
    columns = ["week_start", "muscle", "sets"]
    if frame.empty:
        return _empty(columns, "float64", muscle="str")
    status = frame["status"]
    counted = (frame["session_type"] != SessionType.REST) & (
        status == WorkoutStatus.COMPLETED if completed_only else status != WorkoutStatus.SKIPPED
    )
    mondays, positions = _weeks(frame)
    lookup = _cached(muscles_of)
    columns_of: dict[str, int] = {}
    cells: list[int] = []  # week position, then muscle column, flattened later
    muscle_columns: list[int] = []
    weights: list[float] = []
    for position, blocks, use in zip(positions, frame["blocks"], counted.to_numpy(), strict=True):
        if not use:
            continue
        for exercise in _working_exercises(blocks):
            sets = _number(exercise.get("sets"))
            name = str(exercise.get("name") or "")
            muscles = lookup(name) if sets and name else None
            if muscles is None:
                continue
            primary, secondary = muscles
            for muscle, weight in [
                *((m, PRIME_MOVER_WEIGHT) for m in primary),
                *((m, SYNERGIST_WEIGHT) for m in secondary if m not in primary),
            ]:
                cells.append(position)
                muscle_columns.append(columns_of.setdefault(muscle, len(columns_of)))
                weights.append(sets * weight)
    if not columns_of:
        return _empty(columns, "float64", muscle="str")
    found = list(columns_of)
    width = len(found)
    flat = np.asarray(cells, dtype="intp") * width + np.asarray(muscle_columns, dtype="intp")
    grid = np.bincount(flat, weights=weights, minlength=len(mondays) * width)
    grid = grid.reshape(len(mondays), width)
    order = sorted(range(width), key=lambda column: _muscle_sort_key(found[column]))
    return pd.DataFrame(
        {
            "week_start": np.repeat(_as_dates(mondays), width),
            "muscle": pd.Series(np.tile([found[c] for c in order], len(mondays)), dtype="str"),
            "sets": grid[:, order].reshape(-1),
        }
    )


def _muscle_sort_key(muscle: str) -> tuple[int, str]:
    order = _MUSCLE_ORDER.index(muscle) if muscle in _MUSCLE_ORDER else len(_MUSCLE_ORDER)
    return order, muscle


# --------------------------------------------------------------------------------------------------
# Session-RPE load, monotony, strain


def session_loads(frame: pd.DataFrame, planned: bool) -> pd.Series:
    """sRPE load per workout (Foster et al. 2001: session RPE on CR-10 × minutes, arbitrary units).

    Planned: target RPE × planned minutes of every non-rest workout. Actual: session RPE × actual
    minutes of completed non-rest workouts; when the coach recorded an RPE but no duration, the
    planned minutes stand in. Anything missing counts 0.
    """
    training = frame["session_type"] != SessionType.REST
    if planned:
        load = frame["target_rpe"] * frame["planned_minutes"]
    else:
        minutes = frame["actual_minutes"].fillna(frame["planned_minutes"])
        load = (frame["session_rpe"] * minutes).where(frame["status"] == WorkoutStatus.COMPLETED)
    return load.where(training).fillna(0.0).astype("float64")


def daily_srpe(
    frame: pd.DataFrame,
    planned: bool,
    *,
    start: date | None = None,
    end: date | None = None,
) -> pd.Series:
    """Daily sRPE load (Foster et al. 2001) indexed by every calendar day, rest/empty days 0.

    The index (a ``DatetimeIndex`` named ``date``) runs from ``start`` (default: the first workout's
    date) to ``end`` (default: the last workout's date) whichever loads are counted, so the planned
    and actual series of one frame share an index. See ``session_loads`` for what counts.
    """
    name = "planned_load" if planned else "actual_load"
    days = _days(frame)
    if (start is None or end is None) and not len(days):
        return pd.Series([], index=pd.DatetimeIndex([], name="date"), dtype="float64", name=name)
    first = np.datetime64(start, "D") if start is not None else days.min()
    last = np.datetime64(end, "D") if end is not None else days.max()
    length = max(int((last - first).astype("int64")) + 1, 0)
    offsets = (days - first).astype("int64")
    inside = (offsets >= 0) & (offsets < length)
    values = np.bincount(
        offsets[inside], weights=session_loads(frame, planned).to_numpy()[inside], minlength=length
    )
    index = pd.DatetimeIndex(first + np.arange(length), name="date")
    return pd.Series(values.astype("float64"), index=index, name=name)


def weekly_srpe(frame: pd.DataFrame) -> pd.DataFrame:
    """Weekly sRPE load: ``week_start``, ``planned_load``, ``actual_load``, ``monotony``, ``strain``.

    Monotony and strain (Foster 1998) use the *actual* daily loads of the week's 7 days, rest days
    counting 0: monotony = mean(L_d) / sd(L_d), with the sample standard deviation (n − 1, the
    spreadsheet STDEV coaches use); strain = weekly load × monotony. A week whose days are all equal
    (sd 0, e.g. no completed workout) has monotony and strain NaN, never infinity.
    """
    columns = ["week_start", "planned_load", "actual_load", "monotony", "strain"]
    if frame.empty:
        return _empty(columns, "float64")
    mondays, _ = _weeks(frame)
    start, end = mondays[0], mondays[-1] + 6
    planned = daily_srpe(frame, True, start=start, end=end).to_numpy().reshape(-1, 7)
    actual = daily_srpe(frame, False, start=start, end=end).to_numpy().reshape(-1, 7)
    mean = actual.mean(axis=1)
    sd = actual.std(axis=1, ddof=1)
    usable = sd > 1e-9 * np.maximum(1.0, np.abs(mean))  # float noise on equal days is still sd 0
    monotony = np.divide(mean, sd, out=np.full_like(mean, np.nan), where=usable)
    actual_load = actual.sum(axis=1)
    return pd.DataFrame(
        {
            "week_start": _as_dates(mondays),
            "planned_load": planned.sum(axis=1),
            "actual_load": actual_load,
            "monotony": monotony,
            "strain": actual_load * monotony,
        }
    )


# --------------------------------------------------------------------------------------------------
# Acute:chronic workload ratio (EWMA)


def ewma_acwr(
    daily_load: pd.Series, acute: int = ACUTE_DAYS, chronic: int = CHRONIC_DAYS
) -> pd.DataFrame:
    """EWMA acute and chronic load and their ratio (Williams et al. 2017).

    Columns ``date``, ``acute``, ``chronic``, ``acwr``, ``reliable``. EWMA_t = λ·L_t + (1 − λ)·EWMA_{t−1}
    with λ = 2/(N + 1), seeded with the first day's load (EWMA_0 = L_0). ``daily_load`` holds one value
    per calendar day (``daily_srpe``); a ``DatetimeIndex`` with gaps gets 0 for the missing days and
    NaN loads count 0. ``acwr`` = acute/chronic, NaN where the chronic load is 0. ``reliable`` is False
    for the first ``chronic`` days, before the chronic average has seen a full window.

    The ratio is a descriptive trend only: it does not predict injury (Impellizzeri et al. 2020), so
    no risk zones or "sweet spot" are defined here or drawn from this.
    """
    if acute < 1 or chronic < 1:
        raise ValueError("EWMA windows must be at least one day")
    columns = ["date", "acute", "chronic", "acwr", "reliable"]
    if daily_load.empty:
        return _empty(columns, "float64", date="object", reliable="bool")
    load = daily_load.astype("float64").fillna(0.0)
    if isinstance(load.index, pd.DatetimeIndex):
        load = load.sort_index()
        days = pd.date_range(load.index[0], load.index[-1], freq="D")
        load = load.reindex(days, fill_value=0.0)
        dates: Any = _as_dates(days.to_numpy())
    else:
        dates = list(load.index)
    # pandas' ``span=N`` is α = 2/(N+1); ``adjust=False`` is the recursive form seeded with L_0.
    acute_ewma = load.ewm(span=acute, adjust=False).mean().to_numpy()
    chronic_ewma = load.ewm(span=chronic, adjust=False).mean().to_numpy()
    ratio = np.divide(
        acute_ewma, chronic_ewma, out=np.full_like(acute_ewma, np.nan), where=chronic_ewma > 0
    )
    return pd.DataFrame(
        {
            "date": dates,
            "acute": acute_ewma,
            "chronic": chronic_ewma,
            "acwr": ratio,
            "reliable": np.arange(len(load)) >= chronic,
        }
    )


# --------------------------------------------------------------------------------------------------
# Compliance


def weekly_compliance(frame: pd.DataFrame, today: date) -> pd.DataFrame:
    """Weekly compliance: ``week_start``, ``completed``, ``skipped``, ``missed``, ``compliance``.

    compliance = completed ÷ (completed + skipped + missed) (DOMAIN.md §5), where *missed* counts
    workouts still scheduled on a day before ``today``. Workouts scheduled today or later are not due
    yet and not counted; rest days never count. A fraction 0–1; NaN for a week with nothing due.
    """
    columns = ["week_start", "completed", "skipped", "missed", "compliance"]
    if frame.empty:
        return _empty(columns, "int64", compliance="float64")
    training = (frame["session_type"] != SessionType.REST).to_numpy()
    status = frame["status"].to_numpy()
    past = _days(frame) < np.datetime64(today, "D")
    mondays, positions = _weeks(frame)

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(positions[mask & training], minlength=len(mondays)).astype("int64")

    completed = count(status == WorkoutStatus.COMPLETED)
    skipped = count(status == WorkoutStatus.SKIPPED)
    missed = count((status == WorkoutStatus.SCHEDULED) & past)
    due = completed + skipped + missed
    compliance = np.divide(
        completed, due, out=np.full(len(due), np.nan), where=due > 0, dtype="float64"
    )
    return pd.DataFrame(
        {
            "week_start": _as_dates(mondays),
            "completed": completed,
            "skipped": skipped,
            "missed": missed,
            "compliance": compliance,
        }
    )


def _empty(columns: list[str], default: str, **dtypes: str) -> pd.DataFrame:
    """No rows; ``week_start``/``date`` columns hold dates (object), the others ``default``."""
    return pd.DataFrame(
        {
            column: pd.Series(
                [],
                dtype=dtypes.get(column, "object" if column in ("week_start", "date") else default),
            )
            for column in columns
        }
    )
