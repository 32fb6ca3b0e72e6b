"""The exercise library (exercises.json): muscles, equipment and body-area load of each exercise."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

LIBRARY_PATH = Path(__file__).with_name("exercises.json")

MUSCLES: tuple[str, ...] = (
    "chest",
    "back",
    "shoulders",
    "biceps",
    "triceps",
    "quads",
    "hamstrings",
    "glutes",
    "calves",
    "core",
)

PATTERNS: tuple[str, ...] = (
    "squat",
    "hinge",
    "lunge",
    "horizontal_push",
    "vertical_push",
    "horizontal_pull",
    "vertical_pull",
    "elbow_flexion",
    "elbow_extension",
    "calf",
    "core",
    "carry",
    "conditioning",
    "run",
    "mobility",
)

EQUIPMENT: tuple[str, ...] = (
    "barbell",
    "dumbbells",
    "kettlebell",
    "machines",
    "cables",
    "pull_up_bar",
    "bench",
    "bands",
    "treadmill",
    "bike",
    "rower",
)

BODY_AREAS: tuple[str, ...] = (
    "knee",
    "shoulder",
    "lower_back",
    "hip",
    "elbow",
    "wrist",
    "ankle",
    "neck",
)

STRENGTH_PATTERNS: frozenset[str] = frozenset(PATTERNS) - {"conditioning", "run", "mobility"}
"""Patterns whose sets count as hard sets per muscle (docs/domain.md §4)."""
LOWER_BODY_PATTERNS: frozenset[str] = frozenset({"squat", "hinge", "lunge"})
UPPER_BODY_PATTERNS: frozenset[str] = frozenset(
    {"horizontal_push", "vertical_push", "horizontal_pull", "vertical_pull"}
)
MULTI_JOINT_PATTERNS: frozenset[str] = LOWER_BODY_PATTERNS | UPPER_BODY_PATTERNS
"""Patterns of squats, hinges, lunges, presses and pulls: multi-joint, unless the library marks an
exercise of them single-joint (a leg curl, a fly, a lateral raise)."""
SINGLE_JOINT_PATTERNS: frozenset[str] = frozenset({"elbow_flexion", "elbow_extension", "calf"})
ECCENTRIC_HEAVY: frozenset[str] = frozenset({"Nordic Hamstring Curl"})
"""Bodyweight lifts loaded mostly in the lowering (a Nordic curl): dosed in low reps, and for a
beginner an accessory, never the main lift (near-maximal eccentric work a beginner builds up to
over weeks, as a Nordic protocol does: van der Horst et al. 2015)."""


VARIATION_RATIOS: dict[str, tuple[str, float]] = {
    # lift → (parent lift, share of the parent's 1RM): conservative ratios coaches use to start a
    # variation from a known lift (docs/engine.md). The engine doses from them and the validator
    # checks a load against them, so a variation with no 1RM of its own is still checked.
    "Front Squat": ("Back Squat", 0.85),
    "Back Squat": ("Front Squat", 1.15),
    "Close-Grip Bench Press": ("Bench Press", 0.90),
    "Incline Bench Press": ("Bench Press", 0.80),
    "Sumo Deadlift": ("Deadlift", 0.95),
    "Trap Bar Deadlift": ("Deadlift", 1.0),
    "Deadlift": ("Trap Bar Deadlift", 1.0),
    "Push Press": ("Overhead Press", 1.15),
    "Overhead Press": ("Push Press", 0.85),
}


@dataclass(frozen=True)
class LibraryExercise:
    """One exercise of the library; ``equipment`` lists items that are ALL required."""

    name: str
    pattern: str
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    equipment: tuple[str, ...]
    loads: tuple[str, ...]
    main_lift: bool = False
    one_rm_key: str | None = None
    timed: bool = False
    """Dosed by time (holds, carries, steady-state cardio) rather than by reps."""
    aliases: tuple[str, ...] = ()
    regression: tuple[tuple[str, int], ...] = ()
    """(area, stage 1–4) for each loaded area it trains under control: a graded-exposure step
    (core/exercises/exposure.py), allowed when that area is injured."""
    single_joint: bool = False
    """One joint moves (a leg curl, a fly, a lateral raise) though its pattern is a press, pull,
    squat or hinge: dosed and rested as isolation work."""
    static: bool = False
    """A held stretch or a breathing drill: for a cool-down, not a warm-up before lifting."""
    impact: bool = False
    """Jumping and landing (a burpee, a squat jump): core.validation.impact says for whom."""
    facility: str | None = None
    """A place it needs that a profile's equipment cannot say the client has (a pool): a coach
    may write it in, the engine never picks it."""
    rehab_only: bool = False
    """A rehab drill (a terminal knee extension): offered only to a client it is a step for."""
    max_level: str | None = None
    """The most experienced level it suits ("beginner": a wall push-up), None for every level:
    an easier variation of a movement, not a training stimulus for a more trained lifter."""
    min_level: str | None = None
    """The least experienced level it suits ("intermediate": a pistol squat, a Nordic curl),
    None for every level: a progression a beginner builds up to, not where one starts."""
    order: int = 0
    """Position in the library file: the curated preference inside a pattern."""

    @property
    def counts_as_hard_sets(self) -> bool:
        return self.pattern in STRENGTH_PATTERNS

    @property
    def multi_joint(self) -> bool:
        """A squat, hinge, lunge, press or pull moving several joints (not a timed hold)."""
        return self.pattern in MULTI_JOINT_PATTERNS and not (self.single_joint or self.timed)

    @property
    def isolation(self) -> bool:
        """Single-joint work: a curl, an extension, a calf raise, a fly, a lateral raise."""
        return self.single_joint or self.pattern in SINGLE_JOINT_PATTERNS

    def loaded_areas(self, injuries: set[str] | frozenset[str]) -> tuple[str, ...]:
        """The injured areas this exercise loads heavily (empty when it is safe for them): a
        graded-exposure step for an area is not a heavy load of it."""
        steps = {area for area, _stage in self.regression}
        return tuple(area for area in self.loads if area in injuries and area not in steps)

    def exposure_stage(self, injuries: set[str] | frozenset[str]) -> int:
        """The graded-exposure stage (1–4) it is for the injured areas, 0 when it is not one."""
        return max((stage for area, stage in self.regression if area in injuries), default=0)


def _normalise(name: str) -> str:
    """Case, hyphen and spacing differences do not make a different exercise."""
    return re.sub(r"[\s\-_]+", " ", name.strip().lower())


def _parse(raw: dict, order: int) -> LibraryExercise:
    return LibraryExercise(
        name=raw["name"],
        pattern=raw["pattern"],
        primary=tuple(raw["primary"]),
        secondary=tuple(raw["secondary"]),
        equipment=tuple(raw["equipment"]),
        loads=tuple(raw["loads"]),
        main_lift=bool(raw.get("main_lift", False)),
        one_rm_key=raw.get("one_rm_key"),
        timed=bool(raw.get("timed", False)),
        aliases=tuple(raw.get("aliases", ())),
        regression=tuple(
            sorted((area, int(stage)) for area, stage in raw.get("regression", {}).items())
        ),
        single_joint=bool(raw.get("single_joint", False)),
        static=bool(raw.get("static", False)),
        impact=bool(raw.get("impact", False)),
        facility=raw.get("facility"),
        rehab_only=bool(raw.get("rehab_only", False)),
        max_level=raw.get("max_level"),
        min_level=raw.get("min_level"),
        order=order,
    )


@cache
def load_library() -> tuple[LibraryExercise, ...]:
    """Every exercise of the library, in file order (read once)."""
    raw = json.loads(LIBRARY_PATH.read_text(encoding="utf-8"))
    return tuple(_parse(item, order) for order, item in enumerate(raw))


@cache
def _index() -> dict[str, LibraryExercise]:
    index: dict[str, LibraryExercise] = {}
    for exercise in load_library():
        for name in (exercise.name, *exercise.aliases):
            index.setdefault(_normalise(name), exercise)
    return index


@lru_cache(maxsize=4096)
def find_exercise(name: str) -> LibraryExercise | None:
    """The library entry for ``name`` (case-insensitive; aliases such as "OHP" accepted)."""
    return _index().get(_normalise(name))


def _equipment_set(equipment: set[str] | frozenset[str]) -> frozenset[str]:
    return frozenset(str(item) for item in equipment) - {"none"}


@cache
def _candidates(
    pattern: str, equipment: frozenset[str], injuries: frozenset[str]
) -> tuple[LibraryExercise, ...]:
    found = [
        exercise
        for exercise in load_library()
        if exercise.pattern == pattern
        and set(exercise.equipment) <= equipment
        and exercise.facility is None
        and not exercise.loaded_areas(injuries)
        and (not exercise.rehab_only or exercise.exposure_stage(injuries))
    ]
    # Deterministic: main lifts first, then the library's curated order.
    return tuple(sorted(found, key=lambda exercise: (not exercise.main_lift, exercise.order)))


def candidates(
    pattern: str, equipment: set[str] | frozenset[str], injuries: set[str] | frozenset[str]
) -> tuple[LibraryExercise, ...]:
    """Exercises of ``pattern`` doable with ``equipment`` that load none of ``injuries`` heavily
    (graded-exposure steps for an injured area included) and need no facility (a pool).

    Sorted deterministically: main lifts first, then the library's order (its curated preference).
    "none" in the equipment means bodyweight only and is ignored.
    """
    if pattern not in PATTERNS:
        raise ValueError(f"unknown movement pattern '{pattern}'; use one of {', '.join(PATTERNS)}")
    return _candidates(
        pattern, _equipment_set(equipment), frozenset(str(area) for area in injuries)
    )


LEVELS = ("beginner", "intermediate", "advanced")


def fits_level(entry: LibraryExercise, level: str, injuries: set[str] | frozenset[str]) -> bool:
    """The exercise suits a client of this experience level: not a regression meant for a less
    trained lifter (a wall push-up for an intermediate) nor a progression meant for a more
    trained one (a pistol squat for a beginner), unless it is a graded-exposure step for one of
    the client's injuries."""
    if entry.exposure_stage(injuries):
        return True
    rank = LEVELS.index(level)
    if entry.max_level is not None and rank > LEVELS.index(entry.max_level):
        return False
    return entry.min_level is None or rank >= LEVELS.index(entry.min_level)


def level_options(
    found: tuple[LibraryExercise, ...], level: str, injuries: set[str] | frozenset[str]
) -> tuple[LibraryExercise, ...]:
    """The options that suit the level, or all of them when none does (a movement trained by an
    easy variation rather than not at all)."""
    suited = tuple(entry for entry in found if fits_level(entry, level, injuries))
    return suited or found
