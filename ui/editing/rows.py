"""An edited exercise row against the exercise it was drawn from: what the grid cannot show.

The Load cell shows one number (kg, or a %1RM when there is no kg), so a row read back on its own
loses the %1RM of a main lift. Each row of the exercises table keeps the index label it was drawn
with (``st.data_editor`` keeps labels through edits and deletions; it gives added rows new ones),
and that label is the row's position in the week's exercises: the original, even when two rows
share a name (a top set and its back-off sets).

The rule, as a coach expects it: a row whose lift and load are as drawn keeps its load and %1RM
exactly; a row with a new kg (or a new lift) gets the %1RM of that kg against the client's 1RM for
the lift (the one 1RM rule: ``estimated_one_rep_max``), or none when that 1RM is unknown; an added
row has the same.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from typing import Any

from core.exercises.library import find_exercise
from core.schemas import MAX_PCT_ONE_RM, ClientProfile, Exercise, Microcycle, Units
from core.validation.measures import estimated_one_rep_max, pct_of_one_rm
from ui.editing.cells import cell_text
from ui.editing.tables import format_load


def drawn_exercises(micro: Microcycle) -> list[Exercise]:
    """The week's exercises in the exercises table's row order (``exercises_frame``)."""
    return [
        exercise
        for workout in micro.workouts
        for block in workout.blocks
        for exercise in block.exercises
    ]


def original_of(label: Hashable, originals: Sequence[Exercise]) -> Exercise | None:
    """The exercise a row was drawn from, by the row's index label; None for an added row."""
    if isinstance(label, bool) or not isinstance(label, int | float):
        return None
    if label != int(label) or not 0 <= int(label) < len(originals):
        return None
    return originals[int(label)]


def pct_for_load(profile: ClientProfile | None, name: str, load_kg: float) -> float | None:
    """``load_kg`` as a % of the client's 1RM for ``name`` (their own, or a parent lift's × the
    variation's ratio); None without a profile, a library lift or a 1RM on record, or when the
    load is beyond what the plan can hold as a %1RM (the load check reports it as above the 1RM)."""
    entry = find_exercise(name)
    if profile is None or entry is None:
        return None
    known = estimated_one_rep_max(profile, entry)
    if known is None or known[0] <= 0:
        return None
    pct = pct_of_one_rm(load_kg, known[0])
    return pct if _storable(pct) else None


def _storable(pct: float) -> bool:
    """Whether ``Exercise.pct_one_rm`` accepts ``pct``."""
    return 0 < pct <= MAX_PCT_ONE_RM


def row_load(
    row: dict[str, Any],
    name: str,
    parsed: tuple[float | None, float | None],
    original: Exercise | None,
    units: Units,
    profile: ClientProfile | None,
) -> tuple[float | None, float | None]:
    """(load_kg, pct_one_rm) of an edited row, ``parsed`` being its Load cell read alone."""
    load_kg, pct = parsed
    if original is not None and _load_as_drawn(row.get("load"), load_kg, original, units):
        if name == original.name:
            return original.load_kg, original.pct_one_rm
        load_kg = original.load_kg if original.load_kg is not None else load_kg
        if load_kg is None:  # a %1RM only: the prescription stands for the new lift
            return None, pct
    if load_kg is None:
        return None, pct  # a %1RM typed, or no load
    return load_kg, pct_for_load(profile, name, load_kg)


def _load_as_drawn(cell: Any, load_kg: float | None, original: Exercise, units: Units) -> bool:
    """Whether the Load cell still says what it was drawn with: the same text, or the same kg
    typed another way ('100' for '100 kg')."""
    if cell_text(cell) == cell_text(format_load(original, units)):
        return True
    if load_kg is None or original.load_kg is None:
        return False
    return math.isclose(load_kg, original.load_kg, rel_tol=0, abs_tol=1e-9)
