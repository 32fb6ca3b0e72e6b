"""Sessions of a split: what each label trains, its slots, and the library exercises that fill them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from core.exercises.exposure import AREA_PATTERNS, phase_options
from core.exercises.library import UPPER_BODY_PATTERNS, LibraryExercise, find_exercise
from core.generation.engine.phases import PhaseStyle
from core.generation.engine.warmups import pick_warmup
from core.schemas import (
    ClientProfile,
    MesocyclePlan,
    ProgramType,
)
from core.validation import (
    is_rest_label,
)
from core.validation.impact import jumping_suits
from core.validation.set_counts import MAX_ACCESSORY_SETS
from core.validation.volume_floor import FLOOR_MUSCLES, floor_muscles, level_floor, time_floor

STEP_PATTERNS = ("squat", "lunge", "hinge", "horizontal_push", "vertical_push", "elbow_flexion")
"""Movements whose exercises include graded-exposure steps."""

Slot = tuple[str, str]
"""(movement pattern, role); roles: main, secondary, accessory, core, rehab."""

SESSION_SLOTS: dict[str, tuple[tuple[Slot, ...], ...]] = {
    # One tuple per variant (A, B, …) of a label inside a week; main slots first.
    "upper": (
        (
            ("horizontal_push", "main"),
            ("horizontal_pull", "secondary"),
            ("vertical_pull", "secondary"),
            ("horizontal_push", "accessory"),
            ("vertical_push", "accessory"),
            ("elbow_flexion", "accessory"),
            ("elbow_extension", "accessory"),
        ),
        (
            ("vertical_push", "main"),
            ("vertical_pull", "secondary"),
            ("horizontal_pull", "secondary"),
            ("horizontal_push", "accessory"),
            ("vertical_push", "accessory"),
            ("elbow_extension", "accessory"),
            ("elbow_flexion", "accessory"),
        ),
    ),
    "lower": (
        (
            ("squat", "main"),
            ("hinge", "secondary"),
            ("lunge", "accessory"),
            ("hinge", "accessory"),
            ("calf", "accessory"),
            ("core", "core"),
        ),
        (
            ("hinge", "main"),
            ("squat", "secondary"),
            ("lunge", "accessory"),
            ("hinge", "accessory"),
            ("squat", "accessory"),
            ("calf", "accessory"),
            ("core", "core"),
        ),
    ),
    "push": (
        (
            ("horizontal_push", "main"),
            ("vertical_push", "secondary"),
            ("horizontal_push", "accessory"),
            ("vertical_push", "accessory"),
            ("elbow_extension", "accessory"),
            ("core", "core"),
        ),
    ),
    "pull": (
        (
            ("horizontal_pull", "main"),
            ("vertical_pull", "secondary"),
            ("horizontal_pull", "accessory"),
            ("hinge", "accessory"),
            ("elbow_flexion", "accessory"),
            ("carry", "core"),
        ),
    ),
    "legs": (
        (
            ("squat", "main"),
            ("hinge", "secondary"),
            ("lunge", "accessory"),
            ("hinge", "accessory"),
            ("calf", "accessory"),
            ("core", "core"),
        ),
    ),
    "full": (
        (
            ("squat", "main"),
            ("horizontal_push", "main"),
            ("horizontal_pull", "secondary"),
            ("hinge", "accessory"),
            ("vertical_pull", "accessory"),
            ("elbow_flexion", "accessory"),
            ("elbow_extension", "accessory"),
            ("calf", "accessory"),
            ("core", "core"),
        ),
        (
            ("hinge", "main"),
            ("vertical_push", "main"),
            ("vertical_pull", "secondary"),
            ("lunge", "accessory"),
            ("horizontal_push", "accessory"),
            ("elbow_extension", "accessory"),
            ("elbow_flexion", "accessory"),
            ("calf", "accessory"),
            ("carry", "core"),
        ),
    ),
    "strength": (
        (
            ("squat", "secondary"),
            ("hinge", "secondary"),
            ("horizontal_push", "secondary"),
            ("horizontal_pull", "secondary"),
            ("lunge", "accessory"),
            ("vertical_pull", "accessory"),
            ("calf", "accessory"),
            ("core", "core"),
        ),
    ),
    "rehab": (
        (
            ("hinge", "rehab"),
            ("squat", "rehab"),
            ("horizontal_pull", "rehab"),
            ("horizontal_push", "rehab"),
            ("vertical_pull", "rehab"),
            ("lunge", "rehab"),
            ("calf", "rehab"),
            ("core", "core"),
            ("carry", "core"),
        ),
    ),
}


def session_kind(label: str) -> tuple[str, str]:
    """(kind, variant) of a split label: ("lift", "upper"), ("run", "long"), ("rest", "")…"""
    lowered = label.strip().lower()
    if is_rest_label(label) or lowered.startswith("rest"):
        return "rest", ""
    if re.search(r"run|tempo|interval|jog|hill|fartlek|threshold", lowered):
        if "long" in lowered:
            return "run", "long"
        if re.search(r"tempo|interval|hill|fartlek|threshold|quality|speed", lowered):
            return "run", "quality"
        return "run", "easy"
    if re.search(r"metcon|hiit|conditioning|circuit|cardio", lowered):
        return "metcon", ""
    if re.search(r"mobility|yoga|stretch|recovery", lowered):
        return "mobility", ""
    for variant in ("upper", "lower", "push", "pull", "legs", "rehab", "strength", "full"):
        if variant in lowered:
            return "lift", variant
    if re.search(r"squat|deadlift|hinge|leg", lowered):
        return "lift", "lower"
    if re.search(r"bench|press|chest|arm", lowered):
        return "lift", "upper"
    return "lift", "full"


def main_slot_count(split: str) -> int:
    """Main-lift slots a split's week holds (the outline's and the breakdown's shared count)."""
    count = 0
    seen: dict[str, int] = {}
    for label in split.split("-"):
        kind, variant = session_kind(label)
        if kind != "lift":
            continue
        variants = SESSION_SLOTS[variant]
        index = seen.get(variant, 0)
        seen[variant] = index + 1
        count += sum(role == "main" for _, role in variants[index % len(variants)])
    return count


