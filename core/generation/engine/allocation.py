"""Sets per exercise: fit each session's minutes and each muscle's weekly band; deload cuts."""

from __future__ import annotations

import math
from collections.abc import Collection

from core.generation.engine.rounding import round_half_up
from core.generation.engine.sessions import Item, Skeleton
from core.generation.engine.timing import CHANGEOVER_SECONDS
from core.validation.set_counts import MIN_SETS
from core.validation.week_insights import PULL, PULL_PER_PUSH, PUSH

CHANGEOVER = CHANGEOVER_SECONDS
"""Each exercise with a set costs a changeover; one with none costs nothing (the session's
budget gives the first exercise's back)."""


def unpaired(lead: int, partner: int) -> int:
    """Sets of a superset's (or a paired set's) first exercise with no partner set after them:
    each rests alone (core.generation.engine.workouts writes them so)."""
    return max(0, lead - partner)


def partner_leads(skeleton: Skeleton) -> dict[int, int]:
    """{partner's index: its lead's index} for the supersets and paired sets of a skeleton."""
    return {
        item.partner_index: index
        for index, item in enumerate(skeleton.items)
        if item.partner_index is not None
    }


def changeover(leads: dict[int, int], sets: list[int], index: int) -> float:
    """The changeover before an exercise with sets: none for a partner whose lead has sets too
    (the two stations are set up together: core.generation.engine.timing)."""
    if sets[index] <= 0:
        return 0.0
    lead = leads.get(index)
    return 0.0 if lead is not None and sets[lead] > 0 else CHANGEOVER


def split_changeover(item: Item, sets: int) -> float:
    """The changeover between a top set and its back-off sets, once ``sets`` split them."""
    return CHANGEOVER if item.splits_at and sets >= item.splits_at else 0.0


def session_used(skeleton: Skeleton, session: int, sets: list[int], seconds: list[float]) -> float:
    """Seconds a session's working sets and changeovers take (a superset's first exercise rests
    after each of its sets its partner has no set for)."""
    used = 0.0
    leads = partner_leads(skeleton)
    for index in skeleton.sessions[session].items:
        if sets[index] <= 0:
            continue
        used += sets[index] * seconds[index] + changeover(leads, sets, index)
        used += split_changeover(skeleton.items[index], sets[index])
        partner = skeleton.items[index].partner_index
        if partner is not None:
            used += unpaired(sets[index], sets[partner]) * skeleton.items[index].solo_rest
    return used


DELOAD_VOLUME = 0.55
"""Deload keeps 55 % of the sets: volume −45 % (docs/domain.md §4: −40–50 %)."""


def fit_main_sets(
    skeleton: Skeleton, sets: list[int], seconds: list[float], budgets: list[float]
) -> None:
    """Cut main-lift sets (largest first) until every session fits its minutes with the main
    lifts alone (a paired set's partner may lose its sets later); every main lift keeps at least
    two (one set is a token: a session that cannot hold two of each drops a main lift,
    ``drop_extra_mains``)."""
    items = skeleton.items

    def cost(index: int) -> float:
        # as if alone: a paired main lift's partner may lose its sets to the trims that follow
        alone = sets[index] if items[index].partner_index is not None else 0
        return sets[index] * seconds[index] + CHANGEOVER + alone * items[index].solo_rest

    for session_index, session in enumerate(skeleton.sessions):
        mains = [index for index in session.items if items[index].role == "main"]
        used = sum(cost(index) for index in mains if sets[index])
        while used > budgets[session_index] and any(sets[index] > 0 for index in mains):
            index = max(mains, key=lambda i: (sets[i], -i))
            if sets[index] <= MIN_SETS:
                break
            used -= cost(index)
            sets[index] -= 1
            used += cost(index)


def dropped_main(item: Item, sets: int) -> bool:
    """A main lift this week's minutes left out (``drop_extra_mains``): a later pass gives it no
    single set (it comes back at two, on another week)."""
    return item.role == "main" and sets == 0


