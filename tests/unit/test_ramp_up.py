"""Ramp-up sets before a main lift's work load: each lighter than the next and than the load."""

from __future__ import annotations

import re

from core.generation.engine.ramps import ramp_note
from core.plates import LoadStep
from core.units import LoadUnit

BARBELL = LoadStep(2.5, LoadUnit.KG, "barbell")


def _loads(note: str) -> list[float]:
    return [float(kg) for kg in re.findall(r"× ([\d.]+) kg", note)]


def test_a_heavy_load_ramps_in_rising_steps_below_it() -> None:
    loads = _loads(ramp_note(140.0, BARBELL, 60))
    assert loads == sorted(set(loads))
    assert loads == [55.0, 85.0, 112.5]  # 40 / 60 / 80 %, rounded to the plates


def test_a_load_near_the_empty_bar_ramps_with_the_bar_once() -> None:
    # a 20–25 kg press: no five sets at the bar's weight, nothing at the work load itself
    assert ramp_note(20.0, BARBELL, 60) == "ramp-up: 5 × 20 kg"
    assert _loads(ramp_note(25.0, BARBELL, 60)) == [20.0]


def test_no_ramp_up_set_repeats_a_weight() -> None:
    for load in (30.0, 35.0, 37.5, 45.0):
        loads = _loads(ramp_note(load, BARBELL, 90))
        assert len(loads) == len(set(loads)), (load, loads)
        assert all(kg < load for kg in loads[1:]), (load, loads)
