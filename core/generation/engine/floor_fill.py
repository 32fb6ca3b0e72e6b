"""The floor passes: sets for the big movers still under the week's floor, added before the week is
filled (fill_floor) and, once it is, found by adding, trading or moving sets between sessions
(reach_floor, rebalance_sessions), never past a session's minutes, the band's top or pull:push."""

from __future__ import annotations

import math

from core.generation.engine.allocation import (
    WeekSets,
    dropped_main,
    held_to_band,
    kept_sets,
    lowest_share,
    push_pull_side,
    share,
)
from core.generation.engine.sessions import Item, Skeleton
from core.validation.set_counts import MIN_SETS
from core.validation.volume_floor import SET_CEILING
from core.validation.week_insights import PULL_PER_PUSH

BALANCE_CAP = SET_CEILING
"""The pulling set the floor pass's press needs may take its muscles past the band's top, up to
the report's ceiling: the back also gets sets from deadlifts and rack pulls, and the week's
pressing (chest, shoulders) should not stay under its floor because hinges filled the back's
band. Elsewhere pulls stay inside the band (presses give way instead)."""


def fill_floor(
    skeleton: Skeleton,
    sets: list[int],
    seconds: list[float],
    budgets: list[float],
    cap: float,
    ceilings: list[int],
    floor: float,
    muscles: tuple[str, ...],
) -> None:
    """Sets for the big movers still under the week's floor before anything else is filled: one
    at a time to the accessory that gives the most of those muscles' missing sets per second
    (a lunge before a leg extension when quads and glutes are both short), never past a session's
    minutes, an exercise's ceiling or the band's top."""
    week = WeekSets(skeleton, sets, seconds)
    items = skeleton.items
    pool = [
        index
        for index, item in enumerate(items)
        if item.role != "main" and item.exercise.counts_as_hard_sets
    ]
    wanted = set(muscles)
    while True:
        best, best_key, best_count = -1, None, 0
        for index in pool:
            # an exercise starts with two sets (a coach writes two or none): its gain and its
            # changeover are weighed over both, not over a first set that looks dear alone
            count = MIN_SETS if sets[index] == 0 else 1
            if not _floor_fits(week, index, budgets, cap, ceilings[index], count):
                continue
            gain = sum(
                min(weight * count, floor - week.totals.get(muscle, 0.0))
                for muscle, weight in items[index].contributions
                if muscle in wanted and week.totals.get(muscle, 0.0) < floor - 1e-9
            )
            if gain <= 1e-9:
                continue
            # the emptier session first (a tenth of its minutes at a time), as in allocate: a
            # split's second push day is not left bare once the first has the week's floor
            session = items[index].session
            fill = math.floor(week.used[session] / max(budgets[session], 1.0) * 10)
            key = (-fill, gain / max(week.cost(index, count), 1.0), -sets[index], -index)
            if best_key is None or key > best_key:
                best, best_key, best_count = index, key, count
        if best < 0:
            return
        week.add(best, best_count)


MAX_SWAPS = 3
"""Sets a session may give up to make room for one set toward the floor."""


def reach_floor(
    skeleton: Skeleton,
    sets: list[int],
    seconds: list[float],
    budgets: list[float],
    cap: float,
    ceilings: list[int],
    floor: float,
    muscles: tuple[str, ...],
    pull_per_push: float = PULL_PER_PUSH,
    soft: frozenset[int] = frozenset(),
) -> None:
    """The last word on the floor, once the week is filled: a big mover still under it takes a
    set of the exercise that gives the most of the missing sets per second, in time the session
    has or makes by giving up sets whose muscles stay at the floor (a third set of lunges for
    quads already at 11 makes room for the week's only chest work); a press comes with the
    pulling set the pull:push floor asks for, and a main lift keeps at least two sets.
    ``soft`` items' sets are too far from failure to count as hard sets this week (a main
    lift's light day early in a block): they count for time, not for the floor."""
    week = WeekSets(skeleton, sets, seconds, soft)
    items = skeleton.items
    wanted = set(muscles)
    for _ in range(4 * len(items)):
        short = {m for m in wanted if week.totals.get(m, 0.0) < floor - 1e-9}
        if not short:
            return
        gains = []
        for index, item in enumerate(items):
            gain = sum(
                min(weight, floor - week.totals.get(muscle, 0.0))
                for muscle, weight in item.contributions
                if muscle in short
            )
            if index in soft or dropped_main(item, week.sets[index]):
                continue
            if gain > 1e-9 and _under_limits(week, index, cap, ceilings[index], short):
                gains.append((-gain / max(week.cost(index), 1.0), item.role == "main", index))
        order = [i for *_key, i in sorted(gains)]
        if not any(
            _add_toward_floor(week, i, budgets, cap, ceilings, floor, wanted, pull_per_push)
            for i in order
        ) and not any(
            _trade_toward_floor(week, i, budgets, cap, ceilings, floor, wanted, pull_per_push)
            for i in order
        ):
            break
    rebalance_sessions(week, budgets, cap, ceilings, floor, wanted, pull_per_push)


