"""What a week's skeleton must cover before its sets are counted: direct work for each big mover
held to the floor, room for the floor the minutes allow, and each injured area's graded-exposure
step (the lifts the client gave a 1RM for: core.generation.engine.given_lifts)."""

from __future__ import annotations

from core.exercises.exposure import AREA_PATTERNS
from core.exercises.library import LibraryExercise
from core.generation.engine.allocation import push_pull_side
from core.generation.engine.dosing import ACCESSORY_MAX_SETS, MAX_SETS
from core.generation.engine.pairing import SUPERSET_ROLES
from core.generation.engine.sessions import (
    STEP_PATTERNS,
    Ctx,
    Item,
    Session,
    contributions,
    pattern_family,
)
from core.validation.set_counts import MAX_ACCESSORY_SETS
from core.validation.volume_floor import floor_muscles, level_floor, time_floor


def cover_floor_muscles(ctx: Ctx, items: list[Item]) -> None:
    """Every big mover held to the floor gets direct work in the week: where no exercise trains
    it as a prime mover (hip thrusts and kickbacks in both hinge slots, half sets for the
    hamstrings), an accessory whose prime movers the week trains elsewhere takes an option of
    its pattern that does (a leg curl), else of the muscle's own movement on the same side of
    pull:push (a second chest press becomes a lateral raise when nothing trains the shoulders),
    so the floor is not left to synergists' half sets."""
    for muscle in floor_muscles(ctx.profile):
        if any(muscle in item.primary for item in items):
            continue
        used = {item.exercise.name for item in items}
        if not _swap_accessory(ctx, items, muscle, used, own_pattern=True):
            _swap_accessory(ctx, items, muscle, used, own_pattern=False)


def _redundant(ctx: Ctx, item: Item, items: list[Item]) -> bool:
    """An accessory (not an injured area's step) whose prime movers the week trains elsewhere:
    it can become another exercise without leaving a muscle untrained."""
    if item.role != "accessory" or item.exercise.exposure_stage(ctx.injuries):
        return False
    others = [other for other in items if other is not item]
    return all(any(muscle in o.primary for o in others) for muscle in item.exercise.primary)


def cover_shoulders_with_a_pull(ctx: Ctx, items: list[Item]) -> None:
    """In a week too short for the floor, the shoulders also get a pull that trains them (a
    face pull, a band pull-apart): the last rowing accessory whose back work the week has
    elsewhere becomes one, so a shoulder set comes with a pull set instead of needing one (the
    pull:push floor lets a press's set in only with its pulling partner, and two sets seldom
    fit where one does)."""
    if "shoulders" not in floor_muscles(ctx.profile):
        return
    if any(push_pull_side(i.exercise.pattern) < 0 and "shoulders" in i.primary for i in items):
        return
    used = {item.exercise.name for item in items}
    for item in reversed(items):
        if push_pull_side(item.exercise.pattern) >= 0 or not _redundant(ctx, item, items):
            continue
        choice = min(
            (
                option
                for option in ctx.options(item.exercise.pattern)
                if "shoulders" in option.primary
                and not option.exposure_stage(ctx.injuries)
                and option.name not in used
            ),
            key=lambda option: ("back" not in option.primary, option.timed, option.order),
            default=None,
        )
        if choice is not None:
            item.exercise, item.contributions = choice, contributions(choice)
            item.primary = choice.primary
            return