def run_labels(split: str) -> list[str]:
    return [label for label in split.split("-") if session_kind(label)[0] == "run"]


@dataclass(frozen=True)
class Ctx:
    profile: ClientProfile
    program_type: ProgramType
    plan: MesocyclePlan
    style: PhaseStyle
    equipment: frozenset[str]
    injuries: frozenset[str]
    variation: int
    budget_seconds: int
    builds: int
    phase_index: int = 0
    """0 for a program's first phase, 1 for the second… (the training max rises each phase)."""
    training_maxes: Mapping[str, float] = field(default_factory=dict)
    """Training max in kg by lift name (lower case), from core.training_max; a lift not in it
    gets the planned progression."""

    def options(self, pattern: str) -> tuple[LibraryExercise, ...]:
        return _phase_options(
            pattern, self.equipment, self.injuries, self.phase_index, self.profile.experience.value
        )

    def conditioning(self, after_lifting: bool = False) -> tuple[LibraryExercise, ...]:
        """The client's conditioning options: jumping drills only where core.validation.impact
        allows them (not for this client, not after a lifting session's sets)."""
        options = self.options("conditioning")
        if after_lifting or not jumping_suits(self.profile):
            options = tuple(option for option in options if not option.impact)
        return options

    def given_lifts(self) -> frozenset[str]:
        """Library names of the lifts the client gave a 1RM for."""
        names = (find_exercise(lift) for lift in self.profile.one_rep_maxes)
        return frozenset(entry.name for entry in names if entry is not None)


@lru_cache(maxsize=1024)
def _phase_options(
    pattern: str, equipment: frozenset[str], injuries: frozenset[str], phase_index: int, level: str
) -> tuple[LibraryExercise, ...]:
    """The pattern's options for the client (core.exercises.exposure.phase_options)."""
    return phase_options(pattern, equipment, injuries, phase_index, level)


@dataclass
class Item:
    exercise: LibraryExercise
    role: str
    session: int
    contributions: tuple[tuple[str, float], ...]
    primary: tuple[str, ...]
    occurrence: int = 0
    """How many times this exercise already came earlier in the week."""
    count: int = 1
    """How many times it comes in the week."""
    partner: str | None = None
    """The exercise this one is supersetted with, done straight after it (no rest between)."""
    partner_index: int | None = None
    """That exercise's place in the skeleton's items."""
    solo_rest: float = 0.0
    """The rest a superset's first exercise takes when its partner has no sets that week."""
    lead: bool = False
    """A rehab session's opening graded-exposure step: it always has sets."""
    between_main: bool = False
    """Done between a main lift's sets (a paired set): it rests the main lift's rest after it."""
    exposure: bool = False
    """The week's graded-exposure step for an injured area outside a rehab session's lead: it
    always keeps at least one set (sessions._cover_injured_areas)."""


