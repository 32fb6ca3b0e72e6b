"""The Load page's five charts for one client: stored workouts → core.load frames → core.figures."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import plotly.graph_objects as go

from core import figures, load
from core.read_models import WorkoutRecord
from core.schemas import ClientProfile


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    figure: go.Figure
    caption: str


def load_charts(
    workouts: Iterable[WorkoutRecord], profile: ClientProfile, today: date
) -> list[Chart]:
    """Tonnage, hard sets per muscle, sRPE (monotony/strain), EWMA ACWR, compliance."""
    frame = load.workouts_frame(workout.as_row() for workout in workouts)
    tonnage = load.weekly_tonnage(frame, profile.one_rep_maxes, today)
    hard_sets = load.weekly_hard_sets(frame)
    srpe = load.weekly_srpe(frame)
    daily = load.daily_srpe(frame, planned=False, end=today) if not frame.empty else None
    acwr = load.ewma_acwr(daily) if daily is not None and len(daily) else _no_acwr()
    compliance = load.weekly_compliance(frame, today)
    low, high = load.set_band(profile.experience)
    return [
        Chart(
            "tonnage",
            "Tonnage",
            figures.tonnage_figure(tonnage),
            "Volume load Σ reps × kg per week: planned vs completed (%1RM uses the client's 1RMs).",
        ),
        Chart(
            "hard_sets",
            "Hard sets per muscle",
            figures.hard_sets_figure(hard_sets, (low, high)),
            f"Prime mover 1 set, synergist ½; the shaded band is {low}–{high} sets/week for a "
            f"{profile.experience.value} lifter.",
        ),
        Chart(
            "srpe",
            "Session-RPE load",
            figures.srpe_figure(srpe),
            "Session RPE × minutes (Foster 2001), with weekly monotony and strain (Foster 1998).",
        ),
        Chart(
            "acwr",
            "Acute:chronic workload",
            figures.acwr_figure(acwr),
            "EWMA 7/28 days (Williams 2017) of recorded sRPE. Greyed for the first 28 days, when "
            "the chronic average is not yet meaningful. A descriptive trend only: it does not "
            "predict injury (Impellizzeri 2020).",
        ),
        Chart(
            "compliance",
            "Compliance",
            figures.compliance_figure(compliance),
            "Completed ÷ (completed + skipped + missed) per week; sessions still ahead don't count.",
        ),
    ]


def _no_acwr():  # type: ignore[no-untyped-def]
    import pandas as pd

    return load.ewma_acwr(pd.Series([], index=pd.DatetimeIndex([], name="date"), dtype="float64"))
