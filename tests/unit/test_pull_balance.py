"""The allocation's main-lift and pull:push rules: pull sets come first (balance_and_fill),
made room for by a push accessory's sets, then by a set of an exercise that is neither, and
last by a main lift's sets above two; the band's trim (trim_to_cap) cuts the pulls last; two
main lifts of one movement take turns by week (drop_extra_mains), and a main lift a week left
out is not brought back by the floor's refill (floor_fill.reach_floor)."""

from __future__ import annotations

from core.exercises.library import find_exercise
from core.generation.engine.allocation import (
    WeekSets,
    balance_and_fill,
    drop_extra_mains,
    trim_to_cap,
)
from core.generation.engine.floor_fill import reach_floor
from core.generation.engine.sessions import Item, Session, Skeleton
from core.generation.engine.timing import CHANGEOVER_SECONDS

SET_SECONDS = 120.0


def _item(name: str, role: str = "accessory") -> Item:
    entry = find_exercise(name)
    assert entry is not None, name
    contributions = tuple((m, 1.0) for m in entry.primary) + tuple(
        (m, 0.5) for m in entry.secondary
    )
    return Item(entry, role, 0, contributions, tuple(entry.primary))


def _skeleton(items: list[Item]) -> Skeleton:
    return Skeleton([Session(0, "Full", "lift", "", items=list(range(len(items))))], items, 0)


def _balance(items: list[Item], sets: list[int], pull_per_push: float) -> list[int]:
    skeleton = _skeleton(items)
    seconds = [SET_SECONDS] * len(items)
    full = WeekSets(skeleton, list(sets), seconds).used[0]  # no minute to spare
    balanced = list(sets)
    balance_and_fill(skeleton, balanced, seconds, [full], 30, [5] * len(items), pull_per_push)
    return balanced


def _shoulder_day() -> list[Item]:
    """A squat, an injured shoulder's chest press step (it keeps a set) and a row."""
    items = [
        _item("Back Squat", "main"),
        _item("Machine Chest Press"),
        _item("One-Arm Dumbbell Row"),
    ]
    items[1].exposure = True
    return items


def test_a_full_days_main_lift_gives_sets_above_two_to_the_pulls_an_injured_shoulder_needs():
    # 20 minutes: five squat sets and the press step, no pulling at all; the row takes the
    # squat's sets, the squat keeps two
    squat, press, row = _balance(_shoulder_day(), [5, 2, 0], pull_per_push=1.0)
    assert row >= press >= 1
    assert squat >= 2 and squat < 5


def test_a_main_lift_at_two_sets_keeps_them():
    squat, _press, row = _balance(_shoulder_day(), [2, 1, 0], pull_per_push=1.0)
    assert squat == 2 and row == 0


def test_a_back_over_the_bands_top_gives_up_a_rack_pull_before_the_rows():
    # deadlifts and rack pulls fill the back as prime movers; the row, a later slot, also
    # holds pull:push, so the trim takes the rack pull's sets first
    items = [_item("Deadlift", "main"), _item("Rack Pull", "secondary"), _item("Barbell Row")]
    sets = [5, 4, 4]
    trim_to_cap(_skeleton(items), sets, cap=10)
    assert sets == [5, 1, 4]


def test_a_back_squat_and_a_front_squat_take_turns_by_week_not_share_a_day():
    items = [
        _item("Back Squat", "main"),
        _item("Front Squat", "main"),
        _item("Bench Press", "main"),
    ]
    seconds = [SET_SECONDS] * len(items)
    for week in range(4):
        sets = [3, 2, 3]
        drop_extra_mains(_skeleton(items), sets, seconds, [3600.0], week)
        squats = sets[:2]
        assert sorted(squats) == [0, 3], (week, sets)  # one squat, with the day's three sets
        assert sets[2] == 3
        assert (squats[0] > 0) == (week % 2 == 0)


def test_a_main_lift_left_out_this_week_is_not_brought_back_by_the_floor():
    # the back squat took its turn off and the quads are under the floor: the floor's session
    # rebalance may not trade leg curl sets to bring it back (it came back at a single set
    # where the minutes held only one)
    items = [_item("Back Squat", "main"), _item("Lying Leg Curl")]
    sets = [0, 4]
    skeleton = _skeleton(items)
    seconds = [SET_SECONDS] * len(items)
    # a set's time and a changeover to spare: a freed leg curl set would pay for one squat set
    budget = WeekSets(skeleton, list(sets), seconds).used[0] + CHANGEOVER_SECONDS
    reach_floor(skeleton, sets, seconds, [budget], 30, [5, 5], 2.0, ("quads", "hamstrings"))
    assert sets == [0, 4]