@dataclass
class Session:
    weekday: int
    label: str
    kind: str
    variant: str
    warmup: tuple[LibraryExercise, ...] = ()
    items: list[int] = field(default_factory=list)
    conditioning: tuple[LibraryExercise, ...] = ()


@dataclass
class Skeleton:
    sessions: list[Session]
    items: list[Item]
    main_slots: int


LOADABLE = frozenset({"barbell", "dumbbells", "kettlebell", "machines", "cables"})
"""Equipment a main lift's load can progress on in small steps (not a band or bodyweight)."""


def main_candidate(option: LibraryExercise, injuries: frozenset[str]) -> bool:
    """A main slot takes a multi-joint lift, or an injured area's graded-exposure step (dosed as
    rehab work, not as a heavy main lift): never a fly or a lateral raise."""
    return option.multi_joint or bool(option.exposure_stage(injuries))


def pick_for_slot(
    options: tuple[LibraryExercise, ...],
    role: str,
    offset: int,
    used: set[str],
    given: frozenset[str] = frozenset(),
    injuries: frozenset[str] = frozenset(),
) -> LibraryExercise | None:
    """Main slots take the first option the client gave a 1RM for, else the first multi-joint
    lift that is not a graded-exposure step, on loadable equipment where there is one (a main
    lift when one is available; a band press only where nothing loadable is left), else the
    phase's highest step for an injured area (dosed as rehab work); never a fly or a raise;
    others rotate over the top non-main options, skipping exercises already in the week, the
    phase's highest graded-exposure step for an injured area first."""
    if not options:
        return None
    if role == "main":
        lifts = [option for option in options if main_candidate(option, injuries)]
        if not lifts:
            return None
        free = [option for option in lifts if not option.exposure_stage(injuries)]
        loaded = [option for option in free if set(option.equipment) & LOADABLE]
        steps = [option for option in lifts if option.exposure_stage(injuries)]
        fallback = (loaded or free or [max(steps, key=lambda o: o.exposure_stage(injuries))])[0]
        return next((option for option in options if option.name in given), fallback)
    # Accessories prefer isolation work (one prime mover) so lagging muscles can be filled
    # without pushing the big movers past the band; a secondary slot is the session's second
    # compound movement (a row, not a reverse fly, after the squat).
    isolation, compound = role in ("accessory", "core"), role == "secondary"
    pool = sorted(
        (option for option in options if not option.main_lift),
        key=lambda option: (
            -option.exposure_stage(injuries),
            option.timed,
            len(option.primary) if isolation else compound and not option.multi_joint,
            option.order,
        ),
    ) or list(options)
    width = min(len(pool), 2 if role == "secondary" else 4)
    top = pool[0].exposure_stage(injuries)
    if top:
        # graded exposure: the phase's highest step for the area first, lower steps only when
        # the week already has those
        width = min(width, sum(option.exposure_stage(injuries) == top for option in pool))
    for step in range(len(pool)):
        choice = pool[(offset + step) % width] if step < width else pool[step]
        if choice.name not in used:
            return choice
    return None


WARMUP_DRILLS = ((110, 6), (100, 4), (75, 3), (45, 2), (25, 1))
"""(from minutes, drills of 2.5 min): a warm-up of about a tenth of the session, 10 minutes from
100 minutes and 15 before a session of nearly two hours (a 10–15 minute general and specific
warm-up before heavy work: McGowan et al. 2015, Jeffreys' RAMP protocol); none under 25
minutes, where the ramp-up sets are the warm-up."""


def warmup_drills(minutes: int) -> int:
    return next((count for start, count in WARMUP_DRILLS if minutes >= start), 0)


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


