"""Main lifts: which 1RM a lift is dosed from, the training max of a phase, and the rows written.

- Loads come from a training max: the client's 1RM raised +2.5 kg (upper body) or +5 kg (lower
  body) for each phase after the first, at most three times without logged sets (Wendler's 5/3/1
  progression; core.training_max), so a new phase never copies the last one. ``pct_one_rm`` is
  the load as a % of the max the phase assumes (the training max where it is above the tested
  1RM), and the reps at that % come from the NSCA table (reps_table) minus the week's reps in
  reserve: a raised phase keeps its dose's reps instead of sliding to singles. No load passes
  97.5 % of the tested 1RM. A novice's linear progression reads its loads against the 1RM.
- A variation without its own 1RM is dosed from its parent lift by a fixed ratio (a front squat
  at 85 % of the back squat…); a lift with neither is dosed by effort, and says so.
- The same lift twice or three times in a week is undulated: heavy, light (−10 %, one more rep in
  reserve), medium (−5 %), after Rhea et al. (2002) on daily undulating periodization.
- 4+ sets at RIR ≤ 1 become a top set and back-off sets at 90 % of its load.
- Conventional, sumo and trap-bar deadlifts stay at 8 reps or fewer: the load rises instead.
- Bodyweight lifts keep their rep range in every phase: they progress by reps inside the range,
  sets and effort, never by cutting reps.
- Every load is rounded to the client's step for the lift's equipment in the client's unit
  (core.plates: 2.5 kg or 5 lb plates…), and the rationale says so in that unit.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.exercises.library import LibraryExercise
from core.generation.engine.dosing import (
    REP_RANGES,
    REPEAT_REP_SHIFT,
    Dose,
    bodyweight_reps,
    is_bodyweight,
    rest_for,
)
from core.generation.engine.phases import linear_progression as phase_linear_progression
from core.generation.engine.ramps import RAMP_FROM_PCT, effort_ramp, ramp_note
from core.generation.engine.reps_table import pct_for_reps, whole_reps_to_failure
from core.generation.engine.sessions import Ctx, Item
from core.plates import (
    LoadStep,
    client_step,
    floor_to_step,
    round_to_step,
)
from core.schemas import Exercise, Experience, Goal, effective_units
from core.training_max import training_max_for, training_max_step, working_max
from core.units import LoadUnit, format_load
from core.validation import estimated_one_rep_max, pct_of_one_rm
from core.validation.rest_periods import rest_within
from core.validation.volume_floor import HARD_SET_MAX_RIR

DEADLIFTS = frozenset({"Deadlift", "Sumo Deadlift", "Trap Bar Deadlift"})
DEADLIFT_MAX_REPS = 8
MAX_MAIN_REPS = 12
"""A main lift is never a set of more than 12: a light day raises the load instead..."""
LIGHT_DAY_EXTRA_REPS = (3, 2)
"""...unless the week is already at the hard-set reserve (RIR 4): then its light day goes to
15 reps (10 for a deadlift, below 70 % at RIR 4) and its medium day to one rep less, so they
stay lighter and still hard sets (RIR ≤ 4) instead of a RIR 5 set or a copy of another day."""
DAY_STYLES: tuple[tuple[str, float, int], ...] = (
    # (name, %1RM offset, extra reps in reserve) of the 1st, 2nd, 3rd time a lift comes in a week
    ("heavy", 0.0, 0),
    ("light", -10.0, 1),
    ("medium", -5.0, 0),
)
BACK_OFF_SHARE = 0.9
BACK_OFF_RIR = 2
TOP_SET_FROM = 4
"""From this many sets at RIR ≤ 1, the sets become a top set and back-off sets."""
MAX_BUMP_PCT = 7.5
HEAVY_SINGLES = 0.9
"""From 90 % of the 1RM a top set is a single or double with back-off sets after it."""
MAX_PCT = 97.5
"""Above this no work set is written: a planned single near a true max is a test, not training."""
MAX_RIR = 5


def reps_text(count: int) -> str:
    return f"{count} rep" if count == 1 else f"{count} reps"


def load_unit(ctx: Ctx) -> LoadUnit:
    return effective_units(ctx.profile).load


def lift_step(ctx: Ctx, entry: LibraryExercise) -> LoadStep:
    """The jump this lift's loads round to: the client's step for its equipment, in their unit."""
    return client_step(ctx.profile, entry.equipment)


def known_one_rm(ctx: Ctx, entry: LibraryExercise) -> tuple[float, str] | None:
    """(1RM in kg, where it comes from) for a lift: the client's own, or its parent's × ratio."""
    return estimated_one_rep_max(ctx.profile, entry)


def bodyweight_repeat(
    entry: LibraryExercise, low: int, high: int, rir: int, occurrence: int
) -> tuple[int, int, int]:
    """(low, high, RIR) of a bodyweight exercise's further time in a week, so no day copies
    another: the range reaches further (more reps, the floor kept, so reps never fall), or for a
    lift dosed low on purpose (Nordic curls, 3–6) a rep further from failure the second time (a
    lighter day; a rep closer where that would pass the hard-set reserve) and a rep shorter top
    of the range the third."""
    if occurrence <= 0:
        return low, high, rir
    shift = REPEAT_REP_SHIFT[min(occurrence, len(REPEAT_REP_SHIFT) - 1)]
    if entry.name not in REP_RANGES:
        return low, high + shift + 1, rir
    if occurrence % 2 == 0:  # a third time: a shorter range (each rep slower and cleaner)
        return low, max(low, high - 1), rir
    lighter = rir + 1 if rir + 1 <= HARD_SET_MAX_RIR else max(BACK_OFF_RIR, rir - 1)
    return low, high, lighter


def _lighter_day_reps(
    reps: int,
    cap: int,
    offset: float,
    extra_rir: int,
    no_pct: bool = False,
    heavy_capped: bool = False,
) -> int:
    """Reps of an effort-dosed main lift (no 1RM): the heavy day's, capped; a lighter day two
    more (light) or one more (medium) where the week has no %1RM to lighten it by, or where it
    and the heavy day would both stop at the cap, so no day of the week copies another."""
    if offset >= 0:
        return min(reps, cap)
    more = 2 if extra_rir else 1
    if no_pct:
        return min(reps, cap) + more
    return cap + more if reps >= cap and heavy_capped else min(reps, cap)


def _day_style(item: Item) -> tuple[str, float, int]:
    return DAY_STYLES[item.occurrence % len(DAY_STYLES)]


BEGINNER_MIN_REPS = 4
"""A beginner's main-lift sets are never shorter than 4 reps: the load stays where 4 reps leave
the week's reserve (about 87 % of the tested 1RM at RIR 1, the NSCA table's 5RM), whatever the
phase's percentage of a raised training max or a light lift's plate rounding would give (a
beginner's 3 x 2 at 88 %). Heavy triples, doubles and singles are for trained lifters (ACSM
2009 progression models: novices at 60-70 % of the 1RM for 8-12 reps)."""


def beginner(ctx: Ctx) -> bool:
    return ctx.profile.experience == Experience.BEGINNER


def beginner_ceiling(one_rm: float, rir: int, plate: LoadStep) -> float:
    """The heaviest load on the plate step at which BEGINNER_MIN_REPS reps leave ``rir`` in
    reserve (NSCA table), never below one plate step."""
    kg = one_rm * pct_for_reps(BEGINNER_MIN_REPS + rir) / 100
    return max(plate.kg, floor_to_step(kg, plate))


def _heavy_load(one_rm: float, training_max: float, pct: float, step: LoadStep) -> float:
    """The heavy day's load: ``pct`` of the training max, at most MAX_PCT of the 1RM."""
    ceiling = floor_to_step(one_rm * MAX_PCT / 100, step)
    load = round_to_step(training_max * pct / 100, step)
    return max(step.kg, min(load, ceiling))


