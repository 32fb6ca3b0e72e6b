"""A novice's linear progression (Rippetoe, *Starting Strength*): the same sets and reps all
block, the heaviest load of the week one step heavier every week from a start 3 reps short of
failure to a top 1 short (NSCA table), each block's top a plate over the last's, and the stall
rule in the rationale instead of a planned deload."""

from __future__ import annotations

from dataclasses import dataclass

from core.generation.engine.loads import (
    MAX_MAIN_REPS,
    MAX_RIR,
    Load,
    ceiling_load,
    hard_set_floor,
    reps_text,
)
from core.generation.engine.phases import linear_progression as phase_linear_progression
from core.generation.engine.reps_table import pct_for_reps, whole_reps_to_failure
from core.generation.engine.sessions import Ctx
from core.plates import LoadStep, floor_to_step, round_to_step
from core.schemas import Goal
from core.units import LoadUnit, format_load
from core.validation.volume_floor import HARD_SET_MAX_RIR

NOVICE_REPS: dict[Goal, tuple[int, int]] = {
    # (reps a set in a novice's first block, fewest reps): one rep fewer each block after
    Goal.STRENGTH: (8, 5),
    Goal.MUSCLE_GAIN: (10, 6),
}
LINEAR_START_RIR, LINEAR_END_RIR = 3, 1
"""A novice's block starts about 3 reps short of failure and climbs to 1 short (NSCA table)."""
STALL_RULE = (
    "stall rule: a missed rep repeats the load; missed two sessions running, take 10 % off "
    "and build back"
)


def linear_progression(ctx: Ctx) -> bool:
    """Novices on a lifting program progress linearly (Rippetoe's novice progression): the same
    sets and reps all block, the load a step heavier every week, a stall resetting the load."""
    return phase_linear_progression(ctx.profile, ctx.program_type)


def novice_reps(goal: Goal, phase_index: int, cap: int | None) -> int:
    first, fewest = NOVICE_REPS[goal]
    reps = max(fewest, first - phase_index)
    return min(reps, cap) if cap is not None else reps


@dataclass(frozen=True)
class LinearPlan:
    """One main lift's linear progression over a block: a start load, a weekly jump, a top."""

    one_rm: float
    start: float
    jump: float
    top: float
    reps: int
    plate: LoadStep
    cap: int = MAX_MAIN_REPS

    def heavy(self, build_index: int) -> float:
        return min(self.start + self.jump * build_index, self.top)

    def load(self, build_index: int, offset: float, pct: float) -> Load:
        """The week's load: the heavy day's, or a lighter day's at the same reps (lighter by the
        day's share, never so light that its sets stop being hard sets)."""
        kg = self.heavy(build_index)
        if offset < 0:
            lightest = hard_set_floor(self.one_rm, self.reps, self.plate)
            scaled = round_to_step(kg * (pct + offset) / pct, self.plate)
            kg = max(self.plate.kg, min(kg - self.plate.kg, max(scaled, lightest)))
        load = Load(self.one_rm, kg, 1.0, 0, None, self.plate)
        load.reps = min(self.reps, load.failure)
        if offset < 0:
            # a lighter day a plate under a heavy day already near its floor keeps its sets
            # hard with a rep or two more
            load.reps = max(load.reps, min(self.cap, load.failure - HARD_SET_MAX_RIR))
        load.rir = max(0, min(MAX_RIR, load.failure - load.reps))
        return load

    def text(self, unit: LoadUnit, load: Load) -> str:
        climb = (
            f"+{format_load(self.jump, unit)} a week ({format_load(self.start, unit)} → "
            f"{format_load(self.top, unit)})"
            if self.top > self.start
            else f"{format_load(self.start, unit)} until every rep is made"
        )
        light = (
            f"; light day: {reps_text(load.reps)} (sets stay hard)"
            if load.reps != self.reps
            else ""
        )
        return (
            f"novice linear progression: {reps_text(self.reps)} a set all block, {climb}"
            f"{light}; {STALL_RULE}"
        )


def _top(one_rm: float, reps: int, plate: LoadStep) -> float:
    return floor_to_step(one_rm * pct_for_reps(reps + LINEAR_END_RIR) / 100, plate)


def _block_top(
    maxes: tuple[float, ...], goal: Goal, cap: int | None, plate: LoadStep
) -> tuple[float, int]:
    """(top load, reps) of a novice's block: the load the block's reps leave 1 in reserve (NSCA
    table), at least a plate over the block before's top; where that plate is more than the
    reps allow, the block does a rep fewer, so its top still leaves one in reserve (its reps
    stay the same every week). Where a plate under the top would leave the reps more than 4 in
    reserve (a 67.5 kg bench for 10: 42.5 kg is RIR 5, 45 kg RIR 2, the table's 10–15 reps span
    only 65–75 %), the block does fewer reps, down to the goal's fewest, until two plates fit
    between a hard set and the top (8 reps: 45 → 50 kg)."""
    phase_index, one_rm = len(maxes) - 1, maxes[-1]
    first = novice_reps(goal, phase_index, cap)
    fewest = min(first, NOVICE_REPS[goal][1])
    above = _block_top(maxes[:-1], goal, cap, plate)[0] + plate.kg if phase_index else 0

    def block(wanted: int) -> tuple[float, int]:
        top = min(
            max(_top(one_rm, wanted, plate), above), max(plate.kg, ceiling_load(one_rm, plate))
        )
        return top, max(1, min(wanted, whole_reps_to_failure(top / one_rm * 100) - LINEAR_END_RIR))

    for wanted in range(first, fewest - 1, -1):
        top, reps = block(wanted)
        if hard_set_floor(one_rm, reps, plate) <= top - plate.kg:
            return top, reps
    return block(first)


def linear_plan(
    maxes: tuple[float, ...],
    goal: Goal,
    plate: LoadStep,
    step: float,
    builds: int,
    cap: int | None = None,
) -> LinearPlan:
    """A block of a novice's linear progression: from its top (``_block_top``) down to a start
    3 reps short of failure, or lower (never past 4, a hard set) so the weeks climb by whole
    plates, and always at least one plate below the top; the weekly jump is the lift's step
    (2.5 kg upper body, 5 kg lower body) or less. ``maxes`` are the max each block of the
    program reads its reps against, the first block's to this one's (the tested 1RM, then the
    training max each later phase assumes, core.training_max): a novice's tops climb a plate a
    block, and read against the first 1RM alone a fourth block's rows were two singles."""
    one_rm = maxes[-1]
    top, reps = _block_top(maxes, goal, cap, plate)
    start = round_to_step(one_rm * pct_for_reps(reps + LINEAR_START_RIR) / 100, plate)
    lowest = hard_set_floor(one_rm, reps, plate)
    climb = (builds - 1) * plate.kg
    start = max(plate.kg, min(start, top - plate.kg, max(lowest, top - climb)))
    # a start rounded to the nearest plate may fall under the hard-set floor (9 reps at 37.5 kg
    # of a 57.5 kg front squat: RIR 5): it starts there instead, still a plate under the top
    start = max(start, min(lowest, top - plate.kg))
    jump = max(plate.kg, round_to_step(step, plate))
    if builds > 1:
        jump = min(jump, max(plate.kg, floor_to_step((top - start) / (builds - 1), plate)))
        # the jump rounded down would stop the block short of its top (a second block's
        # deadlift 102.5 → 110 again, not 112.5): the start rises so the last build week is it
        start = min(top - plate.kg, max(start, top - jump * (builds - 1)))
    return LinearPlan(one_rm, start, jump, top, reps, plate, cap or MAX_MAIN_REPS)