def _contributions(exercise: LibraryExercise) -> tuple[tuple[str, float], ...]:
    return tuple((muscle, 1.0) for muscle in exercise.primary) + tuple(
        (muscle, 0.5) for muscle in exercise.secondary
    )


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
    for position, (pattern, role) in enumerate(slots):
        offset = ctx.variation + occurrence + (position if role != "secondary" else 0)
        options = ctx.options(pattern)
        if role == "main" and not any(main_candidate(option, ctx.injuries) for option in options):
            role = "accessory"  # no press or pull is left for the pattern: a raise is no main lift
        choice = pick_for_slot(
            options, role, offset, used | in_session, ctx.given_lifts(), ctx.injuries
        )
        if choice is None and role == "main":
            continue
        if choice is None:
            choice = pick_for_slot(options, role, offset, in_session, injuries=ctx.injuries)
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
        item = Item(choice, role, index, _contributions(choice), choice.primary)
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
    lifting = sum(count for key, count in times.items() if key.startswith("lift:"))
    short = short_week(ctx.profile, lifting)
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
        _one_main_lift(sessions, items)
    else:
        _cover_given_lifts(ctx, sessions, items)
    _cover_floor_muscles(ctx, items)
    _floor_capacity(ctx, sessions, items)
    _cover_injured_areas(ctx, sessions, items)
    lifts = sum(session.kind == "lift" for session in sessions)
    if short_week(ctx.profile, lifts):
        _pair_main_lifts(sessions, items)
    if pairs_accessories(ctx.profile, lifts):
        _pair_supersets(sessions, items)
    _number_repeats(items)
    _warm_up_sessions(ctx, sessions, items)
    return Skeleton(sessions, items, main_slot_count(split))


FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"squat", "hinge", "lunge"}),
    frozenset({"horizontal_push", "vertical_push"}),
    frozenset({"horizontal_pull", "vertical_pull"}),
)


def _family(pattern: str) -> frozenset[str]:
    return next((family for family in FAMILIES if pattern in family), frozenset({pattern}))


SHORT_SESSION_MINUTES = 30


SUPERSET_MINUTES = 60
"""Up to an hour, accessories go in pairs (supersets): the rest after the first is cut."""
STRAIGHT_SHARE = 2 / 3
"""Straight sets hold about two thirds of the hard sets an hour that supersets do (a set, 75 s
of rest and set-up alone, against a pair sharing one rest): core.validation.volume_floor's
pace of 6 sets an hour for each big mover assumes supersets."""


def short_week(profile: ClientProfile, lifts: int) -> bool:
    """The week's lifting minutes at straight sets could not hold the level's floor (one
    90-minute session a week for an intermediate, two of 45 minutes: the week's volume has to
    fit in them)."""
    minutes = lifts * profile.minutes_per_session
    return time_floor(minutes * STRAIGHT_SHARE) < level_floor(profile)


def pairs_accessories(profile: ClientProfile, lifts: int) -> bool:
    """Accessories go in supersets in sessions of up to an hour, and in any session of a short
    week."""
    return profile.minutes_per_session <= SUPERSET_MINUTES or short_week(profile, lifts)


PAIRED_ROLES = frozenset({"secondary", "accessory"})


def _pair_main_lifts(sessions: list[Session], items: list[Item]) -> None:
    """In a short week each main lift is paired with an exercise for other muscles (a press
    with a pull, a squat or a hinge with upper-body work, a pull first): a set of it straight
    after each of the main lift's sets, then the main lift's full rest. The main lift keeps
    its recovery (its rest and the partner's set) and the partner's own rests are saved:
    agonist–antagonist paired sets keep the volume load in far less time (Robbins et al. 2010;
    Weakley et al. 2017; Iversen et al. 2021 on time-efficient training)."""
    for session in sessions:
        taken: set[int] = set()
        mains = [i for i in session.items if items[i].role == "main"]
        # a press or a pull first (it needs the other side), then a squat or a hinge
        mains.sort(key=lambda i: items[i].exercise.pattern not in UPPER_BODY_PATTERNS)
        for lead in mains:
            upper = items[lead].exercise.pattern in UPPER_BODY_PATTERNS
            side = _press_or_pull(items[lead])
            free = [
                index
                for index in session.items
                if index not in taken
                and items[index].role in PAIRED_ROLES
                and items[index].exercise.pattern in UPPER_BODY_PATTERNS
                and not set(items[index].exercise.primary) & set(items[lead].exercise.primary)
                and (not upper or _press_or_pull(items[index]) == -side != 0)
            ]
            # a pull first (the week's pull:push), then a compound before isolation work
            free.sort(key=lambda i: (_press_or_pull(items[i]) != -1, items[i].role != "secondary"))
            if not free:
                continue
            partner = free[0]
            taken.add(partner)
            items[lead].partner = items[partner].exercise.name
            items[lead].partner_index = partner
            items[partner].between_main = True


