"""Dosing of a week: RIR ramp, %1RM and Epley reps, main-lift sets, rests and time per set."""

from __future__ import annotations

from dataclasses import dataclass

from core.exercises.library import ECCENTRIC_HEAVY, LibraryExercise
from core.generation.engine.phases import PhaseStyle
from core.generation.engine.reps_table import whole_reps_to_failure
from core.generation.engine.rounding import round_half_up, round_pct
from core.generation.engine.sessions import LOADABLE, Ctx, Item
from core.generation.engine.timing import (
    CHANGEOVER_SECONDS,
    SECONDS_PER_REP,
    ramp_seconds,
)
from core.generation.engine.timing import set_seconds as timed_set_seconds
from core.schemas import (
    Experience,
    ProgramType,
    WeeklyTarget,
)
from core.validation import HARD_SET_BANDS
from core.validation.isolation_reps import isolation_rep_range
from core.validation.set_counts import MIN_SETS

DELOAD_INTENSITY = 0.85
"""Deload load is 85 % of the last build week's: intensity −15 % (docs/domain.md §4: −10–20 %)."""


DELOAD_MAX_RIR = 5
"""A deload keeps the last build week's reps at the lighter load; the reserve shown is capped at 5
(Epley would say more, and "at least 5 in reserve" is what a coach means)."""


MAX_SETS = {"main": 6, "secondary": 5, "accessory": 5, "core": 3, "rehab": 4}
ACCESSORY_MAX_SETS = {Experience.BEGINNER: 4, Experience.INTERMEDIATE: 5, Experience.ADVANCED: 5}
REST_SECONDS = {"secondary": 120, "accessory": 75, "core": 45, "rehab": 60}
DENSITY_MINUTES = 45
"""Sessions of up to 45 minutes are short: their sets rest DENSITY_REST_SECONDS (and the main
lifts less than the phase's rest, below); so are the sessions of a short week (Ctx.short_week:
one 50-minute day a week cannot hold a beginner's floor at straight sets either)."""
DENSITY_REST_SECONDS = {"secondary": 90, "accessory": 60, "core": 30, "rehab": 45}
"""Density rests for a short session: 60 s after an accessory set, 90 s after a compound, so
the week's six big movers reach their floor in the client's minutes (1–2 min is the usual
range for hypertrophy work: ACSM 2009 progression models; rests.py lengthens them again
where the written session still has time to spare)."""
DENSITY_MAIN_REST, LIGHT_PHASE_MAIN_REST, SHORT_HEAVY_MAIN_REST = 90, 120, 120
"""A short session's main lift rests less: 90 s in a lighter phase (a foundation block's sets of
10–15, whose phase rests 2 minutes or less: the 30–90 s the NSCA gives for hypertrophy and
endurance loads), 2 minutes in a heavier one (the short end of the NSCA's 2–5 minutes for
strength loads): in 20–45 minutes, or a week short of lifting minutes, the sets matter more
than the last minute of recovery."""
UNLOADED_COMPOUND_REST, UNLOADED_MAIN_REST = 60, 90
"""A band or bodyweight main lift or compound rests a minute in a short session, as an
accessory does, and at most 90 s in a longer one: its sets of 8–15 a few reps from failure are
endurance and hypertrophy work (the NSCA's 30–90 s) whatever the block, not a barbell load that
needs two to five minutes to repeat. A session with time to spare rests longer once its sets
are in (core.generation.engine.rests)."""
VOLUME_FACTOR: dict[ProgramType, float] = {
    # Share of the band's weekly sets the lifting aims for: full for lifting goals, support for
    # endurance, conservative for rehab.
    ProgramType.STRENGTH: 1.0,
    ProgramType.SHRED: 1.0,
    ProgramType.HYBRID: 1.0,
    ProgramType.OTHER: 1.0,
    ProgramType.ENDURANCE: 0.5,
    ProgramType.REHAB: 0.6,
}
MAIN_SETS: dict[Experience, tuple[int, int]] = {
    # Sets per main-lift slot: first build week, from the second build week on.
    Experience.BEGINNER: (3, 3),
    Experience.INTERMEDIATE: (3, 4),
    Experience.ADVANCED: (4, 5),
}


BODYWEIGHT_EQUIPMENT = frozenset({"pull_up_bar", "bench"})
BODYWEIGHT_REPS = (8, 15)
ECCENTRIC_REPS = (3, 6)
REP_RANGES: dict[str, tuple[int, int]] = {
    # eccentric-heavy bodyweight lifts are dosed low (Nordic curls: sets of 3–6)
    name: ECCENTRIC_REPS
    for name in ECCENTRIC_HEAVY
}


def bodyweight_reps(entry: LibraryExercise) -> tuple[int, int]:
    return REP_RANGES.get(entry.name, BODYWEIGHT_REPS)


