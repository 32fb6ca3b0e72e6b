"""Lift, metcon and mobility workouts: exercises with reps, loads, rests and their rationale."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from core.exercises.exposure import exposure_note
from core.exercises.library import (
    LOWER_BODY_PATTERNS,
    UPPER_BODY_PATTERNS,
    LibraryExercise,
    find_exercise,
)
from core.generation.engine.dosing import Dose, item_minutes, rep_range, repeat_shift, rest_for
from core.generation.engine.finisher import (
    BUILD_FILL,
    COOL_DOWN_MAX_MINUTES,
    DELOAD_FILL,
    add_easy_aerobic,
    add_finisher,
)
from core.generation.engine.mains import (
    DEADLIFT_MAX_REPS,
    DEADLIFTS,
    TOP_SET_FROM,
    bodyweight_repeat,
    bodyweight_reps,
    is_bodyweight,
    known_one_rm,
    lift_step,
    main_rows,
)
from core.generation.engine.reps_table import pct_for_reps
from core.generation.engine.rests import (
    DELOAD_REST_FILL,
    LONG_REST_NOTE,
    REST_FILL,
    fit_minutes,
    overrun_seconds,
    stretch_rests,
)
from core.generation.engine.sessions import Ctx, Item, Session, Skeleton
from core.generation.engine.timing import blocks_seconds, is_flow, is_timed_circuit
from core.generation.engine.warmups import MOBILITY_DOSE_MIN
from core.plates import floor_to_step
from core.schemas import (
    Exercise,
    KeyValuePair,
    SessionType,
    WorkoutBlock,
    WorkoutInstance,
)
from core.training_max import training_max_for, working_max
from core.validation import HARD_SET_BANDS
from core.validation.rest_periods import exercise_rest_ceiling, rest_within
from core.validation.week_insights import pull_needed

METCON_WORK_MIN, METCON_REST_S = 0.75, 15
TRANSITION_MINUTES = 20
RECOVERY_SHARE = 0.6
COOL_DOWN_MAX_DRILLS = int(COOL_DOWN_MAX_MINUTES // MOBILITY_DOSE_MIN)
"""A cool-down holds at most 4 drills of 2.5 min (10 minutes): a short, easy cool-down is what
the evidence supports (Van Hooren & Peake 2018); a long session's spare time goes to training."""
DELOAD_MINUTES_PER_DRILL = 15
DELOAD_DRILL_MAX_MINUTES = 5.0
"""A deload's easy mobility fills its spare time (at least about 60 % of the client's minutes:
lighter and shorter, still a real session), drills held up to 5 minutes each."""
METCON_FILL = 0.7
DELOAD_WORK_MIN = 0.5
METCON_MAX_INTERVALS = 48
"""A circuit's work intervals at most: 12 rounds of four stations (48 minutes of 45 s on, 15 s
off); a circuit of fewer stations may go more rounds (up to 20 of one), and a long session the
circuit still leaves short ends with easy aerobic work (finisher.add_easy_aerobic), so a client
whose equipment and injuries leave one drill still gets a session of the client's minutes."""
METCON_MAX_ROUNDS = 20
"""… and at most 20 rounds (a prescription's most sets)."""


def week_tag(dose: Dose, ctx: Ctx) -> str:
    kind = "deload" if dose.deload else "build"
    return f"week {dose.week}/{ctx.plan.weeks} {kind}"


def _sets(count: int) -> str:
    return f"{count} set" if count == 1 else f"{count} sets"


PAIN_RULE_NOTE = "controlled tempo, pain-free range (≤ 3/10)"


def _notes(item: Item, injuries: frozenset[str]) -> str | None:
    """The pain rule on the exercises that load an injured area (a rehab day's knee work, not
    its chest press)."""
    entry = item.exercise
    if entry.exposure_stage(injuries) or set(entry.loads) & injuries:
        return PAIN_RULE_NOTE
    return None