SUPERSET_ROLES = frozenset({"accessory", "core"})


def _pair_supersets(sessions: list[Session], items: list[Item]) -> None:
    """Pair a session's accessories two by two, so the second exercise's work is the first's
    rest: the big movers' exercises first (the sets a short week most needs are the cheapest),
    each with a partner for other muscles, a press with a pull, else upper body with lower
    body, else the next in order; arms, calves and core pair among themselves last."""
    for session in sessions:
        left = sorted(
            (
                index
                for index in session.items
                if items[index].role in SUPERSET_ROLES and not items[index].between_main
            ),
            key=lambda index: not _big_mover(items[index]),
        )
        while len(left) >= 2:
            lead = left.pop(0)
            opposite = min(left, key=lambda i: _pairing_rank(items[lead], items[i]))
            left.remove(opposite)
            items[lead].partner = items[opposite].exercise.name
            items[lead].partner_index = opposite
            # the partner follows its lead directly in the session's order
            session.items.remove(opposite)
            session.items.insert(session.items.index(lead) + 1, opposite)


def _big_mover(item: Item) -> bool:
    """Trains a muscle held to the weekly floor as a prime mover (not only arms, calves, core)."""
    return any(muscle in FLOOR_MUSCLES for muscle in item.primary)


def _pairing_rank(lead: Item, other: Item) -> tuple[bool, bool, bool, bool]:
    """How good a superset partner ``other`` is for ``lead`` (lower is better): both big movers
    or neither, a press for a pull, the other half of the body, no prime mover shared."""
    side = _press_or_pull(lead)
    upper = lead.exercise.pattern in UPPER_BODY_PATTERNS
    return (
        _big_mover(other) != _big_mover(lead),
        not (side != 0 and _press_or_pull(other) == -side),
        (other.exercise.pattern in UPPER_BODY_PATTERNS) == upper,
        bool(set(other.primary) & set(lead.primary)),
    )


def _press_or_pull(item: Item) -> int:
    pattern = item.exercise.pattern
    return 1 if pattern.endswith("_push") else -1 if pattern.endswith("_pull") else 0


def _one_main_lift(sessions: list[Session], items: list[Item]) -> None:
    """Under 30 minutes a session has one main lift (ramp-up sets and all); the others are
    worked as compounds."""
    for session in sessions:
        mains = [index for index in session.items if items[index].role == "main"]
        for index in mains[1:]:
            items[index].role = "secondary"


def _heavy_next_door(
    sessions: list[Session], items: list[Item], weekday: int, entry: LibraryExercise
) -> bool:
    """A main lift on the day before or after already trains one of ``entry``'s prime movers."""
    for session in sessions:
        if abs(session.weekday - weekday) != 1:
            continue
        for index in session.items:
            item = items[index]
            if item.role == "main" and set(item.exercise.primary) & set(entry.primary):
                return True
    return False


def _free_next_door(
    ctx: Ctx, sessions: list[Session], items: list[Item], index: int, entry: LibraryExercise
) -> bool:
    """Main lifts next to session ``index`` on ``entry``'s prime movers become lighter compounds
    of their pattern when the week has each of them as a main lift on another day too; False
    (nothing changed) when one cannot make way."""
    weekday = sessions[index].weekday
    near = [s for s in sessions if abs(s.weekday - weekday) == 1]
    clashes = [
        (session, items[i])
        for session in near
        for i in session.items
        if items[i].exercise.main_lift and set(items[i].exercise.primary) & set(entry.primary)
    ]
    mains = [item.exercise.name for item in items if item.role == "main"]
    swaps = []
    for session, item in clashes:
        names = {items[i].exercise.name for i in session.items}
        lighter = [
            option
            for option in ctx.options(item.exercise.pattern)
            if not option.main_lift and option.name not in names
        ]
        if mains.count(item.exercise.name) < 2 or not lighter:
            return False
        swaps.append((item, lighter[0]))
    for item, option in swaps:
        item.exercise, item.role = option, "secondary"
        item.contributions, item.primary = _contributions(option), option.primary
    return bool(swaps)


