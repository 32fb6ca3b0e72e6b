"""The set-shape pass: a build week's singles become two sets, move or go; six sets of one
accessory are shared out; an injured area's step and pull:push are kept. And the floor pass
before it, which starts an exercise with two sets."""

from __future__ import annotations

from dataclasses import replace

from core.exercises.library import find_exercise
from core.generation.engine.allocation import WeekSets, session_used
from core.generation.engine.floor_fill import fill_floor
from core.generation.engine.floor_gaps import close_floor_gaps
from core.generation.engine.sessions import Item, Session, Skeleton
from core.generation.engine.set_shape import shape_sets
from core.generation.engine.single_sets import Limits
from core.generation.engine.timing import CHANGEOVER_SECONDS

FLOOR_MUSCLES = ("chest", "back", "quads", "hamstrings", "glutes", "shoulders")


def _item(name: str, role: str = "accessory", session: int = 0, **flags: bool) -> Item:
    entry = find_exercise(name)
    assert entry is not None, name
    contributions = tuple((m, 1.0) for m in entry.primary) + tuple(
        (m, 0.5) for m in entry.secondary
    )
    return Item(entry, role, session, contributions, tuple(entry.primary), **flags)


def _skeleton(items: list[Item]) -> Skeleton:
    sessions = sorted({item.session for item in items})
    return Skeleton(
        [
            Session(
                day,
                "Full",
                "lift",
                "",
                items=[i for i, it in enumerate(items) if it.session == day],
            )
            for day in sessions
        ],
        items,
        0,
    )


def _shape(
    items: list[Item],
    sets: list[int],
    budget: float = 3600,
    floor: float = 0.0,
    pull_per_push: float = 0.0,
    cap: float = 30,
) -> list[int]:
    sessions = sorted({item.session for item in items})
    skeleton = _skeleton(items)
    shaped = list(sets)
    seconds = [60.0] * len(items)
    budgets = [budget] * len(sessions)
    shape_sets(
        skeleton,
        shaped,
        seconds,
        budgets,
        cap,
        [5] * len(items),
        pull_per_push,
        floor,
        FLOOR_MUSCLES,
    )
    return shaped


def test_a_single_set_becomes_two_when_the_session_has_the_minutes():
    items = [_item("Back Squat", "main"), _item("Lying Leg Curl")]
    assert _shape(items, [3, 1]) == [3, 2]


def test_a_single_without_the_minutes_takes_a_set_from_an_alike_exercise_or_joins_it():
    items = [_item("Lying Leg Curl"), _item("Seated Leg Curl")]
    full = 4 * 60 + 2 * CHANGEOVER_SECONDS  # four sets and two changeovers: no set more
    # the other curl has three sets: it gives one
    assert _shape(items, [1, 3], budget=full) == [2, 2]
    # it has two (none to give): the one set joins it
    assert _shape(items, [1, 2], budget=3 * 60 + 2 * CHANGEOVER_SECONDS) == [0, 3]


def test_arms_calves_and_core_get_two_sets_or_none():
    items = [_item("Back Squat", "main"), _item("Dumbbell Curl")]
    assert _shape(items, [3, 1]) == [3, 2]
    # a curl that would not leave a set's minutes to spare goes, the squat keeps its sets
    assert _shape(items, [3, 1], budget=4 * 60 + 2 * 60 + 30) == [3, 0]


def test_six_sets_of_one_accessory_are_shared_with_an_alike_exercise():
    items = [_item("Lying Leg Curl"), _item("Seated Leg Curl", session=1)]
    assert _shape(items, [6, 2]) == [5, 3]
    # with nowhere to go, the sixth set is cut
    assert _shape(items[:1], [6]) == [5]


def test_an_injured_areas_step_keeps_its_single_set():
    items = [_item("Spanish Squat", exposure=True)]
    assert _shape(items, [1], budget=60) == [1]


def test_a_push_single_is_not_raised_past_the_pull_per_push_ratio():
    items = [_item("Dumbbell Bench Press"), _item("Chest-Supported Dumbbell Row")]
    # pull 2, push 1: a second press set would leave pull at 1.0 × push, fine at 0.8
    assert _shape(items, [1, 2], pull_per_push=0.8) == [2, 2]
    # a shoulder's 1.0 × push needs pull ≥ push: 2 pulls hold 2 presses; 1 pull does not
    assert _shape(items, [1, 1], pull_per_push=1.0)[0] != 2


def test_a_single_no_change_resolves_is_two_sets_or_none():
    # one lone set of the only quad exercise, no minutes to raise it and nowhere to move it:
    # dropped, though the quads fall under their floor (a token set is no training)
    items = [_item("Goblet Squat")]
    assert _shape(items, [1], budget=60, floor=1.0) == [0]
    assert _shape(items, [1], budget=60, floor=0.0) == [0]


