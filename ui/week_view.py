"""The Workouts page's week: seven day columns of sessions, its counts and its table, built
once per version of the client's workouts (``ui.page_data.week_page``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import pyarrow as pa  # type: ignore[import-untyped]

from core.delivery import files
from core.load.compliance import WeekCounts, week_counts
from core.read_models import MesocycleSummary, WorkoutRecord
from ui.calendar_view import status_label, week_table
from ui.markdown import md_escape

TYPE_ICONS = {
    "lift": ":material/fitness_center:",
    "run": ":material/directions_run:",
    "metcon": ":material/bolt:",
    "mobility": ":material/self_improvement:",
    "rest": ":material/bedtime:",
    "other": ":material/sports:",
}


@dataclass(frozen=True)
class SessionCard:
    """What a day column shows of one session."""

    workout_id: str
    title: str
    session_type: str
    minutes: str
    status: str

    @property
    def markdown(self) -> str:
        """The card as one markdown element: the title, then minutes and status in small grey."""
        icon = TYPE_ICONS.get(self.session_type, "")
        details = " · ".join(part for part in (self.minutes, self.status) if part)
        title = f"{icon} **{md_escape(self.title)}**"
        return f"{title}  \n:small[:gray[{md_escape(details)}]]" if details else title


@dataclass(frozen=True)
class DayColumn:
    day: date
    heading: str
    """'Mon 07' (and 'today' on the client's today)."""
    cards: list[SessionCard]

    @property
    def markdown(self) -> str:
        """The whole day as one markdown element: its heading, then each session's card (a grey
        dash on a day without one)."""
        heading = f"**{self.heading}**"
        if not self.cards:
            return f"{heading}  \n:gray[—]"
        return "\n\n".join([heading, *(card.markdown for card in self.cards)])


def counts_markdown(counts: WeekCounts) -> str:
    """The week's counts on one line: '**3** completed · **0** skipped · **1** missed ·
    **2** upcoming · compliance **75%**' (a dash while nothing is due)."""
    compliance = "—" if counts.compliance is None else f"{counts.compliance:.0%}"
    return (
        f"**{counts.completed}** completed · **{counts.skipped}** skipped · "
        f"**{counts.missed}** missed · **{counts.upcoming}** upcoming · "
        f"compliance **{compliance}**"
    )


def week_columns(workouts: Iterable[WorkoutRecord], monday: date, today: date) -> list[DayColumn]:
    """Monday to Sunday, each day's sessions in their order of the day."""
    by_day: dict[date, list[WorkoutRecord]] = {}
    for workout in sorted(workouts, key=lambda w: (w.date, w.day_slot)):
        by_day.setdefault(workout.date, []).append(workout)
    columns = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        heading = f"{day:%a %d}" + (" · today" if day == today else "")
        cards = [
            SessionCard(
                workout_id=str(w.id),
                title=w.title,
                session_type=w.session_type,
                minutes=_minutes(w),
                status=status_label(w, today),
            )
            for w in by_day.get(day, [])
        ]
        columns.append(DayColumn(day, heading, cards))
    return columns


def _minutes(workout: WorkoutRecord) -> str:
    if workout.actual_minutes:
        return f"{workout.actual_minutes} min done"
    if workout.planned_minutes:
        return f"{workout.planned_minutes} min"
    return ""


@dataclass(frozen=True)
class WeekPage:
    """What the Workouts page draws of one week: its workouts, the day columns, the counts, the
    table, and the saved phase it falls in (the Export box's), or None."""

    workouts: list[WorkoutRecord]
    columns: list[DayColumn]
    counts: WeekCounts
    summary: str
    """``counts`` as one markdown line (``counts_markdown``)."""
    table: pa.Table
    phase: MesocycleSummary | None


def build_week_page(
    workouts: list[WorkoutRecord],
    monday: date,
    today: date,
    phases: Sequence[MesocycleSummary],
) -> WeekPage:
    """The week starting ``monday`` (``workouts`` are its own) as the page shows it ``today``."""
    counts = week_counts(monday, workouts, today)
    return WeekPage(
        workouts=workouts,
        columns=week_columns(workouts, monday, today),
        counts=counts,
        summary=counts_markdown(counts),
        table=week_table(workouts, today),
        phase=files.phase_of_week(phases, monday),
    )