MAX_REBALANCES = 12
"""Moves the session rebalance may make in a week (each lowers the week's missing sets)."""


def rebalance_sessions(
    week: WeekSets,
    budgets: list[float],
    cap: float,
    ceilings: list[int],
    floor: float,
    wanted: set[str],
    pull_per_push: float,
) -> None:
    """A full session's time spent again where the floor needs it: one set of an exercise comes
    off and the freed seconds are refilled with the sets that give the short muscles the most
    per second (a 3-minute row set for two leg curls and an overhead press when the back has
    sets to spare and the hamstrings and shoulders have none). A move is kept only when the
    week's missing sets fall (_shortfall) and the pull:push floor still holds; main lifts keep
    two sets, graded-exposure leads theirs and a week's step for an injured area its one."""
    items = week.skeleton.items
    for _ in range(MAX_REBALANCES):
        before = _shortfall(week, floor, wanted)
        if before <= 1e-9:
            return
        best: tuple[float, int, list[int]] | None = None
        for session in week.skeleton.sessions:
            if not _helps_session(week, session.items, floor, wanted):
                continue
            for give in session.items:
                kept = max(2 if items[give].role == "main" else 0, kept_sets(items[give]))
                if week.sets[give] <= kept or items[give].lead:
                    continue
                saved = week.snapshot()
                week.add(give, -1)
                added = _refill(week, session.items, give, budgets, cap, ceilings, floor, wanted)
                after = _shortfall(week, floor, wanted)
                balanced = week.pull >= week.push * pull_per_push - 1e-9
                better = best is None or after < best[0] - 1e-9
                if added and balanced and after < before - 1e-9 and better:
                    best = (after, give, added)
                week.restore(saved)
        if best is None:
            return
        _after, given, added = best
        week.add(given, -1)
        for index in added:
            week.add(index)


def _helps_session(week: WeekSets, indices: list[int], floor: float, wanted: set[str]) -> bool:
    """Some exercise of the session trains a floor muscle still under the floor."""
    items = week.skeleton.items
    return any(
        muscle in wanted and week.totals.get(muscle, 0.0) < floor - 1e-9
        for index in indices
        for muscle, _weight in items[index].contributions
    )


def _refill(
    week: WeekSets,
    indices: list[int],
    given: int,
    budgets: list[float],
    cap: float,
    ceilings: list[int],
    floor: float,
    wanted: set[str],
) -> list[int]:
    """Add sets to the session (never of ``given``) while its minutes allow, each time the one
    that gives the short floor muscles the most per second (never a single set of a main
    lift this week's minutes left out: it comes back at two, on another week); the sets added,
    in order."""
    items = week.skeleton.items
    added: list[int] = []
    while True:
        short = {m for m in wanted if week.totals.get(m, 0.0) < floor - 1e-9}
        if not short:
            return added
        best, best_key = -1, 0.0
        for index in indices:
            if index == given or index in week.soft or dropped_main(items[index], week.sets[index]):
                continue
            gain = sum(
                min(weight, floor - week.totals.get(muscle, 0.0))
                for muscle, weight in items[index].contributions
                if muscle in short
            )
            if gain <= 1e-9 or not week.has_time(index, budgets):
                continue
            if not _under_limits(week, index, cap, ceilings[index], short):
                continue
            key = gain / max(week.cost(index), 1.0)
            if key > best_key:
                best, best_key = index, key
        if best < 0:
            return added
        week.add(best)
        added.append(best)


def _shortfall(week: WeekSets, floor: float, wanted: set[str]) -> float:
    """How far the floor muscles are from the floor: the squares of their missing sets, so a
    trade that shares a deficit (chest 1.5 short → chest and hamstrings half a set each) counts
    as progress."""
    return sum(max(0.0, floor - week.totals.get(muscle, 0.0)) ** 2 for muscle in wanted)


def _trade_toward_floor(
    week: WeekSets,
    index: int,
    budgets: list[float],
    cap: float,
    ceilings: list[int],
    floor: float,
    wanted: set[str],
    pull_per_push: float,
) -> bool:
    """A set of ``index`` for sets that take a floor muscle under the floor, kept only when the
    week's missing sets fall (a squat set costing the hamstrings half a set at the floor makes
    room for a whole chest set the week lacks); False with the week unchanged otherwise."""
    saved = week.snapshot()
    before = _shortfall(week, floor, wanted)
    if _add_toward_floor(
        week, index, budgets, cap, ceilings, floor, wanted, pull_per_push, trade=True
    ):
        if _shortfall(week, floor, wanted) < before - 1e-9:
            return True
        week.restore(saved)
    return False


def _under_limits(
    week: WeekSets, index: int, cap: float, ceiling: int, short: set[str] | None = None
) -> bool:
    """One more set keeps the exercise under its ceiling and its prime movers under the band's
    top (a synergist up to the report's ceiling). With ``short``, the muscles under the floor
    the set is for: a big mover that is not short may then pass the band's top up to the
    report's ceiling (a beginner's glutes at 10 are no reason to leave the quads short)."""
    item = week.skeleton.items[index]
    if week.sets[index] >= ceiling:
        return False
    for muscle, weight in item.contributions:
        held = held_to_band(muscle, short)
        limit = cap * share(muscle) if muscle in item.primary and held else SET_CEILING
        if week.totals.get(muscle, 0.0) + weight > limit + 1e-9:
            return False
    return True


