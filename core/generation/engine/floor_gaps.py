"""The last look at a build week's floor, once every exercise has a coach's number of sets: a
big mover still under the floor the week can hold gets its sets from a small rearrangement.

The floor pass (core.generation.engine.floor_fill.reach_floor) adds one set at a time, and the
set-shape pass then holds each exercise to two to five sets; in a tight week (a 20-minute
session, one or two sessions a week) the two can leave a muscle half a set short that a coach
would still fit: two sets of a leg curl where the week has none, for the fourth set of rows and
a curl's two sets; a third push-up set with a pulling set beside it. This pass tries, for each
exercise that trains a short muscle, one more set (two where it has none) with up to two sets
taken elsewhere to make the time (a set of an exercise with three or more, a main lift keeping
two, two of one with four or more, or both sets of an exercise with two) and, for a press, a
pulling set for the pull:push ratio. It keeps the change that leaves no floor muscle short,
else the one that leaves their missing sets squared lowest (a deficit shared is better than
one muscle far short: two muscles half a set short are not traded for a third emptied), while
it lowers them, under the same limits as a single's rearrangement
(core.generation.engine.single_sets): the sessions' minutes, two to five sets an exercise,
pull:push and the band's top.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from itertools import combinations

from core.generation.engine.allocation import WeekSets, push_pull_side
from core.generation.engine.single_sets import (
    Limits,
    Move,
    allowed,
    before_changes,
    donations,
    keeps_set,
)
from core.validation.set_counts import MAX_ACCESSORY_SETS, MIN_SETS

MAX_ROUNDS = 6
"""Rearrangements a week may take (each lowers its missing sets)."""


def _kept_totals(week: WeekSets) -> dict[str, float]:
    """The week's hard sets without the single sets the set-shape pass drops after this one
    (a token set is no training: ``set_shape._two_or_none``): a single box squat set that
    closed the hamstrings' gap by half a set leaves it open again once it goes."""
    totals = dict(week.totals)
    for index, item in enumerate(week.skeleton.items):
        if week.sets[index] != 1 or item.role == "main" or keeps_set(item) or index in week.soft:
            continue
        for muscle, weight in item.contributions:
            totals[muscle] = totals.get(muscle, 0.0) - weight
    return totals


def _gap(week: WeekSets, limits: Limits) -> tuple[bool, float, int]:
    """How far the floor muscles are under the floor the week can hold, once its token single
    sets are gone: whether any is, then their missing sets squared, then how many (the chest a
    set short and the shoulders half a set short are a smaller gap than the hamstrings emptied
    for them)."""
    kept = limits.kept_floor
    totals = _kept_totals(week)
    missing = [max(0.0, kept - totals.get(muscle, 0.0)) for muscle in limits.floor_muscles]
    count = sum(gap > 1e-9 for gap in missing)
    return count > 0, round(sum(gap**2 for gap in missing), 6), count


def _more(week: WeekSets, index: int, limits: Limits) -> Move | None:
    """One more set of an exercise (two where it has none), under its ceiling; None when it
    has no room."""
    item, sets = week.skeleton.items[index], week.sets[index]
    if index in week.soft or (item.role == "main" and sets < MIN_SETS):
        return None
    most = max(limits.ceilings[index], MIN_SETS)
    most = most if item.role == "main" else min(most, MAX_ACCESSORY_SETS)
    step = MIN_SETS - sets if sets < MIN_SETS else 1
    return (index, step) if sets + step <= most else None


def _changes(week: WeekSets, short: set[str], limits: Limits) -> Iterator[list[Move]]:
    items = week.skeleton.items
    raises = [
        move
        for index, item in enumerate(items)
        if any(muscle in short for muscle, _weight in item.contributions)
        and (move := _more(week, index, limits)) is not None
    ]
    pulls = [
        move
        for index, item in enumerate(items)
        if push_pull_side(item.exercise.pattern) < 0
        and (move := _more(week, index, limits)) is not None
    ]
    for lift in raises:
        given = donations(week, lift[0], any_pair=True) + _two_off(week, lift[0])
        partners: list[list[Move]] = [[]]
        if push_pull_side(items[lift[0]].exercise.pattern) > 0:
            partners += [[pull] for pull in pulls if pull[0] != lift[0]]
        for partner in partners:
            base = [lift, *partner]
            taken = {index for index, _change in base}
            free = [move for move in given if move[0] not in taken]
            yield base
            for count in (1, 2):
                for donors in combinations(free, count):
                    if len({index for index, _change in donors}) == count:
                        yield base + list(donors)


def _two_off(week: WeekSets, raised: int) -> list[Move]:
    """Two sets off an exercise with four or more, a main lift keeping two (a 30-minute day's
    four squat sets give the time for two of the week's only chest work)."""
    return [
        (index, -2)
        for index, item in enumerate(week.skeleton.items)
        if index != raised
        and index not in week.soft
        and not keeps_set(item)
        and week.sets[index] >= 2 * MIN_SETS
    ]


def close_floor_gaps(week: WeekSets, limits: Limits, overrun: float = 0.0) -> None:
    """Rearrange the week, in place, while a floor muscle is under the floor it can hold and a
    change lowers the missing sets (see the module); where none fits the sessions' minutes, the
    missing sets may take a session up to the ``overrun`` seconds a written session may run over
    (rests.overrun_seconds: what the session's last trim allows)."""
    _close(week, limits)
    if overrun > 0:
        _close(week, replace(limits, budgets=[budget + overrun for budget in limits.budgets]))


def _close(week: WeekSets, limits: Limits) -> None:
    items = week.skeleton.items
    for _ in range(MAX_ROUNDS):
        kept, totals = limits.kept_floor, _kept_totals(week)
        short = {m for m in limits.floor_muscles if totals.get(m, 0.0) < kept - 1e-9}
        if not short:
            return
        current = _gap(week, limits)
        before = before_changes(week, limits)
        best: tuple[tuple[tuple[bool, float, int], int, int, int], list[Move]] | None = None
        for moves in _changes(week, short, limits):
            saved = week.snapshot()
            for index, change in moves:
                week.add(index, change)
            gap = _gap(week, limits)
            if gap < current and allowed(
                week, moves, limits, before, keep_floor=False, short=frozenset(short)
            ):
                mains_cut = sum(-c for i, c in moves if c < 0 and items[i].role == "main")
                key = (gap, len(moves), mains_cut, -sum(week.sets))
                if best is None or key < best[0]:
                    best = (key, moves)
            week.restore(saved)
        if best is None:
            return
        for index, change in best[1]:
            week.add(index, change)
