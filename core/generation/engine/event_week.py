"""The week of the client's event: openers early, nothing hard in the last days, nothing after.

The rules are core.events' (taper lengths, the quiet days, the openers' load); this module applies
them to the sessions the engine wrote for that week:
- every session on or after the event day is left out (the event is the week's last effort);
- in the quiet days before it (2 before a race, 3 before a meet or test day) a lifting,
  conditioning or hard run session becomes short easy mobility; easy runs stay (a shake-out);
  before an event early in its week, the week before ends with those quiet days too (its other
  sessions stay a build week's, except before a meet or test day whose own week has no day
  for openers: the week before then opens the lifts);
- before a meet or a test day, each main lift with a known 1RM gets its openers in the first
  session that has it before the quiet days (the last one before them for a lift of the quiet
  days or one the week had no turn for): 2 singles at about 90 % after the ramp-up, and the
  accessories of those sessions are left out (fresh for the event).
"""

from __future__ import annotations

from datetime import date, timedelta

from core.dates import monday_of
from core.events import OPENER_PCT, OPENER_SETS, quiet_days
from core.exercises.library import LibraryExercise, find_exercise
from core.generation.engine.mains import known_one_rm, lift_step
from core.generation.engine.ramps import ramp_note
from core.generation.engine.reps_table import whole_reps_to_failure
from core.generation.engine.rests import MAIN_BLOCK
from core.generation.engine.sessions import Ctx, Session
from core.generation.engine.workouts import mobility_workout, planned_minutes
from core.plates import round_to_step
from core.schemas import Event, Exercise, SessionType, WorkoutBlock, WorkoutInstance
from core.validation import pct_of_one_rm

OPENER_REST = 240
EASY_RPE = 4.0
LEFT_OUT_BLOCKS = frozenset({"Accessories"})


def in_week(event: Event | None, start: date, end: date) -> bool:
    return event is not None and start <= event.date <= end


def quiet_days_before(
    ctx: Ctx, workouts: list[WorkoutInstance], event: Event
) -> list[WorkoutInstance]:
    """The week before an event early in its week: its sessions in the event's quiet days become
    easy mobility (easy runs stay, a shake-out); the others are the build week's, except before
    a meet or a test day whose week has no day for openers before its quiet days (a Monday to
    Thursday meet): this week then opens the lifts as an event week does."""
    quiet_from = event.date - timedelta(days=quiet_days(event))
    if not event.kind.is_race and quiet_from <= monday_of(event.date):
        return event_week(ctx, workouts, event, closing_note=event.date.weekday() == 0)
    return [
        workout
        if workout.date < quiet_from or _is_easy_run(workout)
        else _quiet_session(ctx, workout, event)
        for workout in workouts
    ]


def event_week(
    ctx: Ctx, workouts: list[WorkoutInstance], event: Event, closing_note: bool = True
) -> list[WorkoutInstance]:
    """The week's sessions fitted to the event (see the module's rules), in date order; with
    ``closing_note`` the last one says it is the last before the event."""
    quiet_from = event.date - timedelta(days=quiet_days(event))
    openers = not event.kind.is_race
    ordered = sorted(workouts, key=lambda item: item.date)
    early = [w for w in ordered if w.date < quiet_from and w.session_type == SessionType.LIFT]
    late = [w for w in ordered if w.date >= quiet_from and w.session_type == SessionType.LIFT]
    opened: set[str] = set()
    kept: list[WorkoutInstance] = []
    absent = _absent_lifts(ctx, ordered) if openers else []
    for workout in ordered:
        if workout.date >= event.date:
            continue
        if workout.date >= quiet_from:
            if not _is_easy_run(workout):
                workout = _quiet_session(ctx, workout, event)
        elif openers and workout.session_type == SessionType.LIFT:
            # the last early session also opens the lifts the quiet days would have trained
            # and those the week had no turn for
            closing = bool(early) and workout is early[-1]
            moved = [*_loaded_entries(_main_lifts(late)), *absent] if closing else []
            workout = _with_openers(ctx, workout, opened, event, moved)
        kept.append(workout)
    if kept and closing_note:
        last = kept[-1]
        note = f"Last session before {event.words}."
        kept[-1] = last.model_copy(update={"notes": f"{note} {last.notes}" if last.notes else note})
    return kept


def _absent_lifts(ctx: Ctx, workouts: list[WorkoutInstance]) -> list[LibraryExercise]:
    """The lifts with a known 1RM that none of the week's sessions has as a main lift (a short
    day's main lifts take turns by week): they are opened too."""
    written = {exercise.name.lower() for exercise in _main_lifts(workouts)}
    return [
        entry
        for entry in (find_exercise(name) for name in sorted(ctx.given_lifts()))
        if entry is not None
        and entry.main_lift
        and entry.name.lower() not in written
        and not entry.loaded_areas(ctx.injuries)
        and set(entry.equipment) <= ctx.equipment
    ]