def drop_extra_mains(
    skeleton: Skeleton,
    sets: list[int],
    seconds: list[float],
    budgets: list[float],
    week: int = 0,
    fixed: list[float] | None = None,
    most: int | None = None,
) -> None:
    """A session still over its minutes once accessories are gone keeps the main lifts that fit,
    never one at a single set, taken in turns by kind: a squat or hinge, a press, a pull, then
    a second of each, each kind's lifts taking turns by build ``week``. A 30-minute day with
    five given lifts trains squat, bench press and row one week, deadlift, overhead press and
    row the next: every lift comes in the block and no week presses without pulling. Two lifts
    of one movement left in a session take turns too (``_alternate_twins``). ``fixed`` holds
    each main lift's time beyond its sets (its ramp-up sets), which the session's budget was
    cut by: a lift left out gives it back, so the session's other work has it. A session keeps
    at most ``most`` main lifts, by the same turns (a 40-minute day with five given lifts
    ramps up to three of them a week, not five)."""
    items = skeleton.items
    extra = fixed or [0.0] * len(items)
    if most is not None:
        for session_index, session in enumerate(skeleton.sessions):
            mains = [i for i in session.items if items[i].role == "main" and sets[i]]
            for index in _turns(skeleton, mains, week)[most:]:
                sets[index] = 0
                budgets[session_index] += extra[index]

    def cost(index: int) -> float:
        # with the rests its paired set's partner, left without sets, does not fill
        partner = items[index].partner_index
        alone = unpaired(sets[index], sets[partner]) if partner is not None else 0
        solo = alone * items[index].solo_rest
        return sets[index] * seconds[index] + (CHANGEOVER if sets[index] else 0) + solo

    for session_index, session in enumerate(skeleton.sessions):
        mains = [index for index in session.items if items[index].role == "main"]
        used = session_used(skeleton, session_index, sets, seconds)
        room = budgets[session_index] - (used - sum(cost(index) for index in mains))
        room += sum(extra[index] for index in mains if sets[index])
        if sum(cost(index) + extra[index] for index in mains if sets[index]) > room + 1e-9:
            turns, kept = _turns(skeleton, [i for i in mains if sets[i]], week), 0
            for index in turns:
                if kept and cost(index) + extra[index] > room + 1e-9:
                    break
                room -= cost(index) + extra[index]
                kept += 1
            for index in turns[kept:]:
                sets[index] = 0  # main lifts are never in a superset: no partner's rest changes
                budgets[session_index] += extra[index]
        _alternate_twins(skeleton, mains, sets, week)


def _alternate_twins(skeleton: Skeleton, mains: list[int], sets: list[int], week: int) -> None:
    """Two main lifts of one movement kept in a session (a back squat and a front squat, both
    given 1RMs on a once-a-week day) take turns by build ``week`` instead of sharing the day: a
    coach does not ramp up to two squats in one session, and each still comes every other
    week. The lift kept takes the other's sets where it had fewer (the time is already there)."""
    items = skeleton.items
    by_pattern: dict[str, list[int]] = {}
    for index in mains:
        if sets[index] > 0:
            by_pattern.setdefault(items[index].exercise.pattern, []).append(index)
    for twins in by_pattern.values():
        kept = twins[week % len(twins)]
        for index in twins:
            if index != kept:
                sets[kept] = max(sets[kept], sets[index])  # the day's time it had, and more
                sets[index] = 0


def _turns(skeleton: Skeleton, mains: list[int], week: int) -> list[int]:
    """A session's main lifts in the order they are kept: one of each kind (lower body, press,
    pull, in the session's order of kinds), then a second of each…, each kind's lifts taking
    turns by ``week``."""
    kinds: dict[int, list[int]] = {}
    for index in mains:
        kinds.setdefault(push_pull_side(skeleton.items[index].exercise.pattern), []).append(index)
    rounds = max((len(group) for group in kinds.values()), default=0)
    return [
        group[(week + turn) % len(group)]
        for turn in range(rounds)
        for group in kinds.values()
        if turn < len(group)
    ]


MINOR_MUSCLES = frozenset({"biceps", "triceps", "calves", "core"})
MINOR_SHARE = 0.6
"""Arms, calves and core get 60 % of a main muscle's weekly target and ceiling: the big
movers (chest, back, shoulders, quads, hamstrings, glutes) come first."""