def _other_exercise(ctx: Ctx, item: Item, sets: int, dose: Dose) -> Exercise:
    """An accessory's row, resting as usual (a superset's rests are written by _paired)."""
    entry = item.exercise
    low, high = bodyweight_reps(entry) if is_bodyweight(entry) else rep_range(ctx, item)
    if entry.name in DEADLIFTS:
        low, high = min(low, DEADLIFT_MAX_REPS), min(high, DEADLIFT_MAX_REPS)
    # many straight sets stay two reps from failure; the last reps of a week are for the main lifts
    rir = max(dose.rir, 2) if sets >= TOP_SET_FROM else dose.rir
    shift = repeat_shift(item)
    if shift and is_bodyweight(entry):
        # a further time in a week: a different stimulus; bodyweight work keeps its floor so its
        # reps never fall week to week
        low, high, rir = bodyweight_repeat(entry, low, high, rir, item.occurrence)
    elif shift:
        low, high = low + shift, high + shift  # more reps (a longer hold for timed work)
    muscles = "/".join(entry.primary)
    band_low, band_high = HARD_SET_BANDS[ctx.profile.experience]
    effort = f"RPE {10 - rir}" if entry.timed else f"RIR {rir}"
    rationale = (
        f"{week_tag(dose, ctx)}: {_sets(sets)} toward {dose.muscle_target:.0f} weekly hard sets "
        f"for {muscles} ({ctx.profile.experience.value} band {band_low}–{band_high}); {effort}"
    )
    if dose.deload:
        rationale = f"{week_tag(dose, ctx)}: sets cut ~45 % from the last build week; {effort}"
    step = exposure_note(entry, ctx.injuries)
    if step:
        rationale = f"{rationale}; {step}"
    timed = entry.timed
    duration = item_minutes(item)
    reps = None if timed else low
    load = None if timed or is_bodyweight(entry) else accessory_load(ctx, entry, high, rir)
    if load is not None:
        rationale = f"{rationale}; {load[1]}"
    return Exercise(
        name=entry.name,
        sets=sets,
        reps=reps,
        reps_max=None if timed or high == low else high,
        load_kg=load[0] if load is not None else None,
        duration_minutes=duration if timed else None,
        rir=None if timed else float(rir),
        rpe=float(10 - rir) if timed else None,
        rest_seconds=rest_within(
            rest_for(ctx, item.role, entry), entry.name, reps, rir, main=False
        ),
        notes=_notes(item, ctx.injuries),
        rationale=rationale[:300],
    )


def accessory_load(
    ctx: Ctx, entry: LibraryExercise, top_reps: int, rir: int
) -> tuple[float, str] | None:
    """(kg, why) for a compound accessory the client has a 1RM for, or a variation of one (an
    incline bench from the bench press): the load at which the top of its range leaves ``rir``
    in reserve (NSCA table), read against the phase's training max, on the client's plates; the
    client adds reps inside the range, then load. None without a known 1RM."""
    known = known_one_rm(ctx, entry)
    if known is None:
        return None
    one_rm, source = known
    training_max = training_max_for(ctx.training_maxes, entry, one_rm, ctx.phase_index)
    strength = working_max(one_rm, training_max)
    kg = floor_to_step(strength * pct_for_reps(top_reps + rir) / 100, lift_step(ctx, entry))
    if kg <= 0:
        return None
    return kg, f"load from {source}: the range's top reps at RIR {rir}"


def paired_rest(ctx: Ctx, item: Item, items: list[Item]) -> int:
    """The rest after a set done between a main lift's sets: the main lift's (or its own when
    longer), so the main lift recovers as fully as when done alone."""
    lead = items[item.main_index].exercise if item.main_index is not None else None
    return max(rest_for(ctx, "main", lead), rest_for(ctx, item.role, item.exercise))


def _with_note(row: Exercise, note: str) -> Exercise:
    return row.model_copy(update={"notes": f"{row.notes}. {note}" if row.notes else note})