def test_an_injured_areas_single_step_takes_its_second_set_from_a_longer_exercise():
    # a knee's Spanish squat is never dropped: with no minute left, a set of the session's
    # four-set press makes the room for its second set
    items = [_item("Spanish Squat", exposure=True), _item("Dumbbell Bench Press")]
    full = 5 * 60 + 2 * CHANGEOVER_SECONDS
    assert _shape(items, [1, 4], budget=full) == [2, 3]


def test_a_pull_the_ratio_needs_stays_rather_than_go_when_nothing_makes_room():
    # a row's single set is the week's only pull: dropping it would leave pull:push at 0
    items = [_item("Chest-Supported Dumbbell Row"), _item("Dumbbell Bench Press")]
    full = 3 * 60 + 2 * CHANGEOVER_SECONDS
    assert _shape(items, [1, 2], budget=full, pull_per_push=0.5) == [1, 2]


# --- the last resort: the week rearranged around a single (core.generation.engine.single_sets) ---


def test_a_single_at_the_top_of_its_band_takes_the_room_from_its_muscles_row_elsewhere():
    # the back is at the band's top (5) and at the floor: a second chin-up set on Wednesday
    # comes from Monday's fourth set of pulldowns, not a token single
    items = [_item("Lat Pulldown"), _item("Chin-Up", session=1)]
    full = 4 * 60 + CHANGEOVER_SECONDS  # Monday's four sets fill it
    assert _shape(items, [4, 1], budget=full, floor=5.0, cap=5) == [3, 2]


def test_two_singles_of_a_muscle_become_one_exercises_two_sets():
    items = [_item("Band Lat Pulldown"), _item("One-Arm Dumbbell Row")]
    full = 2 * 60 + 2 * CHANGEOVER_SECONDS  # no minute for a third set alongside them
    pulldown, row = _shape(items, [1, 1], budget=full, floor=2.0)
    assert pulldown == 0 and row >= 2  # (the changeover saved may hold the row's third)


def test_a_single_the_floor_needs_takes_its_second_set_from_a_third_set_elsewhere():
    # a second sit-to-stand set for the single-leg bridge's third takes the hamstrings (half a
    # set from each bridge set) half a set under their floor; the single alone would be dropped
    # as a token set and leave the quads none, so the floor-gap pass makes the trade (missing
    # sets squared: 2.25 without it, 0.25 with it)
    items = [_item("Sit-to-Stand"), _item("Single-Leg Glute Bridge")]
    full = 4 * 60 + 2 * CHANGEOVER_SECONDS
    assert _shape(items, [1, 3], budget=full, floor=1.5) == [2, 2]


def test_a_core_single_whose_half_set_a_floor_muscle_needs_gets_its_second_set():
    # a bear crawl's half quad set is the quads' floor: it gets a second set where one fits,
    # rather than going for lack of a spare set's minutes after it
    items = [_item("Bear Crawl")]
    budget = 2 * 60 + CHANGEOVER_SECONDS
    assert _shape(items, [1], budget=budget, floor=0.5) == [2]
    assert _shape(items, [1], budget=budget, floor=0.0) == [0]


def test_a_muscle_under_the_floor_gets_two_sets_for_an_arm_exercises_two():
    # a full session with no hamstring work: the curls' two sets make way for two leg curl sets
    # (core.generation.engine.floor_gaps)
    items = [_item("Lying Leg Curl"), _item("Dumbbell Curl")]
    full = 2 * 60 + CHANGEOVER_SECONDS
    assert _shape(items, [0, 2], budget=full, floor=2.0) == [2, 0]
    # with the hamstrings at their floor already, nothing changes
    assert _shape(items, [0, 2], budget=full, floor=0.0) == [0, 2]


def test_the_floor_pass_starts_an_exercise_with_two_sets_not_a_token_one():
    # the hamstrings need one set to reach a floor of 1: the leg curl starts with two (a coach
    # writes two sets or none), its changeover weighed over both
    items = [_item("Lying Leg Curl")]
    sets = [0]
    fill_floor(_skeleton(items), sets, [60.0], [3600.0], 30, [5], 1.0, FLOOR_MUSCLES)
    assert sets == [2]
    # no room for two: none
    sets = [0]
    fill_floor(
        _skeleton(items), sets, [60.0], [90.0 + CHANGEOVER_SECONDS], 30, [5], 1.0, FLOOR_MUSCLES
    )
    assert sets == [0]


def test_a_main_lifts_fourth_set_at_rir_1_costs_the_top_sets_changeover() -> None:
    # straight sets at RIR 1 become a top set and back-off sets from the fourth set: that set
    # costs its own time and the changeover between the two rows, in the week's running totals
    # and in its session's minutes from the start
    squat = _item("Back Squat", "main")
    squat.splits_at = 4
    skeleton = _skeleton([squat])
    week = WeekSets(skeleton, [3], [120.0])
    assert week.cost(0) == 120.0 + CHANGEOVER_SECONDS
    week.add(0)
    assert week.cost(0) == 120.0 and week.cost(0, -1) == -120.0 - CHANGEOVER_SECONDS
    assert week.used[0] == session_used(skeleton, 0, [4], [120.0])
    squat.splits_at = 0  # a week at RIR 2: straight sets however many
    assert WeekSets(skeleton, [3], [120.0]).cost(0) == 120.0


