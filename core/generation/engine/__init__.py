"""The offline rule engine: deterministic, explainable periodized programs (no network, no clock).

The rules and their sources are written down in docs/engine.md; in short:
- Reps at a %1RM from the NSCA table (reps_table), minus the target RIR; top set + back-off sets
  instead of 4+ straight sets near failure; deadlifts ≤ 8 reps; ramp-up sets from 70 %.
- Each phase from a raised training max (+2.5 kg upper / +5 kg lower, 5/3/1-style); heavy / light /
  medium days for a lift repeated in a week; missing 1RMs dosed from a parent lift or by effort.
- RPE = 10 − RIR (Zourdos et al. 2016); RIR ramps 3 → 2 → 1 over the build weeks, then a deload
  (volume −40–50 %, intensity −10–20 %).
- Weekly hard sets per muscle in the experience band (Schoenfeld et al. 2017 dose-response; 1.0 per
  set for a prime mover, 0.5 for a synergist), starting near the low end and adding sets.
- Session-RPE load (Foster et al. 2001): planned sRPE = target RPE × planned minutes.
- Running: the 10 % rule for weekly mileage, a long run of 25–35 % of the week, ≈ 80 % easy
  (Seiler & Kjerland 2006).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from core.generation.base import OFFLINE
from core.generation.engine.breakdown import breakdown_mesocycle
from core.generation.engine.outline import outline_program
from core.generation.engine.phases import (
    PhaseStyle,
    block_lengths,
    phase_labels,
    phase_style,
    program_type_for,
    split_for,
    training_days,
)
from core.generation.engine.rounding import round_to_plate
from core.generation.engine.sessions import main_slot_count, session_kind
from core.schemas import (
    ClientProfile,
    FitnessProgram,
    MesocycleDetailed,
    MesocyclePlan,
    ProgramType,
)

__all__ = [
    "OfflineEngine",
    "PhaseStyle",
    "block_lengths",
    "main_slot_count",
    "phase_labels",
    "phase_style",
    "program_type_for",
    "round_to_plate",
    "session_kind",
    "split_for",
    "training_days",
]


class OfflineEngine:
    """The default generator: rules from docs/domain.md §4, the exercise library, no randomness."""

    name = OFFLINE

    def outline(self, profile: ClientProfile, weeks: int, start_date: date) -> FitnessProgram:
        """Program type from the goal, blocks of 3–6 weeks, one weekly target per week."""
        return outline_program(profile, weeks, start_date)

    def breakdown(
        self,
        plan: MesocyclePlan,
        profile: ClientProfile,
        program_type: ProgramType,
        start_date: date,
        training_maxes: Mapping[str, float] | None = None,
    ) -> MesocycleDetailed:
        """Dated microcycles (transition week 0 before a non-Monday start) with full sessions."""
        return breakdown_mesocycle(plan, profile, program_type, start_date, training_maxes)
