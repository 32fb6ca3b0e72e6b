"""The Program page's shapes: the phases of a program as a table and a plotly timeline, its targets,
and the words that name a program.

Pure: takes the service's ``PhaseSlot``s and the stored ``MesocycleSummary``s, returns frames/figures.

A program is named after the client's goal, not its program type: muscle gain is programmed as a
strength-type block, so the type alone labelled a muscle-gain client's program "Strength". The
outline's own text (the rule engine writes "12-week strength program …" and "12-week strength
macrocycle") is renamed the same way where it is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from bootstrap import GENERATOR_LABELS
from core.dates import first_monday, mesocycle_date_range
from core.generation.engine.phases import program_type_for
from core.read_models import MesocycleSummary, ProgramRecord
from core.schemas import ClientProfile, Goal, MesocyclePlan
from ui.figures import (
    DONE_COLOUR,
    LEGEND_ABOVE,
    PLAIN,
    PLANNED_COLOUR,
    TimeAxis,
    apply_time_axis,
)
from ui.markdown import plot_text

OUTLINE_OPEN = "_program_outline_open"
"""The key of the open/closed state of "Create a new program outline" (a lazy expander)."""
PLANNED = "saved plan"
NOT_PLANNED = "outline only"
_COLOURS = {PLANNED: DONE_COLOUR, NOT_PLANNED: PLANNED_COLOUR}


def goal_words(goal: Goal) -> str:
    """'muscle gain', 'general fitness': a goal as a coach says it."""
    return goal.value.replace("_", " ")


def _goal_of(record: ProgramRecord, goal: Goal) -> str | None:
    """The goal's words when the program was built for it; None if the goal changed since."""
    return goal_words(goal) if program_type_for(goal) == record.program.program_type else None


def program_label(record: ProgramRecord, goal: Goal) -> str:
    """'Muscle gain · 12 weeks from 07 Dec 2026 (Offline rule engine)': a program picker's option."""
    name = _goal_of(record, goal) or record.program.program_type.value
    by = GENERATOR_LABELS.get(record.generated_by, record.generated_by)
    return f"{name.capitalize()} · {record.weeks} weeks from {record.start_date:%d %b %Y} ({by})"


def renamed_for_goal(text: str, record: ProgramRecord, goal: Goal) -> str:
    """The outline's words with "N-week <type>" read as "N-week <goal>" (a name or the overview)."""
    words = _goal_of(record, goal)
    kind = record.program.program_type.value
    if words is None or words == kind:
        return text
    return text.replace(f"-week {kind} ", f"-week {words} ", 1)


def saved_for(
    mesocycles: Sequence[MesocycleSummary], macrocycle_id: str, order_index: int
) -> MesocycleSummary | None:
    """The stored mesocycle of one phase, if any."""
    for meso in mesocycles:
        if meso.macrocycle_id == macrocycle_id and meso.order_index == order_index:
            return meso
    return None


def phases_frame(slots: Sequence, mesocycles: Sequence[MesocycleSummary]) -> pd.DataFrame:
    """One row per phase: #, macrocycle, phase, weeks, start, end, status."""
    rows = []
    for number, slot in enumerate(slots, start=1):
        whole = mesocycle_date_range(slot.start_date, slot.plan.weeks)
        saved = saved_for(mesocycles, slot.macrocycle_id, slot.order_index)
        rows.append(
            {
                "#": number,
                "Macrocycle": slot.macrocycle_name,
                "Phase": slot.plan.phase,
                "Weeks": slot.plan.weeks,
                "Start": whole.start_date,
                "End": whole.end_date,
                "Status": PLANNED if saved else NOT_PLANNED,
            }
        )
    return pd.DataFrame(
        rows, columns=["#", "Macrocycle", "Phase", "Weeks", "Start", "End", "Status"]
    )


def timeline_figure(phases: pd.DataFrame, today: date | None = None) -> go.Figure:
    """Horizontal bars, one per phase on its macrocycle's row, coloured by whether it is planned."""
    figure = go.Figure()
    for status, colour in _COLOURS.items():
        part = phases[phases["Status"] == status]
        if part.empty:
            continue
        days = [
            (end - start).days + 1 for start, end in zip(part["Start"], part["End"], strict=True)
        ]
        figure.add_trace(
            go.Bar(
                name=status,
                orientation="h",
                y=[plot_text(name) for name in part["Macrocycle"]],
                base=[str(start) for start in part["Start"]],
                x=[d * 86_400_000 for d in days],  # bar length in milliseconds on a date axis
                text=[
                    f"{plot_text(p)} ({w} wk)"
                    for p, w in zip(part["Phase"], part["Weeks"], strict=True)
                ],
                textposition="inside",
                insidetextanchor="middle",
                marker={"color": colour, "line": {"color": "white", "width": 2}},
                customdata=[
                    [str(s), str(e)] for s, e in zip(part["Start"], part["End"], strict=True)
                ],
                hovertemplate="%{text}<br>%{customdata[0]} – %{customdata[1]}<extra></extra>",
            )
        )
    figure.update_layout(
        template=PLAIN,
        title={"text": "Program timeline", "y": 0.97, "yanchor": "top", "x": 0},
        barmode="overlay",
        yaxis={"title": None, "autorange": "reversed"},
        height=170 + 50 * max(phases["Macrocycle"].nunique() if not phases.empty else 1, 1),
        # The legend sits above the bars, outside the plot: below it, it covered the date labels.
        margin={"l": 10, "r": 10, "t": 116, "b": 40},
        legend=LEGEND_ABOVE,
    )
    if not phases.empty:
        first, last = min(phases["Start"]), max(phases["End"])
        if today is not None:  # a program starting next week still shows where today is
            first, last = min(first, today), max(last, today)
        axis = TimeAxis.spanning(first, last, today)
        apply_time_axis(figure, axis, title="")
    return figure


def targets_frame(plan: MesocyclePlan, start_date: date) -> pd.DataFrame:
    """The phase's weekly targets, one row per week, with the Monday each week starts on."""
    week_one = first_monday(start_date)
    rows = [
        {
            "Week": target.week_offset + 1,
            "Starts": week_one + timedelta(weeks=target.week_offset),
            "Split": target.split,
            "Avg %1RM": target.avg_intensity_pct_1rm,
            "Main-lift sets": target.total_sets_main_lifts,
            "Mileage (km)": target.total_mileage,
            "Long run (km)": target.long_run_mileage,
            "Deload": "yes" if target.deload else "",
        }
        for target in plan.weekly_targets
    ]
    frame = pd.DataFrame(rows)
    # Hide target columns this plan never uses (a strength block has no mileage…).
    empty = [c for c in frame.columns if frame[c].isna().all()]
    return frame.drop(columns=empty)


def event_note(profile: ClientProfile) -> str | None:
    """The sentence above the new-outline form of a client with an event: the program's length
    follows from the start date (core.events); None without an event."""
    if profile.event is None:
        return None
    return (
        f"Planned back from {profile.event.words}: the weeks run from the start date to the "
        "event's week and end with a " + ("taper." if profile.event.kind.is_race else "peak week.")
    )
