"""The Program page's shapes: the phases of a program as a table and a timeline, its targets,
and the words that name a program.

Pure: takes the service's ``PhaseSlot``s and the stored ``MesocycleSummary``s, returns frames/figures.

A program is named after the client's goal, not its program type: muscle gain is programmed as a
strength-type block, so the type alone labelled a muscle-gain client's program "Strength". The
outline's own text (the rule engine writes "12-week strength program …" and "12-week strength
macrocycle") is renamed the same way where it is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from bootstrap import GENERATOR_LABELS
from core.dates import first_monday, mesocycle_date_range
from core.generation.engine.phases import program_type_for
from core.read_models import MesocycleSummary, ProgramRecord
from core.schemas import ClientProfile, Goal, MesocyclePlan
from ui.markdown import md_escape

OUTLINE_OPEN = "_program_outline_open"
"""The key of the open/closed state of "Create a new program outline" (a lazy expander)."""
PLANNED = "saved plan"
NOT_PLANNED = "outline only"


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


TIMELINE_LABEL = "Program timeline"
_BADGES = {PLANNED: "blue", NOT_PLANNED: "gray"}


@dataclass(frozen=True)
class TimelineBar:
    days: int
    """Its share of the row: the phase's length in days."""
    text: str
    """Markdown, escaped: a coloured badge with the phase and its weeks."""
    help: str
    """The tooltip: its dates and status."""


@dataclass(frozen=True)
class TimelineRow:
    name: str
    """The macrocycle's name, markdown-escaped."""
    lead_days: int
    """Days from the timeline's first day to the row's first phase (an empty column)."""
    bars: tuple[TimelineBar, ...]


@dataclass(frozen=True)
class Timeline:
    legend: str
    rows: tuple[TimelineRow, ...]
    today: str
    """Where today falls, in words ("Today, Tue 01 Dec 2026: Build, week 3 of 4")."""


def _where_today(phases: pd.DataFrame, today: date) -> str:
    day = f"Today, {today:%a %d %b %Y}"
    for phase, weeks, start, end in zip(
        phases["Phase"], phases["Weeks"], phases["Start"], phases["End"], strict=True
    ):
        if start <= today <= end:
            week = min(int(weeks), (today - start).days // 7 + 1)
            return f"{day}: {md_escape(phase)}, week {week} of {weeks}."
    if today < min(phases["Start"]):
        return f"{day}: before the program starts ({min(phases['Start']):%a %d %b %Y})."
    return f"{day}: after the program's last phase."


def timeline(phases: pd.DataFrame, today: date | None = None) -> Timeline:
    """The phases as coloured badges in columns as wide as their days, one row per macrocycle
    on a shared date line, and where today falls: native markdown (no HTML, no plotly figure,
    which cost the browser about 150 ms a page switch). Every text is markdown-escaped."""
    legend = f"**{TIMELINE_LABEL}** · " + " ".join(
        f":{colour}-background[{status}]" for status, colour in _BADGES.items()
    )
    if phases.empty:
        return Timeline(legend, (), "No phases yet.")
    first = min(phases["Start"])
    rows = []
    for macrocycle, part in phases.groupby("Macrocycle", sort=False):
        bars = tuple(
            TimelineBar(
                days=(end - start).days + 1,
                text=f":{_BADGES[status]}-background[{md_escape(f'{phase} ({weeks} wk)')}]",
                help=f"{phase}: {start:%a %d %b %Y} – {end:%a %d %b %Y}, {status}",
            )
            for phase, weeks, start, end, status in zip(
                part["Phase"],
                part["Weeks"],
                part["Start"],
                part["End"],
                part["Status"],
                strict=True,
            )
        )
        rows.append(TimelineRow(md_escape(macrocycle), (min(part["Start"]) - first).days, bars))
    return Timeline(legend, tuple(rows), _where_today(phases, today) if today else "")


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