def _main_lifts(workouts: list[WorkoutInstance]) -> list[Exercise]:
    return [
        exercise
        for workout in workouts
        for block in workout.blocks
        if block.label == MAIN_BLOCK
        for exercise in block.exercises
    ]


def _with_move(workout: WorkoutInstance, note: str) -> str:
    """The new note, after the schedule's word on a moved session (core.generation.engine.schedule)."""
    moved = (workout.notes or "").split(". ")[0]
    return f"{moved}. {note}" if moved.startswith("Moved from") else note


def _is_easy_run(workout: WorkoutInstance) -> bool:
    return workout.session_type == SessionType.RUN and all(
        (exercise.rpe or 0) <= EASY_RPE for exercise in workout.exercises
    )


def _quiet_session(ctx: Ctx, workout: WorkoutInstance, event: Event) -> WorkoutInstance:
    days = (event.date - workout.date).days
    before = f"{days} day{'s' if days != 1 else ''} before the event"
    session = Session(workout.date.weekday(), "Mobility", "mobility", "")
    easy = mobility_workout(ctx, session, workout.date, None, f"{before}: nothing hard")
    what = "race" if event.kind.is_race else event.kind.label
    return easy.model_copy(
        update={
            "title": f"Before the {what}: easy mobility",
            "notes": _with_move(workout, f"Fresh for the {what}: {before}, only easy movement."),
        }
    )


def _with_openers(
    ctx: Ctx,
    workout: WorkoutInstance,
    opened: set[str],
    event: Event,
    moved: list[LibraryExercise],
) -> WorkoutInstance:
    blocks: list[WorkoutBlock] = []
    changed = False
    if moved and not any(block.label == MAIN_BLOCK for block in workout.blocks):
        blocks_in = [*workout.blocks, WorkoutBlock(label=MAIN_BLOCK)]
    else:
        blocks_in = list(workout.blocks)
    for block in blocks_in:
        if block.label in LEFT_OUT_BLOCKS:
            changed = True
            continue
        if block.label != MAIN_BLOCK:
            blocks.append(block)
            continue
        exercises: list[Exercise] = []
        for exercise in block.exercises:
            key = exercise.name.lower()
            opener = None if key in opened else _opener(ctx, exercise, event)
            if opener is not None:
                opened.add(key)
                exercises.append(opener)
                changed = True
            elif key in opened and exercises and exercises[-1].name.lower() == key:
                changed = True  # a back-off set after the top set: the opener replaces both
            else:
                exercises.append(exercise)
        for entry in moved:
            key = entry.name.lower()
            opener = None if key in opened else _opener_for(ctx, entry, event)
            if opener is not None:
                opened.add(key)
                exercises.append(opener)
                changed = True
        moved = []
        blocks.append(block.model_copy(update={"exercises": exercises}))
    if not changed:
        return workout
    title = workout.title.removesuffix(" (deload)")
    return workout.model_copy(
        update={
            "blocks": blocks,
            "title": f"{title}: openers",
            "planned_minutes": planned_minutes(blocks),
            "target_rpe": 7.0,
            "notes": _with_move(
                workout, "Openers: rehearse the first attempts, crisp and fast; no grinding."
            ),
        }
    )


def _loaded_entries(exercises: list[Exercise]) -> list[LibraryExercise]:
    """The library entries of the rows written with a load (the lifts dosed from a 1RM)."""
    entries = (find_exercise(e.name) for e in exercises if e.load_kg is not None)
    return [entry for entry in entries if entry is not None]


def _opener(ctx: Ctx, exercise: Exercise, event: Event) -> Exercise | None:
    """The opener of a row written with a load, or of a lift the client gave a 1RM for that the
    block doses by effort (a rehab block's squat: the test day tests it) unless it loads an
    injured area; None otherwise."""
    entry = find_exercise(exercise.name)
    if entry is None:
        return None
    if exercise.load_kg is None and (
        entry.name not in ctx.given_lifts() or entry.loaded_areas(ctx.injuries)
    ):
        return None
    return _opener_for(ctx, entry, event)


def _opener_for(ctx: Ctx, entry: LibraryExercise, event: Event) -> Exercise | None:
    """2 singles at about 90 % of the lift's 1RM, after the ramp-up; None without a known 1RM."""
    known = known_one_rm(ctx, entry)
    if known is None:
        return None
    one_rm, _source = known
    step = lift_step(ctx, entry)
    load = round_to_step(one_rm * OPENER_PCT / 100, step)
    pct = pct_of_one_rm(load, one_rm)
    reserve = max(0, whole_reps_to_failure(pct) - 1)
    return Exercise(
        name=entry.name,
        sets=OPENER_SETS,
        reps=1,
        load_kg=load,
        pct_one_rm=pct,
        rir=reserve,
        rest_seconds=OPENER_REST,
        notes=ramp_note(load, step, ctx.profile.minutes_per_session),
        rationale=(
            f"openers for {event.words}: {OPENER_SETS} singles at about {OPENER_PCT:g} % of the "
            "1RM early in the week, nothing heavy in the last 3 days"
        )[:300],
    )