def _cover_given_lifts(ctx: Ctx, sessions: list[Session], items: list[Item]) -> None:
    """Every lift the client gave a 1RM for (and may do) becomes a main lift somewhere in the
    week: it takes the place of a main lift the week already has twice, else of a compound or
    accessory slot of the same family (a press for a press, a pull for a pull)."""
    for name in sorted(ctx.given_lifts()):
        entry = find_exercise(name)
        if entry is None or entry not in ctx.options(entry.pattern):
            continue
        if any(item.role == "main" and item.exercise.name == name for item in items):
            continue
        family = _family(entry.pattern)
        mains = [item for item in items if item.role == "main"]
        counts: dict[str, int] = {}
        for item in mains:
            counts[item.exercise.name] = counts.get(item.exercise.name, 0) + 1
        # any time of a lift the week has twice (the later times first), it keeps the other
        repeated = [
            item
            for item in reversed(mains)
            if counts[item.exercise.name] > 1 and item.exercise.pattern in family
        ]
        others = sorted(
            (item for item in items if item.role != "main" and item.exercise.pattern in family),
            key=lambda item: (item.exercise.pattern != entry.pattern, item.role != "secondary"),
        )
        pool = repeated or others
        candidates = [
            item
            for item in pool
            if not _heavy_next_door(sessions, items, sessions[item.session].weekday, entry)
        ]
        # back-to-back days (a 6-day split): a repeated main lift next door makes way
        candidates = (
            candidates
            or [
                item for item in pool if _free_next_door(ctx, sessions, items, item.session, entry)
            ][:1]
        )
        if not candidates:
            continue
        target = candidates[0]
        in_session = {items[index].exercise.name for index in sessions[target.session].items}
        if name in in_session:
            continue
        target.exercise, target.role = entry, "main"
        target.contributions, target.primary = _contributions(entry), entry.primary
        session = sessions[target.session]
        index = items.index(target)
        session.items.remove(index)
        position = sum(items[other].role == "main" for other in session.items)
        session.items.insert(position, index)


def _cover_floor_muscles(ctx: Ctx, items: list[Item]) -> None:
    """Every big mover held to the floor gets direct work in the week: where no exercise trains
    it as a prime mover (hip thrusts and kickbacks in both hinge slots, half sets for the
    hamstrings), an accessory whose prime movers the week trains elsewhere takes an option of
    its pattern that does (a leg curl), so the floor is not left to synergists' half sets."""
    for muscle in floor_muscles(ctx.profile):
        if any(muscle in item.primary for item in items):
            continue
        used = {item.exercise.name for item in items}
        for item in reversed(items):
            if item.role != "accessory" or item.exercise.exposure_stage(ctx.injuries):
                continue
            others = [other for other in items if other is not item]
            if not all(any(m in o.primary for o in others) for m in item.exercise.primary):
                continue
            # isolation first: a leg curl fills the hamstrings without the glutes' band
            choice = min(
                (
                    option
                    for option in ctx.options(item.exercise.pattern)
                    if muscle in option.primary
                    and not option.main_lift
                    and not option.exposure_stage(ctx.injuries)
                    and option.name not in used
                ),
                key=lambda option: (len(option.primary), option.timed, option.order),
                default=None,
            )
            if choice is None:
                continue
            item.exercise, item.contributions = choice, _contributions(choice)
            item.primary = choice.primary
            break


MUSCLE_PATTERNS = {
    "chest": ("horizontal_push",),
    "back": ("horizontal_pull", "vertical_pull"),
    "shoulders": ("vertical_push",),
    "quads": ("squat", "lunge"),
    "hamstrings": ("hinge",),
    "glutes": ("hinge", "lunge"),
}
"""The movements whose exercises train each big mover as a prime mover."""


def _capacity(items: list[Item], muscle: str) -> float:
    """The most hard sets the week's exercises can give a muscle: each at five sets a week."""
    return sum(
        weight * MAX_ACCESSORY_SETS
        for item in items
        for trained, weight in item.contributions
        if trained == muscle
    )


