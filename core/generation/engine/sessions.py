"""Sessions of a split: what each label trains, its slots, and the library exercises that fill them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from core.exercises.exposure import phase_options
from core.exercises.library import (
    ECCENTRIC_HEAVY,
    VARIATION_RATIOS,
    LibraryExercise,
    find_exercise,
)
from core.generation.engine.phases import PhaseStyle
from core.schemas import (
    ClientProfile,
    MesocyclePlan,
    ProgramType,
)
from core.validation import (
    is_rest_label,
)
from core.validation.impact import jumping_suits
from core.validation.measures import bar_out_of_reach

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


def lifting_days(split: str) -> int:
    """Lifting sessions in a split's week (its first seven labels, Monday to Sunday)."""
    return sum(session_kind(label)[0] == "lift" for label in split.split("-")[:7])


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
    short_week: bool = False
    """The phase's lifting minutes a week cannot hold the level's floor at straight sets
    (pairing.short_week): its sets rest as a short session's do (dosing.rest_for)."""

    def options(self, pattern: str) -> tuple[LibraryExercise, ...]:
        options = _phase_options(
            pattern, self.equipment, self.injuries, self.phase_index, self.profile.experience.value
        )
        if not self.out_of_reach:
            return options
        return tuple(option for option in options if option.name not in self.out_of_reach)

    @cached_property
    def out_of_reach(self) -> frozenset[str]:
        """Barbell lifts whose 1RM (the client's, or a parent's by the variation ratios) the
        empty bar is too heavy for (measures.bar_out_of_reach), read once per context."""
        entries = (find_exercise(name) for name in {*self.profile.one_rep_maxes, *VARIATION_RATIOS})
        return frozenset(
            entry.name
            for entry in entries
            if entry is not None and bar_out_of_reach(self.profile, entry)
        )

    def conditioning(self, after_lifting: bool = False) -> tuple[LibraryExercise, ...]:
        """The client's conditioning options: jumping drills only where core.validation.impact
        allows them (not for this client, not after a lifting session's sets)."""
        options = self.options("conditioning")
        if after_lifting or not jumping_suits(self.profile):
            options = tuple(option for option in options if not option.impact)
        return options

    def given_lifts(self) -> frozenset[str]:
        """Library names of the lifts the client gave a 1RM for (not a barbell lift the empty
        bar is too heavy for: it is trained with dumbbells)."""
        names = (find_exercise(lift) for lift in self.profile.one_rep_maxes)
        return frozenset(entry.name for entry in names if entry is not None) - self.out_of_reach


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
    main_day: int = 0
    """How many times it already came earlier in the week as a main lift: 0, 1, 2 for its heavy,
    light and medium days (counted with its accessory slots, a squat's second main day had come
    fourth, a heavy day again, and copied the first)."""
    main_days: int = 1
    """How many times it comes in the week as a main lift."""
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
    main_index: int | None = None
    """That main lift's place in the skeleton's items."""
    exposure: bool = False
    """The week's graded-exposure step for an injured area outside a rehab session's lead: it
    always keeps at least one set (core.generation.engine.coverage.cover_injured_areas)."""
    splits_at: int = 0
    """From this many sets this week a main lift's rows become a top set and back-off sets, one
    changeover more than its straight sets (0: they never do this week)."""


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


def main_candidate(option: LibraryExercise, injuries: frozenset[str], novice: bool = False) -> bool:
    """A main slot takes a multi-joint lift, or an injured area's graded-exposure step (dosed as
    rehab work, not as a heavy main lift): never a fly or a lateral raise, and for a beginner
    never an eccentric-heavy drill (a Nordic curl is a beginner's accessory to build up to)."""
    if novice and option.name in ECCENTRIC_HEAVY:
        return False
    return option.multi_joint or bool(option.exposure_stage(injuries))


def pick_for_slot(
    options: tuple[LibraryExercise, ...],
    role: str,
    offset: int,
    used: set[str],
    given: frozenset[str] = frozenset(),
    injuries: frozenset[str] = frozenset(),
    novice: bool = False,
) -> LibraryExercise | None:
    """Main slots take the first option the client gave a 1RM for, else the first multi-joint
    lift that is not a graded-exposure step, on loadable equipment where there is one (a main
    lift when one is available; a band press only where nothing loadable is left) and not an
    easier variation (a wall push-up) where a loadable step is left, else the phase's highest
    step for an injured area (dosed as rehab work); never a fly or a raise;
    others rotate over the top non-main options, skipping exercises already in the week, the
    phase's highest graded-exposure step for an injured area first; a timed hold only where
    nothing that moves is left, as an injured area's step, or (``novice``) as an injured
    beginner's regression."""
    if not options:
        return None
    if role == "main":
        lifts = [option for option in options if main_candidate(option, injuries, novice)]
        if not lifts:
            return None
        free = [option for option in lifts if not option.exposure_stage(injuries)]
        loaded = [option for option in free if set(option.equipment) & LOADABLE]
        steps = sorted(
            (option for option in lifts if option.exposure_stage(injuries)),
            key=lambda option: -option.exposure_stage(injuries),
        )
        # an easier variation (a wall push-up) is a main lift only where no loadable step is
        # left: a shoulder's dumbbell floor press, dosed as rehab work, trains it better
        real = [option for option in free if option.max_level is None]
        loaded_steps = [option for option in steps if set(option.equipment) & LOADABLE]
        fallback = (loaded or real or loaded_steps[:1] or free or steps)[0]
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
    if role != "core" and any(not option.timed for option in pool):
        # a timed hold (a wall press, a chest squeeze) is a rehab tool or a core drill: a
        # healthy client's slot takes an option that moves (one already in the week on another
        # day before a hold), a hold only where nothing moves; an injured trained lifter's too,
        # unless the hold is a step for the injured area (a hip is no reason for a chest squeeze)
        pool = [
            option
            for option in pool
            if not option.timed or (injuries and (novice or option.exposure_stage(injuries)))
        ]
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


def contributions(exercise: LibraryExercise) -> tuple[tuple[str, float], ...]:
    return tuple((muscle, 1.0) for muscle in exercise.primary) + tuple(
        (muscle, 0.5) for muscle in exercise.secondary
    )


FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"squat", "hinge", "lunge"}),
    frozenset({"horizontal_push", "vertical_push"}),
    frozenset({"horizontal_pull", "vertical_pull"}),
)


def pattern_family(pattern: str) -> frozenset[str]:
    return next((family for family in FAMILIES if pattern in family), frozenset({pattern}))
