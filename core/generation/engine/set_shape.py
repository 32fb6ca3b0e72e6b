"""The last pass over a build week's sets: every exercise gets a coach's number of sets.

The allocation adds one set at a time where a muscle is short, so it can leave an accessory with
a single set (a token, not training) or pile six onto the one exercise a muscle has. This pass
holds every non-main exercise to ``core.validation.set_counts`` (2 to 5 sets; a main lift keeps
its own rule) while keeping the week's volume and pull:push where it can. A set only moves
between "alike" exercises: the receiver works every prime mover of the giver, on the same side
(push, pull or neither).

1. Over five sets: each extra set goes to an alike exercise with room (its session first, then
   the week); what finds none is cut.
2. A big mover's single set becomes two when the session's minutes, the muscles' band and
   pull:push allow, if need be with a set taken from an alike accessory of the session that has
   three or more; else it moves to an alike exercise with room; a single the week can spare (every
   floor muscle stays at the floor without it, pull:push holds) is dropped, and the minutes it
   leaves may raise another single.
3. Arms, calves and core: two sets where a set more would still fit after them, else none.

A graded-exposure step (an injured area's rung, a rehab session's lead) always keeps its set.
"""

from __future__ import annotations

from collections.abc import Iterator

from core.generation.engine.allocation import WeekSets, push_pull_side
from core.generation.engine.floor_gaps import close_floor_gaps
from core.generation.engine.rests import OVERRUN_LIMIT
from core.generation.engine.sessions import Item, Skeleton
from core.generation.engine.single_sets import (
    Limits,
    donations,
    floor_kept,
    keeps_set,
    minor,
    resolve_single,
)
from core.validation.set_counts import MAX_ACCESSORY_SETS, MIN_SETS


def _alike(one: Item, other: Item) -> bool:
    """A set of ``one`` can move to ``other`` without changing what the week trains: ``other``
    works every prime mover of ``one``, and both are a push, both a pull or both neither (so
    pull:push stays)."""
    same_side = push_pull_side(one.exercise.pattern) == push_pull_side(other.exercise.pattern)
    return same_side and set(one.primary) <= set(other.primary)


def _receiver(
    week: WeekSets, giver: int, budgets: list[float], cap: float, same_session: bool
) -> int | None:
    """An exercise for the giver's prime movers that can take one more set (two or more sets
    already, under the accessory maximum, time and band permitting)."""
    items, sets = week.skeleton.items, week.sets
    candidates = [
        index
        for index, item in enumerate(items)
        if index != giver
        and item.role != "main"
        and MIN_SETS <= sets[index] < MAX_ACCESSORY_SETS
        and _alike(items[giver], item)
        and (item.session == items[giver].session) == same_session
        and week.fits(index, budgets, cap, MAX_ACCESSORY_SETS)
    ]
    return min(candidates, key=lambda i: (sets[i], i)) if candidates else None


def _move_one_set(week: WeekSets, index: int, budgets: list[float], cap: float) -> bool:
    """Take a set off the exercise and give it to an alike one with room (its session first);
    False when none could take it (the set is then gone)."""
    week.add(index, -1)
    for same_session in (True, False):
        receiver = _receiver(week, index, budgets, cap, same_session)
        if receiver is not None:
            week.add(receiver)
            return True
    return False


def _cut_to_maximum(week: WeekSets, index: int, budgets: list[float], cap: float) -> None:
    while week.sets[index] > MAX_ACCESSORY_SETS:
        _move_one_set(week, index, budgets, cap)


def _raise_to_two(
    week: WeekSets, index: int, budgets: list[float], cap: float, ceiling: int, limits: Limits
) -> bool:
    """One more set where it fits, if need be for a set of an alike exercise of the session
    with three or more, as long as no floor muscle falls under the floor for it (a single-leg
    bridge's half hamstring set is not traded for a sit-to-stand's second set)."""
    if week.fits(index, budgets, cap, ceiling):
        week.add(index)
        return True
    before = dict(week.totals)
    items, sets = week.skeleton.items, week.sets
    donors = [
        other
        for other in week.skeleton.sessions[items[index].session].items
        if other != index
        and items[other].role != "main"
        and sets[other] > MIN_SETS
        and not keeps_set(items[other])
        and _alike(items[other], items[index])
    ]
    for donor in sorted(donors, key=lambda i: (-sets[i], i)):
        week.add(donor, -1)
        if week.fits(index, budgets, cap, ceiling):
            week.add(index)
            if floor_kept(week, before, limits):
                return True
            week.add(index, -1)
        week.add(donor)
    return False


