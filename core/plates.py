"""Plate rounding: the one rule for turning a computed load into one a lifter can load, in the
client's unit and by the equipment's smallest step (barbell plates, dumbbells, kettlebells)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from core.schemas import ClientProfile, Increments, effective_units
from core.units import LoadUnit, format_load, load_from_kg, load_to_kg

PLATE_KG = 2.5
"""The smallest load step on a barbell: a pair of 1.25 kg plates (docs/domain.md §4)."""

DEFAULT_STEPS: dict[LoadUnit, dict[str, float]] = {
    # in the unit itself; docs/domain.md §4 says where they come from
    LoadUnit.KG: {"barbell": 2.5, "dumbbell": 2.0, "kettlebell": 4.0},
    LoadUnit.LB: {"barbell": 5.0, "dumbbell": 5.0, "kettlebell": 5.0},
}
EMPTY_BAR: dict[LoadUnit, float] = {LoadUnit.KG: 20.0, LoadUnit.LB: 45.0}
"""The standard men's Olympic bar: 20 kg, or 45 lb in a pound gym."""
BAR_MAX_SHARE = 0.65
"""The empty bar must be at most 65 % of a barbell lift's 1RM (a hard set's start, 3 reps short
of failure at 8 reps, is about 70 %, NSCA table): a 20 kg overhead press 1RM leaves no working
set the bar can carry, so the lift is trained with dumbbells instead."""


def bar_too_heavy(one_rm_kg: float) -> bool:
    """The empty bar is heavier than the lightest working set of a lift with this 1RM."""
    return EMPTY_BAR[LoadUnit.KG] > BAR_MAX_SHARE * one_rm_kg + 1e-9


def lightest_load(step: LoadStep) -> float:
    """The lightest load in kg the equipment can be set up with: the empty bar for a barbell
    (never a 12.5 kg barbell press), else one step."""
    if step.equipment == "barbell":
        return load_to_kg(EMPTY_BAR[step.unit], step.unit)
    return step.kg


_STEP_DIGITS = 4
"""A stored step back in its unit is snapped to this many decimals (2.26796185 kg → 5 lb)."""


@dataclass(frozen=True)
class LoadStep:
    """The jump between two loads a lifter can set up: ``size`` in ``unit``, for ``equipment``."""

    size: float
    unit: LoadUnit
    equipment: str

    @property
    def kg(self) -> float:
        return load_to_kg(self.size, self.unit)

    @property
    def text(self) -> str:
        """'5 lb', '2.5 kg'."""
        return format_load(self.kg, self.unit)


def default_increments(unit: LoadUnit) -> Increments:
    steps = DEFAULT_STEPS[unit]
    return Increments(**{name: load_to_kg(size, unit) for name, size in steps.items()})


def increments_for(increments: Increments | None, unit: LoadUnit) -> Increments:
    """The client's own steps, or the defaults for their load unit."""
    return increments if increments is not None else default_increments(unit)


def equipment_kind(equipment: Iterable[str]) -> str:
    """Which step a lift is loaded in: dumbbells, a kettlebell, else barbell plates (machines
    and anything else take the barbell's step)."""
    items = set(equipment)
    if "barbell" in items:
        return "barbell"
    if "dumbbells" in items:
        return "dumbbell"
    if "kettlebell" in items:
        return "kettlebell"
    return "barbell"


def load_step(equipment: Iterable[str], increments: Increments, unit: LoadUnit) -> LoadStep:
    """The step a lift with ``equipment`` rounds to, in the client's unit."""
    kind = equipment_kind(equipment)
    size = round(load_from_kg(getattr(increments, kind), unit), _STEP_DIGITS)
    return LoadStep(size, unit, kind)


def client_step(profile: ClientProfile, equipment: Iterable[str]) -> LoadStep:
    """The jump a client's loads on ``equipment`` round to: their gym's step, in their unit."""
    unit = effective_units(profile).load
    return load_step(equipment, increments_for(profile.increments, unit), unit)


def metric_plate() -> LoadStep:
    """The 2.5 kg barbell step: where no client's gym is known."""
    return LoadStep(PLATE_KG, LoadUnit.KG, "barbell")


def round_to_step(kg: float, step: LoadStep) -> float:
    """Round a load (kg) to the nearest multiple of ``step`` in the step's unit and give it back
    in kg; a load exactly halfway rounds UP (81.25 kg → 82.5 kg, 182.5 lb → 185 lb), so a
    prescription never silently drops a step below its percentage."""
    value = load_from_kg(kg, step.unit)
    return load_to_kg(math.floor(value / step.size + 0.5 + 1e-9) * step.size, step.unit)


def floor_to_step(kg: float, step: LoadStep) -> float:
    """The heaviest multiple of ``step`` at or below ``kg`` (a ceiling never rounds up)."""
    value = load_from_kg(kg, step.unit)
    return load_to_kg(math.floor(value / step.size + 1e-9) * step.size, step.unit)


def is_on_step(kg: float, step: LoadStep) -> bool:
    """Whether a load is a whole number of steps in the step's unit (to 0.01 of the unit)."""
    steps = load_from_kg(kg, step.unit) / step.size
    return abs(steps - round(steps)) * step.size < 0.01


def round_to_plate(kg: float, increment: float = PLATE_KG) -> float:
    """``round_to_step`` in kg steps of ``increment`` (the metric default)."""
    return round_to_step(kg, LoadStep(increment, LoadUnit.KG, "barbell"))
