"""A week's skeleton: each session of the split with its slots filled from the library, then covered
(core.generation.engine.given_lifts, core.generation.engine.coverage), paired
(core.generation.engine.pairing) and warmed up."""

from __future__ import annotations

from core.exercises.exposure import AREA_PATTERNS
from core.exercises.library import LibraryExercise
from core.generation.engine.coverage import (
    cover_floor_muscles,
    cover_injured_areas,
    cover_shoulders_with_a_pull,
    floor_capacity,
)
from core.generation.engine.dosing import SHORT_SESSION_MINUTES
from core.generation.engine.given_lifts import cover_given_lifts
from core.generation.engine.pairing import (
    pair_main_lifts,
    pair_supersets,
    pairs_accessories,
    short_week,
)
from core.generation.engine.sessions import (
    SESSION_SLOTS,
    STEP_PATTERNS,
    Ctx,
    Item,
    Session,
    Skeleton,
    Slot,
    contributions,
    lifting_days,
    main_candidate,
    main_slot_count,
    pick_for_slot,
    session_kind,
)
from core.generation.engine.warmups import pick_warmup, warmup_drills
from core.schemas import Experience


def _warm_up_sessions(ctx: Ctx, sessions: list[Session], items: list[Item]) -> None:
    """Each lifting or conditioning session's warm-up, once its exercises are final: drills for
    its main lifts' prime movers first, then its other exercises' (engine.warmups)."""
    count = warmup_drills(ctx.profile.minutes_per_session)
    options = ctx.options("mobility")
    for session in sessions:
        if session.kind not in ("lift", "metcon"):
            continue
        ordered = sorted(session.items, key=lambda index: items[index].role != "main")
        needs = [items[index].exercise.primary for index in ordered]
        session.warmup = pick_warmup(options, needs, count, ctx.variation + session.weekday)


BIG_MOVER_PATTERNS = (
    "horizontal_push",
    "horizontal_pull",
    "vertical_push",
    "vertical_pull",
    "squat",
    "hinge",
    "lunge",
)
"""The movements that train the six big movers held to the floor."""


def _slots(variant: str, occurrence: int, times: int, short: bool = False) -> tuple[Slot, ...]:
    """A session's slots: its variant's, and on the label's last day of a week that does not reach
    every variant, the other variants' patterns too, as accessories (a once-a-week full-body day
    gets B's lunge and overhead press work as well as A's). In a week too short for the floor
    (short_week) every session also gets the big movers' movements it lacks, last: two upper
    days of 20 minutes cannot hold the chest's and shoulders' floor, four days can (a split
    spends only half the week's minutes on each half of the body)."""
    variants = SESSION_SLOTS[variant]
    slots = variants[occurrence % len(variants)]
    if short and variant != "rehab":
        have = {pattern for pattern, _role in slots}
        slots = slots + tuple(
            (pattern, "accessory") for pattern in BIG_MOVER_PATTERNS if pattern not in have
        )
    if occurrence != times - 1 or times >= len(variants):
        return slots
    have = {pattern for pattern, role in slots if role != "main"}
    extra: list[Slot] = []
    for other in variants[times:]:
        for pattern, _role in other:
            if pattern not in have:
                have.add(pattern)
                extra.append((pattern, "accessory"))
    return slots + tuple(extra)


def _area_pattern(ctx: Ctx, area: str) -> str:
    """The movement with the phase's highest graded-exposure step for ``area`` (a knee's step-ups
    are lunges), the area's own movement on a tie."""
    own = AREA_PATTERNS[area]

    def best(pattern: str) -> int:
        return max((o.exposure_stage({area}) for o in ctx.options(pattern)), default=0)

    return max((own, *STEP_PATTERNS), key=lambda pattern: (best(pattern), pattern == own))


def _rehab_lead(ctx: Ctx) -> tuple[Slot, ...]:
    """The slots a rehab session opens with: the injured areas' own movements (a knee's squat or
    step-up step, an elbow's curl step), so even a short session trains the area."""
    first = [_area_pattern(ctx, area) for area in sorted(ctx.injuries) if area in AREA_PATTERNS]
    return tuple((pattern, "rehab") for pattern in dict.fromkeys(first))