def _add_toward_floor(
    week: WeekSets,
    index: int,
    budgets: list[float],
    cap: float,
    ceilings: list[int],
    floor: float,
    wanted: set[str],
    pull_per_push: float,
    trade: bool = False,
) -> bool:
    """Add a set of ``index`` (its pulling partner first when it is a press), making room in its
    session when needed; False, with the week unchanged, when it cannot be done."""
    items = week.skeleton.items
    partner = None
    press = push_pull_side(items[index].exercise.pattern) > 0
    if press and week.pull < (week.push + 1) * pull_per_push - 1e-9:
        pulls = [
            i
            for i, item in enumerate(items)
            if push_pull_side(item.exercise.pattern) < 0
            and _under_limits(week, i, BALANCE_CAP, ceilings[i])
        ]
        pulls.sort(key=lambda i: (week.cost(i), week.sets[i], i))
        partner = next(
            (i for i in pulls if _make_time(week, i, budgets, floor, wanted, pull_per_push, trade)),
            None,
        )
        if partner is None:
            return False
        week.add(partner)
    if _make_time(week, index, budgets, floor, wanted, pull_per_push, trade, keep=partner):
        week.add(index)
        return True
    if partner is not None:
        week.add(partner, -1)
    return False


def _make_time(
    week: WeekSets,
    index: int,
    budgets: list[float],
    floor: float,
    wanted: set[str],
    pull_per_push: float,
    trade: bool = False,
    keep: int | None = None,
) -> bool:
    """Free time for one more set of ``index`` in its session by taking off up to MAX_SWAPS sets
    that no floor muscle (unless ``trade``: the caller weighs the cost), the pull:push floor or
    a main lift's two sets need; True when the set fits (the sets taken off stay off), False
    with the week unchanged."""
    if week.has_time(index, budgets):
        return True
    items = week.skeleton.items
    session = week.skeleton.sessions[items[index].session]
    taken: list[int] = []
    while len(taken) < MAX_SWAPS:
        spare = [
            other
            for other in session.items
            if other not in (index, keep)
            and _can_give(week, other, floor, wanted, pull_per_push, trade)
        ]
        if not spare:
            break
        # the set the floor misses least for the time it frees first (a squat set's half
        # hamstring set for its 3 minutes before a superset lunge's for 1); arms, calves and
        # core before a big mover; accessories before a main lift
        other = max(
            spare,
            key=lambda i: (
                0.0
                if i in week.soft
                else -_floor_loss(week, items[i], floor, wanted) / max(-week.cost(i, -1), 1.0),
                items[i].role != "main",
                lowest_share(week, items[i]),
                week.sets[i],
                i,
            ),
        )
        week.add(other, -1)
        taken.append(other)
        if week.has_time(index, budgets):
            return True
    for other in taken:
        week.add(other)
    return False


def _floor_loss(week: WeekSets, item: Item, floor: float, wanted: set[str]) -> float:
    """Sets under the floor one set less of ``item`` would leave its floor muscles missing."""
    return sum(
        min(weight, max(0.0, floor - (week.totals.get(muscle, 0.0) - weight)))
        for muscle, weight in item.contributions
        if muscle in wanted
    )


def _can_give(
    week: WeekSets,
    index: int,
    floor: float,
    wanted: set[str],
    pull_per_push: float,
    trade: bool = False,
) -> bool:
    """A set of ``index`` can go: the main lift keeps two, the floor muscles stay at the floor
    (unless ``trade``) and the pulls at the pull:push floor."""
    item = week.skeleton.items[index]
    if week.sets[index] <= max(2 if item.role == "main" else 0, kept_sets(item)) or item.lead:
        return False
    soft = index in week.soft  # not a hard set: it takes nothing from the floor
    if not trade and not soft and _floor_loss(week, item, floor, wanted) > 1e-9:
        return False
    pull = push_pull_side(item.exercise.pattern) < 0
    # the set it makes room for may be a press: the pulls stay balanced with it too
    return not (pull and week.pull - 1 < (week.push + 1) * pull_per_push - 1e-9)


def _floor_fits(
    week: WeekSets, index: int, budgets: list[float], cap: float, ceiling: int, count: int = 1
) -> bool:
    """``count`` sets toward the floor fit when their session has the time, their exercise stays
    within its ceiling and its prime movers within the band's top; a synergist may pass the top
    up to the report's ceiling (a Nordic curl's half set for the glutes, already full from
    squats, is no reason to leave the hamstrings short)."""
    item = week.skeleton.items[index]
    if week.sets[index] + count > ceiling:
        return False
    session = item.session
    if week.used[session] + week.cost(index, count) > budgets[session] + 1e-9:
        return False
    for muscle, weight in item.contributions:
        limit = cap * share(muscle) if muscle in item.primary else SET_CEILING
        if week.totals.get(muscle, 0.0) + weight * count > limit + 1e-9:
            return False
    return True