def _keeps_balance(week: WeekSets, index: int, pull_per_push: float) -> bool:
    """One more set of this exercise leaves pull at least ``pull_per_push`` × push."""
    if push_pull_side(week.skeleton.items[index].exercise.pattern) <= 0:
        return True
    return week.pull >= pull_per_push * (week.push + 1) - 1e-9


def _merge_or_keep(
    week: WeekSets, index: int, budgets: list[float], cap: float, limits: Limits
) -> None:
    """Give a single set to an alike exercise with room (its session first) when no floor
    muscle falls under the floor for it (the receiver may lack the single's synergist); else
    it stays."""
    saved = week.snapshot()
    if not _move_one_set(week, index, budgets, cap) or not floor_kept(week, saved[1], limits):
        week.restore(saved)


def _spare(
    week: WeekSets, index: int, floor: float, floor_muscles: tuple[str, ...], pull_per_push: float
) -> bool:
    """A single set the week can do without: not an injured area's step, every floor muscle it
    trains stays at the floor without it, and pull stays at least ``pull_per_push`` × push."""
    item = week.skeleton.items[index]
    if keeps_set(item):
        return False
    for muscle, weight in item.contributions:
        if muscle in floor_muscles and week.totals.get(muscle, 0.0) - weight < floor - 1e-9:
            return False
    side = push_pull_side(item.exercise.pattern)
    return side >= 0 or week.pull - 1 >= pull_per_push * week.push - 1e-9


def shape_sets(
    skeleton: Skeleton,
    sets: list[int],
    seconds: list[float],
    budgets: list[float],
    cap: float,
    ceilings: list[int],
    pull_per_push: float,
    floor: float,
    floor_muscles: tuple[str, ...],
    soft: frozenset[int] = frozenset(),
    reachable: float | None = None,
    overrun: float = 0.0,
) -> None:
    """Hold a build week's non-main exercises to 2-5 sets, in place (see the module); ``soft``
    main lifts are not hard sets (they count toward no muscle's floor); ``reachable`` is the
    floor the week's lifting minutes can hold (core.validation.volume_floor.hard_set_floor, the
    report's), ``floor`` when not given; ``overrun`` the seconds a session may run over for a
    floor muscle's missing sets (``close_floor_gaps``)."""
    week = WeekSets(skeleton, sets, seconds, soft)
    limits = Limits(budgets, cap, ceilings, pull_per_push, floor, floor_muscles, reachable)
    items = skeleton.items
    for index, item in enumerate(items):
        if item.role != "main" and sets[index] > MAX_ACCESSORY_SETS:
            _cut_to_maximum(week, index, budgets, cap)

    def singles() -> list[int]:
        return [i for i, item in enumerate(items) if item.role != "main" and sets[i] == 1]

    for index in singles():
        if minor(items[index]) and not keeps_set(items[index]):
            continue
        ceiling = max(ceilings[index], MIN_SETS)
        if _keeps_balance(week, index, pull_per_push) and _raise_to_two(
            week, index, budgets, cap, ceiling, limits
        ):
            continue
        if not keeps_set(items[index]):
            _merge_or_keep(week, index, budgets, cap, limits)
        if sets[index] == 1 and _spare(week, index, floor, floor_muscles, pull_per_push):
            week.add(index, -1)
    for index in singles():  # the minutes a dropped single left may raise another
        if not minor(items[index]) and _keeps_balance(week, index, pull_per_push):
            _raise_to_two(week, index, budgets, cap, max(ceilings[index], MIN_SETS), limits)
    # Arms, calves and core last, on the minutes the big movers left: two sets where a set more
    # would still fit after them (the written session's times are a little longer than the
    # allocation's estimates), else none.
    for index in singles():
        item = items[index]
        if not minor(item) or keeps_set(item):
            continue
        ceiling = max(ceilings[index], MIN_SETS)
        spare = week.used[item.session] + 2 * week.cost(index) <= budgets[item.session] + 1e-9
        if (
            spare
            and week.fits(index, budgets, cap, ceiling)
            and _keeps_balance(week, index, pull_per_push)
        ):
            week.add(index)
            continue
        before = dict(week.totals)
        week.add(index, -1)
        if not floor_kept(week, before, limits):
            week.add(index)  # a bear crawl's half quad set the floor needs: resolved below
    for index in singles():  # the minutes the arms, calves and core left
        if _keeps_balance(week, index, pull_per_push):
            _raise_to_two(week, index, budgets, cap, max(ceilings[index], MIN_SETS), limits)
    for index in singles():
        resolve_single(week, index, limits)
    close_floor_gaps(week, limits, overrun)
    for index in singles():
        _two_or_none(week, index, limits)