def _raised_load(
    one_rm: float, training_max: float, pct: float, plate: LoadStep, step: float
) -> float:
    """The heavy day's load of a phase after the first: at least one plate step over the same
    week's load of the phase before (itself raised the same way), so a raise that plate rounding
    would hide still shows, unless that step is a big jump for a light lift (over 7.5 %)."""
    heavy_kg = _heavy_load(one_rm, training_max, pct, plate)
    if training_max - step < one_rm - 1e-9:
        return heavy_kg
    bumped = _raised_load(one_rm, training_max - step, pct, plate, step) + plate.kg
    if bumped / training_max * 100 <= pct + MAX_BUMP_PCT:
        heavy_kg = max(heavy_kg, min(bumped, _heavy_load(one_rm, training_max, 100, plate)))
    return heavy_kg


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

    def load(self, build_index: int, offset: float, pct: float) -> _Load:
        """The week's load: the heavy day's, or a lighter day's at the same reps (lighter by the
        day's share, never so light that its sets stop being hard sets)."""
        kg = self.heavy(build_index)
        if offset < 0:
            lightest = _hard_set_floor(self.one_rm, self.reps, self.plate)
            scaled = round_to_step(kg * (pct + offset) / pct, self.plate)
            kg = max(self.plate.kg, min(kg - self.plate.kg, max(scaled, lightest)))
        load = _Load(self.one_rm, kg, 1.0, 0, None, self.plate)
        load.reps = min(self.reps, load.failure)
        if offset < 0:
            # a lighter day a plate under a heavy day already near its floor keeps its sets
            # hard with a rep or two more
            load.reps = max(load.reps, min(self.cap, load.failure - HARD_SET_MAX_RIR))
        load.rir = max(0, min(MAX_RIR, load.failure - load.reps))
        return load

    def text(self, unit: LoadUnit, load: _Load) -> str:
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


