"""Session-RPE load (Foster et al. 2001), monotony and strain (Foster 1998) and the EWMA ACWR.

The acute:chronic workload ratio (Williams et al. 2017) is a descriptive trend only: it does not
predict injury (Impellizzeri et al. 2020).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from core.load.frame import as_dates, empty_frame, week_positions, workout_days
from core.schemas import SessionType, WorkoutStatus

ACUTE_DAYS = 7  # Williams et al. 2017: acute window N = 7 …
CHRONIC_DAYS = 28  # … chronic window N = 28.


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
    days = workout_days(frame)
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
        return empty_frame(columns, "float64")
    mondays, _ = week_positions(frame)
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
            "week_start": as_dates(mondays),
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
        return empty_frame(columns, "float64", date="object", reliable="bool")
    load = daily_load.astype("float64").fillna(0.0)
    if isinstance(load.index, pd.DatetimeIndex):
        load = load.sort_index()
        days = pd.date_range(load.index[0], load.index[-1], freq="D")
        load = load.reindex(days, fill_value=0.0)
        dates: Any = as_dates(days.to_numpy())
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
