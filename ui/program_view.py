"""The Program page's shapes: the phases of a program as a table and an HTML timeline, its targets,
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

from bootstrap import GENERATOR_LABELS
from core.dates import first_monday, mesocycle_date_range
from core.generation.engine.phases import program_type_for
from core.read_models import MesocycleSummary, ProgramRecord
from core.schemas import ClientProfile, Goal, MesocyclePlan
from ui.figures import DONE_COLOUR, PLANNED_COLOUR, TODAY_COLOUR
from ui.markdown import html_text

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


TIMELINE_LABEL = "Program timeline"


def _percent(day: date, first: date, span_days: int) -> float:
    return round((day - first).days / span_days * 100, 2)


def timeline_html(phases: pd.DataFrame, today: date | None = None) -> str:
    """The phases as bars on a shared date line, one row per macrocycle, coloured by whether a
    plan is saved, with today marked: plain HTML (a few dozen nodes; the plotly figure it
    replaces cost the browser about 150 ms a page switch). Every text is escaped (html_text)."""
    legend = " ".join(
        f'<span style="white-space:nowrap"><span style="display:inline-block;width:0.8em;'
        f'height:0.8em;border-radius:2px;background:{colour}"></span> {html_text(status)}</span>'
        for status, colour in _COLOURS.items()
    )
    head = (
        f'<div style="font-weight:600">{TIMELINE_LABEL}</div>'
        f'<div style="font-size:0.85em;margin:2px 0 6px">{legend}</div>'
    )
    if phases.empty:
        return f"<div>{head}<div>No phases yet.</div></div>"
    first, last = min(phases["Start"]), max(phases["End"])
    if today is not None:  # a program starting next week still shows where today is
        first, last = min(first, today), max(last, today)
    span = (last - first).days + 1
    rows = []
    for macrocycle, part in phases.groupby("Macrocycle", sort=False):
        bars = []
        for phase, weeks, start, end, status in zip(
            part["Phase"], part["Weeks"], part["Start"], part["End"], part["Status"], strict=True
        ):
            left = _percent(start, first, span)
            width = round(((end - start).days + 1) / span * 100, 2)
            words = f"{phase} ({weeks} wk)"
            title = f"{phase}: {start:%a %d %b %Y} – {end:%a %d %b %Y}, {status}"
            bars.append(
                f'<div title="{html_text(title)}" style="position:absolute;top:0;bottom:0;'
                f"left:{left}%;width:calc({width}% - 2px);background:{_COLOURS[status]};"
                "color:#fff;border-radius:4px;padding:0 6px;overflow:hidden;"
                'white-space:nowrap;text-overflow:ellipsis;line-height:2em">'
                f"{html_text(words)}</div>"
            )
        rows.append(
            f'<div style="font-size:0.85em;margin-top:4px">{html_text(macrocycle)}</div>'
            f'<div style="position:relative;height:2em">{"".join(bars)}</div>'
        )
    marker = ""
    if today is not None:
        at = _percent(today, first, span)
        marker = (
            f'<div style="position:absolute;top:0;bottom:0;left:{at}%;'
            f'border-left:2px dashed {TODAY_COLOUR}"></div>'
            f'<div style="position:absolute;bottom:-1.4em;left:{at}%;transform:translateX(-50%);'
            f'font-size:0.8em;color:{TODAY_COLOUR};white-space:nowrap">today {today:%d %b}</div>'
        )
    ends = (
        f'<div style="display:flex;justify-content:space-between;font-size:0.8em;'
        f'margin-top:1.6em"><span>{first:%d %b %Y}</span><span>{last:%d %b %Y}</span></div>'
    )
    return (
        f'<div role="figure" aria-label="{TIMELINE_LABEL}">{head}'
        f'<div style="position:relative">{"".join(rows)}{marker}</div>{ends}</div>'
    )


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