def _hard_set_floor(one_rm: float, reps: int, plate: LoadStep) -> float:
    """The lightest load on the plate step at which ``reps`` still leave at most 4 in reserve
    (a hard set), by the NSCA table."""
    kg = one_rm * pct_for_reps(reps + HARD_SET_MAX_RIR) / 100
    floor = floor_to_step(kg, plate)
    return floor if floor >= kg - 1e-6 else floor + plate.kg


def _top(one_rm: float, reps: int, plate: LoadStep) -> float:
    return floor_to_step(one_rm * pct_for_reps(reps + LINEAR_END_RIR) / 100, plate)


def _block_top(
    one_rm: float, goal: Goal, phase_index: int, cap: int | None, plate: LoadStep
) -> tuple[float, int]:
    """(top load, reps) of a novice's block: the load the block's reps leave 1 in reserve (NSCA
    table), at least a plate over the block before's top; where that plate is more than the
    reps allow, the block does a rep fewer, so its top still leaves one in reserve (its reps
    stay the same every week)."""
    reps = novice_reps(goal, phase_index, cap)
    top = _top(one_rm, reps, plate)
    if phase_index > 0:
        top = max(top, _block_top(one_rm, goal, phase_index - 1, cap, plate)[0] + plate.kg)
    top = min(top, max(plate.kg, floor_to_step(one_rm * MAX_PCT / 100, plate)))
    return top, max(1, min(reps, whole_reps_to_failure(top / one_rm * 100) - LINEAR_END_RIR))


def linear_plan(
    one_rm: float,
    goal: Goal,
    phase_index: int,
    plate: LoadStep,
    step: float,
    builds: int,
    cap: int | None = None,
) -> LinearPlan:
    """A block of a novice's linear progression: from its top (``_block_top``) down to a start
    3 reps short of failure, or lower (never past 4, a hard set) so the weeks climb by whole
    plates, and always at least one plate below the top; the weekly jump is the lift's step
    (2.5 kg upper body, 5 kg lower body) or less."""
    top, reps = _block_top(one_rm, goal, phase_index, cap, plate)
    start = round_to_step(one_rm * pct_for_reps(reps + LINEAR_START_RIR) / 100, plate)
    lowest = _hard_set_floor(one_rm, reps, plate)
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