def _floor_capacity(ctx: Ctx, sessions: list[Session], items: list[Item]) -> None:
    """A big mover whose exercises could not hold the floor the week's minutes allow even at
    five sets each (a once-a-week day's only hamstring exercise and a lunge's half sets) gets
    another exercise of its movement in the lifting session with the fewest: a coach adds an
    exercise rather than a sixth set."""
    lifts = [index for index, session in enumerate(sessions) if session.kind == "lift"]
    if not lifts:
        return
    minutes = ctx.profile.minutes_per_session * len(lifts)
    floor = min(level_floor(ctx.profile), time_floor(minutes))
    for muscle in floor_muscles(ctx.profile):
        if _capacity(items, muscle) >= floor:
            continue
        used = {item.exercise.name for item in items}
        choice = min(
            (
                option
                for pattern in MUSCLE_PATTERNS.get(muscle, ())
                for option in ctx.options(pattern)
                if muscle in option.primary
                and option.name not in used
                and not option.timed
                and not option.exposure_stage(ctx.injuries)
            ),
            key=lambda option: option.order,
            default=None,
        )
        if choice is None:
            continue
        index = min(lifts, key=lambda i: (len(sessions[i].items), i))
        sessions[index].items.append(len(items))
        items.append(Item(choice, "accessory", index, _contributions(choice), choice.primary))


EXPOSURE_PATTERNS = (*STEP_PATTERNS, "horizontal_pull", "vertical_pull", "elbow_extension", "core")
"""Where a step for an injured area may be found (a shoulder's planks are core work)."""


def _area_step(ctx: Ctx, area: str, taken: set[str]) -> LibraryExercise | None:
    """The phase's highest graded-exposure step for ``area`` the client can do (the area's own
    movement first on a tie), or None."""
    own = AREA_PATTERNS.get(area)
    steps = [
        (option.exposure_stage({area}), pattern == own, -option.order, option)
        for pattern in EXPOSURE_PATTERNS
        for option in ctx.options(pattern)
        if option.exposure_stage({area}) and option.name not in taken
    ]
    return max(steps, key=lambda step: step[:3])[3] if steps else None


def _cover_injured_areas(ctx: Ctx, sessions: list[Session], items: list[Item]) -> None:
    """Graded exposure, not exclusion: each injured area with a ladder is trained every week at
    the phase's highest step the client can do, always with sets: the week's own step when it is
    that high, else that step in place of an accessory of the same movement (or added to the
    lifting session with fewest exercises)."""
    lifting = [index for index, session in enumerate(sessions) if session.kind == "lift"]
    if not lifting:
        return
    for area in sorted(ctx.injuries & AREA_PATTERNS.keys()):
        steps = [item for item in items if item.exercise.exposure_stage({area})]
        have = max(steps, key=lambda item: item.exercise.exposure_stage({area}), default=None)
        choice = _area_step(ctx, area, {item.exercise.name for item in items})
        reached = have.exercise.exposure_stage({area}) if have else 0
        if have is not None and (choice is None or reached >= choice.exposure_stage({area})):
            have.exposure = True  # the week's step always has a set
            continue
        if choice is None:
            continue
        swap = next(
            (
                item
                for item in reversed(items)
                if item.role in SUPERSET_ROLES
                and item.exercise.pattern == choice.pattern
                and not item.exercise.exposure_stage(ctx.injuries)
            ),
            None,
        )
        if swap is None:
            session_index = min(lifting, key=lambda index: len(sessions[index].items))
            swap = Item(choice, "rehab", session_index, (), ())
            sessions[session_index].items.append(len(items))
            items.append(swap)
        swap.exercise, swap.role, swap.exposure = choice, "rehab", True
        swap.contributions, swap.primary = _contributions(choice), choice.primary


def _number_repeats(items: list[Item]) -> None:
    """Number each exercise's times in the week, so repeats can differ."""
    seen: dict[str, list[Item]] = {}
    for item in items:
        seen.setdefault(item.exercise.name, []).append(item)
    for repeats in seen.values():
        for occurrence, item in enumerate(repeats):
            item.occurrence, item.count = occurrence, len(repeats)


def _conditioning_choice(ctx: Ctx, occurrence: int) -> tuple[LibraryExercise, ...]:
    options = ctx.conditioning()
    if not options:
        return ()
    count = min(4, len(options))
    start = (ctx.variation + occurrence) % len(options)
    return tuple(options[(start + index) % len(options)] for index in range(count))
