"""Main lifts: which 1RM a lift is dosed from, the training max of a phase, and the rows written
(the load arithmetic: core.generation.engine.loads; a novice's weekly steps:
core.generation.engine.linear).

- Loads come from a training max: the client's 1RM raised +2.5 kg (upper body) or +5 kg (lower
  body) for each phase after the first, at most three times without logged sets (Wendler's 5/3/1
  progression; core.training_max), so a new phase never copies the last one. ``pct_one_rm`` is
  the load as a % of the max the phase assumes (the training max where it is above the tested
  1RM), and the reps at that % come from the NSCA table (reps_table) minus the week's reps in
  reserve: a raised phase keeps its dose's reps instead of sliding to singles. No load passes
  97.5 % of the tested 1RM (loads.MAX_PCT). A novice's linear progression reads its loads
  against the 1RM.
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

from core.exercises.library import LibraryExercise
from core.generation.engine.dosing import (
    REP_RANGES,
    REPEAT_REP_SHIFT,
    Dose,
    bodyweight_reps,
    is_bodyweight,
    rest_for,
)
from core.generation.engine.linear import (
    LINEAR_START_RIR,
    STALL_RULE,
    linear_plan,
    linear_progression,
    novice_reps,
)
from core.generation.engine.loads import (
    BEGINNER_MIN_REPS,
    MAX_MAIN_REPS,
    MAX_RIR,
    Load,
    beginner_ceiling,
    heavy_load,
    raised_load,
    reps_text,
)
from core.generation.engine.ramps import RAMP_FROM_PCT, effort_ramp, ramp_note
from core.generation.engine.reps_table import whole_reps_to_failure
from core.generation.engine.sessions import Ctx, Item
from core.plates import (
    LoadStep,
    client_step,
    round_to_step,
)
from core.schemas import Exercise, Experience, effective_units
from core.training_max import block_maxes, training_max_for, training_max_step, working_max
from core.units import LoadUnit, format_load
from core.validation import estimated_one_rep_max, pct_of_one_rm
from core.validation.rest_periods import rest_within
from core.validation.volume_floor import HARD_SET_MAX_RIR

DEADLIFTS = frozenset({"Deadlift", "Sumo Deadlift", "Trap Bar Deadlift"})
DEADLIFT_MAX_REPS = 8
LIGHT_DAY_EXTRA_REPS = (3, 2)
"""A main lift's sets stay at MAX_MAIN_REPS or fewer unless the week is already at the hard-set
reserve (RIR 4): then its light day goes to
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
HEAVY_SINGLES = 0.9
"""From 90 % of the 1RM a top set is a single or double with back-off sets after it."""


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
    return DAY_STYLES[item.main_day % len(DAY_STYLES)]


def beginner(ctx: Ctx) -> bool:
    return ctx.profile.experience == Experience.BEGINNER


def _build_loads(
    ctx: Ctx,
    one_rm: float,
    training_max: float,
    built: list[Dose],
    plate: LoadStep,
    step: float,
    cap: int | None,
    maxes: tuple[float, ...],
) -> list[float]:
    """The heavy-day loads the block's build weeks wrote (a novice's linear steps on the
    program's ``maxes``, else the table's loads): what a deload must be lighter than."""
    if linear_progression(ctx):
        plan = linear_plan(maxes, ctx.profile.goal, plate, step, ctx.builds, cap)
        return [plan.load(build.build_index, 0, build.main_pct or 0).kg for build in built]
    loads = [heavy_load(one_rm, training_max, build.main_pct or 0, plate) for build in built]
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
    prefix = f"{tag}, {day} day" if item.main_days > 1 else tag
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
    # reps are read against the max the phase assumes (a novice's linear blocks too: each
    # block's top is a plate over the last's, so read against the first 1RM alone a fourth
    # block's reps fell to singles); loads stay under the tested 1RM's ceiling
    maxes = block_maxes(one_rm, entry, ctx.phase_index, training_max)
    strength = working_max(one_rm, training_max)
    scale = pct / dose.main_pct
    built = [build for build in builds if build.main_pct is not None]
    linear = False
    if dose.deload and built:
        loads = _build_loads(ctx, one_rm, training_max, built, plate, step, cap, maxes)

        def build_reps(kg: float, build: Dose) -> int:
            build_rir = min(MAX_RIR, build.rir + extra_rir)
            most = beginner_ceiling(strength, build_rir, plate) if beginner(ctx) else None
            return Load(one_rm, kg, scale, build_rir, cap, plate, training_max, most).reps

        reps = min(build_reps(kg, build) for kg, build in zip(loads, built, strict=True))
        # lighter than every build week, top and back-off sets alike, even where the ceiling
        # or plate rounding flattened them (tiny 1RMs)
        last = loads[-1]
        if min(loads) >= strength * HEAVY_SINGLES or (
            built[-1].rir <= 1 and built[-1].main_sets >= TOP_SET_FROM
        ):
            last = round_to_step(min(loads) * BACK_OFF_SHARE, plate)
        light = min(
            heavy_load(one_rm, training_max, dose.main_pct, plate),
            min(loads) - plate.kg,
            last - plate.kg,
        )
        load = Load(one_rm, max(plate.kg, light), scale, 0, None, plate, training_max)
        load.reps = min(reps, load.failure)
        load.rir = max(0, min(MAX_RIR, load.failure - load.reps))
        how = "deload: the last build week's reps, −15 % load"
    elif linear := linear_progression(ctx):
        goal = ctx.profile.goal
        plan = linear_plan(maxes, goal, plate, step, ctx.builds, cap)
        load = plan.load(dose.build_index, offset, dose.main_pct)
        how = plan.text(plate.unit, load)
    else:
        heavy_kg = raised_load(one_rm, training_max, dose.main_pct, plate, step)
        most = beginner_ceiling(strength, rir, plate) if beginner(ctx) else None
        held = most is not None and heavy_kg > most
        if most is not None:
            heavy_kg = min(heavy_kg, most)
        load = Load(one_rm, heavy_kg, scale, rir, cap, plate, training_max, most)
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