class _Load:
    """One loaded prescription: kg, its % of the max the phase assumes (``working_max``: the
    training max where it is above the tested 1RM), reps and reps in reserve. No load passes
    MAX_PCT of the tested 1RM."""

    def __init__(
        self,
        one_rm: float,
        heavy_kg: float,
        scale: float,
        rir: int,
        cap: int | None,
        step: LoadStep,
        training_max: float | None = None,
        most_kg: float | None = None,
    ):
        load = round_to_step(heavy_kg * scale, step)
        strength = working_max(one_rm, training_max or one_rm)
        ceiling = round_to_step(one_rm * MAX_PCT / 100, step)
        if most_kg is not None:  # a beginner's ceiling (beginner_ceiling)
            ceiling = min(ceiling, most_kg)
        if cap is not None:
            # heavier rather than more reps (deadlifts): at least the load where cap + RIR fit,
            # taken from the training max so it still rises phase to phase
            floor = round_to_step(strength * pct_for_reps(cap + rir) / 100, step)
            load = min(max(load, floor), max(load, ceiling))
        self.kg = max(step.kg, load)
        self.pct = pct_of_one_rm(self.kg, strength)
        failure = whole_reps_to_failure(self.pct)
        self.failure = failure
        self.reps = max(1, failure - rir)
        if cap is not None:
            self.reps = min(self.reps, cap)
            ceiling = max(load, ceiling)
            while failure - self.reps > max(rir, HARD_SET_MAX_RIR) and self.kg < ceiling:
                # the cap's reps stay a hard set: a plate heavier where rounding left too
                # many in reserve (a deadlift at 8 reps is never a RIR 5 working set)
                self.kg = min(ceiling, self.kg + step.kg)
                self.pct = pct_of_one_rm(self.kg, strength)
                failure = whole_reps_to_failure(self.pct)
                self.failure = failure
                self.reps = min(max(1, failure - rir), cap)
        self.rir = max(0, min(MAX_RIR, failure - self.reps))


def _build_loads(
    ctx: Ctx,
    one_rm: float,
    training_max: float,
    built: list[Dose],
    plate: LoadStep,
    step: float,
    cap: int | None,
) -> list[float]:
    """The heavy-day loads the block's build weeks wrote (a novice's linear steps, else the
    table's loads): what a deload must be lighter than."""
    if linear_progression(ctx):
        plan = linear_plan(one_rm, ctx.profile.goal, ctx.phase_index, plate, step, ctx.builds, cap)
        return [plan.load(build.build_index, 0, build.main_pct or 0).kg for build in built]
    loads = [_heavy_load(one_rm, training_max, build.main_pct or 0, plate) for build in built]
    if beginner(ctx):
        strength = working_max(one_rm, training_max)
        return [
            min(kg, beginner_ceiling(strength, build.rir, plate))
            for kg, build in zip(loads, built, strict=True)
        ]
    return loads


def _rationale(prefix: str, text: str) -> str:
    return f"{prefix}: {text}"[:300]