def _swap_accessory(
    ctx: Ctx, items: list[Item], muscle: str, used: set[str], own_pattern: bool
) -> bool:
    """Swap the last accessory whose prime movers the week trains elsewhere for an option that
    trains ``muscle`` as a prime mover: of the accessory's pattern, or (not ``own_pattern``) of
    the muscle's movements on the accessory's side of pull:push; False when none can be."""
    for item in reversed(items):
        if not _redundant(ctx, item, items):
            continue
        pattern = item.exercise.pattern
        patterns = (
            (pattern,)
            if own_pattern
            else tuple(
                p
                for p in MUSCLE_PATTERNS.get(muscle, ())
                if push_pull_side(p) == push_pull_side(pattern)
            )
        )
        # isolation first: a leg curl fills the hamstrings without the glutes' band
        choice = min(
            (
                option
                for candidate in patterns
                for option in ctx.options(candidate)
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
        item.exercise, item.contributions = choice, contributions(choice)
        item.primary = choice.primary
        return True
    return False


MUSCLE_PATTERNS = {
    "chest": ("horizontal_push",),
    "back": ("horizontal_pull", "vertical_pull"),
    "shoulders": ("vertical_push",),
    "quads": ("squat", "lunge"),
    "hamstrings": ("hinge",),
    "glutes": ("hinge", "lunge"),
}
"""The movements whose exercises train each big mover as a prime mover."""


def _ceiling(ctx: Ctx, item: Item) -> int:
    """The most sets an exercise takes in a week (dosing.MAX_SETS; an accessory's by level)."""
    if item.role == "accessory":
        return ACCESSORY_MAX_SETS[ctx.profile.experience]
    return min(MAX_SETS[item.role], MAX_ACCESSORY_SETS)


def _capacity(ctx: Ctx, items: list[Item], muscle: str) -> float:
    """The most hard sets the week's exercises can give a muscle, each at its most sets."""
    return sum(
        weight * _ceiling(ctx, item)
        for item in items
        for trained, weight in item.contributions
        if trained == muscle
    )


def _trains(sessions: list[Session], items: list[Item], index: int, muscle: str) -> bool:
    return any(muscle in items[i].primary for i in sessions[index].items)


def floor_capacity(ctx: Ctx, sessions: list[Session], items: list[Item]) -> None:
    """A big mover whose exercises could not hold the floor the week's minutes allow even at
    their most sets (a once-a-week day's only hamstring exercise and a lunge's
    half sets; a hip's sit-to-stand step and one more sit-to-stand for an advanced lifter's ten
    quad sets) gets another exercise of its movement, up to MAX_ADDED, in the lifting session
    with the fewest exercises of those that train the muscle already (else of all): a coach adds
    an exercise rather than a sixth set."""
    lifts = [index for index, session in enumerate(sessions) if session.kind == "lift"]
    if not lifts:
        return
    minutes = ctx.profile.minutes_per_session * len(lifts)
    floor = min(level_floor(ctx.profile), time_floor(minutes))
    for muscle in floor_muscles(ctx.profile):
        for _ in range(MAX_ADDED):
            if _capacity(ctx, items, muscle) >= floor:
                break
            if not _add_for(ctx, sessions, lifts, items, muscle):
                break


MAX_ADDED = 2
"""Exercises the capacity rule may add for one muscle (a hip's box squat alone: four quad sets,
a wall sit five more, a sit-to-stand the tenth and more)."""


def _add_for(
    ctx: Ctx, sessions: list[Session], lifts: list[int], items: list[Item], muscle: str
) -> bool:
    """Add one exercise for ``muscle`` to the lifting session (of ``lifts``) that suits it best;
    False when no option is left."""
    used = {item.exercise.name for item in items}
    choice = min(
        (
            option
            for pattern in MUSCLE_PATTERNS.get(muscle, ())
            for option in ctx.options(pattern)
            if muscle in option.primary and option.name not in used
        ),
        # what moves first, an injured area's lower step (a hip's sit-to-stand under its box
        # squat) after the rest, a hold only where nothing moves
        key=lambda option: (option.timed, option.exposure_stage(ctx.injuries), option.order),
        default=None,
    )
    if choice is None:
        return False
    index = min(
        lifts,
        key=lambda i: (not _trains(sessions, items, i, muscle), len(sessions[i].items), i),
    )
    sessions[index].items.append(len(items))
    items.append(Item(choice, "accessory", index, contributions(choice), choice.primary))
    return True


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


def _family_work(sessions: list[Session], items: list[Item], item: Item) -> int:
    """How many exercises of the item's session share its movement family."""
    family = pattern_family(item.exercise.pattern)
    return sum(items[i].exercise.pattern in family for i in sessions[item.session].items)


def cover_injured_areas(ctx: Ctx, sessions: list[Session], items: list[Item]) -> None:
    """Graded exposure, not exclusion: each injured area with a ladder is trained every week at
    the phase's highest step the client can do, always with sets: the week's own step when it is
    that high, else that step in place of an accessory of the same movement (or added to the
    lifting session with fewest exercises)."""
    lifting = [index for index, session in enumerate(sessions) if session.kind == "lift"]
    if not lifting:
        return
    for area in sorted(ctx.injuries & AREA_PATTERNS.keys()):
        steps = [item for item in items if item.exercise.exposure_stage({area})]
        # the week's highest step; of several, the one on the day that trains its movements
        # most (a lower day's sit-to-stand, not the same step tacked on to an upper day)
        have = max(
            steps,
            key=lambda item: (
                item.exercise.exposure_stage({area}),
                _family_work(sessions, items, item),
            ),
            default=None,
        )
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
        swap.contributions, swap.primary = contributions(choice), choice.primary
