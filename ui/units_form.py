"""The client form's units block: the client's load and distance units (or the coach's default)
and the gym's load steps, typed in the client's unit and stored in kg."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.plates import DEFAULT_STEPS, default_increments
from core.schemas import ClientProfile, Units, effective_units
from core.units import DistanceUnit, LoadUnit, load_from_kg, load_to_kg

COACH_DEFAULT = "coach default"
STEP_LABELS = {
    "barbell": "Barbell jump",
    "dumbbell": "Dumbbell step",
    "kettlebell": "Kettlebell step",
}
_SHOWN_DIGITS = 2


def shown_units(editing: ClientProfile | None, coach: Units) -> Units:
    """The units the form shows (and reads unsuffixed numbers in): the client's, or the coach's
    default for a new client."""
    return effective_units(editing, coach) if editing is not None else coach


def shown_load(kg: float | None, unit: LoadUnit) -> float | None:
    """A stored kg value as the form shows it: 185 lb, not 185.00000000000003."""
    return None if kg is None else round(load_from_kg(kg, unit), _SHOWN_DIGITS)


def stored_load(value: float | None, unit: LoadUnit) -> float | None:
    return None if value in (None, 0, 0.0) else load_to_kg(float(value or 0), unit)


def units_inputs(editing: ClientProfile | None, coach: Units) -> dict[str, Any]:
    """Draw the units block inside the client form; the profile fields it sets, as form values."""
    unit = shown_units(editing, coach).load
    chosen = editing.units if editing is not None else None
    left, right = st.columns(2)
    loads: list[LoadUnit | str] = [COACH_DEFAULT, *LoadUnit]
    distances: list[DistanceUnit | str] = [COACH_DEFAULT, *DistanceUnit]
    load = left.selectbox(
        "Load unit",
        loads,
        index=loads.index(chosen.load) if chosen and chosen.load else 0,
        format_func=lambda u: f"coach default ({coach.load})" if u == COACH_DEFAULT else str(u),
        help="Loads are stored in kg and shown in this unit on every page.",
    )
    distance = right.selectbox(
        "Distance unit",
        distances,
        index=distances.index(chosen.distance) if chosen and chosen.distance else 0,
        format_func=lambda u: f"coach default ({coach.distance})" if u == COACH_DEFAULT else str(u),
        help="Distances are stored in km and shown in this unit on every page.",
    )
    st.caption(
        f"Smallest load steps of the client's gym, in {unit} (blank: the {unit} defaults "
        f"{_defaults_text(unit)}); prescriptions round to them."
    )
    current = editing.increments if editing is not None else None
    steps: dict[str, float | None] = {}
    for box, (name, label) in zip(st.columns(3), STEP_LABELS.items(), strict=True):
        steps[name] = box.number_input(
            f"{label} ({unit})",
            value=shown_load(getattr(current, name), unit) if current else None,
            min_value=0.0,
            step=0.25,
            placeholder=f"default {DEFAULT_STEPS[unit][name]:g}",
        )
    return {
        "units": {
            "load": None if load == COACH_DEFAULT else load,
            "distance": None if distance == COACH_DEFAULT else distance,
        },
        "increments": increments_from_form(steps, unit),
    }


def increments_from_form(steps: dict[str, float | None], unit: LoadUnit) -> dict[str, float] | None:
    """The steps in kg, or None when every one is left blank (the unit's defaults apply); a blank
    one takes its default; a step of 0 is refused by the profile's check (one sentence on the
    form, named 'Load steps')."""
    if all(value is None for value in steps.values()):
        return None
    defaults = default_increments(unit)
    return {
        name: getattr(defaults, name) if value is None else load_to_kg(float(value), unit)
        for name, value in steps.items()
    }


def _defaults_text(unit: LoadUnit) -> str:
    steps = DEFAULT_STEPS[unit]
    return ", ".join(f"{name} {size:g}" for name, size in steps.items())