def is_bodyweight(entry: LibraryExercise) -> bool:
    """No external load to add: progress comes from reps, sets, tempo and harder variations."""
    return set(entry.equipment) <= BODYWEIGHT_EQUIPMENT and not entry.one_rm_key


BEGINNER_INTENSITY_DROP = 10.0
"""A beginner's phases sit 10 points of %1RM under the style's (Foundation 55-62.5 %, Performance
62.5-72.5 % of the training max): ACSM's 2009 progression models put novices at 60-70 % of the
1RM, and the training max rises a step each phase, so the later phases still climb toward 85 %
of the tested 1RM without reaching a beginner's triples and doubles."""


def level_intensity(style: PhaseStyle, experience: Experience) -> tuple[float, float] | None:
    """The main lifts' %1RM of a phase's first and last build week for the client's level."""
    if style.intensity is None:
        return None
    first, last = style.intensity
    if experience == Experience.BEGINNER:
        return first - BEGINNER_INTENSITY_DROP, last - BEGINNER_INTENSITY_DROP
    return first, last


def intensity_targets(style: PhaseStyle, builds: int, experience: Experience) -> list[float]:
    span = level_intensity(style, experience)
    assert span is not None
    first, last = span
    if builds == 1:
        return [last]
    return [round_pct(first + (last - first) * index / (builds - 1)) for index in range(builds)]


def main_sets_per_slot(experience: Experience, build_index: int) -> int:
    first, later = MAIN_SETS[experience]
    return first if build_index == 0 else later


@dataclass(frozen=True)
class Dose:
    week: int
    build_index: int
    deload: bool
    rir: int
    main_pct: float | None
    main_sets: int
    muscle_target: float
    target: WeeklyTarget


def _rir(ctx: Ctx, build_index: int, deload: bool) -> int:
    """RIR ramp 3 → 2 → 1 over the build weeks (plus the phase's offset); deloads sit at 4+."""
    if deload:
        return min(5, 4 + ctx.style.rir_offset)
    return min(5, max(1, 3 - build_index) + ctx.style.rir_offset)


def _muscle_target(ctx: Ctx, build_index: int) -> float:
    """Weekly hard sets a muscle aims for: the band's low end in week 1, +60 % of the band's width
    by the last build week."""
    low, high = HARD_SET_BANDS[ctx.profile.experience]
    progress = build_index / (ctx.builds - 1) if ctx.builds > 1 else 0.0
    return (low + (high - low) * 0.6 * progress) * VOLUME_FACTOR[ctx.program_type]


def week_dose(ctx: Ctx, target: WeeklyTarget, build_index: int, main_slots: int) -> Dose:
    deload = target.deload
    pct = target.avg_intensity_pct_1rm
    if (
        pct is None
        and (span := level_intensity(ctx.style, ctx.profile.experience))
        and ctx.program_type
        not in (
            ProgramType.ENDURANCE,
            ProgramType.REHAB,
        )
    ):
        first, last = span
        progress = build_index / (ctx.builds - 1) if ctx.builds > 1 else 1.0
        pct = round_pct(first + (last - first) * progress)
        pct = round_pct(pct * DELOAD_INTENSITY) if deload else pct
    total = target.total_sets_main_lifts
    if total is None or main_slots == 0:
        per_slot = main_sets_per_slot(ctx.profile.experience, build_index)
        per_slot = max(1, round_half_up(per_slot * 0.5)) if deload else per_slot
    else:
        # a taper's few main-lift sets still come two to a lift (one set is a token); a deload
        # may write one
        fewest = 1 if deload else MIN_SETS
        per_slot = max(fewest, min(MAX_SETS["main"], round_half_up(total / main_slots)))
    return Dose(
        week=target.week_offset + 1,
        build_index=build_index,
        deload=deload,
        rir=_rir(ctx, build_index, deload),
        main_pct=pct,
        main_sets=per_slot,
        muscle_target=_muscle_target(ctx, build_index),
        target=target,
    )


def main_lift_reps(ctx: Ctx, dose: Dose, reference: Dose | None) -> tuple[int, float]:
    """(reps, RIR) of a main lift's heavy day, for timing: the table's reps to failure at the %1RM
    minus the target RIR; a deload keeps the last build week's reps at the lighter load."""
    if dose.main_pct is None:
        return max(3, ctx.style.accessory_reps[0] - 2), dose.rir
    failure = whole_reps_to_failure(dose.main_pct)
    if dose.deload and reference is not None and reference.main_pct is not None:
        reps = max(1, min(main_lift_reps(ctx, reference, None)[0], failure))
        return reps, max(0, min(DELOAD_MAX_RIR, failure - reps))
    reps = max(1, failure - dose.rir)
    return reps, max(0, min(dose.rir, failure - reps))