def held_to_band(muscle: str, short: Collection[str] | None) -> bool:
    """A change toward the floor holds ``muscle`` to the band's top: always without ``short``;
    with it (the muscles under the floor the change is for), the short muscles and arms, calves
    and core, while a big mover that is not short may pass the top up to the report's ceiling
    (a beginner's glutes at 10 are no reason to leave the hamstrings short when every hinge
    trains both)."""
    return short is None or muscle in short or muscle in MINOR_MUSCLES


def share(muscle: str) -> float:
    return MINOR_SHARE if muscle in MINOR_MUSCLES else 1.0


def muscle_totals(
    skeleton: Skeleton, sets: list[int], soft: frozenset[int] = frozenset()
) -> dict[str, float]:
    totals: dict[str, float] = {}
    for index, item in enumerate(skeleton.items):
        if index in soft:
            continue
        for muscle, weight in item.contributions:
            totals[muscle] = totals.get(muscle, 0.0) + weight * sets[index]
    return totals


def allocate(
    skeleton: Skeleton,
    start: list[int],
    seconds: list[float],
    budgets: list[float],
    target: float,
    cap: float,
    ceilings: list[int],
) -> list[int]:
    """Greedy and deterministic: add one set at a time to the exercise whose prime movers are
    furthest below the weekly target, never pushing a muscle above the band's top or a session
    past its minutes; ties go to the exercise with fewer sets (spreads volume over the week).
    Compound (secondary) slots get their first two sets before isolation work."""
    items = skeleton.items
    sets = list(start)
    week = WeekSets(skeleton, sets, seconds)
    totals = week.totals
    compounds = [index for index, item in enumerate(items) if item.role == "secondary"]
    others = [index for index, item in enumerate(items) if item.role != "main"]
    for pool, limit in ((compounds, 2), (others, None)):
        while True:
            best, best_key = -1, None
            for index in pool:
                item = items[index]
                ceiling = ceilings[index] if limit is None else limit
                if sets[index] >= ceiling:
                    continue
                if not week.has_time(index, budgets):
                    continue
                if not any(
                    totals.get(muscle, 0.0) < target * share(muscle) - 1e-9
                    for muscle in item.primary
                ):
                    continue
                gain = 0.0
                for muscle, weight in item.contributions:
                    value = totals.get(muscle, 0.0)
                    if value + weight > cap * share(muscle) + 1e-9:
                        gain = -1.0
                        break
                    if value < target * share(muscle) - 1e-9:
                        gain += weight
                if gain <= 0:
                    continue
                # the emptier session first (a tenth of its minutes at a time), so a split's
                # later days are not left bare once the first ones have used the muscles' band
                fill = math.floor(week.used[item.session] / max(budgets[item.session], 1.0) * 10)
                key = (-fill, gain, -sets[index], -index)
                if best_key is None or key > best_key:
                    best, best_key = index, key
            if best < 0:
                break
            week.add(best)
    return sets


FILL_FIRST, FILL_LAST = 0.76, 0.92
"""Sets are added until a session uses this share of its minutes for working sets: from the
first build week to the last, so the weekly sets still grow over a block."""


def push_pull_side(pattern: str) -> int:
    return 1 if pattern in PUSH else -1 if pattern in PULL else 0