def main_rows(
    ctx: Ctx, item: Item, sets: int, dose: Dose, builds: tuple[Dose, ...], tag: str
) -> list[Exercise]:
    """The rows of one main lift in one session (a top set and back-off sets, or straight sets).

    ``builds`` are the block's build weeks, given for a deload: it keeps their fewest reps."""
    entry = item.exercise
    day, offset, extra_rir = _day_style(item)
    rir = min(MAX_RIR, dose.rir + extra_rir)
    hard = max(dose.rir, HARD_SET_MAX_RIR)
    if not dose.deload and rir > hard:
        # a light day is lighter, never so far from failure that its sets stop being hard sets
        rir = hard
    prefix = f"{tag}, {day} day" if item.count > 1 else tag
    rest = rest_for(ctx, "main", entry)
    cap = DEADLIFT_MAX_REPS if entry.name in DEADLIFTS else MAX_MAIN_REPS
    if offset < 0 and not dose.deload and dose.rir + extra_rir >= HARD_SET_MAX_RIR:
        # a lighter day of a week already at the hard-set reserve: lighter by more reps (a
        # high-rep day), not by a reserve past 4; a medium day by a rep less than the light
        # day's, so the two never copy each other at the cap
        cap += LIGHT_DAY_EXTRA_REPS[entry.name in DEADLIFTS] - (0 if extra_rir else 1)
    if is_bodyweight(entry):
        if entry.name in REP_RANGES:
            rir = min(MAX_RIR, dose.rir)  # its day is set by bodyweight_repeat alone
        rir = max(rir, BACK_OFF_RIR + extra_rir) if sets >= TOP_SET_FROM else rir
        low, high = bodyweight_reps(entry)
        low, high, rir = bodyweight_repeat(entry, low, high, rir, item.occurrence)
        why = (
            f"bodyweight: {low}–{high} reps at RIR {rir}; add reps inside the range, then a "
            "harder variation or a slower tempo (never fewer reps)"
        )
        return [
            Exercise(
                name=entry.name,
                sets=sets,
                reps=low,
                reps_max=high,
                rir=float(rir),
                rest_seconds=rest_within(rest, entry.name, low, rir, main=True),
                notes="main lift: same lift all block so progress is measurable",
                rationale=_rationale(prefix, why),
            )
        ]
    if dose.main_pct is None:
        base = max(3, ctx.style.accessory_reps[0] - 2)
        reps = _lighter_day_reps(base, cap, offset, extra_rir, no_pct=True)
        why = (
            f"{reps_text(reps)} at RIR {rir} (reserve ramps 3→2→1 over the block, {ctx.plan.phase})"
        )
        return _straight_or_top(
            entry, sets, reps, rir, rest, None, None, prefix, why, effort_ramp(ctx), None, cap
        )
    pct = max(50.0, dose.main_pct + offset)
    known = known_one_rm(ctx, entry)
    if known is None and linear_progression(ctx) and not dose.deload:
        # a novice without a 1RM: the same reps all block, the load found in week 1 then raised
        reps = novice_reps(ctx.profile.goal, ctx.phase_index, cap)
        jump = format_load(
            round_to_step(training_max_step(entry), lift_step(ctx, entry)), load_unit(ctx)
        )
        light_day = ""
        if offset < 0 and rir <= min(MAX_RIR, dose.rir):
            # the day's extra reserve is past the hard-set limit (a taper's RIR 4): a lighter
            # day is a longer set of the same load instead of a copy of the heavy day
            day_reps = min(cap, reps + (2 if extra_rir else 1))
            light_day = f"; {day} day: {reps_text(day_reps)} (sets stay hard)"
            reps, block_reps = day_reps, reps
        else:
            block_reps = reps
        why = (
            f"no 1RM given: novice linear progression, {reps_text(block_reps)} a set all block; "
            f"week 1 a load {LINEAR_START_RIR} reps short of failure, then +{jump} a week while "
            f"every rep is made (RIR about {rir} now){light_day}; {STALL_RULE}"
        )
        return _straight_or_top(
            entry, sets, reps, rir, rest, None, None, prefix, why, effort_ramp(ctx), None, cap
        )
    if known is None:
        heavy = max(1, whole_reps_to_failure(dose.main_pct) - min(MAX_RIR, dose.rir))
        reps = max(1, whole_reps_to_failure(pct) - rir)
        base_cap = DEADLIFT_MAX_REPS if entry.name in DEADLIFTS else MAX_MAIN_REPS
        reps = _lighter_day_reps(reps, cap, offset, extra_rir, heavy_capped=heavy >= base_cap)
        why = (
            f"no 1RM given for {entry.name}, so dosed by effort: {reps_text(reps)} as at {pct:g} % "
            f"by the NSCA table; pick the load that leaves {reps_text(rir)} in reserve"
        )
        return _straight_or_top(
            entry, sets, reps, rir, rest, None, None, prefix, why, effort_ramp(ctx), None, cap
        )
    one_rm, source = known
    plate = lift_step(ctx, entry)
    unit = plate.unit
    step = training_max_step(entry)
    # The service's training max (from the logs, or the planned progression) is the input;
    # without one the planned progression is the same rule (core.training_max).
    training_max = training_max_for(ctx.training_maxes, entry, one_rm, ctx.phase_index)
    raise_kg = round(training_max - one_rm, 2)
    # reps are read against the max the phase assumes (a novice's linear loads: the 1RM); loads
    # stay under the tested 1RM's ceiling
    read_tm = None if linear_progression(ctx) else training_max
    strength = working_max(one_rm, read_tm or one_rm)
    scale = pct / dose.main_pct
    built = [build for build in builds if build.main_pct is not None]
    linear = False
    if dose.deload and built:
        loads = _build_loads(ctx, one_rm, training_max, built, plate, step, cap)

        def build_reps(kg: float, build: Dose) -> int:
            build_rir = min(MAX_RIR, build.rir + extra_rir)
            most = beginner_ceiling(strength, build_rir, plate) if beginner(ctx) else None
            return _Load(one_rm, kg, scale, build_rir, cap, plate, read_tm, most).reps

        reps = min(build_reps(kg, build) for kg, build in zip(loads, built, strict=True))
        # lighter than every build week, top and back-off sets alike, even where the ceiling
        # or plate rounding flattened them (tiny 1RMs)
        last = loads[-1]
        if min(loads) >= strength * HEAVY_SINGLES or (
            built[-1].rir <= 1 and built[-1].main_sets >= TOP_SET_FROM
        ):
            last = round_to_step(min(loads) * BACK_OFF_SHARE, plate)
        light = min(
            _heavy_load(one_rm, training_max, dose.main_pct, plate),
            min(loads) - plate.kg,
            last - plate.kg,
        )
        load = _Load(one_rm, max(plate.kg, light), scale, 0, None, plate, read_tm)
        load.reps = min(reps, load.failure)
        load.rir = max(0, min(MAX_RIR, load.failure - load.reps))
        how = "deload: the last build week's reps, −15 % load"
    elif linear := linear_progression(ctx):
        goal = ctx.profile.goal
        plan = linear_plan(one_rm, goal, ctx.phase_index, plate, step, ctx.builds, cap)
        load = plan.load(dose.build_index, offset, dose.main_pct)
        how = plan.text(plate.unit, load)
    else:
        heavy_kg = _raised_load(one_rm, training_max, dose.main_pct, plate, step)
        most = beginner_ceiling(strength, rir, plate) if beginner(ctx) else None
        held = most is not None and heavy_kg > most
        if most is not None:
            heavy_kg = min(heavy_kg, most)
        load = _Load(one_rm, heavy_kg, scale, rir, cap, plate, training_max, most)
        how = f"NSCA table: {reps_text(load.failure)} to failure at {load.pct:g} %"
        if held:
            how += (
                f"; held at a beginner's ceiling, sets of {BEGINNER_MIN_REPS} or more "
                "(log the sets or retest the 1RM to raise it)"
            )
    tm = (
        f"{format_load(training_max, unit)} training max ({source} "
        f"{'+' if raise_kg > 0 else '−'} {format_load(abs(raise_kg), unit)} for phase "
        f"{ctx.phase_index + 1})"
        if raise_kg
        else source
    )
    if linear:
        why = f"{how}; {format_load(load.kg, unit)} = {load.pct:g} % of {source}; RIR {load.rir}"
    else:
        why = (
            f"{pct:g} % of {tm} = {rounding_text(training_max * pct / 100, load.kg, plate)} "
            f"({load.pct:g} % of {'the training max' if strength > one_rm else '1RM'}); {how}; "
            f"RIR {load.rir}"
        )
    minutes = ctx.profile.minutes_per_session
    ramp = ramp_note(load.kg, plate, minutes) if load.pct >= RAMP_FROM_PCT else ""
    return _straight_or_top(
        entry,
        sets,
        load.reps,
        load.rir,
        rest,
        load.kg,
        load.pct,
        prefix,
        why,
        ramp,
        strength,
        cap,
        plate,
    )


