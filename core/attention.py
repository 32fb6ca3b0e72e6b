"""Which clients need the coach's attention, and why: pure rules over a client's recent numbers.

The coach overview (``db.overview``) reads, per client, the last four full weeks plus the current
week (completed, skipped and missed sessions, docs/domain.md §5), the date of the last logged session and
the current phase; ``reasons`` turns that into short sentences a coach can act on:

- "compliance dropped from 90 % to 50 %": the pooled compliance of the three full weeks before last
  week, against last week plus this week so far, fell by at least ``DROP_POINTS``;
- "compliance 45 % over the last 4 weeks": low throughout (and not already reported as a drop);
- "no workout logged in 9 days": nothing completed or skipped for ``INACTIVE_DAYS`` or more while
  sessions were due;
- "phase 'Strength' ends in 3 days (next phase not planned)": the current phase ends within
  ``PHASE_END_DAYS`` and no later phase is saved (when it is, there is nothing to do). "No phase
  planned" when nothing runs today or later.
- "3 changes proposed for the week of Mon 07 Dec": an autoregulation proposal waits for the coach
  on the Workouts page (``core.proposals``).

Compliance counts training sessions only (rest days never count) and pools counts across weeks, so
a week with one session does not weigh as much as a week with five.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from core.dates import monday_of
from core.load.compliance import WeekCounts, week_counts
from core.read_models import MesocycleSummary, WorkoutRecord
from core.schemas import WorkoutStatus

DROP_POINTS = 0.20
"""A fall of 20 percentage points or more is a drop worth a look."""
LOW_COMPLIANCE = 0.60
INACTIVE_DAYS = 7
PHASE_END_DAYS = 7
MIN_DUE = 2
"""Fewer due sessions than this in a window say nothing about compliance."""
WEEKS = 5
"""The overview's window: four full weeks and the current one (oldest first)."""


def pooled(weeks: Sequence[WeekCounts]) -> tuple[float | None, int]:
    """(completed ÷ due over these weeks, due) — None when nothing was due."""
    due = sum(week.due for week in weeks)
    done = sum(week.completed for week in weeks)
    return (done / due if due else None), due


@dataclass(frozen=True)
class ClientOverview:
    """What the overview knows about one client (built by ``db.overview.coach_overview``)."""

    client_id: uuid.UUID
    name: str
    weeks: tuple[WeekCounts, ...]
    """The last four full weeks and the current week, oldest first."""
    last_logged: date | None = None
    """The latest date with a completed or skipped session."""
    phase: str | None = None
    phase_start: date | None = None
    phase_end: date | None = None
    """The phase running today (None: none is)."""
    next_phase_start: date | None = None
    """The first saved phase starting after today, if any."""
    workouts: int = 0
    """Sessions stored up to the end of the current week (0: nothing planned yet)."""
    proposed: int = 0
    """Exercise changes of the client's pending autoregulation proposals."""
    proposed_week: date | None = None
    """The earliest week a pending proposal is for."""

    @property
    def compliance_4_weeks(self) -> float | None:
        return pooled(self.weeks[:-1])[0]


def week_starts(today: date, weeks: int = WEEKS) -> list[date]:
    """Mondays of the overview's window, oldest first; the last is the current week's."""
    monday = monday_of(today)
    return [monday - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]


def client_overview(
    client_id: uuid.UUID,
    name: str,
    workouts: Iterable[WorkoutRecord],
    phases: Iterable[MesocycleSummary],
    today: date,
    pending: Iterable[tuple[date, int]] = (),
) -> ClientOverview:
    """One client's overview from their records (``pending``: each pending proposal's week and
    number of changes): what ``db.overview`` computes in three queries."""
    pending = list(pending)
    mondays = week_starts(today)
    stored = [w for w in workouts if w.date <= mondays[-1] + timedelta(days=6)]
    weeks = tuple(
        week_counts(monday, [w for w in stored if monday_of(w.date) == monday], today)
        for monday in mondays
    )
    logged = [w.date for w in stored if w.status != WorkoutStatus.SCHEDULED]
    running = sorted((p for p in phases if p.end_date >= today), key=lambda p: p.start_date)
    current = next((p for p in running if p.start_date <= today), None)
    upcoming = [p.start_date for p in running if p.start_date > today]
    return ClientOverview(
        client_id=client_id,
        name=name,
        # what was due; sessions still to come are not part of the overview (as in db.overview)
        weeks=tuple(replace(week, upcoming=0) for week in weeks),
        last_logged=max(logged, default=None),
        phase=current.phase if current else None,
        phase_start=current.start_date if current else None,
        phase_end=current.end_date if current else None,
        next_phase_start=min(upcoming, default=None),
        workouts=len(stored),
        proposed=sum(count for _, count in pending),
        proposed_week=min((week for week, _ in pending), default=None),
    )


