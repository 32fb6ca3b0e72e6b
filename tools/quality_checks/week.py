"""The week's shape: training days, session time, weekly sets per muscle, pull:push, sets an
exercise and rests."""

from __future__ import annotations

from core.validation.measures import HARD_SET_BANDS
from core.validation.rest_periods import long_rests, rest_problem, rested_sets
from core.validation.set_counts import judged_blocks, set_count_problems, set_counts
from core.validation.volume_floor import (
    LEVEL_FLOOR,
    SET_CEILING,
    floor_muscles,
    goal_muscles,
    hard_set_limit,
)
from core.validation.week_insights import (
    MAIN_MUSCLES,
    balance_met,
    hard_sets,
    is_lift,
    is_timed,
    outside_band,
    pull_needed,
    push_pull_sets,
    session_share,
    time_band,
    week_floor,
)
from tools.quality_checks.program import GeneratedProgram, Outcome, outcome, place_of, wanted_days


def check_days(program: GeneratedProgram) -> Outcome:
    low, high = wanted_days(program.profile, program.program_type)
    failures, counts = [], set()
    for meso, micro in program.full_weeks():
        if program.is_event_week(micro):
            continue
        days = len({workout.date for workout in micro.workouts})
        counts.add(days)
        free = program.free_days(micro)
        fewest = low if free is None else min(low, free)
        if not fewest <= days <= high or days > program.profile.days_per_week:
            failures.append(f"{meso.phase} wk {micro.week_number}: {days} days")
    shown = "–".join(str(n) for n in sorted({min(counts), max(counts)})) if counts else "0"
    asked = f"{low}" if low == high else f"{low}–{high}"
    return outcome(f"{shown} of {asked} days", failures)


def check_session_time(program: GeneratedProgram) -> Outcome:
    """Lifting sessions of build weeks at 70–105 % of the client's minutes; no lifting, metcon,
    rehab or mobility session of a full week under half (runs are as long as their distance); the
    event's week is the event check's."""
    minutes = program.profile.minutes_per_session
    shares: list[float] = []
    failures = []
    for meso, micro in program.full_weeks():
        if program.is_event_week(micro):
            continue  # openers and pre-event mobility are short on purpose (the event check)
        for workout in micro.workouts:
            if not is_timed(workout):
                continue
            share = session_share(workout, minutes)
            shares.append(share)
            low, high = time_band(workout, micro.deload)
            if not low <= share <= high:
                failures.append(f"{place_of(micro, workout, meso)} {workout.title}: {share:.0%}")
    if not shares:
        return outcome("no timed sessions", [])
    return outcome(f"{min(shares):.0%}–{max(shares):.0%} of {minutes} min", failures)


def has_lifting(program: GeneratedProgram) -> bool:
    return any(
        is_lift(workout) for _meso, micro in program.full_weeks() for workout in micro.workouts
    )


def check_volume(program: GeneratedProgram) -> Outcome:
    """Build-week hard sets of the goal's muscles between the floor and 22; the floor is the
    level's, or what the week's lifting minutes can hold when that is less (the figure says so)."""
    profile = program.profile
    muscles = floor_muscles(profile)
    if not has_lifting(program):
        return outcome("no lifting", [])
    failures, lowest, highest = [], float("inf"), 0.0
    floors: set[float] = set()
    for meso, micro in program.measured_weeks():
        totals = hard_sets(micro.workouts)
        floor = week_floor(profile, micro.workouts)
        floors.add(floor)
        for muscle in MAIN_MUSCLES:
            sets = totals.get(muscle, 0.0)
            highest = max(highest, sets)
            if muscle in muscles:
                lowest = min(lowest, sets)
            if outside_band(sets, muscle in muscles, floor):
                failures.append(f"{meso.phase} wk {micro.week_number} {muscle} {sets:g}")
    low = "-" if lowest == float("inf") else f"{lowest:g}"
    level = LEVEL_FLOOR[profile.experience] * goal_muscles(profile.goal)[1]
    band = "–".join(f"{floor:g}" for floor in sorted({min(floors), max(floors)})) if floors else "-"
    timed = " (floor scaled to the lifting minutes)" if floors and min(floors) < level else ""
    return outcome(f"{low}–{highest:g} sets (band {band}–{SET_CEILING}){timed}", failures)


def check_set_limits(program: GeneratedProgram) -> Outcome:
    """No muscle past the weekly hard sets the validator warns above (volume_floor.hard_set_limit:
    22 for a big mover, the level band's top for arms, calves and core): the engine, the
    validator and the report agree on one limit."""
    top = HARD_SET_BANDS[program.profile.experience][1]
    failures, highest = [], 0.0
    for meso, micro in program.full_weeks():
        for muscle, sets in hard_sets(micro.workouts).items():
            highest = max(highest, sets)
            if sets > hard_set_limit(muscle, top):
                failures.append(f"{meso.phase} wk {micro.week_number} {muscle} {sets:g}")
    return outcome(f"most {highest:g} sets a muscle", failures)


def check_balance(program: GeneratedProgram) -> Outcome:
    """Weekly pull sets ≥ push / 1.25, and ≥ push with an injured shoulder (measured weeks)."""
    needed = pull_needed(program.profile)
    ratios, failures = [], []
    for meso, micro in program.measured_weeks():
        push, pull = push_pull_sets(micro.workouts)
        if push == 0:
            continue
        ratios.append(pull / push)
        if not balance_met(push, pull, needed):
            failures.append(f"{meso.phase} wk {micro.week_number}: pull {pull} / push {push}")
    if not ratios:
        return outcome("no pushing", [])
    return outcome(f"pull:push ≥ {min(ratios):.2f} (need {needed:.2f})", failures)


def check_set_counts(program: GeneratedProgram) -> Outcome:
    """Every exercise of a build week's working blocks has 2-5 sets (a main lift up to 8): no
    token single sets, no six sets of one accessory (``core.validation.set_counts``)."""
    failures, judged = [], 0
    for meso, micro in program.build_weeks():
        for workout in micro.workouts:
            for block in judged_blocks(workout):
                judged += len(set_counts(block))
            failures += [
                f"{place_of(micro, workout, meso)} {problem}"
                for problem in set_count_problems(workout)
            ]
    return outcome(f"{judged - len(failures)} of {judged} exercises with 2–5 sets", failures)


def check_rests(program: GeneratedProgram) -> Outcome:
    """No working set rests longer than its effort calls for (``core.validation.rest_periods``:
    5 minutes after a heavy main-lift set, 3 after sets of 9-12, 2 after single-joint work)."""
    failures, judged = [], 0
    for meso, micro in program.full_weeks():
        for workout in micro.workouts:
            judged += rested_sets(workout)
            failures += [
                f"{place_of(micro, workout, meso)} {rest_problem(exercise, ceiling)}"
                for exercise, ceiling in long_rests(workout)
            ]
    return outcome(f"{judged - len(failures)} of {judged} exercises rest to their effort", failures)