def rounding_text(exact_kg: float, kg: float, step: LoadStep) -> str:
    """'170 lb', or '167.6 → 170 lb in 5 lb jumps' where rounding to the client's step moved
    the computed load (and the load is that rounding, not a ceiling or a deload's cut)."""
    loaded = format_load(kg, step.unit)
    exact = format_load(exact_kg, step.unit)
    if exact == loaded or round_to_step(exact_kg, step) != kg:
        return loaded
    return f"{exact.split()[0]} → {loaded} in {step.text} jumps"


def _straight_or_top(
    entry: LibraryExercise,
    sets: int,
    reps: int,
    rir: int,
    rest: int,
    kg: float | None,
    pct: float | None,
    prefix: str,
    why: str,
    ramp: str,
    one_rm: float | None = None,
    cap: int | None = None,
    step: LoadStep | None = None,
) -> list[Exercise]:
    notes = "main lift: same lift all block so progress is measurable"
    rest = rest_within(rest, entry.name, reps, rir, main=True)
    top = Exercise(
        name=entry.name,
        sets=sets,
        reps=reps,
        load_kg=kg,
        pct_one_rm=pct,
        rir=float(rir),
        rest_seconds=rest,
        notes=f"{ramp}. {notes}" if ramp else notes,
        rationale=_rationale(prefix, why),
    )
    if sets < TOP_SET_FROM or rir > 1:
        return [top]
    top = top.model_copy(update={"sets": 1})
    back_kg: float | None
    back_pct: float | None
    if kg is not None and one_rm and step is not None:
        back_kg = round_to_step(kg * BACK_OFF_SHARE, step)
        back_pct = pct_of_one_rm(back_kg, one_rm)
        back_reps = max(1, whole_reps_to_failure(back_pct) - BACK_OFF_RIR)
        back_reps = min(back_reps, cap) if cap is not None else back_reps
        while whole_reps_to_failure(back_pct) - back_reps > HARD_SET_MAX_RIR and back_kg < kg:
            # capped reps stay a hard set: the back-off load rises a step at a time to where
            # they leave at most 4 in reserve, never past the top set
            back_kg = min(kg, back_kg + step.kg)
            back_pct = pct_of_one_rm(back_kg, one_rm)
        back_rir = max(0, min(MAX_RIR, whole_reps_to_failure(back_pct) - back_reps))
        what = (
            f"back-off sets at {back_kg / kg * 100:.0f} % of the top set "
            f"({format_load(back_kg, step.unit)}), RIR {back_rir}"
        )
    else:
        back_kg = back_pct = None
        back_reps, back_rir = reps + 2, BACK_OFF_RIR
        back_reps = min(back_reps, cap) if cap is not None else back_reps
        what = f"back-off sets about 10 % lighter than the top set, RIR {back_rir}"
    back = Exercise(
        name=entry.name,
        sets=sets - 1,
        reps=back_reps,
        load_kg=back_kg,
        pct_one_rm=back_pct,
        rir=float(back_rir),
        rest_seconds=rest_within(rest, entry.name, back_reps, back_rir, main=True),
        notes="back-off sets right after the top set",
        rationale=_rationale(prefix, what),
    )
    return [top, back]
