"""The logging grid of one session: its sets as a table (prefilled from the prescription or the last
log) and back to ``SetResult``s, every bad cell named; and planned against done, per exercise.
Loads and distances are shown and typed in the client's units and stored in kg and km.
``build_session_view`` builds all a session's form draws at once (``ui.page_data.session_view`` keeps it
per version of the client's workouts)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]
import streamlit as st
from pydantic import ValidationError

from core.read_models import WorkoutRecord
from core.schemas import Exercise, Units, WorkoutStatus, describe_validation_error
from core.session_log import SetResult, planned_sets
from core.units import (
    distance_from_km,
    distance_to_km,
    format_distance,
    format_load,
    load_from_kg,
    load_to_kg,
)
from ui.blocks import block_markdown, stored_blocks
from ui.editing.cells import cell_number, cell_text, cell_whole, is_blank
from ui.editing.tables import number_text

COLUMN_OF = {
    "exercise_number": "#",
    "exercise": "Exercise",
    "set_number": "Set",
    "reps": "Reps",
    "load_kg": "Kg",
    "rir": "RIR",
    "rpe": "RPE",
    "duration_minutes": "Min",
    "distance_km": "Km",
    "swap_reason": "Swap reason",
}
"""Each field of a set, and the grid column the coach reads it in (a metric client's)."""
SET_COLUMNS = list(COLUMN_OF.values())
_NUMBERS = {
    "reps": "reps",
    "load_kg": "kg",
    "rir": "RIR",
    "rpe": "RPE",
    "duration_minutes": "minutes",
    "distance_km": "km",
}
_SHOWN_DIGITS = 2
"""A converted load or distance is shown to 2 decimals: a logged 185 lb reads back 185, not
185.00000000000003."""


def column_of(units: Units) -> dict[str, str]:
    """``COLUMN_OF`` with the load and distance columns named in the client's units."""
    return COLUMN_OF | {
        "load_kg": units.load.value.capitalize(),
        "distance_km": units.distance.value.capitalize(),
    }


def _shown(field: str, value: float, units: Units) -> float:
    if field == "load_kg":
        return round(load_from_kg(value, units.load), _SHOWN_DIGITS)
    if field == "distance_km":
        return round(distance_from_km(value, units.distance), _SHOWN_DIGITS)
    return value


def _stored(field: str, value: float | None, units: Units) -> float | None:
    if value is None:
        return None
    if field == "load_kg":
        return load_to_kg(value, units.load)
    if field == "distance_km":
        return distance_to_km(value, units.distance)
    return value


def sets_frame(results: Sequence[SetResult], units: Units) -> pd.DataFrame:
    """One row per set, loads and distances in the client's units; the exercise number is
    1-based as the coach counts. Built column by column (numbers straight into float64, None →
    NaN): it is drawn on every rerun."""
    names = column_of(units)
    columns: dict[str, Any] = {
        names["exercise_number"]: [result.exercise_index + 1 for result in results],
        names["exercise"]: [result.exercise for result in results],
        names["set_number"]: [result.set_number for result in results],
        **{
            names[field]: np.array(
                [
                    math.nan if (v := getattr(r, field)) is None else _shown(field, v, units)
                    for r in results
                ],
                dtype="float64",
            )
            for field in _NUMBERS
        },
        names["swap_reason"]: [result.swap_reason or "" for result in results],
    }
    return pd.DataFrame(columns, columns=list(names.values()))


def results_from_frame(
    frame: pd.DataFrame, planned: Sequence[Exercise], units: Units
) -> tuple[list[SetResult], list[str]]:
    """The edited grid back as sets, and one line per row that could not be used.

    A row whose exercise differs from the one planned at its number is a swap and needs a reason.
    Set numbers are renumbered per exercise in row order, so an added or removed row needs no
    bookkeeping. Loads and distances are read in ``units`` and stored in kg and km.
    """
    results: list[SetResult] = []
    errors: list[str] = []
    counters: dict[int, int] = {}
    names = column_of(units)
    for position, row in enumerate(frame.to_dict(orient="records"), start=1):
        values = {field: row.get(column) for field, column in names.items()}
        if all(is_blank(value) for field, value in values.items() if field != "set_number"):
            continue  # an added row left empty
        where = f"row {position}"
        try:
            result = _result(values, planned, counters, units)
        except ValidationError as error:
            errors.extend(f"{where}: {line}" for line in describe_validation_error(error))
            continue
        except ValueError as error:
            errors.append(f"{where}: {error}")
            continue
        results.append(result)
    return results, errors


def _result(
    values: dict[str, Any], planned: Sequence[Exercise], counters: dict[int, int], units: Units
) -> SetResult:
    number = cell_whole(values.get("exercise_number"), "exercise #")
    if number is None or not 1 <= number <= len(planned) + 10:
        raise ValueError(f"exercise # must be 1 to {len(planned)} (or up to 10 more for extras)")
    index = number - 1
    name = cell_text(values.get("exercise")) or (
        planned[index].name if index < len(planned) else ""
    )
    if not name:
        raise ValueError("the exercise needs a name")
    reason = cell_text(values.get("swap_reason"))
    if index < len(planned) and name.lower() != planned[index].name.lower() and not reason:
        raise ValueError(
            f"'{name}' replaces the planned '{planned[index].name}': say why in 'Swap reason'"
        )
    counters[index] = counters.get(index, 0) + 1
    what_of = _NUMBERS | {"load_kg": units.load.value, "distance_km": units.distance.value}
    numbers = {
        field: _stored(field, cell_number(values.get(field), what), units)
        for field, what in what_of.items()
    }
    reps = numbers.pop("reps")
    if reps is not None and reps != int(reps):
        raise ValueError(f"reps must be a whole number, not {number_text(reps)}")
    return SetResult.model_validate(
        {
            "exercise_index": index,
            "exercise": name,
            "set_number": counters[index],
            "reps": None if reps is None else int(reps),
            "swap_reason": reason,
            **numbers,
        }
    )


def planned_vs_done(
    planned: Sequence[Exercise], done: Sequence[SetResult], units: Units
) -> pd.DataFrame:
    """Per planned exercise (and any extra): the prescription next to what the sets add up to,
    both in the client's units."""
    rows = []
    by_index: dict[int, list[SetResult]] = {}
    for result in done:
        by_index.setdefault(result.exercise_index, []).append(result)
    for index in sorted(set(range(len(planned))) | set(by_index)):
        sets = by_index.get(index, [])
        rows.append(
            {
                "#": index + 1,
                "Planned": planned[index].describe(units) if index < len(planned) else "(extra)",
                "Done": _done_text(sets, units) if sets else "not logged",
            }
        )
    return pd.DataFrame(rows, columns=["#", "Planned", "Done"])


def _done_text(sets: Sequence[SetResult], units: Units) -> str:
    parts = []
    for result in sets:
        dose = f"{result.reps}" if result.reps is not None else ""
        if result.load_kg is not None:
            dose += f" × {format_load(result.load_kg, units.load)}"
        if result.distance_km is not None:
            dose += format_distance(result.distance_km, units.distance)
        if result.duration_minutes is not None:
            dose += f" {number_text(result.duration_minutes)} min"
        effort = (
            f" RIR {number_text(result.rir)}"
            if result.rir is not None
            else (f" RPE {number_text(result.rpe)}" if result.rpe is not None else "")
        )
        parts.append((dose.strip() or "done") + effort)
    name = sets[0].exercise
    return f"{name}: " + ", ".join(parts)


def set_grid(units: Units) -> dict[str, Any]:
    """The logging grid's columns (``sets_frame``'s), as the coach reads them: the load and
    distance columns in the client's units, bounded by what a set may store (600 kg, 250 km)."""
    load, distance = column_of(units)["load_kg"], column_of(units)["distance_km"]
    return {
        "#": st.column_config.NumberColumn(
            "#", help="Exercise number in the session", min_value=1, step=1, width="small"
        ),
        "Exercise": st.column_config.TextColumn("Exercise", max_chars=120),
        "Set": st.column_config.NumberColumn("Set", disabled=True, width="small"),
        "Reps": st.column_config.NumberColumn("Reps", min_value=0, max_value=200, step=1),
        load: st.column_config.NumberColumn(
            load,
            help=f"load in {units.load.value}",
            min_value=0,
            max_value=round(load_from_kg(600, units.load), 1),
            step=0.25,
        ),
        "RIR": st.column_config.NumberColumn("RIR", min_value=0, max_value=10, step=0.5),
        "RPE": st.column_config.NumberColumn("RPE", min_value=1, max_value=10, step=0.5),
        "Min": st.column_config.NumberColumn("Min", min_value=0, max_value=600),
        distance: st.column_config.NumberColumn(
            distance,
            help=f"distance in {units.distance.value}",
            min_value=0,
            max_value=round(distance_from_km(250, units.distance), 1),
        ),
        "Swap reason": st.column_config.TextColumn("Swap reason", max_chars=200),
    }


@dataclass(frozen=True)
class SessionView:
    """What the Workouts page draws of one session: its prescription, the logging grid's rows
    (the sets logged, else the planned ones) and, once completed, planned against done."""

    planned: list[Exercise]
    prescription: list[str]
    """One markdown per block with exercises (``ui.blocks.block_markdown``)."""
    grid: pd.DataFrame
    done: pa.Table | None
    """Planned against done (``planned_vs_done``) as Arrow: st.dataframe converts a pandas frame
    on every call (about 0.4 ms for a session's rows, as much as the rest of the form), and sends
    an Arrow table as it is."""


def build_session_view(
    workout: WorkoutRecord, logged: Sequence[SetResult], units: Units
) -> SessionView:
    """``workout`` as read, with ``logged`` its sets, in the client's ``units``."""
    blocks = [block for block in stored_blocks(workout) if block.exercises]
    planned = [exercise for block in blocks for exercise in block.exercises]
    completed = workout.status == WorkoutStatus.COMPLETED
    return SessionView(
        planned=planned,
        prescription=[block_markdown(block, units) for block in blocks],
        grid=sets_frame(logged or planned_sets(planned), units),
        done=pa.Table.from_pandas(planned_vs_done(planned, logged, units), preserve_index=False)
        if completed
        else None,
    )