def _lift_items(
    ctx: Ctx,
    session: Session,
    index: int,
    occurrence: int,
    items: list[Item],
    used: set[str],
    times: int = 1,
    short: bool = False,
) -> None:
    slots = _slots(session.variant, occurrence, times, short)
    lead = _rehab_lead(ctx) if session.variant == "rehab" else ()
    slots = lead + tuple(slot for slot in slots if slot not in lead)
    leads = len(lead)
    in_session: set[str] = set()
    novice = ctx.profile.experience == Experience.BEGINNER
    for position, (pattern, role) in enumerate(slots):
        offset = ctx.variation + occurrence + (position if role != "secondary" else 0)
        options = ctx.options(pattern)
        if role == "main" and not any(
            main_candidate(option, ctx.injuries, novice) for option in options
        ):
            role = "accessory"  # no press or pull is left for the pattern: a raise is no main lift
        choice = pick_for_slot(
            options, role, offset, used | in_session, ctx.given_lifts(), ctx.injuries, novice
        )
        if choice is None and role == "main":
            continue
        if choice is None:
            choice = pick_for_slot(
                options, role, offset, in_session, injuries=ctx.injuries, novice=novice
            )
        if choice is None or choice.name in in_session:
            continue
        if role == "main" and choice.exposure_stage(ctx.injuries):
            # a step of graded exposure is dosed as rehab work, never as a heavy main lift
            role = "rehab"
        elif role == "main" and choice.timed:
            role = "accessory"
        in_session.add(choice.name)
        used.add(choice.name)
        session.items.append(len(items))
        item = Item(choice, role, index, contributions(choice), choice.primary)
        item.lead = position < leads and bool(choice.exposure_stage(ctx.injuries))
        items.append(item)


def build_skeleton(ctx: Ctx, split: str) -> Skeleton:
    sessions: list[Session] = []
    items: list[Item] = []
    used: set[str] = set()
    occurrences: dict[str, int] = {}
    minutes = ctx.profile.minutes_per_session
    labels = split.split("-")[:7]
    times: dict[str, int] = {}
    for label in labels:
        key = ":".join(session_kind(label))
        times[key] = times.get(key, 0) + 1
    short = short_week(ctx.profile, lifting_days(split))
    for weekday, label in enumerate(labels):
        kind, variant = session_kind(label)
        if kind == "rest":
            continue
        session = Session(weekday, label.strip(), kind, variant)
        occurrence = occurrences.get(f"{kind}:{variant}", 0)
        occurrences[f"{kind}:{variant}"] = occurrence + 1
        if kind == "lift":
            count = times[f"{kind}:{variant}"]
            _lift_items(ctx, session, len(sessions), occurrence, items, used, count, short)
        elif kind == "metcon":
            session.conditioning = _conditioning_choice(ctx, occurrence)
        sessions.append(session)
    if minutes < SHORT_SESSION_MINUTES:
        _cap_main_lifts(sessions, items, 1, frozenset())
    else:
        cover_given_lifts(ctx, sessions, items)
        if minutes < TWO_MAINS_MINUTES:
            _cap_main_lifts(sessions, items, 2, ctx.given_lifts())
    cover_floor_muscles(ctx, items)
    lifts = sum(session.kind == "lift" for session in sessions)
    if short_week(ctx.profile, lifts):
        cover_shoulders_with_a_pull(ctx, items)
    cover_injured_areas(ctx, sessions, items)
    floor_capacity(ctx, sessions, items)
    if short_week(ctx.profile, lifts):
        pair_main_lifts(sessions, items)
    if pairs_accessories(ctx.profile, lifts):
        pair_supersets(sessions, items)
    _number_repeats(items)
    _warm_up_sessions(ctx, sessions, items)
    return Skeleton(sessions, items, main_slot_count(split))


TWO_MAINS_MINUTES = 40
"""Under 30 minutes a session has one main lift (ramp-up sets and all), under 40 two: a third
main lift's ramp-up sets and two-minute rests leave a short session no time for the pulling and
hinging work that balances it (a 30-minute day of squat, bench and overhead press had no row)."""


def _cap_main_lifts(
    sessions: list[Session], items: list[Item], most: int, given: frozenset[str]
) -> None:
    """Each session keeps its first ``most`` main lifts, the lifts the client gave a 1RM for
    first; the others are worked as compounds. A given lift's only time in the week as a main
    lift stays one whatever the count (every 1RM the client gave is loaded from)."""
    times: dict[str, int] = {}
    for item in items:
        if item.role == "main":
            times[item.exercise.name] = times.get(item.exercise.name, 0) + 1
    for session in sessions:
        mains = [index for index in session.items if items[index].role == "main"]
        kept = sorted(mains, key=lambda index: items[index].exercise.name not in given)[:most]
        for index in mains:
            name = items[index].exercise.name
            if index not in kept and not (name in given and times[name] == 1):
                items[index].role = "secondary"
                times[name] -= 1


def _number_repeats(items: list[Item]) -> None:
    """Number each exercise's times in the week, so repeats can differ, and its times as a main
    lift, which take the heavy, light and medium days in turn."""
    seen: dict[str, list[Item]] = {}
    for item in items:
        seen.setdefault(item.exercise.name, []).append(item)
    for repeats in seen.values():
        for occurrence, item in enumerate(repeats):
            item.occurrence = occurrence
        mains = [item for item in repeats if item.role == "main"]
        for day, item in enumerate(mains):
            item.main_day, item.main_days = day, len(mains)


def _conditioning_choice(ctx: Ctx, occurrence: int) -> tuple[LibraryExercise, ...]:
    options = ctx.conditioning()
    if not options:
        return ()
    count = min(4, len(options))
    start = (ctx.variation + occurrence) % len(options)
    return tuple(options[(start + index) % len(options)] for index in range(count))
