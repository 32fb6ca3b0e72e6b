"""Training maxes for the next phase: from the logged sets of the previous one when there are any
(TM = 90 % of the best recent e1RM, moves capped, missed reps and RPE drift lowering it), else the
planned progression (the 1RM plus one step per phase). The engine loads main lifts from them.

Sources (docs/domain.md §5): the 90 % training max of Wendler's 5/3/1 (Wendler 2011); e1RM by
Epley on reps + RIR (core.load.e1rm); RIR-based effort after Zourdos et al. 2016 and Helms et al.
2016.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from core.exercises.library import LOWER_BODY_PATTERNS, LibraryExercise, find_exercise
from core.load.e1rm import DatedSet, reps_in_reserve, set_e1rm
from core.plates import round_to_plate
from core.schemas import ClientProfile, MesocyclePlan

TRAINING_MAX_STEP = {"upper": 2.5, "lower": 5.0}
"""kg added to a training max per phase when the logs say nothing (a lower lift moves faster)."""
PLANNED_STEPS_MAX = 3
"""The planned progression raises a tested 1RM by at most this many steps (about four phases,
16 weeks): further progress is assumed only when logged sets show it (``_from_logs``) or the
1RM is tested again, so a year planned ahead never doses a bench at 125 kg for a 105 kg 1RM."""
TM_SHARE = 0.90
MAX_STEPS = 2
"""A TM moves at most this many steps from the planned one in a phase, up or down."""
RECENT_SETS = 6
"""The best e1RM among a lift's last this-many loaded sets (recent form, not an old peak)."""
GROUND_OUT_RIR = 0.0
DRIFT_RIR = 1.5
"""Effort drift: the last session's sets this many reps closer to failure than the first's."""


def phase_index(plan: MesocyclePlan) -> int:
    """The phase's place in its program from the outline's ids ("meso-3" → 2); other ids → 0."""
    match = re.fullmatch(r"meso-(\d+)", plan.id or "")
    return max(0, int(match.group(1)) - 1) if match else 0


def training_max_step(entry: LibraryExercise) -> float:
    return TRAINING_MAX_STEP["lower" if entry.pattern in LOWER_BODY_PATTERNS else "upper"]


def planned_training_max(one_rm: float, entry: LibraryExercise, phase_index: int) -> float:
    """The planned progression: the 1RM plus one step per phase after the first, at most
    PLANNED_STEPS_MAX steps."""
    return one_rm + training_max_step(entry) * min(phase_index, PLANNED_STEPS_MAX)


def working_max(one_rm: float, training_max: float) -> float:
    """The max a phase's reps are read against: its training max where the phase assumes the
    client has grown past the tested 1RM (the loads rose, so the reps at a % stay those of the
    phase's dose instead of shrinking to singles), never less than the tested 1RM."""
    return max(one_rm, training_max)


def block_maxes(
    one_rm: float, entry: LibraryExercise, phase_index: int, training_max: float
) -> tuple[float, ...]:
    """The max each phase of a program reads its reps against, the first phase's to this one's:
    the planned progression's working max for the phases before (what they assumed), this
    phase's from its own training max (logged or planned)."""
    before = tuple(
        working_max(one_rm, planned_training_max(one_rm, entry, index))
        for index in range(phase_index)
    )
    return (*before, working_max(one_rm, training_max))


def highest_working_max(one_rm: float, entry: LibraryExercise) -> float:
    """The most a phase's training max can be above a tested 1RM: the planned progression's
    cap and the logs' largest move past it (what a plan's %1RM may be a share of)."""
    return one_rm + training_max_step(entry) * (PLANNED_STEPS_MAX + MAX_STEPS)


@dataclass(frozen=True)
class TrainingMax:
    """One main lift's training max for a phase: the planned one, the proposed one, and why."""

    lift: str
    """The lift's name as the client's 1RMs give it."""
    planned: float
    proposed: float
    why: str


def propose_training_maxes(
    profile: ClientProfile, phase_index: int, logged: Iterable[DatedSet]
) -> list[TrainingMax]:
    """A training max per lift the client gave a 1RM for (library lifts only)."""
    sets = list(logged)
    proposals = []
    for lift, one_rm in profile.one_rep_maxes.items():
        entry = find_exercise(lift)
        if entry is None:
            continue
        planned = planned_training_max(one_rm, entry, phase_index)
        mine = [s for s in sets if s.result.exercise.strip().lower() == entry.name.lower()]
        proposals.append(_from_logs(lift, entry, planned, mine))
    return proposals


def _from_logs(
    lift: str, entry: LibraryExercise, planned: float, sets: list[DatedSet]
) -> TrainingMax:
    estimates = [(s, e) for s in sets if (e := set_e1rm(s.result)) is not None]
    if not estimates:
        return TrainingMax(
            lift,
            planned,
            planned,
            "nothing logged: the planned progression (one step a phase, three at most)",
        )
    recent = estimates[-RECENT_SETS:]
    best = max(e for _, e in recent)
    step = training_max_step(entry)
    target = round_to_plate(best * TM_SHARE)
    reasons = [f"90 % of the best recent e1RM {best:g} kg = {target:g} kg"]
    misses = sum(reps_in_reserve(s.result.rir, s.result.rpe) <= GROUND_OUT_RIR for s, _ in recent)
    if misses:
        target -= step
        reasons.append(f"{misses} set(s) taken to failure: −{step:g} kg")
    if _drift(sets) >= DRIFT_RIR:
        target -= step
        reasons.append(f"the same work felt harder as the phase went on: −{step:g} kg")
    low, high = planned - MAX_STEPS * step, planned + MAX_STEPS * step
    capped = min(max(target, low), high)
    if capped != target:
        reasons.append(f"capped at {MAX_STEPS} steps ({MAX_STEPS * step:g} kg) from {planned:g} kg")
    return TrainingMax(lift, planned, round_to_plate(capped), "; ".join(reasons))


def _drift(sets: list[DatedSet]) -> float:
    """How many reps closer to failure the last logged day's sets were than the first day's."""
    days = sorted({s.day for s in sets})
    if len(days) < 2:
        return 0.0

    def mean_rir(day: object) -> float | None:
        values = [
            reps_in_reserve(s.result.rir, s.result.rpe)
            for s in sets
            if s.day == day and (s.result.rir is not None or s.result.rpe is not None)
        ]
        return sum(values) / len(values) if values else None

    first, last = mean_rir(days[0]), mean_rir(days[-1])
    return 0.0 if first is None or last is None else first - last


def as_input(proposals: Iterable[TrainingMax]) -> dict[str, float]:
    """What the engine takes: training max in kg by library lift name (lower case)."""
    result: dict[str, float] = {}
    for proposal in proposals:
        entry = find_exercise(proposal.lift)
        if entry is not None:
            result[entry.name.lower()] = proposal.proposed
    return result


def training_max_for(
    maxes: Mapping[str, float], entry: LibraryExercise, one_rm: float, phase_index: int
) -> float:
    """The engine's training max for a lift: the one given, else the planned progression."""
    return maxes.get(entry.name.lower()) or planned_training_max(one_rm, entry, phase_index)