def _paired(
    leads: list[Exercise], partner: Exercise, main: bool
) -> tuple[list[Exercise], Exercise]:
    """A superset or a paired set as written: in a superset with a set of the partner for each
    of the lead's, the lead goes straight on to it and the partner's rest follows; otherwise (a
    main lift's paired set, or fewer partner sets) the partner comes straight after the lead's
    sets and the lead's rest follows, so a main lift's rest is written on the main lift and sized
    to it (the time the engine plans either way: core.generation.engine.allocation.unpaired)."""
    kind = "paired set" if main else "superset"
    name, sets = leads[0].name, sum(row.sets for row in leads)
    if partner.sets >= sets and not main:
        note = f"{kind}: straight on to {partner.name}, rest after it"
        leads = [_with_note(row.model_copy(update={"rest_seconds": 0}), note) for row in leads]
        return leads, _with_note(partner, f"{kind}: straight after each {name} set, then rest")
    after = "each of its" if partner.sets >= sets else f"{partner.sets} of its {sets}"
    note = f"{kind}: a set of {partner.name} straight after {after} sets"
    if main:  # the pair's rest, written on the main lift (no longer than its load calls for)
        rest = max(partner.rest_seconds or 0, *(row.rest_seconds or 0 for row in leads))
        leads = [
            row.model_copy(
                update={"rest_seconds": min(rest, exercise_rest_ceiling(row, main=True))}
            )
            for row in leads
        ]
    leads = [_with_note(row, note) for row in leads]
    partner = partner.model_copy(update={"rest_seconds": 0})
    return leads, _with_note(partner, f"{kind}: straight after a {name} set, then the {name} rest")


def _warmup_block(ctx: Ctx, warmup: tuple[LibraryExercise, ...]) -> list[WorkoutBlock]:
    if not warmup:
        return []
    why = "warm-up: low-load mobility" + (
        " that spares the injured areas" if ctx.profile.injuries else " for the session's joints"
    )
    exercises = [
        Exercise(name=entry.name, sets=1, duration_minutes=MOBILITY_DOSE_MIN, rationale=why)
        for entry in warmup
    ]
    return [WorkoutBlock(label="Warm-up", exercises=exercises)]


def planned_minutes(blocks: list[WorkoutBlock], pace: float | None = None) -> int:
    """Whole minutes of the realistic estimate (set-up, changeovers and ramp-up sets counted)."""
    seconds = blocks_seconds(blocks, pace) if pace else blocks_seconds(blocks)
    return max(1, math.ceil(seconds / 60 - 1e-9))


def lift_workout(
    ctx: Ctx,
    skeleton: Skeleton,
    session: Session,
    sets: list[int],
    dose: Dose,
    builds: tuple[Dose, ...],
    day: date,
    main_lift_rows: Mapping[int, list[Exercise]] | None = None,
    floor_needs: frozenset[str] = frozenset(),
) -> WorkoutInstance:
    """A lifting session as written; ``main_lift_rows`` are main lifts' rows already written
    for this week at some number of sets (mains.main_rows), used where that is the lift's;
    ``floor_needs`` the exercises whose sets the week's floor needs (kept in a trim)."""
    main: list[Exercise] = []
    other: list[Exercise] = []
    items = skeleton.items
    written: dict[int, list[Exercise]] = {}
    for index in session.items:
        item = items[index]
        if sets[index] <= 0:
            continue
        if item.role == "main":
            rows = (main_lift_rows or {}).get(index)
            if rows is None or sum(row.sets for row in rows) != sets[index]:
                rows = main_rows(ctx, item, sets[index], dose, builds, week_tag(dose, ctx))
            written[index] = rows
        else:
            row = _other_exercise(ctx, item, sets[index], dose)
            lead = item.main_index
            if item.between_main and lead is not None and sets[lead] > 0:
                # its main lift's rest, where the main lift is done this week (one taking its
                # turn off leaves it an exercise of its own, resting its own rest)
                row = row.model_copy(update={"rest_seconds": paired_rest(ctx, item, items)})
            written[index] = [row]
    for index in session.items:
        partner = items[index].partner_index
        if index not in written or partner is None or partner not in written:
            continue
        main_lead = items[index].role == "main"
        written[index], row = _paired(written[index], written[partner][0], main_lead)
        written[partner] = [row]
    for index in session.items:
        rows = written.get(index, [])
        (main if items[index].role == "main" else other).extend(rows)
    blocks = _warmup_block(ctx, session.warmup)
    if main:
        blocks.append(WorkoutBlock(label="Main lifts", exercises=main))
    if other:
        label = "Controlled strength" if session.variant == "rehab" else "Accessories"
        blocks.append(WorkoutBlock(label=label, exercises=other))
    if not main and not other:
        return mobility_workout(ctx, session, day, dose, "no loadable exercise fits this day")
    # whole minutes: the planned minutes are the estimate rounded up
    minutes = ctx.profile.minutes_per_session
    limit = minutes * 60 + overrun_seconds(minutes)
    fit_minutes(blocks, limit, pull_needed(ctx.profile), floor_needs)
    stretched = stretch_rests(
        blocks, ctx.budget_seconds * (DELOAD_REST_FILL if dose.deload else REST_FILL)
    )
    if not dose.deload:  # a deload's cardio stays under the build weeks' (the validator)
        add_finisher(ctx, blocks, dose.deload, ctx.variation + session.weekday)
        add_easy_aerobic(ctx, blocks)
    _cool_down(ctx, blocks, dose.deload, ctx.variation + session.weekday + len(session.warmup))
    hard = sum(sets[index] for index in session.items)
    title = f"{session_title(session.label, blocks)}{' (deload)' if dose.deload else ''}"
    return WorkoutInstance(
        date=day,
        session_type=SessionType.LIFT,
        title=title,
        blocks=blocks,
        targets=[KeyValuePair(key="hard_sets", value=hard)],
        planned_minutes=planned_minutes(blocks),
        target_rpe=float(10 - dose.rir),
        notes="Warm up, then main lifts fresh; stop a set early if form breaks down."
        + (f" {LONG_REST_NOTE}" if stretched else ""),
    )