def rep_range(ctx: Ctx, item: Item) -> tuple[int, int]:
    """An accessory's reps: the block's accessory range; a compound's low end of it, single-joint
    work never under 8 (core.validation.isolation_reps), core and rehab work higher."""
    low, high = ctx.style.accessory_reps
    role = item.role
    if role == "core":
        return 10, 15
    if role == "rehab":
        return max(low, 10), max(high, 12)
    if item.exercise.isolation:
        return isolation_rep_range(low, high)
    if role == "secondary":
        return low, min(high, low + 2)
    return low, high


def timed_minutes(item: Item) -> float:
    return 0.75 if item.exercise.pattern == "carry" else 0.5


REPEAT_HOLD_MINUTES = 0.25
"""A hold or carry lasts 15 s longer each further time it comes in a week."""

REPEAT_REP_SHIFT = (0, 2, 1, 3, 4, 5, 6)
"""Reps added to an accessory's range its 1st, 2nd, 3rd… time in a week: no two times alike
(+2 the second time, +1 the third: a rehab client's daily drill is never the same twice)."""


def repeat_shift(item: Item) -> int:
    """The steps an accessory's reps (or a hold's quarter minutes) differ from its first time
    in the week; a main lift differs by its day (heavy / light / medium) instead."""
    if item.role == "main":
        return 0
    return REPEAT_REP_SHIFT[min(item.occurrence, len(REPEAT_REP_SHIFT) - 1)]


def item_minutes(item: Item) -> float:
    """A timed exercise's minutes a set (longer each further time it comes in a week)."""
    holds = min(item.occurrence, len(REPEAT_REP_SHIFT) - 1) if item.role != "main" else 0
    return timed_minutes(item) + REPEAT_HOLD_MINUTES * holds


SHORT_SESSION_MINUTES = 30
"""Under 30 minutes a main lift gets two ramp-up sets, not three (core.generation.engine.mains)."""


def rest_for(ctx: Ctx, role: str, exercise: LibraryExercise | None = None) -> int:
    """The usual rest after a set (of ``exercise``, for a main lift); a session with minutes to
    spare rests longer once its sets are in (core.generation.engine.rests), so long sessions get
    volume first, then recovery."""
    short = ctx.profile.minutes_per_session <= DENSITY_MINUTES or ctx.short_week
    unloaded = exercise is not None and not set(exercise.equipment) & LOADABLE
    if unloaded and role in ("main", "secondary"):
        most = UNLOADED_COMPOUND_REST if short else UNLOADED_MAIN_REST
        return min(ctx.style.main_rest if role == "main" else REST_SECONDS[role], most)
    if role == "main" and not short:
        return ctx.style.main_rest
    light = ctx.style.main_rest <= LIGHT_PHASE_MAIN_REST
    if role == "main":
        return min(ctx.style.main_rest, DENSITY_MAIN_REST if light else SHORT_HEAVY_MAIN_REST)
    return (DENSITY_REST_SECONDS if short else REST_SECONDS)[role]


def set_seconds(ctx: Ctx, item: Item, main_reps: int) -> float:
    """One working set's time: work + rest + set-up (core.generation.engine.timing)."""
    rest = 0 if item.partner else rest_for(ctx, item.role, item.exercise)
    if item.exercise.timed:
        return timed_set_seconds(item_minutes(item) * 60, rest)
    if is_bodyweight(item.exercise):
        low, high = bodyweight_reps(item.exercise)
        return timed_set_seconds((low + high) / 2 * SECONDS_PER_REP, rest)
    if item.role == "main":
        return timed_set_seconds(main_reps * SECONDS_PER_REP, rest)
    low, high = rep_range(ctx, item)
    repeat = repeat_shift(item)
    return timed_set_seconds((low + high) / 2 * SECONDS_PER_REP + repeat * SECONDS_PER_REP, rest)


def fixed_seconds(ctx: Ctx, item: Item, dose: Dose) -> float:
    """A main lift's time beyond its sets and its changeover (core.generation.engine.allocation
    counts that once the exercise has a set): before a lift at ≥ 70 %, its ramp-up sets."""
    seconds = 0.0
    # from 65 %: a raised training max can lift a planned 67.5 % past the 70 % ramp-up line
    heavy = dose.main_pct is not None and dose.main_pct >= 65
    if item.role == "main" and heavy and item.exercise.one_rm_key:
        short = ctx.profile.minutes_per_session < SHORT_SESSION_MINUTES
        seconds += ramp_seconds([5, 2] if short else [5, 3, 1])
    if item.role == "main" and dose.rir <= 1 and dose.main_sets >= 4:
        seconds += CHANGEOVER_SECONDS  # the top set, then the back-off sets
    return seconds
