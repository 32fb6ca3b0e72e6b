"""Fitness, fatigue and form from the daily session-RPE load: descriptive, not a prediction.

The impulse-response idea of Banister et al. (1975), in the form endurance coaches read on
TrainingPeaks' Performance Management Chart (Allen & Coggan 2010): fitness is the exponentially
weighted average of the daily load over 42 days, fatigue the same over 7 days, each updated as
X_t = X_{t−1} + (L_t − X_{t−1}) / N and starting from 0; form is yesterday's fitness minus
yesterday's fatigue (rested when positive, tired when negative). Here the load is session RPE ×
minutes (Foster et al. 2001) of completed sessions. See docs/domain.md §5.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from core.load.frame import as_dates, empty_frame

FITNESS_DAYS = 42
FATIGUE_DAYS = 7


def fitness_fatigue(
    daily_load: pd.Series, fitness_days: int = FITNESS_DAYS, fatigue_days: int = FATIGUE_DAYS
) -> pd.DataFrame:
    """Columns ``date``, ``load``, ``fitness``, ``fatigue``, ``form``, one row per calendar day.

    ``daily_load`` is one value per day (``core.load.daily_srpe``); missing days and NaN count 0.
    """
    if fitness_days < 1 or fatigue_days < 1:
        raise ValueError("the averages need at least one day")
    columns = ["date", "load", "fitness", "fatigue", "form"]
    if daily_load.empty:
        return empty_frame(columns, "float64", date="object")
    load = daily_load.astype("float64").fillna(0.0).sort_index()
    if isinstance(load.index, pd.DatetimeIndex):
        days = pd.date_range(load.index[0], load.index[-1], freq="D")
        load = load.reindex(days, fill_value=0.0)
        dates: list[Any] = list(as_dates(days.to_numpy()))
    else:
        dates = list(load.index)
    values = load.to_numpy()
    fitness = _average(values, fitness_days)
    fatigue = _average(values, fatigue_days)
    form = np.concatenate(([0.0], (fitness - fatigue)[:-1]))
    return pd.DataFrame(
        {"date": dates, "load": values, "fitness": fitness, "fatigue": fatigue, "form": form}
    )


def _average(values: np.ndarray, days: int) -> np.ndarray:
    """X_t = X_{t−1} + (L_t − X_{t−1}) / days from X_{−1} = 0: pandas' ewm with α = 1/days,
    started from a 0 the day before the first."""
    padded = pd.Series(np.concatenate(([0.0], values)))
    return padded.ewm(alpha=1 / days, adjust=False).mean().to_numpy()[1:]