def _two_or_none(week: WeekSets, index: int, limits: Limits) -> None:
    """The last word on a single no rearrangement could resolve: an injured area's step, or a
    pull the pull:push ratio needs, takes a second set where its session has the time (up to the
    5 % a written session may run over, rests.OVERRUN_LIMIT) or makes it from a set of an
    exercise with three or more, or an arm, calf or core exercise's two (single_sets.donations)
    where no floor muscle falls under the floor for it, else stays; anything else is
    dropped, the muscles' floor notwithstanding (a token set is no training: a coach writes two
    sets or none)."""
    item = week.skeleton.items[index]
    needed_pull = week.sides[index] < 0 and week.pull - 1 < limits.pull_per_push * week.push - 1e-9
    if not keeps_set(item) and not needed_pull:
        week.add(index, -1)
        return
    over = limits.budgets[item.session] * OVERRUN_LIMIT
    items = week.skeleton.items
    donors = sorted(
        (move for move in donations(week, index) if items[move[0]].session == item.session),
        key=lambda move: (items[move[0]].role == "main", move[1], -week.sets[move[0]], move[0]),
    )
    before = dict(week.totals)
    for donor in [None, *donors]:  # its session's own time first, then a donor's sets
        if donor is not None:
            week.add(*donor)
        if week.used[item.session] + week.cost(index) <= over + 1e-9:
            week.add(index)
            if floor_kept(week, before, limits) and _balanced_or_partnered(week, limits):
                return
            week.add(index, -1)
        if donor is not None:
            week.add(donor[0], -donor[1])
    if needed_pull and not keeps_set(item):
        _hand_to_another_pull(week, index, limits, before)


def _hand_to_another_pull(
    week: WeekSets, index: int, limits: Limits, before: dict[str, float]
) -> None:
    """A pull single the ratio needs and its own session cannot make two: its set goes to
    another pull of the week with two or more sets where that session has the minute (a rowing
    set more on Monday for a single face pull on Friday), so the pull count holds without a
    token set; it stays where none can take it or a floor muscle would fall for it."""
    for other in _pulls_with_room(week, limits, index):
        week.add(index, -1)
        week.add(other)
        if floor_kept(week, before, limits):
            return
        week.add(other, -1)
        week.add(index)


def _balanced_or_partnered(week: WeekSets, limits: Limits) -> bool:
    """The week's pull:push holds, or one more set of a pull already in the week, where its
    session has the time, makes it hold (an injured shoulder's band lateral raise given its
    second set took a rehab week to ten pressing sets against nine pulls)."""
    if week.pull >= limits.pull_per_push * week.push - 1e-9:
        return True
    if week.pull + 1 < limits.pull_per_push * week.push - 1e-9:
        return False
    partner = next(_pulls_with_room(week, limits), None)
    if partner is not None:
        week.add(partner)
    return partner is not None


def _pulls_with_room(week: WeekSets, limits: Limits, skip: int | None = None) -> Iterator[int]:
    """The week's pulls with two sets or more that can take one more: under their ceiling, and
    their session has the minute."""
    items = week.skeleton.items
    for index, item in enumerate(items):
        sets = week.sets[index]
        most = min(max(limits.ceilings[index], MIN_SETS), MAX_ACCESSORY_SETS)
        if index == skip or week.sides[index] >= 0 or index in week.soft:
            continue
        if not MIN_SETS <= sets < most:
            continue
        if week.used[item.session] + week.cost(index) <= limits.budgets[item.session] + 1e-9:
            yield index
