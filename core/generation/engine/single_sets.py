"""The last resort for a build week's single set: the week is rearranged around it, as a coach
would, so that no accessory is written as one token set.

When the set-shape pass (core.generation.engine.set_shape) could neither raise a single to two
sets nor give it to an alike exercise, the singles left are big movers in full sessions or at
the top of their muscles' band. A coach then changes something else in the week, and this pass
tries the changes one would make, keeping the one that leaves the week's volume closest to the
floor:

- raise it to two, taking the time from lower-priority sets of its session and the band's room
  from the same muscles' sets elsewhere (a third set of rows on Monday for a second set of
  chin-ups on Wednesday when the back is at the top of its band; an arm or calf exercise's two
  sets for a press's second set in a full session);
- drop it and give its set to an exercise with two or more sets for the same muscles, in any
  session of the week (the set moves, the volume stays);
- drop it alone, when the week does not need it.

Every change keeps each session within its minutes (and not emptied below three quarters of
them), every exercise at two to five sets (a main lift at two or more), pull at least the
pull:push ratio times push, each muscle under the band's top (or where it already was) and each
floor muscle at the floor the week's minutes can hold (or where it already was). A graded-
exposure step or a rehab session's lead is raised, never dropped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import combinations

from core.generation.engine.allocation import MINOR_MUSCLES, WeekSets, held_to_band
from core.generation.engine.rests import OVERRUN_LIMIT
from core.generation.engine.sessions import Item
from core.validation.set_counts import MAX_ACCESSORY_SETS, MIN_SETS
from core.validation.volume_floor import SET_CEILING

KEEP_SESSION_SHARE, LEAST_SESSION_SHARE = 0.75, 0.5
"""A change may not leave a session with less than three quarters of its working minutes used
(the report's session time is 70-105 % of the client's minutes; the rests lengthen into what is
left), or half of them when it was already under three quarters."""
MAX_DONORS = 2
"""Other sets a change may take off to make room for a raised single (a coach's small edit)."""

Move = tuple[int, int]
"""(exercise index, sets added: +1, -1 or -2)."""


def keeps_set(item: Item) -> bool:
    """A graded-exposure step or a rehab session's lead: the area is trained every week."""
    return item.exposure or item.lead


def minor(item: Item) -> bool:
    """Arms, calves or core only: worth two sets or none, never a floor muscle's only work."""
    return all(muscle in MINOR_MUSCLES for muscle in item.primary)


@dataclass(frozen=True)
class Limits:
    """What a change to the week must keep: the sessions' seconds, the band's top, each
    exercise's ceiling, the pull:push ratio, the level's floor (aimed at) and the floor the
    week's minutes can hold (kept)."""

    budgets: list[float]
    cap: float
    ceilings: list[int]
    pull_per_push: float
    floor: float
    floor_muscles: tuple[str, ...]
    reachable: float | None = None

    @property
    def kept_floor(self) -> float:
        return self.floor if self.reachable is None else min(self.floor, self.reachable)


def floor_kept(week: WeekSets, before: dict[str, float], limits: Limits) -> bool:
    """No floor muscle is under the floor the week can hold where it was not before (at most
    where it already was)."""
    kept = limits.kept_floor
    return all(
        week.totals.get(muscle, 0.0) >= min(before.get(muscle, 0.0), kept) - 1e-9
        for muscle in limits.floor_muscles
    )


def donations(week: WeekSets, single: int, any_pair: bool = False) -> list[Move]:
    """Sets the week can give up for a raised single: a set of an exercise with three or more
    (a main lift keeps two), or both sets of an arm, calf or core exercise (of any exercise but
    a graded-exposure step with ``any_pair``)."""
    moves: list[Move] = []
    for index, item in enumerate(week.skeleton.items):
        sets = week.sets[index]
        if index == single or sets <= 0 or index in week.soft:
            continue
        if sets > MIN_SETS:
            moves.append((index, -1))
        elif (
            sets == MIN_SETS
            and (any_pair or minor(item))
            and not keeps_set(item)
            and item.role != "main"
        ):
            moves.append((index, -MIN_SETS))
    return moves


def _receivers(week: WeekSets, single: int, limits: Limits) -> list[Move]:
    """Exercises that could take the dropped single's set: room under their ceiling, training
    one of the single's prime movers as a prime mover (another single among them: two singles
    of the back become one exercise's two sets)."""
    items = week.skeleton.items
    wanted = set(items[single].primary)
    moves: list[Move] = []
    for index, item in enumerate(items):
        sets = week.sets[index]
        most = max(limits.ceilings[index], MIN_SETS)
        most = most if item.role == "main" else min(most, MAX_ACCESSORY_SETS)
        if index == single or sets < 1 or sets >= most or index in week.soft:
            continue
        if wanted & set(item.primary):
            moves.append((index, 1))
    return moves


def _changes(week: WeekSets, single: int, limits: Limits) -> Iterator[list[Move]]:
    """The changes tried for a single, simplest first."""
    given = donations(week, single)
    raise_it = [(single, 1)]
    yield raise_it
    for count in range(1, MAX_DONORS + 1):
        for donors in combinations(given, count):
            yield raise_it + list(donors)
    if keeps_set(week.skeleton.items[single]):
        return
    drop = [(single, -1)]
    receivers = _receivers(week, single, limits)
    for receiver in receivers:
        yield [*drop, receiver]
    yield drop
    for receiver in receivers:
        for donor in given:
            if donor[0] != receiver[0]:
                yield [*drop, receiver, donor]
    for donor in given:
        yield [*drop, donor]


def _shortfall(week: WeekSets, limits: Limits) -> float:
    """The floor muscles' missing sets under the level's floor, squared (a shared deficit is
    better than one muscle far short)."""
    return sum(
        max(0.0, limits.floor - week.totals.get(muscle, 0.0)) ** 2
        for muscle in limits.floor_muscles
    )


@dataclass(frozen=True)
class Before:
    totals: dict[str, float]
    used: list[float]
    balanced: bool
    ratio: float


def before_changes(week: WeekSets, limits: Limits) -> Before:
    """What a change is measured against: the week as it is now."""
    ratio = week.pull / week.push if week.push else float("inf")
    balanced = week.pull >= limits.pull_per_push * week.push - 1e-9
    return Before(dict(week.totals), list(week.used), balanced, ratio)


def allowed(
    week: WeekSets,
    moves: list[Move],
    limits: Limits,
    before: Before,
    keep_floor: bool = True,
    slack: float = 0.0,
    short: frozenset[str] | None = None,
) -> bool:
    """The changed week keeps the limits (see the module); with ``keep_floor`` no floor muscle
    falls under the floor the week can hold for it (the caller weighs that otherwise); a session
    already under its share may lose up to ``slack`` seconds more (a single set's own time: a
    half-empty session of a beginner's six days is no reason to keep a token set). With
    ``short``, the muscles under the floor the change is for, a big mover that is not short may
    pass the band's top up to the report's ceiling (allocation.held_to_band, as in the floor
    pass)."""
    items = week.skeleton.items
    for index, _change in moves:
        sets, item = week.sets[index], items[index]
        if item.role == "main":
            if sets < MIN_SETS or sets > max(limits.ceilings[index], MIN_SETS):
                return False
        elif sets == 1 or sets > MAX_ACCESSORY_SETS or (sets == 0 and keeps_set(item)):
            return False
        session = item.session
        used, budget = week.used[session], limits.budgets[session]
        if used > max(budget, before.used[session]) + 1e-9:
            return False
        share = KEEP_SESSION_SHARE
        if before.used[session] < KEEP_SESSION_SHARE * budget:
            share = LEAST_SESSION_SHARE
        if used < min(before.used[session], share * budget) - slack - 1e-9:
            return False
    if before.balanced:
        if week.pull < limits.pull_per_push * week.push - 1e-9:
            return False
    elif week.push and week.pull / week.push < before.ratio - 1e-9:
        return False
    for muscle, total in week.totals.items():
        top = limits.cap if held_to_band(muscle, short) else SET_CEILING
        if total > max(before.totals.get(muscle, 0.0), top) + 1e-9:
            return False
    return not keep_floor or floor_kept(week, before.totals, limits)


def resolve_single(week: WeekSets, single: int, limits: Limits) -> bool:
    """Rearrange the week so the single set at ``single`` is two sets or none (see the module);
    when no change keeps the limits, its second set may take its session up to the 5 % a
    written session may run over (rests.OVERRUN_LIMIT) rather than stay a token set; the week
    is left as it was, and False returned, when not even that fits."""
    if week.sets[single] != 1:
        return True
    if _rearrange(week, single, limits):
        return True
    over = replace(limits, budgets=[budget * OVERRUN_LIMIT for budget in limits.budgets])
    return _rearrange(week, single, over, raise_only=True)


def _rearrange(week: WeekSets, single: int, limits: Limits, raise_only: bool = False) -> bool:
    before = before_changes(week, limits)
    items = week.skeleton.items
    slack = -week.cost(single, -1)  # the seconds its one set takes in its session
    best: tuple[tuple[float, int, int, int], list[Move]] | None = None
    for moves in _changes(week, single, limits):
        if raise_only and (single, 1) not in moves:
            continue
        if best is not None and best[0][0] == 0 and len(moves) > best[0][1]:
            continue  # nothing longer beats a change that already leaves no floor short
        used = list(week.used)
        for index, change in moves:
            week.add(index, change)
        if allowed(week, moves, limits, before, slack=slack):
            mains_cut = sum(-c for i, c in moves if c < 0 and items[i].role == "main")
            key = (round(_shortfall(week, limits), 6), len(moves), mains_cut, -sum(week.sets))
            if best is None or key < best[0]:
                best = (key, moves)
        for index, change in reversed(moves):
            week.add(index, -change)  # sets and totals (halves and wholes) come back exactly
        week.used[:] = used  # seconds are restored as they were, not re-summed
    if best is None:
        return False
    for index, change in best[1]:
        week.add(index, change)
    return True