class WeekSets:
    """The running totals a set is added against: muscles, session seconds, push and pull."""

    def __init__(
        self,
        skeleton: Skeleton,
        sets: list[int],
        seconds: list[float],
        soft: frozenset[int] = frozenset(),
    ) -> None:
        self.skeleton, self.sets, self.seconds, self.soft = skeleton, sets, seconds, soft
        self.leads = partner_leads(skeleton)
        self.totals = muscle_totals(skeleton, sets, soft)
        self.used = [
            session_used(skeleton, i, sets, seconds) for i in range(len(skeleton.sessions))
        ]
        self.sides = [push_pull_side(item.exercise.pattern) for item in skeleton.items]
        self.push = self.pull = 0
        for index, side in enumerate(self.sides):
            self.push += sets[index] if side > 0 else 0
            self.pull += sets[index] if side < 0 else 0

    def snapshot(self) -> tuple[list[int], dict[str, float], list[float], int, int]:
        return list(self.sets), dict(self.totals), list(self.used), self.push, self.pull

    def restore(self, saved: tuple[list[int], dict[str, float], list[float], int, int]) -> None:
        sets, totals, used, self.push, self.pull = saved
        self.sets[:] = sets
        self.totals.clear()
        self.totals.update(totals)
        self.used[:] = used

    def add(self, index: int, count: int = 1) -> None:
        item = self.skeleton.items[index]
        self.used[item.session] += self.cost(index, count)
        self.sets[index] += count
        if index not in self.soft:
            totals = self.totals
            for muscle, weight in item.contributions:
                totals[muscle] = totals.get(muscle, 0.0) + weight * count
        side = self.sides[index]
        if side > 0:
            self.push += count
        elif side < 0:
            self.pull += count

    def cost(self, index: int, count: int = 1) -> float:
        """Seconds ``count`` more sets of an exercise add to its session: the sets, a changeover
        when it starts or stops, and a superset's rests (its first exercise rests alone after
        each set its partner has none for)."""
        items, sets = self.skeleton.items, self.sets
        before, after = sets[index], sets[index] + count
        partner = items[index].partner_index
        lead = self.leads.get(index)
        started = (after > 0) - (before > 0)  # 1: it starts, -1: it stops, 0: neither
        cost = count * self.seconds[index]
        cost += split_changeover(items[index], after) - split_changeover(items[index], before)
        if started:
            # its own changeover (none after a lead with sets), and its partner's, which it
            # takes away by starting (the two stations are set up together) or gives back
            if lead is None or sets[lead] <= 0:
                cost += CHANGEOVER * started
            if partner is not None and sets[partner] > 0:
                cost -= CHANGEOVER * started
        if partner is not None:
            change = unpaired(after, sets[partner]) - unpaired(before, sets[partner])
            cost += change * items[index].solo_rest
        if lead is not None:
            change = unpaired(sets[lead], after) - unpaired(sets[lead], before)
            cost += change * items[lead].solo_rest
        return cost

    def has_time(self, index: int, budgets: list[float]) -> bool:
        """One more set fits the session's minutes."""
        item = self.skeleton.items[index]
        return self.used[item.session] + self.cost(index) <= budgets[item.session] + 1e-9

    def fits(self, index: int, budgets: list[float], cap: float, ceiling: int) -> bool:
        item = self.skeleton.items[index]
        if self.sets[index] >= ceiling or not self.has_time(index, budgets):
            return False
        return all(
            self.totals.get(muscle, 0.0) + weight <= cap * share(muscle) + 1e-9
            for muscle, weight in item.contributions
        )


MAIN_KEEPS_SETS = 2
"""A main lift gives sets to the pull:push floor down to two, never fewer."""


def _make_room(
    week: WeekSets, pulls: list[int], budgets: list[float], cap: float, ceilings: list[int]
) -> bool:
    """Swap a set of another exercise that is neither a press nor a pull for a pull set in its
    session: an accessory's first, then a main lift's above two sets (a 20-minute day's fifth
    squat set before its only row)."""
    items = week.skeleton.items
    for pull in sorted(pulls, key=lambda i: (week.sets[i], i)):
        if week.sets[pull] >= ceilings[pull]:
            continue
        session = week.skeleton.sessions[items[pull].session]
        others = [
            index
            for index in session.items
            if push_pull_side(items[index].exercise.pattern) == 0
            and week.sets[index] > (MAIN_KEEPS_SETS if items[index].role == "main" else 0)
        ]
        main_last = sorted(others, key=lambda i: (items[i].role == "main", -week.sets[i], i))
        for other in main_last:
            week.add(other, -1)
            if week.fits(pull, budgets, cap, ceilings[pull]):
                week.add(pull)
                return True
            week.add(other)
    return False