class ReasonKind(StrEnum):
    COMPLIANCE_DROP = "compliance_drop"
    LOW_COMPLIANCE = "low_compliance"
    INACTIVE = "inactive"
    PHASE_ENDING = "phase_ending"
    NO_PHASE = "no_phase"
    PROPOSED = "proposed"


@dataclass(frozen=True)
class Reason:
    kind: ReasonKind
    text: str
    urgency: int = field(default=0, compare=False)
    """Higher first when sorting clients (days inactive, points dropped, days to a phase end)."""


def percent(value: float) -> str:
    return f"{round(value * 100):.0f} %"


def compliance_reasons(weeks: Sequence[WeekCounts]) -> list[Reason]:
    """A drop (earlier full weeks against last week and this week so far), or low compliance."""
    if len(weeks) < 3:
        return []
    before, before_due = pooled(weeks[:-2])
    recent, recent_due = pooled(weeks[-2:])
    if (
        before is not None
        and recent is not None
        and before_due >= MIN_DUE
        and recent_due >= MIN_DUE
        and before - recent >= DROP_POINTS - 1e-9
    ):
        text = f"compliance dropped from {percent(before)} to {percent(recent)}"
        return [Reason(ReasonKind.COMPLIANCE_DROP, text, round((before - recent) * 100))]
    overall, due = pooled(weeks[:-1])
    if overall is not None and due >= MIN_DUE and overall < LOW_COMPLIANCE:
        text = f"compliance {percent(overall)} over the last {len(weeks) - 1} weeks"
        return [Reason(ReasonKind.LOW_COMPLIANCE, text, round((LOW_COMPLIANCE - overall) * 100))]
    return []


def inactivity_reason(
    weeks: Sequence[WeekCounts], last_logged: date | None, today: date
) -> Reason | None:
    """Nothing logged for a week or more while sessions were due."""
    due = sum(week.due for week in weeks)
    if due == 0:
        return None  # nothing was asked of the client (no program yet, or it starts later)
    if last_logged is None:
        return Reason(ReasonKind.INACTIVE, "no workout logged yet", 1000)
    days = (today - last_logged).days
    if days < INACTIVE_DAYS:
        return None
    return Reason(ReasonKind.INACTIVE, f"no workout logged in {days} days", days)


def phase_reason(
    phase: str | None,
    phase_end: date | None,
    next_phase_start: date | None,
    today: date,
    has_workouts: bool = True,
) -> Reason | None:
    """The current phase ends soon (and what comes next), or no phase runs from today on."""
    if phase_end is None:
        if next_phase_start is not None:
            return None  # between phases: the next one is saved
        text = "no phase planned" if has_workouts else "no phase planned yet"
        return Reason(ReasonKind.NO_PHASE, text, 1)
    days = (phase_end - today).days
    if days > PHASE_END_DAYS or next_phase_start is not None:
        return None  # far off, or the next phase is already saved: nothing for the coach to do
    when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
    name = f"phase '{phase}'" if phase else "the phase"
    text = f"{name} ends {when} (next phase not planned)"
    return Reason(ReasonKind.PHASE_ENDING, text, PHASE_END_DAYS + 1 - days)


def proposal_reason(proposed: int, week: date | None) -> Reason | None:
    """Changes proposed for a coming week wait for the coach's Accept or Dismiss."""
    if not proposed or week is None:
        return None
    changes = "1 change" if proposed == 1 else f"{proposed} changes"
    return Reason(ReasonKind.PROPOSED, f"{changes} proposed for the week of {week:%a %d %b}", 2)


def reasons(client: ClientOverview, today: date) -> list[Reason]:
    """Every reason this client needs attention today, most pressing kind first."""
    found = compliance_reasons(client.weeks)
    inactive = inactivity_reason(client.weeks, client.last_logged, today)
    if inactive is not None:
        found.insert(0, inactive)
    phase = phase_reason(
        client.phase, client.phase_end, client.next_phase_start, today, client.workouts > 0
    )
    if phase is not None:
        found.append(phase)
    proposal = proposal_reason(client.proposed, client.proposed_week)
    if proposal is not None:
        found.append(proposal)
    return found


@dataclass(frozen=True)
class Attention:
    client: ClientOverview
    reasons: list[Reason]


def needing_attention(clients: Sequence[ClientOverview], today: date) -> list[Attention]:
    """The clients with at least one reason: most reasons first, then the most urgent, then name."""
    flagged = [Attention(client, reasons(client, today)) for client in clients]
    flagged = [item for item in flagged if item.reasons]
    flagged.sort(
        key=lambda item: (
            -len(item.reasons),
            -max(reason.urgency for reason in item.reasons),
            item.client.name.lower(),
        )
    )
    return flagged
