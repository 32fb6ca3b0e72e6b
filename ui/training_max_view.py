"""The Plan a phase page's training-max table: proposals as rows, the coach's edits read back."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from core.training_max import TrainingMax

TM_COLUMNS: dict[str, Any] = {
    "Proposed (kg)": st.column_config.NumberColumn(
        min_value=1.0, max_value=600.0, step=0.5, format="%g", required=True
    ),
    "Planned (kg)": st.column_config.NumberColumn(format="%g"),
}


def training_max_frame(proposals: list[TrainingMax]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Lift": [p.lift for p in proposals],
            "Planned (kg)": [p.planned for p in proposals],
            "Proposed (kg)": [p.proposed for p in proposals],
            "Why": [p.why for p in proposals],
        }
    )


def edited_maxes(proposals: list[TrainingMax], grid: pd.DataFrame) -> list[TrainingMax]:
    """The proposals with the coach's numbers (a cleared or bad cell keeps the proposal)."""
    result = []
    for proposal, value in zip(proposals, grid["Proposed (kg)"], strict=True):
        try:
            kg = float(value)
        except (TypeError, ValueError):
            kg = proposal.proposed
        ok = 0 < kg <= 600 and kg == kg  # NaN is not equal to itself
        result.append(replace(proposal, proposed=kg if ok else proposal.proposed))
    return result