def balance_and_fill(
    skeleton: Skeleton,
    sets: list[int],
    seconds: list[float],
    budgets: list[float],
    cap: float,
    ceilings: list[int],
    pull_per_push: float = PULL_PER_PUSH,
    progress: float = 1.0,
    fill_floor: float = 0.0,
) -> None:
    """Pull sets up to the pull:push floor (push accessories cut when no pull set fits), then
    sets added where the week's muscles are lowest until every session is nearly full, never
    above the band's top, an exercise's ceiling or the pull:push floor; main lifts take extra
    sets only where nothing else fits and their muscles are below ``fill_floor``."""
    week = WeekSets(skeleton, sets, seconds)
    items = skeleton.items
    others = [index for index, item in enumerate(items) if item.role != "main"]
    pulls = [index for index in others if push_pull_side(items[index].exercise.pattern) < 0]
    pushes = [index for index in others if push_pull_side(items[index].exercise.pattern) > 0]
    while week.pull < week.push * pull_per_push - 1e-9:
        fitting = [i for i in pulls if week.fits(i, budgets, cap, ceilings[i])]
        if fitting:
            week.add(min(fitting, key=lambda i: (sets[i], i)))
            continue
        # a pressing accessory's set goes first, where its muscles have the most to spare (an
        # overhead press before the week's only chest work); a main lift (never below two
        # sets) only once no accessory press is left or can give its place to a pull
        cuttable = [i for i in pushes if sets[i] > kept_sets(items[i])] + [
            index
            for index, item in enumerate(items)
            if item.role == "main" and push_pull_side(item.exercise.pattern) > 0 and sets[index] > 2
        ]
        pick = max(
            cuttable,
            key=lambda i: (items[i].role != "main", lowest_share(week, items[i]), sets[i], i),
            default=None,
        )
        main_next = pick is None or items[pick].role == "main"
        if main_next and _make_room(week, pulls, budgets, cap, ceilings):
            continue
        if pick is None:
            break
        week.add(pick, -1)
    share_now = FILL_FIRST + (FILL_LAST - FILL_FIRST) * progress
    open_sessions = set(range(len(skeleton.sessions)))
    while open_sessions:
        # the emptiest session (by share of its minutes) takes the next set: the muscles' band
        # is spread over the week's days instead of used up by the first ones
        session_index = min(open_sessions, key=lambda i: (week.used[i] / max(budgets[i], 1.0), i))
        if week.used[session_index] >= budgets[session_index] * share_now:
            open_sessions.discard(session_index)
            continue
        session = skeleton.sessions[session_index]
        pool = [index for index in session.items if items[index].role != "main"]
        fitting = [index for index in pool if week.fits(index, budgets, cap, ceilings[index])]
        if not fitting:
            # nothing else fits: a main lift takes another set where its muscles are short
            fitting = [
                index
                for index in session.items
                if items[index].role == "main"
                and not dropped_main(items[index], sets[index])
                and week.fits(index, budgets, cap, ceilings[index])
                and lowest_share(week, items[index]) < fill_floor
            ]
        if not fitting:
            open_sessions.discard(session_index)
            continue
        best = min(fitting, key=lambda i: (lowest_share(week, items[i]), sets[i], i))
        balanced = week.pull >= (week.push + 1) * pull_per_push - 1e-9
        if push_pull_side(items[best].exercise.pattern) > 0 and not balanced:
            # a pressing set needs its pulling partner first, anywhere in the week
            partners = [i for i in pulls if week.fits(i, budgets, cap, ceilings[i])]
            if partners:
                week.add(min(partners, key=lambda i: (sets[i], i)))
                continue
            fitting = [i for i in fitting if push_pull_side(items[i].exercise.pattern) <= 0]
            if not fitting:
                open_sessions.discard(session_index)
                continue
            best = min(fitting, key=lambda i: (lowest_share(week, items[i]), sets[i], i))
        week.add(best)


def lowest_share(week: WeekSets, item: Item) -> float:
    """How far the item's least-trained prime mover is from its ceiling (lower: more needed)."""
    return min(week.totals.get(muscle, 0.0) / share(muscle) for muscle in item.primary)