OTHER_HALF = {"upper": LOWER_BODY_PATTERNS, "lower": UPPER_BODY_PATTERNS}
"""A split day's label → the other half of the body's movements."""


def session_title(label: str, blocks: list[WorkoutBlock]) -> str:
    """The split's label, unless an "Upper" or "Lower" day also trains the other half (a week
    too short for the floor trains every big mover each day): then "Full Body (upper focus)"."""
    half = label.split()[0].lower() if label else ""
    other = OTHER_HALF.get(half)
    if other is None:
        return label
    for block in blocks:
        if is_flow(block.label) or is_timed_circuit(block.label):
            continue
        for exercise in block.exercises:
            entry = find_exercise(exercise.name)
            if entry is not None and entry.multi_joint and entry.pattern in other:
                return f"Full Body ({half} focus)"
    return label


def _mobility_options(ctx: Ctx) -> list[LibraryExercise]:
    options = [option for option in ctx.options("mobility") if not option.loads]
    return options or list(ctx.options("mobility"))


def _cool_down(ctx: Ctx, blocks: list[WorkoutBlock], deload: bool, offset: int) -> None:
    """Easy mobility after the work when the sets leave much of the client's minutes unused (a
    full week's session fills at least about three quarters of them, a deload's about 60 %)."""
    wanted = (DELOAD_FILL if deload else BUILD_FILL) * ctx.budget_seconds
    missing = wanted - blocks_seconds(blocks)
    options = _mobility_options(ctx)
    most = COOL_DOWN_MAX_DRILLS
    if deload:  # a deload's spare time is easy mobility, as much as it takes
        most = max(most, ctx.profile.minutes_per_session // DELOAD_MINUTES_PER_DRILL, len(options))
    count = min(most, len(options), math.ceil(missing / (MOBILITY_DOSE_MIN * 60)))
    if count <= 0:
        return
    each = MOBILITY_DOSE_MIN
    if deload:
        # fewer drills than the spare time: each held longer (up to 5 minutes)
        each = min(DELOAD_DRILL_MAX_MINUTES, math.ceil(missing / 60 / count * 2) / 2)
        each = max(MOBILITY_DOSE_MIN, each)
    exercises = [
        Exercise(
            name=options[(offset + index) % len(options)].name,
            sets=1,
            duration_minutes=each,
            rationale="cool-down: easy mobility for the joints just trained, RPE 2",
        )
        for index in range(count)
    ]
    blocks.append(WorkoutBlock(label="Cool-down", exercises=exercises))


def mobility_workout(
    ctx: Ctx, session: Session, day: date, dose: Dose | None, why: str
) -> WorkoutInstance:
    minutes: float = min(TRANSITION_MINUTES, ctx.profile.minutes_per_session)
    if dose is not None:
        # a recovery day in the plan is a real session: at least 60 % of the client's minutes
        minutes = min(
            ctx.profile.minutes_per_session,
            max(minutes, RECOVERY_SHARE * ctx.profile.minutes_per_session),
        )
    options = _mobility_options(ctx)
    count = max(1, min(len(options), int(minutes // MOBILITY_DOSE_MIN)))
    each = max(MOBILITY_DOSE_MIN, math.floor(minutes / count * 2) / 2)
    start = (ctx.variation + day.toordinal()) % max(1, len(options))
    exercises = [
        Exercise(
            name=options[(start + index) % len(options)].name,
            sets=1,
            duration_minutes=each,
            rationale=f"{why}: easy mobility, RPE 2",
        )
        for index in range(count)
    ]
    blocks = [WorkoutBlock(label="Mobility", exercises=exercises)]
    title = f"{session.label}: mobility" if dose else "Transition: mobility & movement prep"
    return WorkoutInstance(
        date=day,
        session_type=SessionType.MOBILITY,
        title=title,
        blocks=blocks,
        planned_minutes=planned_minutes(blocks),
        target_rpe=2.0,
        notes="Easy range-of-motion work; nothing should hurt.",
    )


def _metcon_rounds(ctx: Ctx, dose: Dose, stations: int, warmup_minutes: float) -> int:
    per_round = stations * (METCON_WORK_MIN * 60 + METCON_REST_S)
    fits = int((ctx.budget_seconds - warmup_minutes * 60) // per_round)
    # rounds fill most of the session, one more each build week
    wanted = max(3, math.ceil(fits * METCON_FILL)) + dose.build_index
    return max(1, min(wanted, fits, METCON_MAX_ROUNDS, METCON_MAX_INTERVALS // stations))


def metcon_workout(
    ctx: Ctx, session: Session, dose: Dose, day: date, last_build: Dose | None
) -> WorkoutInstance:
    stations = session.conditioning
    if not stations:
        return mobility_workout(ctx, session, day, dose, "no conditioning option fits")
    warmup = _warmup_block(ctx, session.warmup)
    warmup_minutes = MOBILITY_DOSE_MIN * len(session.warmup)
    reference = last_build if dose.deload and last_build else dose
    rounds = _metcon_rounds(ctx, reference, len(stations), warmup_minutes)
    work = METCON_WORK_MIN
    if dose.deload:
        first = _metcon_rounds(ctx, replace(dose, build_index=0), len(stations), warmup_minutes)
        # shorter intervals (30 s on) and no more rounds than the first build week: less work,
        # still at least about half the client's minutes
        work = DELOAD_WORK_MIN
        per_round = len(stations) * (work * 60 + METCON_REST_S)
        wanted = (DELOAD_FILL + 0.05) * ctx.budget_seconds - warmup_minutes * 60
        rounds = max(1, min(first, math.ceil(wanted / per_round)))
    rationale = (
        f"{week_tag(dose, ctx)}: {rounds} rounds × {work * 60:.0f} s on / {METCON_REST_S} s off"
        + ("; ~45 % less work than the last build week" if dose.deload else "; +1 round a week")
    )
    exercises = [
        Exercise(
            name=entry.name,
            sets=rounds,
            duration_minutes=work,
            rest_seconds=METCON_REST_S,
            rpe=6.0 if dose.deload else 8.0,
            rationale=rationale,
        )
        for entry in stations
    ]
    blocks = [*warmup, WorkoutBlock(label="Circuit", exercises=exercises)]
    if not dose.deload:
        add_easy_aerobic(ctx, blocks, after_circuit=True)
    # an easy cool-down after the circuit where the client's minutes leave room (a deload's
    # fewer, shorter intervals leave more)
    _cool_down(ctx, blocks, dose.deload, ctx.variation + session.weekday)
    return WorkoutInstance(
        date=day,
        session_type=SessionType.METCON,
        title=f"{session.label}{' (deload)' if dose.deload else ''}",
        blocks=blocks,
        planned_minutes=planned_minutes(blocks),
        target_rpe=6.0 if dose.deload else 8.0,
        notes="Move continuously through the stations; rest between rounds as needed.",
    )