def test_a_muscle_at_its_floor_is_not_emptied_to_lift_another_a_little_short() -> None:
    # the shoulders a set under a floor of 2 (the push-ups' half sets), the hamstrings at it:
    # trading the leg curl's two sets for two of an Arnold press lifts the shoulders but leaves
    # the hamstrings 2 short; the missing sets squared (1 before, 4 after) say no
    # (core.generation.engine.floor_gaps)
    items = [_item("Lying Leg Curl"), _item("Push-Up"), _item("Arnold Press")]
    sets = [2, 2, 0]
    skeleton = _skeleton(items)
    full = WeekSets(skeleton, list(sets), [60.0] * len(items)).used[0]
    week = WeekSets(skeleton, sets, [60.0] * len(items))
    limits = Limits([full], 30, [5] * len(items), 0.0, 2.0, ("chest", "hamstrings", "shoulders"))
    close_floor_gaps(week, limits)
    assert sets == [2, 2, 0]
    assert week.totals["hamstrings"] == 2.0
    # where the session has the time, the Arnold press's two sets come on top
    week = WeekSets(skeleton, sets, [60.0] * len(items))
    close_floor_gaps(week, replace(limits, budgets=[full + 2 * 60 + CHANGEOVER_SECONDS]))
    assert sets == [2, 2, 2]


def test_a_main_lift_with_four_sets_gives_two_for_a_muscle_with_none() -> None:
    # a full 30-minute day: the squat's four sets and no chest work; one squat set frees too
    # little for a press's two, two free enough, and the quads stay at their floor of 2
    # (core.generation.engine.floor_gaps)
    items = [_item("Back Squat", "main"), _item("Machine Chest Press")]
    sets = [4, 0]
    skeleton = _skeleton(items)
    seconds = [120.0, 60.0]
    full = WeekSets(skeleton, list(sets), seconds).used[0]
    week = WeekSets(skeleton, sets, seconds)
    limits = Limits([full], 30, [5, 5], 0.0, 2.0, ("chest", "quads"))
    close_floor_gaps(week, limits)
    assert sets == [2, 2]
    assert week.totals["chest"] == 2.0 and week.totals["quads"] == 2.0


def test_the_floor_gap_pass_counts_a_single_set_as_the_token_set_it_will_be_dropped_as() -> None:
    # a push-up single's chest set is no set once the set-shape pass drops it: the gap pass
    # gives it its second set where the minutes allow rather than counting the chest at 1
    items = [_item("Lying Leg Curl"), _item("Push-Up")]
    sets = [2, 1]
    skeleton = _skeleton(items)
    full = WeekSets(skeleton, list(sets), [60.0] * len(items)).used[0]
    week = WeekSets(skeleton, sets, [60.0] * len(items))
    limits = Limits([full + 60], 30, [5, 5], 0.0, 1.0, ("chest", "hamstrings"))
    close_floor_gaps(week, limits)
    assert sets == [2, 2]


def test_an_injured_areas_step_takes_its_second_set_only_with_the_pull_it_needs():
    # an injured shoulder's pull:push of 1: the step's second set (a band lateral raise, a
    # press) takes a face pull set with it where the minutes allow, never the week past it
    items = [
        _item("Band Lateral Raise", "rehab", exposure=True),
        _item("Band Face Pull"),
        _item("Band Chest Press"),
    ]
    assert _shape(items, [1, 3, 2], pull_per_push=1.0) == [2, 4, 2]
    # no minute for the pull: the step keeps its single set rather than the ratio giving way
    full = session_used(_skeleton(items), 0, [1, 3, 2], [60.0] * 3) + 60
    shaped = _shape(items, [1, 3, 2], budget=full, pull_per_push=1.0)
    assert shaped[1] >= shaped[0] + shaped[2], shaped


def test_a_pull_single_the_ratio_needs_goes_to_another_pull_with_the_minutes():
    # Monday's reverse fly is a single its session has no minute for, and the week's pull:push
    # needs its set: Thursday's row, with time to spare, takes it instead of a token set (no
    # merge: the two share no prime mover)
    items = [
        _item("Dumbbell Reverse Fly", session=0),
        _item("Push-Up", session=0),
        _item("Arnold Press", session=0),
        _item("Dumbbell Row", session=1),
    ]
    sets = [1, 2, 2, 2]
    full = session_used(_skeleton(items), 0, sets, [60.0] * len(items))
    assert _shape(items, sets, budget=full, pull_per_push=0.8) == [0, 2, 2, 3]