def kept_sets(item: Item) -> int:
    """Sets a trim leaves: a graded-exposure step that must train its area (sessions.Item.lead
    and .exposure) always keeps one."""
    return 1 if item.lead or item.exposure else 0


def trim_to_cap(skeleton: Skeleton, sets: list[int], cap: float) -> None:
    """Take accessory sets off (last slots first, pulls last) while a muscle is above the band's
    top: a back full of deadlift and rack pull sets gives up the rack pull before the rows that
    also hold pull:push (cutting the rows first left the week's presses no pulls to pair)."""
    others = [index for index, item in enumerate(skeleton.items) if item.role != "main"]
    totals = muscle_totals(skeleton, sets)
    pulls_last = sorted(
        reversed(others),
        key=lambda index: push_pull_side(skeleton.items[index].exercise.pattern) < 0,
    )
    for index in pulls_last:
        item = skeleton.items[index]
        while sets[index] > kept_sets(item) and any(
            totals.get(muscle, 0.0) > cap + 1e-9 for muscle, _ in item.contributions
        ):
            sets[index] -= 1
            for muscle, weight in item.contributions:
                totals[muscle] -= weight


def trim_to_budget(
    skeleton: Skeleton, sets: list[int], seconds: list[float], budgets: list[float]
) -> None:
    """Drop accessory sets from any session over its minutes, where the muscles have most."""
    week = WeekSets(skeleton, sets, seconds)
    items = skeleton.items
    for session_index, session in enumerate(skeleton.sessions):
        others = [index for index in session.items if items[index].role != "main"]
        while week.used[session_index] > budgets[session_index] + 1e-9:
            # the set whose muscles have the most to spare goes first (the week's only chest
            # work stays while the legs have sets to give)
            left = [index for index in others if sets[index] > kept_sets(items[index])]
            if not left:
                break
            week.add(max(left, key=lambda i: (lowest_share(week, items[i]), sets[i], i)), -1)


def deload_sets(skeleton: Skeleton, builds: list[list[int]], main_sets: int) -> list[int]:
    """Deload: about 55 % of the last build week's sets, and at most 60 % of the lightest build
    week's (a main lift no more than its fewest in a build week); accessories go first, every
    session keeps at least one exercise."""
    items = skeleton.items

    def fewest(index: int) -> int:
        """A main lift's fewest sets in a build week that had it: a deload is never heavier
        than a week of the block (a first week that spread its minutes over more exercises)."""
        return min((week[index] for week in builds if week[index] > 0), default=main_sets)

    sets = [
        0
        if count == 0
        else max(1, min(main_sets, fewest(index), round_half_up(count * DELOAD_VOLUME)))
        if item.role == "main"
        else round_half_up(count * DELOAD_VOLUME)
        for index, (item, count) in enumerate(zip(items, builds[-1], strict=True))
    ]
    limit = max(1, math.floor(min(sum(week) for week in builds) * 0.6))

    def reducible(index: int) -> bool:
        if sets[index] <= kept_sets(items[index]):
            return False
        if sets[index] != 1:
            return sets[index] > 1
        session = skeleton.sessions[items[index].session]
        return any(sets[other] > 0 for other in session.items if other != index)

    others = [index for index, item in enumerate(items) if item.role != "main"]
    mains = [index for index, item in enumerate(items) if item.role == "main"]
    built = [sum(builds[-1][index] for index in session.items) for session in skeleton.sessions]

    def kept(index: int) -> float:
        """Share of its build sets the exercise's session still has: the cuts are spread over
        the week, so no session of a deload is left a few minutes long."""
        session = items[index].session
        left = sum(sets[other] for other in skeleton.sessions[session].items)
        return left / max(built[session], 1)

    while sum(sets) > limit:
        pool = [index for index in others if reducible(index)]
        pool = pool or [index for index in mains if reducible(index)]
        if not pool:
            break
        sets[max(reversed(pool), key=lambda index: (kept(index), sets[index]))] -= 1
    for session in skeleton.sessions:
        if session.items and all(sets[index] == 0 for index in session.items):
            sets[session.items[0]] = 1
    return sets
