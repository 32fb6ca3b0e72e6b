"""Fitness, fatigue and form (42- and 7-day exponentially weighted loads)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from core.load.fitness import fitness_fatigue


def _daily(*loads: float) -> pd.Series:
    return pd.Series(loads, index=pd.date_range("2026-12-07", periods=len(loads), freq="D"))


def test_the_recursion_by_hand() -> None:
    frame = fitness_fatigue(_daily(420, 0, 350))
    assert list(frame["date"]) == [date(2026, 12, 7), date(2026, 12, 8), date(2026, 12, 9)]
    fitness_1 = 420 / 42
    fatigue_1 = 420 / 7
    assert frame["fitness"][0] == pytest.approx(fitness_1)
    assert frame["fatigue"][0] == pytest.approx(fatigue_1)
    assert frame["fitness"][1] == pytest.approx(fitness_1 * 41 / 42)
    assert frame["fatigue"][2] == pytest.approx(fatigue_1 * (6 / 7) ** 2 + 350 / 7)
    # form is yesterday's fitness − fatigue: 0 on the first day, tired after a hard day
    assert frame["form"][0] == 0
    assert frame["form"][1] == pytest.approx(fitness_1 - fatigue_1)
    assert frame["form"][1] < 0


def test_a_rest_fortnight_leaves_the_client_rested_and_gaps_count_zero() -> None:
    loads = _daily(*([400.0] * 28 + [0.0] * 14))
    frame = fitness_fatigue(loads.drop(loads.index[30]))  # a missing day counts 0
    assert len(frame) == 42
    assert frame["form"].iloc[27] < 0 < frame["form"].iloc[-1]
    assert frame["fatigue"].iloc[-1] < frame["fitness"].iloc[-1]
    assert fitness_fatigue(pd.Series([], dtype="float64")).empty
    with pytest.raises(ValueError):
        fitness_fatigue(loads, fitness_days=0)
